""""Pointed at a board item": record what an evacuee pointed at on a printed board.

The coordinator finds the item by its Japanese or English text or by the key printed under it;
the item becomes a need of the person when it states one, else a line of their notes.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from disastercenter.services.board_items import (
    BoardItem,
    Recorded,
    board_item_choices,
    record_pointed_item,
)
from disastercenter.services.registry import Registry
from disastercenter.ui.dialogs.form_widgets import ERROR_STYLE
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.widgets import save_cancel_buttons, save_or_report

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


class BoardItemDialog(QDialog):
    def __init__(self, registry: Registry, person_id: str, person_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.person_id = person_id
        self.recorded: Recorded | None = None
        self.setWindowTitle(tr("Pointed at a board item"))
        self.resize(860, 560)
        intro = QLabel(tr("What did {name} point at? Search by the Japanese or English text, "
                          "or type the key printed small under the item.", name=person_name))
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("Search: Japanese, English or key (e.g. need.water)"))
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [tr("Japanese"), tr("English"), tr("Key"), tr("Recorded as")])
        for item in board_item_choices():
            self.model.appendRow(self._row(item))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column, width in enumerate((250, 220, 150)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(lambda _index: self.save())
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.save)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.search.setFocus()

    @staticmethod
    def _row(item: BoardItem) -> list[QStandardItem]:
        if item.need is None:
            recorded = tr("Note")
        else:
            recorded = i18n.phrase(f"vocab.need.{item.need}")
            if item.allergen:
                recorded += f" ({i18n.phrase(f'vocab.allergen.{item.allergen}')})"
        cells = [QStandardItem(text) for text in (item.text_ja, item.text_en, item.key, recorded)]
        cells[0].setData(item.key, KEY_ROLE)
        cells[0].setData(" ".join((item.key, item.text_ja, item.text_en)), SEARCH_ROLE)
        return cells

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def choose(self, key: str) -> bool:
        """Select the item `key` (as a coordinator typing its key would)."""
        self.search.setText(key)
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(KEY_ROLE) == key:
                self.view.setCurrentIndex(index)
                return True
        return False

    def selected_key(self) -> str | None:
        index = self.view.currentIndex()
        return self.proxy.index(index.row(), 0).data(KEY_ROLE) if index.isValid() else None

    def save(self) -> None:
        key = self.selected_key()
        if key is None:
            self.error.setText(tr("Choose the item the person pointed at."))
            self.error.show()
            return

        def record() -> None:
            self.recorded = record_pointed_item(self.registry, self.person_id, key)

        if save_or_report(self, self.error, record):
            self.accept()
