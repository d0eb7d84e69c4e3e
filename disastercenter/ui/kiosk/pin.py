"""The staff PIN that guards leaving the kiosk and confirming a registration.

The PIN's salted hash lives in the app settings (`kiosk/pin_hash`); when none is set, staff set
one when they open the kiosk. Dialogs here speak the staff's language (ja/en).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from disastercenter.services.kiosk import hash_pin, pin_problem, verify_pin
from disastercenter.services.registry import ShelterRow
from disastercenter.ui.dialogs.form_widgets import ERROR_STYLE
from disastercenter.ui.i18n import i18n, tr

SETTINGS_KEY = "kiosk/pin_hash"
#: After this many wrong PINs in a row, PIN entry pauses for LOCK_SECONDS.
MAX_FAILURES = 5
LOCK_SECONDS = 60


class PinStore:
    """The staff PIN's hash in QSettings, and a count of wrong tries (in memory only)."""

    def __init__(self, settings: QSettings | None) -> None:
        self.settings = settings
        self._memory: str | None = None  # without settings (a window built bare): this run only
        self.failures = 0
        self.locked_until = 0.0

    def _stored(self) -> str:
        if self.settings is None:
            return self._memory or ""
        return str(self.settings.value(SETTINGS_KEY, "") or "")

    def is_set(self) -> bool:
        return bool(self._stored())

    def set(self, pin: str) -> None:
        problem = pin_problem(pin)
        if problem:
            raise ValueError(problem)
        stored = hash_pin(pin)
        if self.settings is None:
            self._memory = stored
        else:
            self.settings.setValue(SETTINGS_KEY, stored)
            self.settings.sync()

    def seconds_locked(self) -> int:
        return max(0, int(self.locked_until - time.monotonic() + 0.999))

    def check(self, pin: str) -> bool:
        """Whether `pin` is the staff PIN; wrong tries beyond MAX_FAILURES lock entry."""
        if self.seconds_locked():
            return False
        if self.is_set() and verify_pin(pin, self._stored()):
            self.failures = 0
            return True
        self.failures += 1
        if self.failures >= MAX_FAILURES:
            self.failures = 0
            self.locked_until = time.monotonic() + LOCK_SECONDS
        return False


def pin_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(12)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    return edit


class KioskStartDialog(QDialog):
    """Staff open the kiosk: pick the shelter it registers into and, the first time, a PIN."""

    def __init__(self, shelters: list[ShelterRow], pins: PinStore,
                 shelter_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pins = pins
        self.setWindowTitle(tr("Open the self-registration kiosk"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Evacuees register themselves in their language. Staff check every "
                          "registration before it is saved, and leaving the kiosk needs the "
                          "staff PIN."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.shelter = QComboBox()
        for shelter in shelters:
            self.shelter.addItem(shelter.name_ja + (f" ({shelter.name_en})" if shelter.name_en else ""),
                                 shelter.id)
        if shelter_id:
            self.shelter.setCurrentIndex(max(self.shelter.findData(shelter_id), 0))
        form.addRow(tr("Shelter"), self.shelter)
        self.new_pin = pin_edit()
        self.repeat_pin = pin_edit()
        if not pins.is_set():
            form.addRow(tr("New staff PIN (4–12 digits)"), self.new_pin)
            form.addRow(tr("Repeat the PIN"), self.repeat_pin)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Open the kiosk"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if not shelters:
            self._show(tr("Add a shelter first (Shelters page)."))
            buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def start(self) -> None:
        if not self.pins.is_set():
            pin = self.new_pin.text()
            problem = pin_problem(pin)
            if problem:
                self._show(i18n.message(problem))
                return
            if pin != self.repeat_pin.text():
                self._show(i18n.message("pin.mismatch"))
                return
            self.pins.set(pin)
        self.accept()

    def shelter_id(self) -> str:
        return str(self.shelter.currentData() or "")

    @classmethod
    def ask(cls, shelters: list[ShelterRow], pins: PinStore, shelter_id: str | None,
            parent: QWidget | None) -> str | None:
        """The shelter to register into, or None when staff cancelled (tests replace this)."""
        dialog = cls(shelters, pins, shelter_id, parent)
        return dialog.shelter_id() if dialog.exec() else None


class PinPanel(QWidget):
    """Staff type the PIN inside the kiosk (a dialog could open behind a full-screen window).
    `accepted` is emitted for the right PIN only; wrong PINs say so and count towards a pause."""

    accepted = Signal()
    cancelled = Signal()

    def __init__(self, pins: PinStore, purpose: str, action: str) -> None:
        super().__init__()
        self.pins = pins
        self.purpose_source = purpose
        self.action_source = action
        layout = QVBoxLayout(self)
        self.purpose = QLabel()
        self.purpose.setWordWrap(True)
        layout.addWidget(self.purpose)
        row = QHBoxLayout()
        self.pin = pin_edit()
        self.pin.setMinimumWidth(240)
        self.pin.returnPressed.connect(self.try_pin)
        self.ok = QPushButton()
        self.ok.clicked.connect(self.try_pin)
        self.cancel = QPushButton()
        self.cancel.clicked.connect(self._cancel)
        row.addWidget(self.pin)
        row.addWidget(self.ok)
        row.addWidget(self.cancel)
        row.addStretch(1)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        self.retranslate()

    def retranslate(self) -> None:
        self.purpose.setText(tr(self.purpose_source))
        self.ok.setText(tr(self.action_source))
        self.cancel.setText(tr("Cancel"))
        self.pin.setPlaceholderText(tr("Staff PIN"))

    def reset(self) -> None:
        self.pin.clear()
        self.error.hide()

    def _cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def try_pin(self) -> None:
        if self.pins.check(self.pin.text()):
            self.reset()
            self.accepted.emit()
            return
        self.pin.clear()
        locked = self.pins.seconds_locked()
        self.error.setText(i18n.message("pin.locked", {"seconds": locked}) if locked
                           else i18n.message("pin.wrong"))
        self.error.show()
