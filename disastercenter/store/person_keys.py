"""Blocking keys for finding the same person registered twice (table `person_key`).

Comparing every new person with every person of a 100,000-person workspace is too slow, so
candidates are only the persons who share a key, or a date of birth (see sync.duplicates).
Each key row is a random insert into a large B-tree, which registration pays for, so there are
few: about four per person. A person's keys:

- `t:<digits>`: the phone number in domestic form (090-1234-5678 = +81 90 1234 5678);
- `x:<name>`: a native name in a non-Latin script (Han, Hangul, Devanagari…), folded, no spaces;
- `l:<words>`: the words of the Latin name, folded and sorted: "NGUYEN Van An",
  "Nguyễn Văn An" and "An Nguyen Van" share `l:an nguyen van`;
- `k:<words>`: the same for the katakana reading (グエン・ヴァン・アン = ぐえん ばん あん);
- `n:<a>|<b>`: only for a name written in Latin letters or in katakana but not both: for
  every two of its words, their consonant skeletons in sorted order
  (core.name_match.skeletons), so "NGUYEN Van An" on one record and only
  "グエン・ヴァン・アン" on the other share `n:bn|kn`. Skeletons are coarse (Zhang, Chang,
  Jiang all give `sn`), so records with both forms, which meet through `l:` or `k:`, do not
  fill these keys with thousands of namesakes.

Each key row also holds the person's date of birth and age group, so candidates of a compatible
age are found from this table alone. The keys are derived data (never synced).

They are kept up to date lazily. Each key row is an insert at a random place of a large
B-tree: done at once, that cost about 150 µs per person on a 100,000-person workspace, 15–20 %
of a registration and as much again on every import. So a write only marks the person
(`person_key_dirty`, one row appended; store.search.index_persons does it whenever a person's
names, phone, date of birth or age group change, locally or by an import), and `refresh` brings
the keys of the marked persons up to date just before a duplicate check reads them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations, product

from disastercenter.core.name_match import NameForms, name_forms
from disastercenter.core.names import phone_digits

#: Phone numbers shorter than this are not keys (an extension, a typo).
MIN_PHONE_DIGITS = 8
#: At most this many name keys per pair of words (ambiguous spellings multiply skeletons).
_MAX_PAIR_KEYS = 16
#: At most this many words of one name form take part in pairs (long Hispanic names).
_MAX_WORDS = 5


def _pair_keys(sounds: Sequence[frozenset[str]], keys: set[str]) -> None:
    sounds = list(sounds[:_MAX_WORDS])
    if not sounds:
        return
    if len(sounds) == 1:
        keys.update(f"n:{s}|" for s in sorted(sounds[0]))
        return
    for first, second in combinations(sounds, 2):
        pairs = sorted({"|".join(sorted(pair)) for pair in product(first, second)})
        keys.update("n:" + pair for pair in pairs[:_MAX_PAIR_KEYS])


def exact_name_keys(forms: NameForms) -> dict[str, str]:
    """The keys of a person's names written out in full, by letter: `l` (Latin words), `k`
    (katakana words), `x` (native script). Scoring counts namesakes by the same keys."""
    keys: dict[str, str] = {}
    if forms.latin:
        keys["l"] = "l:" + " ".join(sorted(forms.latin))
    if forms.kana:
        keys["k"] = "k:" + " ".join(sorted(forms.kana))
    if forms.native:
        keys["x"] = "x:" + forms.native
    return keys


def person_keys(
    latin: str | None,
    native: str | None,
    kana: str | None,
    phone: str | None = None,
) -> set[str]:
    """Every blocking key of one person (see the module docstring)."""
    keys: set[str] = set()
    if phone:
        digits = phone_digits(phone)
        if len(digits) >= MIN_PHONE_DIGITS:
            keys.add("t:" + digits)
    forms = name_forms(latin, native, kana)
    keys.update(exact_name_keys(forms).values())
    if bool(forms.latin) != bool(forms.kana):  # one script only: meet the other by sound
        _pair_keys(forms.latin_sounds or forms.kana_sounds, keys)
    return keys


_ROW_SQL = (
    "SELECT id, deleted, name_latin, name_native, name_kana, phone, messaging_id, birth_date, "
    "age_band FROM person WHERE id IN ({marks})"
)
Row = tuple[
    str, int, str | None, str | None, str | None, str | None, str | None, str | None, str | None
]


def _index_rows(conn: sqlite3.Connection, rows: Sequence[Row], *, new: bool = False) -> None:
    """Refresh the keys of persons given as (id, deleted, name_latin, name_native, name_kana,
    phone, messaging_id, birth_date, age_band) rows of their current state (`new`: they have
    no keys yet). The date of birth and age group ride along with each key, so candidates of a
    compatible age are found from the key index alone."""
    if not new:
        conn.executemany("DELETE FROM person_key WHERE person_id = ?", [(r[0],) for r in rows])
    conn.executemany(
        "INSERT OR IGNORE INTO person_key (key, person_id, birth_date, age_band) "
        "VALUES (?, ?, ?, ?)",
        [
            (key, person_id, born, band)
            for person_id, deleted, latin, native, kana, phone, _messaging, born, band in rows
            if not deleted
            for key in person_keys(latin, native, kana, phone)
        ],
    )


def index_person_keys(conn: sqlite3.Connection, person_ids: Iterable[str], *, new: bool = False) -> None:
    """Refresh the keys of these persons from their current state (`new`: they have none)."""
    ids = list(person_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = conn.execute(_ROW_SQL.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
        _index_rows(conn, rows, new=new)


def mark_dirty(conn: sqlite3.Connection, person_ids: Iterable[str]) -> None:
    """Note that these persons' keys may be out of date (see the module docstring)."""
    conn.executemany(
        "INSERT OR IGNORE INTO person_key_dirty (person_id) VALUES (?)", [(p,) for p in person_ids]
    )


def refresh(
    conn: sqlite3.Connection,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Bring the keys of every marked person up to date; returns how many were refreshed.

    Runs in the caller's transaction, or in short ones of its own. `progress(done, total)` is
    called per chunk; when `cancelled()` turns true it stops, keeping the chunks done. On a
    read-only workspace (a backup on write-protected media) nothing can be written: the keys
    stay as they are, so a check still runs, missing only persons changed since the last
    refresh.
    """
    ids = [row[0] for row in conn.execute("SELECT person_id FROM person_key_dirty")]
    if not ids:
        return 0
    # In a transaction of its own, one per chunk: a window saving meanwhile on another
    # connection waits a fraction of a second, not for the whole refresh.
    own = not conn.in_transaction
    done = 0
    try:
        for start in range(0, len(ids), 500):
            if cancelled is not None and cancelled():
                break
            chunk = ids[start : start + 500]
            if own:
                conn.execute("BEGIN IMMEDIATE")
            index_person_keys(conn, chunk)
            conn.executemany(
                "DELETE FROM person_key_dirty WHERE person_id = ?", [(p,) for p in chunk]
            )
            if own:
                conn.execute("COMMIT")
            done += len(chunk)
            if progress is not None:
                progress(done, len(ids))
    except sqlite3.OperationalError as exc:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
        if "readonly" in str(exc) or "read-only" in str(exc):
            return done
        raise
    return done
