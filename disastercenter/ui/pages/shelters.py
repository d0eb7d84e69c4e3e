"""The Shelters page: list, add and edit shelters, open or close them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from disastercenter.core.people import ShelterInput
from disastercenter.services.registry import Registry
from disastercenter.ui.dialogs.form_widgets import ERROR_STYLE
from disastercenter.ui.i18n import tr
from disastercenter.ui.widgets import (
    RecordListPage,
    save_cancel_buttons,
    save_or_report,
)


class ShelterDialog(QDialog):
    def __init__(self, registry: Registry, shelter_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.shelter_id = shelter_id
        self.setWindowTitle(tr("Edit shelter") if shelter_id else tr("New shelter"))
        layout = QFormLayout(self)
        self.name_ja = QLineEdit()
        self.name_en = QLineEdit()
        self.address = QLineEdit()
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 100_000)
        self.is_open = QCheckBox(tr("Open"))
        self.is_open.setChecked(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addRow(tr("Name (Japanese)") + " *", self.name_ja)
        layout.addRow(tr("Name (romaji / English)"), self.name_en)
        layout.addRow(tr("Address"), self.address)
        layout.addRow(tr("Capacity"), self.capacity)
        layout.addRow("", self.is_open)
        layout.addRow(self.error)
        buttons = save_cancel_buttons(self, self.save)
        layout.addRow(buttons)
        if shelter_id:
            shelter = registry.get_shelter(shelter_id)
            self.name_ja.setText(shelter.name_ja)
            self.name_en.setText(shelter.name_en)
            self.address.setText(shelter.address)
            self.capacity.setValue(shelter.capacity)
            self.is_open.setChecked(shelter.is_open)

    def save(self) -> None:
        data = ShelterInput(self.name_ja.text(), self.name_en.text(), self.address.text(),
                            self.capacity.value(), self.is_open.isChecked())
        def save() -> None:
            if self.shelter_id:
                self.registry.update_shelter(self.shelter_id, data)
            else:
                self.shelter_id = self.registry.add_shelter(data)

        if save_or_report(self, self.error, save):
            self.accept()
        else:
            self.name_ja.setFocus()


class SheltersPage(RecordListPage):
    data_changed = Signal()

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.refresh()

    def refresh(self) -> None:
        self.add_button.setText(tr("New shelter…"))
        self.edit_button.setText(tr("Edit…"))
        self.model.set_headers([tr("Name (Japanese)"), tr("Name (romaji / English)"), tr("Address"),
                                tr("Present"), tr("Capacity"), tr("Open")])
        shelters = self.registry.list_shelters()
        self.model.set_rows(
            [[s.name_ja, s.name_en, s.address, s.present, s.capacity,
              tr("Open") if s.is_open else tr("Closed")] for s in shelters],
            [s.id for s in shelters],
        )
        self.table.resizeColumnsToContents()

    def open_editor(self, record_id: str | None) -> bool:
        return bool(ShelterDialog(self.registry, record_id, self).exec())
