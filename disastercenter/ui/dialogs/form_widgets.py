"""Widgets for form fields, built from a form definition (forms/*.toml).

Each `FieldEditor` owns its input widget and an error label shown under it, and converts
between the widget and plain values (str, bool, list) that services understand.

Where the words come from is a `FormTexts`: staff screens read the UI language (ja/en); the
self-registration kiosk passes its own, in the evacuee's language, and gets touch-friendly
widgets (radio buttons instead of drop-down lists, hints shown under the labels).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from disastercenter.content.forms import FormField
from disastercenter.core.countries import COUNTRIES, country_name
from disastercenter.core.languages import LANGUAGES
from disastercenter.core.people import Need
from disastercenter.core.vocab import ALLERGENS, LANGUAGE_LEVELS, NEED_TAGS
from disastercenter.services.forms import NEEDS_ASKED_BY_FIELD
from disastercenter.services.registry import ShelterRow
from disastercenter.ui.i18n import i18n, tr

ERROR_STYLE = "color: #b00020;"


def language_label(code: str) -> str:
    lang = LANGUAGES[code]
    local = lang.name_ja if i18n.language == "ja" else lang.name_en
    return local if local == lang.native_name else f"{lang.native_name} — {local}"


class FormTexts:
    """The words of a form on staff screens: phrases and messages in the UI language."""

    #: True at the kiosk: the evacuee's wording (self_label…), no staff-only choices.
    self_service = False
    #: Whether the nationality list also takes a typed two-letter code.
    editable_country = True

    def phrase(self, key: str) -> str:
        return i18n.phrase(key)

    def message(self, key: str, params: dict[str, object] | tuple = ()) -> str:
        return i18n.message(key, params)

    def ui(self, name: str) -> str:
        """Small words of the widgets themselves (buttons, placeholders)."""
        return {
            "add_language": tr("Add language"),
            "remove": tr("Remove"),
            "remove_language": tr("Remove language"),
            "yes": tr("Yes"),
            "date_placeholder": tr("YYYY-MM-DD"),
            "country_placeholder": tr("Two-letter code, e.g. VN"),
        }[name]

    def language_label(self, code: str) -> str:
        return language_label(code)

    def country_label(self, code: str) -> str:
        return f"{code} — {country_name(code, i18n.language)}"


STAFF_TEXTS = FormTexts()


class FieldEditor:
    """One form field: label, hint, input widget, error label."""

    def __init__(self, field: FormField, shelters: Sequence[ShelterRow] = (),
                 texts: FormTexts = STAFF_TEXTS) -> None:
        self.field = field
        self.texts = texts
        label = texts.phrase(field.label_key(texts.self_service))
        self.label = QLabel(label + (" *" if field.required else ""))
        self.label.setWordWrap(texts.self_service)
        self.hint = QLabel(texts.phrase(field.help) if field.help else "")
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setObjectName("error")
        self.error.hide()
        self.widget = self._build(shelters)
        self.label.setBuddy(self.focus_widget())
        if field.help and not texts.self_service:
            self.focus_widget().setToolTip(texts.phrase(field.help))
            if isinstance(self.widget, QLineEdit):
                self.widget.setPlaceholderText(texts.phrase(field.help))

    # -- building -------------------------------------------------------------------------

    def _choices(self) -> list[tuple[str, str]]:
        """(value, label) of the choices this audience may pick."""
        self_service = self.texts.self_service
        values = self.field.self_service_choices() if self_service else self.field.choices
        return [(v, self.texts.phrase(self.field.choice_label_key(v, self_service))) for v in values]

    def _build(self, shelters: Sequence[ShelterRow]) -> QWidget:
        kind = self.field.type
        texts = self.texts
        if kind == "choice" and texts.self_service:
            buttons = ChoiceButtons(self._choices())
            if self.field.default is not None:
                buttons.set_value(self.field.default)
            return buttons
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
            if not texts.self_service:  # the kiosk shows the hint in the evacuee's language
                edit.setPlaceholderText(texts.ui("date_placeholder"))
            edit.setInputMask("")
            return edit
        if kind == "choice":
            combo = QComboBox()
            if self.field.optional_choice:
                combo.addItem("—", "")
            for value, label in self._choices():
                combo.addItem(label, value)
            if self.field.default is not None:
                combo.setCurrentIndex(combo.findData(self.field.default))
            return combo
        if kind == "multichoice":
            return ChoiceBoxes(self._choices(), columns=1 if texts.self_service else 2,
                               wrap=texts.self_service)
        if kind == "bool":
            return QCheckBox(texts.ui("yes"))
        if kind == "country":
            combo = QComboBox()
            combo.setEditable(texts.editable_country)
            combo.addItem("—" if not texts.editable_country else "", "")
            for code in COUNTRIES:
                combo.addItem(texts.country_label(code), code)
            if texts.editable_country:
                combo.lineEdit().setPlaceholderText(texts.ui("country_placeholder"))
            return combo
        if kind == "language_levels":
            return LanguageLevelsEditor(texts)
        if kind == "needs":
            return NeedsEditor(texts)
        if kind == "shelter":
            combo = QComboBox()
            for shelter in shelters:
                combo.addItem(shelter.name_ja + (f" ({shelter.name_en})" if shelter.name_en else ""),
                              shelter.id)
            return combo
        raise ValueError(f"unsupported field type {kind}")

    def focus_widget(self) -> QWidget:
        if isinstance(self.widget, (LanguageLevelsEditor, NeedsEditor, ChoiceBoxes, ChoiceButtons)):
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
            if self.field.type == "country" and w.isEditable():
                text = w.currentText().strip()
                data = w.currentData()
                if data and text.startswith(str(data)):
                    return data
                return text.split("—")[0].strip().upper()
            return w.currentData() or ""
        if isinstance(w, (ChoiceBoxes, ChoiceButtons, LanguageLevelsEditor, NeedsEditor)):
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
            elif self.field.type == "country" and w.isEditable():
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
        """Label beside the field (staff dialogs)."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.widget)
        column.addWidget(self.error)
        layout.addRow(self.label, box)

    def add_stacked(self, layout: QVBoxLayout) -> None:
        """Label, hint, field and error one under the other (the kiosk: room for long words)."""
        layout.addWidget(self.label)
        if self.hint.text():
            layout.addWidget(self.hint)
        layout.addWidget(self.widget)
        layout.addWidget(self.error)


def hide_needs_asked_by_fields(editors: dict[str, FieldEditor]) -> None:
    """Needs the form asks with a question of their own (the embassy) leave the needs list."""
    needs = editors.get("needs")
    if needs is None or not isinstance(needs.widget, NeedsEditor):
        return
    needs.widget.hide_tags({tag for field_id, tag in NEEDS_ASKED_BY_FIELD.items() if field_id in editors})


class _ClickableLabel(QLabel):
    """The wrapping text of a check box or radio button: tapping it taps the button."""

    def __init__(self, text: str, button: QAbstractButton) -> None:
        super().__init__(text)
        self.button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.button.isEnabled() and self.rect().contains(event.position().toPoint()):
            self.button.click()
        super().mouseReleaseEvent(event)


def choice_button(button: QAbstractButton, text: str, wrap: bool) -> QWidget:
    """`button` with `text`; with `wrap`, the text is a label beside it that wraps (long answers
    in the evacuee's language must not widen the kiosk page) and toggles it when tapped."""
    if not wrap:
        button.setText(text)
        return button
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    button.setAccessibleName(text)
    row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(_ClickableLabel(text, button), 1)
    return box


class ChoiceButtons(QWidget):
    """One radio button per choice, one under the other: a single choice that needs no
    drop-down list (the kiosk, on a touch screen). No button checked means no answer."""

    def __init__(self, options: list[tuple[str, str]], wrap: bool = True) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for value, label in options:
            button = QRadioButton()
            self.group.addButton(button)
            self.buttons[value] = button
            column.addWidget(choice_button(button, label, wrap))

    def first_input(self) -> QWidget:
        return next(iter(self.buttons.values()))

    def value(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, value: object) -> None:
        button = self.buttons.get(str(value or ""))
        if button is not None:
            button.setChecked(True)
        else:  # no answer: uncheck all (an exclusive group keeps one checked otherwise)
            self.group.setExclusive(False)
            for b in self.buttons.values():
                b.setChecked(False)
            self.group.setExclusive(True)


class ChoiceBoxes(QWidget):
    """Check boxes for a multiple choice, in columns."""

    def __init__(self, options: list[tuple[str, str]], columns: int = 2, wrap: bool = False) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for number, (value, label) in enumerate(options):
            box = QCheckBox()
            self.boxes[value] = box
            grid.addWidget(choice_button(box, label, wrap), number // columns, number % columns)

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

    def __init__(self, texts: FormTexts = STAFF_TEXTS) -> None:
        super().__init__()
        self.texts = texts
        self.rows_layout = QVBoxLayout(self)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows: list[tuple[QWidget, QComboBox, QComboBox]] = []
        self.add_button = QPushButton(texts.ui("add_language"))
        self.add_button.setAutoDefault(False)  # Enter must save the dialog, not add a row
        self.add_button.clicked.connect(lambda: self.add_row())
        self.rows_layout.addWidget(self.add_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.add_row()

    def add_row(self, code: str = "", level: str = "native") -> None:
        row = QWidget()
        row.setFont(self.font())  # rows added later keep the editor's (kiosk: large) font
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        language = QComboBox()
        language.addItem("—", "")
        for lang_code in LANGUAGES:
            language.addItem(self.texts.language_label(lang_code), lang_code)
        language.setCurrentIndex(max(language.findData(code), 0))
        levels = QComboBox()
        for value in LANGUAGE_LEVELS:
            levels.addItem(self.texts.phrase(f"vocab.language_level.{value}"), value)
        levels.setCurrentIndex(max(levels.findData(level), 0))
        if self.texts.self_service:  # long names must not widen the kiosk page
            for combo in (language, levels):
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(6)
        remove = QPushButton(self.texts.ui("remove"))
        remove.setAutoDefault(False)
        remove.setAccessibleName(self.texts.ui("remove_language"))
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
    """A check box per need, a detail box beside each, allergen boxes under "allergy".

    At the kiosk the detail box and the allergens appear under a need once it is ticked:
    the list stays short and long labels keep the full width.
    """

    def __init__(self, texts: FormTexts = STAFF_TEXTS) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        stacked = self.stacked = texts.self_service
        self.hidden: set[str] = set()
        self.checks: dict[str, QCheckBox] = {}
        self.details: dict[str, QLineEdit] = {}
        row = 0
        self.rows: dict[str, QWidget] = {}
        for tag in NEED_TAGS:
            check = QCheckBox()
            self.rows[tag] = choice_button(check, texts.phrase(f"vocab.need.{tag}"), stacked)
            detail = QLineEdit()
            detail.setPlaceholderText(texts.phrase("field.need_detail"))
            self.checks[tag] = check
            self.details[tag] = detail
            grid.addWidget(self.rows[tag], row, 0)
            if stacked:
                row += 1
                grid.addWidget(detail, row, 0)
            else:
                grid.addWidget(detail, row, 1)
            check.toggled.connect(lambda on, t=tag: self._toggled(t, on))
            row += 1
            if tag == "allergy":
                self.allergens = ChoiceBoxes(
                    [(a, texts.phrase(f"vocab.allergen.{a}")) for a in ALLERGENS], wrap=stacked
                )
                grid.addWidget(self.allergens, row, 0, 1, 1 if stacked else 2)
                row += 1
            self._toggled(tag, False)
        if stacked:
            grid.setColumnStretch(0, 1)

    def _toggled(self, tag: str, on: bool) -> None:
        """A need's detail box (and the allergens) follow its check box: shown at the kiosk,
        enabled on staff screens. Hidden needs keep their boxes hidden."""
        parts: list[QWidget] = [self.details[tag]] + ([self.allergens] if tag == "allergy" else [])
        for part in parts:
            if self.stacked:
                part.setVisible(on and tag not in self.hidden)
            else:
                part.setEnabled(on)

    def first_input(self) -> QWidget:
        return next(iter(self.checks.values()))

    def hide_tags(self, tags: set[str]) -> None:
        """Take tags off the list; a hidden tag keeps its value (the registry derives it)."""
        for tag in tags & self.checks.keys():
            self.hidden.add(tag)
            self.rows[tag].hide()
            self.details[tag].hide()
            self.checks[tag].toggled.disconnect()  # a stacked detail box must stay hidden too

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
