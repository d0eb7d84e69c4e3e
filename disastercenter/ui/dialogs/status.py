"""Change the status of one or more persons: check out, transfer, hospital, check back in."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from disastercenter.core.vocab import STATUSES
from disastercenter.services.registry import Registry
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.widgets import save_cancel_buttons, save_or_report


class StatusDialog(QDialog):
    def __init__(self, registry: Registry, person_ids: Sequence[str], names: Sequence[str],
                 parent: QWidget | None = None, status: str = "left") -> None:
        super().__init__(parent)
        self.registry = registry
        self.person_ids = list(person_ids)
        self.setWindowTitle(tr("Change status"))
        layout = QFormLayout(self)
        who = QLabel(", ".join(names[:5]) + (" …" if len(names) > 5 else ""))
        who.setWordWrap(True)
        layout.addRow(tr("Persons"), who)
        self.status = QComboBox()
        for value in STATUSES:
            self.status.addItem(i18n.phrase(f"vocab.status.{value}"), value)
        self.status.setCurrentIndex(self.status.findData(status))
        layout.addRow(tr("New status"), self.status)
        self.destination = QComboBox()
        self.destination.addItem(tr("Elsewhere (not in this workspace)"), "")
        for shelter in registry.list_shelters():
            self.destination.addItem(shelter.name_ja, shelter.id)
        layout.addRow(tr("Moved to"), self.destination)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("e.g. staying with relatives in Osaka"))
        layout.addRow(tr("Note"), self.note)
        buttons = save_cancel_buttons(self, self.save)
        layout.addRow(buttons)
        self.status.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.destination.setEnabled(self.status.currentData() == "transferred")

    def save(self) -> None:
        status = self.status.currentData()
        destination = self.destination.currentData() if status == "transferred" else None
        if save_or_report(self, None, lambda: self.registry.set_status(
            self.person_ids, status, self.note.text().strip(), destination or None,
        )):
            self.accept()
