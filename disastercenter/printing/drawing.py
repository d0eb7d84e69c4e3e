"""Small drawing helpers of the staff printables (cards, paper form, roster, dispatch cards):
fitted text, rows of short texts in their own languages, tick boxes, letter boxes, cut marks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES
from disastercenter.printing import mirror
from disastercenter.printing.document import (
    MM,
    Box,
    PdfDocument,
    fit_and_draw,
)
from disastercenter.printing.layout import TextBlock, TextStyle

INK = "#1a1a1a"
GREY = "#666666"
LIGHT = "#c8c8c8"
ACCENT = "#1d3f6e"
WARN = "#b3261e"


@lru_cache(maxsize=64)
def color(value: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(value)


def draw_text(doc: PdfDocument, value: str, lang: str, box: Box, size: float,
              min_size: float | None = None, *, bold: bool = False, color: str = INK,
              align: str = "start", valign: str = "top", line_gap: float = 0.12,
              ruby: bool = True) -> TextBlock:
    """Fit `value` into `box` (shrinking down to `min_size`) and draw it; returns the block
    (see `document.fit_and_draw`)."""
    style = TextStyle(lang, size=size, bold=bold, color=color, align=align, line_gap=line_gap,
                      ruby=ruby)
    return fit_and_draw(doc, value, style, box, min_size, valign)[0]


def language_label(code: str) -> str:
    """A language's name in its own script (Tiếng Việt, नेपाली, العربية)."""
    entry = LANGUAGES.get(code)
    return entry.native_name if entry else code


@dataclass(frozen=True)
class Piece:
    """A short text in its own language, for `flow`."""

    text: str
    lang: str
    bold: bool = False
    color: str = INK
    #: Follows the previous piece with a space instead of the separator (a gloss).
    attach: bool = False


def flow(doc: PdfDocument, pieces: Sequence[Piece], box: Box, size: float, gap: float = 2 * MM,
         separator: str = "·", max_lines: int = 2, draw: bool = True) -> float:
    """Place `pieces` left to right, each set in its own language's font and direction,
    separated by `separator`, wrapping within `box`; returns the bottom y of the last row.

    Pieces that do not fit in `max_lines` rows are left out and a "+N" ends the last row.
    Nothing is drawn when `draw` is False (to measure)."""
    if not pieces:
        return box.top
    # Left-aligned even when right-to-left: each piece is placed by its left edge.
    blocks = [doc.layout(p.text, TextStyle(p.lang, size=size, bold=p.bold, color=p.color,
                                             align="left", line_gap=0.0), box.width)
              for p in pieces]
    sep = doc.layout(separator, TextStyle("en", size=size, color=GREY, line_gap=0.0), box.width)
    rows: list[list[int]] = [[]]
    x = 0.0
    def joint(i: int) -> float:
        return gap if pieces[i].attach else 2 * gap + sep.width

    for i, block in enumerate(blocks):
        width = block.width
        needed = width if not rows[-1] else joint(i) + width
        if rows[-1] and x + needed > box.width:
            rows.append([])
            x = 0.0
            needed = width
        rows[-1].append(i)
        x += needed
    shown = rows[:max_lines]
    hidden = sum(len(r) for r in rows[max_lines:])
    top = box.top
    for row_index, row in enumerate(shown):
        x = box.x
        more = None
        if hidden and row_index == len(shown) - 1:
            more = doc.layout(f"+{hidden}", TextStyle("en", size=size, color=GREY), box.width)
            while row and x + sum(blocks[i].width for i in row) \
                    + sum(joint(i) for i in row[1:]) + gap + more.width > box.right:
                row = row[:-1]
                hidden += 1
                more = doc.layout(f"+{hidden}", TextStyle("en", size=size, color=GREY), box.width)
        # Pieces of different scripts have different line boxes: share one baseline.
        members = [blocks[i] for i in row] + [sep] + ([more] if more else [])
        baseline = max(_first_baseline(b) for b in members)
        below = max(b.height - _first_baseline(b) for b in members)
        for n, i in enumerate(row):
            if n:
                if draw and not pieces[i].attach:
                    sep.draw(doc.canvas, x + gap, top - baseline + _first_baseline(sep))
                x += joint(i)
            block = blocks[i]
            if draw:
                block.draw(doc.canvas, x, top - baseline + _first_baseline(block))
            x += block.width
        if more is not None and draw:
            more.draw(doc.canvas, x + gap, top - baseline + _first_baseline(more))
        top -= baseline + below
    return top


def _first_baseline(block: TextBlock) -> float:
    """Points from the top of a block to its first baseline."""
    return block.lines[0].baseline * block.size if block.lines else 0.0


def tick_box(canvas: Any, x: float, y: float, side: float, round_: bool = False,
             line: float = 0.7) -> None:
    """An empty box (or circle, for one-of choices) with its lower-left corner at (x, y)."""
    canvas.saveState()
    canvas.setStrokeColor(color(INK))
    canvas.setLineWidth(line)
    if round_:
        canvas.circle(x + side / 2, y + side / 2, side / 2, stroke=1, fill=0)
    else:
        canvas.rect(x, y, side, side, stroke=1, fill=0)
    canvas.restoreState()


def letter_boxes(canvas: Any, x: float, y: float, count: int, width: float, height: float,
                 group: int = 0) -> None:
    """A row of `count` boxes to write one letter each in (a comb), lower-left at (x, y).
    With `group`, every `group` boxes get a slightly heavier divider (easier counting), from
    the left on any page: Latin letters, katakana and digits are written left to right."""
    with mirror.upright(canvas, x, count * width):
        _letter_boxes(canvas, x, y, count, width, height, group)


def _letter_boxes(canvas: Any, x: float, y: float, count: int, width: float, height: float,
                  group: int) -> None:
    canvas.saveState()
    canvas.setStrokeColor(color(GREY))
    canvas.setLineWidth(0.5)
    canvas.rect(x, y, count * width, height, stroke=1, fill=0)
    for i in range(1, count):
        heavy = group and i % group == 0
        canvas.setLineWidth(0.8 if heavy else 0.35)
        top = y + height if heavy else y + height * 0.45
        canvas.line(x + i * width, y, x + i * width, top)
    canvas.restoreState()


def writing_box(canvas: Any, box: Box, lines: int = 0) -> None:
    """A frame to write in, with `lines` faint ruled lines inside."""
    canvas.saveState()
    canvas.setStrokeColor(color(GREY))
    canvas.setLineWidth(0.5)
    canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=0)
    if lines:
        canvas.setStrokeColor(color(LIGHT))
        canvas.setLineWidth(0.4)
        step = box.height / (lines + 1)
        for i in range(1, lines + 1):
            canvas.line(box.x + 2 * MM, box.y + i * step, box.right - 2 * MM, box.y + i * step)
    canvas.restoreState()


def cut_marks(canvas: Any, xs: Sequence[float], ys: Sequence[float], length: float = 5 * MM,
              gap: float = 2 * MM) -> None:
    """Crop marks outside the grid of cut lines `xs` (vertical) and `ys` (horizontal): short
    lines in the margins, so a guillotine or a ruler can follow them."""
    left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
    canvas.saveState()
    canvas.setStrokeColor(color(INK))
    canvas.setLineWidth(0.3)
    for x in xs:
        canvas.line(x, top + gap, x, top + gap + length)
        canvas.line(x, bottom - gap, x, bottom - gap - length)
    for y in ys:
        canvas.line(left - gap, y, left - gap - length, y)
        canvas.line(right + gap, y, right + gap + length, y)
    canvas.restoreState()


def confidential_band(doc: PdfDocument, box: Box, size: float = 8.5) -> None:
    """A red-framed 取扱注意 / CONFIDENTIAL label filling `box`."""
    canvas = doc.canvas
    canvas.saveState()
    canvas.setStrokeColor(color(WARN))
    canvas.setLineWidth(1.2)
    canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=0)
    canvas.restoreState()
    draw_text(doc, "取扱注意  CONFIDENTIAL", "ja", box.inset(1.2 * MM, 0.6 * MM), size, 5,
              bold=True, color=WARN, align="center", valign="middle")


# --- tables --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """A table column: a bilingual heading and a width in points."""

    title_ja: str
    title_en: str
    width: float


@dataclass(frozen=True)
class Cell:
    text: str
    lang: str = "ja"
    bold: bool = False
    color: str = INK
    #: start follows the text's direction; tables of left-to-right pages set RTL names "left".
    align: str = "start"


CELL_PAD = 1.2 * MM
#: Shown instead of a text that no installed font can print (never boxes instead of letters).
UNPRINTABLE = "（印刷できない文字） (unprintable characters)"


@dataclass
class Row:
    """A measured table row: one laid-out block per cell and the row height."""

    blocks: list[TextBlock | None]
    height: float
    shade: bool = False


def measure_row(doc: PdfDocument, columns: Sequence[Column], cells: Sequence[Cell],
                size: float = 8.0, min_height: float = 5 * MM) -> Row:
    blocks: list[TextBlock | None] = []
    height = min_height
    for column, cell in zip(columns, cells):
        if not cell.text:
            blocks.append(None)
            continue
        style = TextStyle(cell.lang, size=size, bold=cell.bold, color=cell.color,
                          line_gap=0.1, align=cell.align)
        try:
            block = doc.layout(cell.text, style, column.width - 2 * CELL_PAD)
        except UserError as exc:
            if exc.key != "print.missing_glyphs":
                raise
            # One name no installed font can print must not stop a whole list: say so.
            doc.warn(exc.message("en"))
            block = doc.layout(UNPRINTABLE, style.replace(lang="ja", color=GREY),
                               column.width - 2 * CELL_PAD)
        blocks.append(block)
        height = max(height, block.height + 2 * CELL_PAD)
    return Row(blocks, height)


def draw_row(doc: PdfDocument, x: float, top: float, columns: Sequence[Column], row: Row) -> float:
    """Draw a measured row with its top-left at (x, top); returns the bottom y."""
    canvas = doc.canvas
    width = sum(c.width for c in columns)
    bottom = top - row.height
    canvas.saveState()
    if row.shade:
        canvas.setFillColor(color("#f2f4f7"))
        canvas.rect(x, bottom, width, row.height, stroke=0, fill=1)
    canvas.setStrokeColor(color(LIGHT))
    canvas.setLineWidth(0.4)
    canvas.line(x, bottom, x + width, bottom)
    canvas.restoreState()
    left = x
    for column, block in zip(columns, row.blocks):
        if block is not None:
            block.draw(canvas, left + CELL_PAD, top - CELL_PAD)
        left += column.width
    return bottom


def header_row(doc: PdfDocument, columns: Sequence[Column], size: float = 7.0) -> Row:
    cells = [Cell(f"{c.title_ja}\n{c.title_en}" if c.title_en else c.title_ja, "ja", bold=True)
             for c in columns]
    row = measure_row(doc, columns, cells, size, min_height=7 * MM)
    return row


def draw_header_row(doc: PdfDocument, x: float, top: float, columns: Sequence[Column],
                    row: Row) -> float:
    canvas = doc.canvas
    width = sum(c.width for c in columns)
    canvas.saveState()
    canvas.setFillColor(color("#e3e8ef"))
    canvas.rect(x, top - row.height, width, row.height, stroke=0, fill=1)
    canvas.restoreState()
    return draw_row(doc, x, top, columns, row)
