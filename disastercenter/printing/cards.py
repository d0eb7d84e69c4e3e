"""Registration cards: one credit-card-sized card per person, ten on an A4 sheet.

Each card shows the name as on the passport (Latin), in the person's own script and as a
katakana reading, the languages the person speaks (each in its own script), the shelter, and
the card code (`core.ids.card_code`: 8 symbols and a check symbol, e.g. 7K3M-9QXP-2) in large
type and as a QR code. A USB scanner reading the QR code types the card code and Enter, which
the Evacuees page and `Registry.find_by_card_code` accept.

The drawing takes plain `CardData`, so it needs no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES
from disastercenter.printing.document import MM, Box, PdfDocument
from disastercenter.printing.pages import GREY, INK, LINE, hex_color, text
from disastercenter.printing.pictograms import TONES
from disastercenter.printing.qr import make_qr

CARD_WIDTH = 85.6 * MM  # ISO/IEC 7810 ID-1
CARD_HEIGHT = 54 * MM
COLUMNS, ROWS = 2, 5


@dataclass(frozen=True)
class CardData:
    card_code: str
    name_latin: str = ""
    name_native: str = ""
    name_kana: str = ""
    languages: tuple[str, ...] = ()  # codes, the person's first language first
    shelter: str = ""
    extra: tuple[str, ...] = field(default=())  # e.g. household, printed small


def draw_cards(doc: PdfDocument, cards: Sequence[CardData]) -> int:
    """Cards on A4 sheets (2 x 5, with cut lines). Returns the number of pages."""
    before = doc.pages
    per_page = COLUMNS * ROWS
    for start in range(0, len(cards), per_page):
        page = doc.new_page()
        left = (page.width - COLUMNS * CARD_WIDTH) / 2
        bottom = (page.height - ROWS * CARD_HEIGHT) / 2
        _cut_lines(doc, page, left, bottom)
        for i, card in enumerate(cards[start:start + per_page]):
            column, row = i % COLUMNS, i // COLUMNS
            box = Box(left + column * CARD_WIDTH, bottom + (ROWS - 1 - row) * CARD_HEIGHT,
                      CARD_WIDTH, CARD_HEIGHT)
            draw_card(doc, card, box)
    return doc.pages - before


def _cut_lines(doc: PdfDocument, page: Box, left: float, bottom: float) -> None:
    canvas = doc.canvas
    canvas.saveState()
    canvas.setStrokeColor(hex_color(LINE))
    canvas.setLineWidth(0.3)
    canvas.setDash(2, 2)
    for c in range(COLUMNS + 1):
        x = left + c * CARD_WIDTH
        canvas.line(x, bottom - 4 * MM, x, bottom + ROWS * CARD_HEIGHT + 4 * MM)
    for r in range(ROWS + 1):
        y = bottom + r * CARD_HEIGHT
        canvas.line(left - 4 * MM, y, left + COLUMNS * CARD_WIDTH + 4 * MM, y)
    canvas.restoreState()


def draw_card(doc: PdfDocument, card: CardData, box: Box) -> None:
    canvas = doc.canvas
    pad = 3 * MM
    inner = box.inset(pad)
    band = Box(box.x, box.top - 7 * MM, box.width, 7 * MM)
    canvas.saveState()
    canvas.setFillColor(hex_color(TONES["info"][0]))
    canvas.rect(band.x + 0.4, band.y, band.width - 0.8, band.height - 0.4, stroke=0, fill=1)
    canvas.restoreState()
    text(doc, "避難者カード  Evacuee card", "ja", band.inset(pad, 1.3 * MM), 9, 6, bold=True,
         color="#ffffff", valign="middle")
    qr_side = 25 * MM
    qr_box = Box(inner.right - qr_side, inner.y + 5.5 * MM, qr_side, qr_side)
    make_qr(card.card_code).draw(canvas, qr_box.x, qr_box.y, qr_side)
    text(doc, card.card_code, "en", Box(qr_box.x - 2 * MM, inner.y, qr_side + 2 * MM, 5 * MM),
         10, 7, bold=True, align="center")
    left_w = inner.width - qr_side - 2 * MM
    top = band.y - 1.5 * MM
    main_lang = card.languages[0] if card.languages and card.languages[0] in LANGUAGES else "en"

    def line(value: str, lang: str, height: float, size: float, bold: bool = False,
             color: str = INK) -> None:
        nonlocal top
        if not value:
            return
        try:
            text(doc, value, lang, Box(inner.x, top - height, left_w, height), size, size * 0.55,
                 bold=bold, color=color)
        except UserError as exc:  # a name in a script no installed font has
            doc.warn(f"card {card.card_code}: {exc.message('en')}")
            text(doc, "(?)", "en", Box(inner.x, top - height, left_w, height), size, 6, color=GREY)
        top -= height

    line(card.name_latin, "en", 8 * MM, 15, bold=True)
    line(card.name_native, main_lang, 7 * MM, 13, bold=True)
    line(card.name_kana, "ja", 5 * MM, 10)
    names = " · ".join(LANGUAGES[c].native_name for c in card.languages if c in LANGUAGES)
    line(names, main_lang, 5 * MM, 9)
    line(card.shelter, "ja", 5 * MM, 9, color=GREY)
    for extra in card.extra:
        line(extra, "ja", 4 * MM, 7, color=GREY)
