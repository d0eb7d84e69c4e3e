"""Raising or editing a request for an interpreter, and choosing a volunteer by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.requests import RequestInput
from disastercenter.core.times import JAPAN, local_text
from disastercenter.core.vocab import (
    VOLUNTEER_SKILLS,
)
from disastercenter.services.matching import Matching, RequestRow
from disastercenter.ui.dialogs.form_widgets import ERROR_STYLE
from disastercenter.ui.dialogs.matching_widgets import LanguageListEditor
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import ID_ROLE, TableModel, language_name
from disastercenter.ui.widgets import save_cancel_buttons, save_or_report

#: Source texts of the vocabularies, translated on display.
KIND_LABELS = {
    "medical": "Medical visit", "registration": "Registration help", "consultation": "Consultation",
    "procedures": "Procedures / documents", "notice_translation": "Translating a notice",
    "phone_video": "Phone or video",
}
URGENCY_LABELS = {"critical": "Critical", "high": "High", "normal": "Normal", "low": "Low"}
PLACE_LABELS = {"shelter": "At the shelter", "hospital": "Hospital", "office": "Office",
                "remote": "Phone / video"}
STATUS_LABELS = {"open": "Waiting", "proposed": "Proposed", "assigned": "Assigned", "done": "Done",
                 "cancelled": "Cancelled", "unmet": "Unmet"}
#: The dispatch slots offered first (two hours from 08:00); "custom" keeps the times typed.
SLOTS = tuple((hour, hour + 2) for hour in range(8, 20, 2))


class RequestDialog(QDialog):
    """A request from a person (languages pre-filled with their fallbacks), or an edit."""

    def __init__(self, matching: Matching, person_id: str | None = None,
                 request_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matching = matching
        self.request_id = request_id
        self.setWindowTitle(tr("Edit interpreter request") if request_id else tr("New interpreter request"))
        self.resize(620, 640)
        self.data = RequestInput()
        if request_id:
            self.data = matching.get_request(request_id).data
        elif person_id:
            self.data = matching.request_defaults(person_id)

        self.person = QComboBox()
        self.person_search = QLineEdit()
        self.person_search.setPlaceholderText(tr("Find the person: name, katakana, card code…"))
        self.person_search.returnPressed.connect(self._find_person)
        self.person.currentIndexChanged.connect(self._person_chosen)
        self.languages = LanguageListEditor()
        self.kind = self._combo(KIND_LABELS)
        self.urgency = self._combo(URGENCY_LABELS)
        self.day = QDateEdit()
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.slot = QComboBox()
        self.slot.addItem(tr("Custom time"), None)
        for low, high in SLOTS:
            self.slot.addItem(f"{low:02d}:00–{high:02d}:00", low)
        self.slot.currentIndexChanged.connect(self._slot_chosen)
        self.start = QTimeEdit()
        self.end = QTimeEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.place = self._combo(PLACE_LABELS)
        self.place_detail = QLineEdit()
        self.place_detail.setPlaceholderText(tr("Hospital or office name, address, phone number…"))
        self.shelter = QComboBox()
        self.shelter.addItem("—", None)
        for shelter in matching.registry.list_shelters():
            self.shelter.addItem(shelter.name_ja or shelter.name_en, shelter.id)
        self.remote_ok = QCheckBox(tr("Phone or video is acceptable"))
        self.skill = QComboBox()
        self.skill.addItem(tr("No special skill"), None)
        for skill in VOLUNTEER_SKILLS:
            self.skill.addItem(i18n.phrase(f"vocab.skill.{skill}"), skill)
        self.same_gender = QCheckBox(tr("Same-gender interpreter required"))
        self.contact = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.notes.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout(self)
        if person_id is None and request_id is None:
            form.addRow(tr("Search"), self.person_search)
        form.addRow(tr("Person"), self.person)
        hint = QLabel(tr("First language is matched exactly; the others are fallbacks, in order."))
        hint.setWordWrap(True)
        form.addRow(tr("Languages"), self.languages)
        form.addRow("", hint)
        form.addRow(tr("Kind"), self.kind)
        form.addRow(tr("Urgency"), self.urgency)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.slot)
        when.addWidget(self.start)
        when.addWidget(QLabel("–"))
        when.addWidget(self.end)
        when.addStretch(1)
        form.addRow(tr("When"), when)
        form.addRow(tr("Place"), self.place)
        form.addRow(tr("Place details"), self.place_detail)
        form.addRow(tr("Shelter"), self.shelter)
        form.addRow("", self.remote_ok)
        form.addRow(tr("Required skill"), self.skill)
        form.addRow("", self.same_gender)
        form.addRow(tr("Contact"), self.contact)
        form.addRow(tr("Notes"), self.notes)
        form.addRow(self.error)
        form.addRow(save_cancel_buttons(self, self.save))
        self._load(person_id)

    def _combo(self, labels: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        for value, label in labels.items():
            combo.addItem(tr(label), value)
        return combo

    def _load(self, person_id: str | None) -> None:
        d = self.data
        person_id = d.person_id or person_id
        if person_id:
            person = self.matching.registry.get_person(person_id)
            self.person.addItem(person.data.name_latin or person.data.name_native, person_id)
        else:
            self.person.addItem(tr("(no person)"), None)
        self.languages.set_value(d.languages)
        for combo, value in ((self.kind, d.kind), (self.urgency, d.urgency), (self.place, d.place),
                             (self.shelter, d.shelter_id), (self.skill, d.skill)):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        if d.start_at:
            start, end = local_text(d.start_at), local_text(d.end_at)
            self.day.setDate(QDate.fromString(start[:10], "yyyy-MM-dd"))
            self.start.setTime(QTime.fromString(start[11:], "HH:mm"))
            self.end.setTime(QTime.fromString(end[11:], "HH:mm"))
            self.slot.setCurrentIndex(0)
        else:
            tomorrow = datetime.now(JAPAN) + timedelta(days=1)
            self.day.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
            self.slot.setCurrentIndex(2)  # 10:00-12:00
            self._slot_chosen()
        self.place_detail.setText(d.place_detail)
        self.remote_ok.setChecked(d.remote_ok)
        self.same_gender.setChecked(d.same_gender)
        self.contact.setText(d.contact)
        self.notes.setPlainText(d.notes)

    def _slot_chosen(self) -> None:
        low = self.slot.currentData()
        if low is not None:
            self.start.setTime(QTime(low, 0))
            self.end.setTime(QTime(low + 2, 0))

    def _find_person(self) -> None:
        self.person.clear()
        for row in self.matching.registry.search(self.person_search.text(), limit=20):
            label = " / ".join(n for n in (row.name_latin, row.name_native) if n)
            self.person.addItem(f"{label} ({row.shelter_name})", row.id)
        if self.person.count() == 0:
            self.person.addItem(tr("(no person)"), None)

    def _person_chosen(self) -> None:
        person_id = self.person.currentData()
        if person_id and self.request_id is None and person_id != self.data.person_id:
            defaults = self.matching.request_defaults(person_id)
            self.data.person_id = person_id
            self.languages.set_value(defaults.languages)
            self.shelter.setCurrentIndex(max(self.shelter.findData(defaults.shelter_id), 0))
            self.contact.setText(defaults.contact)
            self.data.household_id = defaults.household_id

    def value(self) -> RequestInput:
        day = self.day.date().toString("yyyy-MM-dd")
        return RequestInput(
            languages=self.languages.value(), kind=self.kind.currentData(),
            urgency=self.urgency.currentData(),
            start_at=f"{day} {self.start.time().toString('HH:mm')}",
            end_at=f"{day} {self.end.time().toString('HH:mm')}",
            place=self.place.currentData(), place_detail=self.place_detail.text(),
            shelter_id=self.shelter.currentData(), person_id=self.person.currentData(),
            household_id=self.data.household_id, remote_ok=self.remote_ok.isChecked(),
            skill=self.skill.currentData(), same_gender=self.same_gender.isChecked(),
            contact=self.contact.text(), notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        data = self.value()

        def save() -> None:
            if self.request_id:
                self.matching.update_request(self.request_id, data)
            else:
                self.request_id = self.matching.raise_request(data)

        if save_or_report(self, self.error, save):
            self.accept()


class ChooseVolunteerDialog(QDialog):
    """Pick an interpreter by hand for a request (a swap); the choice is checked and locked."""

    def __init__(self, matching: Matching, request: RequestRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matching = matching
        self.request = request
        self.assignment_id: str | None = None
        self.setWindowTitle(tr("Choose an interpreter"))
        self.resize(640, 420)
        wanted = set(request.data.languages)
        volunteers = [
            v for v in matching.available_volunteers(request.data.start_at, request.data.end_at)
            if wanted & {code for code, _ in v.languages}
        ]
        self.model = TableModel(
            [tr("Volunteer"), tr("Languages"), tr("Shifts"), tr("Assignments")],
            [[v.name, ", ".join(language_name(c) for c, _ in v.languages),
              ", ".join(f"{local_text(s, '%m/%d %H:%M')}–{local_text(e, '%H:%M')}" for s, e in v.shifts),
              v.assignments] for v in volunteers],
            [v.id for v in volunteers],
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(lambda _index: self.choose())
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Propose"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Volunteers on shift who speak one of the request's languages:")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def choose(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        volunteer_id = rows[0].data(ID_ROLE)

        def propose() -> None:
            self.assignment_id = self.matching.propose(self.request.id, volunteer_id)

        if save_or_report(self, self.error, propose):
            self.accept()


def status_label(status: str) -> str:
    return tr(STATUS_LABELS.get(status, status))


def kind_label(kind: str) -> str:
    return tr(KIND_LABELS.get(kind, kind))


def urgency_label(urgency: str) -> str:
    return tr(URGENCY_LABELS.get(urgency, urgency))


def place_label(place: str) -> str:
    return tr(PLACE_LABELS.get(place, place))

