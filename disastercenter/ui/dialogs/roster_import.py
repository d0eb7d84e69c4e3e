"""Preview of a volunteer roster import: what each row does, bad rows with their reasons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.errors import UserError
from disastercenter.services.registry import Registry
from disastercenter.services.volunteer_import import VolunteerImport
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import TableModel

ACTIONS = {"new": "New", "update": "Update", "unchanged": "Unchanged", "error": "Error"}


class RosterImportDialog(QDialog):
    """Shows the preview; Import writes the valid rows in one transaction."""

    def __init__(self, registry: Registry, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.importer = VolunteerImport(registry)
        self.preview = self.importer.preview(path)  # UserError for unreadable files: caller shows it
        self.setWindowTitle(tr("Import volunteer roster"))
        self.resize(860, 520)
        p = self.preview
        summary = tr("{rows} rows: {new} new, {update} updated, {unchanged} unchanged, {errors} with errors.",
                     rows=len(p.rows), new=p.count("new"), update=p.count("update"),
                     unchanged=p.count("unchanged"), errors=p.count("error"))
        if p.unknown_columns:
            summary += " " + tr("Ignored columns: {columns}", columns=", ".join(p.unknown_columns))
        if p.errors:
            summary += " " + tr("Rows with errors are not imported.")
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.model = TableModel(
            [tr("Row"), tr("Volunteer"), tr("Result"), tr("Details")],
            [[row.row, row.name, tr(ACTIONS[row.action]),
              "; ".join(row.messages(i18n.language)) if row.problems else ", ".join(row.changed)]
             for row in p.rows],
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        valid = p.count("new") + p.count("update")
        self.import_button.setText(tr("Import {count} rows", count=valid))
        self.import_button.setEnabled(valid > 0)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def apply(self) -> None:
        try:
            self.importer.apply(self.preview, skip_bad=True)
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not import"), exc.message(i18n.language))
            return
        self.accept()
