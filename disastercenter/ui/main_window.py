"""The main window: navigation between pages, menus, shortcuts, language switch."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from disastercenter import __version__
from disastercenter.services.registry import Registry
from disastercenter.store.db import Workspace
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.pages.evacuees import EvacueesPage
from disastercenter.ui.pages.overview import OverviewPage
from disastercenter.ui.pages.shelters import SheltersPage
from disastercenter.ui.pages.volunteers import VolunteersPage


class MainWindow(QMainWindow):
    #: (page attribute, navigation label source text)
    PAGES = (
        ("overview", "Overview"),
        ("evacuees", "Evacuees"),
        ("shelters", "Shelters"),
        ("volunteers", "Volunteers"),
    )

    def __init__(self, workspace: Workspace, settings: QSettings | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self._closed = False
        self.registry = Registry(workspace)
        self.resize(1280, 800)

        self.overview = OverviewPage(self.registry)
        self.evacuees = EvacueesPage(self.registry)
        self.shelters = SheltersPage(self.registry)
        self.volunteers = VolunteersPage(self.registry)
        for page in (self.evacuees, self.shelters, self.volunteers):
            page.data_changed.connect(self._refresh_all)

        self.nav = QListWidget()
        self.nav.setMinimumWidth(140)
        self.nav.setMaximumWidth(220)
        self.nav.setStyleSheet("QListWidget { font-size: 13pt; } QListWidget::item { padding: 8px; }")
        self.stack = QStackedWidget()
        for attribute, _label in self.PAGES:
            self.nav.addItem("")
            self.stack.addWidget(getattr(self, attribute))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([180, 1100])
        self.setCentralWidget(splitter)

        self.workspace_label = QLabel()
        self.statusBar().addPermanentWidget(self.workspace_label)
        self._build_menus()
        self._build_shortcuts()
        self.retranslate()
        # One connection, to a bound slot: Qt drops it when the window is destroyed.
        i18n.changed.connect(self._language_changed)
        self.nav.setCurrentRow(0)
        # Connected after the first page is shown: the overview has just computed its counts.
        self.nav.currentRowChanged.connect(self._page_shown)

    # -- building -------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("ja", "日本語"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def _build_shortcuts(self) -> None:
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.find_person)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_household)
        for number in range(len(self.PAGES)):
            QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self,
                      activated=lambda n=number: self.nav.setCurrentRow(n))

    # -- behaviour ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(f"disastercenter — {self.workspace.path.stem}")
        for row, (_attribute, label) in enumerate(self.PAGES):
            item = self.nav.item(row)
            item.setText(tr(label))
            item.setToolTip(f"Ctrl+{row + 1}")
        self.file_menu.setTitle(tr("&File"))
        self.quit_action.setText(tr("Quit"))
        self.view_menu.setTitle(tr("&View"))
        self.language_menu.setTitle(tr("Language / 言語"))
        self.help_menu.setTitle(tr("&Help"))
        self.about_action.setText(tr("About disastercenter"))
        self.language_actions[i18n.language].setChecked(True)
        self.workspace_label.setText(tr("Workspace: {path}", path=str(self.workspace.path)))

    def _language_changed(self, _language: str) -> None:
        self.retranslate()
        self.overview.refresh()
        self.evacuees.retranslate()
        self.shelters.refresh()
        self.volunteers.refresh()

    def set_language(self, language: str) -> None:
        i18n.set_language(language)
        if self.settings is not None:
            self.settings.setValue("ui/language", language)
            self.settings.sync()

    def show_page(self, attribute: str) -> None:
        names = [a for a, _ in self.PAGES]
        self.nav.setCurrentRow(names.index(attribute))

    def find_person(self) -> None:
        self.show_page("evacuees")
        self.evacuees.focus_search()

    def new_household(self) -> None:
        self.show_page("evacuees")
        self.evacuees.new_household()

    def _page_shown(self, row: int) -> None:
        if self.PAGES[row][0] == "overview":
            self.overview.refresh()

    def _refresh_all(self) -> None:
        self.overview.refresh()
        self.shelters.refresh()
        self.volunteers.refresh()
        if self.sender() is not self.evacuees:
            self.evacuees.reload()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            tr("About disastercenter"),
            tr("disastercenter {version}: offline support for foreign residents at evacuation "
               "shelters.\nDevice: {device}", version=__version__, device=self.workspace.device_id),
        )

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if not self._closed:
            self._closed = True
            if self.settings is not None:
                self.settings.setValue("ui/geometry", self.saveGeometry())
            i18n.changed.disconnect(self._language_changed)
            self.workspace.close()
        super().closeEvent(event)
