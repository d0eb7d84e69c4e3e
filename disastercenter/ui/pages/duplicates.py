"""The Duplicates page: people who may be registered twice, side by side, for a person to decide.

The check runs in the background (progress, cancel) on its own connection. Each candidate shows
both records field by field, differences marked, with the reasons for and against. "Same
person" (S) links the records (they then show together everywhere), "Different people" (D)
keeps the pair from coming back, "Skip" (N) leaves it for later. Nothing is ever merged.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.countries import country_name
from disastercenter.core.names import fold
from disastercenter.services.duplicates import (
    BANDS,
    DuplicateCandidate,
    DuplicateReview,
    scan_workspace,
)
from disastercenter.services.registry import PersonDetail, Registry
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import TableModel, language_name, local_time
from disastercenter.ui.tasks import BackgroundTask
from disastercenter.ui.widgets import save_or_report

_BAND_COLOURS = {"certain": "#1b5e20", "likely": "#8d6e00", "possible": "#6d4c41"}


def band_label(band: str) -> str:
    return {"certain": tr("Certain"), "likely": tr("Likely"), "possible": tr("Possible")}[band]


class DuplicatesPage(QWidget):
    data_changed = Signal()

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.review = DuplicateReview(registry)
        self.candidates: list[DuplicateCandidate] = []
        self.task: BackgroundTask | None = None
        self._scanned_once = False

        self.shelter = QComboBox()
        self.shelter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.find_button = QPushButton()
        self.find_button.clicked.connect(self.scan)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_scan)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.summary = QLabel()

        self.model = TableModel(["", "", "", ""])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_current())

        self.comparison = QTextBrowser()
        self.comparison.setOpenLinks(False)
        self.same_button = QPushButton()
        self.different_button = QPushButton()
        self.skip_button = QPushButton()
        self.same_button.clicked.connect(self.decide_same)
        self.different_button.clicked.connect(self.decide_different)
        self.skip_button.clicked.connect(self.skip)
        self.same_button.setStyleSheet("QPushButton { font-weight: bold; padding: 6px 14px; }")
        for key, slot in (("S", self.decide_same), ("D", self.decide_different), ("N", self.skip)):
            shortcut = QShortcut(QKeySequence(key), self, activated=slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        top = QHBoxLayout()
        top.addWidget(self.shelter)
        top.addWidget(self.find_button)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        top.addStretch(1)
        top.addWidget(self.summary)
        decisions = QHBoxLayout()
        decisions.addWidget(self.same_button)
        decisions.addWidget(self.different_button)
        decisions.addWidget(self.skip_button)
        decisions.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.comparison, 1)
        right_layout.addLayout(decisions)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self._set_busy(False)
        self.retranslate()

    # -- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        current = self.shelter.currentData()
        self.shelter.blockSignals(True)
        self.shelter.clear()
        self.shelter.addItem(tr("All shelters"), None)
        for shelter in self.registry.list_shelters():
            self.shelter.addItem(shelter.name_ja, shelter.id)
        index = self.shelter.findData(current)
        self.shelter.setCurrentIndex(index if index >= 0 else 0)
        self.shelter.blockSignals(False)
        self.find_button.setText(tr("Find duplicates"))
        self.cancel_button.setText(tr("Cancel"))
        self.same_button.setText(tr("Same person (S)"))
        self.same_button.setToolTip(tr("Link the two records: they show together everywhere. "
                                       "Nothing is merged or deleted."))
        self.different_button.setText(tr("Different people (D)"))
        self.different_button.setToolTip(tr("Remember that these are two people: the pair is "
                                            "not proposed again."))
        self.skip_button.setText(tr("Skip (N)"))
        self.skip_button.setToolTip(tr("Decide later"))
        self.model.set_headers([tr("Confidence"), tr("Score"), tr("Record A"), tr("Record B")])
        self._fill_table()
        self._update_summary()
        self.show_current()

    # -- scanning ---------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self._scanned_once:
            self._scanned_once = True
            self.scan()

    def refresh(self) -> None:
        """After a change elsewhere or a language switch: texts again and a new check."""
        self.retranslate()
        if self._scanned_once:
            self.scan()

    def scan(self) -> None:
        if self.task is not None and self.task.is_running():
            return
        path = self.registry.ws.path
        shelter_id = self.shelter.currentData()
        self.task = BackgroundTask(
            lambda progress, cancelled: scan_workspace(path, shelter_id, progress, cancelled), self
        )
        self.task.progress.connect(self._progress)
        self.task.finished.connect(self._scanned)
        self.task.failed.connect(self._failed)
        self._set_busy(True)
        self.summary.setText(tr("Checking…"))
        self.task.start()

    def cancel_scan(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def shutdown(self) -> None:
        """Stop a running check before the window (and its workspace) closes."""
        if self.task is not None:
            self.task.stop_and_wait()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _scanned(self, result: object) -> None:
        assert isinstance(result, list)
        cancelled = self.task is not None and self.task.cancelled
        self._set_busy(False)
        self.candidates = result
        self._fill_table()
        self._update_summary(cancelled)
        if self.candidates:
            self.table.selectRow(0)
        self.show_current()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.summary.setText(tr("The check failed: {message}", message=message))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.find_button.setEnabled(not busy)
        self.shelter.setEnabled(not busy)
        if busy:
            self.progress.setValue(0)

    def _fill_table(self) -> None:
        labels = self.review.labels(
            [pid for c in self.candidates for pid in (c.person_id, c.other_id)]
        )
        rows: list[list[object]] = []
        for candidate in self.candidates:
            row: list[object] = [band_label(candidate.band), f"{candidate.score:.2f}"]
            for person_id in (candidate.person_id, candidate.other_id):
                name, shelter = labels.get(person_id, ("?", ""))
                row.append(f"{name} · {shelter}" if shelter else name)
            rows.append(row)
        self.model.set_rows(rows, [f"{c.person_id} {c.other_id}" for c in self.candidates])

    def _update_summary(self, cancelled: bool = False) -> None:
        if not self._scanned_once:
            self.summary.setText("")
            return
        counts = {band: sum(1 for c in self.candidates if c.band == band) for band in BANDS}
        text = tr("{total} to review: {certain} certain, {likely} likely, {possible} possible",
                  total=len(self.candidates), **counts)
        if cancelled:
            text += " " + tr("(check cancelled: the list may be incomplete)")
        self.summary.setText(text)

    # -- the current pair -------------------------------------------------------------------

    def current(self) -> DuplicateCandidate | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.candidates):
            return None
        return self.candidates[rows[0].row()]

    def show_current(self) -> None:
        candidate = self.current()
        for button in (self.same_button, self.different_button, self.skip_button):
            button.setEnabled(candidate is not None)
        if candidate is None:
            text = (tr("No possible duplicates found.") if self._scanned_once and not self.candidates
                    else tr("Select a pair to compare the two records."))
            self.comparison.setHtml(f"<p>{html.escape(text)}</p>")
            return
        self.comparison.setHtml(self._comparison_html(candidate))

    def _comparison_html(self, candidate: DuplicateCandidate) -> str:
        e = html.escape
        a = self.registry.get_person(candidate.person_id)
        b = self.registry.get_person(candidate.other_id)
        shelters = {s.id: s.name_ja for s in self.registry.list_shelters()}

        def fields(p: PersonDetail) -> list[str]:
            d = p.data
            members = []
            if p.household_id:
                for member_id in self.registry.household_member_ids(p.household_id):
                    if member_id != p.id:
                        other = self.registry.get_person(member_id).data
                        members.append(other.name_latin or other.name_native or other.name_kana)
            return [
                shelters.get(p.shelter_id or "", ""),
                d.name_latin, d.name_native, d.name_kana,
                i18n.phrase(f"vocab.sex.{d.sex}") if d.sex != "unknown" else "",
                d.birth_date or "",
                i18n.phrase(f"vocab.age_band.{d.age_band}") if d.age_band else "",
                country_name(d.nationality, i18n.language) if d.nationality else "",
                d.phone, d.messaging_id,
                ", ".join(language_name(code) for code, _ in d.languages),
                ", ".join(members),
                i18n.phrase(f"vocab.status.{p.status}") if p.status else "",
                local_time(p.history[0].at) if p.history else "",
                p.card_code,
            ]

        labels = [
            tr("Shelter"), i18n.phrase("field.name_latin"), i18n.phrase("field.name_native"),
            i18n.phrase("field.name_kana"), i18n.phrase("field.sex"),
            i18n.phrase("field.birth_date"), tr("Age group"), i18n.phrase("field.nationality"),
            i18n.phrase("field.phone"), i18n.phrase("field.messaging_id"),
            i18n.phrase("field.languages"), tr("Household"), tr("Status"), tr("Registered"),
            tr("Card code"),
        ]
        rows = []
        compared_as_names = {1, 2, 3}  # case, diacritics, hiragana/katakana do not count
        never_compared = {len(labels) - 2, len(labels) - 1}  # registered, card code: always differ
        for number, (label, left, right) in enumerate(zip(labels, fields(a), fields(b))):
            if number in compared_as_names:
                differs = bool(left and right and fold(left) != fold(right))
            else:
                differs = bool(left and right and left != right) and number not in never_compared
            style = " style='background:#fff3e0'" if differs else ""
            rows.append(
                f"<tr{style}><th align='left' valign='top'>{e(label)}</th>"
                f"<td valign='top'>{e(left)}</td><td valign='top'>{e(right)}</td></tr>"
            )
        reasons = "".join(
            f"<li style='color:{'#1b5e20' if r.points > 0 else '#b71c1c' if r.points < 0 else '#444'}'>"
            f"{'✓' if r.points > 0 else '✗' if r.points < 0 else '·'} {e(r.text(i18n.language))}</li>"
            for r in candidate.reasons
        )
        colour = _BAND_COLOURS[candidate.band]
        title = tr("{band} ({score}): the same person?", band=band_label(candidate.band),
                   score=f"{candidate.score:.2f}")
        return (
            f"<h3 style='color:{colour}'>{e(title)}</h3>"
            "<table cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse'>"
            f"<tr><th></th><th>{e(tr('Record A'))}</th><th>{e(tr('Record B'))}</th></tr>"
            + "".join(rows) + "</table>"
            f"<h4>{e(tr('Why'))}</h4><ul>{reasons}</ul>"
            f"<p style='color:#555'>{e(tr('Records are never merged: Same person links them.'))}</p>"
        )

    # -- decisions --------------------------------------------------------------------------

    def decide_same(self) -> None:
        self._decide("same")

    def decide_different(self) -> None:
        self._decide("different")

    def _decide(self, decision: str) -> None:
        candidate = self.current()
        if candidate is None:
            return
        if save_or_report(self, None, lambda: self.review.decide(
            candidate.person_id, candidate.other_id, decision
        )):
            self._remove_current()
            self.data_changed.emit()

    def skip(self) -> None:
        """Leave the pair for later: it stays in the list, the next one is shown."""
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() + 1 < len(self.candidates):
            self.table.selectRow(rows[0].row() + 1)

    def _remove_current(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].row()
        decided = self.candidates.pop(row)
        # A "same person" decision also settles the other pairs within the new group.
        if self.candidates:
            group = {decided.person_id, decided.other_id}
            self.candidates = [
                c for c in self.candidates
                if not ({c.person_id, c.other_id} <= group)
            ]
        self._fill_table()
        self._update_summary()
        if self.candidates:
            self.table.selectRow(min(row, len(self.candidates) - 1))
        self.show_current()
