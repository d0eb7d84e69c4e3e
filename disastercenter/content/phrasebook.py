"""Phrases: the catalogue, the language files, and lookups with fallback.

The format is described in docs/phrasebooks.md. `phrasebooks/catalog.toml` holds every key with
its metadata and the Japanese, やさしい日本語 and English texts; `phrasebooks/<code>.toml` holds
one language each. Everything is merged into one `Phrasebook`, so `text(key, lang)` works for
every language of the registry.

Reading is split from checking on purpose. The `parse_*` functions below turn TOML data into
phrases and report every schema problem they see; `load_phrasebook` (what the app calls) only
refuses to start when the catalogue itself is unusable, because a typo in one translation must
not take the whole app down at a shelter: that language falls back instead. `content check`
(`disastercenter.content.check`) is the strict side and runs in the test suite.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from disastercenter.content.paths import content_dirs
from disastercenter.core.languages import LANGUAGES, fallback_chain

RUBY = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")
#: A `{name}` placeholder; furigana groups always contain `|`, so the two never clash.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

CATALOG_FILE = "catalog.toml"
PICTOGRAMS_FILE = "pictograms.toml"
#: Files of a phrasebook folder that are not language files.
NON_LANGUAGE_FILES = frozenset({CATALOG_FILE, PICTOGRAMS_FILE})

#: Languages whose texts live in the catalogue, and the catalogue field holding each.
CATALOG_LANGUAGES: dict[str, str] = {"ja": "ja", "ja-x-easy": "ja_easy", "en": "en"}

CATEGORIES = frozenset({
    "language_board", "reception", "rules", "distribution", "facilities", "safety", "health",
    "answers", "numbers", "time", "evacuee", "diet", "religion", "feelings", "notice", "form",
    "vocab", "signs",
})
STATUSES = frozenset({"unreviewed", "reviewed"})
PLACEHOLDER_TYPES = frozenset({"time", "date", "place", "count", "text"})

_CATALOG_TOP = frozenset({"phrases"})
_CATALOG_FIELDS = frozenset({
    "category", "pictogram", "ja", "ja_easy", "en", "status", "reviewer", "reviewed_on", "note",
    "placeholders",
})
_LANGUAGE_TOP = frozenset({"language", "entries"})
_ENTRY_FIELDS = frozenset({"text", "status", "reviewer", "reviewed_on"})
_PICTOGRAM_TOP = frozenset({"pictograms"})
_PICTOGRAM_FIELDS = frozenset({"description"})


class Problem(NamedTuple):
    """One thing wrong with a content file. A tuple, so `ContentError` takes it as is."""

    file: str
    key: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.reason}"


def fill(text: str, values: dict[str, object]) -> str:
    """`text` with each `{name}` placeholder replaced by its value; unknown names stay as they
    are, and furigana groups (which contain `|`) are never touched."""
    return PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text
    )


def ruby_in_parentheses(text: str) -> str:
    """`{避難所|ひなんじょ}へ` -> `避難所（ひなんじょ）へ`: furigana for widgets that cannot
    show ruby (labels, buttons, check boxes)."""
    return RUBY.sub(r"\1（\2）", text)


def strip_ruby(text: str) -> str:
    """`{避難所|ひなんじょ}へ` -> `避難所へ`: the plain text of furigana markup."""
    return RUBY.sub(r"\1", text)


@dataclass(frozen=True)
class Review:
    """Whether a text was checked by a person, by whom and when."""

    status: str = "unreviewed"
    reviewer: str = ""
    reviewed_on: str = ""  # ISO date, as written in the file

    @property
    def is_reviewed(self) -> bool:
        return self.status == "reviewed"


@dataclass
class Phrase:
    """One catalogue key: metadata plus its text in every language that has one."""

    key: str
    category: str
    texts: dict[str, str] = field(default_factory=dict)  # language code -> text (ja with ruby)
    source: str = ""
    pictogram: str | None = None
    placeholders: dict[str, str] = field(default_factory=dict)  # name -> type
    note: str = ""
    #: The review of the catalogue's own texts (ja, ja_easy, en).
    review: Review = field(default_factory=Review)
    #: The review of each translation, by language code.
    reviews: dict[str, Review] = field(default_factory=dict)


@dataclass
class LanguageEntry:
    """One entry of a language file, before it is merged into the catalogue."""

    text: str
    review: Review


@dataclass
class Phrasebook:
    phrases: dict[str, Phrase]
    #: Problems met while loading that did not stop the load (a translation that could not be
    #: read, an entry of the wrong shape); `content check` reports them and more.
    problems: list[Problem] = field(default_factory=list)

    def text(self, key: str, lang: str, *, ruby: bool = False) -> str:
        """The text of `key` in `lang`, else along its fallback chain, then English, Japanese,
        and finally the key itself.

        Furigana markup is removed unless `ruby` is True.
        """
        phrase = self.phrases.get(key)
        if phrase is None:
            return key
        for candidate in _lookup_order(lang):
            text = phrase.texts.get(candidate)
            if text:
                return text if ruby else strip_ruby(text)
        return key

    def fill(self, key: str, lang: str, values: Mapping[str, object], *, ruby: bool = False) -> str:
        """The text of `key` in `lang` (as `text` finds it) with its placeholders filled by
        `values`, formatted for `lang` and checked against the catalogue's declared types.

        Raises UserError for a missing or wrong-typed value (see `content.templates`).
        """
        from disastercenter.content.templates import fill_template

        phrase = self.phrases.get(key)
        text = self.text(key, lang, ruby=ruby)
        if phrase is None:
            return text
        used = self._language_used(phrase, lang)
        return fill_template(used, text, values, types=phrase.placeholders, ruby=ruby)

    def _language_used(self, phrase: Phrase, lang: str) -> str:
        """The language whose text `text` returns for `phrase` (after fallbacks)."""
        for candidate in _lookup_order(lang):
            if phrase.texts.get(candidate):
                return candidate if candidate in LANGUAGES else "en"
        return "en"

    def has(self, key: str, lang: str) -> bool:
        """Whether `key` has its own text in `lang` (no fallback)."""
        phrase = self.phrases.get(key)
        return phrase is not None and bool(phrase.texts.get(lang))

    def languages(self) -> list[str]:
        """Registry codes that have at least one text, in registry order."""
        present = {lang for phrase in self.phrases.values() for lang, t in phrase.texts.items() if t}
        return [code for code in LANGUAGES if code in present]


@lru_cache(maxsize=64)
def _lookup_order(lang: str) -> tuple[str, ...]:
    try:
        chain = list(fallback_chain(lang))
    except KeyError:  # not in the registry: only the code itself, then the usual fallbacks
        chain = [lang]
    for last in ("en", "ja"):
        if last not in chain:
            chain.append(last)
    return tuple(chain)


class ContentError(Exception):
    """Content files with problems; `problems` lists (file, key, reason) for every one."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems
        lines = [f"{file}: {key}: {reason}" for file, key, reason in problems]
        super().__init__("\n".join(lines))


# --- reading ------------------------------------------------------------------------------------

_TABLE_HEADER = re.compile(
    r"""^[ \t]*\[[ \t]*(phrases|entries|pictograms)[ \t]*\.[ \t]*
        ("(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[A-Za-z0-9_-]+))[ \t]*\][ \t]*(\#.*)?$""",
    re.VERBOSE,
)
_DUPLICATE_MESSAGE = re.compile(r"Cannot (declare .* twice|overwrite a value|redefine namespace)")


def read_toml(path: Path, display: str, problems: list[Problem]) -> dict[str, Any] | None:
    """The TOML data of `path`, or None after reporting why it cannot be read.

    TOML stops at its first error; for duplicated `[phrases."key"]` / `[entries."key"]` tables
    (the usual merge mistake) the headers are scanned too, so every duplicate is reported.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(display, "", f"cannot read: {exc.strerror or exc}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(display, "", f"not UTF-8: {exc.reason} at byte {exc.start}"))
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        duplicates = _duplicate_tables(text)
        for key, lines in duplicates.items():
            where = ", ".join(str(n) for n in lines)
            problems.append(Problem(display, key, f"duplicate key (lines {where})"))
        if not (duplicates and _DUPLICATE_MESSAGE.search(message)):
            reason = "duplicate key" if _DUPLICATE_MESSAGE.search(message) else "TOML syntax error"
            problems.append(Problem(display, "", f"{reason}: {message}"))
        return None


def _duplicate_tables(text: str) -> dict[str, list[int]]:
    seen: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _TABLE_HEADER.match(line)
        if match:
            key = match.group("dq") if match.group("dq") is not None else (
                match.group("sq") if match.group("sq") is not None else match.group("bare"))
            seen.setdefault(key, []).append(number)
    return {key: lines for key, lines in seen.items() if len(lines) > 1}


def _parse_review(entry: dict[str, Any], source: str, key: str, problems: list[Problem]) -> Review:
    status = entry.get("status")
    reviewer = entry.get("reviewer")
    reviewed_on = entry.get("reviewed_on")
    if status is None:
        problems.append(Problem(source, key, "missing status"))
        status = "unreviewed"
    elif status not in STATUSES:
        problems.append(Problem(
            source, key, f"status must be one of {sorted(STATUSES)}, not {status!r}"
        ))
        status = "unreviewed"
    if reviewer is not None and not isinstance(reviewer, str):
        problems.append(Problem(source, key, "reviewer must be a string"))
        reviewer = None
    date_text = _iso_date(reviewed_on)
    if reviewed_on is not None and date_text is None:
        problems.append(Problem(
            source, key, f"reviewed_on must be an ISO date (YYYY-MM-DD), not {reviewed_on!r}"
        ))
    if status == "reviewed":
        if not (reviewer or "").strip():
            problems.append(Problem(source, key, "reviewed but no reviewer"))
        if reviewed_on is None:
            problems.append(Problem(source, key, "reviewed but no reviewed_on date"))
    elif reviewer is not None or reviewed_on is not None:
        # The format keeps these only for reviewed texts, so a reset status cannot leave a
        # stale "reviewed by" behind.
        problems.append(Problem(source, key, "reviewer/reviewed_on given but status is not reviewed"))
    return Review(status, (reviewer or "").strip(), date_text or "")


def _iso_date(value: object) -> str | None:
    """`value` as YYYY-MM-DD if it is a date (TOML date or ISO string), else None."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


def _check_top(data: dict[str, Any], allowed: frozenset[str], source: str, problems: list[Problem]) -> None:
    for name in sorted(set(data) - allowed):
        problems.append(Problem(source, name, f"unknown top-level field (expected {sorted(allowed)})"))


def parse_catalog(data: dict[str, Any], source: str, problems: list[Problem]) -> dict[str, Phrase]:
    """The phrases of a catalogue, appending every schema problem found.

    Pictogram ids, furigana and placeholders inside texts are checked by `content check`,
    which knows the other files.
    """
    _check_top(data, _CATALOG_TOP, source, problems)
    entries = data.get("phrases")
    if entries is None:
        problems.append(Problem(source, "phrases", "missing [phrases] table"))
        return {}
    if not isinstance(entries, dict):
        problems.append(Problem(source, "phrases", "must be a table of phrases"))
        return {}
    phrases: dict[str, Phrase] = {}
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            problems.append(Problem(source, key, "must be a table"))
            continue
        for name in sorted(set(entry) - _CATALOG_FIELDS):
            problems.append(Problem(source, key, f"unknown field {name!r}"))
        category = entry.get("category")
        if category is None:
            problems.append(Problem(source, key, "missing category"))
        elif category not in CATEGORIES:
            problems.append(Problem(source, key, f"unknown category {category!r}"))
        texts: dict[str, str] = {}
        for lang, name in CATALOG_LANGUAGES.items():
            value = entry.get(name)
            if value is None:
                problems.append(Problem(source, key, f"missing {name}"))
            elif not isinstance(value, str):
                problems.append(Problem(source, key, f"{name} must be a string"))
            elif not value.strip():
                problems.append(Problem(source, key, f"empty {name}"))
            else:
                texts[lang] = value
        pictogram = entry.get("pictogram")
        if pictogram is not None and not (isinstance(pictogram, str) and pictogram):
            problems.append(Problem(source, key, "pictogram must be a pictogram id (string)"))
            pictogram = None
        placeholders = _parse_placeholders(entry.get("placeholders"), source, key, problems)
        note = entry.get("note", "")
        if not isinstance(note, str):
            problems.append(Problem(source, key, "note must be a string"))
            note = ""
        review = _parse_review(entry, source, key, problems)
        phrases[key] = Phrase(
            key, str(category or ""), texts, source, pictogram, placeholders, note, review
        )
    return phrases


def _parse_placeholders(value: object, source: str, key: str, problems: list[Problem]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(Problem(source, key, "placeholders must be a table of name = type"))
        return {}
    declared: dict[str, str] = {}
    for name, kind in value.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            problems.append(Problem(source, key, f"placeholder name {name!r} is not an identifier"))
        elif kind not in PLACEHOLDER_TYPES:
            problems.append(Problem(
                source, key, f"placeholder {name!r} has type {kind!r}, not one of {sorted(PLACEHOLDER_TYPES)}"
            ))
        else:
            declared[name] = kind
    return declared


def parse_language_file(
    data: dict[str, Any], source: str, expected_code: str, problems: list[Problem]
) -> tuple[str | None, dict[str, LanguageEntry]]:
    """The language code and entries of `<code>.toml`, appending every schema problem found.

    The code is None when the file's `language` is unusable (missing, not in the registry,
    different from the file name, or one whose texts live in the catalogue).
    """
    _check_top(data, _LANGUAGE_TOP, source, problems)
    code: str | None = None
    language = data.get("language")
    if language is None:
        problems.append(Problem(source, "language", "missing"))
    elif not isinstance(language, str) or language not in LANGUAGES:
        problems.append(Problem(source, "language", f"{language!r} is not in the language registry"))
    elif language != expected_code:
        problems.append(Problem(source, "language", f"{language!r} does not match the file name"))
    elif language in CATALOG_LANGUAGES:
        problems.append(Problem(source, "language", f"{language!r} texts live in {CATALOG_FILE}"))
    else:
        code = language
    entries = data.get("entries")
    if entries is None:
        problems.append(Problem(source, "entries", "missing [entries] table"))
        return code, {}
    if not isinstance(entries, dict):
        problems.append(Problem(source, "entries", "must be a table of entries"))
        return code, {}
    parsed: dict[str, LanguageEntry] = {}
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            problems.append(Problem(source, key, "must be a table"))
            continue
        for name in sorted(set(entry) - _ENTRY_FIELDS):
            problems.append(Problem(source, key, f"unknown field {name!r}"))
        text = entry.get("text")
        if text is None:
            problems.append(Problem(source, key, "missing text"))
            text = ""
        elif not isinstance(text, str):
            problems.append(Problem(source, key, "text must be a string"))
            text = ""
        elif not text.strip():
            problems.append(Problem(source, key, "empty text"))
        parsed[key] = LanguageEntry(text, _parse_review(entry, source, key, problems))
    return code, parsed


def parse_pictograms(data: dict[str, Any], source: str, problems: list[Problem]) -> dict[str, str]:
    """Pictogram id -> description, appending every schema problem found."""
    _check_top(data, _PICTOGRAM_TOP, source, problems)
    table = data.get("pictograms", {})
    if not isinstance(table, dict):
        problems.append(Problem(source, "pictograms", "must be a table of pictograms"))
        return {}
    pictograms: dict[str, str] = {}
    for pid, entry in table.items():
        if not isinstance(entry, dict):
            problems.append(Problem(source, pid, "must be a table"))
            continue
        for name in sorted(set(entry) - _PICTOGRAM_FIELDS):
            problems.append(Problem(source, pid, f"unknown field {name!r}"))
        description = entry.get("description")
        if not isinstance(description, str) or not description.strip():
            problems.append(Problem(source, pid, "missing description"))
            description = ""
        pictograms[pid] = description
    return pictograms


def language_files(folder: Path) -> list[Path]:
    """The `<code>.toml` files of a phrasebook folder, sorted by name."""
    return sorted(p for p in folder.glob("*.toml") if p.name not in NON_LANGUAGE_FILES)


def merge_language(phrases: dict[str, Phrase], code: str, entries: dict[str, LanguageEntry]) -> None:
    """Put a language's texts into the catalogue's phrases; keys the catalogue lacks are dropped
    (the check reports them) and empty texts are skipped so lookups fall back."""
    for key, entry in entries.items():
        phrase = phrases.get(key)
        if phrase is None:
            continue
        if entry.text.strip():
            phrase.texts[code] = entry.text
        phrase.reviews[code] = entry.review


def load_phrasebook(
    workspace_path: Path | None = None,
    languages: frozenset[str] | None = None,
    additions: Sequence[Phrase] = (),
) -> Phrasebook:
    """The catalogue and every language file, shipped first, then the workspace's own files in
    `<workspace dir>/content/phrasebooks` (later folders override earlier ones by key), then
    `additions`: phrases from elsewhere, such as the ones a center wrote during an operation
    (`services.phrasebook`), kept apart from the files and added by key.

    With `languages`, only those language files are read (the catalogue already holds ja,
    ja-x-easy and en): the UI starts faster. Files are read again only when one changed.

    Raises ContentError only when the catalogue cannot be used: unreadable, or entries without
    Japanese or English. Other problems are kept in `Phrasebook.problems`.
    """
    folders = content_dirs("phrasebooks", workspace_path)
    book = _load_folders(_folder_state(folders), languages)
    if not additions:
        return book
    phrases = dict(book.phrases)
    for phrase in additions:
        phrases[phrase.key] = phrase
    return Phrasebook(phrases, list(book.problems))


def load_folder(folder: Path, languages: frozenset[str] | None = None) -> Phrasebook:
    """The phrasebook of one folder alone (a checkout's `phrasebooks/`, an exported set of
    user phrases), read again only when one of its files changed."""
    return _load_folders(_folder_state([Path(folder)]), languages)


def _folder_state(folders: list[Path]) -> tuple[_FolderState, ...]:
    """The folders with the name, change time and size of each TOML file: the cache key, so an
    edited file (a translator's import, an edit in the app) is read again."""
    state = []
    for folder in folders:
        files = []
        for path in sorted(folder.glob("*.toml")):
            try:
                stat = path.stat()
            except OSError:
                continue
            files.append((path.name, stat.st_mtime_ns, stat.st_size))
        state.append((folder, tuple(files)))
    return tuple(state)


_FolderState = tuple[Path, tuple[tuple[str, int, int], ...]]


@lru_cache(maxsize=16)
def _load_folders(state: tuple[_FolderState, ...], languages: frozenset[str] | None) -> Phrasebook:
    """Merge folders read by `_read_folder`: later catalogues replace earlier entries by key,
    then every folder's language entries are laid over the catalogue's phrases in order."""
    phrases: dict[str, Phrase] = {}
    fatal: list[Problem] = []
    soft: list[Problem] = []
    folders = [_read_folder(folder_state, languages) for folder_state in state]
    for folder in folders:
        fatal.extend(folder.fatal)
        soft.extend(folder.problems)
        for key, phrase in folder.catalog.items():
            # Copies: merging languages fills `texts` and `reviews`, and the parsed folder is
            # cached and shared with other merges.
            phrases[key] = replace(phrase, texts=dict(phrase.texts), reviews=dict(phrase.reviews))
    for folder in folders:
        for code, entries in folder.languages:
            merge_language(phrases, code, entries)
    if fatal:
        raise ContentError(fatal)
    return Phrasebook(phrases, soft)


@dataclass(frozen=True)
class _ParsedFolder:
    catalog: dict[str, Phrase]
    languages: list[tuple[str, dict[str, LanguageEntry]]]
    fatal: list[Problem]
    problems: list[Problem]


@lru_cache(maxsize=32)
def _read_folder(state: _FolderState, languages: frozenset[str] | None) -> _ParsedFolder:
    """One folder's catalogue and language files, parsed (cached while its files are unchanged:
    the shipped folder is read once for every workspace)."""
    folder = state[0]
    catalog: dict[str, Phrase] = {}
    fatal: list[Problem] = []
    soft: list[Problem] = []
    path = folder / CATALOG_FILE
    if path.is_file():
        data = read_toml(path, str(path), fatal)
        if data is not None:
            schema: list[Problem] = []
            catalog = parse_catalog(data, str(path), schema)
            if not isinstance(data.get("phrases"), dict):
                fatal.extend(problem for problem in schema if problem.key == "phrases")
            for key, phrase in catalog.items():
                for lang in ("ja", "en"):
                    if not phrase.texts.get(lang):
                        fatal.append(Problem(str(path), key, f"missing {lang} text"))
            soft.extend(schema)
    parsed: list[tuple[str, dict[str, LanguageEntry]]] = []
    for path in language_files(folder):
        if languages is not None and path.stem not in languages:
            continue
        data = read_toml(path, str(path), soft)
        if data is None:
            continue
        code, entries = parse_language_file(data, str(path), path.stem, soft)
        if code is not None:
            parsed.append((code, entries))
    return _ParsedFolder(catalog, parsed, fatal, soft)


def _clear_caches() -> None:
    _load_folders.cache_clear()
    _read_folder.cache_clear()


#: Tests and writers that know they changed files can drop every cached phrasebook.
load_phrasebook.cache_clear = _clear_caches  # type: ignore[attr-defined]
