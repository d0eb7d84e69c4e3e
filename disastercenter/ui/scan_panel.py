"""The strip the Evacuees page shows after a card is scanned: who it is, where they stand, and
one-click check-in / check-out; or, for a code that does not read, what went wrong.

It is not a dialog on purpose: the next scan must reach the page, not a modal window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from disastercenter.services.registry import Registry, utc_now
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import local_time
from disastercenter.ui.widgets import save_or_report


class ScanPanel(QFrame):
    """Shows one scanned person (or a problem) above the evacuee list."""

    #: A status was changed here: the page refreshes its list and counts.
    changed = Signal()
    edit_requested = Signal(str)
    status_requested = Signal(str)

    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.person_id: str | None = None
        self.setObjectName("scanPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#scanPanel { background: #eef4fb; border: 1px solid #9db7d5; }"
                           "#scanPanel[problem=\"true\"] { background: #fdeeee;"
                           " border: 1px solid #d59d9d; }")
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.result = QLabel()
        self.result.setStyleSheet("color: #1d5e20; font-weight: bold;")
        self.check_in_button = QPushButton()
        self.check_out_button = QPushButton()
        self.other_button = QPushButton()
        self.edit_button = QPushButton()
        self.close_button = QPushButton()
        for button in (self.check_in_button, self.check_out_button, self.other_button,
                       self.edit_button, self.close_button):
            # No focus: the next scan's keys then reach the page's scanner input, and its
            # Enter cannot press a button by accident.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.check_in_button.clicked.connect(lambda: self._set_status("checked_in"))
        self.check_out_button.clicked.connect(lambda: self._set_status("left"))
        self.other_button.clicked.connect(lambda: self._request(self.status_requested))
        self.edit_button.clicked.connect(lambda: self._request(self.edit_requested))
        self.close_button.clicked.connect(self.hide)

        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.info)
        text.addWidget(self.result)
        buttons = QHBoxLayout()
        for button in (self.check_in_button, self.check_out_button, self.other_button,
                       self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        text.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.check_in_button.setText(tr("Check in"))
        self.check_out_button.setText(tr("Check out"))
        self.other_button.setText(tr("Other status…"))
        self.edit_button.setText(tr("Edit…"))
        self.close_button.setText(tr("Close"))
        if self.isVisible() and self.person_id is not None:
            self.show_person(self.person_id, keep_result=True)

    # -- what is shown --------------------------------------------------------------------

    def show_person(self, person_id: str, keep_result: bool = False) -> None:
        person = self.registry.get_person(person_id)
        self.person_id = person_id
        data = person.data
        names = [data.name_latin, data.name_native, data.name_kana]
        shown = []
        for name in names:
            if name and name not in shown:
                shown.append(name)
        self.title.setText("  ·  ".join(shown) or person.card_code)
        shelter = ""
        if person.shelter_id:
            shelter = self.registry.get_shelter(person.shelter_id).name_ja
        status = i18n.phrase(f"vocab.status.{person.status}") if person.status else "—"
        self.info.setText(tr("Card {code} · {shelter} · {status} since {time}",
                             code=person.card_code, shelter=shelter or "—", status=status,
                             time=local_time(person.status_at) or "—"))
        present = person.status == "checked_in"
        self.check_in_button.setEnabled(not present)
        self.check_out_button.setEnabled(present)
        for button in (self.check_in_button, self.check_out_button, self.other_button,
                       self.edit_button):
            button.show()
        if not keep_result:
            self.result.clear()
        self.result.setVisible(bool(self.result.text()))
        self._set_problem(False)
        self.show()

    def show_problem(self, message: str) -> None:
        self.person_id = None
        self.title.setText(tr("Card not recognised"))
        self.info.setText(message)
        self.result.clear()
        self.result.hide()
        for button in (self.check_in_button, self.check_out_button, self.other_button,
                       self.edit_button):
            button.hide()
        self._set_problem(True)
        self.show()

    def _set_problem(self, problem: bool) -> None:
        self.setProperty("problem", problem)
        self.style().unpolish(self)
        self.style().polish(self)

    # -- actions --------------------------------------------------------------------------

    def _set_status(self, status: str) -> None:
        person_id = self.person_id
        if person_id is None:
            return
        if save_or_report(self, None, lambda: self.registry.set_status(person_id, status)):
            when = local_time(utc_now())
            self.result.setText(tr("Checked in at {time}", time=when) if status == "checked_in"
                                else tr("Checked out at {time}", time=when))
            self.show_person(person_id, keep_result=True)
            self.changed.emit()

    def _request(self, signal: Signal) -> None:  # type: ignore[type-arg]
        if self.person_id is not None:
            signal.emit(self.person_id)  # type: ignore[attr-defined]

