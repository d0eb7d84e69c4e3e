"""Dispatch cards for interpreters, and a day schedule per interpreter.

A dispatch card goes with the interpreter: when and where, whom to meet and in which language,
whom to call, notes, and a QR code with the assignment id (`core.scan_codes.assignment_payload`)
so the assignment can be found again. Labels are bilingual (Japanese / English); the person's
name in their own script is set in their language's font. Two cards per A4 sheet, cut line
between them.

The matching service fills `DispatchAssignment`s; nothing here reads the database.

    draw_dispatch_cards(doc, assignments)     two per A4 sheet
    draw_day_schedules(doc, assignments)      one schedule per interpreter and day, by time
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from disastercenter.core.ids import card_code
from disastercenter.core.languages import LANGUAGES
from disastercenter.core.scan_codes import assignment_payload
from disastercenter.printing.document import MM, Box, PdfDocument
from disastercenter.printing.drawing import (
    ACCENT,
    GREY,
    LIGHT,
    WARN,
    Cell,
    Column,
    Piece,
    color,
    cut_marks,
    draw_header_row,
    draw_row,
    draw_text,
    flow,
    header_row,
    language_label,
    measure_row,
)
from disastercenter.printing.qr import make_qr

JAPAN = ZoneInfo("Asia/Tokyo")
_WEEKDAYS = ("月 Mon", "火 Tue", "水 Wed", "木 Thu", "金 Fri", "土 Sat", "日 Sun")
MARGIN = 10 * MM


@dataclass(frozen=True)
class DispatchAssignment:
    """One confirmed assignment, as printed. Times are aware datetimes (shown in Japan time);
    languages are BCP 47 codes."""

    assignment_id: str
    interpreter_name: str
    #: The languages to interpret between, e.g. ("vi", "ja").
    languages: tuple[str, ...]
    place: str
    start: datetime
    end: datetime
    person_name: str
    person_language: str
    contact_phone: str
    notes: str = ""
    #: The person's name in their own script, if known.
    person_name_native: str = ""
    #: What it is for, as shown (e.g. "通院 Medical visit").
    purpose: str = ""
    #: Groups schedules; the interpreter's name is used when empty.
    interpreter_id: str = ""

    @property
    def code(self) -> str:
        """A short code for the assignment, read aloud on the phone (`ABCD-EFGH-J`)."""
        return card_code(self.assignment_id)


def local(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # stored times are UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(JAPAN)


def day_text(day: date) -> str:
    return f"{day.isoformat()} ({_WEEKDAYS[day.weekday()]})"


def time_range(start: datetime, end: datetime) -> str:
    a, b = local(start), local(end)
    if a.date() == b.date():
        return f"{a:%H:%M}–{b:%H:%M}"
    return f"{a:%H:%M}–{b:%m-%d %H:%M}"


def _language_pieces(codes: Sequence[str]) -> list[Piece]:
    pieces = []
    for code in codes:
        entry = LANGUAGES.get(code)
        pieces.append(Piece(language_label(code), code, bold=True))
        if entry and code != "ja":
            pieces.append(Piece(f"（{entry.name_ja} {entry.name_en}）", "ja", color=GREY,
                                attach=True))
    return pieces


# --- cards ---------------------------------------------------------------------------------------

CARD_WIDTH = 190 * MM
CARD_HEIGHT = 132 * MM
_LABEL = 30 * MM
_QR = 34 * MM


def draw_dispatch_card(doc: PdfDocument, item: DispatchAssignment, x: float, y: float) -> None:
    """One card with its lower-left corner at (x, y)."""
    canvas = doc.canvas
    canvas.saveState()
    canvas.setStrokeColor(color(LIGHT))
    canvas.setLineWidth(0.3)
    canvas.rect(x, y, CARD_WIDTH, CARD_HEIGHT, stroke=1, fill=0)
    band = Box(x, y + CARD_HEIGHT - 11 * MM, CARD_WIDTH, 11 * MM)
    canvas.setFillColor(color(ACCENT))
    canvas.rect(band.x, band.y, band.width, band.height, stroke=0, fill=1)
    canvas.restoreState()
    inner = band.inset(5 * MM, 1.5 * MM)
    draw_text(doc, "通訳派遣カード  Interpreter dispatch card", "ja",
              Box(inner.x, inner.y, inner.width * 0.65, inner.height), 12, 8, bold=True,
              color="#ffffff", align="left", valign="middle")
    draw_text(doc, f"No. {item.code}", "en",
              Box(inner.x + inner.width * 0.65, inner.y, inner.width * 0.35, inner.height), 11,
              8, bold=True, color="#ffffff", align="right", valign="middle")

    pad = 5 * MM
    qr_x = x + CARD_WIDTH - pad - _QR + 1.5 * MM
    qr_top = band.y - 3 * MM
    make_qr(assignment_payload(item.assignment_id), "M").draw(canvas, qr_x, qr_top - _QR, _QR)
    draw_text(doc, "割当ID Assignment", "ja", Box(qr_x, qr_top - _QR - 5 * MM, _QR - 1.5 * MM,
                                                 4 * MM), 6.5, 5, color=GREY, align="center")

    left = x + pad
    value_x = left + _LABEL
    value_width = qr_x - value_x - 4 * MM
    top = band.y - 4 * MM
    start = local(item.start)

    def row(label_ja: str, label_en: str, height: float, draw_value) -> None:  # type: ignore[no-untyped-def]
        nonlocal top
        draw_text(doc, f"{label_ja}\n{label_en}", "ja", Box(left, top - height, _LABEL - 2 * MM,
                                                            height), 8, 6, color=GREY,
                  align="left", line_gap=0.05, ruby=False)
        draw_value(Box(value_x, top - height, value_width, height))
        canvas.saveState()
        canvas.setStrokeColor(color(LIGHT))
        canvas.setLineWidth(0.3)
        canvas.line(left, top - height - 1.2 * MM, qr_x - 4 * MM, top - height - 1.2 * MM)
        canvas.restoreState()
        top -= height + 2.4 * MM

    row("通訳者", "Interpreter", 8 * MM, lambda box: draw_text(
        doc, item.interpreter_name, "ja", box, 14, 8, bold=True, align="left"))
    row("日時", "When", 9 * MM, lambda box: draw_text(
        doc, f"{day_text(start.date())}  {time_range(item.start, item.end)}", "ja", box, 14, 8,
        bold=True, align="left"))
    row("場所", "Place", 10 * MM, lambda box: draw_text(
        doc, item.place or "—", "ja", box, 13, 7, bold=True, align="left"))

    def person(box: Box) -> None:
        pieces = [Piece(item.person_name or "—", "en", bold=True)]
        if item.person_name_native and item.person_name_native != item.person_name:
            pieces.append(Piece(item.person_name_native, item.person_language or "en", bold=True))
        flow(doc, pieces, box, 12.5, gap=1.6 * MM, separator="/", max_lines=2)

    row("対象者", "Person", 10 * MM, person)
    languages = list(dict.fromkeys((item.person_language, *item.languages)))
    row("言語", "Languages", 9 * MM, lambda box: flow(
        doc, _language_pieces([c for c in languages if c]), box, 10.5, gap=1.4 * MM,
        separator="⇄" if len(languages) == 2 else "·", max_lines=2))
    row("連絡先", "Contact", 7 * MM, lambda box: draw_text(
        doc, item.contact_phone or "—", "en", box, 13, 8, bold=True, align="left"))

    notes_box = Box(left, y + 10 * MM, CARD_WIDTH - 2 * pad, max(8 * MM, top - y - 10 * MM))
    note = "\n".join(part for part in (item.purpose, item.notes) if part)
    draw_text(doc, "内容・メモ Purpose, notes", "ja",
              Box(notes_box.x, notes_box.top - 4 * MM, notes_box.width, 4 * MM), 7.5, 6,
              color=GREY, align="left", ruby=False)
    draw_text(doc, note or "—", "ja", Box(notes_box.x, notes_box.y, notes_box.width,
                                          notes_box.height - 5 * MM), 10, 6.5, align="left")
    draw_text(doc, "取扱注意：個人情報です。終了後は返却するか細断してください。  "
              "Personal information: return or shred after the assignment.", "ja",
              Box(left, y + 3 * MM, CARD_WIDTH - 2 * pad, 5 * MM), 7, 5, color=WARN,
              align="left", valign="middle", ruby=False)


def draw_dispatch_cards(doc: PdfDocument, assignments: Sequence[DispatchAssignment]) -> int:
    """Two cards per A4 page, in the order given; returns the number of pages."""
    pages = max(1, -(-len(assignments) // 2))
    for number in range(pages):
        page = doc.new_page()
        x = (page.width - CARD_WIDTH) / 2
        gap = (page.height - 2 * CARD_HEIGHT) / 3
        chunk = assignments[number * 2:number * 2 + 2]
        tops = [page.height - gap, page.height - 2 * gap - CARD_HEIGHT][:max(1, len(chunk))]
        for item, top in zip(chunk, tops):
            draw_dispatch_card(doc, item, x, top - CARD_HEIGHT)
        edges = sorted({edge for top in tops for edge in (top, top - CARD_HEIGHT)})
        cut_marks(doc.canvas, [x, x + CARD_WIDTH], edges, length=4 * MM, gap=1.5 * MM)
    return pages


# --- day schedules -------------------------------------------------------------------------------

def _schedule_columns(width: float) -> list[Column]:
    spec = [("時間", "Time", 29), ("場所", "Place", 38), ("対象者", "Person", 36),
            ("言語", "Language", 30), ("連絡先", "Contact", 30), ("内容・メモ", "Notes", 40),
            ("割当", "Code", 29)]
    total = sum(w for _, _, w in spec)
    return [Column(ja, en, w / total * width) for ja, en, w in spec]


def draw_day_schedules(doc: PdfDocument, assignments: Sequence[DispatchAssignment]) -> int:
    """A page (or more) per interpreter and day, assignments by start time; returns pages."""
    groups: dict[tuple[str, date], list[DispatchAssignment]] = {}
    for item in assignments:
        key = (item.interpreter_id or item.interpreter_name, local(item.start).date())
        groups.setdefault(key, []).append(item)
    count = 0
    for (_who, day), items in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        items.sort(key=lambda a: a.start)
        count += _schedule(doc, items, day)
    if not groups:
        doc.new_page()
        count = 1
    return count


def _schedule(doc: PdfDocument, items: Sequence[DispatchAssignment], day: date) -> int:
    page = doc.new_page()
    width = page.width - 2 * MARGIN
    columns = _schedule_columns(width)
    heading = header_row(doc, columns)
    rows = []
    for n, item in enumerate(items):
        person = item.person_name
        if item.person_name_native and item.person_name_native != item.person_name:
            person += "\n" + item.person_name_native
        languages = " ⇄ ".join(language_label(c) for c in dict.fromkeys(
            (item.person_language, *item.languages)) if c)
        notes = "\n".join(part for part in (item.purpose, item.notes) if part)
        # Names and languages may be right-to-left: they keep the column's left edge.
        cells = [
            Cell(time_range(item.start, item.end), "en", bold=True),
            Cell(item.place, "ja"),
            Cell(person, item.person_language or "en", align="left"),
            Cell(languages, "en", align="left"),
            Cell(item.contact_phone, "en"),
            Cell(notes, "ja"),
            Cell(item.code, "en", color=GREY),
        ]
        row = measure_row(doc, columns, cells, 9, min_height=12 * MM)
        row.shade = n % 2 == 1
        rows.append(row)
    top_of_body = page.height - MARGIN - 24 * MM
    bottom = MARGIN + 10 * MM
    pages: list[list[int]] = [[]]
    used = heading.height
    for i, row in enumerate(rows):
        if pages[-1] and used + row.height > top_of_body - bottom:
            pages.append([])
            used = heading.height
        pages[-1].append(i)
        used += row.height
    name = items[0].interpreter_name
    for number, indices in enumerate(pages, start=1):
        if number > 1:
            doc.new_page()
        top = page.height - MARGIN
        draw_text(doc, f"通訳スケジュール  Interpreter schedule — {name}", "ja",
                  Box(MARGIN, top - 10 * MM, width * 0.75, 10 * MM), 15, 9, bold=True,
                  align="left", valign="middle")
        draw_text(doc, day_text(day), "ja", Box(MARGIN, top - 18 * MM, width * 0.75, 7 * MM), 12,
                  8, color=ACCENT, bold=True, align="left", valign="middle")
        draw_text(doc, f"{len(items)}件 assignments  ·  {number} / {len(pages)}", "ja",
                  Box(MARGIN + width * 0.75, top - 10 * MM, width * 0.25, 10 * MM), 9, 7,
                  color=GREY, align="right", valign="middle")
        y = draw_header_row(doc, MARGIN, top_of_body, columns, heading)
        for i in indices:
            y = draw_row(doc, MARGIN, y, columns, rows[i])
        draw_text(doc, "取扱注意：個人情報を含みます。終了後は返却するか細断してください。  "
                  "Personal information: return or shred after use.", "ja",
                  Box(MARGIN, MARGIN, width, 6 * MM), 7.5, 5.5, color=WARN, align="left",
                  valign="middle", ruby=False)
    return len(pages)
