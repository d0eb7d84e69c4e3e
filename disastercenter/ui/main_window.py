"""The main window: navigation between pages, menus, shortcuts, language switch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from disastercenter import __version__
from disastercenter.services.registry import Registry
from disastercenter.store.db import Workspace
from disastercenter.ui.dialogs.export_state import ExportStateDialog
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.kiosk.pin import KioskStartDialog, PinStore
from disastercenter.ui.kiosk.window import KioskWindow
from disastercenter.ui.pages.duplicates import DuplicatesPage
from disastercenter.ui.pages.evacuees import EvacueesPage
from disastercenter.ui.pages.matching import MatchingPage
from disastercenter.ui.pages.overview import OverviewPage
from disastercenter.ui.pages.phrasebook import PhrasebookPage
from disastercenter.ui.pages.shelters import SheltersPage
from disastercenter.ui.pages.sync import SyncPage
from disastercenter.ui.pages.volunteers import VolunteersPage

if TYPE_CHECKING:
    from disastercenter.ui.pages.print_centre import PrintCentrePage


def _print_centre(registry: Registry) -> QWidget:
    # Imported when first shown: PDF rendering, printing and reportlab are not needed to start.
    from disastercenter.ui.pages.print_centre import PrintCentrePage

    return PrintCentrePage(registry)


class MainWindow(QMainWindow):
    #: The user chose another workspace file; the app opens it in a new window.
    workspace_requested = Signal(Path)

    #: (page attribute, navigation label source text)
    PAGES = (
        ("overview", "Overview"),
        ("evacuees", "Evacuees"),
        ("shelters", "Shelters"),
        ("volunteers", "Volunteers"),
        ("phrasebook", "Phrasebook"),
        ("matching", "Matching"),
        ("print_centre", "Print centre"),
        ("sync", "Sync"),
        ("duplicates", "Duplicates"),
    )
    PAGE_CLASSES: dict[str, Callable[[Registry], QWidget]] = {
        "overview": OverviewPage,
        "evacuees": EvacueesPage,
        "shelters": SheltersPage,
        "volunteers": VolunteersPage,
        "phrasebook": PhrasebookPage,
        "matching": MatchingPage,
        "duplicates": DuplicatesPage,
        "sync": SyncPage,
        "print_centre": _print_centre,
    }

    def __init__(self, workspace: Workspace, settings: QSettings | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self._closed = False
        self.registry = Registry(workspace)
        self.pins = PinStore(settings)
        self.kiosk: KioskWindow | None = None
        self._retired_kiosks: list[KioskWindow] = []
        self.resize(1280, 800)

        # Pages are built when first shown, and refreshed when shown after a change elsewhere:
        # a 100k-person workspace opens fast and a save never recomputes hidden pages.
        self._pages: dict[str, QWidget] = {}
        self._stale: set[str] = set()

        self.nav = QListWidget()
        self.nav.setMinimumWidth(140)
        self.nav.setMaximumWidth(220)
        self.nav.setStyleSheet("QListWidget { font-size: 13pt; } QListWidget::item { padding: 8px; }")
        self.stack = QStackedWidget()
        for _name, _label in self.PAGES:
            self.nav.addItem("")
            self.stack.addWidget(QWidget())  # placeholder until the page is first shown
        self.nav.currentRowChanged.connect(self._show_row)
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

    # -- building -------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_workspace)
        self.file_menu.addAction(self.open_action)
        self.kiosk_action = QAction(self)
        self.kiosk_action.setShortcut(QKeySequence("Ctrl+K"))
        self.kiosk_action.triggered.connect(self.open_kiosk)
        self.file_menu.addAction(self.kiosk_action)
        self.export_action = QAction(self)
        self.export_action.triggered.connect(self.export_state)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
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
        self.open_action.setText(tr("Open or create a workspace…"))
        self.kiosk_action.setText(tr("Self-registration kiosk…"))
        self.export_action.setText(tr("Export for municipal systems (CSV/XLSX)…"))
        self.view_menu.setTitle(tr("&View"))
        self.language_menu.setTitle(tr("Language / 言語"))
        self.help_menu.setTitle(tr("&Help"))
        self.about_action.setText(tr("About disastercenter"))
        self.language_actions[i18n.language].setChecked(True)
        self.workspace_label.setText(tr("Workspace: {path}", path=str(self.workspace.path)))

    # -- pages ----------------------------------------------------------------------------

    def page(self, name: str) -> QWidget:
        """The page `name`, built on first use."""
        page = self._pages.get(name)
        if page is None:
            page = self.PAGE_CLASSES[name](self.registry)
            index = [n for n, _ in self.PAGES].index(name)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            use_settings = getattr(page, "use_settings", None)
            if use_settings is not None:
                use_settings(self.settings)
            changed = getattr(page, "data_changed", None)
            if changed is not None:
                changed.connect(lambda name=name: self._data_changed(name))
            wanted = getattr(page, "interpreter_requested", None)
            if wanted is not None:
                wanted.connect(self.request_interpreter)
            selection = getattr(page, "set_person_selection", None)
            if selection is not None:
                selection(self._selected_persons)
            self._pages[name] = page
        return page

    @property
    def overview(self) -> OverviewPage:
        return self.page("overview")  # type: ignore[return-value]

    @property
    def evacuees(self) -> EvacueesPage:
        return self.page("evacuees")  # type: ignore[return-value]

    @property
    def shelters(self) -> SheltersPage:
        return self.page("shelters")  # type: ignore[return-value]

    @property
    def volunteers(self) -> VolunteersPage:
        return self.page("volunteers")  # type: ignore[return-value]

    @property
    def phrasebook(self) -> PhrasebookPage:
        return self.page("phrasebook")  # type: ignore[return-value]

    @property
    def matching(self) -> MatchingPage:
        return self.page("matching")  # type: ignore[return-value]

    @property
    def print_centre(self) -> PrintCentrePage:
        return self.page("print_centre")  # type: ignore[return-value]

    def _selected_persons(self) -> list[str]:
        """The persons selected on the Evacuees page (for printing their cards)."""
        return self.evacuees.selected_ids() if "evacuees" in self._pages else []

    def request_interpreter(self, person_id: str) -> None:
        """From the evacuee list: a new interpreter request for `person_id`."""
        self.show_page("matching")
        self.matching.new_request(person_id)

    @property
    def duplicates(self) -> DuplicatesPage:
        return self.page("duplicates")  # type: ignore[return-value]

    @property
    def sync(self) -> SyncPage:
        return self.page("sync")  # type: ignore[return-value]

    def _show_row(self, row: int) -> None:
        name = self.PAGES[row][0]
        page = self.page(name)
        if name in self._stale:
            self._stale.discard(name)
            page.refresh()  # type: ignore[attr-defined]
        self.stack.setCurrentIndex(row)

    def _data_changed(self, source: str) -> None:
        """A page saved something: every other page is out of date until shown again."""
        self._stale.update(name for name in self._pages if name != source)

    def _language_changed(self, _language: str) -> None:
        self.retranslate()
        current = self.PAGES[self.nav.currentRow()][0] if self.nav.currentRow() >= 0 else None
        self._stale.update(self._pages)
        if current is not None:
            self._stale.discard(current)
            self.page(current).refresh()  # type: ignore[attr-defined]

    def choose_workspace(self) -> None:
        """Ask for a workspace file (an existing one, or a new name) and switch to it."""
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Open or create a workspace"), str(self.workspace.path.parent),
            tr("Workspaces (*.sqlite3)"), options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            target = Path(path)
            if not target.suffix:
                target = target.with_suffix(".sqlite3")
            self.workspace_requested.emit(target)

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

    def open_kiosk(self) -> KioskWindow | None:
        """Hand the laptop to evacuees: staff pick the shelter (and the first time a PIN); the
        kiosk fills the screen and this window hides until staff leave it with the PIN."""
        if self.kiosk is not None:
            return self.kiosk
        shelters = [s for s in self.registry.list_shelters() if s.is_open] or self.registry.list_shelters()
        current = self.evacuees.shelter_filter.currentData() if "evacuees" in self._pages else None
        shelter_id = KioskStartDialog.ask(shelters, self.pins, current, self)
        if not shelter_id:
            return None
        self.kiosk = KioskWindow(self.registry, shelter_id, self.pins)
        self.kiosk.closed.connect(self._kiosk_closed)
        self.kiosk.registered.connect(lambda _registration: self._data_changed("kiosk"))
        self.hide()
        self.kiosk.showFullScreen()
        return self.kiosk

    def _kiosk_closed(self) -> None:
        # Called from the kiosk's closeEvent: dropping the last Python reference now would
        # delete the window while Qt is still closing it. Qt deletes it once that is done.
        kiosk, self.kiosk = self.kiosk, None
        if kiosk is not None:
            self._retired_kiosks.append(kiosk)
            kiosk.destroyed.connect(lambda *_: self._retired_kiosks.clear())
            kiosk.deleteLater()
        self.show()
        current = self.PAGES[self.nav.currentRow()][0] if self.nav.currentRow() >= 0 else None
        if current in self._stale:
            self._stale.discard(current)
            self.page(current).refresh()  # type: ignore[attr-defined]
    def export_state(self) -> None:
        ExportStateDialog(self.workspace.path, self).exec()

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
            for page in self._pages.values():
                shutdown = getattr(page, "shutdown", None)
                if shutdown is not None:
                    shutdown()  # background work ends before the workspace closes
            if self.settings is not None:
                self.settings.setValue("ui/geometry", self.saveGeometry())
            i18n.changed.disconnect(self._language_changed)
            self.workspace.close()
        super().closeEvent(event)
