"""Sync use-cases: keys and enrolment, exporting and importing bundles, quarantine, conflicts.

The API the Sync page and `cli_sync.py` call. Each import is one transaction: a bundle is
applied completely or not at all. A rejected bundle leaves the database as it was; a bundle
from a sender no one enrolled is copied to the quarantine folder (a file, not a database row)
until a person accepts or rejects it.

Files next to the workspace `NAME.sqlite3`, in `NAME.sync/`:
    quarantine/   bundles from unknown senders, each with a `.json` note of who sent it
    tmp/          decrypted copies of large bundles while they are imported (deleted after)
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from disastercenter.core.errors import UserError
from disastercenter.services.registry import write_transaction
from disastercenter.store import person_keys
from disastercenter.store.db import Workspace
from disastercenter.store.hlc import hlc_ms
from disastercenter.store.oplog import Op, as_op
from disastercenter.store.schema import DELETED
from disastercenter.sync import bundle as bundle_format
from disastercenter.sync import transport
from disastercenter.sync.bundle import BundleError, Sender
from disastercenter.sync.conflicts import Conflict, ConflictTracker, FieldKey, hlc_time
from disastercenter.sync.keys import (
    DeviceKeys,
    PublicKeys,
    b64decode,
    check_label,
    check_passphrase,
    new_recovery_key,
    parse_card,
    recovery_card,
    words_of,
)
from disastercenter.sync.reader import (
    APPLY_BATCH,
    PROCESS_MIN_BYTES,
    BundleReader,
    Prepared,
)

__all__ = ["BundleError", "Quarantined", "SyncService"]

#: A sender's clock this far ahead of ours is reported (its ops are accepted all the same:
#: refusing would have to happen identically everywhere, and it cannot).
CLOCK_AHEAD_WARNING_MS = 24 * 3600 * 1000
#: An import writes the duplicate-blocking keys it set aside (store.person_keys) once they are
#: of this many persons (each a few hundred bytes of memory), and when it is done.
PENDING_KEYS_PERSONS = 10_000
#: Person fields that make a record worth comparing for duplicates again.
_IDENTITY_FIELDS = frozenset({
    "name_latin", "name_native", "name_kana", "birth_date", "age_band", "nationality", "phone",
    "sex", DELETED,
})

Progress = Callable[[int, int], None]  # (done, total)


class Quarantined(UserError):
    """A valid bundle from a sender that is not enrolled: kept for a person to decide."""

    def __init__(self, item: QuarantinedBundle) -> None:
        super().__init__("sync.quarantined", label=item.sender_label or item.sender_device,
                         words=item.words)
        self.item = item


@dataclass
class ImportSummary:
    file: str
    bundle_id: str
    sender_label: str
    sender_device: str
    #: Key id of the verified signer (None: an unsigned passphrase bundle).
    signer: str | None
    auth: str
    status: str  # "imported" | "already imported" | "own bundle"
    ops: int = 0
    new_ops: int = 0
    new_records: dict[str, int] = field(default_factory=dict)
    updated_fields: int = 0
    conflicts: int = 0
    #: Suspected duplicate people found among the persons this bundle added or changed; None
    #: when duplicate detection is not available.
    suspected_duplicates: int | None = None
    duplicate_candidates: list[object] = field(default_factory=list)
    #: Set when this import showed the workspace was restored or cloned: its new device id.
    new_device_id: str | None = None
    reissued_ops: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def new_record_total(self) -> int:
        return sum(self.new_records.values())


@dataclass
class ExportResult:
    path: Path
    bundle_id: str
    ops: int
    recipients: list[str]
    auth: str
    since: dict[str, int]


@dataclass
class PeerRow:
    key_id: str
    label: str
    role: str
    words: str
    enrolled_at: str
    #: (device id, what that device had when it last sent a bundle, when)
    devices: list[tuple[str, dict[str, int], str | None]]

    @property
    def last_bundle_at(self) -> str | None:
        times = [at for _d, _v, at in self.devices if at]
        return max(times) if times else None

    @property
    def acknowledged_ops(self) -> int:
        return max((sum(v.values()) for _d, v, _at in self.devices), default=0)


@dataclass
class BundleRecord:
    seq: int
    bundle_id: str
    direction: str
    at: str
    file_name: str
    sender_device: str
    sender_label: str
    signer: str | None
    auth: str
    recipients: list[str]
    ops: int
    new_ops: int
    new_records: int
    updated_fields: int
    conflicts: int
    duplicates: int


@dataclass
class QuarantinedBundle:
    id: str  # the bundle id
    path: Path
    original_name: str
    received_at: str
    sender_device: str
    sender_label: str
    sender_role: str
    key_id: str
    words: str
    ops: int
    card: dict[str, object]


@dataclass(frozen=True)
class ConflictView:
    """A conflict as a person reviews it: which record, and the competing values in words."""

    conflict: Conflict
    record_label: str
    #: (value JSON text, shown text, where from: device label, when: ISO time)
    choices: tuple[tuple[str, str, str, str], ...]


@dataclass
class FolderScan:
    """What one pass over a watched folder did."""

    imported: list[ImportSummary] = field(default_factory=list)
    quarantined: list[QuarantinedBundle] = field(default_factory=list)
    failed: list[tuple[Path, UserError]] = field(default_factory=list)
    #: Bundles for other devices (not encrypted to this one), and this device's own.
    skipped: list[Path] = field(default_factory=list)


class SyncService:
    """Sync over one open workspace. `keys` are this device's unsealed keys, when unlocked."""

    def __init__(self, workspace: Workspace, keys: DeviceKeys | None = None) -> None:
        self.ws = workspace
        self.conn: sqlite3.Connection = workspace.conn
        self.keys = keys
        self.conflict_tracker = ConflictTracker(self.conn, workspace.oplog)

    # -- places ----------------------------------------------------------------------------

    @property
    def sync_dir(self) -> Path:
        return self.ws.path.parent / f"{self.ws.path.stem}.sync"

    @property
    def quarantine_dir(self) -> Path:
        return self.sync_dir / "quarantine"

    def _tmp_dir(self) -> Path:
        directory = self.sync_dir / "tmp"
        directory.mkdir(parents=True, exist_ok=True)
        return directory

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            with write_transaction(self.ws):
                yield
        finally:
            if not self.conn.in_transaction:
                self.conflict_tracker.forget_cache()

    # -- own keys ----------------------------------------------------------------------------

    def identity(self) -> PublicKeys | None:
        """This workspace's public keys, or None before `create_keys`."""
        row = self.conn.execute("SELECT card FROM sync_identity WHERE id = 1").fetchone()
        return None if row is None else parse_card(row[0].encode("utf-8"))

    def create_keys(self, label: str, role: str, passphrase: str) -> PublicKeys:
        """Make this workspace's keys; the private part is sealed with `passphrase`."""
        if self.identity() is not None:
            raise UserError("sync.keys_exist")
        check_label(label)
        check_passphrase(passphrase)
        if role not in ("center", "shelter"):
            raise UserError("sync.bad_role", role=role)
        keys = DeviceKeys.generate(label, role)
        self.install_keys(keys, keys.seal(passphrase))
        return keys.public

    def install_keys(self, keys: DeviceKeys, sealed: str) -> None:
        """Store keys made elsewhere (`sealed` = `keys.seal(passphrase)`) as this workspace's."""
        if self.identity() is not None:
            raise UserError("sync.keys_exist")
        public = keys.public
        with self._transaction():
            self.conn.execute(
                "INSERT INTO sync_identity (id, label, role, signing_key, age_recipient, "
                "sealed_private, card, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                (keys.label, keys.role, (public.signing_key or b"").hex(), public.age_recipient,
                 sealed, keys.card().decode("utf-8"), bundle_format.utc_now()),
            )
        self.keys = keys

    def unlock(self, passphrase: str) -> DeviceKeys:
        """Open this workspace's private keys for this session."""
        public = self.identity()
        if public is None:
            raise UserError("sync.no_keys")
        sealed = self.conn.execute("SELECT sealed_private FROM sync_identity WHERE id = 1").fetchone()[0]
        self.keys = DeviceKeys.unseal(public, sealed, passphrase)
        return self.keys

    def change_passphrase(self, old: str, new: str) -> None:
        keys = DeviceKeys.unseal(self._require_identity(), self._sealed(), old)
        sealed = keys.seal(new)
        with self._transaction():
            self.conn.execute("UPDATE sync_identity SET sealed_private = ? WHERE id = 1", (sealed,))

    def public_card(self) -> bytes:
        """This workspace's signed public card, to hand to a device that enrolls it."""
        row = self.conn.execute("SELECT card FROM sync_identity WHERE id = 1").fetchone()
        if row is None:
            raise UserError("sync.no_keys")
        return row[0].encode("utf-8")

    def create_recovery_key(self, out: Path, label: str = "recovery") -> PublicKeys:
        """Make an offline recovery key: its secret goes to `out` (print it, keep it offline),
        its public part is added to this center's card and to every bundle's recipients."""
        keys = self._require_keys()
        if keys.role != "center":
            raise UserError("sync.recovery_center_only")
        secret, public = new_recovery_key(label)
        transport.write_atomically(Path(out), lambda handle: handle.write(secret.encode("ascii")))
        keys.recovery = (*keys.recovery, public.age_recipient)
        with self._transaction():
            self.conn.execute(
                "UPDATE sync_identity SET card = ? WHERE id = 1", (keys.card().decode("utf-8"),)
            )
            self._add_peer(public, recovery_card(public).decode("utf-8"))
        return public

    def _require_identity(self) -> PublicKeys:
        public = self.identity()
        if public is None:
            raise UserError("sync.no_keys")
        return public

    def _sealed(self) -> str:
        return self.conn.execute("SELECT sealed_private FROM sync_identity WHERE id = 1").fetchone()[0]

    def _require_keys(self) -> DeviceKeys:
        if self.keys is None:
            if self.identity() is None:
                raise UserError("sync.no_keys")
            raise UserError("sync.locked")
        return self.keys

    # -- peers --------------------------------------------------------------------------------

    @staticmethod
    def read_card(data: bytes) -> PublicKeys:
        """A public card's keys (to show its fingerprint words before enrolling)."""
        return parse_card(data)

    def enroll(self, card: bytes) -> PublicKeys:
        """Trust the device of this public card (after a person compared its words). A center's
        recovery keys become recipients of every bundle too. Enrolling again updates it."""
        public = parse_card(card)
        own = self.identity()
        if own is not None and own.key_id == public.key_id:
            raise UserError("sync.enroll_self")
        with self._transaction():
            self._add_peer(public, card.decode("utf-8"))
            if public.role == "center":
                for recipient in public.recovery:
                    recovery = PublicKeys(f"{public.label} (recovery)", "recovery", None, recipient)
                    self._add_peer(recovery, None)
        return public

    def _add_peer(self, public: PublicKeys, card: str | None) -> None:
        self.conn.execute(
            "INSERT INTO sync_peer (key_id, label, role, signing_key, age_recipient, card, enrolled_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET label = excluded.label, "
            "role = excluded.role, card = coalesce(excluded.card, card)",
            (public.key_id, public.label, public.role,
             None if public.signing_key is None else public.signing_key.hex(),
             public.age_recipient, card, bundle_format.utc_now()),
        )

    def remove_peer(self, key_id: str) -> None:
        with self._transaction():
            if not self.conn.execute("DELETE FROM sync_peer WHERE key_id = ?", (key_id,)).rowcount:
                raise UserError("sync.unknown_peer", peer=key_id)

    def peers(self) -> list[PeerRow]:
        """Enrolled peers, and for each of their devices what it had acknowledged."""
        devices: dict[str, list[tuple[str, dict[str, int], str | None]]] = {}
        for device, key_id, acked, at in self.conn.execute(
            "SELECT device, key_id, acked, last_bundle_at FROM sync_device ORDER BY last_bundle_at"
        ):
            devices.setdefault(key_id or device, []).append((device, json.loads(acked), at))
        rows = [
            PeerRow(key_id, label, role, words_of(bytes.fromhex(key_id)), enrolled_at, devices.get(key_id, []))
            for key_id, label, role, enrolled_at in self.conn.execute(
                "SELECT key_id, label, role, enrolled_at FROM sync_peer ORDER BY role, label"
            )
        ]
        # Devices met by passphrase only (no key): listed by device id.
        for device, label, acked, at in self.conn.execute(
            "SELECT device, label, acked, last_bundle_at FROM sync_device WHERE key_id IS NULL"
        ):
            rows.append(PeerRow(device, label or device[:8], "passphrase", "", "", [(device, json.loads(acked), at)]))
        return rows

    def _peer_public(self, key_id: str) -> PublicKeys:
        row = self.conn.execute(
            "SELECT label, role, signing_key, age_recipient FROM sync_peer WHERE key_id = ?", (key_id,)
        ).fetchone()
        label, role, signing, recipient = row
        return PublicKeys(label, role, None if signing is None else bytes.fromhex(signing), recipient)

    def _is_trusted(self, key_id: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM sync_peer WHERE key_id = ? AND role IN ('center', 'shelter')", (key_id,)
        ).fetchone() is not None

    def resolve_peer(self, text: str) -> str:
        """A peer's key id (or a passphrase-only device id) from its label or an id prefix."""
        needle = text.strip()
        if not needle:
            raise UserError("sync.unknown_peer", peer=text)
        matches = [
            row[0] for row in self.conn.execute(
                "SELECT key_id FROM sync_peer WHERE role <> 'recovery' AND "
                "(lower(label) = lower(?) OR (length(?) >= 4 AND key_id LIKE ? || '%'))",
                (needle, needle, needle.lower()),
            )
        ]
        if not matches:
            matches = [
                row[0] for row in self.conn.execute(
                    "SELECT device FROM sync_device WHERE key_id IS NULL AND "
                    "(lower(label) = lower(?) OR (length(?) >= 4 AND device LIKE ? || '%'))",
                    (needle, needle, needle),
                )
            ]
        if not matches:
            raise UserError("sync.unknown_peer", peer=text)
        if len(matches) > 1:
            raise UserError("sync.ambiguous_peer", peer=text, count=len(matches))
        return matches[0]

    def _acked(self, peer: str) -> dict[str, int]:
        """What a peer (key id or device id) is known to have: the element-wise minimum over
        its devices (after a restore or clone one key has several; sending a little more than
        needed is harmless, sending less would lose ops)."""
        rows = self.conn.execute(
            "SELECT acked FROM sync_device WHERE key_id = ? OR (key_id IS NULL AND device = ?)",
            (peer, peer),
        ).fetchall()
        if not rows:
            return {}
        vectors = [json.loads(row[0]) for row in rows]
        common = set(vectors[0]).intersection(*vectors[1:])
        return {device: min(v[device] for v in vectors) for device in common}

    # -- export -------------------------------------------------------------------------------

    def export_bundle(
        self,
        to_dir: Path | str,
        *,
        for_peer: str | None = None,
        full: bool = False,
        passphrase: str | None = None,
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write one bundle file into `to_dir` with the ops the receiver has not acknowledged
        (`for_peer`), everything (`full`), or what any enrolled peer lacks (neither).

        Key mode signs with this device's key and encrypts to the peer, every enrolled center
        and the recovery keys; passphrase mode encrypts with `passphrase` (and signs too when
        this device has unlocked keys).
        """
        target_dir = Path(to_dir)
        if not target_dir.is_dir():
            raise UserError("sync.no_folder", path=str(target_dir))
        if full and for_peer:
            raise UserError("sync.for_and_full")
        keys = self.keys
        if passphrase is not None:
            check_passphrase(passphrase)
        else:
            keys = self._require_keys()
        target = self.resolve_peer(for_peer) if for_peer else None
        recipients = self._recipients(target) if passphrase is None else []
        if passphrase is None and not any(p.role != "recovery" for p in recipients):
            raise UserError("sync.no_recipients")
        if full:
            since: dict[str, int] = {}
        elif target is not None:
            since = self._acked(target)
        elif passphrase is None:
            since = self._common_acked([p.key_id for p in recipients if p.role != "recovery"])
        else:
            since = {}
        for device, counter in self.conn.execute("SELECT device, counter FROM sync_fork"):
            # A device seen with two histories: send ours from where they part, whatever the
            # receiver acknowledged, so that the clone among them notices.
            if device in since:
                since[device] = min(since[device], counter - 1)
        own = keys.public if keys is not None else None
        sender = Sender(
            self.ws.device_id, own.label if own else "", own.role if own else "shelter",
            own.signing_key if own else None, own.age_recipient if own else None,
        )
        bundle_id = bundle_format.new_bundle_id()
        name = transport.bundle_file_name(sender.label, self.ws.device_id, bundle_id)
        with tempfile.SpooledTemporaryFile(max_size=bundle_format.SPOOL_BYTES, dir=self._tmp_dir()) as plain:
            # One read transaction: the version vector and the ops are the same snapshot.
            with self.ws.db.atomic():
                vector = self.ws.oplog.version_vector()
                total = sum(max(0, vector.get(d, 0) - since.get(d, 0)) for d in vector)
                manifest = bundle_format.write_plaintext(
                    plain, self._ops_since(since, progress, total), bundle_id=bundle_id,
                    sender=sender, recipients=[(p.label, p.key_id) for p in recipients],
                    auth="passphrase" if passphrase is not None else "key", since=since,
                    version_vector=vector, keys=keys,
                )
            path = transport.write_atomically(
                target_dir / name,
                lambda out: bundle_format.encrypt(
                    plain, out, recipients=[p.recipient() for p in recipients], passphrase=passphrase,
                ),
            )
        with self._transaction():
            self._record(manifest, "out", name, signer=own.key_id if own and keys else None)
        return ExportResult(path, bundle_id, manifest.op_count, [p.label for p in recipients],
                            manifest.auth, since)

    def _recipients(self, target: str | None) -> list[PublicKeys]:
        """Who a key-mode bundle is encrypted to: the target (or every enrolled peer), every
        center, every recovery key."""
        rows = self.conn.execute("SELECT key_id, role FROM sync_peer ORDER BY role, label").fetchall()
        chosen = [
            key_id for key_id, role in rows
            if role in ("center", "recovery") or target is None or key_id == target
        ]
        if target is not None and target not in chosen:
            if self.conn.execute("SELECT 1 FROM sync_peer WHERE key_id = ?", (target,)).fetchone() is None:
                raise UserError("sync.peer_has_no_key", peer=target)
            chosen.append(target)
        return [self._peer_public(key_id) for key_id in chosen]

    def _common_acked(self, peers: Sequence[str]) -> dict[str, int]:
        vectors = [self._acked(peer) for peer in peers]
        if not vectors:
            return {}
        common = set(vectors[0]).intersection(*vectors[1:])
        return {device: min(v[device] for v in vectors) for device in common}

    def _ops_since(self, since: dict[str, int], progress: Progress | None, total: int) -> Iterator[tuple]:
        devices = [row[0] for row in self.conn.execute("SELECT DISTINCT device FROM ops ORDER BY device")]
        done = 0
        for device in devices:
            cursor = self.conn.execute(
                "SELECT device, counter, hlc, base_hlc, entity, record_id, field, value FROM ops "
                "WHERE device = ? AND counter > ? ORDER BY counter",
                (device, int(since.get(device, 0))),
            )
            while True:
                rows = cursor.fetchmany(2000)
                if not rows:
                    break
                yield from rows
                done += len(rows)
                if progress is not None:
                    progress(done, max(total, done))

    # -- import -------------------------------------------------------------------------------

    def import_bundle(
        self, path: Path | str, *, passphrase: str | None = None, progress: Progress | None = None
    ) -> ImportSummary:
        """Verify, decrypt, parse and apply one bundle in one transaction; raises BundleError
        (nothing changed) or Quarantined (nothing changed; the file is kept for a person)."""
        person_keys.ensure_pending(self.conn)
        try:
            return self._import_file(Path(path), passphrase, progress)
        finally:
            person_keys.flush_pending(self.conn)

    def _import_file(self, path: Path, passphrase: str | None, progress: Progress | None) -> ImportSummary:
        identity = self._identity_for(path)
        with bundle_format.open_bundle(
            path, identity=identity, passphrase=passphrase, tmp_dir=self._tmp_dir()
        ) as opened:
            prepared = Prepared(opened.manifest, opened.auth, opened.verify_signature(),
                                opened.op_batches(APPLY_BATCH))
            return self._import_prepared(prepared, path.name, path, progress)

    def import_bundles(
        self, paths: Sequence[Path | str], *, passphrase: str | None = None,
        progress: Progress | None = None, read_ahead: bool | None = None,
    ) -> list[ImportSummary | tuple[Path, UserError]]:
        """Import several bundles, each in its own transaction, in the order given.

        With enough of them, a second process reads the next bundles (decrypts, checks and
        parses them: sync.reader) while this one applies the current one, so a center
        importing a stack of shelter bundles uses two cores (`read_ahead`: whether to; by
        default when there are a megabyte of bundles or more). A refused bundle does not stop
        the others: its error is in the result list in its place. `progress(done, total)`
        counts bundles; a callback that raises stops the import (bundles done stay imported).
        """
        paths = [Path(p) for p in paths]
        imported = {
            (bundle_id, digest) for bundle_id, digest in self.conn.execute(
                "SELECT bundle_id, payload_sha256 FROM sync_bundle WHERE direction = 'in'"
            )
        }
        identity = self.keys.identity if self.keys is not None else None
        tmp_dir = self._tmp_dir()
        results: list[ImportSummary | tuple[Path, UserError]] = []
        with contextlib.ExitStack() as stack:
            # The duplicate-blocking keys of everyone imported, written once for all bundles
            # (also after a cancel), when the reader has stopped.
            person_keys.ensure_pending(self.conn)
            stack.callback(person_keys.flush_pending, self.conn)
            stack.enter_context(_without_cycle_collection())
            if read_ahead is None:
                read_ahead = len(paths) > 1 and _total_bytes(paths) >= PROCESS_MIN_BYTES
            if read_ahead:
                items: Iterable[tuple[Path, object]] = stack.enter_context(
                    BundleReader(paths, identity, passphrase, tmp_dir, imported))
            else:
                items = ((path, _LAZY) for path in paths)
            for number, (path, item) in enumerate(items):
                # Within a bundle, progress repeats the bundle count: a callback that raises
                # (a cancel) stops the import and rolls that bundle back.
                inner = None if progress is None else (lambda _d, _t, n=number: progress(n, len(paths)))
                try:
                    if isinstance(item, UserError):
                        raise item
                    if isinstance(item, Prepared):
                        results.append(self._import_prepared(item, path.name, path, inner))
                    else:  # not read ahead (small, or too big to hold): streamed from the file
                        results.append(self._import_file(path, passphrase, inner))
                except UserError as exc:
                    results.append((path, exc))
                # Keys set aside are held in memory: write them out now and then.
                person_keys.flush_pending(self.conn, at_least=PENDING_KEYS_PERSONS)
                if progress is not None:
                    progress(number + 1, len(paths))
        return results

    def _identity_for(self, path: Path):  # type: ignore[no-untyped-def]
        identity = self.keys.identity if self.keys is not None else None
        if identity is None and bundle_format.age_auth(path) == "key":
            raise UserError("sync.no_keys" if self.identity() is None else "sync.locked")
        return identity

    def _import_prepared(
        self, prepared: Prepared, file_name: str, path: Path | None, progress: Progress | None
    ) -> ImportSummary:
        manifest = prepared.manifest
        signer = prepared.signer
        own = self.identity()
        self.conflict_tracker.forget_cache()  # read afresh: another connection may have written
        summary = ImportSummary(
            file_name, manifest.bundle_id, manifest.sender.label, manifest.sender.device,
            signer.key_id if signer else None, prepared.auth, "imported", ops=manifest.op_count,
        )
        if self.conn.execute(
            "SELECT 1 FROM sync_bundle WHERE bundle_id = ? AND direction = 'out'", (manifest.bundle_id,)
        ).fetchone():
            # Exported from here (it lies in a shared folder with the others). Anything else is
            # imported, even from this device id: a twin or an older self shows itself so.
            summary.status = "own bundle"
            return summary
        if prepared.auth == "key":
            assert signer is not None
            is_own_key = own is not None and own.key_id == signer.key_id
            if not is_own_key and not self._is_trusted(signer.key_id):
                if path is None:
                    raise UserError("sync.unknown_sender", label=manifest.sender.label)
                raise Quarantined(self._quarantine(path, manifest, signer))
        if self._already_imported(manifest.bundle_id, manifest.payload_sha256):
            summary.status = "already imported"
            return summary
        oplog = self.ws.oplog
        original_device = self.ws.device_id
        try:
            with self._transaction():
                self._apply(prepared, summary, signer, progress)
                self._record(manifest, "in", file_name, signer=summary.signer, summary=summary)
        except UserError as exc:
            oplog.device_id = original_device
            self.ws.device_id = original_device
            if exc.key == "oplog.invalid":
                raise BundleError("sync.invalid_op", str(exc.params["detail"]), device=exc.params["device"],
                                  counter=exc.params["counter"]) from exc
            if exc.key != "oplog.clone":
                raise
            # The sender has other ops under a device id than we do: a cloned disk. Nothing
            # was imported; remember where the histories part, so that our next bundles carry
            # our version from there on and the clone that receives it can tell (see _apply).
            device, counter = str(exc.params["device"]), int(exc.params["counter"])  # type: ignore[call-overload]
            with self._transaction():
                self.conn.execute(
                    "INSERT INTO sync_fork (device, counter, detected_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (device) DO UPDATE SET counter = min(counter, excluded.counter)",
                    (device, counter, bundle_format.utc_now()),
                )
            raise UserError("sync.clone", device=device, counter=counter,
                            label=manifest.sender.label or manifest.sender.device) from exc
        except BaseException:
            # The device id change, if any, was rolled back with everything else.
            oplog.device_id = original_device
            self.ws.device_id = original_device
            raise
        if summary.new_device_id:
            self.ws.device_id = summary.new_device_id
        return summary

    def _apply(
        self, prepared: Prepared, summary: ImportSummary, signer: PublicKeys | None,
        progress: Progress | None,
    ) -> None:
        manifest = prepared.manifest
        oplog = self.ws.oplog
        tracker = self.conflict_tracker
        my_device = self.ws.device_id
        restored = manifest.version_vector.get(my_device, 0) > self._max_counter(my_device)
        reissued_from: int | None = None
        conflicts: set[FieldKey] = set()
        persons: dict[str, None] = {}
        newest = 0
        done = 0
        for batch in map(oplog.check, prepared.batches):
            mine: list[Op] = []
            if my_device in batch.devices:
                mine = [as_op(op) for op, _column in batch if op[0] == my_device]
            if mine:
                missing, divergent = self._compare_own(mine)
                restored = restored or bool(missing) or bool(divergent)
                if divergent and reissued_from is None:
                    reissued_from = min(op.counter for op in divergent)
                    summary.new_device_id = self._new_device_id()
                    summary.reissued_ops = self._reissue(my_device, reissued_from)
            result = oplog.apply_ops(batch)
            summary.new_ops += result.new_ops
            summary.updated_fields += result.fields_updated
            for entity, count in result.new_records.items():
                summary.new_records[entity] = summary.new_records.get(entity, 0) + count
            conflicts |= tracker.after_apply(result)
            for (entity, record_id), fields in result.records.items():
                if entity == "person" and not _IDENTITY_FIELDS.isdisjoint(fields):
                    persons[record_id] = None
            newest = max(newest, result.newest_hlc)
            done += len(batch)
            if progress is not None:
                progress(done, manifest.op_count)
        if restored and summary.new_device_id is None:
            summary.new_device_id = self._new_device_id()
        summary.conflicts = len(conflicts)
        ahead = hlc_ms(newest) - int(time.time() * 1000)
        if ahead > CLOCK_AHEAD_WARNING_MS:
            summary.warnings.append(f"clock_ahead:{ahead // 3_600_000}")
        self._acknowledge(manifest, signer)
        summary.suspected_duplicates, summary.duplicate_candidates = self._duplicates(list(persons))

    def _compare_own(self, mine: list[Op]) -> tuple[list[Op], list[Op]]:
        """Ops with this device's own id that this workspace lacks, and ones it has with other
        content: signs that it was restored from a backup or cloned."""
        missing: list[Op] = []
        divergent: list[Op] = []
        for op in mine:
            row = self.conn.execute(
                "SELECT device, counter, hlc, base_hlc, entity, record_id, field, value FROM ops "
                "WHERE device = ? AND counter = ?", (op.device, op.counter),
            ).fetchone()
            if row is None:
                missing.append(op)
            elif Op(*row) != op:
                divergent.append(op)
        return missing, divergent

    def _max_counter(self, device: str) -> int:
        return self.conn.execute("SELECT coalesce(max(counter), 0) FROM ops WHERE device = ?", (device,)).fetchone()[0]

    def _new_device_id(self) -> str:
        device_id = uuid.uuid4().hex
        self.ws.oplog.change_device_id(device_id)
        return device_id

    def _reissue(self, old_device: str, from_counter: int) -> int:
        """This workspace and a twin both wrote ops numbered from `from_counter` on under one
        device id. Ours give way: those still current are written again under the new device
        id (so they still count), and the old-numbered ones are dropped here so the twin's can
        be stored. Returns how many values were written again."""
        changes: list[tuple[str, str, dict[str, object]]] = []
        for entity, record_id, fld, hlc, value in self.conn.execute(
            "SELECT entity, record_id, field, hlc, value FROM ops WHERE device = ? AND counter >= ? "
            "ORDER BY counter", (old_device, from_counter),
        ).fetchall():
            current = self.ws.oplog.winners(entity, record_id).get(fld)
            if current is not None and current[:2] == (hlc, old_device):
                changes.append((entity, record_id, {fld: json.loads(value)}))
        self.conn.execute("DELETE FROM ops WHERE device = ? AND counter >= ?", (old_device, from_counter))
        if changes:
            self.ws.oplog.write_many(changes)
        return len(changes)

    def _acknowledge(self, manifest: bundle_format.Manifest, signer: PublicKeys | None) -> None:
        device = manifest.sender.device
        row = self.conn.execute("SELECT acked FROM sync_device WHERE device = ?", (device,)).fetchone()
        acked = json.loads(row[0]) if row else {}
        for origin, counter in manifest.version_vector.items():
            if counter > acked.get(origin, 0):
                acked[origin] = counter
        self.conn.execute(
            "INSERT INTO sync_device (device, key_id, label, acked, last_bundle_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (device) DO UPDATE SET key_id = coalesce(excluded.key_id, key_id), "
            "label = excluded.label, acked = excluded.acked, last_bundle_at = excluded.last_bundle_at",
            (device, signer.key_id if signer else None, manifest.sender.label,
             json.dumps(acked, sort_keys=True), bundle_format.utc_now()),
        )

    def _duplicates(self, person_ids: list[str]) -> tuple[int | None, list[object]]:
        """Suspected duplicate people among these persons.

        Hook: `disastercenter.sync.duplicates.find_duplicate_candidates(conn, person_ids)`
        (written separately) returns the candidate pairs for these persons, inside this
        import's transaction. Until that module exists the count is None ("not checked").
        """
        finder = _duplicate_finder()
        if finder is None:
            return None, []
        if not person_ids:
            return 0, []
        candidates = list(finder(self.conn, person_ids))
        return len(candidates), candidates

    def _already_imported(self, bundle_id: str, payload_sha256: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM sync_bundle WHERE bundle_id = ? AND direction = 'in' AND payload_sha256 = ?",
            (bundle_id, payload_sha256),
        ).fetchone() is not None

    def _record(
        self, manifest: bundle_format.Manifest, direction: str, file_name: str, *,
        signer: str | None, summary: ImportSummary | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT INTO sync_bundle (bundle_id, direction, at, file_name, sender_device, sender_label, "
            "signer, auth, recipients, payload_sha256, ops, new_ops, new_records, updated_fields, "
            "conflicts, duplicates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                manifest.bundle_id, direction, bundle_format.utc_now(), file_name,
                manifest.sender.device, manifest.sender.label, signer, manifest.auth,
                json.dumps([label for label, _key in manifest.recipients], ensure_ascii=False),
                manifest.payload_sha256, manifest.op_count,
                summary.new_ops if summary else 0,
                summary.new_record_total if summary else 0,
                summary.updated_fields if summary else 0,
                summary.conflicts if summary else 0,
                (summary.suspected_duplicates or 0) if summary else 0,
            ),
        )

    def history(self, limit: int = 200) -> list[BundleRecord]:
        return [
            BundleRecord(*row[:9], json.loads(row[9]), *row[10:])
            for row in self.conn.execute(
                "SELECT seq, bundle_id, direction, at, file_name, sender_device, sender_label, signer, "
                "auth, recipients, ops, new_ops, new_records, updated_fields, conflicts, duplicates "
                "FROM sync_bundle ORDER BY seq DESC LIMIT ?", (limit,),
            )
        ]

    # -- quarantine ---------------------------------------------------------------------------

    def _quarantine(self, path: Path, manifest: bundle_format.Manifest, signer: PublicKeys) -> QuarantinedBundle:
        directory = self.quarantine_dir
        directory.mkdir(parents=True, exist_ok=True)
        stored = directory / f"{manifest.bundle_id}{transport.EXTENSION}"
        note_path = directory / f"{manifest.bundle_id}.json"
        card = signer.card_body()
        item = QuarantinedBundle(
            manifest.bundle_id, stored, path.name, bundle_format.utc_now(), manifest.sender.device,
            manifest.sender.label, manifest.sender.role, signer.key_id, signer.words,
            manifest.op_count, card,
        )
        if not stored.exists():
            transport.write_atomically(stored, lambda out: _copy_into(path, out))
        if not note_path.exists():
            note = {
                "original_name": item.original_name, "received_at": item.received_at,
                "sender_device": item.sender_device, "sender_label": item.sender_label,
                "sender_role": item.sender_role, "key_id": item.key_id, "words": item.words,
                "ops": item.ops, "card": card,
            }
            transport.write_atomically(
                note_path, lambda out: out.write(json.dumps(note, ensure_ascii=False, indent=1).encode("utf-8"))
            )
        return item

    def quarantined(self) -> list[QuarantinedBundle]:
        items = []
        if not self.quarantine_dir.is_dir():
            return items
        for note_path in sorted(self.quarantine_dir.glob("*.json")):
            bundle_path = note_path.with_suffix(transport.EXTENSION)
            if not bundle_path.exists():
                continue
            try:
                note = json.loads(note_path.read_text(encoding="utf-8"))
                items.append(QuarantinedBundle(
                    note_path.stem, bundle_path, note["original_name"], note["received_at"],
                    note["sender_device"], note["sender_label"], note["sender_role"], note["key_id"],
                    note["words"], note["ops"], note["card"],
                ))
            except (OSError, ValueError, KeyError):
                continue
        return sorted(items, key=lambda item: item.received_at)

    def accept_quarantined(self, item_id: str, progress: Progress | None = None) -> ImportSummary:
        """Enroll the sender of a quarantined bundle (a person compared its words) and import
        the bundle. The sender's key is trusted from now on."""
        item = self._quarantined_item(item_id)
        self._identity_for(item.path)  # locked keys: say so before enrolling anyone
        public = PublicKeys(
            str(item.card["label"]), str(item.card["role"]),
            b64decode(item.card["signing_key"], 32), str(item.card["age_recipient"]),
        )
        if public.key_id != item.key_id:
            raise UserError("sync.bad_card", detail="quarantine note does not match its key")
        with self._transaction():
            self._add_peer(public, json.dumps({"card": item.card, "signature": None}))
        summary = self.import_bundle(item.path, progress=progress)
        self._drop_quarantined(item)
        return summary

    def reject_quarantined(self, item_id: str) -> None:
        """Delete a quarantined bundle; nothing of it was ever applied."""
        self._drop_quarantined(self._quarantined_item(item_id))

    def _quarantined_item(self, item_id: str) -> QuarantinedBundle:
        for item in self.quarantined():
            if item.id == item_id or (len(item_id) >= 4 and item.id.startswith(item_id)):
                return item
        raise UserError("sync.not_quarantined", id=item_id)

    def _drop_quarantined(self, item: QuarantinedBundle) -> None:
        item.path.unlink(missing_ok=True)
        item.path.with_suffix(".json").unlink(missing_ok=True)

    # -- conflicts ----------------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        return self.conflict_tracker.conflicts()

    def conflict_views(self) -> list[ConflictView]:
        """Open conflicts with the record named and each value in words, for review."""
        labels = self._device_labels()
        views = []
        for conflict in self.conflicts():
            choices = []
            for head in conflict.heads:
                where = labels.get(head.device, head.device[:8])
                when = hlc_time(head.hlc)
                if conflict.is_delete_vs_edit:
                    shown = "deleted" if head.field == DELETED else f"{head.field} = {_show(head.value)}"
                else:
                    shown = _show(head.value)
                choices.append((head.value, shown, where, when))
            views.append(ConflictView(conflict, self._record_label(conflict.entity, conflict.record_id),
                                      tuple(choices)))
        return views

    def resolve_conflict(self, key: FieldKey, choice: str) -> None:
        """A person's choice, written as an ordinary op (so it syncs and settles the conflict
        wherever the competing values are known). `choice` is one of the competing values
        (JSON text); for a delete-versus-edit conflict, "delete" or "restore"."""
        # Another connection (an import running as a background job) may have recorded
        # conflicts since this tracker last read them.
        self.conflict_tracker.forget_cache()
        conflict = self.conflict_tracker.conflict(key)
        if conflict is None:
            raise UserError("sync.no_conflict")
        entity, record_id, fld = key
        if conflict.is_delete_vs_edit:
            if choice not in ("delete", "restore"):
                raise UserError("sync.bad_choice")
            changes = {DELETED: choice == "delete"}
        else:
            if choice not in conflict.values:
                raise UserError("sync.bad_choice")
            changes = {fld: json.loads(choice)}
        with self._transaction():
            self.ws.oplog.write(entity, record_id, changes)
            self.conflict_tracker.recheck([key])

    def _device_labels(self) -> dict[str, str]:
        labels = {device: label for device, label in self.conn.execute(
            "SELECT device, label FROM sync_device WHERE label <> ''")}
        own = self.identity()
        labels[self.ws.device_id] = own.label if own else "this device"
        return labels

    def _record_label(self, entity: str, record_id: str) -> str:
        if entity == "person":
            row = self.conn.execute(
                "SELECT coalesce(name_latin, ''), coalesce(name_native, ''), coalesce(name_kana, '') "
                "FROM person WHERE id = ?", (record_id,)).fetchone()
            if row:
                return " / ".join(part for part in row if part) or record_id[:8]
        if entity == "shelter":
            row = self.conn.execute("SELECT coalesce(name_ja, name_en, '') FROM shelter WHERE id = ?",
                                    (record_id,)).fetchone()
            if row and row[0]:
                return row[0]
        if entity in ("person_language", "person_need", "status_event"):
            row = self.conn.execute(f'SELECT person_id FROM "{entity}" WHERE id = ?', (record_id,)).fetchone()
            if row and row[0]:
                return self._record_label("person", row[0])
        return f"{entity} {record_id[:8]}"

    # -- watched folder -----------------------------------------------------------------------

    def scan_folder(
        self, folder: Path | str, *, passphrase: str | None = None,
        seen: dict[Path, tuple[int, int]] | None = None,
    ) -> FolderScan:
        """Import the bundles in `folder` that are new since the last pass.

        `seen` (kept by the caller between passes) remembers each file's size and change time:
        a file is tried again only when it changed, so a bundle still being copied is retried
        once complete, and a rejected one is not reported over and over. Our own bundles, ones
        already imported and temporary files are skipped without changing anything.
        """
        seen = {} if seen is None else seen
        scan = FolderScan()
        directory = Path(folder)
        own = {row[0] for row in self.conn.execute("SELECT file_name FROM sync_bundle WHERE direction = 'out'")}
        try:
            entries = sorted(p for p in directory.iterdir() if p.is_file() and transport.is_bundle_candidate(p))
        except OSError as exc:
            raise UserError("sync.no_folder", path=str(directory)) from exc
        for path in entries:
            try:
                stat = path.stat()
            except OSError:
                continue
            signature = (stat.st_size, stat.st_mtime_ns)
            if seen.get(path) == signature:
                continue
            seen[path] = signature
            if path.name in own:
                scan.skipped.append(path)
                continue
            try:
                summary = self.import_bundle(path, passphrase=passphrase)
            except Quarantined as exc:
                scan.quarantined.append(exc.item)
            except UserError as exc:
                if exc.key in ("sync.wrong_key", "sync.needs_passphrase"):
                    scan.skipped.append(path)  # meant for another device
                else:
                    scan.failed.append((path, exc))
            else:
                if summary.status == "imported":
                    scan.imported.append(summary)
                else:
                    scan.skipped.append(path)
        return scan


#: Stands for a bundle not read ahead (import_bundles).
_LAZY = object()


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused: an import makes millions of short-lived tuples, freed
    as soon as they are dropped, and the collector kept walking every live object because of
    them (6 % of an import). Cycles made meanwhile are collected once it runs again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _total_bytes(paths: Sequence[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            pass  # reported when the import reaches it
    return total


def _copy_into(source: Path, out) -> None:  # type: ignore[no-untyped-def]
    with open(source, "rb") as handle:
        shutil.copyfileobj(handle, out)


def duplicate_detection_available() -> bool:
    """True when imports count suspected duplicate people (see SyncService._duplicates)."""
    return _duplicate_finder() is not None


def _duplicate_finder():  # type: ignore[no-untyped-def]
    try:
        module = importlib.import_module("disastercenter.sync.duplicates")
    except ModuleNotFoundError as exc:
        if exc.name != "disastercenter.sync.duplicates":
            raise
        return None
    return getattr(module, "find_duplicate_candidates", None)


def _show(value_json: str) -> str:
    value = json.loads(value_json)
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(empty)"
    return str(value)

