"""The one place that opens a workspace database.

A workspace is one SQLite file. Opening it checks, without writing, that the file is ours and
readable; takes a lock so a second running instance gets a clear message; then applies pending
migrations and sets the pragmas every connection needs.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from disastercenter.core.errors import UserError
from disastercenter.store.migrations import APPLICATION_ID, KNOWN_MIGRATIONS, migrations
from disastercenter.store.oplog import OpLog

_SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def default_data_dir() -> Path:
    """Where workspaces live: $DISASTERCENTER_HOME, else the per-user data directory."""
    override = os.environ.get("DISASTERCENTER_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("disastercenter", appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / "workspaces" / "default.sqlite3"


def _inspect_existing(path: Path) -> None:
    """Refuse a file that is not a disastercenter database, reading only."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise UserError("db.corrupt", path=str(path), detail=exc.strerror or str(exc)) from exc
    if not header:
        return  # an empty file: a new workspace
    if len(header) < 100 or not header.startswith(_SQLITE_HEADER):
        raise UserError("db.not_ours", path=str(path))
    try:
        # Read the header through SQLite, not from the file: after a crash the newest page 1
        # (with our application id) may still be only in the -wal file.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if application_id == 0 and _is_unmigrated(conn):
                return  # created by us but interrupted before the first migration committed
            if application_id != APPLICATION_ID:
                raise UserError("db.not_ours", path=str(path))
            names = {row[0] for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'disastercenter'"
            )}
            conn.execute("SELECT count(*) FROM meta").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise UserError("db.corrupt", path=str(path), detail=str(exc)) from exc
    unknown = names - KNOWN_MIGRATIONS
    if unknown:
        raise UserError("db.newer", path=str(path), names=", ".join(sorted(unknown)))


def _is_unmigrated(conn: sqlite3.Connection) -> bool:
    """True for a database with no tables, or only the empty table sqlite-utils creates for
    its bookkeeping before the first migration's transaction."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return True
    if tables != {Migrations.migrations_table}:
        return False
    return conn.execute(f"SELECT count(*) FROM {Migrations.migrations_table}").fetchone()[0] == 0


#: Page cache per connection, in KiB.
CACHE_KIB = 32 * 1024


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the pragmas every connection needs (WAL, FULL sync, FKs, timeout,
    page cache)."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # SQLite's default page cache is 2 MB; a 100,000-person workspace is a few hundred MB and
    # a big import or registration batch touches more pages than that between commits. Pages
    # are only taken as used, so a small workspace costs no more.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@dataclass
class Workspace:
    """An open workspace: database, op-log and the lock that keeps other instances out."""

    path: Path
    db: Database
    oplog: OpLog
    device_id: str
    _lock: FileLock = field(repr=False)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        """Close the database and release the lock (safe to call twice)."""
        try:
            self.db.conn.close()
        finally:
            if self._lock.is_locked:
                self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workspace(path: Path | str | None = None) -> Workspace:
    """Open (creating if needed) the workspace at `path` or the default location."""
    path = Path(path) if path is not None else default_db_path()
    path = path.expanduser()
    if path.exists():
        if path.is_dir():
            raise UserError("db.not_ours", path=str(path))
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError("db.cannot_create", path=str(path), detail=str(exc)) from exc
    lock = FileLock(str(path) + ".lock", timeout=0, is_singleton=False, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise UserError("db.locked", path=str(path)) from None
    except OSError as exc:
        raise UserError("db.cannot_create", path=str(path), detail=str(exc)) from exc
    try:
        if path.exists():
            _inspect_existing(path)
        try:
            conn = connect(path)
            db = Database(conn)
            migrations.apply(db)
            device_id = _ensure_device_id(db)
        except sqlite3.OperationalError as exc:
            raise UserError("db.cannot_create", path=str(path), detail=str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise UserError("db.corrupt", path=str(path), detail=str(exc)) from exc
        return Workspace(path, db, OpLog(conn, device_id), device_id, lock)
    except BaseException:
        lock.release()
        raise


def _ensure_device_id(db: Database) -> str:
    row = db.conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    if row:
        return row[0]
    device_id = uuid.uuid4().hex
    with db.atomic():
        db.conn.execute("INSERT INTO meta (key, value) VALUES ('device_id', ?)", (device_id,))
    return device_id


def background_workspace(workspace: Workspace) -> Workspace:
    """A second connection to an open workspace, for a job on another thread (an import, an
    export) while the window keeps reading on its own. It shares the workspace's lock: closing
    it closes only its connection."""
    conn = connect(workspace.path)
    lock = FileLock(str(workspace.path) + ".lock", timeout=0, is_singleton=False, thread_local=False)
    return Workspace(workspace.path, Database(conn), OpLog(conn, workspace.device_id), workspace.device_id, lock)
