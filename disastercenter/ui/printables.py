"""What the print centre can print: a table of printables, each with its options widget and the
function that writes it.

A new printable is one `Printable(...)` row in `PRINTABLES`:

    Printable("roster", "Shelter roster", "clipboard-list-outline", run=_roster,
              options=ShelterChoice, languages="none", prepare=_roster_rows)

- `run(options, out_path, progress, cancelled) -> PrintResult` runs on a worker thread: it must
  not touch widgets or the database. `options` holds `langs` (chosen languages, in the order
  they were ticked), `paper`, `orientation`, `fonts_dir` and what the options widget returns.
  `progress(done, total, label)` and `cancelled()` are for long jobs: pass them on to the
  service, which reports pages (total 0: not known yet) and stops between pages.
- `prepare(options, registry) -> options` (optional) runs on the GUI thread first and reads
  from the registry what `run` needs (cards read their persons there).
- `options(context)` builds a `PrintOptions` widget (or `NoOptions`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGE_CODES, LANGUAGES
from disastercenter.services import print_cards, printing
from disastercenter.services.print_centre import (
    NoticeTemplate,
    check_notice_values,
    notice_templates,
    print_kit_folder,
)
from disastercenter.services.registry import Registry
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import language_name

JAPAN = ZoneInfo("Asia/Tokyo")
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
Options = dict[str, object]


@dataclass
class PrintContext:
    """What options widgets may read: the registry (on the GUI thread) and the persons
    selected on the Evacuees page."""

    registry: Registry
    selected_persons: Callable[[], list[str]] = lambda: []


class PrintOptions(QWidget):
    """The options of one printable. `values()` go into the options of `run`."""

    changed = Signal()

    def __init__(self, context: PrintContext) -> None:
        super().__init__()
        self.context = context
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)

    def values(self) -> Options:
        return {}

    def problems(self) -> list[str]:
        """What is wrong with the values, in the UI language (nothing is printed then)."""
        return []

    def language_limit(self) -> int | None:
        """A limit on the number of languages other than the printable's own, or None."""
        return None

    def retranslate(self) -> None:
        pass

    def refresh(self) -> None:
        """Read again what comes from the registry (shelters, the selection)."""

    def _label(self, row: int, text: str) -> None:
        label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if label is not None and isinstance(label.widget(), QLabel):
            label.widget().setText(text)  # type: ignore[union-attr]


class NoOptions(PrintOptions):
    pass


def _language_combo(with_none: bool) -> QComboBox:
    combo = QComboBox()
    if with_none:
        combo.addItem("", None)
    for code in LANGUAGE_CODES:
        combo.addItem("", code)
    return combo


def _name_languages(combo: QComboBox) -> None:
    for i in range(combo.count()):
        code = combo.itemData(i)
        combo.setItemText(i, tr("None") if code is None else
                          f"{LANGUAGES[code].native_name} — {language_name(code)}")


class BoardOptions(PrintOptions):
    """Pointing boards: the second language (Japanese by default) and an English line."""

    def __init__(self, context: PrintContext) -> None:
        super().__init__(context)
        self.lang2 = _language_combo(with_none=True)
        self.lang2.setCurrentIndex(self.lang2.findData("ja"))
        self.english = QCheckBox()
        self.form.addRow(QLabel(), self.lang2)
        self.form.addRow(QLabel(), self.english)
        self.lang2.currentIndexChanged.connect(self.changed)
        self.english.toggled.connect(self.changed)
        self.retranslate()

    def values(self) -> Options:
        return {"lang2": self.lang2.currentData(), "english": self.english.isChecked()}

    def retranslate(self) -> None:
        self._label(0, tr("Second language"))
        _name_languages(self.lang2)
        self.english.setText(tr("English line too (trilingual)"))


class FormOptions(PrintOptions):
    """The paper registration form: second language and number of member sections."""

    def __init__(self, context: PrintContext) -> None:
        super().__init__(context)
        self.lang2 = _language_combo(with_none=False)
        self.lang2.setCurrentIndex(self.lang2.findData("ja"))
        self.members = QSpinBox()
        self.members.setRange(1, 10)
        self.form.addRow(QLabel(), self.lang2)
        self.form.addRow(QLabel(), self.members)
        self.lang2.currentIndexChanged.connect(self.changed)
        self.members.valueChanged.connect(self.changed)
        self.retranslate()

    def values(self) -> Options:
        return {"lang2": self.lang2.currentData(), "members": self.members.value()}

    def retranslate(self) -> None:
        self._label(0, tr("Second language"))
        self._label(1, tr("Household members"))
        _name_languages(self.lang2)


class SignOptions(PrintOptions):
    """Signs: which sign, a QR code, and the network of the Wi-Fi sign."""

    def __init__(self, context: PrintContext) -> None:
        from disastercenter.printing.signs import DEFAULT_SSID, SIGN_IDS

        super().__init__(context)
        self.sign = QComboBox()
        for sign_id in SIGN_IDS:
            self.sign.addItem("", sign_id)
        self.qr = QCheckBox()
        self.ssid = QLineEdit(DEFAULT_SSID)
        self.password = QLineEdit()
        self.form.addRow(QLabel(), self.sign)
        self.form.addRow(QLabel(), self.qr)
        self.form.addRow(QLabel(), self.ssid)
        self.form.addRow(QLabel(), self.password)
        self.sign.currentIndexChanged.connect(self._sign_changed)
        self.qr.toggled.connect(self.changed)
        self.ssid.textChanged.connect(self.changed)
        self.password.textChanged.connect(self.changed)
        self.retranslate()
        self._sign_changed()

    def _sign_changed(self) -> None:
        wifi = self.sign.currentData() == "wifi"
        for row in (2, 3):
            self.form.setRowVisible(row, wifi)
        self.form.setRowVisible(1, not wifi)  # the Wi-Fi sign always has its joining code
        self.changed.emit()

    def values(self) -> Options:
        wifi = self.sign.currentData() == "wifi"
        return {"sign": self.sign.currentData(), "qr": self.qr.isChecked() and not wifi,
                "wifi_ssid": self.ssid.text().strip() if wifi else None,
                "wifi_password": (self.password.text() or None) if wifi else None}

    def problems(self) -> list[str]:
        if self.sign.currentData() == "wifi" and not self.ssid.text().strip():
            return [tr("Enter the network name (SSID) of the Wi-Fi sign.")]
        return []

    def retranslate(self) -> None:
        from disastercenter.printing.signs import SIGNS

        self._label(0, tr("Sign"))
        self._label(2, tr("Network (SSID)"))
        self._label(3, tr("Password"))
        for i in range(self.sign.count()):
            self.sign.setItemText(i, i18n.phrase(SIGNS[self.sign.itemData(i)].label))
        self.qr.setText(tr("QR code with the text"))
        self.password.setPlaceholderText(tr("None: an open network such as 00000JAPAN"))


_FIELD_LABELS = {"time": "Time", "date": "Date", "place": "Place", "count": "Number",
                 "text": "Text"}


class NoticeOptions(PrintOptions):
    """Notices: a template, its placeholders as typed fields, issue time and shelter, QR code,
    one language per page."""

    def __init__(self, context: PrintContext) -> None:
        super().__init__(context)
        self.templates: dict[str, NoticeTemplate] = {t.key: t for t in notice_templates()}
        self.template = QComboBox()
        self.template.setMinimumContentsLength(24)
        self.template.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for key in self.templates:
            self.template.addItem("", key)
        now = dt.datetime.now(JAPAN)
        self.issued = QLineEdit(f"{now.month}/{now.day} {now.hour}:{now.minute:02d}")
        self.shelter = QComboBox()
        self.shelter.setEditable(True)
        self.qr = QCheckBox()
        self.one_per_page = QCheckBox()
        self.template_label, self.issued_label, self.shelter_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.template_label, self.template)
        # the template's fields come here (rows 1…n)
        self.form.addRow(self.issued_label, self.issued)
        self.form.addRow(self.shelter_label, self.shelter)
        self.form.addRow(QLabel(), self.qr)
        self.form.addRow(QLabel(), self.one_per_page)
        self.fields: dict[str, QWidget] = {}
        self.field_labels: dict[str, QLabel] = {}
        self.template.currentIndexChanged.connect(self._template_changed)
        self.issued.textChanged.connect(self.changed)
        self.shelter.currentTextChanged.connect(self.changed)
        self.qr.toggled.connect(self.changed)
        self.one_per_page.toggled.connect(self.changed)
        self.refresh()
        self.retranslate()
        self._template_changed()

    def current(self) -> NoticeTemplate:
        return self.templates[self.template.currentData()]

    def _template_changed(self) -> None:
        old = {name: self._value(widget) for name, widget in self.fields.items()}
        for _ in self.fields:
            self.form.removeRow(1)
        self.fields, self.field_labels = {}, {}
        for row, (name, kind) in enumerate(self.current().fields, start=1):
            widget: QWidget
            if kind == "date":
                widget = QDateEdit(QDate.currentDate())
                widget.setCalendarPopup(True)
                widget.setDisplayFormat("yyyy-MM-dd")
                widget.dateChanged.connect(self.changed)
            elif kind == "count":
                widget = QSpinBox()
                widget.setRange(0, 1_000_000)
                widget.setGroupSeparatorShown(True)
                widget.valueChanged.connect(self.changed)
            else:
                widget = QLineEdit()
                if kind == "time":
                    widget.setPlaceholderText("14:00")
                widget.textChanged.connect(self.changed)
            widget.setObjectName(f"notice-{name}")
            self.fields[name] = widget
            if name in old:
                self._set_value(widget, old[name])
            self.field_labels[name] = QLabel(self._field_label(name, kind))
            self.form.insertRow(row, self.field_labels[name], widget)
        self.changed.emit()

    @staticmethod
    def _field_label(name: str, kind: str) -> str:
        return f"{tr(_FIELD_LABELS.get(kind, 'Text'))} {{{name}}}"

    @staticmethod
    def _value(widget: QWidget) -> str:
        if isinstance(widget, QDateEdit):
            return widget.date().toString("yyyy-MM-dd")
        if isinstance(widget, QSpinBox):
            return str(widget.value())
        return widget.text()  # type: ignore[attr-defined]

    @staticmethod
    def _set_value(widget: QWidget, value: str) -> None:
        if isinstance(widget, QDateEdit):
            widget.setDate(QDate.fromString(value, "yyyy-MM-dd"))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value) if value.isdigit() else 0)
        else:
            widget.setText(value)  # type: ignore[attr-defined]

    def set_field(self, name: str, value: str) -> None:
        self._set_value(self.fields[name], value)

    def values(self) -> Options:
        return {"template": self.template.currentData(),
                "values": {name: self._value(w).strip() for name, w in self.fields.items()},
                "issued": self.issued.text().strip(), "shelter": self.shelter.currentText().strip(),
                "qr": self.qr.isChecked(), "one_per_page": self.one_per_page.isChecked()}

    def problems(self) -> list[str]:
        values = {name: self._value(w).strip() for name, w in self.fields.items()}
        found = [tr("Enter a value for “{field}”.", field=self._field_label(name, kind))
                 for name, kind in self.current().fields if not values.get(name)]
        found += [e.message(i18n.language) for e in check_notice_values(self.current(), values)
                  if values.get(str(e.params.get("name", "")).strip("{}"))]
        return found

    def language_limit(self) -> int | None:
        return len(LANGUAGE_CODES) if self.one_per_page.isChecked() else None

    def refresh(self) -> None:
        text = self.shelter.currentText()
        names = [s.name_ja for s in self.context.registry.list_shelters() if s.is_open]
        self.shelter.blockSignals(True)
        self.shelter.clear()
        self.shelter.addItems(names)
        self.shelter.setCurrentText(text or (names[0] if names else ""))
        self.shelter.blockSignals(False)

    def retranslate(self) -> None:
        self.template_label.setText(tr("Template"))
        self.issued_label.setText(tr("Issued"))
        self.shelter_label.setText(tr("Shelter"))
        for i in range(self.template.count()):
            self.template.setItemText(i, i18n.phrase(self.template.itemData(i)))
        self.qr.setText(tr("QR code with the full text"))
        self.one_per_page.setText(tr("One language per page (any number of languages)"))
        for name, kind in self.current().fields:
            if name in self.field_labels:
                self.field_labels[name].setText(self._field_label(name, kind))


class CardOptions(PrintOptions):
    """Registration cards for everyone at a shelter, or for the persons selected on the
    Evacuees page."""

    def __init__(self, context: PrintContext) -> None:
        super().__init__(context)
        self.for_shelter = QRadioButton()
        self.for_selected = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.for_shelter)
        group.addButton(self.for_selected)
        self.shelter = QComboBox()
        self.form.addRow(self.for_shelter)
        self.form.addRow(QLabel(), self.shelter)
        self.form.addRow(self.for_selected)
        self.for_shelter.setChecked(True)
        self.for_shelter.toggled.connect(self.changed)
        self.shelter.currentIndexChanged.connect(self.changed)
        self.refresh()
        self.retranslate()

    def refresh(self) -> None:
        current = self.shelter.currentData()
        self.shelter.blockSignals(True)
        self.shelter.clear()
        for shelter in self.context.registry.list_shelters():
            self.shelter.addItem(f"{shelter.name_ja} ({shelter.present})", shelter.id)
        index = self.shelter.findData(current)
        self.shelter.setCurrentIndex(max(0, index))
        self.shelter.blockSignals(False)
        selected = self.context.selected_persons()
        changed = selected != getattr(self, "_selected", None)
        self._selected = selected
        self.for_selected.setEnabled(bool(selected))
        if not selected and self.for_selected.isChecked():
            self.for_shelter.setChecked(True)
        self.retranslate()
        if changed and self.for_selected.isChecked():
            self.changed.emit()

    def values(self) -> Options:
        if self.for_selected.isChecked():
            return {"person_ids": list(self._selected), "shelter_id": None}
        return {"person_ids": [], "shelter_id": self.shelter.currentData()}

    def problems(self) -> list[str]:
        if self.for_shelter.isChecked() and self.shelter.currentData() is None:
            return [tr("Add a shelter first (Shelters page).")]
        return []

    def retranslate(self) -> None:
        self.for_shelter.setText(tr("Everyone at the shelter"))
        self.for_selected.setText(tr("The persons selected on the Evacuees page ({count})",
                                     count=len(getattr(self, "_selected", []))))


class KitOptions(PrintOptions):
    """The shelter kit: the Wi-Fi network of its Wi-Fi sign."""

    def __init__(self, context: PrintContext) -> None:
        from disastercenter.printing.signs import DEFAULT_SSID

        super().__init__(context)
        self.ssid = QLineEdit(DEFAULT_SSID)
        self.form.addRow(QLabel(), self.ssid)
        self.ssid.textChanged.connect(self.changed)
        self.retranslate()

    def values(self) -> Options:
        return {"wifi_ssid": self.ssid.text().strip() or None}

    def retranslate(self) -> None:
        self._label(0, tr("Wi-Fi network (SSID)"))


# --- what each printable runs (on a worker thread) ----------------------------------------------

def _language_board(o: Options, out: Path, progress: Progress, cancelled: Cancelled) -> object:
    return printing.print_language_board(out, o["langs"], paper=o["paper"], fonts_dir=o["fonts_dir"],
                                         progress=progress, cancelled=cancelled)


def _board(kind: str) -> Callable[[Options, Path, Progress, Cancelled], object]:
    def run(o: Options, out: Path, progress: Progress, cancelled: Cancelled) -> object:
        return printing.print_board(kind, o["langs"][0], out, lang2=o["lang2"],
                                    english=o["english"], paper=o["paper"], fonts_dir=o["fonts_dir"],
                                    progress=progress, cancelled=cancelled)
    return run


def _sign(o: Options, out: Path, progress: Progress, cancelled: Cancelled) -> object:
    return printing.print_sign(o["sign"], o["langs"], out, qr=o["qr"], wifi_ssid=o["wifi_ssid"],
                               wifi_password=o["wifi_password"], paper=o["paper"],
                               fonts_dir=o["fonts_dir"], progress=progress, cancelled=cancelled)


def _notice(o: Options, out: Path, progress: Progress, cancelled: Cancelled) -> object:
    return printing.print_notice(o["template"], o["langs"], o["values"], out, issued=o["issued"],
                                 shelter=o["shelter"], qr=o["qr"], one_per_page=o["one_per_page"],
                                 paper=o["paper"], fonts_dir=o["fonts_dir"],
                                 orientation=o["orientation"], progress=progress,
                                 cancelled=cancelled)


def _form(o: Options, out: Path, progress: Progress, cancelled: Cancelled) -> object:
    return print_cards.print_paper_form(out, o["langs"][0], members=max(1, o["members"]),
                                        fonts_dir=o["fonts_dir"], lang2=o["lang2"],
                                        progress=progress, cancelled=cancelled)


def _cards_of(o: Options, registry: Registry) -> Options:
    cards, _title = print_cards.card_data(registry, o["person_ids"], o["shelter_id"])
    return {**o, "cards": cards}


def _cards(o: Options, out: Path, progress: Progress, cancelled: Cancelled) -> object:
    return print_cards.print_card_sheet(o["cards"], out, fonts_dir=o["fonts_dir"],
                                        progress=progress, cancelled=cancelled)


def _kit(o: Options, out: Path, progress: Progress, cancelled: Cancelled) -> object:
    return print_kit_folder(o["langs"], out, paper=o["paper"], wifi_ssid=o["wifi_ssid"],
                            fonts_dir=o["fonts_dir"], progress=progress, cancelled=cancelled)


@dataclass(frozen=True)
class Printable:
    key: str
    #: English source text, shown through tr().
    title: str
    #: Material Design Icons name (see ui/icons.py).
    icon: str
    run: Callable[[Options, Path, Progress, Cancelled], object]
    options: Callable[[PrintContext], PrintOptions] = NoOptions
    #: "none", "one" (a target language) or "many".
    languages: str = "many"
    max_languages: int = 5
    default_languages: tuple[str, ...] = ()
    papers: tuple[str, ...] = ("A4", "A3")
    orientations: tuple[str, ...] = ("portrait",)
    #: "pdf": one file, previewed and printable; "folder": several files (the kit).
    output: str = "pdf"
    #: Default file name (without .pdf) or folder name.
    file_name: str = "print"
    prepare: Callable[[Options, Registry], Options] | None = None
    #: Shown under the options (English source).
    hint: str = ""


PRINTABLES: tuple[Printable, ...] = (
    Printable("language_board", "Language board", "translate", _language_board,
              max_languages=len(LANGUAGE_CODES), default_languages=LANGUAGE_CODES,
              papers=("A4", "A3"), file_name="language-board",
              hint="Every language's name in its own script: an evacuee points at theirs."),
    Printable("board_evacuee", "Evacuee pointing board", "hand-pointing-up",
              _board("evacuee"), BoardOptions, languages="one", default_languages=("vi",),
              file_name="evacuee-board",
              hint="Needs, feelings, answers, food and religion, to point at."),
    Printable("board_staff", "Staff pointing board", "account-tie", _board("staff"),
              BoardOptions, languages="one", default_languages=("vi",), file_name="staff-board",
              hint="What staff point at: reception, distribution, rules, safety, time."),
    Printable("board_health", "Health pointing board", "medical-bag", _board("health"),
              BoardOptions, languages="one", default_languages=("vi",), file_name="health-board",
              hint="Body outlines, pain scale 0-10, symptoms, illnesses and medicine."),
    Printable("sign", "Sign", "sign-direction", _sign, SignOptions,
              default_languages=("ja", "en", "zh-Hans", "ko", "vi"), file_name="sign",
              hint="A large pictogram and a short label in up to five languages."),
    Printable("notice", "Notice", "bulletin-board", _notice, NoticeOptions,
              default_languages=("ja", "ja-x-easy", "en", "vi", "ne"),
              orientations=("portrait", "landscape"), file_name="notice",
              hint="A template filled with your values, translated in every language."),
    Printable("form", "Paper registration form", "form-select", _form, FormOptions,
              languages="one", default_languages=("vi",), papers=("A4",), file_name="form",
              hint="Bilingual labels and tick boxes, for when the laptop is busy."),
    Printable("cards", "Registration cards", "card-account-details-outline", _cards,
              CardOptions, languages="none", papers=("A4",), file_name="cards",
              prepare=_cards_of,
              hint="Ten cards per A4 sheet, each with the person's code as text and QR code."),
    Printable("kit", "Shelter kit", "package-variant-closed", _kit, KitOptions,
              max_languages=len(LANGUAGE_CODES),
              default_languages=("ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi", "ne", "my", "ar"),
              output="folder", file_name="shelter-kit",
              hint="Everything a newly opened shelter needs, as PDF files in a folder."),
)


def printable(key: str) -> Printable:
    for item in PRINTABLES:
        if item.key == key:
            return item
    raise KeyError(key)


def describe(exc: BaseException) -> str:
    """An error of a print job in the UI language."""
    if isinstance(exc, UserError):
        return exc.message(i18n.language)
    return tr("Printing failed: {detail}", detail=str(exc) or type(exc).__name__)
