"""The person search index (SQLite FTS5 over pre-folded terms).

Every name form, the record id, the card code and the phone number of a person become terms.
Runs of kana, CJK ideographs and Hangul are written without spaces, so each of their suffixes is
indexed as a term: a prefix query on suffixes is a substring query (グエン finds
"キム グエン", 小明 finds 王小明). Latin and other spaced scripts match by word prefix.

Record ids and card codes are indexed behind private-use marks that no typed word starts with,
and only a query that is an id (its first 20+ hex digits) or a valid card code looks for them: otherwise
typing "de" would also list everyone whose random id or card code starts with "de".
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Mapping

from disastercenter.core.ids import card_code, normalise_card_code
from disastercenter.core.names import UNSPACED_RUN, fold, phone_digits
from disastercenter.store import person_keys

_MAX_SUFFIXES = 12  # names are short; cap the terms a pathological run can create
_ID_MARK = "\ue000"  # private use (category Co): a token character no one types
_CARD_MARK = "\ue001"
_UUID_DASHES = (8, 13, 18, 23)
#: Ids are time-ordered (core.ids.new_id): their first 13 hex digits are a time and a version,
#: shared by everyone registered in the same moment. A prefix is an id query only once it
#: reaches well into the random part; people type card codes, ids are scanned or pasted whole.
MIN_ID_PREFIX = 20


def _word_terms(word: str) -> list[str]:
    """Terms for one folded word: the word, plus suffixes of its unspaced-script runs."""
    terms = [word]
    if word.isascii():
        return terms
    for match in UNSPACED_RUN.finditer(word):
        run = match.group()
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
    terms.append(_ID_MARK + record_id.replace("-", ""))
    terms.append(_CARD_MARK + card_code(record_id).replace("-", "").lower())
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

    A card code, a record id (or its first 8+ characters) and a phone number are each reduced
    to the form they were indexed in, so `7k3m9qxp2`, `7K3M-9QXP-2`, `1b4e28ba-2fa1` and
    `090-1234-5678` all work; a query that could be several of these looks for each.
    Otherwise every word must match (AND) as a prefix of a name word.
    """
    alternatives: list[str] = []
    code = normalise_card_code(query)
    if code:
        alternatives.append(f'"{_CARD_MARK}{code.replace("-", "").lower()}"')
    record_id = _record_id_prefix(query)
    if record_id:
        alternatives.append(f'"{_ID_MARK}{record_id}"*')
    stripped = query.strip()
    if stripped and re.fullmatch(r"[+\d\s()\-ー－０-９]+", stripped):
        digits = phone_digits(stripped)
        if len(digits) >= 3:
            alternatives.append(f'"{digits}"*')
    if alternatives:
        return " OR ".join(alternatives)
    # A word of punctuation only ("&", "?") has no token to match and would match nothing.
    words = [word for word in fold(query).split() if any(map(_is_token_char, word))]
    if not words:
        return None
    return " AND ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _is_token_char(ch: str) -> bool:
    """What the index's tokenizer keeps (categories L*, N*, M* and Co)."""
    category = unicodedata.category(ch)
    return category[0] in "LNM" or category == "Co"


def _record_id_prefix(query: str) -> str | None:
    """A record id, whole or its first 8+ characters, with dashes only where a UUID has them,
    compacted to its indexed form."""
    text = query.strip().lower()
    if any(ch == "-" and i not in _UUID_DASHES for i, ch in enumerate(text)):
        return None
    compact = text.replace("-", "")
    if MIN_ID_PREFIX <= len(compact) <= 32 and re.fullmatch(r"[0-9a-f]+", compact):
        return compact
    return None


def index_persons(
    conn: sqlite3.Connection, person_ids: Iterable[str], *, new: bool = False, keys: bool = True
) -> None:
    """Refresh the index rows of these persons from their current state (`new`: they have
    none yet), and mark their duplicate-blocking keys for refreshing (store.person_keys) unless
    `keys` is False (migrations older than the key table)."""
    ids = list(person_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT rowid, id, deleted, name_latin, name_native, name_kana, phone, messaging_id "
            f"FROM person WHERE id IN ({marks}) ORDER BY rowid",  # see index_new_persons
            chunk,
        ).fetchall()
        if not new:
            conn.executemany("DELETE FROM person_search WHERE rowid = ?", [(r[0],) for r in rows])
        conn.executemany(
            "INSERT INTO person_search (rowid, terms) VALUES (?, ?)",
            [
                (rowid, person_terms(pid, (latin, native, kana), phone, messaging))
                for rowid, pid, deleted, latin, native, kana, phone, messaging in rows
                if not deleted
            ],
        )
        if keys:
            person_keys.mark_dirty(conn, chunk)


#: The person fields an index row and blocking keys are made from, in the order of
#: `derive_person_index`'s inputs.
_INDEXED = ("name_latin", "name_native", "name_kana", "phone", "messaging_id")


def derive_person_index(
    ops: Iterable[tuple[tuple, object]],
) -> dict[str, tuple[tuple[object, ...], str, tuple[str, ...]]]:
    """For every person these (op, column value) pairs touch, the index row and blocking keys
    it would get if the pairs were all there is of it: {person id: (values of _INDEXED, search
    terms, keys)}. Pure computation, so the process that reads bundles ahead (sync.reader) makes
    them while the importing one applies the previous bundle; `index_new_persons` uses an entry
    only when the person's values turn out to be the same."""
    at = {name: number for number, name in enumerate(_INDEXED)}
    values: dict[str, list[object]] = {}
    # The winning op of each field: greatest (hlc, device), as in OpLog.apply_ops.
    best: dict[tuple[str, int], tuple[int, str]] = {}
    for op, column in ops:
        if op[4] != "person":
            continue
        person = values.setdefault(op[5], [None] * len(_INDEXED))
        number = at.get(op[6])
        if number is None:
            continue
        stamp = (op[2], op[0])
        if best.get((op[5], number), stamp) <= stamp:
            best[(op[5], number)] = stamp
            person[number] = column
    derived = {}
    for person_id, person in values.items():
        latin, native, kana, phone, messaging = inputs = tuple(person)
        derived[person_id] = (
            inputs,
            person_terms(person_id, (latin, native, kana), phone, messaging),  # type: ignore[arg-type]
            tuple(person_keys.person_keys(latin, native, kana, phone)),  # type: ignore[arg-type]
        )
    return derived


def index_new_persons(
    conn: sqlite3.Connection,
    persons: Iterable[tuple[str, Mapping[str, object]]],
    *,
    derived: Mapping[str, tuple[tuple[object, ...], str, tuple[str, ...]]] | None = None,
    set_aside: bool = False,
) -> None:
    """Index persons just inserted, from the column values written (id, columns), without
    reading them back. Their duplicate-blocking keys are marked for refreshing, or with
    `set_aside` (an import) made now and kept aside (store.person_keys.set_aside).
    `derived`: entries made ahead by `derive_person_index`, used where the values match."""
    persons = list(persons)
    derived = derived or {}
    made: list[tuple[str, tuple[object, ...], str, tuple[str, ...] | None]] = []
    for pid, columns in persons:
        inputs = tuple(columns.get(name) for name in _INDEXED)
        ahead = derived.get(pid)
        if ahead is not None and ahead[0] == inputs:
            made.append((pid, inputs, ahead[1], ahead[2]))
        else:
            latin, native, kana, phone, messaging = inputs
            made.append((pid, inputs, person_terms(pid, (latin, native, kana), phone, messaging), None))  # type: ignore[arg-type]
    alive = {pid for pid, columns in persons if not columns.get("deleted")}
    rowids: dict[str, int] = {}
    for start in range(0, len(made), 500):
        chunk = [entry[0] for entry in made[start : start + 500]]
        rowids.update(conn.execute(
            f"SELECT id, rowid FROM person WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall())
    # In rowid order: FTS5 writes out what it holds each time a rowid is lower than the last
    # one (many small segments to merge later: four times the cost).
    conn.executemany(
        "INSERT INTO person_search (rowid, terms) VALUES (?, ?)",
        sorted((rowids[pid], terms) for pid, _inputs, terms, _keys in made if pid in alive),
    )
    if not set_aside:
        person_keys.mark_dirty(conn, [pid for pid, _ in persons])
    else:
        person_keys.set_aside(conn, [
            (pid, tuple(columns.get(name) for name in person_keys.PENDING_INPUTS), keys)
            for (pid, columns), (_pid, _inputs, _terms, keys) in zip(persons, made)
        ])


def rebuild_person_search(conn: sqlite3.Connection) -> None:
    """Recreate every index row (used by the migrations that add or change the index)."""
    conn.execute("DELETE FROM person_search")
    ids = [row[0] for row in conn.execute("SELECT id FROM person")]
    index_persons(conn, ids, new=True, keys=False)


#: How many matches are ranked. A broad prefix ("lin", "ユ") can match 10,000+ persons, and
#: ranking all of them costs more than the search; the best of the first few hundred is what a
#: person scanning a result list can use anyway (the evacuee list shows every match, sorted).
RANKED_MATCHES = 300


#: The best matches of a MATCH expression among persons not deleted, as a subquery yielding
#: (rowid, rank) best first. Parameters: expression, RANKED_MATCHES bound, limit.
BEST_MATCHES_SQL = (
    "SELECT f.rowid AS rowid, f.rank AS rank FROM (SELECT rowid, rank FROM person_search "
    "WHERE person_search MATCH ? LIMIT ?) f "
    "JOIN person alive ON alive.rowid = f.rowid AND alive.deleted = 0 ORDER BY f.rank LIMIT ?"
)


def best_matches_params(query: str, limit: int) -> list[object] | None:
    """The parameters of BEST_MATCHES_SQL for what a person typed, or None: nothing to find."""
    expression = match_expression(query)
    if expression is None:
        return None
    return [expression, max(RANKED_MATCHES, limit), limit]


def search_person_ids(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[str]:
    """Ids of persons matching `query`, best matches first (at most `limit`)."""
    params = best_matches_params(query, limit)
    if params is None:
        return []
    rows = conn.execute(
        f"SELECT p.id FROM ({BEST_MATCHES_SQL}) m JOIN person p ON p.rowid = m.rowid "
        "ORDER BY m.rank",
        params,
    ).fetchall()
    return [row[0] for row in rows]
