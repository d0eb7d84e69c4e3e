"""HarfBuzz shaping of one run of text in one font, cached.

Shaping is done in font units, independent of the size, so a text that is shrunk to fit a box
is shaped once. The whole paragraph (or line) is given as context, so Arabic letters join
correctly across a font change, and the item range says which part to shape.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb

from disastercenter.printing.fonts import Font

#: No discretionary ligatures: with them BIZ UDGothic turns "in" into ㏌.
FEATURES: dict[str, bool] = {"dlig": False}


@dataclass(frozen=True)
class Shaped:
    """Glyphs of a shaped run, in visual order, positions in font units."""

    gids: tuple[int, ...]
    clusters: tuple[int, ...]  # index into the context text of the first character of each glyph
    x_advances: tuple[int, ...]
    x_offsets: tuple[int, ...]
    y_offsets: tuple[int, ...]
    upem: int

    @property
    def advance(self) -> int:
        return sum(self.x_advances)


def hb_language(lang: str) -> str:
    """A BCP 47 tag HarfBuzz maps to the right OpenType language system."""
    if lang.startswith("ja"):
        return "ja"
    return lang


_LOCK = threading.Lock()


def shape(
    font: Font, context: str, start: int, end: int, rtl: bool, script: str | None, lang: str
) -> Shaped:
    """Shape context[start:end] with `font`. Clusters index into `context`."""
    return _shape(font, context, start, end, rtl, script, lang)


@lru_cache(maxsize=4096)
def _shape(
    font: Font, context: str, start: int, end: int, rtl: bool, script: str | None, lang: str,
) -> Shaped:
    # Font objects are shared per file (fonts.open_font), so they are good cache keys.
    buf = hb.Buffer()
    buf.add_codepoints([ord(ch) for ch in context], start, end - start)
    buf.direction = "rtl" if rtl else "ltr"
    if script:
        buf.script = script
    buf.language = hb_language(lang)
    buf.guess_segment_properties()
    with _LOCK:  # hb_font objects are shared; HarfBuzz lazily loads tables on first use
        hb.shape(font.hb_font, buf, FEATURES)
    infos = buf.glyph_infos
    positions = buf.glyph_positions
    return Shaped(
        gids=tuple(i.codepoint for i in infos),
        clusters=tuple(i.cluster for i in infos),
        x_advances=tuple(p.x_advance for p in positions),
        x_offsets=tuple(p.x_offset for p in positions),
        y_offsets=tuple(p.y_offset for p in positions),
        upem=font.upem,
    )


@lru_cache(maxsize=32768)
def glyph_extents(font: Font, gid: int) -> tuple[int, int, int, int]:
    """(x_bearing, y_top, width, y_bottom) of a glyph's ink in font units."""
    with _LOCK:
        ext = font.hb_font.get_glyph_extents(gid)
    if ext is None:
        return 0, 0, 0, 0
    return ext.x_bearing, ext.y_bearing, ext.width, ext.y_bearing + ext.height
