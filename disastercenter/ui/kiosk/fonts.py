"""Fonts for every script the kiosk shows, chosen per language.

Qt falls back from font to font for missing glyphs, but the fallback it picks for Han
characters may be a Japanese font for Chinese text (wrong glyph shapes) and it may pick a font
whose Myanmar or Sinhala shaping is poor. So each language names its fonts first; the others
follow as fallbacks for mixed text (a Latin name in an Arabic form, a katakana example).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase

from disastercenter.core.languages import LANGUAGES

#: Preferred font families per ISO 15924 script, best first (Debian: fonts-noto-core,
#: fonts-morisawa-bizud-gothic, fonts-wqy-microhei, fonts-nanum, fonts-arphic-uming).
SCRIPT_FAMILIES: dict[str, tuple[str, ...]] = {
    "Latn": ("Noto Sans", "DejaVu Sans"),
    "Cyrl": ("Noto Sans", "DejaVu Sans"),
    "Jpan": ("BIZ UDPGothic", "Noto Sans CJK JP", "Noto Sans JP"),
    "Hans": ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei"),
    "Hant": ("Noto Sans CJK TC", "Noto Sans TC", "WenQuanYi Micro Hei", "AR PL UMing TW"),
    "Kore": ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "NanumSquare"),
    "Arab": ("Noto Sans Arabic", "Noto Naskh Arabic"),
    "Deva": ("Noto Sans Devanagari",),
    "Beng": ("Noto Sans Bengali",),
    "Thai": ("Noto Sans Thai", "Noto Looped Thai"),
    "Mymr": ("Noto Sans Myanmar",),
    "Khmr": ("Noto Sans Khmer",),
    "Sinh": ("Noto Sans Sinhala",),
}
#: Urdu is usually written in Nastaliq, but Nastaliq's tall letters are cut off in buttons and
#: list rows sized for other scripts; Naskh is widely read and fits.
LANGUAGE_FAMILIES: dict[str, tuple[str, ...]] = {
    "ur": ("Noto Naskh Arabic", "Noto Sans Arabic"),
}
#: Fallbacks after a language's own fonts: Latin (names, codes), then Japanese (katakana
#: examples), then every other script.
_FALLBACK_SCRIPTS = ("Latn", "Jpan", "Hans", "Kore", "Arab", "Deva", "Beng", "Thai", "Mymr",
                     "Khmr", "Sinh")


@lru_cache(maxsize=1)
def _installed() -> frozenset[str]:
    return frozenset(QFontDatabase.families())


def own_families(code: str) -> list[str]:
    """The installed fonts meant for language `code`, best first (may be empty)."""
    script = LANGUAGES[code].script if code in LANGUAGES else "Latn"
    wanted = LANGUAGE_FAMILIES.get(code, ()) + SCRIPT_FAMILIES.get(script, ())
    return [f for f in wanted if f in _installed()]


def families_for(code: str) -> list[str]:
    """Font families for text in language `code`: its own, then fallbacks, no repeats."""
    chosen = own_families(code)
    for script in _FALLBACK_SCRIPTS:
        for family in SCRIPT_FAMILIES[script]:
            if family in _installed() and family not in chosen:
                chosen.append(family)
                break
    return chosen


def font_for(code: str, point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(families_for(code))
    font.setPointSizeF(point_size)
    return font
