"""The gap report on paper: unmet interpreter demand against supply, per language and
two-hour window, so the center knows which language volunteers to call in.

Bilingual headings (Japanese and English); a language is named in its own script, with its
code. Rows follow the order given (the service sorts them: worst gaps first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from disastercenter.core.languages import LANGUAGES
from disastercenter.printing.document import MM, Box, PdfDocument
from disastercenter.printing.drawing import (
    Cell,
    Column,
    draw_header_row,
    draw_row,
    draw_text,
    header_row,
    measure_row,
)
from disastercenter.printing.pages import INK, content_box

RED = "#b42318"


@dataclass(frozen=True)
class GapLine:
    """One row of the report (plain values, so the printing layer needs no matching import)."""

    date: str
    window: str
    language: str  # BCP 47 code
    requests: int
    covered: int
    unmet: int
    unmet_urgent: int
    speakers_on_shift: int
    speakers_idle: int


_COLUMNS = (  # millimetres; together the width of A4 inside its margins (190 mm)
    ("日付", "Date", 20), ("時間帯", "Window", 22), ("言語", "Language", 39),
    ("依頼", "Requests", 15), ("対応済み", "Covered", 16), ("未対応", "Unmet", 15),
    ("うち緊急・高", "Unmet urgent", 20), ("当番中の話者", "Speakers on shift", 21),
    ("空いている話者", "Speakers free", 21),
)


def _language(code: str) -> str:
    entry = LANGUAGES.get(code)
    return f"{entry.native_name} ({code})" if entry else code


def draw_gap_report(doc: PdfDocument, lines: Sequence[GapLine], period: str) -> int:
    """Draw the report (pages of the document's size, the header repeated on each); returns
    the number of pages drawn."""
    first = doc.pages
    columns = [Column(ja, en, width * MM) for ja, en, width in _COLUMNS]
    head = header_row(doc, columns)

    def new_page() -> tuple[Box, float]:
        box = content_box(doc.new_page())
        title = f"通訳の不足レポート  Interpreter gap report — {period}"
        draw_text(doc, title, "ja", Box(box.x, box.top - 9 * MM, box.width, 9 * MM), 12, 8,
                  bold=True)
        return box, draw_header_row(doc, box.x, box.top - 12 * MM, columns, head)

    box, top = new_page()
    if not lines:
        draw_text(doc, "この期間の未対応の依頼はありません。  No unmet requests in this period.",
                  "ja", Box(box.x, top - 12 * MM, box.width, 10 * MM), 10, 8)
    for number, line in enumerate(lines):
        known = line.language in LANGUAGES
        cells = [
            Cell(line.date, "en"), Cell(line.window, "en"),
            Cell(_language(line.language) if known else line.language, line.language if known else "en"),
            Cell(str(line.requests), "en"), Cell(str(line.covered), "en"),
            Cell(str(line.unmet), "en", bold=line.unmet > 0, color=RED if line.unmet else INK),
            Cell(str(line.unmet_urgent), "en", bold=line.unmet_urgent > 0),
            Cell(str(line.speakers_on_shift), "en"), Cell(str(line.speakers_idle), "en"),
        ]
        row = measure_row(doc, columns, cells)
        row.shade = number % 2 == 1
        if top - row.height < box.y:
            box, top = new_page()
        top = draw_row(doc, box.x, top, columns, row)
    return doc.pages - first
