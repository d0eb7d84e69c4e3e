"""The paper registration form, printed from its definition (`forms/<id>.toml`).

Nothing here knows the registration form's fields: sections and fields are drawn by type, so
a field added to the definition appears on paper too. Labels are bilingual: the target
language first, then Japanese with furigana (staff read it). Each page carries a QR code
naming the form, its version and the language (`core.scan_codes.form_payload`), so a filled
sheet can be matched to the definition it was printed from (and the page to its place).

How each field type is drawn, with room to write by hand:

    text            a box; one box per letter (two rows) when the field is restricted to
                    Latin letters or katakana (names)
    multiline       a tall box with faint lines
    date            year / month / day letter boxes
    choice          a circle per choice (pick one)        multichoice   a square per choice
    bool            squares for yes and no
    phone, country  a box                                  shelter       a box (or prefilled)
    language_levels three rows: a box for the language, a circle per level
    needs           a square per need, the allergens, a box for details

    draw_paper_form(doc, "vi", members=2)                 Vietnamese, Japanese under it
    draw_paper_form(doc, "ne", "en", form=..., book=...)  Nepali with English
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from disastercenter.content.forms import (
    FormDefinition,
    FormField,
    FormSection,
    load_form,
)
from disastercenter.content.phrasebook import Phrasebook, load_phrasebook
from disastercenter.core.languages import LANGUAGES
from disastercenter.core.scan_codes import form_payload
from disastercenter.core.vocab import ALLERGENS, LANGUAGE_LEVELS, NEED_TAGS
from disastercenter.printing import mirror
from disastercenter.printing.document import MM, Box, PdfDocument
from disastercenter.printing.drawing import (
    ACCENT,
    GREY,
    INK,
    LIGHT,
    color,
    draw_text,
    letter_boxes,
    tick_box,
    writing_box,
)
from disastercenter.printing.layout import TextBlock, TextStyle
from disastercenter.printing.mirror import is_rtl
from disastercenter.printing.qr import make_qr

MARGIN = 12 * MM
LABEL_WIDTH = 58 * MM
GUTTER = 4 * MM
FIELD_GAP = 2.2 * MM
_FIRST_HEADER = 38 * MM
_NEXT_HEADER = 20 * MM
_FOOTER = 9 * MM
_TICK = 3.6 * MM
_LETTER = (5.0 * MM, 6.6 * MM)  # width, height of a letter box
_SENTENCE_END = re.compile(r"[\s.。!！।။؟?]+$")

#: Extra phrases of the paper form (not form fields): instructions, date parts, staff box.
PAPER_KEYS = ("form.paper.instructions", "form.paper.year", "form.paper.month", "form.paper.day",
              "form.paper.staff_only", "form.paper.more_members", "answer.yes", "answer.no")


@dataclass
class _Block:
    """Something in the page flow, measured: its height and how to draw it at a top y."""

    height: float
    draw: Callable[[float], None]
    keep_with_next: bool = False


class PaperForm:
    """One printing of a form in a language pair."""

    def __init__(self, doc: PdfDocument, form: FormDefinition, book: Phrasebook, lang: str,
                 lang2: str | None = "ja", members: int = 1, shelter_name: str = "") -> None:
        self.doc = doc
        self.form = form
        self.book = book
        self.lang = lang
        #: Printed under the target language (Japanese, for staff), unless it is the same.
        self.second: str | None = lang2 if lang2 and lang2 != lang else None
        self.members = max(1, members)
        self.shelter_name = shelter_name
        #: Right-to-left languages get a mirrored form (labels on the right, boxes to the right
        #: of their choices): the pages are mirrored as a whole (see `mirror`), positions
        #: below are written left to right.
        self.rtl = is_rtl(lang)
        page = doc.new_page(rtl=self.rtl)
        self.page = page
        self.width = page.width - 2 * MARGIN
        self.input_x = MARGIN + LABEL_WIDTH + GUTTER
        self.input_width = self.width - LABEL_WIDTH - GUTTER

    # -- texts ---------------------------------------------------------------------------------

    def text(self, key: str, lang: str) -> str:
        text = self.book.text(key, lang, ruby=lang.startswith("ja"))
        return plain(text) if key.startswith("answer.") else text

    def label(self, key: str, width: float, size: float = 9.5, bold: bool = True,
              align: str = "start") -> list[TextBlock]:
        """The target-language text of `key` and, smaller, the Japanese one."""
        align = self.align(align)
        blocks = [self.doc.layout(self.text(key, self.lang),
                                  TextStyle(self.lang, size=size, bold=bold, align=align,
                                            line_gap=0.1), width)]
        if self.second:
            blocks.append(self.doc.layout(self.text(key, self.second),
                                          TextStyle(self.second, size=size * 0.78, align=align,
                                                    color="#333333", line_gap=0.05), width))
        return blocks

    def choice_label(self, key: str, width: float, size: float = 8.5) -> list[TextBlock]:
        return self.label(key, width, size, bold=False, align="left")

    def align(self, align: str) -> str:
        """Text alignment in the form's direction: everything hangs from the side the page
        starts from ("left", the right in a mirrored form), Japanese too, so each column has
        one clean edge."""
        return "left" if self.rtl and align == "start" else align

    @staticmethod
    def stack_height(blocks: Sequence[TextBlock], gap: float = 0.6 * MM) -> float:
        return sum(b.height for b in blocks) + gap * max(0, len(blocks) - 1)

    def draw_stack(self, blocks: Sequence[TextBlock], x: float, top: float,
                   gap: float = 0.6 * MM) -> float:
        """Draw blocks one under the other, at `x`."""
        for block in blocks:
            top = block.draw(self.doc.canvas, x, top) - gap
        return top + gap

    # -- the whole form --------------------------------------------------------------------------

    def draw(self) -> int:
        blocks: list[_Block] = []
        # Consecutive member sections (the person, their consent) repeat together per member.
        runs: list[tuple[str, list[FormSection]]] = []
        for section in self.form.sections:
            if runs and runs[-1][0] == section.scope == "member":
                runs[-1][1].append(section)
            else:
                runs.append((section.scope, [section]))
        for scope, sections in runs:
            for number in range(1, self.members + 1) if scope == "member" else [0]:
                for section in sections:
                    blocks.append(self.section_block(section, number))
                    for form_field in section.fields:
                        blocks.append(self.field_block(form_field))
        if self.members == 1 and any(s.scope == "member" for s in self.form.sections):
            blocks.append(self.note_block("form.paper.more_members"))
        pages = self.paginate(blocks)
        total = len(pages)
        for number, content in enumerate(pages, start=1):
            if number > 1:
                self.doc.new_page(rtl=self.rtl)
            top = self.header(number, total)
            for block in content:
                block.draw(top)
                top -= block.height
        return total

    def paginate(self, blocks: Sequence[_Block]) -> list[list[_Block]]:
        pages: list[list[_Block]] = [[]]
        room = self.page.height - 2 * MARGIN - _FIRST_HEADER - _FOOTER
        used = 0.0
        for i, block in enumerate(blocks):
            need = block.height
            if block.keep_with_next and i + 1 < len(blocks):
                need += blocks[i + 1].height
            if pages[-1] and used + need > room:
                pages.append([])
                room = self.page.height - 2 * MARGIN - _NEXT_HEADER - _FOOTER
                used = 0.0
            pages[-1].append(block)
            used += block.height
        return pages

    # -- page furniture ----------------------------------------------------------------------------

    def header(self, number: int, total: int) -> float:
        """Draw the header and footer of a page; returns the top y of the page's content."""
        canvas, page = self.doc.canvas, self.page
        top = page.height - MARGIN
        first = number == 1
        qr_side = (24 if first else 17) * MM
        code = make_qr(form_payload(self.form.id, self.form.version, self.lang, number), "M")
        code.draw(canvas, page.width - MARGIN - qr_side + 2 * MM, top - qr_side + 2 * MM, qr_side)
        right = page.width - MARGIN - qr_side - 2 * MM
        if first:
            staff = Box(right - 52 * MM, top - 21 * MM, 52 * MM, 21 * MM)
            self.staff_box(staff)
            title_width = staff.x - MARGIN - 4 * MM
            start = self.align("left")
            blocks = [self.doc.layout(self.text(self.form.title, self.lang),
                                      TextStyle(self.lang, size=18, bold=True, line_gap=0.05,
                                                align=start), title_width)]
            if self.second:
                blocks.append(self.doc.layout(self.text(self.form.title, self.second),
                                              TextStyle(self.second, size=12, line_gap=0.05,
                                                        align=start), title_width))
            self.draw_stack(blocks, MARGIN, top, 1 * MM)
            instructions = Box(MARGIN, top - _FIRST_HEADER + 2 * MM, self.width,
                               _FIRST_HEADER - 25 * MM)
            self.instructions(instructions)
        else:
            start = self.align("left")
            blocks = [self.doc.layout(self.text(self.form.title, self.lang),
                                      TextStyle(self.lang, size=11, bold=True, align=start),
                                      right - MARGIN)]
            if self.second:
                blocks.append(self.doc.layout(self.text(self.form.title, self.second),
                                              TextStyle(self.second, size=8, ruby=False,
                                                        align=start), right - MARGIN))
            self.draw_stack(blocks, MARGIN, top, 0.6 * MM)
        content_top = top - (_FIRST_HEADER if first else _NEXT_HEADER)
        canvas.saveState()
        canvas.setStrokeColor(color(ACCENT))
        canvas.setLineWidth(1.0)
        canvas.line(MARGIN, content_top + 1.5 * MM, page.width - MARGIN, content_top + 1.5 * MM)
        canvas.restoreState()
        self.footer(number, total)
        return content_top

    def staff_box(self, box: Box) -> None:
        # Japanese for staff: drawn left to right on a mirrored form too.
        with mirror.upright(self.doc.canvas, box.x, box.width):
            self._staff_box(box)

    def _staff_box(self, box: Box) -> None:
        canvas = self.doc.canvas
        canvas.saveState()
        canvas.setStrokeColor(color(GREY))
        canvas.setDash(2, 1.5)
        canvas.setLineWidth(0.6)
        canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=0)
        canvas.restoreState()
        inner = box.inset(1.6 * MM, 1.2 * MM)
        # Japanese for staff, and the target language so the person knows to leave it empty.
        head = Box(inner.x, inner.top - 3.6 * MM, inner.width, 3.6 * MM)
        other = self.lang if self.second else "en"
        draw_text(self.doc, self.text("form.paper.staff_only", "ja"), "ja",
                  Box(head.x, head.y, head.width * 0.45, head.height), 7, 5, bold=True,
                  color=GREY, align="left", ruby=False)
        draw_text(self.doc, self.text("form.paper.staff_only", other), other,
                  Box(head.x + head.width * 0.45, head.y, head.width * 0.55, head.height), 6.5,
                  4.5, color=GREY, align="right")
        rows = ("受付日 Date", "カード番号 Card No.", "入力済 Entered □")
        step = (inner.height - 4.2 * MM) / len(rows)
        for i, caption in enumerate(rows):
            y = inner.top - 4.2 * MM - (i + 1) * step
            draw_text(self.doc, caption, "ja", Box(inner.x, y + 0.6 * MM, inner.width, step), 6,
                      5, color=GREY, align="left", valign="bottom")
            canvas.saveState()
            canvas.setStrokeColor(color(LIGHT))
            canvas.setLineWidth(0.4)
            canvas.line(inner.x + 24 * MM, y + 0.6 * MM, inner.right, y + 0.6 * MM)
            canvas.restoreState()

    def instructions(self, box: Box) -> None:
        # A ticked and a filled example box, then the instruction in both languages.
        canvas = self.doc.canvas
        comb_x = box.x + _TICK + 2 * MM
        x, y = box.x, box.top - _TICK - 1 * MM
        # A tick is not mirrored, and Latin letters are written left to right.
        with mirror.upright(canvas, x, _TICK):
            tick_box(canvas, x, y, _TICK)
            canvas.saveState()
            canvas.setStrokeColor(color(INK))
            canvas.setLineWidth(1.1)
            canvas.line(x + 0.7 * MM, y + 1.9 * MM, x + 1.5 * MM, y + 0.8 * MM)
            canvas.line(x + 1.5 * MM, y + 0.8 * MM, x + 3.1 * MM, y + 3.2 * MM)
            canvas.restoreState()
        with mirror.upright(canvas, comb_x, 3 * _LETTER[0]):
            letter_boxes(canvas, comb_x, box.top - _LETTER[1] - 0.2 * MM, 3, *_LETTER)
            for i, ch in enumerate("ABC"):
                draw_text(self.doc, ch, "en", Box(comb_x + i * _LETTER[0],
                                                  box.top - _LETTER[1] - 0.2 * MM, _LETTER[0],
                                                  _LETTER[1]), 11, 8, color="#3a5a8a",
                          align="center", valign="middle")
        text_x = box.x + _TICK + 4 * MM + 3 * _LETTER[0]
        blocks = self.label("form.paper.instructions", box.right - text_x, size=9, bold=False)
        self.draw_stack(blocks, text_x, box.top)

    def footer(self, number: int, total: int) -> None:
        entry = LANGUAGES.get(self.lang)
        name = f"{entry.name_en} / {entry.name_ja}" if entry else self.lang
        left = f"{self.form.id} v{self.form.version} · {name} ({self.lang})"
        if self.unreviewed():
            left += "  ·  翻訳は未確認です / Translation not yet checked by a native speaker"
        y = MARGIN
        canvas = self.doc.canvas
        canvas.saveState()
        canvas.setStrokeColor(color(LIGHT))
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, y + 5.5 * MM, self.page.width - MARGIN, y + 5.5 * MM)
        canvas.restoreState()
        draw_text(self.doc, left, "ja", Box(MARGIN, y, self.width * 0.85, 5 * MM),
                  6.5, 5, color=GREY, align="left", valign="middle")
        draw_text(self.doc, f"{number} / {total}", "en",
                  Box(MARGIN + self.width * 0.85, y, self.width * 0.15, 5 * MM), 9, 7,
                  bold=True, align="right", valign="middle")

    def unreviewed(self) -> bool:
        """Whether a text of the target language on this form has not been checked yet."""
        if self.lang in ("ja", "ja-x-easy", "en"):
            return False
        for key in self.form.phrase_keys() | set(PAPER_KEYS):
            phrase = self.book.phrases.get(key)
            review = phrase.reviews.get(self.lang) if phrase else None
            if review is None or not review.is_reviewed:
                return True
        return False

    # -- blocks ------------------------------------------------------------------------------------

    def section_block(self, section: FormSection, number: int) -> _Block:
        suffix = f" ({number})" if number and self.members > 1 else ""
        blocks = [self.doc.layout(self.text(section.label, self.lang) + suffix,
                                  TextStyle(self.lang, size=11.5, bold=True, color=(1, 1, 1),
                                            align=self.align("left")), self.width - 6 * MM)]
        if self.second:
            blocks.append(self.doc.layout(self.text(section.label, self.second) + suffix,
                                          TextStyle(self.second, size=8.5, color=(1, 1, 1),
                                                    align=self.align("left")),
                                          self.width - 6 * MM))
        bar = self.stack_height(blocks, 0.4 * MM) + 3 * MM
        height = bar + 2.5 * MM

        def draw(top: float) -> None:
            canvas = self.doc.canvas
            canvas.saveState()
            canvas.setFillColor(color(ACCENT))
            canvas.rect(MARGIN, top - bar, self.width, bar, stroke=0, fill=1)
            canvas.restoreState()
            self.draw_stack(blocks, MARGIN + 3 * MM, top - 1.5 * MM, 0.4 * MM)

        return _Block(height, draw, keep_with_next=True)

    def note_block(self, key: str) -> _Block:
        blocks = self.label(key, self.width, size=8.5, bold=False)
        height = self.stack_height(blocks) + 3 * MM

        def draw(top: float) -> None:
            self.draw_stack(blocks, MARGIN, top - 2 * MM)

        return _Block(height, draw)

    def field_block(self, form_field: FormField) -> _Block:
        labels = self.label(form_field.label, LABEL_WIDTH)
        if form_field.help:
            labels.append(self.doc.layout(self.text(form_field.help, self.lang),
                                          TextStyle(self.lang, size=6.8, color=GREY,
                                                    align=self.align("start")),
                                          LABEL_WIDTH))
        label_height = self.stack_height(labels)
        input_height, draw_input = self.input_for(form_field)
        height = max(label_height, input_height) + 2 * FIELD_GAP

        def draw(top: float) -> None:
            self.draw_stack(labels, MARGIN, top - FIELD_GAP)
            draw_input(top - FIELD_GAP)
            canvas = self.doc.canvas
            canvas.saveState()
            canvas.setStrokeColor(color(LIGHT))
            canvas.setLineWidth(0.3)
            canvas.line(MARGIN, top - height, MARGIN + self.width, top - height)
            canvas.restoreState()

        return _Block(height, draw)

    # -- inputs: (height, draw at top) -----------------------------------------------------------

    def input_for(self, form_field: FormField) -> tuple[float, Callable[[float], None]]:
        kind = form_field.type
        if kind == "text" and form_field.pattern_message in ("validation.latin_only",
                                                              "validation.katakana_only"):
            return self.comb(form_field)
        if kind == "multiline":
            return self.box(18 * MM, lines=2)
        if kind == "date":
            return self.date()
        if kind in ("choice", "multichoice"):
            keys = [form_field.choice_label_key(c) if form_field.choice_labels else c
                    for c in form_field.choices]
            return self.options(keys, round_=kind == "choice")
        if kind == "bool":
            return self.options(["answer.yes", "answer.no"], round_=True, columns=4)
        if kind == "language_levels":
            return self.language_levels()
        if kind == "needs":
            return self.needs()
        if kind == "shelter" and self.shelter_name:
            return self.prefilled(self.shelter_name)
        width = self.input_width * (0.6 if kind in ("phone", "country") else 1.0)
        return self.box(9 * MM, width=width)

    def box(self, height: float, lines: int = 0,
            width: float | None = None) -> tuple[float, Callable[[float], None]]:
        width = self.input_width if width is None else width

        def draw(top: float) -> None:
            writing_box(self.doc.canvas, Box(self.input_x, top - height, width, height), lines)

        return height, draw

    def prefilled(self, value: str) -> tuple[float, Callable[[float], None]]:
        height = 9 * MM

        def draw(top: float) -> None:
            box = Box(self.input_x, top - height, self.input_width, height)
            writing_box(self.doc.canvas, box)
            draw_text(self.doc, value, "ja", box.inset(2 * MM, 1 * MM), 11, 7, valign="middle",
                      align="left")

        return height, draw

    def comb(self, form_field: FormField) -> tuple[float, Callable[[float], None]]:
        width, height = _LETTER
        if form_field.pattern_message == "validation.katakana_only":
            width = 6.0 * MM
        per_row = int(self.input_width // width)
        rows = 2
        total = rows * height + (rows - 1) * 1.5 * MM

        def draw(top: float) -> None:
            for row in range(rows):
                y = top - (row + 1) * height - row * 1.5 * MM
                letter_boxes(self.doc.canvas, self.input_x, y, per_row, width, height, group=5)

        return total, draw

    def date(self) -> tuple[float, Callable[[float], None]]:
        width, height = _LETTER
        slash = 6 * MM
        parts = (("form.paper.year", 4), ("form.paper.month", 2), ("form.paper.day", 2))
        # Each caption may use its group's width and the slash after it.
        captions = [self.label(key, count * width + slash - 1 * MM, size=7, bold=False,
                               align="left") for key, count in parts]
        caption_height = max(self.stack_height(c, 0.2 * MM) for c in captions)
        total = height + 1 * MM + caption_height

        def draw(top: float) -> None:
            x = self.input_x
            for (key, count), caption in zip(parts, captions):
                letter_boxes(self.doc.canvas, x, top - height, count, width, height)
                self.draw_stack(caption, x, top - height - 1 * MM, 0.2 * MM)
                x += count * width
                if key != "form.paper.day":
                    draw_text(self.doc, "/", "en", Box(x, top - height, slash, height),
                              14, 10, color=GREY, align="center", valign="middle")
                x += slash

        return total, draw

    def options(self, keys: Sequence[str], round_: bool, columns: int | None = None,
                width: float | None = None, x: float | None = None,
                size: float = 8.5) -> tuple[float, Callable[[float], None]]:
        """A grid of tick boxes with bilingual labels; columns fit the longest label."""
        width = self.input_width if width is None else width
        left = self.input_x if x is None else x
        pad = 1.6 * MM
        if columns is None:
            natural = max(max(b.width for b in self.choice_label(k, width, size)) for k in keys)
            columns = max(1, min(len(keys), int(width // (natural + _TICK + pad + 4 * MM))))
            columns = min(columns, 4)
        cell = width / columns
        labels = [self.choice_label(k, cell - _TICK - pad - 2 * MM, size) for k in keys]
        rows = [labels[i:i + columns] for i in range(0, len(labels), columns)]
        heights = [max(max(self.stack_height(lb, 0.3 * MM) for lb in row), _TICK) + 1.6 * MM
                   for row in rows]
        total = sum(heights)

        def draw(top: float) -> None:
            y = top
            for row, row_height in zip(rows, heights):
                for column, blocks in enumerate(row):
                    cx = left + column * cell
                    first = blocks[0]
                    # Centre the box on the first line of the label.
                    line_middle = y - (first.ruby_band + first.ascent * 0.62) * first.size
                    tick_box(self.doc.canvas, cx, line_middle - _TICK / 2, _TICK, round_)
                    self.draw_stack(blocks, cx + _TICK + pad, y, 0.3 * MM)
                y -= row_height

        return total, draw

    def language_levels(self) -> tuple[float, Callable[[float], None]]:
        name_width = 42 * MM
        level_width = (self.input_width - name_width) / len(LANGUAGE_LEVELS)
        heads = [self.label(f"vocab.language_level.{level}", level_width - 1 * MM, size=7,
                            bold=False, align="center") for level in LANGUAGE_LEVELS]
        head_height = max(self.stack_height(h, 0.2 * MM) for h in heads) + 1 * MM
        row_height = 8 * MM
        rows = 3
        total = head_height + rows * (row_height + 1.2 * MM)

        def draw(top: float) -> None:
            for i, head in enumerate(heads):
                self.draw_stack(head, self.input_x + name_width + i * level_width + 0.5 * MM, top,
                                0.2 * MM)
            y = top - head_height
            for _row in range(rows):
                writing_box(self.doc.canvas, Box(self.input_x, y - row_height,
                                                 name_width - 3 * MM, row_height))
                for i in range(len(LANGUAGE_LEVELS)):
                    cx = self.input_x + name_width + (i + 0.5) * level_width - _TICK / 2
                    tick_box(self.doc.canvas, cx, y - row_height / 2 - _TICK / 2, _TICK, True)
                y -= row_height + 1.2 * MM

        return total, draw

    def needs(self) -> tuple[float, Callable[[float], None]]:
        needs_height, draw_needs = self.options([f"vocab.need.{tag}" for tag in NEED_TAGS], False,
                                                columns=3, size=8)
        allergy = self.label("field.allergy_items", self.input_width, size=8.5, align="left")
        allergy_height = self.stack_height(allergy)
        allergens_height, draw_allergens = self.options(
            [f"vocab.allergen.{item}" for item in ALLERGENS], False, columns=4, size=8)
        detail = self.label("field.need_detail", self.input_width, size=8.5, align="left")
        detail_height = self.stack_height(detail)
        gap = 2.5 * MM
        total = (needs_height + gap + allergy_height + 1 * MM + allergens_height + gap
                 + detail_height + 1 * MM + 14 * MM)

        def draw(top: float) -> None:
            draw_needs(top)
            y = top - needs_height - gap
            canvas = self.doc.canvas
            canvas.saveState()
            canvas.setStrokeColor(color(LIGHT))
            canvas.setLineWidth(0.3)
            canvas.line(self.input_x, y + gap / 2, self.input_x + self.input_width, y + gap / 2)
            canvas.restoreState()
            y = self.draw_stack(allergy, self.input_x, y) - 1 * MM
            draw_allergens(y)
            y -= allergens_height + gap
            y = self.draw_stack(detail, self.input_x, y) - 1 * MM
            writing_box(canvas, Box(self.input_x, y - 14 * MM, self.input_width, 14 * MM), 1)

        return total, draw


def draw_paper_form(doc: PdfDocument, lang: str, lang2: str | None = "ja", members: int = 1, *,
                    form: FormDefinition | None = None, book: Phrasebook | None = None,
                    shelter_name: str = "") -> int:
    """Draw the form (default: the shipped registration form) in `lang` with `lang2` under
    every label, on new pages of `doc`; returns the number of pages."""
    if form is None:
        form = load_form("registration")
    if book is None:
        book = load_phrasebook()  # every language: one parse, shared with boards in a kit
    return PaperForm(doc, form, book, lang, lang2, members, shelter_name).draw()


def plain(text: str) -> str:
    """A short answer without its sentence end ("はい。" -> "はい")."""
    return _SENTENCE_END.sub("", text)

