"""Long work off the GUI thread: progress, cancel, result, as signals.

A job runs one callable on a worker thread. The callable receives `report(done, total)`;
calling it emits `progress` and, once the user asked to cancel, raises `Cancelled` inside the
work (an import then rolls back its transaction). `finished(result)` or `failed(exception)`
arrive on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


class Cancelled(Exception):
    """The person cancelled the job."""


Report = Callable[[int, int], None]


class Job(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Report], object]) -> None:
        super().__init__()
        self._work = work
        self._cancelled = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="disastercenter-job", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _report(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise Cancelled()
        self.progress.emit(done, total)

    def _run(self) -> None:
        try:
            result = self._work(self._report)
        except BaseException as exc:  # reported to the GUI thread, which shows it
            self.failed.emit(exc)
        else:
            self.finished.emit(result)
