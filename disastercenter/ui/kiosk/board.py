"""The language board: every language by its own name, in its own script, as big buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.languages import LANGUAGES
from disastercenter.ui.kiosk.fonts import font_for
from disastercenter.ui.kiosk.texts import KioskTexts

COLUMNS = 5


class LanguageButton(QPushButton):
    """A language's own name, large, with its English name under it (small)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        lang = LANGUAGES[code]
        self.setObjectName("language")
        self.setAccessibleName(f"{lang.native_name} ({lang.name_en})")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(92)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        column.setSpacing(0)
        self.native = QLabel(lang.native_name)
        self.native.setFont(font_for(code, 21))
        self.english = QLabel(lang.name_en)
        self.english.setFont(font_for("en", 12))
        self.english.setObjectName("hint")
        for label in (self.native, self.english):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            column.addWidget(label)


class LanguageBoard(QWidget):
    """Which language do you speak? `chosen` carries the BCP 47 code."""

    chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 20)
        layout.setSpacing(10)
        # The question in Japanese and English; each button then speaks for itself.
        for code in ("ja", "en"):
            texts = KioskTexts(code)
            question = QLabel(f"{texts.phrase('board.which_language')}  "
                              f"{texts.phrase('board.point_to_your_language')}")
            question.setFont(font_for(code, 19 if code == "ja" else 17))
            question.setAlignment(Qt.AlignmentFlag.AlignCenter)
            question.setWordWrap(True)
            layout.addWidget(question)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.buttons: dict[str, LanguageButton] = {}
        for number, code in enumerate(LANGUAGES):
            button = LanguageButton(code)
            button.clicked.connect(lambda _checked=False, c=code: self.chosen.emit(c))
            grid.addWidget(button, number // COLUMNS, number % COLUMNS)
            self.buttons[code] = button
        layout.addLayout(grid, 1)
