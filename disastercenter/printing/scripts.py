"""Which writing system a character belongs to, as far as printing needs to know.

Python's `unicodedata` has no Script property, and text layout needs one: a run of text is
shaped with one script, and font fallback keeps "common" characters (spaces, digits,
punctuation) and combining marks with their neighbours instead of switching fonts for them.
The table covers the scripts of the supported languages and their neighbours; everything else
counts as common, which is the safe default (it joins the surrounding run).
"""

from __future__ import annotations

import bisect
import unicodedata
from functools import lru_cache

# (first, last, ISO 15924 code). Sorted, non-overlapping.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"), (0x0061, 0x007A, "Latn"), (0x00AA, 0x00AA, "Latn"),
    (0x00BA, 0x00BA, "Latn"), (0x00C0, 0x00D6, "Latn"), (0x00D8, 0x00F6, "Latn"),
    (0x00F8, 0x024F, "Latn"), (0x0250, 0x02AF, "Latn"),
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x060B, "Arab"), (0x060D, 0x061A, "Arab"), (0x061C, 0x061E, "Arab"),
    (0x0620, 0x063F, "Arab"), (0x0641, 0x064A, "Arab"), (0x0656, 0x066F, "Arab"),
    (0x0671, 0x06DC, "Arab"), (0x06DE, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"),
    (0x0870, 0x08FF, "Arab"),
    (0x0900, 0x0950, "Deva"), (0x0953, 0x0963, "Deva"), (0x0966, 0x097F, "Deva"),
    (0x0980, 0x09FF, "Beng"),
    (0x0A00, 0x0A7F, "Guru"), (0x0A80, 0x0AFF, "Gujr"), (0x0B00, 0x0B7F, "Orya"),
    (0x0B80, 0x0BFF, "Taml"), (0x0C00, 0x0C7F, "Telu"), (0x0C80, 0x0CFF, "Knda"),
    (0x0D00, 0x0D7F, "Mlym"),
    (0x0D80, 0x0DFF, "Sinh"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Laoo"),
    (0x0F00, 0x0FFF, "Tibt"),
    (0x1000, 0x109F, "Mymr"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "Hang"),
    (0x1780, 0x17FF, "Khmr"),
    (0x1800, 0x18AF, "Mong"),
    (0x19E0, 0x19FF, "Khmr"),
    (0x1C80, 0x1C8F, "Cyrl"),
    (0x1E00, 0x1EFF, "Latn"),
    (0x1F00, 0x1FFF, "Grek"),
    (0x2C60, 0x2C7F, "Latn"),
    (0x2DE0, 0x2DFF, "Cyrl"),
    (0x2E80, 0x2FDF, "Hani"),
    (0x3005, 0x3005, "Hani"), (0x3007, 0x3007, "Hani"), (0x3021, 0x3029, "Hani"),
    (0x3038, 0x303B, "Hani"),
    (0x3041, 0x3096, "Hira"), (0x309D, 0x309F, "Hira"),
    (0x30A1, 0x30FA, "Kana"), (0x30FD, 0x30FF, "Kana"),
    (0x3131, 0x318E, "Hang"),
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xA640, 0xA69F, "Cyrl"),
    (0xA720, 0xA7FF, "Latn"),
    (0xA8E0, 0xA8FF, "Deva"),
    (0xA960, 0xA97F, "Hang"),
    (0xA9E0, 0xA9FF, "Mymr"),
    (0xAA60, 0xAA7F, "Mymr"),
    (0xAB30, 0xAB6F, "Latn"),
    (0xAC00, 0xD7AF, "Hang"), (0xD7B0, 0xD7FF, "Hang"),
    (0xF900, 0xFAFF, "Hani"),
    (0xFB00, 0xFB06, "Latn"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"),
    (0xFF21, 0xFF3A, "Latn"), (0xFF41, 0xFF5A, "Latn"),
    (0xFF66, 0xFF6F, "Kana"), (0xFF71, 0xFF9D, "Kana"),
    (0xFFA0, 0xFFDC, "Hang"),
    (0x1B000, 0x1B16F, "Kana"),
    (0x20000, 0x3134F, "Hani"),
)
_STARTS = [r[0] for r in _RANGES]

#: Scripts that HarfBuzz shapes as one Japanese/Chinese run; mixing them never changes shaping.
HAN_FAMILY = frozenset({"Hani", "Hira", "Kana"})

ZWJ = "\u200d"
ZWNJ = "\u200c"
_JOINERS = frozenset({ZWJ, ZWNJ, "\u034f", "\u20e3"})  # joiners, grapheme joiner, keycap


@lru_cache(maxsize=8192)
def script_of(ch: str) -> str | None:
    """ISO 15924 code of `ch`, or None for common and inherited characters."""
    cp = ord(ch)
    i = bisect.bisect_right(_STARTS, cp) - 1
    if i >= 0:
        first, last, code = _RANGES[i]
        if first <= cp <= last:
            if unicodedata.category(ch).startswith("M") and code in ("Latn", "Grek", "Cyrl"):
                return None  # generic combining marks inside these blocks are inherited
            return code
    return None


def shaping_group(script: str | None) -> str | None:
    """Scripts that can share one shaping run map to the same group."""
    if script in HAN_FAMILY:
        return "Hani"
    return script


@lru_cache(maxsize=8192)
def extends_cluster(ch: str) -> bool:
    """True for characters that belong to the character before them: combining marks, joiners,
    variation selectors, emoji modifiers. Font fallback must not separate them from it."""
    if ch in _JOINERS:
        return True
    cp = ord(ch)
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or 0x1F3FB <= cp <= 0x1F3FF:
        return True
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


@lru_cache(maxsize=8192)
def is_ignorable(ch: str) -> bool:
    """Default-ignorable characters: drawn as nothing, so no font needs to contain them."""
    cp = ord(ch)
    return (
        ch in ("\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u3164")
        or 0x180B <= cp <= 0x180F
        or 0x200B <= cp <= 0x200F
        or 0x202A <= cp <= 0x202E
        or 0x2060 <= cp <= 0x206F
        or 0xFE00 <= cp <= 0xFE0F
        or cp == 0xFEFF
        or 0xE0000 <= cp <= 0xE0FFF
    )


def needs_glyph(ch: str) -> bool:
    """Whether a font must contain `ch` for it to print: not for controls, line and paragraph
    separators, or default-ignorable characters."""
    if is_ignorable(ch):
        return False
    category = unicodedata.category(ch)
    return not (category in ("Cc", "Zl", "Zp") or ch in "\t\n\r")
