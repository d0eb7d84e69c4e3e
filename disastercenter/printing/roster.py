"""The shelter roster for staff: everyone at a shelter, grouped by first language, then by need.

Landscape A4. Every page says 取扱注意 / CONFIDENTIAL in its header and footer (the roster
holds names, ages and health needs: 要配慮個人情報), and "page n / N". Names in native script
are set in the font of the person's first language; values (sex, status, needs, languages)
are in Japanese or English (`labels`).

    draw_roster(doc, RosterData(...), book)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from disastercenter.content.phrasebook import Phrasebook
from disastercenter.core.languages import LANGUAGES
from disastercenter.printing.document import MM, Box, PdfDocument
from disastercenter.printing.drawing import (
    ACCENT,
    GREY,
    INK,
    WARN,
    Cell,
    Column,
    Piece,
    Row,
    color,
    confidential_band,
    draw_header_row,
    draw_row,
    draw_text,
    flow,
    header_row,
    language_label,
    measure_row,
)

MARGIN = 10 * MM
_HEADER = 15 * MM
_FOOTER = 10 * MM
_SIZE = 7.5


@dataclass(frozen=True)
class RosterPerson:
    name_latin: str
    name_native: str
    name_kana: str
    sex: str
    age: str
    nationality: str
    languages: tuple[tuple[str, str], ...]  # (code, level), best spoken first
    needs: tuple[tuple[str, str, tuple[str, ...]], ...]  # (tag, detail, allergen items)
    status: str
    card_code: str

    @property
    def first_language(self) -> str:
        return self.languages[0][0] if self.languages else ""


@dataclass(frozen=True)
class RosterData:
    shelter_name: str
    printed_at: str  # local time, as shown
    persons: Sequence[RosterPerson]
    labels: str = "ja"  # language of values: ja or en
    note: str = ""  # e.g. which statuses are included


@dataclass
class _Item:
    """Something placed in the page flow: a part title, a group heading or a table row."""

    kind: str  # part | group | row
    height: float
    draw: Callable[[float], None]  # draws with its top at y
    columns: Sequence[Column] = ()
    continued: Callable[[float], float] | None = None  # group heading again, "continued"


@dataclass
class _Part:
    columns: Sequence[Column]
    heading: Row  # the column headings, repeated on every page
    items: list[_Item] = field(default_factory=list)


def draw_roster(doc: PdfDocument, data: RosterData, book: Phrasebook) -> int:
    """Draw the roster on new pages; returns the number of pages."""
    page = doc.new_page()
    body = Box(MARGIN, MARGIN + _FOOTER, page.width - 2 * MARGIN,
               page.height - 2 * MARGIN - _HEADER - _FOOTER)
    labels = _Labels(book, data.labels)
    parts = [_by_language(doc, data, labels, body.width), _by_need(doc, data, labels, body.width)]
    pages = _paginate(parts, body.height)
    total = len(pages)
    for number, content in enumerate(pages, start=1):
        if number > 1:
            doc.new_page()
        _page_frame(doc, page, data, number, total)
        top = body.top
        for part, items in content:
            for item in items:
                if item.kind == "table_head":
                    top = draw_header_row(doc, body.x, top, part.columns, part.heading)
                    continue
                item.draw(top)
                top -= item.height
    return total


# --- content -------------------------------------------------------------------------------------

class _Labels:
    def __init__(self, book: Phrasebook, lang: str) -> None:
        self.book = book
        self.lang = lang

    def phrase(self, key: str) -> str:
        return self.book.text(key, self.lang)

    def language(self, code: str) -> str:
        entry = LANGUAGES.get(code)
        if entry is None:
            return code
        return entry.name_ja if self.lang == "ja" else entry.name_en

    def join(self, items: Sequence[str]) -> str:
        return ("、" if self.lang == "ja" else ", ").join(items)

    def languages(self, pairs: Sequence[tuple[str, str]]) -> str:
        return self.join([f"{self.language(code)} ({self.phrase(f'vocab.language_level.{level}')})"
                          for code, level in pairs])

    def need(self, tag: str, detail: str, items: Sequence[str]) -> str:
        text = self.phrase(f"vocab.need.{tag}")
        extra = [self.phrase(f"vocab.allergen.{item}") for item in items]
        if detail:
            extra.append(detail)
        if extra:
            text += f": {self.join(extra)}"
        return text

    def sex_age(self, person: RosterPerson) -> str:
        sex = self.phrase(f"vocab.sex.{person.sex}") if person.sex != "unknown" else "—"
        return f"{sex} {person.age}" if person.age else sex


def _columns(kind: str, width: float) -> list[Column]:
    # Widths in mm for 277 mm of landscape A4; scaled to the body width.
    spec = [
        ("No.", "", 8),
        ("氏名（パスポート）", "Name (passport)", 42),
        ("母語表記", "Native script", 34),
        ("カナ", "Katakana", 30),
        ("性別・年齢", "Sex, age", 17),
        ("国籍", "Nat.", 11),
        ("言語", "Languages", 52),
        ("支援ニーズ", "Needs", 45) if kind == "language" else ("この支援の詳細・他のニーズ",
                                                               "This need: details; other needs", 45),
        ("状態", "Status", 16),
        ("カード番号", "Card code", 22),
    ]
    total = sum(w for _, _, w in spec)
    return [Column(ja, en, w / total * width) for ja, en, w in spec]


def _person_cells(person: RosterPerson, number: int, labels: _Labels,
                  needs_text: str) -> list[Cell]:
    native = person.name_native if person.name_native != person.name_latin else ""
    return [
        Cell(str(number), "en", color=GREY),
        Cell(person.name_latin, "en", bold=True),
        Cell(native, person.first_language or "en", align="left"),
        Cell(person.name_kana, "ja"),
        Cell(labels.sex_age(person), labels.lang),
        Cell(person.nationality, "en"),
        Cell(labels.languages(person.languages), labels.lang),
        Cell(needs_text, labels.lang),
        Cell(labels.phrase(f"vocab.status.{person.status}") if person.status else "", labels.lang),
        Cell(person.card_code, "en"),
    ]


def _row_item(doc: PdfDocument, columns: Sequence[Column], cells: Sequence[Cell], x: float,
              shade: bool) -> _Item:
    row: Row = measure_row(doc, columns, cells, _SIZE)
    row.shade = shade
    return _Item("row", row.height, lambda top: draw_row(doc, x, top, columns, row))


def _group_item(doc: PdfDocument, pieces: Sequence[Piece], count: str, x: float,
                width: float) -> _Item:
    height = 8 * MM

    def draw(top: float, suffix: str = "") -> float:
        canvas = doc.canvas
        canvas.saveState()
        canvas.setFillColor(color(ACCENT))
        canvas.rect(x, top - height + 1.2 * MM, 1.6 * MM, height - 2.4 * MM, stroke=0, fill=1)
        canvas.restoreState()
        shown = list(pieces) + [Piece(count + suffix, "ja", color=GREY)]
        flow(doc, shown, Box(x + 3.5 * MM, top - height, width - 3.5 * MM, height - 1.6 * MM),
             10.5, gap=1.6 * MM, separator="—", max_lines=1)
        return top - height

    item = _Item("group", height, lambda top: draw(top))
    item.continued = lambda top: draw(top, "  （続き continued）")
    return item


def _part_item(doc: PdfDocument, title: str, x: float, width: float) -> _Item:
    height = 11 * MM

    def draw(top: float) -> None:
        draw_text(doc, title, "ja", Box(x, top - height + 2.6 * MM, width, height - 3 * MM), 12.5, 8,
                  bold=True, color=ACCENT, align="left", valign="bottom")
        canvas = doc.canvas
        canvas.saveState()
        canvas.setStrokeColor(color(ACCENT))
        canvas.setLineWidth(0.8)
        canvas.line(x, top - height + 1.2 * MM, x + width, top - height + 1.2 * MM)
        canvas.restoreState()

    return _Item("part", height, draw)


def _by_language(doc: PdfDocument, data: RosterData, labels: _Labels, width: float) -> _Part:
    columns = _columns("language", width)
    x = MARGIN
    groups: dict[str, list[RosterPerson]] = {}
    for person in data.persons:
        groups.setdefault(person.first_language, []).append(person)
    order = sorted(groups, key=lambda code: (-len(groups[code]), code == "", code))
    part = _Part(columns, header_row(doc, columns),
                 [_part_item(doc, "言語別  By first language", x, width), _table_head()])
    for code in order:
        people = groups[code]
        if code:
            pieces = [Piece(language_label(code), code, bold=True),
                      Piece(f"{labels.language(code)}" if labels.lang == "en"
                            else f"{LANGUAGES[code].name_ja} {LANGUAGES[code].name_en}"
                            if code in LANGUAGES else code, "ja")]
        else:
            pieces = [Piece("言語の記録なし  No language recorded", "ja", bold=True)]
        part.items.append(_group_item(doc, pieces, _count(len(people)), x, width))
        for n, person in enumerate(people, start=1):
            needs = "\n".join(labels.need(tag, detail, items) for tag, detail, items in person.needs)
            part.items.append(_row_item(doc, columns, _person_cells(person, n, labels, needs), x,
                                        shade=n % 2 == 0))
    return part


def _by_need(doc: PdfDocument, data: RosterData, labels: _Labels, width: float) -> _Part:
    from disastercenter.core.vocab import NEED_TAGS

    columns = _columns("need", width)
    x = MARGIN
    part = _Part(columns, header_row(doc, columns),
                 [_part_item(doc, "支援ニーズ別  By need", x, width), _table_head()])
    any_need = False
    for tag in NEED_TAGS:
        people = [p for p in data.persons if any(n[0] == tag for n in p.needs)]
        if not people:
            continue
        any_need = True
        pieces = [Piece(labels.phrase(f"vocab.need.{tag}"), labels.lang, bold=True)]
        if labels.lang == "ja":  # staff from abroad read the English name of the need
            pieces.append(Piece(labels.book.text(f"vocab.need.{tag}", "en"), "en"))
        part.items.append(_group_item(doc, pieces, _count(len(people)), x, width))
        for n, person in enumerate(people, start=1):
            this = [need for need in person.needs if need[0] == tag][0]
            details = labels.join([labels.phrase(f"vocab.allergen.{i}") for i in this[2]]
                                  + ([this[1]] if this[1] else []))
            others = [labels.phrase(f"vocab.need.{t}") for t, _d, _i in person.needs if t != tag]
            text = details or "—"
            if others:
                text += "\n+ " + labels.join(others)
            part.items.append(_row_item(doc, columns, _person_cells(person, n, labels, text), x,
                                        shade=n % 2 == 0))
    if not any_need:
        part.items.append(_Item("row", 8 * MM, lambda top: draw_text(
            doc, "支援ニーズの記録はありません。  No needs recorded.", "ja",
            Box(x, top - 8 * MM, width, 8 * MM), 9, 7, color=GREY, valign="middle")))
    return part


def _table_head() -> _Item:
    return _Item("table_head", 0.0, lambda top: None)


def _count(n: int) -> str:
    return f"{n}人 {'person' if n == 1 else 'persons'}"


# --- pages ---------------------------------------------------------------------------------------

def _paginate(parts: Sequence[_Part], height: float) -> list[list[tuple[_Part, list[_Item]]]]:
    """Items per page, by part. A part starts on a new page; the column headings open every
    page, a heading is never the last line of a page, and a group that continues on the next
    page gets its heading again, marked "continued"."""
    pages: list[list[tuple[_Part, list[_Item]]]] = []
    for part in parts:
        head = part.heading.height
        current: list[_Item] = []
        used = 0.0
        group: _Item | None = None
        items = part.items
        for i, item in enumerate(items):
            size = head if item.kind == "table_head" else item.height
            need = size
            if item.kind in ("group", "part"):
                # Keep a heading with what follows it, down to the first row.
                for after in items[i + 1:]:
                    need += head if after.kind == "table_head" else after.height
                    if after.kind == "row":
                        break
            if current and used + need > height:
                pages.append([(part, current)])
                current, used = [_table_head()], head
                if item.kind == "row" and group is not None and group.continued is not None:
                    again = group.continued
                    current.append(_Item("group", group.height, lambda top, c=again: c(top)))
                    used += group.height
            if item.kind == "group":
                group = item
            current.append(item)
            used += size
        if current:
            pages.append([(part, current)])
    return pages


def _page_frame(doc: PdfDocument, page: Box, data: RosterData, number: int, total: int) -> None:
    canvas = doc.canvas
    width = page.width - 2 * MARGIN
    top = page.height - MARGIN
    band = Box(MARGIN, top - 8 * MM, 46 * MM, 8 * MM)
    confidential_band(doc, band, 9)
    draw_text(doc, f"{data.shelter_name}  避難者名簿  Shelter roster", "ja",
              Box(band.right + 5 * MM, band.y, width * 0.5, band.height), 13, 8, bold=True,
              align="left", valign="middle")
    summary = f"{len(data.persons)}人 persons · 印刷 Printed {data.printed_at}"
    if data.note:
        summary = f"{data.note}\n{summary}"
    draw_text(doc, summary, "ja", Box(MARGIN + width * 0.62, band.y - 1 * MM, width * 0.38,
                                      band.height + 1 * MM), 7.5, 5.5, color=GREY, align="right",
              valign="middle")
    canvas.saveState()
    canvas.setStrokeColor(color(WARN))
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, band.y - 2.5 * MM, MARGIN + width, band.y - 2.5 * MM)
    canvas.line(MARGIN, MARGIN + 6.5 * MM, MARGIN + width, MARGIN + 6.5 * MM)
    canvas.restoreState()
    draw_text(doc, "取扱注意 CONFIDENTIAL — 個人情報を含みます。掲示・配布・持ち出しをしないでください。"
              "不要になったら細断して処分してください。  Personal information: do not post, hand out or take "
              "away; shred when no longer needed.", "ja",
              Box(MARGIN, MARGIN, width * 0.85, 6 * MM), 7, 5, color=WARN, align="left",
              valign="middle")
    draw_text(doc, f"{number} / {total}", "en", Box(MARGIN + width * 0.85, MARGIN, width * 0.15,
                                                    6 * MM), 9, 7, bold=True, color=INK,
              align="right", valign="middle")
