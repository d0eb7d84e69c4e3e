"""The Overview page: who is where, which languages, which needs, which statuses."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.countries import country_name
from disastercenter.services.registry import Registry
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import TableModel, language_name


class OverviewPage(QWidget):
    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.totals = QLabel()
        self.totals.setStyleSheet("font-size: 15pt; padding: 6px;")
        self.totals.setWordWrap(True)
        grid = QGridLayout()
        self.boxes: dict[str, tuple[QGroupBox, TableModel]] = {}
        for number, key in enumerate(("by_shelter", "by_language", "by_need", "by_status", "by_nationality")):
            box = QGroupBox()
            model = TableModel(["", ""])  # columns exist before the header is configured
            view = QTableView()
            view.setModel(model)
            view.verticalHeader().hide()
            header = view.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
            view.setWordWrap(False)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            inner = QVBoxLayout(box)
            inner.addWidget(view)
            self.boxes[key] = (box, model)
            grid.addWidget(box, number // 3, number % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addLayout(grid, 1)
        self.refresh()

    def refresh(self) -> None:
        stats = self.registry.stats()
        totals = stats["totals"]
        assert isinstance(totals, dict)
        self.totals.setText(tr(
            "{checked_in} checked in of {persons} registered in {households} households · "
            "{shelters} shelters · {volunteers} volunteers",
            **totals,
        ))
        titles = {
            "by_shelter": (tr("Present by shelter"), tr("Shelter")),
            "by_language": (tr("By language"), tr("Language")),
            "by_need": (tr("By need"), tr("Need")),
            "by_status": (tr("By status"), tr("Status")),
            "by_nationality": (tr("By nationality"), tr("Nationality")),
        }
        label_for = {
            "by_shelter": lambda k: k,
            "by_language": language_name,
            "by_need": lambda k: i18n.phrase(f"vocab.need.{k}"),
            "by_status": lambda k: i18n.phrase(f"vocab.status.{k}") if k else "",
            "by_nationality": lambda k: country_name(k, i18n.language) or tr("Not recorded"),
        }
        for key, (box, model) in self.boxes.items():
            title, column = titles[key]
            box.setTitle(title)
            model.set_headers([column, tr("People")])
            counts = stats[key]
            assert isinstance(counts, dict)
            model.set_rows([[label_for[key](k), v] for k, v in counts.items()])
