"""Shelters and a center exchanging real bundle files through a folder (a USB stick)."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest

from disastercenter.core.errors import UserError
from disastercenter.services.registry import Registry
from disastercenter.services.sync import Quarantined, SyncService
from disastercenter.store import person_keys
from disastercenter.store.db import connect, open_workspace
from disastercenter.store.oplog import OpLog
from disastercenter.sync import transport
from disastercenter.sync.bundle import BundleError
from disastercenter.sync.conflicts import RECORD
from disastercenter.sync.duplicates import find_duplicate_candidates
from tests.helpers import add_shelter, person, sha256, snapshot
from tests.sync_helpers import BUNDLE_PASSPHRASE, Node, enroll_all, outbox


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[tuple[Node, Node, Node]]:
    center = Node(tmp_path / "center.sqlite3", "Center", "center")
    a = Node(tmp_path / "a.sqlite3", "Shelter A")
    b = Node(tmp_path / "b.sqlite3", "Shelter B")
    enroll_all([center, a, b])
    yield center, a, b
    for node in (center, a, b):
        node.close()


def register(node: Node, name: str, shelter: str = "第一小学校") -> tuple[str, str]:
    registry = Registry(node.ws)
    shelter_id = add_shelter(registry, shelter)
    person_id = registry.register_household(shelter_id, [person(name)]).person_ids[0]
    return shelter_id, person_id


def records(node: Node) -> dict[str, list[tuple]]:
    data = snapshot(node.ws.conn)
    # Sync bookkeeping, the migrations table and the duplicate-blocking keys (a local cache,
    # refreshed when a duplicate check runs) are per device; the records must be equal.
    local = ("meta", "_sqlite_migrations", "person_key", "person_key_dirty")
    return {k: v for k, v in data.items() if not k.startswith("sync_") and k not in local}


def test_a_shelter_bundle_imported_at_the_center_brings_every_record(nodes, tmp_path: Path) -> None:
    center, a, _ = nodes
    _, person_id = register(a, "Nguyen Van An")
    result = a.sync.export_bundle(outbox(tmp_path))
    summary = center.sync.import_bundle(result.path)
    assert summary.status == "imported"
    assert summary.new_ops == result.ops > 0
    assert summary.new_records["person"] == 1 and summary.new_records["shelter"] == 1
    assert summary.signer == a.sync.identity().key_id
    assert records(center) == records(a)
    assert Registry(center.ws).get_person(person_id).data.name_latin == "Nguyen Van An"


def test_reimporting_a_bundle_changes_nothing(nodes, tmp_path: Path) -> None:
    center, a, _ = nodes
    register(a, "Nguyen Van An")
    path = a.sync.export_bundle(outbox(tmp_path)).path
    center.sync.import_bundle(path)
    center.ws.close()
    before = sha256(center.ws.path)
    center.ws = open_workspace(center.ws.path)
    center.sync = SyncService(center.ws, center.sync.keys)
    again = center.sync.import_bundle(path)
    assert again.status == "already imported" and again.new_ops == 0
    center.ws.close()
    assert sha256(center.ws.path) == before
    center.ws = open_workspace(center.ws.path)


def test_ops_are_forwarded_from_the_center_to_another_shelter(nodes, tmp_path: Path) -> None:
    center, a, b = nodes
    register(a, "Nguyen Van An")
    center.sync.import_bundle(a.sync.export_bundle(outbox(tmp_path)).path)
    for_b = center.sync.export_bundle(outbox(tmp_path), for_peer="Shelter B")
    summary = b.sync.import_bundle(for_b.path)
    assert summary.new_records["person"] == 1
    assert records(b) == records(a)


def test_a_bundle_for_a_peer_carries_only_what_it_has_not_acknowledged(nodes, tmp_path: Path) -> None:
    center, a, _ = nodes
    register(a, "Nguyen Van An")
    first = a.sync.export_bundle(outbox(tmp_path), for_peer="Center")
    center.sync.import_bundle(first.path)
    # The center answers (even with nothing new): its bundle says what it now has.
    a.sync.import_bundle(center.sync.export_bundle(outbox(tmp_path), for_peer="Shelter A").path)
    register(a, "Tran Thi Binh", "中央公民館")
    second = a.sync.export_bundle(outbox(tmp_path), for_peer="Center")
    assert 0 < second.ops < first.ops + 30
    assert second.since == {a.ws.device_id: first.ops}
    # A lost answer only means the next bundle repeats ops: nothing is skipped.
    third = a.sync.export_bundle(outbox(tmp_path), for_peer="Center")
    assert third.ops == second.ops


def test_deletes_travel(nodes, tmp_path: Path) -> None:
    center, a, _ = nodes
    _, person_id = register(a, "Nguyen Van An")
    center.sync.import_bundle(a.sync.export_bundle(outbox(tmp_path)).path)
    with center.ws.db.atomic():
        center.ws.oplog.delete("person", person_id)
    a.sync.import_bundle(center.sync.export_bundle(outbox(tmp_path), for_peer="Shelter A").path)
    assert a.ws.conn.execute("SELECT deleted FROM person WHERE id = ?", (person_id,)).fetchone() == (1,)
    assert records(a) == records(center)


def test_bundles_arriving_in_any_order_converge(nodes, tmp_path: Path) -> None:
    center, a, _ = nodes
    usb = outbox(tmp_path)
    paths = []
    for name in ("Nguyen Van An", "Tran Thi Binh", "Dang Minh"):
        register(a, name)
        paths.append(a.sync.export_bundle(usb, full=True).path)
    for path in reversed(paths):
        center.sync.import_bundle(path)
    assert records(center) == records(a)


def test_concurrent_edits_keep_both_values_and_a_choice_syncs_and_settles_them(nodes, tmp_path: Path) -> None:
    center, a, b = nodes
    _, person_id = register(a, "Nguyen Van An")
    usb = outbox(tmp_path)
    center.sync.import_bundle(a.sync.export_bundle(usb).path)
    b.sync.import_bundle(center.sync.export_bundle(usb, for_peer="Shelter B").path)
    # Both shelters correct the phone number without having seen the other's correction.
    with a.ws.db.atomic():
        a.ws.oplog.write("person", person_id, {"phone": "090-1111-1111"})
    with b.ws.db.atomic():
        b.ws.oplog.write("person", person_id, {"phone": "080-2222-2222"})
    center.sync.import_bundle(a.sync.export_bundle(usb).path)
    summary = center.sync.import_bundle(b.sync.export_bundle(usb).path)
    assert summary.conflicts == 1
    (conflict,) = center.sync.conflicts()
    assert conflict.key == ("person", person_id, "phone")
    assert conflict.values == {'"090-1111-1111"', '"080-2222-2222"'}
    shown = center.ws.conn.execute("SELECT phone FROM person WHERE id = ?", (person_id,)).fetchone()[0]
    assert json.loads(conflict.heads[0].value) == shown  # the provisional winner is what shows
    (view,) = center.sync.conflict_views()
    assert view.record_label.startswith("Nguyen Van An")
    assert {c[2] for c in view.choices} == {"Shelter A", "Shelter B"}
    # A receives B's value: the same conflict appears there.
    a.sync.import_bundle(center.sync.export_bundle(usb, for_peer="Shelter A").path)
    assert [c.key for c in a.sync.conflicts()] == [conflict.key]
    # A person at the center chooses A's number; the choice travels and settles it at A too.
    center.sync.resolve_conflict(conflict.key, '"090-1111-1111"')
    assert center.sync.conflicts() == []
    a.sync.import_bundle(center.sync.export_bundle(usb, for_peer="Shelter A").path)
    assert a.sync.conflicts() == []
    assert a.ws.conn.execute("SELECT phone FROM person WHERE id = ?", (person_id,)).fetchone() == ("090-1111-1111",)


def test_an_edit_racing_a_delete_is_shown_and_the_record_stays_deleted_until_restored(nodes, tmp_path) -> None:
    center, a, _ = nodes
    _, person_id = register(a, "Nguyen Van An")
    usb = outbox(tmp_path)
    center.sync.import_bundle(a.sync.export_bundle(usb).path)
    with center.ws.db.atomic():
        center.ws.oplog.delete("person", person_id)
    # The edit comes after the delete in time (an edit older than a delete it never saw is
    # covered by the delete); within one millisecond the two clocks could tie.
    time.sleep(0.01)
    with a.ws.db.atomic():
        a.ws.oplog.write("person", person_id, {"notes": "needs insulin daily"})
    center.sync.import_bundle(a.sync.export_bundle(usb).path)
    assert center.ws.conn.execute("SELECT deleted FROM person WHERE id = ?", (person_id,)).fetchone() == (1,)
    (conflict,) = center.sync.conflicts()
    assert conflict.key == ("person", person_id, RECORD)
    assert [h.field for h in conflict.heads][-1] == "_deleted"
    center.sync.resolve_conflict(conflict.key, "restore")
    assert center.sync.conflicts() == []
    assert center.ws.conn.execute(
        "SELECT deleted, notes FROM person WHERE id = ?", (person_id,)).fetchone() == (0, "needs insulin daily")


def test_a_bundle_from_an_unknown_sender_is_quarantined_until_a_person_accepts_it(tmp_path: Path) -> None:
    center = Node(tmp_path / "center.sqlite3", "Center", "center")
    stranger = Node(tmp_path / "s.sqlite3", "Shelter C")
    try:
        stranger.enroll(center)  # the shelter knows the center; the center never enrolled it
        register(stranger, "Maria Silva")
        path = stranger.sync.export_bundle(outbox(tmp_path)).path
        before = snapshot(center.ws.conn)
        with pytest.raises(Quarantined) as caught:
            center.sync.import_bundle(path)
        assert snapshot(center.ws.conn) == before
        assert caught.value.item.words == stranger.sync.identity().words
        (item,) = center.sync.quarantined()
        assert item.sender_label == "Shelter C" and item.ops > 0
        summary = center.sync.accept_quarantined(item.id)
        assert summary.new_records["person"] == 1
        assert center.sync.quarantined() == []
        assert "Shelter C" in [p.label for p in center.sync.peers()]
        # Trusted from now on.
        register(stranger, "Ali Khan")
        assert center.sync.import_bundle(stranger.sync.export_bundle(outbox(tmp_path)).path).status == "imported"
    finally:
        center.close()
        stranger.close()


def test_rejecting_a_quarantined_bundle_deletes_it_and_changes_nothing(tmp_path: Path) -> None:
    center = Node(tmp_path / "center.sqlite3", "Center", "center")
    stranger = Node(tmp_path / "s.sqlite3", "Shelter C")
    try:
        stranger.enroll(center)
        register(stranger, "Maria Silva")
        before = snapshot(center.ws.conn)
        with pytest.raises(Quarantined):
            center.sync.import_bundle(stranger.sync.export_bundle(outbox(tmp_path)).path)
        center.sync.reject_quarantined(center.sync.quarantined()[0].id)
        assert center.sync.quarantined() == []
        assert snapshot(center.ws.conn) == before
    finally:
        center.close()
        stranger.close()


def test_two_laptops_never_enrolled_exchange_by_passphrase(tmp_path: Path) -> None:
    first = Node(tmp_path / "one.sqlite3", "One", keys=False)
    second = Node(tmp_path / "two.sqlite3", "Two", keys=False)
    try:
        _, person_id = register(first, "Nguyen Van An")
        result = first.sync.export_bundle(outbox(tmp_path), passphrase=BUNDLE_PASSPHRASE)
        assert result.auth == "passphrase"
        with pytest.raises(BundleError) as caught:
            second.sync.import_bundle(result.path, passphrase="not the passphrase")
        assert caught.value.key == "sync.wrong_passphrase"
        summary = second.sync.import_bundle(result.path, passphrase=BUNDLE_PASSPHRASE)
        assert summary.signer is None and summary.new_records["person"] == 1
        assert records(second) == records(first)
        # The second laptop now knows what the first has: a bundle for it would carry nothing.
        (peer,) = second.sync.peers()
        assert peer.role == "passphrase" and peer.devices[0][1] == {first.ws.device_id: result.ops}
        assert second.sync.resolve_peer(first.ws.device_id[:8]) == first.ws.device_id
    finally:
        first.close()
        second.close()


def test_a_workspace_restored_from_a_backup_takes_a_new_device_id_and_loses_nothing(nodes, tmp_path) -> None:
    center, a, _ = nodes
    usb = outbox(tmp_path)
    register(a, "Nguyen Van An")
    backup = tmp_path / "a-backup.sqlite3"
    a.ws.close()
    shutil.copyfile(a.ws.path, backup)
    a.ws = open_workspace(a.ws.path)
    a.sync = SyncService(a.ws, a.sync.keys)
    register(a, "Tran Thi Binh")  # made after the backup, sent to the center, then lost
    center.sync.import_bundle(a.sync.export_bundle(usb).path)
    old_device = a.ws.device_id
    a.close()
    shutil.copyfile(backup, a.ws.path)
    a.ws = open_workspace(a.ws.path)
    a.sync = SyncService(a.ws, a.sync.keys)
    summary = a.sync.import_bundle(center.sync.export_bundle(usb, full=True).path)
    assert summary.new_device_id is not None and summary.new_device_id != old_device
    assert a.ws.device_id == summary.new_device_id == a.ws.oplog.device_id
    register(a, "Dang Minh")
    assert center.sync.import_bundle(a.sync.export_bundle(usb).path).status == "imported"
    assert records(center) == records(a)


def test_a_cloned_workspace_is_refused_by_the_center_until_it_learns_it_is_a_clone(nodes, tmp_path) -> None:
    center, a, _ = nodes
    usb = outbox(tmp_path)
    register(a, "Nguyen Van An")
    center.sync.import_bundle(a.sync.export_bundle(usb).path)
    a.ws.close()
    twin_path = tmp_path / "a-twin.sqlite3"
    shutil.copyfile(a.ws.path, twin_path)
    a.ws = open_workspace(a.ws.path)
    a.sync = SyncService(a.ws, a.sync.keys)
    twin = Node(twin_path, "Shelter A", keys=False)
    twin.sync.keys = a.sync.keys
    try:
        register(a, "Tran Thi Binh")
        register(twin, "Dang Minh")  # same device id, same counters, other content
        center.sync.import_bundle(twin.sync.export_bundle(usb).path)
        before = records(center)
        with pytest.raises(UserError) as caught:
            center.sync.import_bundle(a.sync.export_bundle(usb).path)
        assert caught.value.key == "sync.clone"
        assert records(center) == before  # nothing imported; only where the histories part is noted
        # The center's next bundle shows A that its device id was used twice.
        summary = a.sync.import_bundle(center.sync.export_bundle(usb, for_peer="Shelter A").path)
        assert summary.new_device_id and summary.reissued_ops > 0
        center.sync.import_bundle(a.sync.export_bundle(usb).path)
        names = {row[0] for row in center.ws.conn.execute("SELECT name_latin FROM person WHERE deleted = 0")}
        assert names == {"Nguyen Van An", "Tran Thi Binh", "Dang Minh"}
        assert records(center)["person"] == records(a)["person"]
    finally:
        twin.close()


def test_the_recovery_key_opens_a_bundle_with_standard_tools_following_the_format_doc(nodes, tmp_path) -> None:
    center, a, _ = nodes
    center.sync.create_recovery_key(tmp_path / "recovery-key.txt")
    a.enroll(center)  # the updated card lists the recovery key
    register(a, "Nguyen Van An")
    path = a.sync.export_bundle(outbox(tmp_path)).path
    secret = [line for line in (tmp_path / "recovery-key.txt").read_text().splitlines() if line.startswith("AGE-")]
    identity = pyrage.x25519.Identity.from_str(secret[0])
    plain = pyrage.decrypt(path.read_bytes(), [identity])
    archive = zipfile.ZipFile(__import__("io").BytesIO(plain))
    assert sorted(archive.namelist()) == ["manifest.json", "manifest.sig", "ops.jsonl"]
    manifest = json.loads(archive.read("manifest.json"))
    lines = archive.read("ops.jsonl").decode("utf-8").splitlines()
    assert manifest["payload"]["ops"] == len(lines)
    assert manifest["sender"]["label"] == "Shelter A"
    first = json.loads(lines[0])
    assert len(first) == 8 and first[0] == a.ws.device_id


def test_bundle_files_have_names_every_file_system_accepts(nodes, tmp_path: Path) -> None:
    center, a, _ = nodes
    a.sync.keys.label = "避難所 第一/小学校: A*?"
    path = a.sync.export_bundle(outbox(tmp_path)).path
    assert transport.is_safe_name(path.name) and path.name.startswith("dc-") and path.suffix == ".dcb"
    assert len(path.name) <= 64
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_exporting_to_a_read_only_folder_says_so_and_leaves_no_file() -> None:
    # Root writes anywhere, so the export runs in a forked child that has become "nobody"
    # (everything it needs is already imported) on a folder nobody may write to.
    folder = Path(tempfile.mkdtemp(prefix="dc-readonly-"))
    try:
        stick = folder / "stick"
        stick.mkdir()
        folder.chmod(0o777)
        stick.chmod(0o555)
        assert _in_child_as_nobody(lambda: _export_into(folder / "ws.sqlite3", stick)) == (
            "sync.write_failed Permission denied"
        )
        assert list(stick.iterdir()) == []
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _export_into(db: Path, folder: Path) -> str:
    ws = open_workspace(db)
    try:
        register_in = Registry(ws)
        add_shelter(register_in, "第一小学校")
        SyncService(ws).export_bundle(folder, passphrase=BUNDLE_PASSPHRASE)
    except UserError as exc:
        return f"{exc.key} {exc.params.get('detail')}"
    finally:
        ws.close()
    return "exported"


def _in_child_as_nobody(work) -> str:  # type: ignore[no-untyped-def]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.close(read)
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            os.write(write, work().encode("utf-8"))
        except BaseException as exc:
            os.write(write, f"child failed: {exc!r}".encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        answer = pipe.read().decode("utf-8")
    os.waitpid(pid, 0)
    return answer


def test_a_watched_folder_imports_new_bundles_once_and_skips_its_own(nodes, tmp_path: Path) -> None:
    center, a, b = nodes
    shared = outbox(tmp_path, "shared")
    register(a, "Nguyen Van An")
    register(b, "Tran Thi Binh")
    a.sync.export_bundle(shared)
    b.sync.export_bundle(shared)
    (shared / ".dc-half-written.dcb.partial").write_bytes(b"age-encryption.org/v1\n")
    center.sync.export_bundle(shared)  # the center's own bundle sits in the same folder
    seen: dict = {}
    scan = center.sync.scan_folder(shared, seen=seen)
    assert sorted(s.sender_label for s in scan.imported) == ["Shelter A", "Shelter B"]
    assert scan.failed == [] and scan.quarantined == []
    assert [p.name for p in scan.skipped] == [p.name for p in shared.glob("dc-center-*")]
    again = center.sync.scan_folder(shared, seen=seen)
    assert again.imported == again.skipped == again.failed == []
    fresh = center.sync.scan_folder(shared)  # a new session: already imported, nothing changes
    assert fresh.imported == [] and fresh.failed == [] and len(fresh.skipped) == 3


def _one_bundle_from_each_shelter(a, b, usb: Path) -> tuple[Path, Path]:
    register(a, "Nguyen Van An")
    first = a.sync.export_bundle(usb).path
    register(b, "Tran Thi Binh")
    return first, b.sync.export_bundle(usb).path


@pytest.mark.parametrize("read_ahead", [False, True], ids=["one process", "read ahead by a second process"])
def test_importing_many_bundles_at_once_keeps_their_order_and_refuses_only_the_bad_ones(
    nodes, tmp_path, read_ahead: bool
) -> None:
    center, a, b = nodes
    usb = outbox(tmp_path)
    first, second = _one_bundle_from_each_shelter(a, b, usb)
    damaged = usb / "damaged.dcb"
    damaged.write_bytes(second.read_bytes()[:-300])
    results = center.sync.import_bundles([first, damaged, second, first], read_ahead=read_ahead)
    assert [getattr(r, "status", None) for r in results] == ["imported", None, "imported", "already imported"]
    assert results[1][0] == damaged and results[1][1].key == "sync.damaged"
    names = {row[0] for row in center.ws.conn.execute("SELECT name_latin FROM person")}
    assert names == {"Nguyen Van An", "Tran Thi Binh"}


def test_stopping_an_import_read_ahead_keeps_the_bundles_done_and_stops_the_reader(nodes, tmp_path) -> None:
    center, a, b = nodes
    first, second = _one_bundle_from_each_shelter(a, b, outbox(tmp_path))

    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done == 1:
            raise Stop

    with pytest.raises(Stop):
        center.sync.import_bundles([first, second], progress=progress, read_ahead=True)
    assert multiprocessing.active_children() == []
    names = {row[0] for row in center.ws.conn.execute("SELECT name_latin FROM person")}
    assert names == {"Nguyen Van An"}
    assert not center.ws.conn.in_transaction
    again = center.sync.import_bundles([first, second], read_ahead=True)
    assert [r.status for r in again] == ["already imported", "imported"]


# -- duplicate people across the bundles of one import ----------------------------------------


def _register_an(node: Node, shelter: str, **fields: object) -> str:
    registry = Registry(node.ws)
    values: dict[str, object] = dict(
        name_native="Nguyễn Văn An", name_kana="グエン ヴァン アン", sex="male",
        birth_date="1988-03-02", nationality="VN", phone="090-1111-2222",
    )
    values.update(fields)
    return registry.register_household(
        add_shelter(registry, shelter), [person(str(values.pop("name_latin", "NGUYEN Van An")), **values)]
    ).person_ids[0]


def _keys_of(conn, person_id: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {row[0] for row in conn.execute("SELECT key FROM person_key WHERE person_id = ?", (person_id,))}


@pytest.mark.parametrize("read_ahead", [False, True], ids=["one process", "read ahead by a second process"])
def test_one_person_registered_at_two_shelters_is_found_within_one_import(nodes, tmp_path, read_ahead) -> None:
    center, a, b = nodes
    usb = outbox(tmp_path)
    at_a = _register_an(a, "北小学校")
    first = a.sync.export_bundle(usb).path
    at_b = _register_an(b, "南中学校", name_latin="Nguyen Van An")
    second = b.sync.export_bundle(usb).path
    results = center.sync.import_bundles([first, second], read_ahead=read_ahead)
    assert [r.suspected_duplicates for r in results] == [0, 1]
    [candidate] = results[1].duplicate_candidates
    assert {candidate.person_id, candidate.other_id} == {at_a, at_b} and candidate.band == "certain"
    # The keys set aside during the import are written once it is done; nothing left marked.
    conn = center.ws.conn
    assert _keys_of(conn, at_a) == _keys_of(conn, at_b) != set()
    assert conn.execute("SELECT count(*) FROM person_key_dirty").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM meta WHERE key = 'person_keys_aside'").fetchone()[0] == 0
    assert {p.id for p in Registry(center.ws).search("グエン")} == {at_a, at_b}


def test_keys_an_interrupted_import_never_wrote_are_made_by_the_next_check(nodes, tmp_path) -> None:
    center, a, _b = nodes
    # Known by name and phone only (no date of birth): only the blocking keys can find them.
    at_a = _register_an(a, "北小学校", birth_date=None, age_band="18-39")
    bundle = a.sync.export_bundle(outbox(tmp_path)).path
    # The process dies after the bundle is committed, before the keys it set aside are written.
    center.sync._import_file(bundle, None, None)
    center.close()
    center = Node(tmp_path / "center.sqlite3", "Center", "center", keys=False)
    try:
        assert _keys_of(center.ws.conn, at_a) == set()
        at_center = _register_an(center, "センター", birth_date=None, age_band="18-39")
        found = find_duplicate_candidates(center.ws.conn, [at_center])
        assert [c.other_id for c in found] == [at_a]
        assert _keys_of(center.ws.conn, at_a) == _keys_of(center.ws.conn, at_center) != set()
        assert center.ws.conn.execute(
            "SELECT count(*) FROM meta WHERE key = 'person_keys_aside'").fetchone() == (0,)
    finally:
        center.close()


def test_a_person_changed_elsewhere_during_an_import_keeps_keys_of_the_change(nodes, tmp_path) -> None:
    center, a, _b = nodes
    at_a = _register_an(a, "北小学校")
    bundle = a.sync.export_bundle(outbox(tmp_path)).path
    center.sync._import_file(bundle, None, None)  # committed; its keys still set aside
    other = connect(center.ws.path)  # a window of the app saving a correction meanwhile
    try:
        with_other = OpLog(other, "window")
        other.execute("BEGIN")
        with_other.write("person", at_a, {"name_latin": "TRAN Van Binh", "phone": None})
        other.execute("COMMIT")
    finally:
        other.close()
    person_keys.flush_pending(center.ws.conn)
    conn = center.ws.conn
    assert "t:09011112222" not in _keys_of(conn, at_a)  # the old keys are not written
    person_keys.refresh(conn)
    keys = _keys_of(conn, at_a)
    assert "l:binh tran van" in keys and not any(k.startswith("t:") for k in keys)


def test_keys_that_cannot_be_written_while_another_window_writes_stay_aside_until_they_can(nodes, tmp_path) -> None:
    center, a, _b = nodes
    at_a = _register_an(a, "北小学校")
    center.sync._import_file(a.sync.export_bundle(outbox(tmp_path)).path, None, None)
    conn = center.ws.conn
    conn.execute("PRAGMA busy_timeout = 50")
    other = connect(center.ws.path)
    try:
        other.execute("BEGIN IMMEDIATE")  # another window in the middle of saving
        assert person_keys.flush_pending(conn) == 0
        assert _keys_of(conn, at_a) == set()
        # Still set aside, so a check on this connection finds the person by them.
        assert conn.execute("SELECT count(*) FROM temp.pending_person").fetchone() == (1,)
        other.execute("COMMIT")
    finally:
        other.close()
    assert person_keys.flush_pending(conn) == 1
    assert "t:09011112222" in _keys_of(conn, at_a)
    assert conn.execute("SELECT count(*) FROM meta WHERE key = 'person_keys_aside'").fetchone() == (0,)
