"""Opening, refusing, migrating and failing to write a workspace file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from sqlite_utils import Database

from disastercenter.core.errors import UserError
from disastercenter.core.ids import card_code
from disastercenter.services.registry import Registry
from disastercenter.store import person_keys
from disastercenter.store.db import BUSY_TIMEOUT_MS, Workspace, connect, open_workspace
from disastercenter.store.migrations import APPLICATION_ID, KNOWN_MIGRATIONS, migrations
from disastercenter.store.oplog import OpLog
from tests.helpers import add_shelter, count, integrity_ok, person, sha256, snapshot

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite3"


@pytest.fixture
def ws(db_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(db_path)
    yield workspace
    workspace.close()


def _migration_names(conn: sqlite3.Connection) -> set[str]:
    return {
        row[0]
        for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'disastercenter'"
        )
    }


# -- opening ------------------------------------------------------------------------------


def test_opening_a_new_workspace_sets_wal_full_sync_foreign_keys_and_a_busy_timeout(
    ws: Workspace,
) -> None:
    pragma = lambda name: ws.conn.execute(f"PRAGMA {name}").fetchone()[0]
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == BUSY_TIMEOUT_MS
    assert _migration_names(ws.conn) == KNOWN_MIGRATIONS


def test_a_new_workspace_is_marked_with_our_application_id(db_path: Path) -> None:
    with open_workspace(db_path) as workspace:
        assert workspace.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    header = db_path.read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID


def test_the_device_id_is_created_once_and_kept_across_reopening(db_path: Path) -> None:
    with open_workspace(db_path) as first:
        device_id = first.device_id
        assert len(device_id) == 32 and uuid.UUID(hex=device_id)
    with open_workspace(db_path) as second:
        assert second.device_id == device_id
        assert second.oplog.device_id == device_id
        assert count(second.conn, "meta", "key = 'device_id'") == 1
    with open_workspace(db_path.with_name("other.sqlite3")) as other:
        assert other.device_id != device_id


def test_an_empty_file_becomes_a_workspace(db_path: Path) -> None:
    db_path.touch()
    with open_workspace(db_path) as workspace:
        assert _migration_names(workspace.conn) == KNOWN_MIGRATIONS


def test_the_default_workspace_lives_under_disastercenter_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISASTERCENTER_HOME", str(tmp_path / "home"))
    with open_workspace() as workspace:
        assert workspace.path == tmp_path / "home" / "workspaces" / "default.sqlite3"
    assert workspace.path.is_file()


def test_a_second_open_of_the_same_file_is_refused_and_names_the_path(
    ws: Workspace, db_path: Path
) -> None:
    with pytest.raises(UserError) as caught:
        open_workspace(db_path)
    assert caught.value.key == "db.locked"
    assert str(db_path) in str(caught.value)
    assert str(db_path) in caught.value.message("ja")
    # The first instance is unaffected and keeps working.
    add_shelter(Registry(ws))
    ws.close()
    with open_workspace(db_path) as again:
        assert count(again.conn, "shelter") == 1


def test_a_second_open_from_another_process_is_refused(ws: Workspace, db_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        from disastercenter.core.errors import UserError
        from disastercenter.store.db import open_workspace
        try:
            open_workspace({str(db_path)!r})
        except UserError as exc:
            print(exc.key)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "db.locked", result.stderr


# -- refusing files that are not ours -----------------------------------------------------


def _text_file(path: Path, tmp_path: Path) -> None:
    path.write_text("name,phone\nNguyen Van An,090-1234-5678\n", encoding="utf-8")


def _random_bytes(path: Path, tmp_path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _sqlite_header_then_garbage(path: Path, tmp_path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))


def _another_apps_database(path: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO photos (title) VALUES ('beach')")
    conn.commit()
    conn.close()


def _another_apps_database_in_wal_mode(path: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()


def _truncated_workspace(path: Path, tmp_path: Path) -> None:
    source = tmp_path / "real.sqlite3"
    with open_workspace(source) as workspace:
        registry = Registry(workspace)
        shelter = add_shelter(registry)
        registry.register_households(
            [(shelter, [person(f"Person {i}", phone="090-1234-5678")], 0, "") for i in range(150)]
        )
    data = source.read_bytes()
    assert len(data) > 64 * 1024
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("make", "keys"),
    [
        (_text_file, {"db.not_ours"}),
        (_random_bytes, {"db.not_ours"}),
        (_sqlite_header_then_garbage, {"db.not_ours", "db.corrupt"}),
        (_another_apps_database, {"db.not_ours"}),
        (_another_apps_database_in_wal_mode, {"db.not_ours"}),
        (_truncated_workspace, {"db.corrupt"}),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) else None,
)
def test_a_file_that_is_not_a_healthy_workspace_is_refused_and_left_unchanged(
    make, keys: set[str], db_path: Path, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    make(db_path, tmp_path)
    before = sha256(db_path)
    with pytest.raises(UserError) as caught:
        open_workspace(db_path)
    assert caught.value.key in keys
    assert str(db_path) in str(caught.value)
    assert "not changed" in str(caught.value)
    assert sha256(db_path) == before
    # Refusing released the lock: the next attempt gets the same answer, not "locked".
    with pytest.raises(UserError) as again:
        open_workspace(db_path)
    assert again.value.key == caught.value.key


def test_a_directory_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        open_workspace(tmp_path)
    assert caught.value.key == "db.not_ours"


def test_a_workspace_saved_by_a_newer_version_is_refused_and_left_unchanged(db_path: Path) -> None:
    with open_workspace(db_path) as workspace:
        add_shelter(Registry(workspace))
        workspace.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('disastercenter', '0099_from_the_future', '2031-01-01')"
        )
    before = sha256(db_path)
    with pytest.raises(UserError) as caught:
        open_workspace(db_path)
    assert caught.value.key == "db.newer"
    assert "0099_from_the_future" in str(caught.value)
    assert sha256(db_path) == before


def test_a_workspace_whose_program_was_killed_before_a_checkpoint_opens_with_its_data(
    db_path: Path,
) -> None:
    # Power loss on the first day: everything is in the -wal file, the main file's header is
    # still the blank one SQLite wrote first.
    code = textwrap.dedent(
        f"""
        import os
        from disastercenter.core.people import PersonInput, ShelterInput
        from disastercenter.services.registry import Registry
        from disastercenter.store.db import open_workspace
        ws = open_workspace({str(db_path)!r})
        registry = Registry(ws)
        shelter = registry.add_shelter(ShelterInput("中央公民館"))
        registry.register_household(shelter, [PersonInput(name_latin="Nguyen Van An",
                                                           languages=[("vi", "native")])])
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
    assert Path(str(db_path) + "-wal").stat().st_size > 0
    with open_workspace(db_path) as workspace:
        assert [row.name_latin for row in Registry(workspace).search("nguyen")] == ["Nguyen Van An"]


def test_a_workspace_interrupted_before_its_first_migration_is_opened(db_path: Path) -> None:
    # sqlite-utils creates its bookkeeping table before the first migration's transaction.
    conn = connect(db_path)
    migrations.ensure_migrations_table(Database(conn))
    conn.close()
    with open_workspace(db_path) as workspace:
        assert _migration_names(workspace.conn) == KNOWN_MIGRATIONS


# -- migrations -----------------------------------------------------------------------------


def _build_workspace_at_0001(path: Path) -> list[str]:
    """A workspace as the first release left it: core tables only, some persons registered.

    The persons are registered through today's Registry and OpLog, so the rows and ops are the
    real thing. That release had no search index and no duplicate keys: their writes go to TEMP
    tables, which vanish with the connection and leave nothing in the file.
    """
    conn = connect(path)
    db = Database(conn)
    migrations.apply(db, stop_before="0002_person_search_index")
    device_id = uuid.uuid4().hex
    conn.execute("INSERT INTO meta (key, value) VALUES ('device_id', ?)", (device_id,))
    conn.execute("CREATE TEMP TABLE person_search (terms TEXT)")
    conn.execute("CREATE TEMP TABLE person_key_dirty (person_id TEXT PRIMARY KEY)")
    lock = FileLock(str(path) + ".lock", timeout=0, is_singleton=False, thread_local=False)
    lock.acquire()
    workspace = Workspace(path, db, OpLog(conn, device_id), device_id, lock)
    registry = Registry(workspace)
    shelter = add_shelter(registry)
    household = registry.register_household(shelter, [
        person("NGUYEN VAN AN", name_kana="グエン ヴァン アン", phone="090-1234-5678"),
        person("Đặng Thị Mai", name_native="Đặng Thị Mai"),
        person("", name_native="王小明", languages=[("zh-Hans", "native")]),
    ])
    workspace.close()
    check = sqlite3.connect(path)
    assert _migration_names(check) == {"0001_core_tables"}
    assert not check.execute(
        "SELECT 1 FROM sqlite_master WHERE name LIKE 'person_search%' OR name LIKE 'person_key%'"
    ).fetchall()
    assert check.execute("SELECT count(*) FROM person").fetchone() == (3,)
    check.close()
    return household.person_ids


def test_opening_a_workspace_from_the_first_release_runs_the_later_migrations(db_path: Path) -> None:
    an, mai, xiaoming = _build_workspace_at_0001(db_path)
    with open_workspace(db_path) as workspace:
        assert _migration_names(workspace.conn) == KNOWN_MIGRATIONS
        assert "0002_person_search_index" in KNOWN_MIGRATIONS
        registry = Registry(workspace)
        found = lambda query: [row.id for row in registry.search(query)]
        assert found("nguyen") == [an]
        assert found("グエン") == [an]
        assert found("090-1234-5678") == [an]
        assert found(card_code(an)) == [an]
        assert found("dang mai") == [mai]
        assert found("小明") == [xiaoming]
        assert found("tran") == []
        # The duplicate-blocking keys of the persons registered before are built by the first
        # duplicate check.
        assert person_keys.refresh(workspace.conn) == 3
        keys = dict(workspace.conn.execute(
            "SELECT key, person_id FROM person_key WHERE key IN ('t:09012345678', 'x:王小明')"
        ).fetchall())
        assert keys == {"t:09012345678": an, "x:王小明": xiaoming}
        # New writes after the upgrade are indexed as usual.
        registry.set_status(an, "left")
        assert found("nguyen") == [an]
        assert integrity_ok(workspace.conn)


# -- failed writes --------------------------------------------------------------------------


def _household(i: int) -> list:
    return [
        person(f"Nguyen Van {i} " + "x" * 150, name_kana="グエン", phone="090-1234-5678",
               languages=[("vi", "native"), ("en", "basic")])
        for _ in range(6)
    ]


def test_a_write_to_a_full_disk_fails_clearly_and_saves_nothing(ws: Workspace) -> None:
    registry = Registry(ws)
    shelter = add_shelter(registry)
    registry.register_household(shelter, _household(0))
    pages = ws.conn.execute("PRAGMA page_count").fetchone()[0]
    failures = 0
    # Raise the limit one page at a time: the write fails at a different statement each time,
    # the later ones after all the rows and ops are written, in the search index.
    for limit in range(pages, pages + 200):
        ws.conn.execute(f"PRAGMA max_page_count = {limit}")
        before = snapshot(ws.conn)
        try:
            registry.register_households([(shelter, _household(1), 0, ""), (shelter, _household(2), 0, "")])
        except UserError as exc:
            failures += 1
            assert exc.key == "db.write_failed"
            assert "full" in str(exc)
            assert not ws.conn.in_transaction
            assert snapshot(ws.conn) == before
        else:
            break
    else:
        pytest.fail("the write never fitted")
    assert failures > 10
    ws.conn.execute("PRAGMA max_page_count = 1073741823")
    registry.register_household(shelter, _household(3))
    assert registry.count_persons() == 6 * 4
    assert integrity_ok(ws.conn)
    # The ops of this device have no gaps: peers' version vectors can move past them.
    own_ops = count(ws.conn, "ops", f"device = '{ws.device_id}'")
    assert ws.oplog.version_vector() == {ws.device_id: own_ops}


def test_a_write_to_read_only_media_fails_clearly_and_saves_nothing(ws: Workspace) -> None:
    registry = Registry(ws)
    shelter = add_shelter(registry)
    before = snapshot(ws.conn)
    ws.conn.execute("PRAGMA query_only = 1")
    with pytest.raises(UserError) as caught:
        registry.register_household(shelter, _household(0))
    assert caught.value.key == "db.write_failed"
    assert "readonly" in str(caught.value)
    ws.conn.execute("PRAGMA query_only = 0")
    assert snapshot(ws.conn) == before
    registry.register_household(shelter, _household(0))
    assert ws.oplog.version_vector() == {ws.device_id: count(ws.conn, "ops")}
