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

An import keeps the keys of the persons it brings in aside (`pending_key`, a temporary table
of its connection, with `pending_person`: what they were made from), so that a center
importing 200 bundles does not write each bundle's keys all over the big B-tree, committing
and checkpointing most of its pages 200 times over: `flush_pending` writes them all at once
when the import is done (and every 10,000 persons). The duplicate check of each bundle reads
both tables. A meta row says keys are set aside and not written yet, so nothing is lost if the
import is killed half way: the next refresh marks every person without keys.
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
    rows = [(p,) for p in person_ids]
    conn.executemany("INSERT OR IGNORE INTO person_key_dirty (person_id) VALUES (?)", rows)
    if rows and _has_pending(conn):  # keys set aside for them are out of date too
        conn.executemany("DELETE FROM temp.pending_key WHERE person_id = ?", rows)
        conn.executemany("DELETE FROM temp.pending_person WHERE person_id = ?", rows)


# -- keys set aside during an import --------------------------------------------------------

#: What a person's keys are made from, as stored with keys set aside (the person row's columns).
PENDING_INPUTS = ("deleted", "name_latin", "name_native", "name_kana", "phone", "birth_date", "age_band")
#: Meta row present while an import has keys set aside that are not written yet.
_ASIDE_META = "person_keys_aside"

_PENDING_TABLES = (
    "CREATE TEMP TABLE IF NOT EXISTS pending_key (key TEXT NOT NULL, person_id TEXT NOT NULL, "
    "birth_date TEXT, age_band TEXT, PRIMARY KEY (key, person_id)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS temp.pending_key_person ON pending_key (person_id)",
    f"CREATE TEMP TABLE IF NOT EXISTS pending_person (person_id TEXT PRIMARY KEY, "
    f"{', '.join(PENDING_INPUTS)}) WITHOUT ROWID",
)


def _has_pending(conn: sqlite3.Connection) -> bool:
    return conn.execute(
        "SELECT 1 FROM temp.sqlite_master WHERE name = 'pending_person'"
    ).fetchone() is not None


def _pending_persons(conn: sqlite3.Connection) -> int:
    """How many persons' keys this connection holds aside."""
    if not _has_pending(conn):
        return 0
    return conn.execute("SELECT count(*) FROM temp.pending_person").fetchone()[0]


def _read_only(exc: sqlite3.OperationalError) -> bool:
    return "readonly" in str(exc) or "read-only" in str(exc)


def ensure_pending(conn: sqlite3.Connection) -> None:
    """Create this connection's (temporary) tables of keys set aside, if needed. Best called
    outside a transaction: then the connection's temporary tables are first moved to memory
    (in a temporary file each insert costs several times more)."""
    if _has_pending(conn):
        return
    if not conn.in_transaction and conn.execute("SELECT count(*) FROM temp.sqlite_master").fetchone()[0] == 0:
        conn.execute("PRAGMA temp_store = MEMORY")
    for sql in _PENDING_TABLES:
        conn.execute(sql)


def set_aside(
    conn: sqlite3.Connection,
    persons: Iterable[tuple[str, Sequence[object], Iterable[str] | None]],
) -> None:
    """Keep the keys of persons an import brought in (new here: no keys yet) aside until
    `flush_pending`: (person id, values of PENDING_INPUTS, their keys or None to make them).
    Instead of marking each of them, a meta row written with them says that some keys are
    not written yet; if the import never gets to write them (the process killed), the next
    `refresh` marks every person without keys."""
    ensure_pending(conn)
    people: list[tuple[object, ...]] = []
    keys: list[tuple[str, str, object, object]] = []
    for person_id, inputs, person_keys_of in persons:
        deleted, latin, native, kana, phone, born, band = inputs
        people.append((person_id, *inputs))
        if deleted:
            continue
        if person_keys_of is None:
            person_keys_of = person_keys(latin, native, kana, phone)  # type: ignore[arg-type]
        keys.extend((key, person_id, born, band) for key in person_keys_of)
    if not people:
        return
    conn.executemany(
        f"INSERT OR REPLACE INTO temp.pending_person VALUES ({', '.join('?' * (len(PENDING_INPUTS) + 1))})",
        people,
    )
    conn.executemany("INSERT OR IGNORE INTO temp.pending_key VALUES (?, ?, ?, ?)", keys)
    conn.execute(f"INSERT OR REPLACE INTO meta (key, value) VALUES ('{_ASIDE_META}', '1')")


def flush_pending(conn: sqlite3.Connection, *, at_least: int = 1) -> int:
    """Write the keys set aside into `person_key`, in a transaction of its own and in key
    order (each page of the B-tree written once), if they are of `at_least` persons. Only for
    persons whose key inputs are still what the keys were made from; anyone changed meanwhile
    (on another connection) is marked for the next refresh. Returns how many persons' keys
    were written; when the database is busy or full nothing is written and they stay aside."""
    pending = _pending_persons(conn)
    if pending == 0 or pending < at_least:
        return 0
    same = " AND ".join(f"p.{c} IS pending_person.{c}" for c in PENDING_INPUTS)
    people = "person_id IN (SELECT person_id FROM temp.pending_person)"
    try:
        conn.execute("BEGIN IMMEDIATE")
        changed = [row[0] for row in conn.execute(
            "SELECT person_id FROM temp.pending_person WHERE NOT EXISTS (SELECT 1 FROM person p "
            f"WHERE p.id = pending_person.person_id AND {same})"
        )]
        mark_dirty(conn, changed)  # also drops what was set aside for them
        # Someone may have refreshed them meanwhile on another connection: the same keys.
        conn.execute(f"DELETE FROM person_key WHERE {people}")
        conn.execute(
            f"INSERT OR IGNORE INTO person_key SELECT * FROM temp.pending_key WHERE {people} "
            "ORDER BY key, person_id"
        )
        conn.execute(f"DELETE FROM person_key_dirty WHERE {people}")
        conn.execute(f"DELETE FROM meta WHERE key = '{_ASIDE_META}'")
        conn.execute("COMMIT")
    except sqlite3.OperationalError:
        # Busy (another writer past the timeout) or no space: they stay aside for the next
        # flush, and read by this connection's checks; the meta row tells other connections.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        return 0
    conn.execute("DELETE FROM temp.pending_key")
    conn.execute("DELETE FROM temp.pending_person")
    return pending - len(changed)


def _aside_left(conn: sqlite3.Connection) -> bool:
    """Whether an import set keys aside and never wrote them (see set_aside)."""
    if conn.execute(f"SELECT 1 FROM meta WHERE key = '{_ASIDE_META}'").fetchone() is None:
        return False
    return _pending_persons(conn) == 0  # this connection's own import under way is no leftover


def _recover_aside(conn: sqlite3.Connection) -> None:
    """Mark every person who has no keys (after an import that never wrote the keys it set
    aside)."""
    conn.execute(
        "INSERT OR IGNORE INTO person_key_dirty (person_id) SELECT id FROM person p "
        "WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM person_key k WHERE k.person_id = p.id)"
    )
    conn.execute(f"DELETE FROM meta WHERE key = '{_ASIDE_META}'")


def key_tables(conn: sqlite3.Connection) -> tuple[str, ...]:
    """The tables holding keys on this connection: `person_key`, and while an import has
    keys set aside, theirs."""
    return ("person_key", "temp.pending_key") if _has_pending(conn) else ("person_key",)


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
    own = not conn.in_transaction
    if _aside_left(conn):
        try:
            if own:
                conn.execute("BEGIN IMMEDIATE")
            _recover_aside(conn)
            if own:
                conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if own and conn.in_transaction:
                conn.execute("ROLLBACK")
            if not _read_only(exc):
                raise
    ids = [row[0] for row in conn.execute("SELECT person_id FROM person_key_dirty")]
    if not ids:
        return 0
    # In a transaction of its own, one per chunk: a window saving meanwhile on another
    # connection waits a fraction of a second, not for the whole refresh.
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
        if _read_only(exc):
            return done
        raise
    return done
