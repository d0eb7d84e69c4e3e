"""The person search index (SQLite FTS5 over pre-folded terms).

Every name form, the record id, the card code and the phone number of a person become terms.
Runs of kana, CJK ideographs and Hangul are written without spaces, so each of their suffixes is
indexed as a term: a prefix query on suffixes is a substring query (グエン finds
"キム グエン", 小明 finds 王小明). Latin and other spaced scripts match by word prefix.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from itertools import groupby

from disastercenter.core.ids import card_code, normalise_card_code
from disastercenter.core.names import fold, is_unspaced_script, phone_digits

_MAX_SUFFIXES = 12  # names are short; cap the terms a pathological run can create


def _word_terms(word: str) -> list[str]:
    """Terms for one folded word: the word, plus suffixes of its unspaced-script runs."""
    terms = [word]
    for unspaced, group in groupby(word, is_unspaced_script):
        if unspaced:
            run = "".join(group)
            terms.extend(run[i:] for i in range(min(len(run), _MAX_SUFFIXES)))
    return terms


def person_terms(
    record_id: str,
    names: Iterable[str | None],
    phone: str | None = None,
    messaging_id: str | None = None,
) -> str:
    """The text indexed for one person."""
    terms: list[str] = []
    for name in names:
        if name:
            for word in fold(name).split():
                terms.extend(_word_terms(word))
    terms.append(record_id.replace("-", ""))
    terms.append(card_code(record_id).replace("-", "").lower())
    if phone:
        digits = phone_digits(phone)
        if digits:
            terms.append(digits)
    if messaging_id:
        terms.extend(fold(messaging_id).split())
    # Dedupe while keeping order: repeated terms add nothing but index size.
    return " ".join(dict.fromkeys(terms))


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for what a person typed, or None when nothing is searchable.

    Every word must match (AND) as a prefix. A card code or phone number is reduced to the
    form it was indexed in, so `7k3m9qxp2`, `7K3M-9QXP-2` and `090-1234-5678` all work.
    """
    code = normalise_card_code(query)
    if code:
        return '"' + code.replace("-", "").lower() + '"'
    stripped = query.strip()
    if stripped and re.fullmatch(r"[+\d\s()\-ー－０-９]+", stripped):
        digits = phone_digits(stripped)
        if len(digits) >= 3:
            return f'"{digits}"*'
    words = fold(query).split()
    if not words:
        return None
    parts = []
    for word in words:
        # A UUID typed with dashes was folded into several words; ids are indexed without them.
        escaped = word.replace('"', '""')
        parts.append(f'"{escaped}"*')
    return " AND ".join(parts)


def uuid_query_words(query: str) -> str | None:
    """A record id typed with dashes, compacted to its indexed form."""
    compact = query.strip().lower().replace("-", "")
    if len(compact) >= 8 and re.fullmatch(r"[0-9a-f]+", compact) and "-" in query:
        return f'"{compact}"*'
    return None


def index_persons(conn: sqlite3.Connection, person_ids: Iterable[str]) -> None:
    """Refresh the index rows of these persons from their current state."""
    ids = list(person_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT rowid, id, deleted, name_latin, name_native, name_kana, phone, messaging_id "
            f"FROM person WHERE id IN ({marks})",
            chunk,
        ).fetchall()
        conn.executemany("DELETE FROM person_search WHERE rowid = ?", [(r[0],) for r in rows])
        conn.executemany(
            "INSERT INTO person_search (rowid, terms) VALUES (?, ?)",
            [
                (rowid, person_terms(pid, (latin, native, kana), phone, messaging))
                for rowid, pid, deleted, latin, native, kana, phone, messaging in rows
                if not deleted
            ],
        )


def rebuild_person_search(conn: sqlite3.Connection) -> None:
    """Recreate every index row (used by the migration that adds the index)."""
    conn.execute("DELETE FROM person_search")
    ids = [row[0] for row in conn.execute("SELECT id FROM person")]
    index_persons(conn, ids)


def search_person_ids(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[str]:
    """Ids of persons matching `query`, best matches first (at most `limit`)."""
    expression = uuid_query_words(query) or match_expression(query)
    if expression is None:
        return []
    rows = conn.execute(
        "SELECT p.id FROM person_search s JOIN person p ON p.rowid = s.rowid "
        "WHERE person_search MATCH ? AND p.deleted = 0 ORDER BY s.rank LIMIT ?",
        (expression, limit),
    ).fetchall()
    return [row[0] for row in rows]
