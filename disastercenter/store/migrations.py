"""Named schema migrations. Never edit an applied migration: add a new one.

Tables are created here and only here; nothing is created implicitly by an insert.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x44435452  # "DCTR": marks a SQLite file as a disastercenter workspace

migrations = Migrations("disastercenter")

_CORE = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE ops (
    device TEXT NOT NULL,
    counter INTEGER NOT NULL CHECK (counter > 0),
    hlc INTEGER NOT NULL,
    base_hlc INTEGER NOT NULL DEFAULT 0,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (device, counter)
) WITHOUT ROWID;
CREATE TABLE field_state (
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    device TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (entity, record_id, field)
) WITHOUT ROWID;

CREATE TABLE shelter (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    name_ja TEXT, name_en TEXT, address TEXT, capacity INTEGER, is_open INTEGER,
    notes TEXT, created_at TEXT
);
CREATE TABLE household (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    shelter_id TEXT REFERENCES shelter(id) DEFERRABLE INITIALLY DEFERRED,
    head_id TEXT, notes TEXT, created_at TEXT
);
CREATE TABLE person (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    household_id TEXT REFERENCES household(id) DEFERRABLE INITIALLY DEFERRED,
    shelter_id TEXT REFERENCES shelter(id) DEFERRABLE INITIALLY DEFERRED,
    name_latin TEXT, name_native TEXT, name_kana TEXT, sex TEXT, birth_date TEXT,
    age_band TEXT, nationality TEXT, japanese_level TEXT, easy_japanese INTEGER,
    phone TEXT, messaging_id TEXT, status TEXT, status_at TEXT,
    consent_basis TEXT, consent_scopes TEXT, consent_at TEXT, notes TEXT, created_at TEXT
);
CREATE INDEX person_shelter ON person (shelter_id, status);
CREATE INDEX person_household ON person (household_id);
CREATE INDEX person_status ON person (status);
CREATE INDEX person_name ON person (name_latin COLLATE NOCASE);
CREATE TABLE person_language (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    person_id TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    language TEXT, level TEXT
);
CREATE INDEX person_language_person ON person_language (person_id);
CREATE INDEX person_language_language ON person_language (language, person_id);
CREATE TABLE person_need (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    person_id TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    tag TEXT, detail TEXT, items TEXT
);
CREATE INDEX person_need_person ON person_need (person_id);
CREATE INDEX person_need_tag ON person_need (tag, person_id);
CREATE TABLE status_event (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    person_id TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    status TEXT, at TEXT, shelter_id TEXT, to_shelter_id TEXT, note TEXT
);
CREATE INDEX status_event_person ON status_event (person_id, at);
CREATE TABLE volunteer (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    name_latin TEXT, name_native TEXT, name_kana TEXT, sex TEXT, phone TEXT, email TEXT,
    base_area TEXT, skills TEXT, active INTEGER, notes TEXT, created_at TEXT
);
CREATE TABLE volunteer_language (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    volunteer_id TEXT REFERENCES volunteer(id) DEFERRABLE INITIALLY DEFERRED,
    language TEXT, level TEXT
);
CREATE INDEX volunteer_language_volunteer ON volunteer_language (volunteer_id);
"""


def _executescript_in_transaction(db: Database, script: str) -> None:
    # sqlite3's executescript() would COMMIT the migration's transaction first, so run
    # statement by statement inside the transaction Migrations opened.
    for statement in script.split(";"):
        if statement.strip():
            db.conn.execute(statement)


@migrations(name="0001_core_tables")
def _core_tables(db: Database) -> None:
    _executescript_in_transaction(db, _CORE)
    db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@migrations(name="0002_person_search_index")
def _person_search_index(db: Database) -> None:
    # Terms are pre-folded by core.names; the tokenizer only splits on spaces.
    db.conn.execute(
        "CREATE VIRTUAL TABLE person_search USING fts5("
        "terms, tokenize = \"unicode61 remove_diacritics 0 separators ' '\", prefix = '1 2 3')"
    )
    from disastercenter.store.search import rebuild_person_search

    rebuild_person_search(db.conn)


@migrations(name="0003_person_search_v2")
def _person_search_v2(db: Database) -> None:
    # Two fixes that need the index rebuilt:
    # - unicode61 splits words at combining marks (categories M*) unless told otherwise, and in
    #   Thai, Devanagari and other Indic scripts vowel signs are such marks: "ใจดี" was indexed
    #   as "ใจด" and found "ใจดา", "राम" found "रोमा". The tokenizer now keeps them.
    # - ids and card codes are indexed behind marks (see store.search), so short name queries
    #   no longer find people whose random id happens to start with the same letters.
    db.conn.execute("DROP TABLE person_search")
    db.conn.execute(
        "CREATE VIRTUAL TABLE person_search USING fts5("
        "terms, tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M*' "
        "separators ' '\", prefix = '1 2 3')"
    )
    from disastercenter.store.search import rebuild_person_search

    rebuild_person_search(db.conn)


@migrations(name="0004_count_indexes")
def _count_indexes(db: Database) -> None:
    # The overview counts languages and needs of persons who are not deleted. Deleted persons
    # are few, so "not in the (partially indexed) deleted set" plus covering indexes keeps these
    # counts at milliseconds for 100k persons instead of joining every row back to person.
    for statement in (
        "CREATE INDEX person_deleted ON person (id) WHERE deleted <> 0",
        "DROP INDEX person_language_language",
        "CREATE INDEX person_language_language ON person_language (language, deleted, person_id)",
        "DROP INDEX person_need_tag",
        "CREATE INDEX person_need_tag ON person_need (tag, deleted, person_id)",
        "DROP INDEX person_shelter",
        "CREATE INDEX person_shelter ON person (shelter_id, status, deleted)",
        "DROP INDEX person_status",
        "CREATE INDEX person_status ON person (status, deleted)",
        "CREATE INDEX person_nationality ON person (nationality, deleted)",
    ):
        db.conn.execute(statement)


_MATCHING = """
ALTER TABLE volunteer ADD COLUMN remote INTEGER;
ALTER TABLE volunteer ADD COLUMN max_per_shift INTEGER;
CREATE TABLE volunteer_shift (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    volunteer_id TEXT REFERENCES volunteer(id) DEFERRABLE INITIALLY DEFERRED,
    start_at TEXT, end_at TEXT, note TEXT
);
CREATE INDEX volunteer_shift_volunteer ON volunteer_shift (volunteer_id);
CREATE INDEX volunteer_shift_end ON volunteer_shift (end_at, deleted);
CREATE TABLE volunteer_reach (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    volunteer_id TEXT REFERENCES volunteer(id) DEFERRABLE INITIALLY DEFERRED,
    shelter_id TEXT REFERENCES shelter(id) DEFERRABLE INITIALLY DEFERRED,
    minutes INTEGER
);
CREATE INDEX volunteer_reach_volunteer ON volunteer_reach (volunteer_id);
CREATE TABLE interp_request (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    person_id TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    household_id TEXT REFERENCES household(id) DEFERRABLE INITIALLY DEFERRED,
    shelter_id TEXT REFERENCES shelter(id) DEFERRABLE INITIALLY DEFERRED,
    languages TEXT, kind TEXT, urgency TEXT, start_at TEXT, end_at TEXT, place TEXT,
    place_detail TEXT, remote_ok INTEGER, skill TEXT, same_gender INTEGER, gender TEXT,
    contact TEXT, notes TEXT, status TEXT, status_at TEXT, status_by TEXT,
    created_at TEXT, created_by TEXT, explanation TEXT
);
CREATE INDEX interp_request_status ON interp_request (status, end_at, deleted);
CREATE INDEX interp_request_person ON interp_request (person_id);
CREATE TABLE request_event (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    request_id TEXT REFERENCES interp_request(id) DEFERRABLE INITIALLY DEFERRED,
    status TEXT, at TEXT, by TEXT, note TEXT,
    assignment_id TEXT REFERENCES assignment(id) DEFERRABLE INITIALLY DEFERRED,
    volunteer_id TEXT REFERENCES volunteer(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX request_event_request ON request_event (request_id, at);
CREATE TABLE assignment (
    id TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    request_id TEXT REFERENCES interp_request(id) DEFERRABLE INITIALLY DEFERRED,
    volunteer_id TEXT REFERENCES volunteer(id) DEFERRABLE INITIALLY DEFERRED,
    status TEXT, locked INTEGER, mode TEXT, language TEXT, explanation TEXT,
    created_at TEXT, created_by TEXT, status_at TEXT, status_by TEXT
);
CREATE INDEX assignment_request ON assignment (request_id, status);
CREATE INDEX assignment_volunteer ON assignment (volunteer_id, status)
"""


@migrations(name="0005_matching")
def _matching(db: Database) -> None:
    # Interpreter matching: volunteer availability (shifts), reach (shelters and travel
    # minutes), remote capability and capacity; interpretation requests with their history;
    # assignments (proposed, confirmed, rejected ...). All synced through the op-log.
    _executescript_in_transaction(db, _MATCHING)


@migrations(name="0008_user_phrases")
def _user_phrases(db: Database) -> None:
    # Phrases written by a center during an operation, synced like every other record. A
    # phrase's id derives from its key (services.phrasebook), so two devices adding the same key
    # edit one record; a translation's id derives from the phrase and the language.
    for statement in (
        "CREATE TABLE user_phrase (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0, "
        "key TEXT, category TEXT, pictogram TEXT, ja TEXT, ja_easy TEXT, en TEXT, "
        "placeholders TEXT, note TEXT, status TEXT, reviewer TEXT, reviewed_on TEXT, "
        "created_at TEXT)",
        "CREATE INDEX user_phrase_key ON user_phrase (key)",
        "CREATE TABLE user_phrase_text (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0, "
        "phrase_id TEXT REFERENCES user_phrase(id) DEFERRABLE INITIALLY DEFERRED, "
        "language TEXT, text TEXT, status TEXT, reviewer TEXT, reviewed_on TEXT)",
        "CREATE INDEX user_phrase_text_phrase ON user_phrase_text (phrase_id, language)",
    ):
        db.conn.execute(statement)


@migrations(name="0009_registration_fields")
def _registration_fields(db: Database) -> None:
    # The paper registration card's items: why the household came to the shelter, and whether
    # each person wants their embassy contacted (forms/registration.toml).
    for statement in (
        "ALTER TABLE household ADD COLUMN reasons TEXT",
        "ALTER TABLE household ADD COLUMN reason_other TEXT",
        "ALTER TABLE person ADD COLUMN embassy_contact TEXT",
    ):
        db.conn.execute(statement)


@migrations(name="0006_person_links")
def _person_links(db: Database) -> None:
    # Duplicate people: decisions (synced, an entity like the others) and the blocking keys and
    # date-of-birth index that find candidates (derived, local; see store.person_keys).
    for statement in (
        "CREATE TABLE person_link ("
        " id TEXT PRIMARY KEY,"
        " deleted INTEGER NOT NULL DEFAULT 0,"
        " person_a TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,"
        " person_b TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,"
        " decision TEXT, decided_at TEXT, note TEXT)",
        "CREATE INDEX person_link_a ON person_link (person_a, deleted)",
        "CREATE INDEX person_link_b ON person_link (person_b, deleted)",
        "CREATE TABLE person_key ("
        " key TEXT NOT NULL,"
        " person_id TEXT NOT NULL,"
        " birth_date TEXT, age_band TEXT,"
        " PRIMARY KEY (key, person_id)) WITHOUT ROWID",
        "CREATE INDEX person_key_person ON person_key (person_id)",
        "CREATE TABLE person_key_dirty (person_id TEXT PRIMARY KEY) WITHOUT ROWID",
        "CREATE INDEX person_birth_date ON person (birth_date) WHERE birth_date IS NOT NULL",
    ):
        db.conn.execute(statement)
    # Keys are built by the first duplicate check (store.person_keys.refresh), not here: opening
    # an upgraded 100,000-person workspace should not wait for them.
    db.conn.execute("INSERT INTO person_key_dirty (person_id) SELECT id FROM person")


_SYNC = """
CREATE INDEX ops_edits ON ops (record_id, field) WHERE base_hlc > 0;
CREATE TABLE sync_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    label TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('center', 'shelter')),
    signing_key TEXT NOT NULL,
    age_recipient TEXT NOT NULL,
    sealed_private TEXT NOT NULL,
    card TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE sync_peer (
    key_id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('center', 'shelter', 'recovery')),
    signing_key TEXT,
    age_recipient TEXT NOT NULL,
    card TEXT,
    enrolled_at TEXT NOT NULL
);
CREATE TABLE sync_device (
    device TEXT PRIMARY KEY,
    key_id TEXT,
    label TEXT NOT NULL DEFAULT '',
    acked TEXT NOT NULL DEFAULT '{}',
    last_bundle_at TEXT
);
CREATE TABLE sync_bundle (
    seq INTEGER PRIMARY KEY,
    bundle_id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sender_device TEXT NOT NULL,
    sender_label TEXT NOT NULL DEFAULT '',
    signer TEXT,
    auth TEXT NOT NULL CHECK (auth IN ('key', 'passphrase')),
    recipients TEXT NOT NULL DEFAULT '[]',
    payload_sha256 TEXT NOT NULL,
    ops INTEGER NOT NULL,
    new_ops INTEGER NOT NULL DEFAULT 0,
    new_records INTEGER NOT NULL DEFAULT 0,
    updated_fields INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_bundle_id ON sync_bundle (bundle_id, direction);
CREATE TABLE sync_conflict (
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    heads TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    PRIMARY KEY (entity, record_id, field)
) WITHOUT ROWID;
CREATE TABLE sync_fork (
    device TEXT PRIMARY KEY,
    counter INTEGER NOT NULL,
    detected_at TEXT NOT NULL
)
"""


@migrations(name="0007_sync")
def _sync(db: Database) -> None:
    # ops_edits: the ops that were made on top of an earlier value (base_hlc > 0) by field, so
    # conflict tracking finds a field's edits without indexing every creation op (most ops).
    # The sync_* tables: this workspace's keys (private part sealed with a passphrase), the
    # enrolled peers, what each device has acknowledged, bundle history, open conflicts, and
    # devices seen with two different histories (a cloned disk) from which op on.
    _executescript_in_transaction(db, _SYNC)


KNOWN_MIGRATIONS: frozenset[str] = frozenset(m.name for m in migrations._migrations)
