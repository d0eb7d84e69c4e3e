"""`content check`: every problem of the phrasebooks and forms, reported at once.

The loader (`content.phrasebook`) is lenient so a shelter laptop keeps working with one bad
translation; this module is the strict side, run by `python -m disastercenter content check`
and by the test suite. It never stops at the first problem: translators fix a whole file from
one report.

Rules, in the order a translator meets them:

- files: TOML syntax (duplicate keys included), unknown fields, a language file whose
  `language` is not in the registry or not its file name;
- catalogue: category, ja / ja_easy / en, status and review fields, pictogram ids, declared
  placeholders and their types;
- furigana in ja and ja_easy: well-formed `{base|reading}` groups, readings in kana, no stray
  braces, and no kanji left without furigana;
- every language (catalogue ones included): no missing or extra keys, no empty text, the
  declared placeholders exactly, text mostly in the language's script, and not simply the
  English text when the language is not written in Latin letters;
- forms: schema problems, and every phrase key they use exists in the catalogue.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from disastercenter.content.forms import check_form_phrases, parse_form
from disastercenter.content.paths import shipped_dir
from disastercenter.content.phrasebook import (
    CATALOG_FILE,
    CATALOG_LANGUAGES,
    PICTOGRAMS_FILE,
    PLACEHOLDER,
    Phrase,
    Phrasebook,
    Problem,
    language_files,
    merge_language,
    parse_catalog,
    parse_language_file,
    parse_pictograms,
    read_toml,
    strip_ruby,
)
from disastercenter.core.languages import LANGUAGES

#: Below this share of letters in the language's own script, a text is reported. Half leaves
#: room for embedded Latin words and names (Wi-Fi, QR, SIM, LINE) in short non-Latin texts,
#: while a pasted English or Japanese sentence still fails.
MIN_SCRIPT_SHARE = 0.5

#: Latin-script languages may repeat English verbatim for items this short (OK, Wi-Fi, SIM, Email)
#: or a single word (Hospital in Spanish, Internet in Tagalog): borrowing is normal there.
SHORT_ITEM_LETTERS = 6

#: Scripts by Unicode character-name prefix, longest prefixes first. Names keep this readable
#: and need no dependency; `regex` with \p{Script=...} would be exact but is one more package.
_NAME_PREFIXES: tuple[tuple[str, str], ...] = (
    ("FULLWIDTH LATIN", "Latn"),
    ("HALFWIDTH KATAKANA", "Kana"),
    ("HALFWIDTH HANGUL", "Hang"),
    ("CJK UNIFIED IDEOGRAPH", "Hani"),
    ("CJK COMPATIBILITY IDEOGRAPH", "Hani"),
    ("IDEOGRAPHIC ITERATION MARK", "Hani"),  # 々 in 人々
    ("LATIN", "Latn"),
    ("CYRILLIC", "Cyrl"),
    ("ARABIC", "Arab"),
    ("DEVANAGARI", "Deva"),
    ("BENGALI", "Beng"),
    ("THAI", "Thai"),
    ("MYANMAR", "Mymr"),
    ("KHMER", "Khmr"),
    ("SINHALA", "Sinh"),
    ("HIRAGANA", "Hira"),
    ("KATAKANA", "Kana"),  # also ー, KATAKANA-HIRAGANA PROLONGED SOUND MARK
    ("HANGUL", "Hang"),
    ("GREEK", "Grek"),
)

#: The letter scripts a text in each registry script (ISO 15924) is expected to use.
SCRIPT_LETTERS: dict[str, frozenset[str]] = {
    "Latn": frozenset({"Latn"}),
    "Cyrl": frozenset({"Cyrl"}),
    "Arab": frozenset({"Arab"}),
    "Deva": frozenset({"Deva"}),
    "Beng": frozenset({"Beng"}),
    "Thai": frozenset({"Thai"}),
    "Mymr": frozenset({"Mymr"}),
    "Khmr": frozenset({"Khmr"}),
    "Sinh": frozenset({"Sinh"}),
    "Jpan": frozenset({"Hani", "Hira", "Kana"}),
    # Chinese has no kana: kana in zh-Hans.toml means Japanese was pasted in.
    "Hans": frozenset({"Hani"}),
    "Hant": frozenset({"Hani"}),
    "Kore": frozenset({"Hang", "Hani"}),  # hanja are rare but legitimate
}


@lru_cache(maxsize=4096)
def letter_script(char: str) -> str | None:
    """The script of a letter (`Latn`, `Hani`, `Thai`…), "Zyyy" for a letter of another script,
    None for anything that is not a letter (digits, punctuation, spaces, combining marks)."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    for prefix, script in _NAME_PREFIXES:
        if name.startswith(prefix):
            return script
    return "Zyyy"


def _is_han(char: str) -> bool:
    return letter_script(char) == "Hani"


def _is_kana(char: str) -> bool:
    return "\u3041" <= char <= "\u30ff" or "\uff66" <= char <= "\uff9f"


def _letters(text: str) -> list[str]:
    """The scripts of the letters of a text, placeholders and ruby readings left out."""
    plain = PLACEHOLDER.sub(" ", strip_ruby(text))
    return [s for s in map(letter_script, plain) if s is not None]


def _words(text: str) -> list[tuple[str, str]]:
    """(word, script) for each run of letters of one script: `QR码` -> `QR`, `码`.

    Splitting at script changes matters because CJK, Thai and Burmese put no space between a
    borrowed Latin word and their own text.
    """
    plain = PLACEHOLDER.sub(" ", strip_ruby(text))
    words: list[tuple[str, str]] = []
    current: list[str] = []
    current_script: str | None = None
    for char in plain:
        script = letter_script(char)
        if script != current_script and current:
            words.append(("".join(current), current_script or ""))
            current = []
        if script is not None:
            current.append(char)
        current_script = script
    if current:
        words.append(("".join(current), current_script or ""))
    return words


def _script_problem(
    text: str, lang: str, script: str, expected: frozenset[str], phrase: Phrase
) -> str | None:
    """Why `text` is not written in `script`, or None.

    Foreign-script words copied from the source text (English; Japanese for English itself) are
    left out of the count: examples and names such as `line:abc123`, `QR` or `グエン` are meant
    to stay as they are. A text made only of such copies still fails in a non-Latin language:
    that is an untranslated text, not a borrowing.
    """
    words = _words(text)
    if not words:
        return None  # numbers, punctuation, placeholders only
    copied = _source_words(phrase, "ja" if lang == "en" else "en")
    own = foreign = 0
    for word, word_script in words:
        if word_script in expected:
            own += len(word)
        elif word not in copied:
            foreign += len(word)
    if own + foreign == 0:
        if script == "Latn":
            return None
        return f"no letters in {script} script, only words copied from the source text"
    share = own / (own + foreign)
    if share < MIN_SCRIPT_SHARE:
        return (f"text is not mostly in {script} script "
                f"({share:.0%} of letters; at least {MIN_SCRIPT_SHARE:.0%} expected)")
    return None


def _source_words(phrase: Phrase, source: str) -> frozenset[str]:
    texts = [phrase.texts.get(source, "")]
    if source == "ja":
        texts.append(phrase.texts.get("ja-x-easy", ""))
    return _words_of(tuple(texts))


@lru_cache(maxsize=2048)
def _words_of(texts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word for text in texts for word, _ in _words(text))


@dataclass
class CheckReport:
    """What `content check` found."""

    problems: list[Problem]
    languages: list[str] = field(default_factory=list)  # registry codes that have texts
    phrases: int = 0
    reviewed: int = 0  # reviewed catalogue entries plus reviewed language-file entries

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return (f"content ok: {len(self.languages)} languages, {self.phrases} phrases, "
                f"{self.reviewed} reviewed entries")


def check_content(
    phrasebook_dir: Path | None = None, forms_dir: Path | None = None, *, check_forms: bool = True
) -> CheckReport:
    """Check a phrasebook folder and a forms folder (the shipped ones by default). Without
    `check_forms`, only the phrasebook (an exported set of user phrases has no forms)."""
    phrasebook_dir = Path(phrasebook_dir) if phrasebook_dir is not None else shipped_dir("phrasebooks")
    forms_dir = Path(forms_dir) if forms_dir is not None else shipped_dir("forms")
    problems: list[Problem] = []
    phrases, catalog_ok, pictograms = _check_catalog(phrasebook_dir, problems)
    reviewed = sum(1 for p in phrases.values() if p.review.is_reviewed)
    for path in language_files(phrasebook_dir) if phrasebook_dir.is_dir() else ():
        reviewed += _check_language_file(path, _display(path), phrases, catalog_ok, problems)
    _check_pictogram_ids(phrasebook_dir, phrases, pictograms, problems)
    phrasebook = Phrasebook(phrases)
    if check_forms:
        _check_forms(forms_dir, phrasebook if catalog_ok else None, problems)
    return CheckReport(sorted(set(problems)), phrasebook.languages(), len(phrases), reviewed)


def _display(path: Path) -> str:
    """`phrasebooks/th.toml`: short, and the same on every machine."""
    return f"{path.parent.name}/{path.name}"


def _check_catalog(
    folder: Path, problems: list[Problem]
) -> tuple[dict[str, Phrase], bool, dict[str, str] | None]:
    """The catalogue's phrases, whether it could be read, and the pictogram ids (None when
    pictograms.toml is absent or unreadable)."""
    if not folder.is_dir():
        problems.append(Problem(str(folder), "", "phrasebook folder not found"))
        return {}, False, None
    pictograms: dict[str, str] | None = None
    pictogram_path = folder / PICTOGRAMS_FILE
    if pictogram_path.is_file():
        data = read_toml(pictogram_path, _display(pictogram_path), problems)
        if data is not None:
            pictograms = parse_pictograms(data, _display(pictogram_path), problems)
    path = folder / CATALOG_FILE
    source = _display(path)
    if not path.is_file():
        problems.append(Problem(source, "", "catalogue not found"))
        return {}, False, pictograms
    data = read_toml(path, source, problems)
    if data is None:
        return {}, False, pictograms
    phrases = parse_catalog(data, source, problems)
    for key, phrase in phrases.items():
        for lang, name in CATALOG_LANGUAGES.items():
            text = phrase.texts.get(lang)
            if text is None:
                continue  # missing or empty: parse_catalog reported it
            for reason in _text_problems(text, lang, phrase):
                problems.append(Problem(source, key, f"{name}: {reason}"))
    return phrases, True, pictograms


def _check_pictogram_ids(
    folder: Path, phrases: dict[str, Phrase], pictograms: dict[str, str] | None,
    problems: list[Problem],
) -> None:
    source = _display(folder / CATALOG_FILE)
    for key, phrase in phrases.items():
        if phrase.pictogram is None:
            continue
        if pictograms is None:
            reason = f"pictogram {phrase.pictogram!r} but no readable {PICTOGRAMS_FILE}"
            problems.append(Problem(source, key, reason))
        elif phrase.pictogram not in pictograms:
            problems.append(Problem(source, key, f"unknown pictogram {phrase.pictogram!r}"))


def _check_language_file(
    path: Path, source: str, phrases: dict[str, Phrase], catalog_ok: bool, problems: list[Problem]
) -> int:
    """Check one `<code>.toml`, merge its texts into `phrases`; the number of reviewed entries."""
    data = read_toml(path, source, problems)
    if data is None:
        return 0
    code, entries = parse_language_file(data, source, path.stem, problems)
    if code is None or not catalog_ok:
        # Without a language (or a catalogue) there is nothing to compare against; the
        # problems already reported say why, more per-key noise would hide them.
        return 0
    for key in phrases.keys() - entries.keys():
        problems.append(Problem(source, key, "missing (the key is in the catalogue)"))
    for key in entries.keys() - phrases.keys():
        problems.append(Problem(source, key, "not in the catalogue"))
    for key, entry in entries.items():
        phrase = phrases.get(key)
        if phrase is not None and entry.text.strip():
            for reason in _text_problems(entry.text, code, phrase):
                problems.append(Problem(source, key, reason))
    merge_language(phrases, code, entries)
    return sum(1 for key, e in entries.items() if key in phrases and e.review.is_reviewed)


class TextIssue(NamedTuple):
    """One thing wrong with a text: `code` names a message of `core.errors.MESSAGES`
    (`phrase.<code>`) filled with `params`, for people; `reason` is the line `content check`
    prints, for translators' reports."""

    code: str
    params: dict[str, str]
    reason: str


def text_issues(text: str, lang: str, phrase: Phrase) -> list[TextIssue]:
    """Everything wrong with one text of `phrase` in `lang` (the rules of `content check`)."""
    issues: list[TextIssue] = []
    if not text.strip():
        return [TextIssue("empty", {}, "empty text")]
    japanese = lang in ("ja", "ja-x-easy")
    found, outside, markup = _scan_braces(text, japanese)
    issues.extend(TextIssue("markup", {"detail": reason}, reason) for reason in markup)
    declared = set(phrase.placeholders)
    if found != declared:
        missing = ", ".join(f"{{{n}}}" for n in sorted(declared - found))
        extra = ", ".join(f"{{{n}}}" for n in sorted(found - declared))
        parts = []
        if missing:
            parts.append("missing " + missing)
        if extra:
            parts.append("not declared " + extra)
        reason = "placeholders differ from the catalogue: " + "; ".join(parts)
        issues.append(TextIssue("placeholders", {"missing": missing or "-", "extra": extra or "-"}, reason))
    if japanese:
        bare = list(dict.fromkeys(c for c in outside if _is_han(c)))  # in reading order
        if bare:
            chars = " ".join(bare)
            issues.append(TextIssue("kanji", {"chars": chars}, "kanji without furigana: " + chars))
    registry = LANGUAGES.get(lang)
    if registry is None:
        return issues
    expected = SCRIPT_LETTERS.get(registry.script)
    if expected is not None:
        reason = _script_problem(text, lang, registry.script, expected, phrase)
        if reason:
            issues.append(TextIssue("script", {"script": registry.script}, reason))
    english = phrase.texts.get("en", "")
    if lang != "en" and english and text.strip() == english.strip() and _letters(text):
        latin = registry.script == "Latn"
        if not latin or (len(_letters(text)) > SHORT_ITEM_LETTERS and len(text.split()) > 1):
            issues.append(TextIssue("untranslated", {}, "identical to the English text (untranslated?)"))
    return issues


def _text_problems(text: str, lang: str, phrase: Phrase) -> list[str]:
    """Everything wrong with one text of `phrase` in `lang`, as reasons."""
    return [issue.reason for issue in text_issues(text, lang, phrase)]


def _scan_braces(text: str, japanese: bool) -> tuple[set[str], str, list[str]]:
    """Walk the braces of a text: (placeholder names, text outside ruby groups and placeholders,
    markup problems). Ruby groups are only valid in Japanese texts."""
    names: set[str] = set()
    outside: list[str] = []
    reasons: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "}":
            reasons.append(f"malformed furigana markup: stray '}}' at {i}" if japanese
                           else f"stray '}}' at {i}")
            i += 1
            continue
        if char != "{":
            outside.append(char)
            i += 1
            continue
        close = text.find("}", i + 1)
        reopen = text.find("{", i + 1)
        if close == -1 or (reopen != -1 and reopen < close):
            what = "unclosed or nested '{'"
            reasons.append(f"malformed furigana markup: {what} at {i}" if japanese else f"{what} at {i}")
            i += 1
            continue
        inner = text[i + 1:close]
        i = close + 1
        if "|" in inner:
            if not japanese:
                reasons.append(f"furigana markup {{{inner}}} outside Japanese")
                continue
            reasons.extend(_ruby_problems(inner))
        elif PLACEHOLDER.fullmatch(f"{{{inner}}}"):
            names.add(inner)
        else:
            reasons.append(f"stray braces {{{inner}}} (neither a placeholder nor {{base|reading}})")
    return names, "".join(outside), reasons


def _ruby_problems(inner: str) -> list[str]:
    parts = inner.split("|")
    if len(parts) != 2:
        return [f"malformed furigana markup: {{{inner}}} needs exactly one '|'"]
    base, reading = parts
    reasons = []
    if not base.strip():
        reasons.append(f"malformed furigana markup: {{{inner}}} has an empty base")
    if not reading.strip():
        reasons.append(f"malformed furigana markup: {{{inner}}} has an empty reading")
    elif not all(_is_kana(c) for c in reading):
        reasons.append(f"malformed furigana markup: reading {reading!r} is not hiragana/katakana")
    return reasons


def _check_forms(folder: Path, phrasebook: Phrasebook | None, problems: list[Problem]) -> None:
    """Schema problems of every form, and phrase keys missing from the catalogue (skipped when
    the catalogue could not be read: every key would look missing)."""
    if not folder.is_dir():
        problems.append(Problem(str(folder), "", "forms folder not found"))
        return
    for path in sorted(folder.glob("*.toml")):
        source = _display(path)
        data = read_toml(path, source, problems)
        if data is None:
            continue
        found: list[tuple[str, str, str]] = []
        try:
            form = parse_form(data, source, found)
        except (AttributeError, TypeError, ValueError, KeyError) as exc:
            # parse_form trusts the overall shape (sections as a list of tables); a file that
            # breaks it is still a content problem, not a crash of the checker.
            found.append((source, "", f"malformed form: {type(exc).__name__}: {exc}"))
            form = None
        if form is not None:
            if form.id != path.stem:
                found.append((source, "id", f"{form.id!r} does not match the file name"))
            if phrasebook is not None:
                check_form_phrases(form, phrasebook, found)
        problems.extend(Problem(*problem) for problem in found)
