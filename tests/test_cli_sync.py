"""The sync commands, run as real processes: `keys`, `export`, `import`, `peers`, `conflicts`."""

from __future__ import annotations

from pathlib import Path

from disastercenter.services.sync import SyncService
from disastercenter.store.db import open_workspace
from tests.helpers import sha256
from tests.sync_helpers import BUNDLE_PASSPHRASE, KEY_PASSPHRASE, sealed_keys
from tests.test_cli import ok, run


def _with_test_keys(db: Path, label: str, role: str) -> None:
    ws = open_workspace(db)
    try:
        SyncService(ws).install_keys(*sealed_keys(label, role))
    finally:
        ws.close()


def _write(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_keys_are_created_shown_and_enrolled_by_comparing_words(tmp_path: Path) -> None:
    home = tmp_path / "home"
    center, shelter = tmp_path / "center.sqlite3", tmp_path / "shelter.sqlite3"
    secret = _write(tmp_path / "key-pass", "a long passphrase for the center")
    created = ok(run(home, center, "keys", "init", "--label", "Kumamoto center", "--role", "center",
                     "--key-passphrase-file", str(secret)))
    words = next(line.split("\t")[1] for line in created.splitlines() if line.startswith("fingerprint"))
    assert len(words.split()) == 8
    assert words in ok(run(home, center, "keys", "show"))
    card = tmp_path / "center.card"
    ok(run(home, center, "keys", "export-public", "--out", str(card)))
    _with_test_keys(shelter, "Shelter A", "shelter")
    # Without a person confirming the words (no terminal, no --yes) nothing is enrolled.
    refused = run(home, shelter, "keys", "enroll", str(card))
    assert refused.returncode != 0 and words in refused.stdout
    assert "Kumamoto center" not in ok(run(home, shelter, "peers"))
    enrolled = ok(run(home, shelter, "keys", "enroll", str(card), "--yes"))
    assert words in enrolled and "enrolled Kumamoto center (center)" in enrolled
    assert "Kumamoto center\tcenter" in ok(run(home, shelter, "peers"))


def test_export_prints_the_bundle_and_import_prints_what_it_brought(tmp_path: Path) -> None:
    home = tmp_path / "home"
    center, shelter = tmp_path / "center.sqlite3", tmp_path / "shelter.sqlite3"
    _with_test_keys(center, "Center", "center")
    _with_test_keys(shelter, "Shelter A", "shelter")
    for db, other in ((center, shelter), (shelter, center)):
        card = tmp_path / f"{other.stem}.card"
        ok(run(home, other, "keys", "export-public", "--out", str(card)))
        ok(run(home, db, "keys", "enroll", str(card), "--yes"))
    ok(run(home, shelter, "demo", "--evacuees", "40", "--shelters", "1", "--volunteers", "2", "--seed", "3"))
    key_pass = _write(tmp_path / "key-pass", KEY_PASSPHRASE)
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = Path(ok(run(home, shelter, "export", "--to", str(usb), "--key-passphrase-file", str(key_pass))).strip())
    assert bundle.parent == usb and bundle.exists()
    summary = ok(run(home, center, "import", str(bundle), "--key-passphrase-file", str(key_pass)))
    assert "imported from Shelter A" in summary and "40 person" in summary and "conflicts: 0" in summary
    assert "already imported" in ok(run(home, center, "import", str(bundle), "--key-passphrase-file", str(key_pass)))
    assert "no conflicts" in ok(run(home, center, "conflicts"))
    # A damaged file: the reason, a non-zero exit, the workspace file untouched.
    damaged = usb / "damaged.dcb"
    damaged.write_bytes(bundle.read_bytes()[:-500])
    before = sha256(center)
    result = run(home, center, "import", str(damaged), "--key-passphrase-file", str(key_pass), lang="ja")
    assert result.returncode == 2
    assert "壊れているか不完全です" in result.stderr and "何も取り込んでいません" in result.stderr
    assert sha256(center) == before


def test_two_laptops_never_enrolled_exchange_with_a_passphrase_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first, second = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    ok(run(home, first, "demo", "--evacuees", "20", "--shelters", "1", "--volunteers", "0", "--seed", "4"))
    passphrase = _write(tmp_path / "bundle-pass", BUNDLE_PASSPHRASE)
    folder = tmp_path / "shared"
    folder.mkdir()
    bundle = ok(run(home, first, "export", "--to", str(folder), "--passphrase-file", str(passphrase))).strip()
    without = run(home, second, "import", bundle)
    assert without.returncode == 2 and "protected by a passphrase" in without.stderr
    summary = ok(run(home, second, "import", bundle, "--passphrase-file", str(passphrase)))
    assert "(passphrase)" in summary and "20 person" in summary


def test_conflicts_are_listed_and_settled_from_the_command_line(tmp_path: Path) -> None:
    from disastercenter.services.registry import Registry
    from tests.helpers import add_shelter, person
    from tests.sync_helpers import Node, outbox

    center = Node(tmp_path / "center.sqlite3", "Center", "center")
    shelter = Node(tmp_path / "a.sqlite3", "Shelter A")
    center.enroll(shelter)
    shelter.enroll(center)
    registry = Registry(shelter.ws)
    person_id = registry.register_household(add_shelter(registry), [person("Nguyen Van An")]).person_ids[0]
    usb = outbox(tmp_path)
    center.sync.import_bundle(shelter.sync.export_bundle(usb).path)
    with center.ws.db.atomic():
        center.ws.oplog.write("person", person_id, {"phone": "090-1111-1111"})
    with shelter.ws.db.atomic():
        shelter.ws.oplog.write("person", person_id, {"phone": "080-2222-2222"})
    center.sync.import_bundle(shelter.sync.export_bundle(usb).path)
    center.close()
    shelter.close()
    home = tmp_path / "home"
    listed = ok(run(home, center.ws.path, "conflicts"))
    assert listed.splitlines()[0] == "1. Nguyen Van An (person): phone"
    choice = next(line for line in listed.splitlines() if "090-1111-1111" in line)
    number = choice.strip().lstrip("*").split(")")[0]
    assert ok(run(home, center.ws.path, "conflicts", "--resolve", "1", "--choose", number)).strip() == "settled"
    assert ok(run(home, center.ws.path, "conflicts")).strip() == "no conflicts"
    ws = open_workspace(center.ws.path)
    try:
        assert ws.conn.execute("SELECT phone FROM person WHERE id = ?", (person_id,)).fetchone() == ("090-1111-1111",)
    finally:
        ws.close()
