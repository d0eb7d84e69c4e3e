"""The Volunteers page: interpreters with their languages, levels and skills."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from disastercenter.core.people import VolunteerInput
from disastercenter.core.vocab import SEXES, VOLUNTEER_SKILLS
from disastercenter.services.registry import Registry
from disastercenter.ui.dialogs.form_widgets import (
    ERROR_STYLE,
    ChoiceBoxes,
    LanguageLevelsEditor,
)
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
        self.resize(560, 520)
        layout = QFormLayout(self)
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
        layout.addRow(self.error)
        buttons = save_cancel_buttons(self, self.save)
        layout.addRow(buttons)
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

    def save(self) -> None:
        data = replace(
            self.original,
            name_latin=self.name_latin.text(), name_native=self.name_native.text(),
            name_kana=self.name_kana.text(), sex=self.sex.currentData(),
            languages=self.languages.value(), skills=self.skills.value(), phone=self.phone.text(),
            email=self.email.text(), base_area=self.base_area.text(), active=self.active.isChecked(),
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
        self.refresh()

    def refresh(self) -> None:
        self.add_button.setText(tr("New volunteer…"))
        self.edit_button.setText(tr("Edit…"))
        self.model.set_headers([
            i18n.phrase("field.name_latin"), i18n.phrase("field.name_native"), tr("Languages"),
            tr("Skills"), i18n.phrase("field.phone"), tr("Base area"), tr("Active"),
        ])
        volunteers = self.registry.list_volunteers()
        self.model.set_rows(
            [[
                v.name_latin, v.name_native,
                ", ".join(f"{language_name(c)} ({i18n.phrase(f'vocab.language_level.{lvl}')})"
                          for c, lvl in v.languages),
                ", ".join(i18n.phrase(f"vocab.skill.{s}") for s in v.skills),
                v.phone, v.base_area, tr("Yes") if v.active else tr("No"),
            ] for v in volunteers],
            [v.id for v in volunteers],
        )
        self.table.resizeColumnsToContents()

    def open_editor(self, record_id: str | None) -> bool:
        return bool(VolunteerDialog(self.registry, record_id, self).exec())
