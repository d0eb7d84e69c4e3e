"""Reading a USB barcode scanner that "types" like a keyboard, anywhere on a page.

A scanner sends the code as very fast key presses (a few ms apart) and ends with Enter; a
person types far slower. `BurstDetector` tells the two apart from the gaps between keys;
`ScannerInput` watches the key presses of every widget of a page that can take focus:

- printable keys typed where there is no text box (the list, a button, a filter) go to the
  page's search box (type-to-search), so nothing a scanner types is lost or changes a filter;
- Enter after a fast burst of at least `min_length` characters is taken (it does not reach the
  focused widget) and `scanned(text)` is emitted; the search box gets back the text it had
  before the burst began, so the scanned characters do not stay in it;
- Enter after slower typing that went to the search box acts as Enter in the search box (a
  slow wireless scanner, or a card code typed by hand while the list had the focus).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

#: Scanners send a character every 1-30 ms; people rarely type two keys under 50 ms apart,
#: never a dozen in a row.
MAX_GAP_MS = 50.0
MIN_LENGTH = 8
#: Keys typed where there is no text box start a new search after this pause.
NEW_SEARCH_AFTER_MS = 1500.0


class BurstDetector:
    """Collects keys typed in quick succession; Enter right after a long enough burst is a scan."""

    def __init__(self, max_gap_ms: float = MAX_GAP_MS, min_length: int = MIN_LENGTH) -> None:
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.chars: list[str] = []
        self.last: float | None = None

    def starts_burst(self, at_ms: float) -> bool:
        """Whether a key at `at_ms` would begin a new burst (the previous one went quiet)."""
        return self.last is None or at_ms - self.last > self.max_gap_ms

    def key(self, char: str, at_ms: float) -> None:
        if self.starts_burst(at_ms):
            self.chars = []
        self.chars.append(char)
        self.last = at_ms

    def enter(self, at_ms: float) -> str | None:
        """The scanned text, if Enter at `at_ms` ends a scan; the burst is over either way."""
        text = "".join(self.chars)
        fast = self.last is not None and at_ms - self.last <= self.max_gap_ms
        self.reset()
        return text if fast and len(text) >= self.min_length else None

    def reset(self) -> None:
        self.chars = []
        self.last = None


_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


class ScannerInput(QObject):
    """Scanner input for the widgets under `root`; typed text goes to `search`."""

    scanned = Signal(str)

    def __init__(self, root: QWidget, search: QLineEdit,
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__(root)
        self.root = root
        self.search = search
        self.detector = BurstDetector()
        self._clock = clock or (lambda: time.monotonic() * 1000.0)
        self._before = (search.text(), search.cursorPosition())
        self._last_redirect = float("-inf")
        self.watch()

    def watch(self) -> None:
        """Watch every widget under the root that can take focus (call again after adding
        widgets). Only those: a key a widget ignores goes on to its parents, which are not
        watched, so no key is seen twice."""
        for widget in [self.root, *self.root.findChildren(QWidget)]:
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widget.removeEventFilter(self)
                widget.installEventFilter(self)

    def _now(self, event: QKeyEvent) -> float:
        # The window system's time of the key when there is one (keys queued while the app
        # was busy keep their real gaps); synthetic events have none.
        stamp = event.timestamp()
        return float(stamp) if stamp else self._clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & _COMMAND_MODIFIERS:
            self.detector.reset()
            return False
        now = self._now(event)
        if event.key() in _ENTER_KEYS:
            text = self.detector.enter(now)
            if text is None:
                if watched is not self.search and now - self._last_redirect <= NEW_SEARCH_AFTER_MS:
                    # Typed (or scanned slowly) into the search from elsewhere: Enter is the
                    # search box's Enter, as if the typing had happened there.
                    self.search.returnPressed.emit()
                    return True
                return False
            self.search.setText(self._before[0])
            self.search.setCursorPosition(self._before[1])
            self.scanned.emit(text)
            return True
        char = event.text()
        if len(char) != 1 or not char.isprintable():
            self.detector.reset()
            return False
        if self.detector.starts_burst(now):
            self._before = (self.search.text(), self.search.cursorPosition())
        self.detector.key(char, now)
        if isinstance(watched, QLineEdit) and not watched.isReadOnly():
            return False  # a text box takes its own typing
        if char == " " and len(self.detector.chars) == 1:
            self.detector.reset()
            return False  # space presses a button, ticks a box
        # Type-to-search: typing after a pause starts a new search, then adds to it.
        if now - self._last_redirect > NEW_SEARCH_AFTER_MS:
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.setText(char)
        else:
            self.search.end(False)
            self.search.insert(char)
        self._last_redirect = now
        return True
