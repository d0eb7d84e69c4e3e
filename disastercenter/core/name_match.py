"""Comparing one person's names across scripts: Latin, katakana and native script.

Duplicate detection needs to see that "NGUYEN Van An", "Nguyễn Văn An", "Van An Nguyen" and
"グエン・ヴァン・アン" may be one person. Three tools, all pure functions:

- `kana_to_romaji`: katakana or hiragana (any width) to Hepburn-like romaji, small kana
  combined (シャ = sha, ティ = ti, ウェ = we), ッ doubling the next consonant, ー dropped.
  Our own table: the katakana readings of foreign names need about a hundred entries, and the
  well-known converter (pykakasi) is GPL-licensed and about 6x slower on these strings
  (see docs/duplicates.md).
- `skeletons`: a coarse consonant skeleton of one romanised word, the same for a Latin spelling
  and its katakana reading in the common cases: vowels, y and w dropped; l = r, v = b, f = h;
  the sibilants and affricates (s, sh, ch, j, z, ts, x) one class; t = d, k = g; and the
  spelling habits of the languages written in Latin letters (Vietnamese ng-, -nh, ph, th, tr, d;
  pinyin x, q, c, zh; English th, silent h). Where a spelling is read in two ways (th is t in
  Vietnamese, s in English) a word has a few skeletons. Skeletons are for finding candidates
  and for a cross-script "sounds the same" signal only: two different names can share one.
- `NameForms`: every form of one person's name, folded (see core.names.fold) and split into
  words, with the skeletons of the Latin and katakana words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import product

from disastercenter.core.names import fold

# -- kana to romaji -------------------------------------------------------------------------

_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n", "ヴ": "vu",
    "ヵ": "ka", "ヶ": "ke",
}
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}
_SMALL_VOWEL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ヮ": "a"}
_VOWELS = "aeiou"
_KANA_SEPARATORS = re.compile(r"[\s・･=＝゠]+")


def _to_katakana(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(ch) + 0x60) if "\u3041" <= ch <= "\u3096" else ch for ch in text)


@lru_cache(maxsize=65536)
def _romanise_word(word: str) -> str:
    out: list[str] = []  # one entry per syllable, so small kana can rewrite the previous one
    double_next = False
    for ch in word:
        if ch in _SMALL_Y and out:
            previous = out[-1]
            if previous.endswith("i") and len(previous) > 1:
                stem = previous[:-1]
                # シャ sha, チャ cha, ジャ ja; キャ kya, ニャ nya
                out[-1] = stem + ("" if stem.endswith(("sh", "ch", "j")) else "y") + _SMALL_Y[ch]
            else:  # テュ tyu, デュ dyu, フュ fyu
                out[-1] = previous.rstrip(_VOWELS) + "y" + _SMALL_Y[ch]
            continue
        if ch in _SMALL_VOWEL and out:
            previous = out[-1]
            stem = previous.rstrip(_VOWELS)
            if not stem:  # ウィ wi, ウェ we, イェ ye
                stem = {"u": "w", "i": "y"}.get(previous, "")
            elif stem in ("ky", "gy", "ny", "hy", "my", "ry", "by", "py"):
                stem = stem[0]
            out[-1] = stem + _SMALL_VOWEL[ch]
            continue
        if ch in _SMALL_Y or ch in _SMALL_VOWEL:  # a small kana at the start reads as large
            out.append({"ャ": "ya", "ュ": "yu", "ョ": "yo"}.get(ch, _SMALL_VOWEL.get(ch, "")))
            continue
        if ch in "ッっ":
            double_next = True
            continue
        if ch in "ー〜~":
            continue  # long vowels are rarely written in Latin spellings of foreign names
        syllable = _BASE.get(ch)
        if syllable is None:
            if ch.isascii() and ch.isalnum():
                syllable = ch.lower()
            else:
                continue
        if double_next and syllable[0] not in _VOWELS:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        double_next = False
        out.append(syllable)
    return "".join(out)


def kana_to_romaji(text: str) -> str:
    """Hepburn-like romaji of a kana reading, words separated by single spaces.

    >>> kana_to_romaji("グエン・ヴァン・アン")
    'guen van an'
    >>> kana_to_romaji("しゃおみん")
    'shaomin'
    """
    words = _KANA_SEPARATORS.split(_to_katakana(text).strip())
    return " ".join(w for w in (_romanise_word(word) for word in words) if w)


_LETTER = re.compile(r"[^\W\d_]")
_NOT_KANA_LETTER = re.compile(r"[^\W\d_\u3040-\u30ff\uff66-\uff9f]")
_NOT_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")


def is_kana_text(text: str) -> bool:
    """True when every letter of `text` is kana (a reading, not a name in kanji)."""
    return bool(_LETTER.search(text)) and not _NOT_KANA_LETTER.search(text)


def is_latin_text(text: str) -> bool:
    """True when every letter of `text` is a Latin letter (with or without diacritics)."""
    return bool(_LETTER.search(text)) and not _NOT_LATIN_LETTER.search(text)


# -- skeletons ------------------------------------------------------------------------------

#: Spellings read in more than one way: each alternative gives its own skeleton.
_AMBIGUOUS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^tr(?=[aeiouy])"), ("tr", "ch")),  # Vietnamese Trần = チャン; English Trent
    (re.compile(r"th"), ("t", "s")),  # Vietnamese Thanh = タイン; English Smith = スミス
    (re.compile(r"^d(?=[aeiouy])"), ("d", "z")),  # Vietnamese Dương = ズオン; Deng = ドン
    (re.compile(r"^gi(?=[aeiou])"), ("gi", "z")),  # Vietnamese Giang = ザン
    (re.compile(r"c(?=[aou])"), ("k", "ts")),  # pinyin Cao = ツァオ; Carlos = カルロス
    (re.compile(r"q"), ("k", "ch")),  # Quang = クアン; pinyin Qiang = チャン
    (re.compile(r"ch(?=[aeiou])"), ("ch", "k")),  # Chen = チェン; Michael = マイケル
    (re.compile(r"g(?=[ei])"), ("g", "j")),  # Miguel = ミゲル; Angelica = アンジェリカ
    (re.compile(r"^j"), ("j", "h")),  # Jimin = ジミン; Spanish Juan = フアン
    (re.compile(r"r(?![aeiouy])"), ("r", "")),  # Park = パク, Mark = マーク; Fernández = フェルナンデス
    (re.compile(r"^l"), ("l", "")),  # Korean Lim = イム, Lee = イ
    (re.compile(r"x"), ("x", "ks")),  # pinyin Xiaoming = シャオミン; Laxmi = ラクシュミ
    (re.compile(r"(?<![pcstkgbdjzln])h(?![aeiouyw])"), ("", "f")),  # Ahmed = アハメド
    (re.compile(r"ph"), ("f", "p")),  # Phạm = ファム; Khmer Sophea = ソピア
    (re.compile(r"ll(?=[aeiou])"), ("l", "y")),  # Castillo = カスティーヨ
    (re.compile(r"v(?![aeiouy])"), ("v", "f")),  # Russian Fedorov = フョードロフ
    (re.compile(r"v(?=[aeiou])"), ("v", "w")),  # Russian Ivan = イワン
    (re.compile(r"^hu(?=[aeo])"), ("hu", "w")),  # Quechua Huamán = ワマン
)
_MAX_VARIANTS = 8

_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z]", ""),
        (r"^ng(?=[aeiouy])", "g"),  # Vietnamese Nguyễn = グエン, Ngô = ゴー
        (r"ng(?![aeiouy])", "n"),  # Wang = ワン, Hoàng = ホアン, Hongmei = ホンメイ
        (r"^nh|nh$", "n"),  # Vietnamese Thanh = タイン, Nhung = ニュン (not ジュンホン)
        (r"lh", "l"),  # Portuguese Carvalho = カルバーリョ
        (r"^hs", "s"),  # Wade-Giles Hsieh = シエ
        (r"ch(?=[rl])", "k"),  # Christian = クリスチャン
        (r"ph", "f"),
        (r"[kg]h", "k"),
        (r"([bdj])h", r"\1"),  # Bhattarai = バッタライ
        (r"ck", "k"),
        (r"qu", "k"),
        (r"tch|sch|sh|ch|zh|tz|ts|x|j|z", "s"),
        (r"c(?=[eiy])", "s"),
        (r"[cq]", "k"),
        (r"h(?![aeiouyw])", ""),  # silent h: Farah = ファラー, Shah
        (r"f", "h"),  # フ is fu or hu; Huy = フイ
        (r"v", "b"),
        (r"l", "r"),
        (r"d", "t"),
        (r"g", "k"),
        (r"[aeiouyw]", ""),
        (r"(.)\1+", r"\1"),
    )
)


_REPEATS = re.compile(r"(.)\1+")
_NOT_VOWELS = re.compile(r"[^aeiou]+")


def _reduce(word: str) -> str:
    reduced = word
    for pattern, replacement in _REWRITES:
        reduced = pattern.sub(replacement, reduced)
    if not reduced:
        # All vowels (Yu = ユ, Oh = オ, Ai = アイ): the vowels, marked, or every such word
        # would share the one empty skeleton.
        return "_" + _REPEATS.sub(r"\1", _NOT_VOWELS.sub("", word))
    return reduced


@lru_cache(maxsize=65536)
def skeletons(word: str) -> frozenset[str]:
    """The consonant skeletons of one lowercase romanised word (see the module docstring).

    >>> sorted(skeletons("nguyen")), sorted(skeletons("guen"))
    (['kn'], ['kn'])
    """
    variants = [word]
    for pattern, readings in _AMBIGUOUS:
        if len(variants) >= _MAX_VARIANTS:
            break
        if pattern.search(word):
            variants = [
                pattern.sub(reading, variant) for variant, reading in product(variants, readings)
            ][:_MAX_VARIANTS]
    return frozenset(_reduce(variant) for variant in variants)


# -- the names of one person ----------------------------------------------------------------


@dataclass(frozen=True)
class NameForms:
    """One person's names, folded and split into words, with their skeletons.

    `latin`: words of the passport name, or of a native name written in Latin letters
    (Vietnamese, Portuguese…) when there is no passport name, folded (no case, no diacritics).
    `latin_exact`: the same words keeping their diacritics (Lan and Lân are different names in
    Vietnamese). `kana`: words of the katakana reading, folded. `native`: a native name in
    another script (Han, Hangul, Devanagari, Thai…), folded and without spaces.
    `latin_sounds` / `kana_sounds`: for each word, its set of skeletons. The last three are
    worked out when first asked for: most comparisons never need them.
    """

    latin: tuple[str, ...]
    kana: tuple[str, ...]
    native: str
    latin_source: str = ""
    kana_source: str = ""

    @cached_property
    def latin_exact(self) -> tuple[str, ...]:
        return _marks_kept(self.latin_source) if self.latin_source else ()

    @cached_property
    def latin_sounds(self) -> tuple[frozenset[str], ...]:
        return tuple(skeletons(w) for w in self.latin if w.isascii())

    @cached_property
    def kana_sounds(self) -> tuple[frozenset[str], ...]:
        return tuple(skeletons(w) for w in kana_to_romaji(self.kana_source).split())

    @property
    def empty(self) -> bool:
        return not (self.latin or self.kana or self.native)


_WORD_SEPARATORS = re.compile(r"[\s・·=＝\-‐‑‒–—―,，、./／()（）\[\]\"“”]+")
_APOSTROPHES = re.compile(r"['’`ʻʼ]")


def _marks_kept(text: str) -> tuple[str, ...]:
    """Words of a Latin name in lower case with diacritics kept (NFC), split like fold."""
    folded_words = fold(text).split()
    exact = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text).casefold())
    exact_words = [w for w in (_APOSTROPHES.sub("", w) for w in _WORD_SEPARATORS.split(exact)) if w]
    # Fall back to the folded words when splitting differs (odd punctuation).
    return tuple(exact_words) if len(exact_words) == len(folded_words) else tuple(folded_words)


def name_forms(latin: str | None, native: str | None, kana: str | None) -> NameForms:
    """The comparable forms of a person's three name fields (any may be empty)."""
    latin = (latin or "").strip()
    native = (native or "").strip()
    kana = (kana or "").strip()
    latin_source = latin
    native_key = ""
    kana_text = kana
    if native:
        if is_latin_text(native):
            if not latin:  # the same name again (Vietnamese): only when there is no passport form
                latin_source = native
        elif is_kana_text(native):
            kana_text = kana_text or native
        else:
            native_key = fold(native).replace(" ", "")
    # A katakana reading written without spaces (グエンヴァンアン) is one word: so be it.
    return NameForms(
        latin=tuple(fold(latin_source).split()) if latin_source else (),
        kana=tuple(fold(kana_text).split()) if kana_text else (),
        native=native_key,
        latin_source=latin_source,
        kana_source=kana_text,
    )


def latin_with_marks_differ(a: NameForms, b: NameForms) -> bool:
    """True when both Latin names fold to the same words, both were written with diacritics,
    and the diacritics differ (Thị Lan / Thị Lân): in Vietnamese the marks tell names apart.
    A name written without any marks (a passport) differs from neither."""
    if sorted(a.latin) != sorted(b.latin) or not a.latin_exact or not b.latin_exact:
        return False
    if all(w.isascii() for w in a.latin_exact) or all(w.isascii() for w in b.latin_exact):
        return False
    return sorted(a.latin_exact) != sorted(b.latin_exact)


def _joined(sounds: tuple[frozenset[str], ...], limit: int = 64) -> set[str]:
    joined: set[str] = set()
    for choice in product(*(sorted(s) for s in sounds)):
        # Vowel-only words (_a of Ya-Ting) vanish when words run together (ヤーティン).
        joined.add(_REPEATS.sub(r"\1", "".join(c for c in choice if c[0] != "_")))
        if len(joined) >= limit:
            break
    return joined


def _all_vowels(sounds: frozenset[str]) -> bool:
    """A word of vowels only (Lee = イ, Yoo = ユ): its vowels are written too many ways to
    compare, so any two such words pair up."""
    return any(s[0] == "_" for s in sounds)


def sounds_alike(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> bool:
    """True when two names (each a tuple of word skeleton sets) sound the same: with as many
    words on both sides, every word of one pairs with a word of the other, in any order; with
    different counts, the words run together the same way with the family name first or last
    (デラクルス = dela Cruz, ジーハオ = Chih-Hao), at least three consonants long."""
    if not a or not b:
        return False
    if len(a) == len(b):
        unused = list(b)
        for sounds in a:
            for index, other in enumerate(unused):
                if sounds & other or (_all_vowels(sounds) and _all_vowels(other)):
                    del unused[index]
                    break
            else:
                return False
        return True
    joined_a = {j for j in _joined(a) if len(j) >= 3}
    if not joined_a:
        return False
    for turn in range(len(b)):
        if joined_a & _joined(b[turn:] + b[:turn]):
            return True
    return False


def typo_distance(a: str, b: str) -> int:
    """Edits between two short strings, a swap of neighbouring letters counting as one
    (optimal string alignment distance): Maricel / Mraicel = 1, Min / Ling = 2."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
