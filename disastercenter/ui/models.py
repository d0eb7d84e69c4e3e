"""Qt item models over the registry services. Rows are fetched lazily, a page at a time;
sorting and filtering run in SQL so 100,000 persons never become 100,000 widgets."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from disastercenter.core.languages import LANGUAGES
from disastercenter.core.times import in_japan
from disastercenter.services.registry import PersonFilter, PersonRow, Registry
from disastercenter.ui.i18n import i18n

ID_ROLE = Qt.ItemDataRole.UserRole
_Index = QModelIndex | QPersistentModelIndex


def local_time(utc_iso: str) -> str:
    """A stored UTC timestamp as Japan local time, e.g. `2026-11-21 08:30`."""
    moment = in_japan(utc_iso)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else utc_iso


def language_name(code: str) -> str:
    lang = LANGUAGES.get(code)
    if lang is None:
        return code
    return lang.name_ja if i18n.language == "ja" else lang.name_en


class PersonTableModel(QAbstractTableModel):
    """The evacuee list: one row per person, fetched from SQL in pages."""

    PAGE = 200
    #: (column id, header source text, sort key or None)
    COLUMNS: tuple[tuple[str, str, str | None], ...] = (
        ("name_latin", "Name (passport)", "name_latin"),
        ("name_native", "Native script", "name_native"),
        ("name_kana", "Katakana", "name_kana"),
        ("age", "Age", "age"),
        ("sex", "Sex", "sex"),
        ("nationality", "Nationality", "nationality"),
        ("languages", "Languages", None),
        ("needs", "Needs", None),
        ("shelter", "Shelter", "shelter"),
        ("status", "Status", "status"),
        ("status_at", "Since", "status_at"),
    )

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.filters = PersonFilter()
        self.sort_key = "name_latin"
        self.descending = False
        self._rows: list[PersonRow] = []
        self.total = 0

    # -- loading --------------------------------------------------------------------------

    def set_filters(self, filters: PersonFilter) -> None:
        self.filters = filters
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.total = self.registry.count_persons(self.filters)
        self._rows = self.registry.list_persons(
            self.filters, self.sort_key, self.descending, 0, self.PAGE
        )
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = self.registry.list_persons(
            self.filters, self.sort_key, self.descending, len(self._rows), self.PAGE
        )
        if not page:
            self.total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column][2]
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def person_at(self, row: int) -> PersonRow:
        return self._rows[row]

    def row_of(self, person_id: str) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == person_id:
                return number
        return None

    # -- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return i18n.tr(self.COLUMNS[section][1])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()][0]
        if role == ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column)
        return None

    def _display(self, row: PersonRow, column: str) -> str:
        if column == "sex":
            return i18n.phrase(f"vocab.sex.{row.sex}")
        if column == "languages":
            return ", ".join(language_name(code) for code, _ in row.languages)
        if column == "needs":
            return ", ".join(i18n.phrase(f"vocab.need.{tag}") for tag in row.needs)
        if column == "shelter":
            return row.shelter_name
        if column == "status":
            return i18n.phrase(f"vocab.status.{row.status}") if row.status else ""
        if column == "status_at":
            return local_time(row.status_at)
        return str(getattr(row, column))

    def language_changed(self) -> None:
        """Labels (sex, needs, status) are translated on display: tell the views."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))


class PersonProxyModel(QSortFilterProxyModel):
    """The view's proxy. Sorting and filtering are delegated to SQL in the source model:
    sorting only the fetched page in Qt would show a wrong order for the rest."""

    def source(self) -> PersonTableModel:
        model = self.sourceModel()
        assert isinstance(model, PersonTableModel)
        return model

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)

    def set_filters(self, filters: PersonFilter) -> None:
        self.source().set_filters(filters)

    def person_id(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        return self.mapToSource(index).data(ID_ROLE)


class TableModel(QAbstractTableModel):
    """A small read-only table of already-computed rows (counts, shelters, volunteers)."""

    def __init__(self, headers: list[str], rows: list[list[object]] | None = None,
                 ids: list[str] | None = None) -> None:
        super().__init__()
        self.headers = headers
        self.rows: list[list[object]] = rows or []
        self.ids: list[str] = ids or []

    def set_rows(self, rows: list[list[object]], ids: list[str] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.ids = ids or []
        self.endResetModel()

    def set_headers(self, headers: list[str]) -> None:
        self.headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(len(headers) - 1, 0))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == ID_ROLE and self.ids:
            return self.ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
