"""File > Export for municipal systems: format, recipient, medical fields, file; runs in the
background with progress and cancel (services.interop)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QWidget,
)

from disastercenter.core.vocab import CONSENT_SCOPES
from disastercenter.services.interop import ExportSummary, export_workspace
from disastercenter.ui.dialogs.form_widgets import ERROR_STYLE
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.tasks import BackgroundTask


class ExportStateDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.task: BackgroundTask | None = None
        self.summary: ExportSummary | None = None
        self.setWindowTitle(tr("Export for municipal systems"))
        self.resize(620, 340)
        layout = QFormLayout(self)

        explanation = QLabel(tr(
            "Only people who agreed to share their data with the recipient, or who were "
            "registered under the emergency basis, are written. The file is replaced only when "
            "the export is complete."
        ))
        explanation.setWordWrap(True)
        layout.addRow(explanation)

        self.csv = QRadioButton("CSV")
        self.xlsx = QRadioButton("Excel (XLSX)")
        self.xlsx.setChecked(True)
        formats = QHBoxLayout()
        formats.addWidget(self.xlsx)
        formats.addWidget(self.csv)
        formats.addStretch(1)
        layout.addRow(tr("Format"), formats)

        self.recipient = QComboBox()
        for scope in CONSENT_SCOPES:
            self.recipient.addItem(i18n.phrase(f"vocab.consent_scope.{scope}"), scope)
        layout.addRow(tr("Recipient"), self.recipient)

        self.medical = QCheckBox(tr("Include medical information (needs, details, notes)"))
        self.medical_warning = QLabel(tr(
            "Medical information is sensitive personal data. Include it only when the "
            "recipient needs it to help, and keep the file safe."
        ))
        self.medical_warning.setWordWrap(True)
        self.medical_warning.setStyleSheet(ERROR_STYLE)
        self.medical_warning.hide()
        self.medical.toggled.connect(self.medical_warning.setVisible)
        layout.addRow("", self.medical)
        layout.addRow("", self.medical_warning)

        self.path = QLineEdit()
        self.browse = QPushButton(tr("Choose…"))
        self.browse.clicked.connect(self.choose_file)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        layout.addRow(tr("File"), where)
        self.csv.toggled.connect(self._suffix_follows_format)
        self.path.setText(str(self._default_path()))

        self.progress = QProgressBar()
        self.progress.hide()
        layout.addRow(self.progress)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addRow(self.error)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.cancel_or_close)
        layout.addRow(self.buttons)

    # -- choosing ---------------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return "csv" if self.csv.isChecked() else "xlsx"

    def _default_path(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return Path.home() / f"disastercenter-{stamp}.{self.fmt}"

    def _suffix_follows_format(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{self.fmt}")))

    def choose_file(self) -> None:
        pattern = tr("CSV files (*.csv)") if self.fmt == "csv" else tr("Excel files (*.xlsx)")
        path, _filter = QFileDialog.getSaveFileName(self, tr("Export to"), self.path.text(), pattern)
        if path:
            self.path.setText(str(Path(path).with_suffix(f".{self.fmt}")))

    # -- exporting --------------------------------------------------------------------------

    def start(self) -> None:
        text = self.path.text().strip()
        if not text:
            self._show_error(tr("Choose a file to export to."))
            return
        out = Path(text).expanduser()
        if out.suffix.lower() != f".{self.fmt}":
            out = out.with_suffix(f".{self.fmt}")
        fmt, recipient, medical, db_path = self.fmt, self.recipient.currentData(), self.medical.isChecked(), self.db_path
        self.task = BackgroundTask(lambda progress, cancelled: export_workspace(
            db_path, out, fmt, recipient=recipient, include_medical=medical,
            progress=progress, cancelled=cancelled,
        ), self)
        self.task.progress.connect(self._progress)
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)
        self.error.hide()
        self.progress.setValue(0)
        self.progress.show()
        for widget in (self.export_button, self.browse, self.path, self.csv, self.xlsx,
                       self.recipient, self.medical):
            widget.setEnabled(False)
        self.task.start()

    def cancel_or_close(self) -> None:
        if self.task is not None and self.task.is_running():
            self.task.cancel()
        else:
            self.reject()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finished(self, summary: object) -> None:
        assert isinstance(summary, ExportSummary)
        self.summary = summary
        self.progress.setValue(self.progress.maximum())
        self.report(summary)
        self.accept()

    def report(self, summary: ExportSummary) -> None:
        QMessageBox.information(self, tr("Export finished"), tr(
            "{exported} people written to {path} ({consent} by consent, {emergency} under the "
            "emergency basis). {withheld} people were left out: no basis to share with this "
            "recipient. Medical information: {medical}.",
            exported=summary.exported, path=str(summary.path),
            consent=summary.by_basis.get("consent", 0),
            emergency=summary.by_basis.get("emergency", 0), withheld=summary.withheld,
            medical=tr("included") if summary.include_medical else tr("left out"),
        ))

    def _failed(self, message: str) -> None:
        self._show_error(message)
        self.progress.hide()
        for widget in (self.export_button, self.browse, self.path, self.csv, self.xlsx,
                       self.recipient, self.medical):
            widget.setEnabled(True)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def done(self, result: int) -> None:  # noqa: D102 - closing always stops the work first
        if self.task is not None and self.task.is_running():
            self.task.stop_and_wait()
        super().done(result)
