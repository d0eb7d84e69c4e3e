"""Name folding for search and duplicate detection across scripts.

`fold` makes the forms a clerk might type for one name compare equal: any case, with or without
Latin diacritics (Nguyễn = nguyen, Đặng = dang), full- or half-width (ｸﾞｴﾝ = グエン), hiragana
or katakana (ぐえん = グエン), small or large kana and the common loan-word spellings
(ヴァ = バ, グェン = グエン), with or without long-vowel marks and separators.
Marks on Latin letters are removed, and Arabic-script vowel marks (harakat: مُحَمَّد = محمد),
which are usually left out in writing; in Devanagari, Thai or Sinhala the marks are vowels and
stay.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LATIN_SPECIALS = str.maketrans(
    {"đ": "d", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d", "ħ": "h"}
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SMALL_KANA = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_KANA_VARIANTS = (
    ("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴュ", "ビュ"), ("ヴ", "ブ"),
    ("ヂ", "ジ"), ("ヅ", "ズ"), ("ヲ", "オ"), ("ヰ", "イ"), ("ヱ", "エ"),
)
# Separators a clerk may or may not type: middle dots, equals signs, hyphens, commas, slashes.
_SEPARATORS = re.compile(r"[\s・·=＝\-‐‑‒–—―,，、./／()（）\[\]\"“”]+")
_DROPPED = re.compile(r"['’`ʻʼー]")


# Arabic harakat, tanwin, shadda, sukun, superscript alef, and the tatweel used to stretch words.
_ARABIC_OPTIONAL = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640], None)


# Combining marks (the blocks Latin uses) right after a Latin letter, once decomposed (NFD).
_LATIN_MARKS = re.compile(
    "(?<=[\x00-\u024f\u1e00-\u1eff])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)


# Latin letters that carry a mark once composed (NFKC), or a combining mark on its own: only
# text with one of these needs the decomposing and recomposing below (katakana never does).
_MAY_HAVE_LATIN_MARKS = re.compile(
    "[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def _strip_latin_marks(text: str) -> str:
    if text.isascii() or not _MAY_HAVE_LATIN_MARKS.search(text):
        return text
    return unicodedata.normalize("NFC", _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text)))


_HIRAGANA_TO_KATAKANA = {cp: cp + 0x60 for cp in range(0x3041, 0x3097)}


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The search form of `text`: words separated by single spaces, see the module docstring.

    The search index stores folded terms: a change here needs a migration that rebuilds it.
    """
    if text.isascii():  # most passport names: nothing to normalise but case and separators
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_ARABIC_OPTIONAL)
        text = _strip_latin_marks(text.casefold()).translate(_LATIN_SPECIALS)
    if not text.isascii():
        text = text.translate(_HIRAGANA_TO_KATAKANA)
        for variant, plain in _KANA_VARIANTS:
            if variant in text:
                text = text.replace(variant, plain)
        text = text.translate(_SMALL_KANA)
    text = _DROPPED.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


#: Scripts written without spaces between words in names: kana, CJK ideographs and Hangul.
_UNSPACED_RANGES = (
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0x1100, 0x11FF),  # Hangul jamo
    (0x20000, 0x2FA1F),  # CJK extensions B and later
)
#: A run of characters of those scripts.
UNSPACED_RUN = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _UNSPACED_RANGES) + "]+"
)


def is_katakana_reading(text: str) -> bool:
    """True when `text` is a plausible katakana reading (katakana, spaces, ー, ・, ＝)."""
    return bool(text.strip()) and all(
        "\u30a0" <= ch <= "\u30ff" or ch in " 　=＝" for ch in text
    )


@lru_cache(maxsize=4096)
def phone_digits(text: str) -> str:
    """Digits of a phone number in domestic form: +81 90-1234-5678 -> 09012345678."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())
    if text.strip().startswith("+81") or digits.startswith("0081"):
        digits = "0" + digits[2:] if digits.startswith("81") else "0" + digits[4:]
    return digits
