"""Staff check a kiosk registration with the person before it is saved.

Each answer is shown twice, side by side: in the staff's language (ja/en, switchable here) and
as the evacuee read and gave it, in their language.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from disastercenter.content.forms import FormDefinition, FormField
from disastercenter.core.people import Need
from disastercenter.ui.dialogs.form_widgets import STAFF_TEXTS, FormTexts
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.kiosk.fonts import font_for
from disastercenter.ui.kiosk.pin import PinPanel, PinStore
from disastercenter.ui.kiosk.texts import KioskTexts

EMPTY = "—"


def answer_text(field: FormField, value: object, texts: FormTexts) -> str:
    """A field's value in words: choices by their labels, lists joined, "—" for no answer."""
    self_service = texts.self_service

    def choice(v: str) -> str:
        return texts.phrase(field.choice_label_key(v, self_service)) if field.choice_labels else v

    if value in (None, "", [], ()):
        return EMPTY
    kind = field.type
    if kind == "choice":
        return choice(str(value))
    if kind == "multichoice":
        return "\n".join(choice(str(v)) for v in value)  # type: ignore[union-attr]
    if kind == "bool":
        return texts.ui("yes") if value else EMPTY
    if kind == "country":
        return texts.country_label(str(value))
    if kind == "language_levels":
        return "\n".join(
            f"{texts.language_label(code)} ({texts.phrase(f'vocab.language_level.{level}')})"
            for code, level in value  # type: ignore[union-attr]
        )
    if kind == "needs":
        lines = []
        for need in value:  # type: ignore[union-attr]
            assert isinstance(need, Need)
            line = texts.phrase(f"vocab.need.{need.tag}")
            if need.items:
                line += ": " + ", ".join(texts.phrase(f"vocab.allergen.{a}") for a in need.items)
            if need.detail:
                line += f" — {need.detail}"
            lines.append(line)
        return "\n".join(lines)
    return str(value)


class CallStaffPage(QWidget):
    """The form is complete: the evacuee calls staff, who type the PIN to review."""

    back = Signal()

    def __init__(self, texts: KioskTexts, pins: PinStore) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        self.message = QLabel(texts.phrase("kiosk.call_staff"))
        self.message.setObjectName("big")
        self.message.setFont(font_for(texts.code, 30))
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if texts.rtl else Qt.LayoutDirection.LeftToRight)
        self.back_button = QPushButton(texts.phrase("kiosk.back"))
        self.back_button.setFont(font_for(texts.code, 20))
        self.back_button.setObjectName("secondary")
        self.back_button.clicked.connect(self.back.emit)
        self.pin = PinPanel(pins, "Staff: type the PIN to check this registration with the person.",
                            "Check the registration")
        self.pin.cancel.hide()  # "Back" (in the evacuee's language) is the way back
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addSpacing(24)
        layout.addWidget(self.back_button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(self.pin)


class ReviewPage(QWidget):
    """Every answer in the staff's language beside the evacuee's; Confirm saves."""

    confirmed = Signal()
    back_to_form = Signal()
    discarded = Signal()

    def __init__(self, form: FormDefinition, texts: KioskTexts, shelter_name: str) -> None:
        super().__init__()
        self.form = form
        self.texts = texts
        self.shelter_name = shelter_name
        self.household: Mapping[str, object] = {}
        self.members: Sequence[Mapping[str, object]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("section")
        top.addWidget(self.title, 1)
        self.language_buttons: dict[str, QPushButton] = {}
        for code, label in (("ja", "日本語"), ("en", "English")):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setObjectName("secondary")
            button.clicked.connect(lambda _checked=False, c=code: i18n.set_language(c))
            top.addWidget(button)
            self.language_buttons[code] = button
        layout.addLayout(top)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("hint")
        layout.addWidget(self.note)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.back_button = QPushButton()
        self.back_button.setObjectName("secondary")
        self.discard_button = QPushButton()
        self.discard_button.setObjectName("secondary")
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("primary")
        self.back_button.clicked.connect(self.back_to_form.emit)
        self.discard_button.clicked.connect(self._discard)
        self.confirm_button.clicked.connect(self.confirmed.emit)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        self._discard_armed = False
        self._disarm = QTimer(self, singleShot=True, interval=5000)
        self._disarm.timeout.connect(self._reset_discard)
        self.retranslate()

    def show_values(self, household: Mapping[str, object],
                    members: Sequence[Mapping[str, object]]) -> None:
        self.household = household
        self.members = members
        self.error.hide()
        self._reset_discard()
        self._fill()

    def retranslate(self) -> None:
        language = self.texts.language
        self.title.setText(tr("Check this registration with the person"))
        self.note.setText(tr(
            "Shelter: {shelter}. Left: in your language; right: as the person read and "
            "answered in {language}. Nothing is saved until you confirm.",
            shelter=self.shelter_name,
            language=language.name_ja if i18n.language == "ja" else language.name_en,
        ))
        self.back_button.setText(tr("Back to the form"))
        self.confirm_button.setText(tr("Confirm and save"))
        for code, button in self.language_buttons.items():
            button.setChecked(code == i18n.language)
        self._reset_discard()
        if self.members:
            self._fill()

    def _discard(self) -> None:
        if self._discard_armed:
            self._reset_discard()
            self.discarded.emit()
            return
        self._discard_armed = True
        self.discard_button.setText(tr("Tap again to discard"))
        self._disarm.start()

    def _reset_discard(self) -> None:
        self._discard_armed = False
        self.discard_button.setText(tr("Discard this registration"))

    # -- the side-by-side table -----------------------------------------------------------

    def _fill(self) -> None:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        row = 0
        language = self.texts.language
        header_names = (tr("Item"), tr("Answer"), language.native_name)
        for column, text in enumerate(header_names):
            label = QLabel(text)
            label.setObjectName("columnHeader")
            if column == 2:
                label.setFont(font_for(self.texts.code, 14))
            grid.addWidget(label, row, column)
        row += 1
        row = self._section(grid, row, tr("Household"), "household", self.household)
        for number, values in enumerate(self.members, start=1):
            name = str(values.get("name_latin") or values.get("name_native") or "")
            title = tr("Person {number}", number=number) + (f": {name}" if name else "")
            if number == 1:
                title += " — " + tr("head of household")
            row = self._section(grid, row, title, "member", values)
        grid.setRowStretch(row, 1)
        self.scroll.setWidget(inner)

    def _section(self, grid: QGridLayout, row: int, title: str, scope: str,
                 values: Mapping[str, object]) -> int:
        heading = QLabel(title)
        heading.setObjectName("section")
        grid.addWidget(heading, row, 0, 1, 3)
        row += 1
        rtl = self.texts.rtl
        for field in self.form.fields(scope):
            if not field.for_self_service:
                continue
            value = values.get(field.id)
            staff = QLabel(STAFF_TEXTS.phrase(field.label_key()))
            staff.setWordWrap(True)
            staff.setObjectName("reviewItem")
            answer = QLabel(answer_text(field, value, STAFF_TEXTS))
            answer.setWordWrap(True)
            answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            block = "<div dir='rtl' align='right'" if rtl else "<div"
            entered = QLabel(
                f"{block} style='color:#555'>{html.escape(self.texts.phrase(field.label_key(True)))}</div>"
                f"{block}>{html.escape(answer_text(field, value, self.texts)).replace(chr(10), '<br>')}</div>"
            )
            entered.setTextFormat(Qt.TextFormat.RichText)
            entered.setWordWrap(True)
            entered.setFont(font_for(self.texts.code, 13))
            entered.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
            entered.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
            for column, label in enumerate((staff, answer, entered)):
                grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)
            line = QFrame()
            line.setObjectName("rowLine")
            line.setFrameShape(QFrame.Shape.HLine)
            grid.addWidget(line, row + 1, 0, 1, 3)
            row += 2
        return row
