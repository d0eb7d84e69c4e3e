"""Text layout for every script we print, drawn with reportlab.

`layout_text(text, style, width)` turns a string into a `TextBlock` of lines that fit `width`;
`fit_text(text, style, width, height)` shrinks the size until the block fits a box (down to a
minimum, then reports what does not fit); `TextBlock.draw(canvas, x, top)` draws it.

What happens on the way, per paragraph (text is split into paragraphs at newlines):

1. Furigana markup `{漢字|かんじ}` (phrasebook Japanese) is taken out of the text and kept as
   ruby spans over the base characters (`TextStyle.ruby`); a span is never broken across lines.
2. Unicode bidi (`bidi.py`) resolves a level per character; the paragraph direction is the
   language's (Arabic, Persian, Urdu are right-to-left even when a phrase starts with "Wi-Fi").
3. Itemizing: each character gets the first font of the language's `FontStack` that has it;
   marks, joiners and common characters (spaces, digits, punctuation) stay with their
   neighbour's font when it has them. Runs break where font, level or script changes. A
   character no font has stops the layout with a `UserError`: never a box instead of a letter.
4. Runs are shaped with HarfBuzz (`shaping.py`), with the paragraph as context.
5. Lines break at the opportunities of `linebreak.py` (ICU: spaces, Thai/Khmer/Myanmar
   dictionary words, Japanese phrases and kinsoku), greedily: the furthest break of the best
   priority that fits, unless that leaves the line less than `fill_ratio` full.
6. Each line is shaped again on its own (a line break changes Arabic joining), its runs are
   put in visual order (bidi rule L2), and it is aligned: `start` is right for right-to-left
   paragraphs. Ink that overhangs the advance widths (Nastaliq) is kept inside the box.
7. Lines of a block share one line pitch from the ink of all its glyphs, so stacked Myanmar,
   Khmer and Thai marks never touch the next line; furigana adds a ruby band above each line.

Glyphs are drawn by glyph id: every glyph goes into reportlab's subset font as the character
the font maps to it, or as a private-use code point mapped to the glyph (conjuncts, ligatures,
contextual forms), and the line is emitted with HarfBuzz positions as a `ShapedStr`.
Everything is measured in em (font size 1) and scaled at the end, so shrinking a text to fit
reshapes nothing.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES
from disastercenter.printing import mirror
from disastercenter.printing.bidi import resolve_levels, visual_order
from disastercenter.printing.fonts import (
    Font,
    FontResolver,
    FontStack,
    StackEntry,
    default_resolver,
)
from disastercenter.printing.linebreak import (
    ALLOWED,
    EMERGENCY,
    PREFERRED,
    break_opportunities,
)
from disastercenter.printing.scripts import (
    extends_cluster,
    needs_glyph,
    script_of,
    shaping_group,
)
from disastercenter.printing.shaping import glyph_extents, shape

RUBY_MARKUP = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")

Color = Any  # a reportlab color, "#rrggbb", or an (r, g, b) tuple of 0..1

#: Space between a line's ink and the next line's, in em, when the style adds no gap.
_INK_CLEARANCE = 0.06
#: Minimum ascent and descent of a line (em): an em box, so lines of different content match.
_MIN_ASCENT = 0.8
_MIN_DESCENT = 0.2
#: Scripts whose glyphs may reach outside their advance widths (pre-base vowels, dots below,
#: Nastaliq swashes); lines of other scripts skip the ink scan.
_OVERHANGING_SCRIPTS = frozenset({"Arab", "Mymr", "Khmr", "Thai", "Laoo", "Deva", "Beng", "Sinh"})
#: Gap between furigana and the top of its base characters (em of the base size).
_RUBY_GAP = 0.04


@dataclass(frozen=True)
class TextStyle:
    """How a text is set. Sizes are in points."""

    lang: str
    size: float = 12.0
    bold: bool = False
    color: Color = (0, 0, 0)
    #: start | end | left | right | center. start/end follow the paragraph direction.
    align: str = "start"
    #: Extra space between lines, in em.
    line_gap: float = 0.2
    #: Show furigana from `{漢字|かんじ}` markup; otherwise only the base text is set.
    ruby: bool = True
    ruby_scale: float = 0.5
    #: Break lines so they are of even length (headlines, signs).
    balance: bool = False
    #: A preferred break (space, phrase) is taken only if it fills this much of the line.
    fill_ratio: float = 0.4

    def replace(self, **changes: Any) -> TextStyle:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class RubySpan:
    start: int
    end: int
    reading: str


def parse_ruby(text: str) -> tuple[str, tuple[RubySpan, ...]]:
    """`{避難所|ひなんじょ}へ` -> ("避難所へ", (RubySpan(0, 3, "ひなんじょ"),))."""
    spans: list[RubySpan] = []
    out: list[str] = []
    length = 0
    last = 0
    for match in RUBY_MARKUP.finditer(text):
        out.append(text[last:match.start()])
        length += match.start() - last
        base, reading = match.group(1), match.group(2)
        spans.append(RubySpan(length, length + len(base), reading))
        out.append(base)
        length += len(base)
        last = match.end()
    out.append(text[last:])
    return "".join(out), tuple(spans)


# --- results ------------------------------------------------------------------------------------

@dataclass
class GlyphRun:
    """Glyphs of one font and direction on a line, in visual order. Units: em of the block size."""

    entry: StackEntry
    text: str  # the characters, in logical order
    rtl: bool
    gids: tuple[int, ...]
    advances: list[float]
    x_offsets: list[float]
    y_offsets: list[float]
    x: float = 0.0  # pen position of the first glyph, from the start of the line

    @property
    def width(self) -> float:
        return sum(self.advances)

    @property
    def font(self) -> Font:
        return self.entry.font


@dataclass
class RubyRun:
    """Furigana over one base span: runs in em of the ruby size, placed by `x` (line em)."""

    reading: str
    runs: list[GlyphRun]
    x: float
    width: float  # in em of the ruby size


@dataclass
class Line:
    start: int  # character range in its paragraph's text
    end: int
    text: str
    runs: list[GlyphRun]
    rubies: list[RubyRun]
    width: float  # advance width (em)
    ink_left: float
    ink_right: float
    rtl_paragraph: bool
    x: float = 0.0  # offset of the line in the box (em), set by alignment
    baseline: float = 0.0  # distance of the baseline below the block top (em)


@dataclass
class TextBlock:
    """Laid out text. Geometry is in em; multiply by `size` for points."""

    style: TextStyle
    size: float
    box_width: float  # points
    lines: list[Line]
    ascent: float  # em above the first baseline, furigana band excluded
    descent: float  # em below the last baseline
    pitch: float  # em from one baseline to the next
    ruby_band: float  # em reserved above each line for furigana
    #: Lines wider than the box (a cluster wider than the box), or, after `fit_text`, a block
    #: that does not fit at the minimum size. Never drawn silently: callers check it.
    overflow: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def height(self) -> float:
        """Height in points from the top of the first line (furigana included) to the bottom
        of the last."""
        if not self.lines:
            return 0.0
        return self.height_of(len(self.lines))

    def height_of(self, count: int) -> float:
        if count <= 0:
            return 0.0
        em = self.ruby_band + self.ascent + (count - 1) * self.pitch + self.descent
        return em * self.size

    @property
    def width(self) -> float:
        """Width in points of the widest line."""
        return max((ln.width for ln in self.lines), default=0.0) * self.size

    @property
    def runs(self) -> list[GlyphRun]:
        return [run for line in self.lines for run in line.runs] + [
            run for line in self.lines for ruby in line.rubies for run in ruby.runs
        ]

    def glyph_ids(self) -> list[int]:
        return [gid for run in self.runs for gid in run.gids]

    def fonts(self) -> list[Font]:
        seen: dict[tuple, Font] = {}
        for run in self.runs:
            seen.setdefault((run.font.path, run.font.index), run.font)
        return list(seen.values())

    def split(self, max_height: float) -> tuple[TextBlock, TextBlock | None]:
        """The lines that fit `max_height` points, and a block of the rest (None if all fit).
        At least one line goes into the first block."""
        count = len(self.lines)
        while count > 1 and self.height_of(count) > max_height + 1e-6:
            count -= 1
        if count >= len(self.lines):
            return self, None
        head = dataclasses.replace(self, lines=self.lines[:count])
        rest_lines = [dataclasses.replace(ln) for ln in self.lines[count:]]
        first = rest_lines[0].baseline
        for ln in rest_lines:
            ln.baseline -= first - (self.ruby_band + self.ascent)
        rest = dataclasses.replace(self, lines=rest_lines)
        return head, rest

    def draw(self, canvas: Any, x: float, top: float) -> float:
        """Draw with the top-left corner of the box at (x, top) in reportlab coordinates
        (y up). Returns the y of the bottom of the block.

        On a mirrored page (`mirror`) the box goes to its mirrored place and the text is drawn
        the right way round in it: "left" and "right" alignment swap sides, "start", "end" and
        "center" keep following the text's direction."""
        if not self.lines:
            return top
        size = self.size
        ruby_size = size * self.style.ruby_scale
        flip = mirror.axis(canvas)
        # Raw operators (q, colour, BT...ET, Q): reportlab's saveState/setFillColor cost more
        # than the text itself on a board of 70 small blocks.
        code = ["q"]
        left = x
        swapped = None
        if flip is not None:
            code.append(f"-1 0 0 1 {_num(flip)} 0 cm")  # back to page coordinates
            left = flip - x - self.box_width
            swapped = _SWAPPED.get(self.style.align)
        code += [_fill_operator(self.style.color), "BT"]
        recording = mirror.recording(canvas)
        for line in self.lines:
            baseline = top - line.baseline * size
            line_x = line.x if swapped is None else \
                _line_x(line, swapped, self.box_width / size)
            origin = left + line_x * size
            for run in line.runs:
                _emit_run(code, canvas, run, origin + run.x * size, baseline, size)
            for ruby in line.rubies:
                ruby_base = baseline + self._ruby_rise() * size
                for run in ruby.runs:
                    _emit_run(code, canvas, run, origin + ruby.x * size + run.x * ruby_size,
                              ruby_base, ruby_size)
            if recording:
                self._record(canvas, line, origin, baseline)
        code.append("ET\nQ")
        canvas.addLiteral("\n".join(code))
        return top - self.height

    def _record(self, canvas: Any, line: Line, origin: float, baseline: float) -> None:
        size = self.size
        mirror.record(canvas, "text", line.text, origin, baseline - self.descent * size,
                      line.width * size, (self.ascent + self.descent) * size, self.style.lang)
        ruby_size = size * self.style.ruby_scale
        for ruby in line.rubies:
            mirror.record(canvas, "ruby", ruby.reading, origin + ruby.x * size,
                          baseline + self._ruby_rise() * size, ruby.width * ruby_size,
                          ruby_size, self.style.lang)

    def _ruby_rise(self) -> float:
        """Ruby baseline above the base baseline, in em of the base size."""
        return self.ascent_base + _RUBY_GAP + self.ruby_descent * self.style.ruby_scale

    # set by layout: ascent of the base glyphs the ruby sits on, descent of the ruby font
    ascent_base: float = 0.88
    ruby_descent: float = 0.12


# --- layout -------------------------------------------------------------------------------------

@dataclass
class _Item:
    start: int
    end: int
    entry: StackEntry
    level: int
    script: str | None


@dataclass
class _Paragraph:
    text: str
    lang: str
    rtl: bool
    levels: list[int]
    items: list[_Item]
    advances: list[float]  # em per character (cluster width on its first character)
    pad_before: list[float]
    pad_after: list[float]
    rubies: tuple[RubySpan, ...]
    ruby_runs: dict[int, tuple[list[GlyphRun], float]]  # span start -> (runs, width em ruby size)
    breaks: tuple[tuple[int, int], ...]
    #: Whether ink may stick out of the advance widths (complex scripts): lines are checked.
    needs_ink: bool
    ink_top: float
    ink_bottom: float
    ruby_scale: float

    @cached_property
    def prefix(self) -> list[float]:
        """prefix[i]: width (em) of text[:i], furigana spreading included."""
        out = [0.0]
        for a, b, c in zip(self.advances, self.pad_before, self.pad_after):
            out.append(out[-1] + a + b + c)
        return out

    @cached_property
    def trimmed(self) -> list[float]:
        """trimmed[i]: width of text[:i] without the spaces it ends with."""
        out = []
        visible = 0
        for i in range(len(self.text) + 1):
            if i > 0 and not self.text[i - 1].isspace():
                visible = i
            out.append(self.prefix[visible])
        return out

    @cached_property
    def break_levels(self) -> dict[int, tuple[list[int], list[float]]]:
        """Per priority: the break indices of that priority or better, and their `trimmed`
        widths (non-decreasing, so the furthest break that fits is a bisection)."""
        levels = {}
        for priority in (PREFERRED, ALLOWED, EMERGENCY):
            indices = [i for i, p in self.breaks if p <= priority]
            levels[priority] = (indices, [self.trimmed[i] for i in indices])
        return levels

    def width(self, start: int, end: int) -> float:
        """Width of text[start:end] without trailing spaces."""
        return max(0.0, self.trimmed[end] - self.prefix[start])


def _stack(lang: str, bold: bool, fonts: FontResolver | None) -> FontStack:
    return (fonts or default_resolver()).stack(lang, bold)


def _itemize(text: str, levels: Sequence[int], stack: FontStack, lang: str) -> list[_Item]:
    items: list[_Item] = []
    missing: set[str] = set()
    cur: _Item | None = None
    for i, ch in enumerate(text):
        group = shaping_group(script_of(ch))
        level = levels[i]
        entry: StackEntry | None = None
        if cur is not None and cur.level == level and (
            extends_cluster(ch) or (group is None and cur.entry.font.covers(ch))
        ):
            entry = cur.entry
            group = cur.script if group is None or extends_cluster(ch) else group
        else:
            entry = stack.font_for(ch)
            if entry is None:
                if needs_glyph(ch):
                    missing.add(ch)
                entry = cur.entry if cur is not None else stack.primary
                if entry is None:
                    raise _missing(text, lang, text)
        if (cur is not None and cur.entry == entry and cur.level == level
                and (group is None or cur.script is None or group == cur.script)):
            cur.end = i + 1
            if cur.script is None:
                cur.script = group
        else:
            cur = _Item(i, i + 1, entry, level, group)
            items.append(cur)
    if missing:
        raise _missing(text, lang, "".join(sorted(missing)))
    return items


def _missing(text: str, lang: str, chars: str) -> UserError:
    entry = LANGUAGES.get(lang)
    shown = text if len(text) <= 40 else text[:39] + "…"
    return UserError("print.missing_glyphs", text=shown,
                     language=entry.name_en if entry else lang, chars=" ".join(chars))


def _shape_items(text: str, items: Sequence[_Item], lang: str, start: int = 0,
                 end: int | None = None) -> list[tuple[_Item, int, int, Any]]:
    """Shape the parts of `items` inside text[start:end], with that slice as context."""
    end = len(text) if end is None else end
    context = text[start:end]
    shaped = []
    for item in items:
        s, e = max(item.start, start), min(item.end, end)
        if s >= e:
            continue
        result = shape(item.entry.font, context, s - start, e - start, bool(item.level % 2),
                       item.script, lang)
        shaped.append((item, s, e, result))
    return shaped


def _runs_of(shaped: Sequence[tuple[_Item, int, int, Any]], text_offset: int, context: str,
             pad_before: Sequence[float] | None = None,
             pad_after: Sequence[float] | None = None) -> list[GlyphRun]:
    """GlyphRuns in logical order from shaping results; pads (em, by character of `context`)
    widen the clusters they fall in."""
    runs = []
    for item, s, e, result in shaped:
        upem = result.upem
        adv = [a / upem for a in result.x_advances]
        xo = [a / upem for a in result.x_offsets]
        yo = [a / upem for a in result.y_offsets]
        if pad_before is not None and pad_after is not None:
            clusters = result.clusters
            n = len(clusters)
            for g in range(n):
                c = clusters[g]
                first_of_cluster = g == 0 or clusters[g - 1] != c
                last_of_cluster = g == n - 1 or clusters[g + 1] != c
                if first_of_cluster or last_of_cluster:
                    nxt = min((cl for cl in clusters if cl > c), default=e - text_offset)
                    if first_of_cluster:
                        before = sum(pad_before[c:nxt])
                        if before:
                            xo[g] += before
                            adv[g] += before
                    if last_of_cluster:
                        after = sum(pad_after[c:nxt])
                        if after:
                            adv[g] += after
        runs.append(GlyphRun(item.entry, context[s - text_offset:e - text_offset],
                             bool(item.level % 2), result.gids, adv, xo, yo))
        runs[-1]._clusters = result.clusters  # type: ignore[attr-defined]
        runs[-1]._level = item.level  # type: ignore[attr-defined]
        runs[-1]._start = s - text_offset  # type: ignore[attr-defined]
    return runs


def _ink(runs: Sequence[GlyphRun]) -> tuple[float, float, float, float]:
    """(left, right, top, bottom) of the ink of runs placed at their `x`, in em."""
    left, right, top, bottom = 0.0, 0.0, 0.0, 0.0
    for run in runs:
        pen = run.x
        font = run.font
        upem = font.upem
        for gid, adv, xo, yo in zip(run.gids, run.advances, run.x_offsets, run.y_offsets):
            xb, yt, w, yb = glyph_extents(font, gid)
            if w or yt != yb:
                gx = pen + xo + xb / upem
                left = min(left, gx)
                right = max(right, gx + w / upem)
                top = max(top, yo + yt / upem)
                bottom = min(bottom, yo + yb / upem)
            pen += adv
    return left, right, top, bottom


def _prepare(text: str, style: TextStyle, fonts: FontResolver | None,
             rubies: tuple[RubySpan, ...]) -> _Paragraph:
    entry = LANGUAGES.get(style.lang)
    rtl_lang = entry.is_rtl if entry else None
    base, levels = resolve_levels(text, rtl_lang)
    stack = _stack(style.lang, style.bold, fonts)
    items = _itemize(text, levels, stack, style.lang)
    n = len(text)
    advances = [0.0] * n
    shaped = _shape_items(text, items, style.lang)
    runs = _runs_of(shaped, 0, text)
    for run in runs:
        upem_adv = run.advances
        for cluster, adv in zip(run._clusters, upem_adv):  # type: ignore[attr-defined]
            advances[cluster] += adv
    # The ink of the whole paragraph decides the line box.
    pos = 0.0
    for run in runs:
        run.x = pos
        pos += run.width
    _left, _right, top, bottom = _ink(runs)
    pad_before = [0.0] * n
    pad_after = [0.0] * n
    ruby_runs: dict[int, tuple[list[GlyphRun], float]] = {}
    if rubies:
        ruby_style = style.replace(lang="ja", ruby=False)
        for span in rubies:
            r_runs, r_width = _single_line(span.reading, ruby_style, fonts)
            ruby_runs[span.start] = (r_runs, r_width)
            base_width = sum(advances[span.start:span.end])
            extra = r_width * style.ruby_scale - base_width
            if extra > 0:
                pad_before[span.start] += extra / 2
                pad_after[span.end - 1] += extra / 2
    atomic = tuple((s.start, s.end) for s in rubies)
    breaks = break_opportunities(text, style.lang, atomic)
    needs_ink = any(script_of(ch) in _OVERHANGING_SCRIPTS for ch in text)
    return _Paragraph(text, style.lang, bool(base % 2), levels, items, advances, pad_before,
                      pad_after, rubies, ruby_runs, breaks, needs_ink, top, bottom,
                      style.ruby_scale)


def _single_line(text: str, style: TextStyle, fonts: FontResolver | None) -> tuple[list[GlyphRun], float]:
    """Runs of a text set on one line, in visual order with `x` set; and its width (em)."""
    entry = LANGUAGES.get(style.lang)
    base, levels = resolve_levels(text, entry.is_rtl if entry else None)
    items = _itemize(text, levels, _stack(style.lang, style.bold, fonts), style.lang)
    runs = _runs_of(_shape_items(text, items, style.lang), 0, text)
    order = visual_order([r._level for r in runs])  # type: ignore[attr-defined]
    ordered = [runs[i] for i in order]
    pos = 0.0
    for run in ordered:
        run.x = pos
        pos += run.width
    return ordered, pos


def _next_break(par: _Paragraph, start: int, max_em: float, fill_ratio: float) -> int:
    """Where the line starting at `start` ends (its trailing spaces included): the furthest
    break of the best priority that fits, unless that leaves the line less than `fill_ratio`
    full; a cluster wider than the line stands alone (and overflows)."""
    n = len(par.text)
    limit = par.prefix[start] + max_em + 1e-9
    if par.trimmed[n] <= limit:
        return n
    best: dict[int, int | None] = {}
    for priority, (indices, widths) in par.break_levels.items():
        lo = bisect.bisect_right(indices, start)
        hi = bisect.bisect_right(widths, limit, lo)
        best[priority] = indices[hi - 1] if hi > lo else None
    p0, p1, p2 = best[PREFERRED], best[ALLOWED], best[EMERGENCY]
    if p0 is not None and (par.width(start, p0) >= fill_ratio * max_em or p1 in (None, p0)):
        return p0
    if p1 is not None:
        return p1
    if p2 is not None:
        return p2
    indices = par.break_levels[EMERGENCY][0]
    lo = bisect.bisect_right(indices, start)
    return indices[lo] if lo < len(indices) else n


def _skip_spaces(text: str, index: int) -> int:
    while index < len(text) and text[index] == " ":
        index += 1
    return index


def _break_lines(par: _Paragraph, max_em: float, fill_ratio: float) -> list[tuple[int, int]]:
    """Greedy line breaking by advance widths. (start, end) per line; `end` includes trailing
    spaces."""
    lines: list[tuple[int, int]] = []
    start = 0
    while start < len(par.text):
        end = _next_break(par, start, max_em, fill_ratio)
        lines.append((start, end))
        start = _skip_spaces(par.text, end)
    return lines or [(0, 0)]


def _ink_width(line: Line) -> float:
    return max(line.ink_right, line.width) - min(line.ink_left, 0.0)


def _set_lines(par: _Paragraph, max_em: float, fill_ratio: float,
               ranges: list[tuple[int, int]] | None = None) -> list[Line]:
    """Build the lines of a paragraph. A line whose ink sticks out of the box (Nastaliq
    swashes, a final vowel sign) is broken again with that overhang taken off its width."""
    if ranges is not None:
        built = [_build_line(par, a, b) for a, b in ranges]
        if all(_ink_width(ln) <= max_em + 1e-6 for ln in built):
            return built
    lines: list[Line] = []
    start = 0
    text = par.text
    while True:
        end = _next_break(par, start, max_em, fill_ratio)
        line = _build_line(par, start, end)
        if _ink_width(line) > max_em + 1e-6:
            overhang = _ink_width(line) - line.width
            tighter = _next_break(par, start, max_em - overhang, fill_ratio)
            if start < tighter < end:
                end = tighter
                line = _build_line(par, start, end)
        lines.append(line)
        start = _skip_spaces(text, end)
        if start >= len(text):
            return lines


def _build_line(par: _Paragraph, start: int, end: int) -> Line:
    text = par.text
    draw_end = end
    while draw_end > start and text[draw_end - 1].isspace():
        draw_end -= 1
    context = text[start:draw_end]
    shaped = _shape_items(text, par.items, par.lang, start, draw_end)
    pads = bool(par.rubies) and (any(par.pad_before[start:draw_end])
                                 or any(par.pad_after[start:draw_end]))
    runs = _runs_of(shaped, start, context,
                    par.pad_before[start:draw_end] if pads else None,
                    par.pad_after[start:draw_end] if pads else None)
    order = visual_order([r._level for r in runs])  # type: ignore[attr-defined]
    ordered = [runs[i] for i in order]
    pos = 0.0
    for run in ordered:
        run.x = pos
        pos += run.width
    if par.needs_ink:
        left, right, _top, _bottom = _ink(ordered)
    else:
        left, right = 0.0, pos
    rubies: list[RubyRun] = []
    for span in par.rubies:
        if span.start < start or span.end > draw_end:
            continue
        box = _cluster_box(ordered, span.start - start, span.end - start)
        if box is None:
            continue
        r_runs, r_width = par.ruby_runs[span.start]
        center = (box[0] + box[1]) / 2
        rubies.append(RubyRun(span.reading, r_runs, center - r_width * 0.5 * par.ruby_scale, r_width))
    return Line(start, draw_end, context, ordered, rubies, pos, left, right, par.rtl)


def _cluster_box(runs: Sequence[GlyphRun], start: int, end: int) -> tuple[float, float] | None:
    """Left and right (em) of the glyphs whose cluster lies in [start, end) of the line."""
    left, right = None, None
    for run in runs:
        pen = run.x
        for cluster, adv in zip(run._clusters, run.advances):  # type: ignore[attr-defined]
            if start <= cluster < end:
                left = pen if left is None else min(left, pen)
                right = pen + adv if right is None else max(right, pen + adv)
            pen += adv
    if left is None or right is None:
        return None
    return left, right


def _paragraphs(text: str, style: TextStyle) -> list[tuple[str, tuple[RubySpan, ...]]]:
    out = []
    for chunk in text.replace("\r\n", "\n").replace("\t", " ").split("\n"):
        if style.ruby and style.lang.startswith("ja"):  # furigana is for Japanese text only
            out.append(parse_ruby(chunk))
        else:
            out.append((RUBY_MARKUP.sub(r"\1", chunk), ()))
    return out


@dataclass
class _Prepared:
    style: TextStyle
    paragraphs: list[_Paragraph]
    ascent: float
    descent: float
    ruby_band: float
    ruby_descent: float
    ascent_base: float
    pitch: float


class _Cache(OrderedDict):
    """A small least-recently-used cache (callers hold `_PREPARED_LOCK`)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def fetch(self, key: tuple) -> Any:
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value

    def store(self, key: tuple, value: Any) -> None:
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)


_PREPARED: _Cache = _Cache(1500)
_PREPARED_LOCK = threading.Lock()


def _prepared(text: str, style: TextStyle, fonts: FontResolver | None) -> _Prepared:
    # Everything here is size-independent; the cache serves fit_text's trial sizes.
    key = (text, style.lang, style.bold, style.line_gap, style.ruby, style.ruby_scale, fonts)
    with _PREPARED_LOCK:
        found = _PREPARED.fetch(key)
    if found is not None:
        return found
    paragraphs = []
    for chunk, rubies in _paragraphs(text, style):
        paragraphs.append(_prepare(chunk, style, fonts, rubies))
    ascent = max([_MIN_ASCENT] + [p.ink_top for p in paragraphs])
    descent = max([_MIN_DESCENT] + [-p.ink_bottom for p in paragraphs])
    has_ruby = any(p.rubies for p in paragraphs)
    ruby_band = 0.0
    ruby_descent = 0.12
    ascent_base = 0.88
    if has_ruby:
        jpan = _stack("ja", False, fonts).primary
        if jpan is not None:
            r_asc, r_desc = jpan.font.extents
            ascent_base = r_asc
            ruby_descent = -r_desc
            ruby_band = max(0.0, ascent_base + _RUBY_GAP + (r_asc - r_desc) * style.ruby_scale
                            - ascent)
    pitch = max(ascent + descent + _INK_CLEARANCE, 1.2) + style.line_gap + ruby_band
    prepared = _Prepared(style, paragraphs, ascent, descent, ruby_band, ruby_descent, ascent_base,
                         pitch)
    with _PREPARED_LOCK:
        _PREPARED.store(key, prepared)
    return prepared


def _balanced_ranges(par: _Paragraph, max_em: float, fill_ratio: float) -> list[tuple[int, int]]:
    """Line ranges of even length: the narrowest width that needs no more lines."""
    lines = _break_lines(par, max_em, fill_ratio)
    if len(lines) < 2:
        return lines
    low, high = max_em / len(lines) * 0.5, max_em
    best = lines
    for _ in range(12):
        mid = (low + high) / 2
        trial = _break_lines(par, mid, fill_ratio)
        if len(trial) <= len(lines) and all(par.width(a, b) <= mid + 1e-9 for a, b in trial):
            best, high = trial, mid
        else:
            low = mid
    return best


_LAYOUTS: _Cache = _Cache(1500)


def layout_text(text: str, style: TextStyle, width: float,
                fonts: FontResolver | None = None) -> TextBlock:
    """Lay out `text` in lines no wider than `width` points at `style.size`.

    Results are cached (a kit prints the same Japanese and English texts for every language):
    treat the returned block as read-only; `split` and `fit_text` return new blocks."""
    key = (text, style, round(width, 3), fonts)
    with _PREPARED_LOCK:
        found = _LAYOUTS.fetch(key)
    if found is not None:
        return found
    block = _layout(text, style, width, fonts)
    with _PREPARED_LOCK:
        _LAYOUTS.store(key, block)
    return block


def _layout(text: str, style: TextStyle, width: float, fonts: FontResolver | None) -> TextBlock:
    prep = _prepared(text, style, fonts)
    max_em = width / style.size
    lines: list[Line] = []
    for par in prep.paragraphs:
        ranges = _balanced_ranges(par, max_em, style.fill_ratio) if style.balance else None
        lines.extend(_set_lines(par, max_em, style.fill_ratio, ranges))
    block = TextBlock(style, style.size, width, lines, prep.ascent, prep.descent, prep.pitch,
                      prep.ruby_band)
    block.ruby_descent = prep.ruby_descent
    block.ascent_base = prep.ascent_base
    overflow = False
    for i, line in enumerate(lines):
        line.baseline = prep.ruby_band + prep.ascent + i * prep.pitch
        overflow = _align(line, style, max_em) or overflow
    block.overflow = overflow
    if overflow:
        block.warnings.append(f"text wider than its box ({width:.0f} pt): {text[:40]}")
    return block


def _align(line: Line, style: TextStyle, box: float) -> bool:
    """Place the line in the box; True when its ink cannot fit."""
    line.x = _line_x(line, style.align, box)
    return line.ink_right - line.ink_left > box + 1e-6 or line.width > box + 1e-6


#: Alignments that name a side of the page, swapped on mirrored pages.
_SWAPPED = {"left": "right", "right": "left"}


def _line_x(line: Line, align: str, box: float) -> float:
    """Offset (em) of a line aligned `align` in a box `box` em wide, its ink kept inside."""
    if align == "start":
        align = "right" if line.rtl_paragraph else "left"
    elif align == "end":
        align = "left" if line.rtl_paragraph else "right"
    if align == "right":
        x = box - line.width
    elif align == "center":
        x = (box - line.width) / 2
    else:
        x = 0.0
    if x + line.ink_right > box:
        x = box - line.ink_right
    if x + line.ink_left < 0:
        x = -line.ink_left
    return x


def fit_text(text: str, style: TextStyle, width: float, height: float,
             min_size: float | None = None, fonts: FontResolver | None = None) -> TextBlock:
    """The largest size from `style.size` down to `min_size` at which `text` fits the box.

    If it does not fit even at `min_size`, the block at `min_size` is returned with
    `overflow` True and a warning: callers continue it elsewhere (`TextBlock.split`) or tell
    the user. Nothing is ever cut off silently.
    """
    min_size = min(min_size if min_size is not None else style.size * 0.5, style.size)
    prep = _prepared(text, style, fonts)

    def fits_roughly(size: float) -> bool:
        # Breaking by advance widths only (no shaping of lines): cheap enough to search with.
        max_em = width / size
        count = 0
        for par in prep.paragraphs:
            for a, b in _break_lines(par, max_em, style.fill_ratio):
                if par.width(a, b) > max_em + 1e-9:
                    return False
                count += 1
        em = prep.ruby_band + prep.ascent + (count - 1) * prep.pitch + prep.descent
        return em * size <= height + 1e-6

    def fits(block: TextBlock) -> bool:
        return not block.overflow and block.height <= height + 1e-6

    size = style.size
    if not fits_roughly(size):
        low, high = min_size, style.size
        if not fits_roughly(low):
            size = low
        else:
            while high - low > 0.25:  # low fits, high does not
                mid = (low + high) / 2
                if fits_roughly(mid):
                    low = mid
                else:
                    high = mid
            size = low
    block = layout_text(text, style.replace(size=size), width, fonts)
    while not fits(block) and size - 0.25 >= min_size:
        # Ink beyond the advance widths (Nastaliq, stacked marks) can need one more step.
        size -= 0.25
        block = layout_text(text, style.replace(size=size), width, fonts)
    if not fits(block):
        block = dataclasses.replace(block, overflow=True, warnings=block.warnings + [
            f"text does not fit its box ({width:.0f}x{height:.0f} pt) even at {size:g} pt: "
            f"{text[:40]}"
        ])
    return block


def measure(text: str, style: TextStyle, fonts: FontResolver | None = None) -> float:
    """Width in points of `text` set on one line (no breaking)."""
    prep = _prepared(text, style, fonts)
    return max((p.prefix[-1] for p in prep.paragraphs), default=0.0) * style.size


# --- drawing ------------------------------------------------------------------------------------

_GLYPH_LOCK = threading.Lock()
#: Where a run is printed again to thicken a family that has no bold face (em).
_FAKE_BOLD_OFFSETS = ((0.0, 0.0), (0.025, 0.0), (0.0, 0.015), (0.025, 0.015))


@lru_cache(maxsize=256)
def _fill_operator(value: Color) -> str:
    """The PDF operator setting `value` as the fill colour (RGB or CMYK)."""
    color = _color(value)
    if hasattr(color, "cyan"):
        return f"{_num(color.cyan)} {_num(color.magenta)} {_num(color.yellow)} {_num(color.black)} k"
    return f"{_num(color.red)} {_num(color.green)} {_num(color.blue)} rg"


def _color(value: Color) -> Any:
    from reportlab.lib import colors

    if isinstance(value, str):
        return colors.HexColor(value)
    if isinstance(value, tuple):
        return colors.Color(*value)
    return value


def _glyph_chars(font: Font, gids: Sequence[int],
                 texts: Sequence[str] | None = None) -> tuple[str, list[float]]:
    """The characters reportlab's subset font uses for `gids`, and their widths (1/1000 em).

    A glyph reachable from a character (the usual case) is drawn as that character; glyphs
    that only shaping reaches (conjuncts, ligatures, Arabic joining forms) get a private-use
    code point mapped to them in reportlab's font face, and `texts` (the characters each glyph
    stands for) go into the PDF's ToUnicode map, so copying text from the PDF works."""
    from reportlab.pdfbase import pdfmetrics

    global _next_private
    face = pdfmetrics.getFont(font.reportlab_name()).face
    table: dict[int, tuple[str, float]] = font.__dict__.setdefault("_glyph_chars", {})
    chars: list[str] = []
    widths: list[float] = []
    for i, gid in enumerate(gids):
        known = table.get(gid)
        if known is not None and texts is not None and len(texts[i]) and \
                _WEAK_TEXT.get(ord(known[0])) and texts[i] != "\u200b" and _is_sole(texts, i):
            # A glyph first met inside a bigger cluster, now alone: its own text is better.
            _ACTUAL_TEXT[ord(known[0])] = texts[i]
            _WEAK_TEXT.pop(ord(known[0]), None)
        if known is None:
            with _GLYPH_LOCK:
                known = table.get(gid)
                if known is None:
                    codes = face.glyphToChar.get(gid)
                    if codes:
                        code = codes[0]
                    else:
                        # Private codes are unique across fonts: the ToUnicode map is global.
                        code = _next_private
                        while code in face.charToGlyph:
                            code += 1
                        _next_private = code + 1
                        face.charToGlyph[code] = gid
                        face.charWidths[code] = face._pdfScale(face.hmetrics[gid][0])
                        if texts is not None:
                            # The 2nd glyph of a cluster stands for nothing of its own.
                            _ACTUAL_TEXT[code] = texts[i] or "\u200b"
                            if not _is_sole(texts, i):
                                _WEAK_TEXT[code] = True
                    width = face.charWidths.get(32 if code == 0xA0 else code, face.defaultWidth)
                    known = table[gid] = (chr(code), width)
        chars.append(known[0])
        widths.append(known[1])
    return "".join(chars), widths


_next_private = 0xF0000
#: Private code point -> the text its glyph stands for (a ligature's letters, a conjunct).
_ACTUAL_TEXT: dict[int, str] = {}
#: Codes whose text came from a cluster of several glyphs (a guess, replaced when seen alone).
_WEAK_TEXT: dict[int, bool] = {}


def _is_sole(texts: Sequence[str], i: int) -> bool:
    """Whether glyph i is the only glyph of its cluster (the next one starts a new cluster)."""
    return bool(texts[i]) and (i + 1 >= len(texts) or texts[i + 1] != "")


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap, with private glyph codes mapped to their text and characters
    beyond the BMP written as UTF-16 surrogate pairs (reportlab writes 5 hex digits)."""
    entries = []
    for i, code in enumerate(subset):
        value = _ACTUAL_TEXT.get(code)
        if value is None:
            value = "" if 0xF0000 <= code <= 0x10FFFF else chr(code)
        entries.append(f"<{i:02X}> <{_utf16_hex(value) or 'FFFD'}>")
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *entries, "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end",
        "end",
    ])


def _install_to_unicode() -> None:
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # looked up at save time by TTFont.addObjects


_install_to_unicode()


def _glyph_texts(run: GlyphRun) -> list[str]:
    """For each glyph of a run, the characters of its cluster (empty for the 2nd+ glyph)."""
    clusters = getattr(run, "_clusters", None)
    start = getattr(run, "_start", 0)
    if clusters is None:
        return [""] * len(run.gids)
    bounds = sorted(set(clusters))
    end = start + len(run.text)
    out = []
    seen: set[int] = set()
    for c in clusters:
        if c in seen:
            out.append("")
            continue
        seen.add(c)
        k = bounds.index(c)
        nxt = bounds[k + 1] if k + 1 < len(bounds) else end
        out.append(run.text[c - start:nxt - start])
    return out


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


_ESCAPED = [
    ("\\" + chr(b)) if chr(b) in "()\\" else (chr(b) if 32 <= b < 127 else f"\\{b:03o}")
    for b in range(256)
]


def _tj(items: list[Any]) -> str:
    """A TJ operator from glyph codes (ints) and position adjustments (floats)."""
    parts: list[str] = []
    literal: list[str] = []
    for item in items:
        if isinstance(item, int):
            literal.append(_ESCAPED[item])
        else:
            if literal:
                parts.append("(" + "".join(literal) + ")")
                literal = []
            parts.append(_num(item))
    if literal:
        parts.append("(" + "".join(literal) + ")")
    if len(parts) == 1 and parts[0].startswith("("):
        return parts[0] + " Tj"
    return "[" + " ".join(parts) + "] TJ"


def _run_code(canvas: Any, run: GlyphRun, size: float) -> str:
    """PDF text operators that draw a run at the current text origin, with HarfBuzz positions
    as TJ adjustments and vertical offsets as text rise. Cached per document: a kit draws the
    same Japanese line for every language."""
    from reportlab.pdfbase import pdfmetrics

    cache: dict[tuple, str] = canvas.__dict__.setdefault("_dc_run_code", {})
    key = (run.font, run.gids, tuple(run.advances),
           tuple(run.x_offsets), tuple(run.y_offsets), size)
    code = cache.get(key)
    if code is not None:
        return code
    font = pdfmetrics.getFont(run.font.reportlab_name())
    doc = canvas._doc  # reportlab assigns subset codes per document
    known = run.font.__dict__.get("_glyph_chars", {})
    texts = None if all(g in known for g in run.gids) else _glyph_texts(run)
    chars, widths = _glyph_chars(run.font, run.gids, texts)
    out: list[str] = []
    rise = 0.0
    i = 0
    for subset, data in font.splitString(chars, doc):
        out.append(f"{font.getSubsetInternalName(subset, doc)} {_num(size)} Tf")
        items: list[Any] = []
        for byte in data:
            r = run.y_offsets[i] * size
            if abs(r - rise) > 1e-6:
                if items:
                    out.append(_tj(items))
                    items = []
                out.append(f"{_num(r)} Ts")
                rise = r
            xo = run.x_offsets[i] * 1000
            if xo:
                items.append(float(-xo))
            items.append(byte)
            # TJ moves by the glyph's own width; correct that to HarfBuzz's advance.
            after = widths[i] - run.advances[i] * 1000 + xo
            if abs(after) > 0.05:
                items.append(float(after))
            i += 1
        if items:
            out.append(_tj(items))
    if rise:
        out.append("0 Ts")
    code = "\n".join(out)
    cache[key] = code
    return code


def _emit_run(code: list[str], canvas: Any, run: GlyphRun, x: float, baseline: float,
              size: float) -> None:
    if not run.gids:
        return
    ops = _run_code(canvas, run, size)
    # A family without a bold face is thickened by printing the run again, slightly shifted.
    # (Text render mode 2, fill and stroke, is ignored for some glyphs by poppler and cairo.)
    offsets = _FAKE_BOLD_OFFSETS if run.entry.fake_bold else ((0.0, 0.0),)
    for dx, dy in offsets:
        code.append(f"1 0 0 1 {_num(x + dx * size)} {_num(baseline + dy * size)} Tm")
        code.append(ops)
