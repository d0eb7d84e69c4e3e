"""The paper registration form, from the form definition (`forms/registration.toml`).

Every label is bilingual (the evacuee's language in bold, then Japanese with furigana, or any
second language), choices are tick boxes, free text gets a box to write in, and every page
carries a QR code naming the form, its version, the language and the page
(`dc-form:registration:v1:vi:p2`), so staff entering a filled form pick the right one.
Member and consent sections are printed once per household member (`members`).
"""

from __future__ import annotations

from collections.abc import Sequence

from disastercenter.content.forms import FormDefinition, FormField, load_form
from disastercenter.content.phrasebook import Phrasebook, load_phrasebook
from disastercenter.core.languages import language
from disastercenter.core.vocab import LANGUAGE_LEVELS, NEED_TAGS
from disastercenter.printing.document import MM, Box, PdfDocument
from disastercenter.printing.layout import TextStyle
from disastercenter.printing.pages import (
    GREY,
    INK,
    LINE,
    content_box,
    footer,
    hex_color,
    phrase_text,
    text,
)
from disastercenter.printing.pictograms import TONES
from disastercenter.printing.qr import make_qr

LABEL_H = 9 * MM
WRITE_H = 9 * MM
MULTILINE_H = 18 * MM
TICK = 3.6 * MM
GAP = 2.5 * MM


def form_qr_payload(form: FormDefinition, lang: str, page: int) -> str:
    return f"dc-form:{form.id}:v{form.version}:{lang}:p{page}"


class _Writer:
    """Places blocks top to bottom, starting new pages as needed (pages numbered at the end)."""

    def __init__(self, doc: PdfDocument, form: FormDefinition, lang: str, lang2: str,
                 book: Phrasebook) -> None:
        self.doc, self.form, self.lang, self.lang2, self.book = doc, form, lang, lang2, book
        self.pages: list[int] = []
        self.box = Box(0, 0, 0, 0)
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        page = self.doc.new_page()
        self.pages.append(self.doc.pages)
        self.box = content_box(page, 12 * MM)
        self.page_box = page
        side = 22 * MM
        make_qr(form_qr_payload(self.form, self.lang, len(self.pages))).draw(
            self.doc.canvas, self.box.right - side, self.box.top - side, side)
        self.y = self.box.top
        if len(self.pages) == 1:
            self.title()
        else:
            self.y -= 24 * MM

    def need(self, height: float) -> None:
        if self.y - height < self.box.y + 8 * MM:
            self.finish_page()
            self.new_page()

    def finish_page(self) -> None:
        footer(self.doc, self.page_box, f"disastercenter · {self.form.id} v{self.form.version} · "
               f"{language(self.lang).name_ja}", f"{len(self.pages)}")

    def flow(self, value: str, lang: str, x: float, width: float, size: float, bold: bool = False,
             color: str = INK) -> float:
        """Set `value` at the current y, as tall as it needs (Nastaliq lines are twice as tall
        as Latin ones); returns the y below it."""
        block = self.doc.layout(value, TextStyle(lang, size=size, bold=bold, color=color,
                                                 line_gap=0.1), width)
        return block.draw(self.doc.canvas, x, self.y)

    def labels(self, key: str, width: float, size: float = 11) -> float:
        """Bilingual label at the current position; returns its height."""
        start = self.y
        self.y = self.flow(phrase_text(self.book, key, self.lang), self.lang, self.box.x, width,
                           size, bold=True)
        self.y = self.flow(phrase_text(self.book, key, self.lang2), self.lang2, self.box.x,
                           width, size * 0.8, color="#333333")
        return start - self.y

    def title(self) -> None:
        width = self.box.width - 26 * MM
        text(self.doc, phrase_text(self.book, self.form.title, self.lang), self.lang,
             Box(self.box.x, self.y - 11 * MM, width, 11 * MM), 20, 10, bold=True)
        text(self.doc, phrase_text(self.book, self.form.title, self.lang2), self.lang2,
             Box(self.box.x, self.y - 19 * MM, width, 8 * MM), 13, 8)
        self.y -= 24 * MM

    def section(self, key: str, suffix: str = "") -> None:
        self.need(16 * MM)
        canvas = self.doc.canvas
        band = Box(self.box.x, self.y - 8 * MM, self.box.width - (26 * MM if self.y >
                   self.box.top - 24 * MM else 0), 8 * MM)
        canvas.saveState()
        canvas.setFillColor(hex_color(TONES["info"][1]))
        canvas.roundRect(band.x, band.y, band.width, band.height, 1.5 * MM, stroke=0, fill=1)
        canvas.restoreState()
        half = band.inset(2 * MM, 1.2 * MM)
        half = Box(half.x, half.y, half.width / 2 - 2 * MM, half.height)
        text(self.doc, phrase_text(self.book, key, self.lang) + suffix, self.lang, half, 11, 6,
             bold=True, color=TONES["info"][0], valign="middle")
        text(self.doc, phrase_text(self.book, key, self.lang2) + suffix, self.lang2,
             Box(half.right + 4 * MM, half.y, half.width, half.height), 10, 6, bold=True,
             color=TONES["info"][0], valign="middle")
        self.y = band.y - GAP

    def write_box(self, height: float, hint: str = "") -> None:
        canvas = self.doc.canvas
        canvas.saveState()
        canvas.setStrokeColor(hex_color("#8a8a8a"))
        canvas.setLineWidth(0.7)
        canvas.rect(self.box.x, self.y - height, self.box.width, height, stroke=1, fill=0)
        canvas.restoreState()
        if hint:
            text(self.doc, hint, "en", Box(self.box.x + 1.5 * MM, self.y - height + 0.8 * MM,
                 self.box.width - 3 * MM, 3.5 * MM), 6.5, 5, color="#9a9a9a", align="right")
        self.y -= height + GAP

    def ticks(self, keys: Sequence[str], columns: int = 2) -> None:
        """Tick boxes with bilingual labels, in columns; a row is as tall as its tallest label."""
        canvas = self.doc.canvas
        width = self.box.width / columns
        for start in range(0, len(keys), columns):
            self.need(10 * MM)
            row_top = self.y
            bottom = row_top
            for column, key in enumerate(keys[start:start + columns]):
                x = self.box.x + column * width
                canvas.saveState()
                canvas.setStrokeColor(hex_color(INK))
                canvas.setLineWidth(0.8)
                canvas.rect(x, row_top - 1.2 * MM - TICK, TICK, TICK, stroke=1, fill=0)
                canvas.restoreState()
                label_x = x + TICK + 2 * MM
                label_w = width - TICK - 4 * MM
                self.y = row_top
                self.y = self.flow(phrase_text(self.book, key, self.lang), self.lang, label_x,
                                   label_w, 9.5)
                self.y = self.flow(phrase_text(self.book, key, self.lang2), self.lang2,
                                   label_x, label_w, 7.5, color=GREY)
                bottom = min(bottom, self.y)
            self.y = bottom - 1.2 * MM
        self.y -= GAP

    def field(self, f: FormField) -> None:
        self.need(LABEL_H + (MULTILINE_H if f.type == "multiline" else WRITE_H) + 6 * MM)
        self.labels(f.label, self.box.width)
        if f.help:
            self.y = self.flow(phrase_text(self.book, f.help, self.lang), self.lang, self.box.x,
                               self.box.width, 8, color=GREY)
        self.y -= 1 * MM
        if f.type in ("choice", "multichoice", "bool") and (f.choices or f.type == "bool"):
            keys = ([f.choice_label_key(c) for c in f.choices] if f.choices
                    else ["answer.yes", "answer.no"])
            self.ticks(keys, columns=3 if len(keys) > 3 else len(keys) or 1)
        elif f.type == "needs":
            self.ticks([f"vocab.need.{tag}" for tag in NEED_TAGS
                        if f"vocab.need.{tag}" in self.book.phrases], columns=2)
            self.write_box(WRITE_H, "details")
        elif f.type == "language_levels":
            self._language_table()
        elif f.type == "multiline":
            self.write_box(MULTILINE_H)
        elif f.type == "date":
            self.write_box(WRITE_H, "YYYY / MM / DD")
        elif f.type == "phone":
            self.write_box(WRITE_H, "0X0-XXXX-XXXX")
        elif f.type == "country":
            self.write_box(WRITE_H, "VN, NP, BR …")
        else:
            self.write_box(WRITE_H)

    def _language_table(self) -> None:
        canvas = self.doc.canvas
        levels = [f"vocab.language_level.{lv}" for lv in LANGUAGE_LEVELS]
        name_w = self.box.width * 0.34
        col_w = (self.box.width - name_w) / len(levels)
        head_h, row_h = 9 * MM, 8 * MM
        self.need(head_h + 3 * row_h)
        top = self.y
        for i, key in enumerate(levels):
            x = self.box.x + name_w + i * col_w
            first = text(self.doc, phrase_text(self.book, key, self.lang), self.lang,
                         Box(x, top - 5 * MM, col_w, 5 * MM), 8.5, 5.5, align="center")
            text(self.doc, phrase_text(self.book, key, self.lang2), self.lang2,
                 Box(x, first - 4 * MM, col_w, 4 * MM), 7, 5, color=GREY, align="center")
        canvas.saveState()
        canvas.setStrokeColor(hex_color(LINE))
        canvas.setLineWidth(0.6)
        for r in range(3):
            y = top - head_h - (r + 1) * row_h
            canvas.line(self.box.x, y, self.box.right, y)
            canvas.setStrokeColor(hex_color(INK))
            for i in range(len(levels)):
                cx = self.box.x + name_w + i * col_w + col_w / 2
                canvas.rect(cx - TICK / 2, y + (row_h - TICK) / 2, TICK, TICK, stroke=1, fill=0)
            canvas.setStrokeColor(hex_color(LINE))
        canvas.restoreState()
        self.y = top - head_h - 3 * row_h - GAP


def draw_paper_form(doc: PdfDocument, lang: str, lang2: str = "ja", members: int = 1,
                    form_id: str = "registration", book: Phrasebook | None = None) -> int:
    """Draw the form; returns the number of pages."""
    book = book or load_phrasebook()
    form = load_form(form_id)
    if lang2 == lang:
        lang2 = "en" if lang != "en" else "ja"
    before = doc.pages
    writer = _Writer(doc, form, lang, lang2, book)
    for section in form.sections:
        repeats = members if section.scope == "member" else 1
        for n in range(repeats):
            suffix = f" ({n + 1})" if repeats > 1 else ""
            writer.section(section.label, suffix)
            for f in section.fields:
                if f.type == "shelter":
                    f = FormField(f.id, "text", f.label, f.help, f.required)
                writer.field(f)
    writer.finish_page()
    return doc.pages - before
