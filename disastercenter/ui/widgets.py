"""Small pieces every page and dialog uses the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.errors import UserError
from disastercenter.services.registry import ValidationError
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import ID_ROLE, TableModel


def save_or_report(parent: QWidget, error_label: QLabel | None, save: Callable[[], object]) -> bool:
    """Run a service call that saves; show what went wrong in the UI language.

    Invalid input goes to `error_label` (or a message box when there is none); other errors
    (disk full, read-only media, a record gone) to a message box. True when it was saved.
    """
    try:
        save()
    except ValidationError as exc:
        text = " ".join(i18n.message(p.key, p.params) for p in exc.problems)
        if error_label is None:
            QMessageBox.critical(parent, tr("Could not save"), text)
        else:
            error_label.setText(text)
            error_label.show()
        return False
    except UserError as exc:
        QMessageBox.critical(parent, tr("Could not save"), exc.message(i18n.language))
        return False
    return True


def fill_combo(combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
    """A filter combo: "all" (None) then (value, label) items; keeps the chosen value if it is
    still there, without signalling the refill."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_text, None)
    for value, label in items:
        combo.addItem(label, value)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


def save_cancel_buttons(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    """Save (the default button: Enter) and Cancel, in the UI language."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
    save_button.setText(tr("Save"))
    save_button.setDefault(True)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


class RecordListPage(QWidget):
    """A page listing records in a table with "New…" and "Edit…" buttons.

    Subclasses provide `refresh()` (fill `self.model`) and `open_editor(record_id | None)`
    returning True when something was saved.
    """

    def __init__(self) -> None:
        super().__init__()
        self.model = TableModel([])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        # Sizing columns to their contents reads at most 50 rows, not every row.
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        raise NotImplementedError

    def open_editor(self, record_id: str | None) -> bool:
        raise NotImplementedError

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def add(self) -> None:
        if self.open_editor(None):
            self.after_change()

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id and self.open_editor(record_id):
            self.after_change()

    def after_change(self) -> None:
        self.refresh()
        changed = getattr(self, "data_changed", None)
        if changed is not None:
            changed.emit()
