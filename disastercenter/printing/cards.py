"""Registration cards: one per person, credit-card size (ISO/IEC 7810 ID-1, 85.6 × 54 mm),
ten to an A4 sheet with cut marks, or one per page for a card printer.

A card shows the name in the person's own script (set in the font of their first language),
as on the passport and as a katakana reading; the languages they speak, each in its own
script; the shelter; the card code (`ABCD-EFGH-J`, typed when there is no scanner) and a QR
code with the person's id and a check character (`core.scan_codes.person_payload`), which the
Evacuees page reads from a USB scanner.

    draw_cards(doc, cards)                 sheets of 10, cut marks, a header per sheet
    draw_cards(doc, cards, per_page=1)     one card on an A4 page, at the top left
    draw_card(doc, card, x, y)             one card with its lower-left corner at (x, y)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from disastercenter.core.errors import UserError
from disastercenter.printing.document import MM, Box, PdfDocument
from disastercenter.printing.drawing import (
    ACCENT,
    GREY,
    INK,
    LIGHT,
    Piece,
    color,
    cut_marks,
    draw_text,
    flow,
    language_label,
)
from disastercenter.printing.layout import TextStyle, measure
from disastercenter.printing.qr import make_qr

CARD_WIDTH = 85.6 * MM
CARD_HEIGHT = 54.0 * MM
CARD_PAGE = (CARD_WIDTH, CARD_HEIGHT)
COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS

_BAND = 8.0 * MM
_PAD = 3.0 * MM
_QR_SIDE = 28.0 * MM


@dataclass(frozen=True)
class CardData:
    """What one card shows. `languages` are codes, best spoken first: the first decides the
    font of the native-script name. The QR code holds `qr_payload` (the person's id with a check
    character, `core.scan_codes.person_payload`), or the card code when there is none."""

    card_code: str
    name_latin: str = ""
    name_native: str = ""
    name_kana: str = ""
    languages: tuple[str, ...] = ()
    shelter: str = ""
    #: More lines printed small under the names (e.g. the household).
    extra: tuple[str, ...] = ()
    person_id: str = ""
    qr_payload: str = ""

    @property
    def first_language(self) -> str:
        return self.languages[0] if self.languages else "en"

    @property
    def display_name(self) -> str:
        return self.name_latin or self.name_native or self.name_kana


def draw_card(doc: PdfDocument, card: CardData, x: float, y: float, outline: bool = True) -> None:
    """One card with its lower-left corner at (x, y). `outline`: a light line to cut along."""
    canvas = doc.canvas
    if outline:
        canvas.saveState()
        canvas.setStrokeColor(color(LIGHT))
        canvas.setLineWidth(0.3)
        canvas.rect(x, y, CARD_WIDTH, CARD_HEIGHT, stroke=1, fill=0)
        canvas.restoreState()

    # Band: shelter name on the left, what the card is on the right.
    band = Box(x, y + CARD_HEIGHT - _BAND, CARD_WIDTH, _BAND)
    canvas.saveState()
    canvas.setFillColor(color(ACCENT))
    canvas.rect(band.x, band.y, band.width, band.height, stroke=0, fill=1)
    canvas.restoreState()
    inner = band.inset(_PAD, 1.2 * MM)
    title_width = 24 * MM
    draw_text(doc, "避難者カード\nEvacuee card", "ja", Box(inner.right - title_width, inner.y,
              title_width, inner.height), 5.2, 4, color="#ffffff", align="right",
              valign="middle", line_gap=0.0)
    draw_text(doc, card.shelter or "—", "ja",
              Box(inner.x, inner.y, inner.width - title_width - 2 * MM, inner.height), 8, 5,
              bold=True, color="#ffffff", valign="middle")

    # QR code and card code on the right.
    body_top = band.y - 1.5 * MM
    qr_x = x + CARD_WIDTH - _PAD - _QR_SIDE + 1.5 * MM  # the quiet zone may reach the margin
    make_qr(card.qr_payload or card.card_code, "M").draw(canvas, qr_x, body_top - _QR_SIDE,
                                                         _QR_SIDE)
    # The code is right-aligned with the QR code's dark modules (the quiet zone is 4 modules).
    right = x + CARD_WIDTH - _PAD
    code_box = Box(right - 34 * MM, y + _PAD + 3.0 * MM, 34 * MM,
                   body_top - _QR_SIDE - y - _PAD - 3.0 * MM)
    code = draw_text(doc, card.card_code, "en", code_box, 10.5, 7, bold=True, align="right",
                     valign="middle")
    draw_text(doc, "カード番号 Card No.", "ja", Box(code_box.x, y + _PAD, code_box.width, 3.0 * MM),
              5.2, 4, color=GREY, align="right", valign="bottom")

    # Names at the top left, the languages at the bottom left.
    left = Box(x + _PAD, y + _PAD, qr_x - x - _PAD - 1.0 * MM, body_top - 1.0 * MM - y - _PAD)
    pieces = [Piece(language_label(code), code) for code in card.languages] or \
        [Piece("—", "en")]
    size = 8.0
    probe = Box(left.x, left.y, left.width, left.height)
    used = probe.top - flow(doc, pieces, probe, size, gap=1.2 * MM, max_lines=2, draw=False)
    languages = Box(left.x, left.y, left.width, used)
    flow(doc, pieces, languages, size, gap=1.2 * MM, max_lines=2)
    label = Box(left.x, languages.top + 0.4 * MM, left.width, 3.0 * MM)
    draw_text(doc, "話せる言語 Languages", "ja", label, 5.2, 4, color=GREY, align="left",
              valign="bottom")
    rule_y = label.top + 0.6 * MM
    canvas.saveState()
    canvas.setStrokeColor(color(LIGHT))
    canvas.setLineWidth(0.4)
    canvas.line(left.x, rule_y, min(left.right, right - code.width - 2.5 * MM), rule_y)
    canvas.restoreState()

    names = _name_lines(card)
    wanted = sum(line[4] for line in names)
    room = left.top - rule_y - 1.0 * MM
    scale = min(1.0, room / wanted)
    top = left.top
    for text, lang, size, min_size, height, bold in names:
        box = Box(left.x, top - height * scale, left.width, height * scale)
        try:
            # A name reads best on one line: shrink to fit the width before wrapping.
            natural = measure(text, TextStyle(lang, size=1.0, bold=bold), doc.fonts)
            one_line = box.width / natural if natural > 0 else size
            if one_line >= min_size * scale:
                size = min(size * scale, one_line * 0.98) / scale
            draw_text(doc, text, lang, box, size * scale, min_size * scale, bold=bold,
                      align="left", valign="middle")
        except UserError as exc:
            if exc.key != "print.missing_glyphs":
                raise
            # One unprintable name must not stop a whole shelter's sheet: print the card
            # without it, and say so.
            doc.warn(f"{card.display_name} ({card.card_code}): {exc.message('en')}")
        top = box.y


def _name_lines(card: CardData) -> list[tuple[str, str, float, float, float, bool]]:
    """(text, language, size, minimum size, slot height, bold) of each name line, largest
    first: the name in the person's own script, as on the passport, the katakana reading."""
    lines: list[tuple[str, str, float, float, float, bool]] = []
    native = card.name_native.strip()
    latin = card.name_latin.strip()
    kana = card.name_kana.strip()
    if native and native != latin:
        lines.append((native, card.first_language, 15, 7, 10.0 * MM, True))
    if latin:
        big = not lines
        lines.append((latin, "en", 15 if big else 11, 6.5, (10.0 if big else 6.5) * MM, True))
    if kana:
        lines.append((kana, "ja", 9.5, 6, 5.5 * MM, False))
    for extra in card.extra:
        lines.append((extra, "ja", 7, 5, 4.0 * MM, False))
    if not lines:
        lines.append(("—", "en", 12, 8, 8 * MM, True))
    return lines


def sheet_slots(page: Box) -> list[tuple[float, float]]:
    """Lower-left corners of the cards of an A4 sheet, left to right, top to bottom."""
    x0 = (page.width - COLUMNS * CARD_WIDTH) / 2
    y0 = (page.height - ROWS * CARD_HEIGHT) / 2
    return [(x0 + c * CARD_WIDTH, y0 + (ROWS - 1 - r) * CARD_HEIGHT)
            for r in range(ROWS) for c in range(COLUMNS)]


def draw_cards(doc: PdfDocument, cards: Sequence[CardData], title: str = "",
               per_page: int = PER_SHEET) -> int:
    """Cards on A4 sheets (`per_page` 1 to 10), or one per page when the document's page is
    the card size (`CARD_PAGE`). Returns the number of pages."""
    if doc.pagesize == CARD_PAGE:
        for card in cards:
            doc.new_page()
            draw_card(doc, card, 0, 0, outline=False)
        return len(cards)
    per_page = max(1, min(per_page, PER_SHEET))
    pages = max(1, -(-len(cards) // per_page))
    for number in range(pages):
        page = doc.new_page()
        chunk = cards[number * per_page:(number + 1) * per_page]
        slots = sheet_slots(page)
        for card, (x, y) in zip(chunk, slots):
            draw_card(doc, card, x, y)
        used_rows = -(-len(chunk) // COLUMNS) if chunk else 1
        used_cols = min(COLUMNS, max(1, len(chunk)))
        x0, y_top = slots[0][0], slots[0][1] + CARD_HEIGHT
        xs = [x0 + c * CARD_WIDTH for c in range(used_cols + 1)]
        ys = [y_top - r * CARD_HEIGHT for r in range(used_rows + 1)]
        cut_marks(doc.canvas, xs, ys)
        _sheet_header(doc, x0, y_top, title, number + 1, pages)
    return pages


def _sheet_header(doc: PdfDocument, x0: float, y_top: float, title: str, number: int,
                  pages: int) -> None:
    # In the top margin, between the cut marks (they are vertical lines at the card edges).
    box = Box(x0 + 3 * MM, y_top + 2.5 * MM, CARD_WIDTH - 6 * MM, 4.5 * MM)
    text = f"{title}  避難者カード Registration cards" if title else "避難者カード Registration cards"
    draw_text(doc, text, "ja", box, 7.5, 5, color=INK, align="left", valign="middle")
    right = Box(x0 + CARD_WIDTH + 3 * MM, box.y, CARD_WIDTH - 6 * MM, box.height)
    draw_text(doc, f"{number} / {pages}", "en", right, 7.5, 5, color=GREY, align="right",
              valign="middle")
