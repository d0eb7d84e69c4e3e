"""Long work off the GUI thread: a service call in a QThread, with progress, cancel and result.

`BackgroundTask(work)` runs `work(progress, cancelled)` in its own thread. `work` reports with
`progress(done, total)` and stops early when `cancelled()` turns true. The task emits, on the
GUI thread: `progress(done, total)`, then one of `finished(result)` or `failed(message)` (a
UserError's message in the UI language; anything else is re-raised in the thread and reported
as failed with its text). Services open their own database connection for such work
(store.db.connect), so the window's connection stays free for the GUI.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from disastercenter.core.errors import UserError
from disastercenter.ui.i18n import i18n

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], object]


class _Thread(QThread):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        task = self.task
        try:
            result = task.work(task._report, task._stop.is_set)
        except UserError as exc:
            task.failed.emit(exc.message(i18n.language))
        except Exception as exc:  # noqa: BLE001 - shown to the person, never lost silently
            task.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            task.finished.emit(result)


class BackgroundTask(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self._stop = threading.Event()
        self._thread = _Thread(self)

    def _report(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def stop_and_wait(self, timeout_ms: int = 30_000) -> bool:
        """Ask the work to stop and wait for its thread (before the window closes)."""
        self._stop.set()
        return self._thread.wait(timeout_ms)
