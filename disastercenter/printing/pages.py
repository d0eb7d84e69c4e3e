"""Building blocks shared by the page layouts: margins, headers, footers, phrase cells.

A phrase cell is the unit of pointing boards (and of sign and notice texts): a pictogram and
the phrase in up to three languages, each shrunk to its slot, with the phrase key printed small
in a corner so a coordinator can record in the app what was pointed at.

Layouts here are written left to right; a page started with `new_page(rtl=True)` is mirrored
as a whole (see `mirror`). Alignment "left" means the side the page starts from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from disastercenter.content.phrasebook import Phrasebook
from disastercenter.core.languages import LANGUAGES
from disastercenter.printing import mirror
from disastercenter.printing.document import (
    MM,
    Box,
    PdfDocument,
    fit_and_draw,
)
from disastercenter.printing.layout import TextStyle
from disastercenter.printing.pictograms import draw_pictogram

MARGIN = 10 * MM
INK = "#1a1a1a"
GREY = "#6b6b6b"
LINE = "#c8c8c8"


def content_box(page: Box, margin: float = MARGIN) -> Box:
    return page.inset(margin)


def phrase_text(book: Phrasebook, key: str, lang: str) -> str:
    """The phrase in `lang` (along its fallback chain); Japanese keeps its furigana markup."""
    return book.text(key, lang, ruby=lang.startswith("ja"))


def is_unreviewed(book: Phrasebook, key: str, lang: str) -> bool:
    phrase = book.phrases.get(key)
    if phrase is None:
        return False
    review = phrase.reviews.get(lang) if lang not in ("ja", "ja-x-easy", "en") else phrase.review
    return review is None or not review.is_reviewed


@lru_cache(maxsize=256)
def hex_color(value: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(value)


def text(doc: PdfDocument, value: str, lang: str, box: Box, size: float, min_size: float,
         bold: bool = False, color: str = INK, align: str = "start", valign: str = "top",
         balance: bool = False) -> float:
    """Fit `value` into `box` and draw it; returns the bottom y of what was drawn.

    Text that cannot fit at `min_size` is drawn at `min_size` up to the box and the document
    gets a warning (boards and signs have no next page to continue on)."""
    style = TextStyle(lang, size=size, bold=bold, color=color, align=align, balance=balance,
                      line_gap=0.12)
    return fit_and_draw(doc, value, style, box, min_size, valign)[1]


def footer(doc: PdfDocument, page: Box, left: str, right: str = "", unreviewed: bool = False) -> None:
    """A thin line with small text at the bottom of the page: `left` where the page starts
    (on the right of a right-to-left page), `right` at the other end."""
    canvas = doc.canvas
    y = MARGIN * 0.55
    canvas.saveState()
    canvas.setStrokeColor(hex_color(LINE))
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y + 9, page.width - MARGIN, y + 9)
    canvas.restoreState()
    note = left
    if unreviewed:
        note += "  ·  翻訳は未確認です / Translations not yet checked by a native speaker"
    width = page.width - 2 * MARGIN
    text(doc, note, "ja", Box(MARGIN, y, width * 0.8, 8), 6.5, 5, color=GREY, align="left")
    if right:
        text(doc, right, "en", Box(MARGIN + width * 0.8, y, width * 0.2, 8), 6.5, 5, color=GREY,
             align="right")


@dataclass(frozen=True)
class CellLanguages:
    """Languages of a phrase cell: the target (large), the second (Japanese by default) and an
    optional third (English) line."""

    target: str
    second: str | None = "ja"
    third: str | None = None

    @classmethod
    def for_board(cls, lang: str, lang2: str | None = "ja", english: bool = False) -> CellLanguages:
        second = lang2 if lang2 != lang else None
        third = "en" if english and "en" not in (lang, lang2) else None
        return cls(lang, second, third)

    def all(self) -> list[str]:
        return [code for code in (self.target, self.second, self.third) if code]


def phrase_cell(doc: PdfDocument, book: Phrasebook, key: str, box: Box, langs: CellLanguages,
                pictogram: str | None = None, show_key: bool = True, scale: float = 1.0) -> None:
    """One pointing-board item in `box`: rounded frame, pictogram, texts, phrase key. The texts
    hang from the pictogram's side (on a mirrored page: the pictogram on the right, every
    language flush right against it), so the languages of an item read as one block."""
    canvas = doc.canvas
    frame = reusable(canvas, ("cell", round(box.width, 2), round(box.height, 2)), box.width,
                     box.height, lambda: _cell_frame(canvas, box.width, box.height))
    place(canvas, frame, box.x, box.y)
    pad = 1.8 * MM
    inner = box.inset(pad)
    text_left = inner.x
    if pictogram:
        side = min(inner.height - 2.5 * MM, inner.width * 0.34)
        draw_pictogram(canvas, pictogram, inner.x, inner.top - side, side)
        text_left = inner.x + side + pad
    area = Box(text_left, inner.y + 2.2 * MM, inner.right - text_left, inner.height - 2.2 * MM)
    shares = [0.44, 0.33, 0.23] if langs.third else [0.56, 0.44]
    sizes = [12.5 * scale, 9.5 * scale, 7.5 * scale]
    minimum = [6 * scale, 5.5 * scale, 4.5 * scale]
    top = area.top
    for i, code in enumerate(langs.all()):
        slot_height = area.height * shares[i]
        slot = Box(area.x, top - slot_height, area.width, slot_height)
        text(doc, phrase_text(book, key, code), code, slot, sizes[i], minimum[i],
             bold=(i == 0), color=INK if i == 0 else "#333333", align="left")
        top -= slot_height
    if show_key:
        text(doc, key, "en", Box(inner.x, box.y + 0.6 * MM, inner.width, 2.4 * MM), 4.5, 4,
             color="#9a9a9a", align="right")


def _cell_frame(canvas: Any, width: float, height: float) -> None:
    canvas.setStrokeColor(hex_color(LINE))
    canvas.setLineWidth(0.6)
    canvas.roundRect(0, 0, width, height, 2.2 * MM, stroke=1, fill=0)


def reusable(canvas: Any, key: tuple, width: float, height: float, draw: Any) -> str:
    """The name of a PDF form (drawn once per document by `draw`, at the origin) for `key`.
    Boards repeat the same frames and pictograms hundreds of times: a form is written once
    and placed by reference, which keeps files small and drawing fast."""
    forms: dict[tuple, str] = canvas.__dict__.setdefault("_dc_forms", {})
    name = forms.get(key)
    if name is None:
        name = f"dcf{len(forms)}"
        with mirror.suspended(canvas):
            canvas.beginForm(name, 0, 0, width, height)
            draw()
            canvas.endForm()
        forms[key] = name
    return name


def place(canvas: Any, name: str, x: float, y: float) -> None:
    """Place a form at (x, y). On a mirrored page the form is mirrored too: fine for the
    symmetric frames it is used for."""
    canvas.addLiteral(f"q 1 0 0 1 {x:.3f} {y:.3f} cm")
    canvas.doForm(name)
    canvas.addLiteral("Q")


def language_label(code: str) -> str:
    entry = LANGUAGES.get(code)
    return entry.native_name if entry else code
