"""Long work off the GUI thread: run a function in a QThread, get the result by signal.

The function must not touch the database or widgets (SQL stays on the GUI thread; see
DESIGN.md). Cancelling cannot stop C++ solver code half-way, so it abandons the result: the
`finished_ok` signal is not emitted for a cancelled task.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QThread, Signal

#: Tasks still running, kept alive until their thread ends (a QThread destroyed while it
#: runs aborts the process).
_RUNNING: set[BackgroundTask] = set()


class BackgroundTask(QThread):
    finished_ok = Signal(object)  # the function's result
    failed = Signal(object)  # the exception it raised

    def __init__(self, function: Callable[[], object]) -> None:
        super().__init__()
        self.function = function
        self.cancelled = False
        self.result: object = None
        self.error: BaseException | None = None
        self.finished.connect(self._deliver)

    def start(self) -> None:  # type: ignore[override]
        _RUNNING.add(self)
        super().start()

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        try:
            self.result = self.function()
        except Exception as exc:  # reported to the GUI thread, never lost
            self.error = exc

    def _deliver(self) -> None:
        # Runs on the GUI thread (QThread.finished is delivered to the thread object's thread).
        _RUNNING.discard(self)
        if self.cancelled:
            return
        if self.error is not None:
            self.failed.emit(self.error)
        else:
            self.finished_ok.emit(self.result)
