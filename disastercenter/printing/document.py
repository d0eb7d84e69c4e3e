"""A PDF being built: pages, the fonts to use, warnings, and an atomic save.

Page layouts (boards, signs, notices, cards) draw on `PdfDocument.canvas` through the text
layer (`layout.py`); what cannot be printed as asked (text shrunk to its minimum and continued
on a new page, a QR code split in two) is recorded in `warnings` for the caller to show.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.pdfgen.canvas import Canvas

from disastercenter.core.files import write_atomic
from disastercenter.printing import mirror
from disastercenter.printing.fonts import FontResolver, default_resolver
from disastercenter.printing.layout import TextBlock, TextStyle, fit_text, layout_text
from disastercenter.printing.mirror import Placement

# Streams are compressed; reportlab would also ASCII85-encode them, in pure Python (about 4 ms
# a page) and 25 % larger. Binary streams are fine for every PDF reader and printer.
rl_config.useA85 = 0

MM = 72 / 25.4
PAPERS = {"A4": A4, "A3": A3}


def paper_size(paper: str = "A4", orientation: str = "portrait") -> tuple[float, float]:
    """(width, height) in points of a paper name and orientation."""
    size = PAPERS[paper.upper()]
    return landscape(size) if orientation == "landscape" else portrait(size)


@dataclass(frozen=True)
class Box:
    """A rectangle in reportlab coordinates (origin bottom-left, y up)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width

    def inset(self, dx: float, dy: float | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.width - 2 * dx, self.height - 2 * dy)


class PrintCancelled(Exception):
    """The user cancelled a print job; nothing of it was written."""


class PdfDocument:
    """One PDF file. Create, draw pages, then `save(path)` or `to_bytes()`.

    `cancelled()` is asked before every page after the first: a long document (a roster of a
    thousand persons, a notice in 25 languages) stops drawing with `PrintCancelled` as soon as
    the user cancels, and nothing is written. `progress(pages, 0, "")` is told each page begun
    (the total is not known while drawing). With `record`, what is drawn is kept in
    `placements` (see `mirror.Placement`)."""

    def __init__(self, pagesize: tuple[float, float] = A4, title: str = "",
                 fonts: FontResolver | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 progress: Callable[[int, int, str], None] | None = None,
                 record: bool = False) -> None:
        self._buffer = io.BytesIO()
        self.fonts = fonts or default_resolver()
        # reportlab sets an initial font on every page; make it one of ours, or the PDF names
        # an unembedded Helvetica that nothing uses.
        latin = self.fonts.choice("Latn")
        initial = latin.regular.reportlab_name() if latin is not None else None
        # invariant: no creation time in the file, so the same input gives the same bytes.
        self.canvas = Canvas(self._buffer, pagesize=pagesize, pageCompression=1, invariant=1,
                             initialFontName=initial)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("disastercenter")
        self.canvas.setCreator("disastercenter")
        self.pagesize = pagesize
        self.pages = 0
        self.warnings: list[str] = []
        self.cancelled = cancelled
        self.progress = progress
        self._placements = mirror.start_recording(self.canvas) if record else None
        self._open = False
        self._done: bytes | None = None

    def new_page(self, pagesize: tuple[float, float] | None = None, rtl: bool = False) -> Box:
        """Start a page; returns its full area. With `rtl` the page is mirrored (its primary
        language is written right to left; see `mirror`): draw it as a left-to-right page."""
        if self._open:
            if self.cancelled is not None and self.cancelled():
                raise PrintCancelled()
            mirror.end_page(self.canvas)
            self.canvas.showPage()
        if pagesize is not None and pagesize != self.pagesize:
            self.pagesize = pagesize
        self.canvas.setPageSize(self.pagesize)
        self._open = True
        self.pages += 1
        mirror.begin_page(self.canvas, self.pagesize[0], rtl)
        if self.progress is not None:
            self.progress(self.pages, 0, "")
        return Box(0, 0, *self.pagesize)

    @property
    def rtl(self) -> bool:
        """Whether the page being drawn is mirrored."""
        return mirror.axis(self.canvas) is not None

    @property
    def placements(self) -> list[Placement]:
        """What was drawn where (page coordinates), when the document was made with `record`."""
        if self._placements is None:
            raise ValueError("this document does not record placements (record=True)")
        return self._placements

    def layout(self, text: str, style: TextStyle, width: float) -> TextBlock:
        block = layout_text(text, style, width, self.fonts)
        self.warnings.extend(block.warnings)
        return block

    def fit(self, text: str, style: TextStyle, box: Box, min_size: float | None = None) -> TextBlock:
        """Text shrunk to fit `box` (see `layout.fit_text`); warnings are recorded."""
        block = fit_text(text, style, box.width, box.height, min_size, self.fonts)
        self.warnings.extend(block.warnings)
        return block

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def to_bytes(self) -> bytes:
        if self._done is None:
            if self.cancelled is not None and self.cancelled():
                raise PrintCancelled()
            if not self._open:
                self.new_page()
            mirror.end_page(self.canvas)
            self.canvas.showPage()
            self.canvas.save()
            self._done = self._buffer.getvalue()
        return self._done

    def save(self, path: Path) -> Path:
        """Write the PDF atomically (temp file, fsync, rename)."""
        path = Path(path)
        write_atomic(path, self.to_bytes())
        return path


def fit_and_draw(doc: PdfDocument, value: str, style: TextStyle, box: Box,
                 min_size: float | None, valign: str = "top") -> tuple[TextBlock, float]:
    """Fit `value` into `box` (shrinking down to `min_size`) and draw it; returns the block and
    its bottom y. Text that does not fit even at `min_size` is drawn up to the box and the
    document gets a warning: a board, a sign, a card or a table cell has no next page."""
    block = doc.fit(value, style, box, min_size)
    if block.overflow:
        block, _rest = block.split(box.height)
    return block, draw_block(doc.canvas, block, box, valign)


def draw_block(canvas: Any, block: TextBlock, box: Box, valign: str = "top") -> float:
    """Draw a block in a box, vertically aligned top, middle or bottom; returns its bottom y."""
    if valign == "middle":
        top = box.top - max(0.0, (box.height - block.height) / 2)
    elif valign == "bottom":
        top = box.y + block.height
    else:
        top = box.top
    return block.draw(canvas, box.x, top)
