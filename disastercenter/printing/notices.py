"""Notices from phrase templates: "Meals will be served at {time} at {place}." in up to five
languages on one sheet (or one language per page), with a headline, the date and time of
issue, the issuing shelter and an optional QR code that carries the full text.

Templates are translated first, then filled (`fill`): every language gets the same values.
Text too long for its share of the page is shrunk down to a minimum size and then continued
on a new page, with a warning in `doc.warnings`.

The first language of a sheet is its primary one: when it is written right to left the page
is mirrored (see `mirror`: the pictogram on the right of the head band, issue details and QR
codes on the left). With one language per page each page follows its own language. The
languages keep the order they were given; each text is aligned to its own direction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from disastercenter.content.phrasebook import PLACEHOLDER, Phrasebook, load_phrasebook
from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES, language
from disastercenter.printing.document import MM, Box, PdfDocument
from disastercenter.printing.layout import TextStyle
from disastercenter.printing.mirror import is_rtl
from disastercenter.printing.pages import (
    GREY,
    LINE,
    content_box,
    footer,
    hex_color,
    is_unreviewed,
    phrase_text,
    text,
)
from disastercenter.printing.pictograms import TONES, draw_pictogram
from disastercenter.printing.qr import make_qr
from disastercenter.printing.signs import MAX_LANGUAGES, check_languages

#: Bytes per QR code when a text is split: version 25 at level M, still easy for phones.
QR_CHUNK_BYTES = 1000
MAX_QR_CODES = 4


def fill(template: str, values: Mapping[str, str]) -> str:
    """Put `values` into the `{name}` placeholders; a missing value is an error."""
    missing = sorted({m.group(1) for m in PLACEHOLDER.finditer(template)} - set(values))
    if missing:
        raise UserError("print.missing_values", names=", ".join(missing))
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def qr_payloads(items: Sequence[tuple[str, str]], chunk: int = QR_CHUNK_BYTES) -> list[str]:
    """The texts as "lang: text" lines packed into as few QR payloads as needed (each at most
    `chunk` UTF-8 bytes). Refuses, with a message, text that would need more than
    MAX_QR_CODES codes."""
    from disastercenter.printing.layout import RUBY_MARKUP

    lines = [code + ": " + RUBY_MARKUP.sub(r"\1", value) for code, value in items]
    payloads: list[str] = []
    current = ""
    for line in lines:
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode("utf-8")) <= chunk:
            current = candidate
            continue
        if current:
            payloads.append(current)
        while len(line.encode("utf-8")) > chunk:  # one language longer than a code: cut it
            cut = len(line)
            while len(line[:cut].encode("utf-8")) > chunk:
                cut -= 1
            payloads.append(line[:cut])
            line = line[cut:]
        current = line
    if current:
        payloads.append(current)
    if len(payloads) > MAX_QR_CODES:
        total = sum(len(p.encode("utf-8")) for p in payloads)
        raise UserError("print.qr_too_large", size=total, limit=chunk * MAX_QR_CODES)
    return payloads


def notice_texts(book: Phrasebook, key: str, langs: Sequence[str],
                 values: Mapping[str, str]) -> list[tuple[str, str]]:
    if key not in book.phrases:
        raise UserError("print.unknown_template", key=key)
    phrase = book.phrases[key]
    return [(code, fill(phrase_text(book, key, code),
                        typed_values(phrase.placeholders, code if phrase.texts.get(code) else "en",
                                     values)))
            for code in langs]


def typed_values(types: Mapping[str, str], lang: str, values: Mapping[str, str]) -> dict[str, str]:
    """`values` written the way readers of `lang` expect, by the template's declared types: a
    date `2026-11-21` as `11月21日(土)` or `Sat 21 Nov`, a time `14:00` as `14:00` or
    `14.00`, a count `1200` as `1,200` or `1 200` (see `content.templates`). A value that is
    not of its type (free text such as "after lunch") is printed as given."""
    import datetime as dt

    from disastercenter.content.templates import format_value

    out = dict(values)
    ruby = lang in ("ja", "ja-x-easy")
    for name, value in values.items():
        kind = types.get(name)
        parsed: object = None
        text = value.strip()
        if kind == "date":
            try:
                parsed = dt.date.fromisoformat(text) if len(text) == 10 else None
            except ValueError:
                parsed = None
        elif kind == "time" and len(text) in (4, 5) and text.count(":") == 1:
            hours, _, minutes = text.partition(":")
            if hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60:
                parsed = dt.time(int(hours), int(minutes))
        elif kind == "count" and text.isascii() and text.isdigit():
            parsed = int(text)
        if parsed is not None:
            out[name] = format_value(lang, kind, name, parsed, ruby=ruby)
    return out


def draw_notice(doc: PdfDocument, key: str, langs: Sequence[str], values: Mapping[str, str],
                issued: str = "", shelter: str = "", qr: bool = False,
                one_per_page: bool = False, book: Phrasebook | None = None) -> int:
    """Draw the notice; returns the number of pages."""
    # One language per page takes any number of languages; a shared sheet at most five.
    langs = check_languages(langs, limit=len(LANGUAGES) if one_per_page else MAX_LANGUAGES)
    book = book or load_phrasebook()
    texts = notice_texts(book, key, langs, values)
    codes = []
    if qr:
        codes = [make_qr(p) for p in qr_payloads(texts)]
        if len(codes) > 1:
            doc.warn(f"notice {key}: the QR text is split over {len(codes)} codes")
    pages_before = doc.pages
    groups = [[t] for t in texts] if one_per_page else [texts]
    pictogram = book.phrases[key].pictogram
    unreviewed = any(is_unreviewed(book, key, c) for c in langs)
    for group in groups:
        rtl = is_rtl(group[0][0])
        page = doc.new_page(rtl=rtl)
        box = content_box(page, 12 * MM)
        top = _head(doc, box, pictogram, issued, shelter)
        bottom = box.y + 6 * MM
        if codes:
            side = 38 * MM if len(codes) == 1 else 30 * MM
            for i, code in enumerate(codes):
                code.draw(doc.canvas, box.right - (i + 1) * (side + 3 * MM) + 3 * MM, bottom, side)
            if len(codes) > 1:
                text(doc, f"QR 1–{len(codes)}", "en", Box(box.x, bottom, 40 * MM, side), 9, 7,
                     color=GREY, valign="bottom", align="left")
            bottom += side + 4 * MM
        _flow(doc, group, Box(box.x, bottom, box.width, top - bottom), page, box, key, rtl)
        footer(doc, page, f"disastercenter · {key}", " ".join(c for c, _ in group), unreviewed)
    return doc.pages - pages_before


def _head(doc: PdfDocument, box: Box, pictogram: str | None, issued: str, shelter: str) -> float:
    """Pictogram, issue date and shelter across the top; returns the y below them."""
    band_h = 34 * MM
    band = Box(box.x, box.top - band_h, box.width, band_h)
    canvas = doc.canvas
    canvas.saveState()
    canvas.setFillColor(hex_color(TONES["info"][1]))
    canvas.roundRect(band.x, band.y, band.width, band.height, 3 * MM, stroke=0, fill=1)
    canvas.restoreState()
    if pictogram:
        draw_pictogram(canvas, pictogram, band.x + 3 * MM, band.y + 3 * MM, band_h - 6 * MM,
                       style="sign")
    info = Box(band.x + band_h + 2 * MM, band.y + 3 * MM, band.width - band_h - 5 * MM,
               band_h - 6 * MM)
    lines = []
    if issued:
        lines.append(f"{{発表|はっぴょう}} Issued: {issued}")
    if shelter:
        lines.append(f"{{避難所|ひなんじょ}} Shelter: {shelter}")
    if lines:
        text(doc, "\n".join(lines), "ja", info, 14, 8, bold=True, align="right",
             valign="middle")
    return band.y - 4 * MM


def _flow(doc: PdfDocument, texts: Sequence[tuple[str, str]], area: Box, page: Box, box: Box,
          key: str, rtl: bool) -> None:
    """Each language's text in its share of `area`, as large as fits (headline size for
    one language); what does not fit at the minimum size continues on new pages."""
    count = len(texts)
    label_h = 6 * MM
    share = area.height / count
    top = area.top
    canvas = doc.canvas
    flowing = False  # once a text ran over, every language that follows starts a new page
    for i, (code, value) in enumerate(texts):
        if flowing:
            page = doc.new_page(rtl=rtl)
            inner = content_box(page, 12 * MM)
            top, share = inner.top, inner.height - 8 * MM
        slot = Box(area.x, top - share + 2 * MM, area.width, share - 2 * MM - label_h)
        entry = language(code)
        text(doc, f"{entry.native_name} · {entry.name_ja}", "ja" if code.startswith("ja") else code,
             Box(area.x, top - label_h, area.width, label_h), 9, 6, color=GREY)
        style = TextStyle(code, size=44 if count == 1 else 30, bold=True, balance=count == 1,
                          line_gap=0.15)
        block = doc.fit(value, style, slot, min_size=14)
        while block is not None:
            head, rest = block.split(slot.height)
            head.draw(canvas, slot.x, slot.top)
            block = rest
            if block is not None:
                doc.warn(f"notice {key} ({code}): continued on a new page")
                flowing = True
                page = doc.new_page(rtl=rtl)
                inner = content_box(page, 12 * MM)
                slot = Box(inner.x, inner.y + 10 * MM, inner.width, inner.height - 10 * MM)
        if i < count - 1 and not flowing:
            canvas.saveState()
            canvas.setStrokeColor(hex_color(LINE))
            canvas.setLineWidth(0.8)
            canvas.line(area.x, top - share, area.right, top - share)
            canvas.restoreState()
        top -= share
