"""Starting the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from disastercenter.core.errors import UserError
from disastercenter.store.db import default_data_dir, open_workspace
from disastercenter.ui.i18n import UI_LANGUAGES, i18n, tr
from disastercenter.ui.main_window import MainWindow


def app_settings() -> QSettings:
    """UI settings (language, window geometry) in an INI file beside the workspaces."""
    return QSettings(str(default_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("disastercenter")
    app.setOrganizationName("disastercenter")
    return app


#: Windows opened by switching workspaces, kept referenced while they are open.
_windows: list[MainWindow] = []


def open_main_window(db_path: Path | None = None) -> MainWindow:
    """Open the workspace and build the main window (not shown yet). Raises UserError."""
    settings = app_settings()
    language = str(settings.value("ui/language", "ja"))
    i18n.set_language(language if language in UI_LANGUAGES else "ja")
    workspace = open_workspace(db_path)
    window = MainWindow(workspace, settings)
    geometry = settings.value("ui/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    window.workspace_requested.connect(lambda path: switch_workspace(window, path))
    return window


def switch_workspace(current: MainWindow, path: Path) -> MainWindow | None:
    """Open `path` in a new window and close `current`; on failure say why and stay."""
    if path.resolve() == current.workspace.path.resolve():
        return current
    try:
        window = open_main_window(path)
    except UserError as exc:
        QMessageBox.critical(current, tr("Cannot open the workspace"), exc.message(i18n.language))
        return None
    window.show()
    _windows.append(window)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)
    current.close()
    return window


def run_gui(db_path: Path | None = None) -> int:
    app = ensure_application()
    try:
        window = open_main_window(db_path)
    except UserError as exc:
        message = exc.message(i18n.language)
        print(f"disastercenter: {message}", file=sys.stderr)
        if app.platformName() != "offscreen":
            QMessageBox.critical(None, tr("Cannot open the workspace"), message)
        return 2
    window.show()
    code = app.exec()
    window.workspace.close()  # the window closes it too; closing twice is safe
    return code
