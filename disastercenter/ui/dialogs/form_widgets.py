"""Widgets for form fields, built from a form definition (forms/*.toml).

Each `FieldEditor` owns its input widget and an error label shown under it, and converts
between the widget and plain values (str, bool, list) that services understand.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from disastercenter.content.forms import FormField
from disastercenter.core.countries import COUNTRIES, country_name
from disastercenter.core.languages import LANGUAGES
from disastercenter.core.people import Need
from disastercenter.core.vocab import ALLERGENS, LANGUAGE_LEVELS, NEED_TAGS
from disastercenter.services.registry import ShelterRow
from disastercenter.ui.i18n import i18n, tr

ERROR_STYLE = "color: #b00020;"


def language_label(code: str) -> str:
    lang = LANGUAGES[code]
    local = lang.name_ja if i18n.language == "ja" else lang.name_en
    return local if local == lang.native_name else f"{lang.native_name} — {local}"


class FieldEditor:
    """One form field: label, input widget, error label."""

    def __init__(self, field: FormField, shelters: Sequence[ShelterRow] = ()) -> None:
        self.field = field
        self.label = QLabel(i18n.phrase(field.label) + (" *" if field.required else ""))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.widget = self._build(shelters)
        self.label.setBuddy(self.focus_widget())
        if field.help:
            self.focus_widget().setToolTip(i18n.phrase(field.help))
            if isinstance(self.widget, QLineEdit):
                self.widget.setPlaceholderText(i18n.phrase(field.help))

    # -- building -------------------------------------------------------------------------

    def _build(self, shelters: Sequence[ShelterRow]) -> QWidget:
        kind = self.field.type
        if kind in ("text", "phone"):
            edit = QLineEdit()
            if self.field.max_length:
                edit.setMaxLength(self.field.max_length)
            return edit
        if kind == "multiline":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(60)
            return text
        if kind == "date":
            edit = QLineEdit()
            edit.setPlaceholderText(tr("YYYY-MM-DD"))
            edit.setInputMask("")
            return edit
        if kind == "choice":
            combo = QComboBox()
            if self.field.optional_choice:
                combo.addItem("—", "")
            for value in self.field.choices:
                combo.addItem(i18n.phrase(self.field.choice_label_key(value)), value)
            if self.field.default is not None:
                combo.setCurrentIndex(combo.findData(self.field.default))
            return combo
        if kind == "multichoice":
            return ChoiceBoxes(
                [(v, i18n.phrase(self.field.choice_label_key(v))) for v in self.field.choices]
            )
        if kind == "bool":
            return QCheckBox(tr("Yes"))
        if kind == "country":
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItem("", "")
            for code in COUNTRIES:
                combo.addItem(f"{code} — {country_name(code, i18n.language)}", code)
            combo.lineEdit().setPlaceholderText(tr("Two-letter code, e.g. VN"))
            return combo
        if kind == "language_levels":
            return LanguageLevelsEditor()
        if kind == "needs":
            return NeedsEditor()
        if kind == "shelter":
            combo = QComboBox()
            for shelter in shelters:
                combo.addItem(shelter.name_ja + (f" ({shelter.name_en})" if shelter.name_en else ""),
                              shelter.id)
            return combo
        raise ValueError(f"unsupported field type {kind}")

    def focus_widget(self) -> QWidget:
        if isinstance(self.widget, (LanguageLevelsEditor, NeedsEditor, ChoiceBoxes)):
            return self.widget.first_input()
        return self.widget

    # -- values ---------------------------------------------------------------------------

    def value(self) -> object:
        w = self.widget
        if isinstance(w, QLineEdit):
            return w.text().strip()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            if self.field.type == "country":
                text = w.currentText().strip()
                data = w.currentData()
                if data and text.startswith(str(data)):
                    return data
                return text.split("—")[0].strip().upper()
            return w.currentData() or ""
        if isinstance(w, (ChoiceBoxes, LanguageLevelsEditor, NeedsEditor)):
            return w.value()
        raise TypeError(type(w))

    def set_value(self, value: object) -> None:
        w = self.widget
        if isinstance(w, QLineEdit):
            w.setText("" if value is None else str(value))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText("" if value is None else str(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            index = w.findData(value or "")
            if index >= 0:
                w.setCurrentIndex(index)
            elif self.field.type == "country":
                w.setEditText(str(value or ""))
        else:
            w.set_value(value)  # type: ignore[union-attr]

    def show_error(self, message: str | None) -> None:
        if message:
            self.error.setText(message)
            self.error.show()
        else:
            self.error.clear()
            self.error.hide()

    def add_to(self, layout: QFormLayout) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.widget)
        column.addWidget(self.error)
        layout.addRow(self.label, box)


class ChoiceBoxes(QWidget):
    """Check boxes for a multiple choice, in two columns."""

    def __init__(self, options: list[tuple[str, str]]) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for number, (value, label) in enumerate(options):
            box = QCheckBox(label)
            self.boxes[value] = box
            grid.addWidget(box, number // 2, number % 2)

    def first_input(self) -> QWidget:
        return next(iter(self.boxes.values()))

    def value(self) -> list[str]:
        return [v for v, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: object) -> None:
        chosen = set(value or [])  # type: ignore[arg-type]
        for v, box in self.boxes.items():
            box.setChecked(v in chosen)


class LanguageLevelsEditor(QWidget):
    """Rows of (language, level) with add and remove buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.rows_layout = QVBoxLayout(self)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows: list[tuple[QWidget, QComboBox, QComboBox]] = []
        self.add_button = QPushButton(tr("Add language"))
        self.add_button.setAutoDefault(False)  # Enter must save the dialog, not add a row
        self.add_button.clicked.connect(lambda: self.add_row())
        self.rows_layout.addWidget(self.add_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.add_row()

    def add_row(self, code: str = "", level: str = "native") -> None:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        language = QComboBox()
        language.addItem("—", "")
        for lang_code in LANGUAGES:
            language.addItem(language_label(lang_code), lang_code)
        language.setCurrentIndex(max(language.findData(code), 0))
        levels = QComboBox()
        for value in LANGUAGE_LEVELS:
            levels.addItem(i18n.phrase(f"vocab.language_level.{value}"), value)
        levels.setCurrentIndex(max(levels.findData(level), 0))
        remove = QPushButton(tr("Remove"))
        remove.setAutoDefault(False)
        remove.setAccessibleName(tr("Remove language"))
        line.addWidget(language, 3)
        line.addWidget(levels, 2)
        line.addWidget(remove)
        entry = (row, language, levels)
        remove.clicked.connect(lambda: self._remove(entry))
        self.rows.append(entry)
        self.rows_layout.insertWidget(len(self.rows) - 1, row)

    def _remove(self, entry: tuple[QWidget, QComboBox, QComboBox]) -> None:
        self.rows.remove(entry)
        entry[0].setParent(None)
        entry[0].deleteLater()
        if not self.rows:
            self.add_row()

    def first_input(self) -> QWidget:
        return self.rows[0][1]

    def value(self) -> list[tuple[str, str]]:
        result: list[tuple[str, str]] = []
        for _, language, level in self.rows:
            code = language.currentData()
            if code:
                result.append((code, level.currentData()))
        return result

    def set_value(self, value: object) -> None:
        for entry in list(self.rows):
            self.rows.remove(entry)
            entry[0].setParent(None)
        pairs = list(value or [])  # type: ignore[arg-type]
        for code, level in pairs:
            self.add_row(code, level)
        if not pairs:
            self.add_row()


class NeedsEditor(QWidget):
    """A check box per need, a detail box beside each, allergen boxes under "allergy"."""

    def __init__(self) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.checks: dict[str, QCheckBox] = {}
        self.details: dict[str, QLineEdit] = {}
        row = 0
        for tag in NEED_TAGS:
            check = QCheckBox(i18n.phrase(f"vocab.need.{tag}"))
            detail = QLineEdit()
            detail.setPlaceholderText(i18n.phrase("field.need_detail"))
            detail.setEnabled(False)
            check.toggled.connect(detail.setEnabled)
            self.checks[tag] = check
            self.details[tag] = detail
            grid.addWidget(check, row, 0)
            grid.addWidget(detail, row, 1)
            row += 1
            if tag == "allergy":
                self.allergens = ChoiceBoxes(
                    [(a, i18n.phrase(f"vocab.allergen.{a}")) for a in ALLERGENS]
                )
                self.allergens.setEnabled(False)
                check.toggled.connect(self.allergens.setEnabled)
                grid.addWidget(self.allergens, row, 0, 1, 2)
                row += 1

    def first_input(self) -> QWidget:
        return next(iter(self.checks.values()))

    def value(self) -> list[Need]:
        return [
            Need(tag, self.details[tag].text().strip(),
                 self.allergens.value() if tag == "allergy" else [])
            for tag, check in self.checks.items()
            if check.isChecked()
        ]

    def set_value(self, value: object) -> None:
        needs = {n.tag: n for n in (value or [])}  # type: ignore[union-attr]
        for tag, check in self.checks.items():
            need = needs.get(tag)
            check.setChecked(need is not None)
            self.details[tag].setText(need.detail if need else "")
        allergy = needs.get("allergy")
        self.allergens.set_value(allergy.items if allergy else [])
