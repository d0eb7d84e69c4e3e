"""Pointing boards (指差しシート) and the language check board.

A board is made from the phrase catalogue (`phrasebooks/catalog.toml`): its sections are
catalogue categories, so a phrase added to a category appears on the board. `board_items(kind)`
lists the phrase keys of a board in printed order: the app can offer them for quick-add after a
coordinator sees what was pointed at (each printed item also shows its key).

    draw_language_board(doc, langs)                       every language's name in its own script
    draw_pointing_board(doc, "evacuee", "vi")             target language + Japanese with furigana
    draw_pointing_board(doc, "health", "ne", "ja", english=True)   trilingual

A board whose target language is written right to left (ar, fa, ur) is mirrored as a page
(see `mirror`): items fill the grid from the right, each pictogram is right of its texts, the
target-language column is on the right, header and footer start on the right. The body
outlines of the health board are never mirrored; their sides are labelled with the patient's
right and left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from disastercenter.content.phrasebook import Phrasebook, load_phrasebook
from disastercenter.core.languages import LANGUAGE_CODES, language
from disastercenter.printing import mirror
from disastercenter.printing.document import MM, Box, PdfDocument
from disastercenter.printing.pages import (
    GREY,
    INK,
    LINE,
    CellLanguages,
    content_box,
    footer,
    hex_color,
    is_unreviewed,
    phrase_cell,
    phrase_text,
    text,
)
from disastercenter.printing.pictograms import (
    TONES,
    body_square,
    draw_body,
    draw_icon,
    draw_pictogram,
)


@dataclass(frozen=True)
class Section:
    title_ja: str
    title_en: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Board:
    kind: str
    title_ja: str
    title_en: str
    #: Phrase shown under the title in the board's languages.
    instruction: str
    sections: tuple[Section, ...]

    def keys(self) -> list[str]:
        return [key for section in self.sections for key in section.keys]


#: kind -> (Japanese title, English title, instruction key, [(category, ja, en, key prefix)])
_BOARDS: dict[str, tuple[str, str, str, list[tuple[str, str, str, str]]]] = {
    "evacuee": ("避難者用 指差しボード", "Pointing board for evacuees", "board.point_to_phrase", [
        ("evacuee", "困っていること・ほしいもの", "Needs", ""),
        ("feelings", "気持ち・体調", "Feelings", ""),
        ("answers", "答え", "Answers", ""),
        ("diet", "食事", "Food", ""),
        ("religion", "宗教", "Religion", ""),
    ]),
    "staff": ("スタッフ用 指差しボード", "Pointing board for staff", "info.show_this_sheet", [
        ("reception", "受付", "Reception", ""),
        ("distribution", "配布", "Distribution", ""),
        ("facilities", "施設・案内", "Facilities", ""),
        ("rules", "避難所のルール", "Shelter rules", ""),
        ("safety", "安全", "Safety", ""),
        ("time", "時間", "Time", ""),
    ]),
    "health": ("健康・医療 指差しボード", "Health pointing board", "health.where_does_it_hurt", [
        ("health", "からだの部位", "Body", "health.body."),
        ("health", "症状", "Symptoms", "health.symptom."),
        ("health", "持病・妊娠・薬", "Conditions and medicine", "health.chronic."),
        ("health", "その他", "Other", ""),
    ]),
}
BOARD_KINDS: tuple[str, ...] = tuple(_BOARDS)
#: Health keys printed on the body and pain-scale page instead of as cells.
_HEALTH_PAGE_KEYS = ("health.where_does_it_hurt", "health.symptom.pain_here", "health.pain.")
#: The patient's sides, printed beside the body outlines.
_SIDE_KEYS = ("health.side.right", "health.side.left")


def board(kind: str, book: Phrasebook | None = None) -> Board:
    """The board `kind` built from the catalogue."""
    if kind not in _BOARDS:
        raise KeyError(f"unknown board {kind!r}; boards: {', '.join(BOARD_KINDS)}")
    book = book or load_phrasebook()
    title_ja, title_en, instruction, parts = _BOARDS[kind]
    taken: set[str] = set()
    sections = []
    for category, ja, en, prefix in parts:
        keys = []
        for key, phrase in book.phrases.items():
            if phrase.category != category or key in taken or not key.startswith(prefix):
                continue
            if kind == "health" and (key.startswith(_HEALTH_PAGE_KEYS[2])
                                     or key in _HEALTH_PAGE_KEYS[:2] or key in _SIDE_KEYS):
                continue
            if phrase.placeholders:  # "A doctor will come at {time}": not for pointing
                continue
            keys.append(key)
        taken.update(keys)
        if keys:
            sections.append(Section(ja, en, tuple(keys)))
    return Board(kind, title_ja, title_en, instruction, tuple(sections))


def board_items(kind: str, book: Phrasebook | None = None) -> list[str]:
    """Phrase keys of a board in printed order (the health board's body and pain pages
    included first)."""
    items = board(kind, book).keys()
    if kind == "health":
        book = book or load_phrasebook()
        pain = [k for k in book.phrases if k.startswith(_HEALTH_PAGE_KEYS[2])]
        items = [*_HEALTH_PAGE_KEYS[:2], *pain, *items]
    return items


# --- pointing boards ----------------------------------------------------------------------------

COLUMNS = 3
CELL_HEIGHT = 29 * MM
GAP = 2.5 * MM
HEADER_HEIGHT = 27 * MM
SECTION_HEIGHT = 7 * MM


def _header(doc: PdfDocument, page: Box, brd: Board, langs: CellLanguages, book: Phrasebook,
            number: int, total: int) -> float:
    """Board header: language name, instruction in each language, board title. Returns the y
    where the content starts."""
    box = content_box(page)
    canvas = doc.canvas
    target = langs.target
    band = Box(box.x, box.top - HEADER_HEIGHT, box.width, HEADER_HEIGHT)
    canvas.saveState()
    canvas.setFillColor(hex_color(TONES["info"][1]))
    canvas.roundRect(band.x, band.y, band.width, band.height, 2.5 * MM, stroke=0, fill=1)
    canvas.restoreState()
    inner = band.inset(3 * MM, 2.5 * MM)
    left = Box(inner.x, inner.y, inner.width * 0.56, inner.height)
    right = Box(inner.x + inner.width * 0.6, inner.y, inner.width * 0.4, inner.height)
    name = language(target).native_name
    text(doc, name, target, Box(left.x, left.top - 10 * MM, left.width, 10 * MM), 20, 11, bold=True)
    text(doc, phrase_text(book, brd.instruction, target), target,
         Box(left.x, left.y, left.width, left.height - 11 * MM), 13, 8)
    second = langs.second or "en"
    title = brd.title_ja if second.startswith("ja") else brd.title_en
    text(doc, title, second, Box(right.x, right.top - 6 * MM, right.width, 6 * MM), 9.5, 7,
         bold=True, color=GREY, align="right")
    text(doc, phrase_text(book, brd.instruction, second), second,
         Box(right.x, right.y, right.width, right.height - 7 * MM), 10.5, 7, align="right")
    return band.y - 3 * MM


def _section_title(doc: PdfDocument, box: Box, section: Section) -> None:
    canvas = doc.canvas
    text(doc, f"{section.title_ja}　{section.title_en}", "ja",
         Box(box.x, box.y + 1.2 * MM, box.width, box.height - 1.2 * MM), 9, 7, bold=True,
         color=TONES["info"][0], align="left")
    canvas.saveState()
    canvas.setStrokeColor(hex_color(TONES["info"][0]))
    canvas.setLineWidth(0.6)
    canvas.line(box.x, box.y + 0.8 * MM, box.right, box.y + 0.8 * MM)
    canvas.restoreState()


def _layout_cells(brd: Board, first_top: float, bottom: float) -> list[list[tuple]]:
    """Pages of placements: ("section", Section, y) and ("cell", key, column, y)."""
    pages: list[list[tuple]] = [[]]
    y = first_top
    for section in brd.sections:
        if y - SECTION_HEIGHT - CELL_HEIGHT < bottom:
            pages.append([])
            y = first_top
        pages[-1].append(("section", section, y - SECTION_HEIGHT))
        y -= SECTION_HEIGHT + GAP * 0.5
        for i, key in enumerate(section.keys):
            column = i % COLUMNS
            if column == 0:
                if y - CELL_HEIGHT < bottom:
                    pages.append([])
                    y = first_top
                y -= CELL_HEIGHT
            pages[-1].append(("cell", key, column, y))
            if column == COLUMNS - 1 or i == len(section.keys) - 1:
                y -= GAP
        y -= GAP
    return [p for p in pages if p]


def draw_pointing_board(doc: PdfDocument, kind: str, lang: str, lang2: str | None = "ja",
                        english: bool = False, book: Phrasebook | None = None) -> int:
    """Draw the board `kind` for `lang` (and `lang2`, and English when `english`) on new A4
    pages. Returns the number of pages."""
    book = book or load_phrasebook()
    brd = board(kind, book)
    langs = CellLanguages.for_board(lang, lang2, english)
    rtl = mirror.is_rtl(lang)
    pages_before = doc.pages
    page = doc.new_page(rtl=rtl)
    box = content_box(page)
    first_top = box.top - HEADER_HEIGHT - 3 * MM
    bottom = box.y + 7 * MM
    extra = 0
    if kind == "health":
        _health_body_page(doc, page, brd, langs, book)
        extra = 2
        page = doc.new_page(rtl=rtl)
        _pain_scale_page(doc, page, brd, langs, book)
        page = doc.new_page(rtl=rtl)
    placements = _layout_cells(brd, first_top, bottom)
    total = len(placements) + extra
    column_width = (box.width - (COLUMNS - 1) * GAP) / COLUMNS
    for number, placed in enumerate(placements, start=1 + extra):
        if number > 1 + extra:
            page = doc.new_page(rtl=rtl)
        _header(doc, page, brd, langs, book, number, total)
        unreviewed = False
        for item in placed:
            if item[0] == "section":
                _section_title(doc, Box(box.x, item[2], box.width, SECTION_HEIGHT), item[1])
                continue
            _, key, column, y = item
            cell = Box(box.x + column * (column_width + GAP), y, column_width, CELL_HEIGHT)
            pictogram = book.phrases[key].pictogram if key in book.phrases else None
            phrase_cell(doc, book, key, cell, langs, pictogram)
            unreviewed = unreviewed or any(is_unreviewed(book, key, c) for c in langs.all())
        footer(doc, page, f"disastercenter · {brd.title_ja} · {language(lang).name_ja}",
               f"{number} / {total}", unreviewed)
    return doc.pages - pages_before


def _health_body_page(doc: PdfDocument, page: Box, brd: Board, langs: CellLanguages,
                      book: Phrasebook) -> None:
    """Front and back outlines to point at, each side labelled with the patient's right or
    left, and "It hurts here"."""
    box = content_box(page)
    top = _header(doc, page, brd, langs, book, 1, 1)
    canvas = doc.canvas
    figure_h = top - box.y - 40 * MM
    figure_w = box.width / 2 - 6 * MM
    codes = [langs.target, langs.second or "en"]
    for i, view in enumerate(("front", "back")):
        x = box.x + i * (box.width / 2)
        # The figure and its side labels go to their mirrored place on a right-to-left page,
        # but are drawn as they are: seen from the front, the patient's right is on our left.
        with mirror.upright(canvas, x + 3 * MM, figure_w):
            figure = Box(x + 3 * MM, box.y + 36 * MM, figure_w, figure_h)
            draw_body(canvas, figure.x, figure.y, figure.width, figure.height, view, ink=INK)
            sides = _SIDE_KEYS if view == "front" else _SIDE_KEYS[::-1]
            _side_labels(doc, book, figure, sides, codes)
        label = "まえ / Front" if view == "front" else "うしろ / Back"
        text(doc, label, "ja", Box(x, box.y + 30 * MM, box.width / 2, 6 * MM), 10, 8,
             color=GREY, align="center")
    key = "health.symptom.pain_here"
    band = Box(box.x, box.y + 8 * MM, box.width, 20 * MM)
    draw_pictogram(canvas, "pain", band.x, band.y, band.height)
    half = (band.width - band.height - 4 * MM) / 2
    for i, code in enumerate(codes):
        slot = Box(band.x + band.height + 4 * MM + i * half, band.y, half - 2 * MM, band.height)
        text(doc, phrase_text(book, key, code), code, slot, 16 if i == 0 else 12, 8,
             bold=(i == 0), valign="middle")
    keys = (key, *_SIDE_KEYS)
    footer(doc, page, f"disastercenter · {brd.title_ja} · {language(langs.target).name_ja}",
           "", any(is_unreviewed(book, k, c) for k in keys for c in langs.all()))


def _side_labels(doc: PdfDocument, book: Phrasebook, figure: Box, keys: Sequence[str],
                 codes: Sequence[str]) -> None:
    """`keys[0]` left of the figure's head, `keys[1]` right of it, each in `codes` (the first
    bold), set against the head. Drawn as seen: never mirrored."""
    bx, by, side = body_square(figure.x, figure.y, figure.width, figure.height)
    head_x, head_y = bx + 0.5 * side, by + 0.9 * side
    width = min(0.3 * side, figure.width / 2 - 0.1 * side)
    height = 15 * MM
    for key, sign in zip(keys, (-1, 1)):
        near = head_x + sign * 0.11 * side
        slot = Box(near - width if sign < 0 else near, head_y - height / 2, width, height)
        align = "right" if sign < 0 else "left"
        # The target language on top, the second one at the bottom: a gap between them keeps
        # Arabic dots below the line clear of the furigana.
        shares = ((0.55, "top"), (0.45, "bottom"))
        for i, code in enumerate(codes):
            share, valign = shares[i]
            part = Box(slot.x, slot.top - share * height if i == 0 else slot.y, slot.width,
                       share * height)
            text(doc, phrase_text(book, key, code), code, part, 14 if i == 0 else 10, 6,
                 bold=(i == 0), color=INK if i == 0 else GREY, align=align, valign=valign)


_PAIN_COLOURS = ["#2e7d32", "#558b2f", "#7cb342", "#c0ca33", "#fdd835", "#fbc02d", "#ffa000",
                 "#f57c00", "#e64a19", "#d84315", "#b71c1c"]
_PAIN_FACES = ["emoticon-happy-outline", "emoticon-happy-outline", "emoticon-outline",
               "emoticon-outline", "emoticon-neutral-outline", "emoticon-neutral-outline",
               "emoticon-sad-outline", "emoticon-sad-outline", "emoticon-cry-outline",
               "emoticon-cry-outline", "emoticon-dead-outline"]


def _pain_scale_page(doc: PdfDocument, page: Box, brd: Board, langs: CellLanguages,
                     book: Phrasebook) -> None:
    """Pain scale 0-10: a coloured number, a face, and the label in each language."""
    box = content_box(page)
    top = _header(doc, page, brd, langs, book, 2, 2)
    question = "health.pain.question"
    q_box = Box(box.x, top - 16 * MM, box.width, 16 * MM)
    half = q_box.width / 2
    for i, code in enumerate([langs.target, langs.second or "en"]):
        text(doc, phrase_text(book, question, code), code,
             Box(q_box.x + i * half, q_box.y, half - 3 * MM, q_box.height), 12, 7, bold=(i == 0))
    rows_top = q_box.y - 3 * MM
    row_h = (rows_top - box.y - 8 * MM) / 11
    canvas = doc.canvas
    label_w = (box.width - row_h * 2.4) / 2
    for n in range(11):
        y = rows_top - (n + 1) * row_h
        canvas.saveState()
        canvas.setFillColor(hex_color(_PAIN_COLOURS[n]))
        canvas.roundRect(box.x, y + 0.8 * MM, row_h * 1.1, row_h - 1.6 * MM, 1.5 * MM, stroke=0, fill=1)
        canvas.restoreState()
        text(doc, str(n), "en", Box(box.x, y + 0.8 * MM, row_h * 1.1, row_h - 1.6 * MM), 20, 10,
             bold=True, color="#ffffff", align="center", valign="middle")
        draw_icon(canvas, _PAIN_FACES[n], box.x + row_h * 1.75, y + row_h / 2, row_h * 0.8, INK)
        key = f"health.pain.{n}"
        x = box.x + row_h * 2.4
        for i, code in enumerate([langs.target, langs.second or "en"]):
            slot = Box(x + i * label_w, y + 0.8 * MM, label_w - 2 * MM, row_h - 1.6 * MM)
            text(doc, phrase_text(book, key, code), code, slot, 12 if i == 0 else 10, 6,
                 bold=(i == 0), valign="middle")
        canvas.saveState()
        canvas.setStrokeColor(hex_color(LINE))
        canvas.setLineWidth(0.4)
        canvas.line(box.x, y, box.right, y)
        canvas.restoreState()
    footer(doc, page, f"disastercenter · {brd.title_ja} · {language(langs.target).name_ja}",
           "", any(is_unreviewed(book, f"health.pain.{n}", c) for n in range(11) for c in langs.all()))


# --- the language check board -------------------------------------------------------------------

def draw_language_board(doc: PdfDocument, langs: Sequence[str] = LANGUAGE_CODES,
                        book: Phrasebook | None = None) -> int:
    """Every language's name in its own script, to point at. One A4 page for up to 27
    languages. Returns the number of pages."""
    book = book or load_phrasebook()
    page = doc.new_page()
    box = content_box(page)
    canvas = doc.canvas
    head = Box(box.x, box.top - 26 * MM, box.width, 26 * MM)
    canvas.saveState()
    canvas.setFillColor(hex_color(TONES["info"][1]))
    canvas.roundRect(head.x, head.y, head.width, head.height, 2.5 * MM, stroke=0, fill=1)
    canvas.restoreState()
    draw_pictogram(canvas, "language", head.x + 3 * MM, head.y + 3 * MM, head.height - 6 * MM)
    inner = Box(head.x + head.height + 2 * MM, head.y + 2 * MM,
                head.width - head.height - 5 * MM, head.height - 4 * MM)
    key = "board.point_to_your_language"
    text(doc, phrase_text(book, key, "ja"), "ja",
         Box(inner.x, inner.y + inner.height / 2, inner.width, inner.height / 2), 16, 9, bold=True)
    text(doc, phrase_text(book, key, "en"), "en",
         Box(inner.x, inner.y, inner.width, inner.height / 2), 14, 8)
    columns = 3
    count = len(langs)
    rows = max(1, -(-count // columns))
    grid_top = head.y - 4 * MM
    cell_h = min(30 * MM, (grid_top - box.y - 8 * MM) / rows - GAP)
    cell_w = (box.width - (columns - 1) * GAP) / columns
    for i, code in enumerate(langs):
        entry = language(code)
        column, row = i % columns, i // columns
        cell = Box(box.x + column * (cell_w + GAP), grid_top - (row + 1) * (cell_h + GAP) + GAP,
                   cell_w, cell_h)
        canvas.saveState()
        canvas.setStrokeColor(hex_color(LINE))
        canvas.setLineWidth(0.8)
        canvas.roundRect(cell.x, cell.y, cell.width, cell.height, 2.5 * MM, stroke=1, fill=0)
        canvas.restoreState()
        inner = cell.inset(2.5 * MM, 1.5 * MM)
        name_box = Box(inner.x, inner.y + inner.height * 0.34, inner.width, inner.height * 0.66)
        text(doc, entry.native_name, code, name_box, 22, 10, bold=True, align="center",
             valign="middle")
        text(doc, f"{entry.name_ja} · {entry.name_en} · {code}", "ja",
             Box(inner.x, inner.y, inner.width, inner.height * 0.3), 7.5, 5.5, color=GREY,
             align="center", valign="middle")
    footer(doc, page, "disastercenter · 言語確認ボード / Language board")
    return 1
