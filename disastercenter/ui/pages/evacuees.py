"""The Evacuees page: search-as-you-type, filters, the lazy list, details and actions."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.countries import country_name
from disastercenter.core.errors import UserError
from disastercenter.core.ids import card_code
from disastercenter.core.languages import LANGUAGES
from disastercenter.core.people import HouseholdDetails
from disastercenter.core.scan_codes import read_scan
from disastercenter.core.vocab import NEED_TAGS, STATUSES
from disastercenter.services.registry import PersonDetail, PersonFilter, Registry
from disastercenter.ui.dialogs.registration import PersonEditDialog, RegistrationDialog
from disastercenter.ui.dialogs.status import StatusDialog
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import (
    PersonProxyModel,
    PersonTableModel,
    language_name,
    local_time,
)
from disastercenter.ui.scan_panel import ScanPanel
from disastercenter.ui.scanner import ScannerInput
from disastercenter.ui.widgets import fill_combo


class EvacueesPage(QWidget):
    data_changed = Signal()
    #: The user asked for an interpreter for this person (the main window opens the request).
    interpreter_requested = Signal(str)

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.model = PersonTableModel(registry)
        self.proxy = PersonProxyModel()
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self, singleShot=True, interval=200)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self._search_entered)

        self.shelter_filter = QComboBox()
        self.language_filter = QComboBox()
        self.need_filter = QComboBox()
        self.status_filter = QComboBox()
        for combo in (self.shelter_filter, self.language_filter, self.need_filter, self.status_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.status_button = QPushButton()
        self.interpreter_button = QPushButton()
        self.interpreter_button.clicked.connect(self.request_interpreter)
        self.board_item_button = QPushButton()
        self.board_item_button.clicked.connect(self.record_board_item)
        self.new_button.clicked.connect(self.new_household)
        self.edit_button.clicked.connect(self.edit_selected)
        self.status_button.clicked.connect(self.change_status)

        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        for column, width in enumerate((170, 130, 160, 50, 70, 80, 150, 200, 200, 90, 130)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self.show_details)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        for combo in (self.shelter_filter, self.language_filter, self.need_filter, self.status_filter):
            top.addWidget(combo, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.status_button)
        actions.addWidget(self.interpreter_button)
        actions.addWidget(self.board_item_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        # A card scanned anywhere on the page (a USB scanner types it and presses Enter)
        # opens the person in this strip, with check-in and check-out at hand.
        self.scan_panel = ScanPanel(registry)
        self.scan_panel.changed.connect(self.after_change)
        self.scan_panel.edit_requested.connect(self.edit_person)
        self.scan_panel.status_requested.connect(lambda pid: self.change_status_of([pid]))
        layout.addWidget(self.scan_panel)
        layout.addWidget(splitter, 1)
        self.scanner = ScannerInput(self, self.search)
        self.scanner.scanned.connect(self.open_scanned)

        self.setTabOrder(self.search, self.shelter_filter)
        self.retranslate()
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.apply_filters()

    # -- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            tr("Search: name in any script, katakana, ID, card code or phone (Ctrl+F)")
        )
        self.new_button.setText(tr("New household…"))
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button.setText(tr("Edit…"))
        self.status_button.setText(tr("Check out / transfer…"))
        self.interpreter_button.setText(tr("Request an interpreter…"))
        self.scan_panel.retranslate()
        self.board_item_button.setText(tr("Pointed at a board item…"))
        self._fill_filters()
        self._update_count()
        self.show_details()
        self.model.language_changed()

    def _fill_filters(self) -> None:
        fill = fill_combo
        fill(self.shelter_filter, tr("All shelters"),
             [(s.id, s.name_ja) for s in self.registry.list_shelters()])
        spoken = self.registry.languages_in_use()
        fill(self.language_filter, tr("All languages"), [(c, language_name(c)) for c in spoken])
        fill(self.need_filter, tr("All needs"),
             [(t, i18n.phrase(f"vocab.need.{t}")) for t in NEED_TAGS])
        fill(self.status_filter, tr("All statuses"),
             [(s, i18n.phrase(f"vocab.status.{s}")) for s in STATUSES])

    def _update_count(self) -> None:
        self.count_label.setText(
            tr("{shown} of {total} shown", shown=self.model.rowCount(), total=self.model.total)
        )

    # -- data -----------------------------------------------------------------------------

    def current_filters(self) -> PersonFilter:
        return PersonFilter(
            text=self.search.text(),
            shelter_id=self.shelter_filter.currentData(),
            language=self.language_filter.currentData(),
            need=self.need_filter.currentData(),
            status=self.status_filter.currentData(),
        )

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.proxy.set_filters(self.current_filters())
        if self.proxy.rowCount() == 1:
            self.table.selectRow(0)

    def refresh(self) -> None:
        """Texts, filter choices and rows again (after a language switch or a change)."""
        self.retranslate()
        self.apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_ids(self) -> list[str]:
        ids: list[str] = []
        for index in self.table.selectionModel().selectedRows():
            person_id = self.proxy.person_id(index)
            if person_id:
                ids.append(person_id)
        return ids

    def select_person(self, person_id: str) -> bool:
        row = self.model.row_of(person_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    # -- actions --------------------------------------------------------------------------

    def new_household(self) -> None:
        dialog = RegistrationDialog(self.registry, self, self.shelter_filter.currentData())
        if dialog.exec() and dialog.result_registration:
            self.after_change()
            self.select_person(dialog.result_registration.person_ids[0])

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.edit_person(ids[0])

    def edit_person(self, person_id: str) -> None:
        dialog = PersonEditDialog(self.registry, person_id, self)
        if dialog.exec():
            self.after_change()
            self.select_person(person_id)
            if self.scan_panel.person_id == person_id:
                self.scan_panel.show_person(person_id, keep_result=True)

    def change_status(self) -> None:
        self.change_status_of(self.selected_ids())

    def change_status_of(self, ids: list[str]) -> None:
        if not ids:
            return
        names = [self.registry.get_person(pid).data.name_latin for pid in ids]
        dialog = StatusDialog(self.registry, ids, names, self)
        if dialog.exec():
            self.after_change()
            if self.scan_panel.person_id in ids:
                self.scan_panel.show_person(self.scan_panel.person_id)

    # -- scanned cards --------------------------------------------------------------------

    def _search_entered(self) -> None:
        """Enter in the search box: a card code or card QR text typed by hand opens the
        person like a scan; anything else searches."""
        scan = read_scan(self.search.text())
        if scan is not None and scan.kind in ("person", "card_code"):
            self.open_scanned(self.search.text())
        else:
            self.apply_filters()

    def open_scanned(self, text: str) -> None:
        """Show the person a scanned or typed card names, or say why it names nobody."""
        scan = read_scan(text)
        if scan is None:
            shown = text if len(text) <= 48 else text[:47] + "…"
            self.scan_panel.show_problem(i18n.message("scan.unreadable", {"text": shown}))
            return
        if scan.kind == "form":
            entry = LANGUAGES.get(scan.lang or "")
            name = (entry.name_ja if i18n.language == "ja" else entry.name_en) if entry else ""
            self.scan_panel.show_problem(i18n.message("scan.form", {
                "form": scan.form_id, "version": scan.form_version, "language": name}))
            return
        if scan.kind == "assignment":
            self.scan_panel.show_problem(i18n.message(
                "scan.assignment", {"code": card_code(scan.assignment_id or "")}))
            return
        if scan.kind == "person":
            person_id: str | None = scan.person_id
            code = card_code(person_id) if person_id else ""
        else:
            code = scan.card_code or ""
            person_id = self.registry.find_by_card_code(code)
        try:
            if person_id is None:
                raise UserError("record.not_found", entity="person", record_id=code)
            self.registry.get_person(person_id)
        except UserError:
            self.scan_panel.show_problem(i18n.message("scan.unknown_card", {"code": code}))
            return
        # The list shows the person (their card code is a search term), selected.
        self.search.setText(code)
        self.apply_filters()
        self.select_person(person_id)
        self.scan_panel.show_person(person_id)

    def request_interpreter(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.interpreter_requested.emit(ids[0])

    def record_board_item(self) -> None:
        """Record what the selected person pointed at on a printed board."""
        from disastercenter.ui.dialogs.board_item import BoardItemDialog

        ids = self.selected_ids()
        if not ids:
            return
        data = self.registry.get_person(ids[0]).data
        dialog = BoardItemDialog(self.registry, ids[0], data.name_latin or data.name_native, self)
        if dialog.exec():
            self.after_change()
            self.select_person(ids[0])

    def after_change(self) -> None:
        self.refresh()
        self.data_changed.emit()

    # -- details --------------------------------------------------------------------------

    def show_details(self) -> None:
        ids = self.selected_ids()
        has = bool(ids)
        self.edit_button.setEnabled(has)
        self.status_button.setEnabled(has)
        self.interpreter_button.setEnabled(has)
        self.board_item_button.setEnabled(has)
        if not has:
            self.details.setHtml(f"<p>{html.escape(tr('Select a person to see details.'))}</p>")
            return
        self.details.setHtml(self._details_html(ids[0]))

    def _details_html(self, person_id: str) -> str:
        person = self.registry.get_person(person_id)
        d = person.data
        e = html.escape
        rows = [
            (tr("Card code"), person.card_code),
            (i18n.phrase("field.name_native"), d.name_native),
            (i18n.phrase("field.name_kana"), d.name_kana),
            (i18n.phrase("field.sex"), i18n.phrase(f"vocab.sex.{d.sex}")),
            (i18n.phrase("field.birth_date"), d.birth_date or ""),
            (tr("Age"), "" if d.birth_date else (
                i18n.phrase(f"vocab.age_band.{d.age_band}") if d.age_band else "")),
            (i18n.phrase("field.nationality"), country_name(d.nationality, i18n.language)),
            (i18n.phrase("field.languages"), ", ".join(
                f"{language_name(c)} ({i18n.phrase(f'vocab.language_level.{lvl}')})"
                for c, lvl in d.languages)),
            (i18n.phrase("field.japanese_level"), i18n.phrase(f"vocab.japanese_level.{d.japanese_level}")),
            (i18n.phrase("field.easy_japanese"), tr("Yes") if d.easy_japanese else tr("No")),
            (i18n.phrase("field.needs"), "; ".join(
                i18n.phrase(f"vocab.need.{n.tag}")
                + (f": {n.detail}" if n.detail else "")
                + (" (" + ", ".join(i18n.phrase(f"vocab.allergen.{a}") for a in n.items) + ")"
                   if n.items else "")
                for n in d.needs)),
            (i18n.phrase("field.embassy_contact"),
             i18n.phrase(f"vocab.embassy_contact.{d.embassy_contact}") if d.embassy_contact else ""),
            (i18n.phrase("field.phone"), d.phone),
            (i18n.phrase("field.messaging_id"), d.messaging_id),
            (i18n.phrase("field.consent_basis"), i18n.phrase(f"vocab.consent_basis.{d.consent_basis}")),
            (i18n.phrase("field.consent_scopes"), ", ".join(
                i18n.phrase(f"vocab.consent_scope.{s}") for s in d.consent_scopes)),
            (i18n.phrase("field.notes"), d.notes),
        ]
        table = "".join(
            f"<tr><th align='left' valign='top'>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows if v
        )
        shelters = {s.id: s.name_ja for s in self.registry.list_shelters()}
        history = "".join(
            f"<li>{e(local_time(ev.at))} — {e(i18n.phrase(f'vocab.status.{ev.status}'))}"
            f"{' → ' + e(shelters.get(ev.to_shelter_id, '')) if ev.to_shelter_id else ''}"
            f"{' — ' + e(ev.note) if ev.note else ''}</li>"
            for ev in person.history
        )
        members = ""
        if person.household_id:
            try:
                household = self.registry.get_household(person.household_id).details
            except UserError:  # the household record has not arrived yet (sync)
                household = HouseholdDetails()
            reasons = [i18n.phrase(f"reception.reason.{r}") for r in household.reasons]
            if household.reason_other:
                reasons.append(household.reason_other)
            if reasons:
                members += (f"<h4>{e(i18n.phrase('field.reasons'))}</h4>"
                            f"<p>{'<br>'.join(e(r) for r in reasons)}</p>")
            names = []
            for member_id in self.registry.household_member_ids(person.household_id):
                if member_id != person_id:
                    other = self.registry.get_person(member_id).data
                    names.append(e(other.name_latin or other.name_native))
            if names:
                members = f"<h4>{e(tr('Household'))}</h4><p>{', '.join(names)}</p>" + members
        title = e(d.name_latin or d.name_native)
        return (
            f"<h3>{title}</h3>{linked_records_html(person)}<table cellspacing='4'>{table}</table>"
            f"{members}<h4>{e(tr('Status history'))}</h4><ul>{history}</ul>"
        )


def linked_records_html(person: PersonDetail) -> str:
    """"Also registered at …": the person's other records (confirmed on the Duplicates page)."""
    if not person.linked:
        return ""
    e = html.escape
    items = "".join(
        f"<li><b>{e(record.shelter_name or '—')}</b> — "
        f"{e(record.name_latin or record.name_native or record.name_kana)} "
        f"({e(record.card_code)}"
        f"{', ' + e(i18n.phrase(f'vocab.status.{record.status}')) if record.status else ''})</li>"
        for record in person.linked
    )
    return (
        f"<div style='background:#e3f2fd; padding:4px'><b>{e(tr('Also registered at'))}</b>"
        f"<ul>{items}</ul></div>"
    )
