"""The Matching page: requests, proposals with explanations, available volunteers, gaps.

Run reads the workspace on the GUI thread (fast), computes the plan in a background thread
(the solver may take seconds; the page stays responsive and the run can be abandoned), then
saves it in one transaction back on the GUI thread.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, QTime, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.errors import UserError
from disastercenter.core.ids import card_code
from disastercenter.core.times import JAPAN, local_text
from disastercenter.matching.explain import language_label, render
from disastercenter.matching.gaps import GapRow
from disastercenter.services.matching import ACTIVE, Matching, MatchRun, RequestRow
from disastercenter.services.registry import Registry
from disastercenter.ui.background import BackgroundTask
from disastercenter.ui.dialogs.request import (
    ChooseVolunteerDialog,
    RequestDialog,
    kind_label,
    place_label,
    status_label,
    urgency_label,
)
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import ID_ROLE, TableModel, language_name

#: Row colours by request status (light, so text stays readable).
STATUS_COLOURS = {"unmet": "#fde2e1", "proposed": "#fff4cc", "assigned": "#dff3e3", "open": "#eef2fb"}
FILTERS = (("active", "Active requests"), ("open", "Open or unmet"), ("proposed", "Proposed"),
           ("assigned", "Assigned"), ("all", "All, also done and cancelled"))


SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class SortableTableModel(TableModel):
    """A TableModel that sorts numbers as numbers (and by given keys), with optional row
    colours and tooltips showing the whole cell."""

    def __init__(self, headers: list[str]) -> None:
        super().__init__(headers)
        self.colours: list[str | None] = []
        self.sort_keys: list[list[object]] = []

    def set_rows(self, rows, ids=None, colours=None, sort_keys=None) -> None:  # type: ignore[no-untyped-def, override]
        self.colours = list(colours or [])
        self.sort_keys = list(sort_keys or [])
        super().set_rows(rows, ids)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        if role == SORT_ROLE:
            if index.row() < len(self.sort_keys):
                key = self.sort_keys[index.row()][index.column()]
                if key is not None:
                    return key
            value = self.rows[index.row()][index.column()]
            return value if isinstance(value, (int, float)) else str(value or "").casefold()
        if role == Qt.ItemDataRole.BackgroundRole and index.row() < len(self.colours):
            colour = self.colours[index.row()]
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


def _table(model: TableModel, sort_column: int = -1) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)  # -1: the model's own order
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setResizeContentsPrecision(50)
    return view, proxy


class MatchingPage(QWidget):
    data_changed = Signal()
    #: Emitted when a run has been saved (tests and the status bar wait for it).
    run_finished = Signal(object)

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.matching = Matching(registry.ws)
        self.task: BackgroundTask | None = None
        self.last_run: MatchRun | None = None
        self.rows: dict[str, RequestRow] = {}

        self.day = QDateEdit()
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        tomorrow = datetime.now(JAPAN) + timedelta(days=1)
        self.day.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        self.from_time = QTimeEdit(QTime(0, 0))
        self.from_time.setDisplayFormat("HH:mm")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(1, 24 * 14)
        self.hours.setDecimals(0)
        self.hours.setValue(24)
        self.period_label = QLabel()
        self.hours_label = QLabel()
        self.today_button = QPushButton()
        self.tomorrow_button = QPushButton()
        self.today_button.clicked.connect(lambda: self._set_day(0))
        self.tomorrow_button.clicked.connect(lambda: self._set_day(1))
        self.run_button = QPushButton()
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_run)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the solver reports no steps
        self.progress.setMaximumWidth(140)
        self.progress.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        for edit in (self.day, self.from_time, self.hours):
            (edit.dateChanged if isinstance(edit, QDateEdit) else
             edit.timeChanged if isinstance(edit, QTimeEdit) else edit.valueChanged).connect(
                lambda *_: self.refresh())

        self.filter = QComboBox()
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        # Headers are set in retranslate(); the column count is fixed from the start (a proxy
        # cannot follow a model whose columns appear without a reset).
        self.requests_model = SortableTableModel([""] * 9)
        self.requests_view, self.requests_proxy = _table(self.requests_model, 1)
        self.requests_view.selectionModel().selectionChanged.connect(lambda *_: self.show_details())
        self.requests_view.doubleClicked.connect(lambda _index: self.edit_request())

        self.new_button = QPushButton()
        self.accept_button = QPushButton()
        self.reject_button = QPushButton()
        self.lock_button = QPushButton()
        self.choose_button = QPushButton()
        self.cancel_request_button = QPushButton()
        self.done_button = QPushButton()
        self.gaps_button = QPushButton()
        self.dispatch_button = QPushButton()
        self.schedules_button = QPushButton()
        for button, slot in (
            (self.new_button, self.new_request), (self.accept_button, self.accept_selected),
            (self.reject_button, self.reject_selected), (self.lock_button, self.toggle_lock),
            (self.choose_button, self.choose_volunteer), (self.cancel_request_button, self.cancel_selected),
            (self.done_button, self.done_selected), (self.gaps_button, self.show_gaps),
            (self.dispatch_button, self.print_dispatch_card),
            (self.schedules_button, self.print_schedules),
        ):
            button.clicked.connect(slot)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.volunteers_label = QLabel()
        self.volunteers_model = SortableTableModel([""] * 4)
        self.volunteers_view, _ = _table(self.volunteers_model, 0)

        period = QHBoxLayout()
        period.addWidget(self.period_label)
        period.addWidget(self.day)
        period.addWidget(self.from_time)
        period.addWidget(self.hours_label)
        period.addWidget(self.hours)
        period.addWidget(self.today_button)
        period.addWidget(self.tomorrow_button)
        period.addSpacing(16)
        period.addWidget(self.run_button)
        period.addWidget(self.progress)
        period.addWidget(self.cancel_button)
        period.addStretch(1)
        actions = QHBoxLayout()
        for widget in (self.filter, self.new_button, self.accept_button, self.reject_button,
                       self.lock_button, self.choose_button, self.cancel_request_button,
                       self.done_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.dispatch_button)
        actions.addWidget(self.schedules_button)
        actions.addWidget(self.gaps_button)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.details)
        volunteers = QWidget()
        box = QVBoxLayout(volunteers)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.volunteers_label)
        box.addWidget(self.volunteers_view)
        right.addWidget(volunteers)
        splitter = QSplitter()
        splitter.addWidget(self.requests_view)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self.refresh()

    # -- the period -------------------------------------------------------------------------

    def _set_day(self, offset: int) -> None:
        day = datetime.now(JAPAN) + timedelta(days=offset)
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.from_time.setTime(QTime(0, 0))
        self.hours.setValue(24)

    def period(self) -> tuple[str, float]:
        """The start (Japan time, as text) and length in hours the page shows and runs."""
        start = f"{self.day.date().toString('yyyy-MM-dd')} {self.from_time.time().toString('HH:mm')}"
        return start, float(self.hours.value())

    def _period_utc(self) -> tuple[str, str]:
        from disastercenter.core.times import parse_time, utc_text

        start, hours = self.period()
        begin = parse_time(start)
        return utc_text(begin), utc_text(begin + timedelta(hours=hours))

    # -- texts and data ---------------------------------------------------------------------

    def retranslate(self) -> None:
        self.period_label.setText(tr("From"))
        self.hours_label.setText(tr("for (hours)"))
        self.today_button.setText(tr("Today"))
        self.tomorrow_button.setText(tr("Tomorrow"))
        self.run_button.setText(tr("Run matching"))
        self.cancel_button.setText(tr("Cancel"))
        self.new_button.setText(tr("New request…"))
        self.accept_button.setText(tr("Accept"))
        self.reject_button.setText(tr("Reject"))
        self.lock_button.setText(tr("Lock"))
        self.choose_button.setText(tr("Choose interpreter…"))
        self.cancel_request_button.setText(tr("Cancel request"))
        self.done_button.setText(tr("Mark done"))
        self.gaps_button.setText(tr("Gap report…"))
        self.dispatch_button.setText(tr("Print dispatch card…"))
        self.schedules_button.setText(tr("Print day schedules…"))
        self.volunteers_label.setText(tr("Volunteers on shift in this period"))
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        for value, label in FILTERS:
            self.filter.addItem(tr(label), value)
        self.filter.setCurrentIndex(max(self.filter.findData(current), 0))
        self.filter.blockSignals(False)
        self.requests_model.set_headers([
            tr("Urgency"), tr("When"), tr("Person"), tr("Languages"), tr("Kind"), tr("Place"),
            tr("Status"), tr("Interpreter"), tr("Why"),
        ])
        self.volunteers_model.set_headers([tr("Volunteer"), tr("Languages"), tr("Shifts"), tr("Assignments")])

    def refresh(self) -> None:
        self.retranslate()
        selected = self.selected_id()
        start, end = self._period_utc()
        which = self.filter.currentData() or "active"
        statuses = {
            "active": ACTIVE, "open": ("open", "unmet"), "proposed": ("proposed",),
            "assigned": ("assigned",), "all": (*ACTIVE, "done", "cancelled"),
        }[which]
        requests = self.matching.list_requests(statuses, start, end)
        self.rows = {r.id: r for r in requests}
        lang = i18n.language
        order = {"critical": 0, "high": 1, "normal": 2, "low": 3}
        requests.sort(key=lambda r: (r.data.start_at, order.get(r.data.urgency, 9), r.id))
        self.requests_model.set_rows(
            [[
                urgency_label(r.data.urgency), r.window_text(), r.person_name,
                ", ".join(language_name(code) for code in r.data.languages), kind_label(r.data.kind),
                place_label(r.data.place) + (f" · {r.shelter_name}" if r.shelter_name else ""),
                status_label(r.status) + (" 🔒" if r.status == "proposed" and r.assignment
                                          and r.assignment.locked else ""),
                r.assignment.volunteer_name if r.assignment else "",
                (r.assignment.text(lang) if r.assignment else r.explanation.get(lang, "")),
            ] for r in requests],
            [r.id for r in requests],
            [STATUS_COLOURS.get(r.status) for r in requests],
            [[order.get(r.data.urgency, 9), f"{r.data.start_at} {order.get(r.data.urgency, 9)}",
              None, None, None, None, None, None, None] for r in requests],
        )
        self.requests_view.resizeColumnsToContents()
        self.requests_view.setColumnWidth(8, 420)
        volunteers = self.matching.available_volunteers(start, end)
        self.volunteers_model.set_rows(
            [[v.name, ", ".join(f"{language_name(c)}" for c, _ in v.languages),
              ", ".join(f"{local_text(s, '%m/%d %H:%M')}–{local_text(e, '%H:%M')}" for s, e in v.shifts),
              v.assignments] for v in volunteers],
            [v.id for v in volunteers],
        )
        self.volunteers_view.resizeColumnsToContents()
        if selected:
            self.select_request(selected)
        self.show_details()

    def selected_id(self) -> str | None:
        rows = self.requests_view.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def selected(self) -> RequestRow | None:
        request_id = self.selected_id()
        return self.rows.get(request_id) if request_id else None

    def select_request(self, request_id: str) -> bool:
        for row in range(self.requests_proxy.rowCount()):
            index = self.requests_proxy.index(row, 0)
            if index.data(ID_ROLE) == request_id:
                self.requests_view.selectRow(row)
                return True
        return False

    def show_details(self) -> None:
        row = self.selected()
        assignment = row.assignment if row else None
        proposed = assignment is not None and assignment.status == "proposed"
        self.accept_button.setEnabled(proposed)
        self.reject_button.setEnabled(assignment is not None)
        self.lock_button.setEnabled(proposed)
        self.lock_button.setText(tr("Unlock") if proposed and assignment.locked else tr("Lock"))  # type: ignore[union-attr]
        self.choose_button.setEnabled(row is not None and row.status in ("open", "proposed", "unmet"))
        self.cancel_request_button.setEnabled(row is not None and row.status not in ("done", "cancelled"))
        self.done_button.setEnabled(row is not None and row.status == "assigned")
        self.dispatch_button.setEnabled(row is not None and row.status == "assigned")
        if row is None:
            self.details.setHtml(self._warnings_html() or
                                 f"<p>{html.escape(tr('Select a request to see why it was matched so.'))}</p>")
            return
        self.details.setHtml(self._details_html(row))

    def _details_html(self, row: RequestRow) -> str:
        e = html.escape
        request = self.matching.get_request(row.id)
        lang = i18n.language
        lines = [
            f"<h3>{e(row.person_name or row.label)} — {e(urgency_label(row.data.urgency))}</h3>",
            f"<p>{e(row.window_text())} · {e(kind_label(row.data.kind))} · "
            f"{e(place_label(row.data.place))} {e(row.data.place_detail)} · {e(row.shelter_name)}</p>",
            f"<p>{e(tr('Languages'))}: " + " → ".join(e(language_label(c, lang)) for c in row.data.languages) + "</p>",
        ]
        if row.assignment is not None:
            lines.append(f"<p><b>{e(status_label(row.status))}</b>: {e(row.assignment.text(lang))}</p>")
        elif row.explanation:
            lines.append(f"<p><b>{e(status_label(row.status))}</b>: {e(row.explanation.get(lang, ''))}</p>")
        history = "".join(
            f"<li>{e(local_text(h.at))} {e(status_label(h.status))} — {e(h.by)}"
            + (f": {e(h.text(lang))}" if h.note else "") + "</li>"
            for h in request.history
        )
        lines.append(f"<h4>{e(tr('History'))}</h4><ul>{history}</ul>")
        return "".join(lines)

    def _warnings_html(self) -> str:
        if self.last_run is None or not self.last_run.plan.warnings:
            return ""
        items = "".join(f"<li>{html.escape(render(w, i18n.language))}</li>" for w in self.last_run.plan.warnings)
        return f"<h4>{html.escape(tr('Warnings of the last run'))}</h4><ul>{items}</ul>"

    # -- printing ---------------------------------------------------------------------------

    @classmethod
    def ask_pdf_path(cls, parent: QWidget, title: str, name: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(parent, title, name, tr("PDF files (*.pdf)"))
        return path

    def print_dispatch_card(self) -> None:
        """The dispatch card of the selected, confirmed assignment, for the interpreter."""
        row = self.selected()
        if row is None or row.assignment is None or row.status != "assigned":
            return
        path = self.ask_pdf_path(self, tr("Print dispatch card"), f"dispatch-{card_code(row.assignment.id)}.pdf")
        if path:
            self._print_pdf(lambda: self.matching.print_dispatch([row.assignment.id], Path(path)))  # type: ignore[union-attr]

    def print_schedules(self) -> None:
        """A day schedule per interpreter of every confirmed assignment shown."""
        ids = [r.assignment.id for r in self.rows.values() if r.assignment is not None and r.status == "assigned"]
        if not ids:
            QMessageBox.information(self, tr("Print day schedules"),
                                    tr("No confirmed assignments in this period."))
            return
        path = self.ask_pdf_path(self, tr("Print day schedules"), "schedules.pdf")
        if path:
            self._print_pdf(lambda: self.matching.print_dispatch(ids, Path(path), schedules=True))

    def _print_pdf(self, job) -> None:  # type: ignore[no-untyped-def]
        try:
            result = job()
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not save"), exc.message(i18n.language))
            return
        self.summary.setText(tr("{count} pages written to {path}", count=result.pages, path=str(result.path)))

    # -- running ----------------------------------------------------------------------------

    def run(self) -> None:
        if self.task is not None:
            return
        start, hours = self.period()
        try:
            problem = self.matching.prepare(start, hours)
        except UserError as exc:
            QMessageBox.critical(self, tr("Matching failed"), exc.message(i18n.language))
            return
        self.task = BackgroundTask(lambda: Matching.compute(problem))
        self.task.finished_ok.connect(lambda plan: self._save_run(problem, plan))
        self.task.failed.connect(self._run_failed)
        self.task.finished.connect(self._run_ended)
        self.run_button.setEnabled(False)
        self.progress.show()
        self.cancel_button.show()
        self.summary.setText(tr("Matching {count} requests…", count=len(problem.horizon_ids)))
        self.task.start()

    def cancel_run(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.summary.setText(tr("Cancelled: nothing was changed."))
            self._run_ended()

    def _run_ended(self) -> None:
        if self.task is None:
            return
        self.task = None
        self.run_button.setEnabled(True)
        self.progress.hide()
        self.cancel_button.hide()

    def _save_run(self, problem, plan) -> None:  # type: ignore[no-untyped-def]
        self._run_ended()
        try:
            run = self.matching.save(problem, plan)
        except UserError as exc:
            self._run_failed(exc)
            return
        self.last_run = run
        s = run.summary()
        unmet = ", ".join(f"{language_name(code)} {n}" for code, n in s["unmet_by_language"].items())  # type: ignore[union-attr]
        text = tr("{requests} requests, {assigned} assigned, coverage {coverage}, urgency-weighted "
                  "coverage {weighted}.", requests=s["requests"], assigned=s["assigned"],
                  coverage=f"{s['coverage']:.0%}", weighted=f"{s['weighted_coverage']:.0%}")
        if unmet:
            text += " " + tr("Unmet: {languages}.", languages=unmet)
        if not run.plan.optimal:
            text += " " + tr("Time limit reached: the best plan found, not proven optimal.")
        self.summary.setText(text)
        self.refresh()
        self.data_changed.emit()
        self.run_finished.emit(run)

    def _run_failed(self, error: object) -> None:
        self._run_ended()
        message = error.message(i18n.language) if isinstance(error, UserError) else str(error)
        self.summary.setText(tr("Matching failed: {error}", error=message))

    # -- decisions --------------------------------------------------------------------------

    def _act(self, action) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not save"), exc.message(i18n.language))
        self.refresh()
        self.data_changed.emit()

    def accept_selected(self) -> None:
        row = self.selected()
        if row and row.assignment:
            self._act(lambda: self.matching.accept(row.assignment.id))  # type: ignore[union-attr]

    def reject_selected(self) -> None:
        row = self.selected()
        if row and row.assignment:
            self._act(lambda: self.matching.reject(row.assignment.id))  # type: ignore[union-attr]

    def toggle_lock(self) -> None:
        row = self.selected()
        if row and row.assignment:
            locked = not row.assignment.locked
            self._act(lambda: self.matching.lock(row.assignment.id, locked))  # type: ignore[union-attr]

    def cancel_selected(self) -> None:
        row = self.selected()
        if row:
            self._act(lambda: self.matching.cancel_request(row.id))

    def done_selected(self) -> None:
        row = self.selected()
        if row:
            self._act(lambda: self.matching.complete_request(row.id))

    def new_request(self, person_id: str | None = None) -> bool:
        dialog = RequestDialog(self.matching, person_id if isinstance(person_id, str) else None, None, self)
        if dialog.exec():
            self.refresh()
            if dialog.request_id:
                self.select_request(dialog.request_id)
            self.data_changed.emit()
            return True
        return False

    def edit_request(self) -> None:
        row = self.selected()
        if row and RequestDialog(self.matching, None, row.id, self).exec():
            self.refresh()
            self.data_changed.emit()

    def choose_volunteer(self) -> None:
        row = self.selected()
        if row and ChooseVolunteerDialog(self.matching, row, self).exec():
            self.refresh()
            self.data_changed.emit()

    def show_gaps(self) -> None:
        if self.last_run is None:
            QMessageBox.information(self, tr("Gap report"), tr(
                "Run matching first: the report shows what the run could not cover."))
            return
        GapReportDialog(self.matching, self.last_run.gaps(), self).exec()


class GapReportDialog(QDialog):
    """Unmet demand against supply per language and two-hour window, exportable as CSV."""

    def __init__(self, matching: Matching, rows: list[GapRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matching = matching
        self.rows = rows
        self.setWindowTitle(tr("Gap report"))
        self.resize(860, 480)
        self.model = SortableTableModel(
            [tr("Date"), tr("Window"), tr("Language"), tr("Requests"), tr("Covered"), tr("Unmet"),
             tr("Unmet critical/high"), tr("Unmet weight"), tr("Speakers on shift"), tr("Idle speakers")],
        )
        self.model.set_rows([[r.date, r.hours, language_name(r.language), r.requests, r.covered, r.unmet,
                              r.unmet_urgent, r.unmet_weight, r.speakers_on_shift, r.speakers_idle]
                             for r in rows])
        self.view, _ = _table(self.model)
        self.view.resizeColumnsToContents()
        self.message = QLabel(tr("Most urgent gaps first. Call in volunteers for the languages "
                                 "with unmet requests and no idle speakers."))
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        self.export_button = buttons.addButton(tr("Export CSV…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export)
        self.print_button = buttons.addButton(tr("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    @classmethod
    def ask_path(cls, parent: QWidget) -> str:
        path, _filter = QFileDialog.getSaveFileName(parent, tr("Export gap report"), "gaps.csv",
                                                    tr("CSV files (*.csv)"))
        return path

    @classmethod
    def ask_pdf_path(cls, parent: QWidget) -> str:
        path, _filter = QFileDialog.getSaveFileName(parent, tr("Gap report"), "gaps.pdf",
                                                    tr("PDF files (*.pdf)"))
        return path

    def save_pdf(self) -> None:
        path = self.ask_pdf_path(self)
        if not path:
            return
        try:
            result = self.matching.print_gaps(self.rows, Path(path))
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not save"), exc.message(i18n.language))
            return
        self.message.setText(tr("{count} pages written to {path}", count=result.pages, path=path))

    def export(self) -> None:
        path = self.ask_path(self)
        if not path:
            return
        try:
            count = self.matching.export_gaps_csv(self.rows, Path(path))
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not save"), exc.message(i18n.language))
            return
        self.message.setText(tr("{count} rows written to {path}", count=count, path=path))
