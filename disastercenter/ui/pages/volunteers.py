"""The Volunteers page: interpreters with their languages, levels and skills."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QWidget,
)

from disastercenter.core.errors import UserError
from disastercenter.core.people import MAX_PER_SHIFT, VolunteerInput
from disastercenter.core.vocab import SEXES, VOLUNTEER_SKILLS
from disastercenter.services.registry import Registry
from disastercenter.ui.dialogs.form_widgets import (
    ERROR_STYLE,
    ChoiceBoxes,
    LanguageLevelsEditor,
)
from disastercenter.ui.dialogs.matching_widgets import ReachEditor, ShiftsEditor
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import language_name
from disastercenter.ui.widgets import (
    RecordListPage,
    save_cancel_buttons,
    save_or_report,
)


class VolunteerDialog(QDialog):
    def __init__(self, registry: Registry, volunteer_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.volunteer_id = volunteer_id
        self.setWindowTitle(tr("Edit volunteer") if volunteer_id else tr("New volunteer"))
        self.resize(720, 780)
        # The form scrolls: with many shifts and shelters it is taller than a laptop screen.
        outer = QFormLayout(self)
        body = QWidget()
        layout = QFormLayout(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer.addRow(scroll)
        self.name_latin = QLineEdit()
        self.name_native = QLineEdit()
        self.name_kana = QLineEdit()
        self.sex = QComboBox()
        for value in SEXES:
            self.sex.addItem(i18n.phrase(f"vocab.sex.{value}"), value)
        self.sex.setCurrentIndex(self.sex.findData("unknown"))
        self.languages = LanguageLevelsEditor()
        self.skills = ChoiceBoxes([(s, i18n.phrase(f"vocab.skill.{s}")) for s in VOLUNTEER_SKILLS])
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.base_area = QLineEdit()
        self.base_area.setPlaceholderText(tr("e.g. 相模原市中央区"))
        self.active = QCheckBox(tr("Active"))
        self.active.setChecked(True)
        self.shifts = ShiftsEditor()
        self.reach = ReachEditor(registry.list_shelters())
        self.remote = QCheckBox(tr("Can interpret by phone or video"))
        self.max_per_shift = QSpinBox()
        self.max_per_shift.setRange(0, MAX_PER_SHIFT)
        self.max_per_shift.setValue(2)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addRow(i18n.phrase("field.name_latin"), self.name_latin)
        layout.addRow(i18n.phrase("field.name_native"), self.name_native)
        layout.addRow(i18n.phrase("field.name_kana"), self.name_kana)
        layout.addRow(i18n.phrase("field.sex"), self.sex)
        layout.addRow(tr("Languages"), self.languages)
        layout.addRow(tr("Skills"), self.skills)
        layout.addRow(i18n.phrase("field.phone"), self.phone)
        layout.addRow(tr("E-mail"), self.email)
        layout.addRow(tr("Base area"), self.base_area)
        layout.addRow("", self.active)
        layout.addRow(tr("Availability (shifts, Japan time)"), self.shifts)
        layout.addRow(tr("Assignments per shift at most"), self.max_per_shift)
        layout.addRow(tr("Shelters within reach (travel time)"), self.reach)
        layout.addRow("", self.remote)
        outer.addRow(self.error)
        buttons = save_cancel_buttons(self, self.save)
        outer.addRow(buttons)
        #: What the dialog does not edit (availability) is saved back unchanged.
        self.original = VolunteerInput()
        if volunteer_id:
            v = registry.get_volunteer(volunteer_id)
            self.original = v.as_input()
            self.name_latin.setText(v.name_latin)
            self.name_native.setText(v.name_native)
            self.name_kana.setText(v.name_kana)
            self.sex.setCurrentIndex(self.sex.findData(v.sex))
            self.languages.set_value(v.languages)
            self.skills.set_value(v.skills)
            self.phone.setText(v.phone)
            self.email.setText(v.email)
            self.base_area.setText(v.base_area)
            self.active.setChecked(v.active)
            self.shifts.set_value(v.shifts)
            self.reach.set_value(v.reach)
            self.remote.setChecked(v.remote)
            self.max_per_shift.setValue(v.max_per_shift)

    def save(self) -> None:
        data = replace(
            self.original,
            name_latin=self.name_latin.text(), name_native=self.name_native.text(),
            name_kana=self.name_kana.text(), sex=self.sex.currentData(),
            languages=self.languages.value(), skills=self.skills.value(), phone=self.phone.text(),
            email=self.email.text(), base_area=self.base_area.text(), active=self.active.isChecked(),
            shifts=self.shifts.values(), reach=self.reach.value(), remote=self.remote.isChecked(),
            max_per_shift=self.max_per_shift.value(),
        )
        def save() -> None:
            if self.volunteer_id:
                self.registry.update_volunteer(self.volunteer_id, data)
            else:
                self.volunteer_id = self.registry.add_volunteer(data)

        if save_or_report(self, self.error, save):
            self.accept()


class VolunteersPage(RecordListPage):
    data_changed = Signal()

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_roster)
        self.layout().itemAt(0).layout().insertWidget(2, self.import_button)
        self.refresh()

    def refresh(self) -> None:
        self.add_button.setText(tr("New volunteer…"))
        self.edit_button.setText(tr("Edit…"))
        self.import_button.setText(tr("Import roster (CSV / Excel)…"))
        self.model.set_headers([
            i18n.phrase("field.name_latin"), i18n.phrase("field.name_native"), tr("Languages"),
            tr("Skills"), i18n.phrase("field.phone"), tr("Base area"), tr("Shifts"), tr("Active"),
        ])
        volunteers = self.registry.list_volunteers()
        self.model.set_rows(
            [[
                v.name_latin, v.name_native,
                ", ".join(f"{language_name(c)} ({i18n.phrase(f'vocab.language_level.{lvl}')})"
                          for c, lvl in v.languages),
                ", ".join(i18n.phrase(f"vocab.skill.{s}") for s in v.skills),
                v.phone, v.base_area, len(v.shifts), tr("Yes") if v.active else tr("No"),
            ] for v in volunteers],
            [v.id for v in volunteers],
        )
        self.table.resizeColumnsToContents()

    def open_editor(self, record_id: str | None) -> bool:
        return bool(VolunteerDialog(self.registry, record_id, self).exec())

    @classmethod
    def ask_roster_path(cls, parent: QWidget) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            parent, tr("Import a volunteer roster"), "", tr("Rosters (*.xlsx *.csv)"))
        return path

    def import_roster(self) -> None:
        from disastercenter.ui.dialogs.roster_import import RosterImportDialog

        path = self.ask_roster_path(self)
        if not path:
            return
        try:
            dialog = RosterImportDialog(self.registry, Path(path), self)
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not import"), exc.message(i18n.language))
            return
        if dialog.exec():
            self.after_change()
