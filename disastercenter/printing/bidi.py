"""The Unicode bidirectional algorithm (UAX #9) for right-to-left and mixed lines.

Layout needs the resolved embedding level of every character (to split text into directional
runs that are shaped separately, and to order those runs on each line), not a reordered
string. python-bidi's fast Rust `get_display` returns only the reordered string, which loses
the index of each character and drops ZWJ/ZWNJ (Sinhala ශ්‍රී needs its ZWJ). The same package
ships the reference implementation step by step (`bidi.algorithm`); we run its rules up to
the resolved levels (X1-X10, W1-W7, N1-N2, I1-I2) and do the per-line part ourselves (L1, L2),
because lines are only known after the levels decide the runs. That implementation predates
rule N0 (paired brackets, Unicode 6.3), without which Urdu "مفت Wi-Fi (00000JAPAN) استعمال"
comes out as ")Wi-Fi (00000JAPAN"; we add N0 between the weak and the neutral rules. A test
compares the visual order we produce with `get_display` on every right-to-left phrase.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from bidi import algorithm as _uax9

_RTL_CLASSES = frozenset({"R", "AL", "RLE", "RLO", "RLI"})
#: X9: characters the algorithm removes; they take the level of their neighbour.
_REMOVED = frozenset({"RLE", "LRE", "RLO", "LRO", "PDF", "BN"})


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def resolve_levels(text: str, rtl: bool | None = None) -> tuple[int, list[int]]:
    """(paragraph level, resolved level of each character of `text`).

    `rtl` sets the paragraph direction (a language's direction); None finds it from the first
    strong character (P2-P3). Even levels are left-to-right, odd ones right-to-left.
    """
    base = (1 if rtl else 0) if rtl is not None else _uax9.get_base_level(text)
    if base == 0 and not has_rtl(text):
        return 0, [0] * len(text)
    storage = _uax9.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    _uax9.get_embedding_levels(text, storage)
    every = list(storage["chars"])  # same dicts; X9 below drops some from storage only
    _uax9.explicit_embed_and_overrides(storage)
    _uax9.resolve_weak_types(storage, False)
    _resolve_paired_brackets(storage)
    _uax9.resolve_neutral_types(storage, False)
    _uax9.resolve_implicit_levels(storage, False)
    levels = [entry["level"] for entry in every]
    previous = base
    for i, entry in enumerate(every):
        if entry["orig"] in _REMOVED:
            levels[i] = previous
        else:
            previous = levels[i]
    return base, levels


#: Bidi_Paired_Bracket pairs (opening -> closing) found in everyday text.
_BRACKETS = {
    "(": ")", "[": "]", "{": "}", "\u0f3a": "\u0f3b", "\u0f3c": "\u0f3d", "\u169b": "\u169c",
    "\u2045": "\u2046", "\u207d": "\u207e", "\u208d": "\u208e", "\u2308": "\u2309",
    "\u230a": "\u230b", "\u2329": "\u232a", "\u2768": "\u2769", "\u276a": "\u276b",
    "\u27e6": "\u27e7", "\u27e8": "\u27e9", "\u3008": "\u3009", "\u300a": "\u300b",
    "\u300c": "\u300d", "\u300e": "\u300f", "\u3010": "\u3011", "\u3014": "\u3015",
    "\u3016": "\u3017", "\u3018": "\u3019", "\u301a": "\u301b", "\ufe59": "\ufe5a",
    "\ufe5b": "\ufe5c", "\ufe5d": "\ufe5e", "\uff08": "\uff09", "\uff3b": "\uff3d",
    "\uff5b": "\uff5d", "\uff5f": "\uff60", "\uff62": "\uff63",
}
_CLOSING = set(_BRACKETS.values())


def _strong(bidi_type: str) -> str | None:
    """N0 treats European and Arabic numbers as R."""
    if bidi_type == "L":
        return "L"
    if bidi_type in ("R", "AL", "EN", "AN"):
        return "R"
    return None


def _resolve_paired_brackets(storage: dict) -> None:
    """Rule N0: a pair of brackets takes the direction of the strong text inside it (the
    embedding direction when both occur), else, when only the opposite direction occurs
    inside, that direction if the text before the pair has it too."""
    for run in storage["runs"]:
        chars = storage["chars"][run["start"]:run["start"] + run["length"]]
        if not chars:
            continue
        embedding = "R" if chars[0]["level"] % 2 else "L"
        stack: list[tuple[str, int]] = []
        pairs: list[tuple[int, int]] = []
        for i, entry in enumerate(chars):
            if entry["type"] != "ON":
                continue
            ch = entry["ch"]
            if ch in _BRACKETS:
                if len(stack) == 63:
                    break
                stack.append((_BRACKETS[ch], i))
            elif ch in _CLOSING:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == ch:
                        pairs.append((stack[depth][1], i))
                        del stack[depth:]
                        break
        for opening, closing in sorted(pairs):
            inside = {_strong(entry["type"]) for entry in chars[opening + 1:closing]}
            if embedding in inside:
                direction = embedding
            elif inside - {None}:
                opposite = "L" if embedding == "R" else "R"
                before = run["sor"]
                for entry in reversed(chars[:opening]):
                    found = _strong(entry["type"])
                    if found:
                        before = found
                        break
                direction = opposite if before == opposite else embedding
            else:
                continue
            for index in (opening, closing):
                chars[index]["type"] = direction
                following = index + 1
                while following < len(chars) and chars[following]["orig"] == "NSM":
                    chars[following]["type"] = direction
                    following += 1


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: the visual order of items (runs or characters) with the given levels, as a list
    of logical indices from left to right."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        n = len(order)
        while i < n:
            if levels[order[i]] >= level:
                j = i
                while j < n and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
