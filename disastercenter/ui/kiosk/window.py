"""The self-registration kiosk: a full-screen window evacuees use on their own.

Language board -> form in that language -> "please call staff" -> staff type the PIN and check
every answer side by side -> confirm: one transaction saves the household. The kiosk shows no
other records; leaving it needs the staff PIN.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from disastercenter.content.forms import FormDefinition, load_form
from disastercenter.core.errors import UserError
from disastercenter.services.forms import (
    check_registration,
    draft_from_values,
    save_registration,
)
from disastercenter.services.registry import (
    HouseholdRegistration,
    Registry,
    ValidationError,
)
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.kiosk.board import LanguageBoard
from disastercenter.ui.kiosk.fonts import font_for
from disastercenter.ui.kiosk.form import FORM_POINTS, KioskForm
from disastercenter.ui.kiosk.pin import PinPanel, PinStore
from disastercenter.ui.kiosk.review import CallStaffPage, ReviewPage
from disastercenter.ui.kiosk.texts import KioskTexts

#: Sizes for touch screens: big text, big targets (at least ~15 mm at 96 dpi).
STYLE = """
QWidget#kiosk { background: #f6f5ef; }
QPushButton { min-height: 64px; padding: 6px 28px; border: 2px solid #8a8a80;
              border-radius: 10px; background: #ffffff; }
QPushButton:pressed { background: #dcdcd2; }
QPushButton:disabled { color: #9a9a9a; border-color: #cfcfc8; }
QPushButton#primary { background: #1b5e20; color: white; border-color: #1b5e20; font-weight: bold; }
QPushButton#language { background: #ffffff; }
QPushButton#language:hover { border-color: #1b5e20; }
QPushButton#staff { min-height: 36px; padding: 2px 12px; border-width: 1px; color: #555; }
QLineEdit, QComboBox, QPlainTextEdit { min-height: 56px; padding: 2px 10px; background: #ffffff;
              border: 2px solid #8a8a80; border-radius: 6px; }
QLineEdit:focus, QComboBox:focus { border-color: #1b5e20; }
QCheckBox, QRadioButton { spacing: 14px; padding: 8px 0; }
QCheckBox::indicator, QRadioButton::indicator { width: 34px; height: 34px; }
QListWidget#steps { background: #ffffff; border: 2px solid #cfcfc8; border-radius: 8px; }
QListWidget#steps::item { padding: 14px 10px; }
QListWidget#steps::item:selected { background: #1b5e20; color: white; }
QLabel#title { font-weight: bold; }
QLabel#section { font-size: 22pt; font-weight: bold; color: #1b5e20; padding-top: 8px; }
QLabel#question { font-weight: bold; }
QLabel#hint { color: #505050; }
QLabel#error { color: #b00020; font-weight: bold; }
QLabel#columnHeader { color: #505050; font-weight: bold; }
QFrame#rowLine { color: #d8d8d0; }
QScrollBar:vertical { width: 28px; }
"""

#: Point size of the staff screens (the form's sizes are in kiosk.form).
STAFF_POINTS = 14


class DonePage(QWidget):
    """Saved: thank the person; the next one starts at the language board."""

    next_person = Signal()

    def __init__(self, texts: KioskTexts, names: Sequence[str]) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        message = QLabel(f"{texts.phrase('reception.registration_done')}\n"
                         f"{texts.phrase('answer.thank_you')}")
        message.setObjectName("title")
        message.setFont(font_for(texts.code, 30))
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message.setWordWrap(True)
        people = QLabel("\n".join(names))
        people.setFont(font_for(texts.code, 22))
        people.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton(texts.phrase("kiosk.next"))
        self.next_button.setObjectName("primary")
        self.next_button.setFont(font_for(texts.code, 22))
        self.next_button.clicked.connect(self.next_person.emit)
        layout.addStretch(1)
        layout.addWidget(message)
        layout.addSpacing(24)
        layout.addWidget(people)
        layout.addSpacing(24)
        layout.addWidget(self.next_button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)


class KioskWindow(QWidget):
    """Registers households into one shelter. `closed` is emitted once staff leave it."""

    closed = Signal()
    registered = Signal(object)  # HouseholdRegistration

    #: After a registration the board comes back by itself (the next person may not tap).
    DONE_TIMEOUT_MS = 60_000

    def __init__(self, registry: Registry, shelter_id: str, pins: PinStore,
                 form: FormDefinition | None = None) -> None:
        super().__init__()
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setWindowTitle("disastercenter")
        self.registry = registry
        self.shelter_id = shelter_id
        self.shelter_name = registry.get_shelter(shelter_id).name_ja
        self.pins = pins
        self.form_definition = form or load_form("registration")
        self.unlocked = False
        self.texts: KioskTexts | None = None
        self.form: KioskForm | None = None
        self.review: ReviewPage | None = None
        self.call_staff: CallStaffPage | None = None
        self.done: DonePage | None = None
        self.last_registration: HouseholdRegistration | None = None
        self._page_before_exit: QWidget | None = None

        self.title = QLabel()
        self.title.setObjectName("title")
        self.welcome = QLabel()
        self.welcome.setWordWrap(True)
        self.welcome.setObjectName("hint")
        self.change_language_button = QPushButton()
        self.change_language_button.setObjectName("secondary")
        self.change_language_button.clicked.connect(self.show_board)
        self.staff_button = QPushButton()
        self.staff_button.setObjectName("staff")
        self.staff_button.setFont(font_for("ja", 11))
        self.staff_button.clicked.connect(self.request_exit)
        self.titles = titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.welcome)
        self.header = QWidget()
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        top = QHBoxLayout(self.header)
        top.setContentsMargins(24, 12, 24, 0)
        top.addLayout(titles, 1)
        top.addWidget(self.change_language_button, alignment=Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.staff_button, alignment=Qt.AlignmentFlag.AlignTop)

        self.stack = QStackedWidget()
        self.board = LanguageBoard()
        self.board.chosen.connect(self.choose_language)
        self.stack.addWidget(self.board)
        self.exit_page = QWidget()
        exit_layout = QVBoxLayout(self.exit_page)
        exit_layout.setContentsMargins(48, 48, 48, 48)
        self.exit_pin = PinPanel(pins, "Staff: type the PIN to leave the kiosk. Answers not yet "
                                 "saved are discarded.", "Leave the kiosk")
        self.exit_pin.setFont(font_for("ja", STAFF_POINTS))
        self.exit_pin.accepted.connect(self._leave)
        self.exit_pin.cancelled.connect(self._cancel_exit)
        exit_layout.addStretch(1)
        exit_layout.addWidget(self.exit_pin)
        exit_layout.addStretch(1)
        self.stack.addWidget(self.exit_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self._done_timer = QTimer(self, singleShot=True, interval=self.DONE_TIMEOUT_MS)
        self._done_timer.timeout.connect(self.show_board)
        i18n.changed.connect(self._staff_language_changed)
        self.show_board()

    # -- pages ----------------------------------------------------------------------------

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def _set_page(self, page: QWidget) -> None:
        if self.stack.indexOf(page) < 0:
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        # Changing the language is for the form; staff pages and the board do without.
        self.change_language_button.setVisible(page is self.form)
        self.welcome.setVisible(page is self.form)
        self.title.setVisible(page is self.form and bool(self.title.text()))
        # Qt keeps the header's old height after its children hide; lay out again now.
        for layout in (self.titles, self.header.layout(), self.layout()):
            layout.invalidate()
        self.layout().activate()

    def _drop(self, page: QWidget | None) -> None:
        if page is not None:
            self.stack.removeWidget(page)
            page.deleteLater()

    def _apply_language(self, texts: KioskTexts | None) -> None:
        """Header texts, font and direction for the evacuee's language (board: neutral)."""
        code = texts.code if texts else "ja"
        direction = (Qt.LayoutDirection.RightToLeft if texts and texts.rtl
                     else Qt.LayoutDirection.LeftToRight)
        self.header.setLayoutDirection(direction)
        # Fonts set on each widget: a style sheet on the window stops font propagation.
        self.title.setFont(font_for(code, 26))
        self.welcome.setFont(font_for(code, 15))
        self.change_language_button.setFont(font_for(code, FORM_POINTS))
        self.staff_button.setText(tr("Staff"))
        if texts is None:
            self.title.setText("")
            self.welcome.setText("")
            self.title.hide()
            return
        self.title.show()
        self.title.setText(texts.phrase(self.form_definition.title))
        self.welcome.setText(texts.phrase("kiosk.welcome"))
        self.change_language_button.setText(texts.phrase("kiosk.change_language"))

    def show_board(self) -> None:
        """The language board; answers typed so far stay until the next language is chosen."""
        self._done_timer.stop()
        if self.done is not None:
            self._drop(self.done)
            self.done = None
        self._apply_language(None)
        self._set_page(self.board)

    def choose_language(self, code: str) -> None:
        """Show the form in `code`, keeping answers already given in another language."""
        household: Mapping[str, object] = {}
        members: Sequence[Mapping[str, object]] = []
        if self.form is not None:
            household, members = self.form.household_values(), self.form.member_values()
        self._drop(self.form)
        self._drop(self.call_staff)
        self._drop(self.review)
        self.call_staff = self.review = None
        self.texts = KioskTexts(code)
        self.form = KioskForm(self.form_definition, self.texts)
        self.form.setFont(font_for(code, FORM_POINTS))
        if self.texts.rtl:
            self.form.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        if members:
            self.form.load(household, members)
        self.form.finish_requested.connect(self.finish_form)
        self._apply_language(self.texts)
        self._set_page(self.form)

    def _values(self) -> tuple[dict[str, object], list[dict[str, object]]]:
        assert self.form is not None
        household = {**self.form.household_values(), "shelter_id": self.shelter_id}
        return household, self.form.member_values()

    def finish_form(self) -> bool:
        """Check every answer; on problems mark them (in the evacuee's language) and stay,
        else ask the person to call staff. True when the form was complete."""
        assert self.form is not None and self.texts is not None
        household, members = self._values()
        household_problems, member_problems = check_registration(
            self.form_definition, household, members)
        if self.form.show_problems(household_problems, member_problems):
            return False
        self._drop(self.call_staff)
        self.call_staff = CallStaffPage(self.texts, self.pins)
        self.call_staff.pin.setFont(font_for("ja", STAFF_POINTS))
        self.call_staff.back.connect(lambda: self._set_page(self.form))  # type: ignore[arg-type]
        self.call_staff.pin.accepted.connect(self.show_review)
        self._set_page(self.call_staff)
        return True

    def show_review(self) -> None:
        assert self.texts is not None
        household, members = self._values()
        if self.review is None:
            self.review = ReviewPage(self.form_definition, self.texts, self.shelter_name)
            self.review.setFont(font_for("ja", STAFF_POINTS))
            self.review.back_to_form.connect(lambda: self._set_page(self.form))  # type: ignore[arg-type]
            self.review.discarded.connect(self.discard)
            self.review.confirmed.connect(self.confirm)
        self.review.show_values(household, members)
        self._set_page(self.review)

    def confirm(self) -> HouseholdRegistration | None:
        """Staff confirmed: save the household in one transaction."""
        assert self.review is not None and self.texts is not None
        household, members = self._values()
        draft = draft_from_values(household, members, head_index=0)
        try:
            registration = save_registration(self.registry, draft)
        except ValidationError as exc:
            self.review.error.setText(" ".join(i18n.message(p.key, p.params) for p in exc.problems))
            self.review.error.show()
            return None
        except UserError as exc:
            self.review.error.setText(exc.message(i18n.language))
            self.review.error.show()
            return None
        self.last_registration = registration
        names = [str(m.get("name_native") or m.get("name_latin") or "") for m in members]
        texts = self.texts
        self._clear_form()
        self.done = DonePage(texts, names)
        self.done.next_person.connect(self.show_board)
        self._apply_language(texts)
        self._set_page(self.done)
        self._done_timer.start()
        self.registered.emit(registration)
        return registration

    def discard(self) -> None:
        self._clear_form()
        self.show_board()

    def _clear_form(self) -> None:
        for page in (self.form, self.call_staff, self.review):
            self._drop(page)
        self.form = self.call_staff = self.review = None  # type: ignore[assignment]

    def _staff_language_changed(self, _language: str) -> None:
        self.staff_button.setText(tr("Staff"))
        self.exit_pin.retranslate()
        if self.call_staff is not None:
            self.call_staff.pin.retranslate()
        if self.review is not None:
            self.review.retranslate()

    # -- leaving --------------------------------------------------------------------------

    def request_exit(self) -> None:
        """Staff want to leave: ask for the PIN (inside the kiosk, never a separate window)."""
        if self.current_page() is not self.exit_page:
            self._page_before_exit = self.current_page()
        self.exit_pin.reset()
        self._set_page(self.exit_page)
        self.exit_pin.pin.setFocus()

    def _cancel_exit(self) -> None:
        self._set_page(self._page_before_exit or self.board)

    def _leave(self) -> None:
        self.unlocked = True
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # Escape must not leave or reset anything
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.unlocked:
            event.ignore()  # Alt+F4 and the like: staff only, through the PIN
            self.request_exit()
            return
        self._done_timer.stop()
        i18n.changed.disconnect(self._staff_language_changed)
        self._clear_form()
        self.closed.emit()
        super().closeEvent(event)
