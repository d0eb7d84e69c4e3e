"""Editors for matching data: rows of shifts, of reachable shelters, an ordered language list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.languages import LANGUAGES
from disastercenter.core.times import JAPAN, local_text
from disastercenter.services.registry import ShelterRow
from disastercenter.ui.dialogs.form_widgets import language_label
from disastercenter.ui.i18n import tr

TIME_FORMAT = "yyyy-MM-dd HH:mm"


def time_edit(text: str = "") -> QDateTimeEdit:
    """A date-and-time field in Japan time showing `text` (a stored time)."""
    edit = QDateTimeEdit()
    edit.setDisplayFormat(TIME_FORMAT)
    edit.setCalendarPopup(True)
    if text:
        edit.setDateTime(QDateTime.fromString(local_text(text), TIME_FORMAT))
    return edit


def edit_text(edit: QDateTimeEdit) -> str:
    """The field's time as text without offset (Japan time, as the services read it)."""
    return edit.dateTime().toString(TIME_FORMAT)


class RowsEditor(QWidget):
    """Rows of input widgets with a Remove button each and an Add button below."""

    add_text = "Add"

    def __init__(self) -> None:
        super().__init__()
        self.rows_layout = QVBoxLayout(self)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows: list[tuple[QWidget, list[QWidget]]] = []
        self.add_button = QPushButton(tr(self.add_text))
        self.add_button.setAutoDefault(False)  # Enter must save the dialog, not add a row
        self.add_button.clicked.connect(lambda: self.add_row(None))
        self.rows_layout.addWidget(self.add_button, alignment=Qt.AlignmentFlag.AlignLeft)

    def make_widgets(self, value: object) -> list[QWidget]:
        raise NotImplementedError

    def row_value(self, widgets: list[QWidget]) -> object:
        raise NotImplementedError

    def add_row(self, value: object) -> list[QWidget]:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        widgets = self.make_widgets(value)
        for widget in widgets:
            line.addWidget(widget, 0 if isinstance(widget, QLabel) else 1)
        remove = QPushButton(tr("Remove"))
        remove.setAutoDefault(False)
        line.addWidget(remove)
        line.addStretch(0)
        entry = (row, widgets)
        remove.clicked.connect(lambda: self._remove(entry))
        self.rows.append(entry)
        self.rows_layout.insertWidget(len(self.rows) - 1, row)
        return widgets

    def _remove(self, entry: tuple[QWidget, list[QWidget]]) -> None:
        self.rows.remove(entry)
        entry[0].setParent(None)
        entry[0].deleteLater()

    def clear(self) -> None:
        for entry in list(self.rows):
            self._remove(entry)

    def values(self) -> list[object]:
        return [self.row_value(widgets) for _, widgets in self.rows]


class ShiftsEditor(RowsEditor):
    """Availability windows: one row per shift, start and end in Japan time."""

    add_text = "Add shift"

    def make_widgets(self, value: object) -> list[QWidget]:
        if value is None:
            # A new row starts the day after the last shift (or tomorrow), 09:00-13:00.
            last = self.values()[-1][1] if self.rows else ""  # type: ignore[index]
            base = datetime.fromisoformat(last) + timedelta(days=1) if last else \
                datetime.now(JAPAN) + timedelta(days=1)
            start = base.replace(hour=9, minute=0, second=0, microsecond=0, tzinfo=None)
            value = (start.isoformat(), (start + timedelta(hours=4)).isoformat())
        start, end = value  # type: ignore[misc]
        return [time_edit(start), QLabel("–"), time_edit(end)]

    def row_value(self, widgets: list[QWidget]) -> tuple[str, str]:
        return edit_text(widgets[0]), edit_text(widgets[2])  # type: ignore[arg-type]

    def set_value(self, shifts: Sequence[tuple[str, str]]) -> None:
        self.clear()
        for shift in shifts:
            self.add_row(shift)


class ReachEditor(RowsEditor):
    """Shelters the volunteer can go to, with travel minutes (0: based there)."""

    add_text = "Add shelter"

    def __init__(self, shelters: Sequence[ShelterRow]) -> None:
        self.shelters = list(shelters)
        super().__init__()

    def make_widgets(self, value: object) -> list[QWidget]:
        shelter_id, minutes = value if value is not None else ("", 15)  # type: ignore[misc]
        combo = QComboBox()
        for shelter in self.shelters:
            combo.addItem(shelter.name_ja or shelter.name_en, shelter.id)
        combo.setCurrentIndex(max(combo.findData(shelter_id), 0))
        spin = QSpinBox()
        spin.setRange(0, 24 * 60)
        spin.setSingleStep(5)
        spin.setSuffix(tr(" min"))
        spin.setValue(int(minutes))
        return [combo, spin]

    def row_value(self, widgets: list[QWidget]) -> tuple[str, int]:
        return widgets[0].currentData(), widgets[1].value()  # type: ignore[attr-defined]

    def set_value(self, reach: dict[str, int]) -> None:
        self.clear()
        for shelter_id, minutes in reach.items():
            self.add_row((shelter_id, minutes))

    def value(self) -> dict[str, int]:
        return {shelter: minutes for shelter, minutes in self.values() if shelter}  # type: ignore[misc]


class LanguageListEditor(QWidget):
    """The languages of a request, best first: the first is matched exactly, the rest are
    fallbacks. Add from a list, move up or down, remove."""

    def __init__(self) -> None:
        super().__init__()
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.choice = QComboBox()
        for code in LANGUAGES:
            self.choice.addItem(language_label(code), code)
        add = QPushButton(tr("Add"))
        up = QPushButton(tr("Up"))
        down = QPushButton(tr("Down"))
        remove = QPushButton(tr("Remove"))
        for button in (add, up, down, remove):
            button.setAutoDefault(False)
        add.clicked.connect(lambda: self.add(self.choice.currentData()))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choice, 1)
        for button in (add, up, down, remove):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def add(self, code: str) -> None:
        if code and code not in self.value():
            item = QListWidgetItem(language_label(code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
            self._renumber()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._renumber()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._renumber()

    def _renumber(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            code = item.data(Qt.ItemDataRole.UserRole)
            role = tr("exact") if row == 0 else tr("fallback {n}", n=row)
            item.setText(f"{language_label(code)} — {role}")

    def value(self) -> list[str]:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]

    def set_value(self, codes: Sequence[str]) -> None:
        self.list.clear()
        for code in codes:
            self.add(code)
