"""Every kind of bad bundle is refused with a clear reason, and the database file stays
byte-for-byte as it was."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import random
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest

from disastercenter.core.errors import UserError
from disastercenter.services.registry import Registry
from disastercenter.services.sync import SyncService
from disastercenter.store.db import open_workspace
from disastercenter.sync import bundle as fmt
from disastercenter.sync.keys import DeviceKeys
from tests.helpers import add_shelter, person, sha256
from tests.sync_helpers import Node, enroll_all, outbox, sealed_keys


@dataclass
class World:
    center: Node
    shelter: Node
    good: Path  # a valid bundle from the shelter to the center
    members: dict[str, bytes]  # its decrypted zip members
    folder: Path

    def encrypt(self, plain: bytes, name: str = "bad.dcb", to: DeviceKeys | None = None) -> Path:
        recipient = (to or self.center.sync.keys).identity.to_public()  # type: ignore[union-attr]
        path = self.folder / name
        path.write_bytes(pyrage.encrypt(plain, [recipient]))
        return path

    def bundle(self, members: dict[str, bytes] | list[tuple[str, bytes]], *, sign_with: DeviceKeys | None = None,
               name: str = "bad.dcb") -> Path:
        """A bundle of these zip members, the manifest (re)signed by the shelter unless told."""
        items = list(members.items()) if isinstance(members, dict) else list(members)
        keys = sign_with or self.shelter.sync.keys
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Duplicate name": meant, for one case
            for member, data in items:
                if member == fmt.SIGNATURE and data == b"resign":
                    manifest = dict(items)[fmt.MANIFEST]
                    data = keys.sign(manifest)  # type: ignore[union-attr]
                archive.writestr(member, data)
        return self.encrypt(out.getvalue(), name)

    def with_manifest(self, change: Callable[[dict], None], ops: bytes | None = None) -> Path:
        manifest = json.loads(self.members[fmt.MANIFEST])
        payload = ops if ops is not None else self.members[fmt.PAYLOAD]
        if ops is not None:
            manifest["payload"].update(size=len(ops), ops=ops.count(b"\n"),
                                       sha256=hashlib.sha256(ops).hexdigest())
        change(manifest)
        text = json.dumps(manifest).encode()
        return self.bundle({fmt.PAYLOAD: payload, fmt.MANIFEST: text, fmt.SIGNATURE: b"resign"})

    def with_ops(self, ops: bytes) -> Path:
        return self.with_manifest(lambda m: None, ops)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("bad-bundles")
    center = Node(root / "center.sqlite3", "Center", "center")
    shelter = Node(root / "shelter.sqlite3", "Shelter A")
    enroll_all([center, shelter])
    registry = Registry(shelter.ws)
    shelter_id = add_shelter(registry)
    registry.register_household(shelter_id, [person("Nguyen Van An"), person("Nguyen Thi Hoa")])
    folder = outbox(root)
    good = shelter.sync.export_bundle(folder).path
    plain = pyrage.decrypt(good.read_bytes(), [center.sync.keys.identity])  # type: ignore[union-attr]
    archive = zipfile.ZipFile(io.BytesIO(plain))
    members = {name: archive.read(name) for name in archive.namelist()}
    yield World(center, shelter, good, members, folder)
    center.close()
    shelter.close()


def _lines(world: World) -> list[bytes]:
    return world.members[fmt.PAYLOAD].splitlines(keepends=True)


def _replace_op(world: World, index: int, change: Callable[[list], None]) -> bytes:
    lines = _lines(world)
    op = json.loads(lines[index])
    change(op)
    lines[index] = json.dumps(op, ensure_ascii=False).encode() + b"\n"
    return b"".join(lines)


def _index_of(world: World, field: str) -> int:
    return next(i for i, line in enumerate(_lines(world)) if json.loads(line)[6] == field)


def _zip_bomb(world: World) -> Path:
    # 200 MB of the same line in a few hundred kilobytes.
    line = _lines(world)[0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open(fmt.PAYLOAD, "w", force_zip64=True) as member:
            block = line * (1_000_000 // len(line))
            for _ in range(200):
                member.write(block)
        archive.writestr(fmt.MANIFEST, world.members[fmt.MANIFEST])
        archive.writestr(fmt.SIGNATURE, world.members[fmt.SIGNATURE])
    return world.encrypt(out.getvalue())


def _stranger_keys() -> DeviceKeys:
    return sealed_keys("Shelter D", "shelter")[0]


CASES: dict[str, tuple[Callable[[World], Path], str]] = {
    "empty file": (lambda w: _write(w, b""), "sync.not_bundle"),
    "random bytes": (lambda w: _write(w, random.Random(1).randbytes(5000)), "sync.not_bundle"),
    "a zip that is not encrypted": (lambda w: _write(w, _zip(w.members)), "sync.not_bundle"),
    "truncated": (lambda w: _write(w, w.good.read_bytes()[: w.good.stat().st_size // 2]), "sync.damaged"),
    "truncated to its header": (lambda w: _write(w, w.good.read_bytes()[:200]), "sync.damaged"),
    "a bit flipped in the payload": (lambda w: _write(w, _flip(w.good.read_bytes(), -100)), "sync.damaged"),
    "a bit flipped in the header's MAC": (
        lambda w: _write(w, _flip(w.good.read_bytes(), w.good.read_bytes().index(b"\n--- ") + 8)), "sync.damaged"),
    # A damaged key stanza cannot be told from one for another device's key.
    "a changed key stanza": (lambda w: _write(w, _change_stanza(w.good.read_bytes())), "sync.wrong_key"),
    "encrypted data that is not a zip": (lambda w: w.encrypt(b"not a zip at all" * 100), "sync.damaged"),
    "a zip bomb": (_zip_bomb, "sync.bad_bundle"),
    "a ../ member name": (
        lambda w: w.bundle([*w.members.items(), ("../../evil.sh", b"rm -rf /")]), "sync.bad_bundle"),
    "an absolute member name": (
        lambda w: w.bundle([*w.members.items(), ("/etc/passwd", b"x")]), "sync.bad_bundle"),
    "an extra member": (lambda w: w.bundle({**w.members, "notes.txt": b"hello"}), "sync.bad_bundle"),
    "a member twice": (
        lambda w: w.bundle([*w.members.items(), (fmt.PAYLOAD, w.members[fmt.PAYLOAD])]), "sync.bad_bundle"),
    "the ops missing": (
        lambda w: w.bundle({k: v for k, v in w.members.items() if k != fmt.PAYLOAD}), "sync.bad_bundle"),
    "the manifest missing": (
        lambda w: w.bundle({k: v for k, v in w.members.items() if k != fmt.MANIFEST}), "sync.bad_bundle"),
    "the signature missing": (
        lambda w: w.bundle({k: v for k, v in w.members.items() if k != fmt.SIGNATURE}), "sync.unsigned"),
    "a manifest that is not UTF-8": (
        lambda w: w.bundle({**w.members, fmt.MANIFEST: b"\xff\xfe" + w.members[fmt.MANIFEST],
                            fmt.SIGNATURE: b"resign"}), "sync.bad_bundle"),
    "a manifest that is not JSON": (
        lambda w: w.bundle({**w.members, fmt.MANIFEST: b"{format: bundle", fmt.SIGNATURE: b"resign"}),
        "sync.bad_bundle"),
    "a manifest with a duplicated key": (
        lambda w: w.bundle({**w.members, fmt.MANIFEST: w.members[fmt.MANIFEST].replace(
            b'"auth"', b'"auth": "passphrase", "auth"', 1), fmt.SIGNATURE: b"resign"}), "sync.bad_bundle"),
    "a manifest field of the wrong type": (
        lambda w: w.with_manifest(lambda m: m["payload"].update(ops="many")), "sync.bad_bundle"),
    "a version vector of the wrong type": (
        lambda w: w.with_manifest(lambda m: m["version_vector"].update({"x": "12"})), "sync.bad_bundle"),
    "an unknown manifest field": (
        lambda w: w.with_manifest(lambda m: m.update(comment="hi")), "sync.bad_bundle"),
    "a future format version": (
        lambda w: w.with_manifest(lambda m: m.update(version=2)), "sync.future_version"),
    "ops that are not UTF-8": (
        lambda w: w.with_ops(b"".join(_lines(w)[:-1]) + b'["\xff\xfe"]\n'), "sync.bad_bundle"),
    "ops that are not JSON": (lambda w: w.with_ops(b"".join(_lines(w)) + b"[1, 2,\n"), "sync.bad_bundle"),
    "an op with a counter as text": (
        lambda w: w.with_ops(_replace_op(w, 3, lambda op: op.__setitem__(1, "4"))), "sync.bad_bundle"),
    "an op with a zero counter": (
        lambda w: w.with_ops(_replace_op(w, 3, lambda op: op.__setitem__(1, 0))), "sync.bad_bundle"),
    "an op with NaN": (
        lambda w: w.with_ops(b"".join(_lines(w)) + b'["a",7,NaN,0,"person","x","y","z"]\n'), "sync.bad_bundle"),
    "an op with an unknown field": (
        lambda w: w.with_ops(_replace_op(w, 5, lambda op: op.__setitem__(6, "favourite_colour"))),
        "sync.invalid_op"),
    "an op whose value has the wrong type": (
        lambda w: w.with_ops(_replace_op(w, _index_of(w, "easy_japanese"), lambda op: op.__setitem__(7, '"yes"'))),
        "sync.invalid_op"),
    "an op line without its newline": (
        lambda w: w.with_ops(b"".join(_lines(w)).rstrip(b"\n")), "sync.bad_bundle"),
    "fewer ops than the manifest says": (
        lambda w: w.bundle({**w.members, fmt.PAYLOAD: b"".join(_lines(w)[:-2])}), "sync.bad_bundle"),
    "ops changed after signing": (
        lambda w: w.bundle({**w.members, fmt.PAYLOAD: w.members[fmt.PAYLOAD].replace(b"Nguyen", b"Nguyex")}),
        "sync.bad_bundle"),
    "a manifest changed after signing": (
        lambda w: w.bundle({**w.members, fmt.MANIFEST: w.members[fmt.MANIFEST].replace(b'"ops": ', b'"ops":')}),
        "sync.bad_signature"),
    "a forged signature (another key, the shelter's name)": (
        lambda w: w.bundle({**w.members, fmt.SIGNATURE: b"resign"}, sign_with=_stranger_keys()),
        "sync.bad_signature"),
    "a signature of the wrong size": (
        lambda w: w.bundle({**w.members, fmt.SIGNATURE: b"x" * 10}), "sync.bad_bundle"),
    "the wrong key (for another device)": (
        lambda w: w.encrypt(_zip(w.members), to=_stranger_keys()), "sync.wrong_key"),
    "an unknown sender": (lambda w: _from_stranger(w), "sync.quarantined"),
    "a passphrase bundle without the passphrase": (
        lambda w: _write(w, pyrage.passphrase.encrypt(b"x", "some passphrase")), "sync.needs_passphrase"),
}


def _write(world: World, data: bytes) -> Path:
    path = world.folder / "bad.dcb"
    path.write_bytes(data)
    return path


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _change_stanza(data: bytes) -> bytes:
    """One base64 character of the first recipient's stanza replaced by another valid one."""
    at = data.index(b"-> X25519 ") + len(b"-> X25519 ") + 12
    changed = bytearray(data)
    changed[at] = ord("B") if changed[at] != ord("B") else ord("C")
    return bytes(changed)


def _flip(data: bytes, at: int) -> bytes:
    flipped = bytearray(data)
    flipped[at] ^= 0x04
    return bytes(flipped)


def _from_stranger(world: World) -> Path:
    """A well-formed bundle, signed and sent by a device the center never enrolled."""
    stranger = _stranger_keys()
    manifest = json.loads(world.members[fmt.MANIFEST])
    public = stranger.public
    manifest["sender"].update(
        label=public.label,
        signing_key=base64.b64encode(public.signing_key).decode(),  # type: ignore[arg-type]
        age_recipient=public.age_recipient,
    )
    text = json.dumps(manifest).encode()
    return world.bundle({fmt.PAYLOAD: world.members[fmt.PAYLOAD], fmt.MANIFEST: text, fmt.SIGNATURE: b"resign"},
                        sign_with=stranger)


def test_the_good_bundle_of_the_corpus_is_accepted(world: World, tmp_path: Path) -> None:
    # Every bad case below is this bundle with one thing wrong; this one imports (elsewhere).
    other = Node(tmp_path / "other-center.sqlite3", "Center", "center")
    try:
        other.enroll(world.shelter)
        assert other.sync.import_bundle(world.good).status == "imported"
    finally:
        other.close()


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_bundle_is_refused_with_its_reason_and_the_database_is_unchanged(world: World, case: str) -> None:
    make, expected = CASES[case]
    path = make(world)
    center = world.center
    center.ws.close()
    before = sha256(center.ws.path)
    center.ws = open_workspace(center.ws.path)
    center.sync = SyncService(center.ws, center.sync.keys)
    try:
        with pytest.raises(UserError) as caught:
            center.sync.import_bundle(path)
        assert caught.value.key == expected, caught.value.message("en")
        message = caught.value.message("en")
        assert "{" not in message and ("Nothing was imported" in message or "quarantine" in message)
        assert "{" not in caught.value.message("ja")
    finally:
        center.ws.close()
        for leftover in center.sync.quarantine_dir.glob("*") if center.sync.quarantine_dir.exists() else ():
            leftover.unlink()
        os.remove(path)
    assert sha256(center.ws.path) == before
    center.ws = open_workspace(center.ws.path)
    center.sync = SyncService(center.ws, center.sync.keys)
