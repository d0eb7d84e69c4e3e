"""Killed mid-import or mid-export, out of disk space: nothing half-done survives.

Imports and exports run in forked child processes that are killed with SIGKILL at random
moments (or limited with RLIMIT_FSIZE, the way a full disk refuses writes); the workspace is then
checked with SQLite's integrity check and for all-or-nothing.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import time
from pathlib import Path

import pytest

from disastercenter.core.errors import UserError
from disastercenter.services.registry import Registry
from disastercenter.services.sync import SyncService
from disastercenter.store.db import open_workspace
from tests.helpers import add_shelter, integrity_ok, person, sha256
from tests.sync_helpers import Node, outbox, sealed_keys


def forked(action: str, db: Path, target: Path, label: str, role: str,
           file_size_limit: int | None = None) -> tuple[int, int]:
    """Run an import or export in a forked child (no interpreter start-up to wait for).

    Returns (pid, fd of its report): "ready" once its workspace is open, then "done …" or
    "error <key> <detail>". With `file_size_limit`, writing past that size fails (EFBIG), the
    way a full disk refuses writes.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.close(read)
            if file_size_limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
            ws = open_workspace(db)
            service = SyncService(ws, sealed_keys(label, role)[0])
            os.write(write, b"ready\n")
            try:
                if action == "import":
                    report = f"done {service.import_bundle(target).new_ops}"
                else:
                    report = f"done {service.export_bundle(target).path.name}"
            except UserError as exc:
                report = f"error {exc.key} {exc.params.get('detail')}"
            os.write(write, report.encode() + b"\n")
            ws.close()
        except BaseException as exc:
            os.write(write, f"crashed {exc!r}\n".encode())
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


def run_to_end(*args, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    pid, out = forked(*args, **kwargs)
    with os.fdopen(out, "rb") as pipe:
        lines = pipe.read().decode().splitlines()
    os.waitpid(pid, 0)
    return lines


def kill_after(delay: float, *args) -> None:  # type: ignore[no-untyped-def]
    pid, out = forked(*args)
    with os.fdopen(out, "rb") as pipe:
        assert pipe.readline() == b"ready\n"
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A center workspace (closed, checkpointed) and a shelter bundle of ~12,000 ops for it."""
    root = tmp_path_factory.mktemp("crash")
    center = Node(root / "center.sqlite3", "Center", "center")
    shelter = Node(root / "shelter.sqlite3", "Shelter A")
    center.enroll(shelter)
    shelter.enroll(center)
    registry = Registry(shelter.ws)
    shelter_id = add_shelter(registry)
    households = [(shelter_id, [person(f"Nguyen Van {i}", phone=f"090-{i:04d}-0000")], 0, "")
                  for i in range(600)]
    registry.register_households(households)
    bundle = shelter.sync.export_bundle(outbox(root)).path
    center.close()
    shelter.close()
    return root, root / "center.sqlite3", bundle


def _counts(db: Path) -> tuple[int, int, bool]:
    ws = open_workspace(db)
    try:
        assert integrity_ok(ws.conn)
        ops = ws.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
        persons = ws.conn.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0]
        history = ws.conn.execute("SELECT count(*) FROM sync_bundle WHERE direction = 'in'").fetchone()[0]
        return ops, persons, bool(history)
    finally:
        ws.close()


def test_an_import_killed_at_any_moment_leaves_a_sound_database_with_all_or_nothing(setup) -> None:
    root, base, bundle = setup
    # Once to the end, to know how long an import takes and what "all" is.
    full = root / "full.sqlite3"
    shutil.copyfile(base, full)
    pid, out = forked("import", full, bundle, "Center", "center")
    with os.fdopen(out, "rb") as pipe:
        assert pipe.readline() == b"ready\n"
        started = time.monotonic()
        assert pipe.readline().startswith(b"done")
        duration = time.monotonic() - started
    os.waitpid(pid, 0)
    everything = _counts(full)
    nothing = _counts(base)
    assert everything[0] > nothing[0] + 10_000 and everything[2] and not nothing[2]

    rng = random.Random(6)
    outcomes = []
    for attempt in range(10):
        db = root / f"killed-{attempt}.sqlite3"
        shutil.copyfile(base, db)
        kill_after(rng.uniform(0.0, duration * 1.1), "import", db, bundle, "Center", "center")
        counts = _counts(db)  # reopening recovers from the WAL; the integrity check runs here
        assert counts in (nothing, everything), counts
        outcomes.append(counts == everything)
    assert not all(outcomes), "no kill landed inside the import: the test proved nothing"


def test_an_export_killed_at_any_moment_never_leaves_a_half_bundle_under_a_bundle_name(setup, tmp_path) -> None:
    root, base, bundle = setup
    shelter_db = root / "shelter.sqlite3"
    rng = random.Random(7)
    finished: list[Path] = []
    for attempt in range(5):
        folder = tmp_path / f"stick-{attempt}"
        folder.mkdir()
        kill_after(rng.uniform(0.0, 0.6), "export", shelter_db, folder, "Shelter A", "shelter")
        for path in folder.iterdir():
            if not path.name.endswith(".partial"):  # a .partial is what a pulled stick leaves
                assert path.suffix == ".dcb"
                finished.append(path)
    # Whatever has a bundle name is a whole bundle: it imports.
    for path in finished[:1]:
        target = root / "check.sqlite3"
        shutil.copyfile(base, target)
        assert run_to_end("import", target, path, "Center", "center")[1].startswith("done")


def test_a_full_disk_during_import_surfaces_the_real_error_and_changes_nothing(setup) -> None:
    root, base, bundle = setup
    db = root / "full-disk.sqlite3"
    shutil.copyfile(base, db)
    before = sha256(db)
    lines = run_to_end("import", db, bundle, "Center", "center", file_size_limit=256 * 1024)
    assert lines[0] == "ready" and lines[1].startswith("error db.write_failed "), lines
    assert "disk" in lines[1] or "full" in lines[1], lines[1]  # SQLite's own words
    assert sha256(db) == before
    assert _counts(db) == _counts(base)


def test_a_full_disk_during_export_surfaces_the_real_error_and_leaves_no_file(setup, tmp_path) -> None:
    root, _base, bundle = setup
    folder = tmp_path / "stick"
    folder.mkdir()
    limit = bundle.stat().st_size // 2
    lines = run_to_end("export", root / "shelter.sqlite3", folder, "Shelter A", "shelter", file_size_limit=limit)
    assert lines[1] == "error sync.write_failed File too large", lines
    assert list(folder.iterdir()) == []
