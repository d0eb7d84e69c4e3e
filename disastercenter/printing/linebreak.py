"""Where a line may break, for every language we print.

ICU (through `icu4py`, which ships ICU4C in wheels for Windows, macOS and Linux) gives the
Unicode line-break opportunities (UAX #14) with the tailorings we need: dictionary word
boundaries for Thai, Khmer, Myanmar and Lao, which write no spaces between words; Japanese and
Chinese line-start rules (kinsoku: no 。、」ー or small kana at the start of a line, no 「 at the
end), and phrase-based breaks for Japanese (`lw=phrase`: 避難所は|「体育館」|です。), which
keep words together on signs. Grapheme boundaries (UAX #29 with the Indic conjunct rules) are
the last resort for a word wider than the line, so a break never splits a cluster.

Opportunities carry a priority. Layout takes the furthest break of the best priority that fits,
and falls back to the next priority only when the line would be too empty:

- PREFERRED: spaces; Japanese phrase boundaries; for Chinese every ICU break.
- ALLOWED: the rest of ICU's breaks (between Japanese characters, between Thai words, between
  Korean syllables, which Korean typesetting avoids when a space is near).
- EMERGENCY: between grapheme clusters.
"""

from __future__ import annotations

from functools import lru_cache

from icu4py.breakers import CharacterBreaker, LineBreaker

PREFERRED = 0
ALLOWED = 1
EMERGENCY = 2


def _icu_locale(lang: str) -> tuple[str, str | None]:
    """(ICU locale for the ALLOWED breaks, ICU locale for PREFERRED ones or None)."""
    base = lang.split("-")[0]
    if lang == "ja":
        return "ja@lb=strict", "ja@lw=phrase"
    if base == "ja":  # やさしい日本語 puts spaces between words: those are the preferred breaks
        return "ja@lb=strict", None
    if base == "zh":
        return ("zh_Hant@lb=strict" if lang == "zh-Hant" else "zh@lb=strict"), None
    return base or "en", None


def _boundaries(breaker_type: type, text: str, locale: str) -> list[int]:
    """Boundaries (code point indices, excluding 0 and len) of an ICU breaker over `text`."""
    units = [end for _start, end in breaker_type(text, locale).segments()]
    if not text.isascii() and max(map(ord, text)) > 0xFFFF:
        # icu4py counts UTF-16 code units; map them back to code points.
        to_index = {}
        unit = 0
        for i, ch in enumerate(text):
            to_index[unit] = i
            unit += 2 if ord(ch) > 0xFFFF else 1
        to_index[unit] = len(text)
        units = [to_index[u] for u in units if u in to_index]
    return [u for u in units if 0 < u < len(text)]


@lru_cache(maxsize=4096)
def grapheme_boundaries(text: str) -> tuple[int, ...]:
    """Indices between grapheme clusters (extended, with Indic conjuncts), plus len(text)."""
    if not text:
        return ()
    return (*_boundaries(CharacterBreaker, text, "en"), len(text))


@lru_cache(maxsize=4096)
def break_opportunities(
    text: str, lang: str, atomic: tuple[tuple[int, int], ...] = ()
) -> tuple[tuple[int, int], ...]:
    """(index, priority) for every place a line may break before text[index], in order.

    `atomic` spans (start, end) may not break inside (furigana bases). The end of the text
    is not listed.
    """
    if not text:
        return ()
    allowed_locale, phrase_locale = _icu_locale(lang)
    best: dict[int, int] = {}
    chinese = lang.startswith("zh")
    for index in _boundaries(LineBreaker, text, allowed_locale):
        after_space = text[index - 1].isspace()
        best[index] = PREFERRED if (after_space or chinese) else ALLOWED
    if phrase_locale is not None:
        for index in _boundaries(LineBreaker, text, phrase_locale):
            if index in best:
                best[index] = PREFERRED
    for index in grapheme_boundaries(text):
        if 0 < index < len(text):
            best.setdefault(index, EMERGENCY)
    for start, end in atomic:
        for index in range(start + 1, end):
            best.pop(index, None)
    return tuple(sorted(best.items()))
