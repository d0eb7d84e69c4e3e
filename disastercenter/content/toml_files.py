"""Writing phrasebook files in the documented layout, stable and diff-friendly.

Translators read these files in diffs and reviews, so a write changes only the entries that
changed: every other line (comments, section rulers, blank lines, entries in their order) stays
byte for byte. Entries are written in the layout of docs/phrasebooks.md:

    [entries."need.water"]
    text = "Xin cho tôi nước."
    status = "reviewed"
    reviewer = "Nguyen T."
    reviewed_on = "2026-11-21"

A new entry goes after the entry that precedes it in catalogue order, so files keep the
catalogue's order. Files are written atomically (temp file, fsync, rename).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from disastercenter.content.phrasebook import (
    _TABLE_HEADER,
    CATALOG_LANGUAGES,
    LanguageEntry,
    Phrase,
    Review,
)
from disastercenter.core.errors import UserError

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(value: str) -> str:
    """A TOML basic string: UTF-8 kept as is, quotes, backslashes and controls escaped."""
    out = []
    for char in value:
        escaped = _ESCAPES.get(char)
        if escaped is not None:
            out.append(escaped)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def review_lines(review: Review) -> list[str]:
    lines = [f"status = {toml_string(review.status)}"]
    if review.is_reviewed:
        lines.append(f"reviewer = {toml_string(review.reviewer)}")
        lines.append(f"reviewed_on = {toml_string(review.reviewed_on)}")
    return lines


def language_entry_lines(key: str, entry: LanguageEntry) -> list[str]:
    """An `[entries."key"]` table of a language file."""
    return [f"[entries.{toml_string(key)}]", f"text = {toml_string(entry.text)}",
            *review_lines(entry.review)]


def catalog_entry_lines(phrase: Phrase) -> list[str]:
    """A `[phrases."key"]` table of a catalogue, fields in the catalogue's order."""
    lines = [f"[phrases.{toml_string(phrase.key)}]", f"category = {toml_string(phrase.category)}"]
    if phrase.pictogram:
        lines.append(f"pictogram = {toml_string(phrase.pictogram)}")
    for lang, field in CATALOG_LANGUAGES.items():
        lines.append(f"{field} = {toml_string(phrase.texts.get(lang, ''))}")
    lines.extend(review_lines(phrase.review))
    if phrase.placeholders:
        pairs = ", ".join(f"{toml_key(n)} = {toml_string(t)}" for n, t in phrase.placeholders.items())
        lines.append(f"placeholders = {{ {pairs} }}")
    if phrase.note:
        lines.append(f"note = {toml_string(phrase.note)}")
    return lines


def update_tables(
    text: str, blocks: Mapping[str, list[str]], order: Sequence[str]
) -> str:
    """`text` (a phrasebook file) with the tables of `blocks` replaced or added.

    `blocks` maps a key to its new table lines (header first). A key already in the file has its
    header and fields replaced in place; the comments and blank lines around it stay. A new key
    goes after the nearest key before it in `order` that the file has, else at the end.
    """
    lines = text.splitlines()
    spans = _table_spans(lines)
    position = {key: index for index, key in enumerate(order)}
    inserts: dict[int, list[str]] = {}  # line index after which to insert -> lines
    replacements: dict[int, tuple[int, list[str]]] = {}  # start -> (end, lines)
    for key, block in blocks.items():
        if key in spans:
            start, end = spans[key]
            replacements[start] = (end, block)
            continue
        anchor = None
        if key in position:
            earlier = [k for k in spans if position.get(k, len(order)) < position[key]]
            if earlier:
                anchor = max(earlier, key=lambda k: position[k])
        after = spans[anchor][1] - 1 if anchor is not None else len(lines) - 1
        inserts.setdefault(after, []).append(key)
    # Several new keys after one anchor: in catalogue order.
    out: list[str] = []
    if -1 in inserts:  # an empty file
        for key in sorted(inserts[-1], key=lambda k: position.get(k, len(order))):
            out.extend([*blocks[key], ""])
    index = 0
    while index < len(lines):
        if index in replacements:
            end, block = replacements[index]
            out.extend(block)
            last = end - 1
            index = end
        else:
            out.append(lines[index])
            last = index
            index += 1
        if last in inserts:
            for key in sorted(inserts[last], key=lambda k: position.get(k, len(order))):
                out.extend(["", *blocks[key]])
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _table_spans(lines: list[str]) -> dict[str, tuple[int, int]]:
    """key -> (first line, end line exclusive) of each `[entries."key"]`/`[phrases."key"]`
    table: its header and fields, without the blank and comment lines that follow it."""
    headers: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        match = _TABLE_HEADER.match(line)
        if match:
            key = next(g for g in (match.group("dq"), match.group("sq"), match.group("bare")) if g is not None)
            headers.append((number, key))
        elif line.lstrip().startswith("[") and headers:
            headers.append((number, ""))  # another kind of table ends the previous one
    spans: dict[str, tuple[int, int]] = {}
    for (start, key), (next_start, _) in zip(headers, [*headers[1:], (len(lines), "")]):
        if not key:
            continue
        end = next_start
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        spans[key] = (start, end)
    return spans


def new_language_file(code: str, entries: Iterable[tuple[str, LanguageEntry]], comment: str) -> str:
    """A whole language file: comment lines, `language = …`, then the entries."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    lines += ["", f"language = {toml_string(code)}"]
    for key, entry in entries:
        lines += ["", *language_entry_lines(key, entry)]
    return "\n".join(lines) + "\n"


def new_catalog_file(phrases: Iterable[Phrase], comment: str) -> str:
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    for phrase in phrases:
        lines += ["", *catalog_entry_lines(phrase)]
    return "\n".join(lines).lstrip("\n") + "\n"


LANGUAGE_FILE_COMMENT = (
    "{code}: translations of phrasebooks/catalog.toml.\n"
    "Entries are unreviewed until a native speaker reviews them."
)
CATALOG_FILE_COMMENT = (
    "Phrase catalogue: every phrase key with its metadata and source texts.\n"
    "The format is described in docs/phrasebooks.md."
)


def write_language_entries(
    path: Path, language: str, entries: Mapping[str, LanguageEntry], order: Sequence[str]
) -> None:
    """Replace or add entries of a language file (created if needed) in place, atomically."""
    blocks = {key: language_entry_lines(key, entry) for key, entry in entries.items()}
    empty = new_language_file(language, [], LANGUAGE_FILE_COMMENT.format(code=language))
    _update_file(path, blocks, order, empty)


def write_catalog_entries(path: Path, phrases: Iterable[Phrase], order: Sequence[str]) -> None:
    """Replace or add entries of a catalogue (created if needed) in place, atomically."""
    blocks = {phrase.key: catalog_entry_lines(phrase) for phrase in phrases}
    _update_file(path, blocks, order, new_catalog_file([], CATALOG_FILE_COMMENT))


def _update_file(path: Path, blocks: Mapping[str, list[str]], order: Sequence[str], empty: str) -> None:
    try:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        write_atomically(path, update_tables(text or empty, blocks, order))
    except OSError as exc:
        raise UserError("content.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from exc


def write_atomically(path: Path, text: str) -> None:
    """Write UTF-8 `text` to `path` so that a crash leaves the old file or the new one, never
    half of one: a temp file in the same folder, flushed to disk, then renamed over."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    if hasattr(os, "O_DIRECTORY"):  # the rename itself, on POSIX
        try:
            folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(folder)
        except OSError:
            pass
        finally:
            os.close(folder)
