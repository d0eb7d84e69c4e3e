"""The bundle file: a zip of the manifest, its signature and the ops, encrypted with age.

    bundle.dcb = age( zip{ ops.jsonl, manifest.json, manifest.sig } )

The full description, for anyone writing another reader, is docs/sync-bundle-format.md. Reading
is strict and bounded: every size is capped before anything is decompressed or parsed, member
names must be exactly the expected ones, JSON must be valid UTF-8 without duplicate keys or
NaN, every field must have its type. The ops are read as a stream (batches of a few thousand),
so memory stays flat whatever the bundle's size; the payload's hash, size and op count are
checked against the signed manifest when the stream ends, and the caller (one transaction)
rolls everything back if they differ.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, BinaryIO

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from disastercenter.core.errors import UserError
from disastercenter.store.oplog import Op
from disastercenter.sync.keys import (
    DeviceKeys,
    PublicKeys,
    b64decode,
    b64encode,
    check_label,
    parse_recipient,
)

FORMAT = "disastercenter-bundle"
VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PAYLOAD = "ops.jsonl"
AGE_MAGIC = b"age-encryption.org/v1\n"

#: Caps. A bundle over any of them is refused before it is read any further.
MAX_BUNDLE_BYTES = 1 << 30  # the encrypted file
MAX_PASSPHRASE_BUNDLE_BYTES = 256 << 20  # passphrase mode is decrypted in memory
MAX_MANIFEST_BYTES = 1 << 20
MAX_PAYLOAD_BYTES = 4 << 30  # ops.jsonl, uncompressed
MAX_OPS = 20_000_000
MAX_LINE_BYTES = 1 << 20  # one op
MAX_RATIO = 100  # uncompressed / compressed size of a member: more is a zip bomb
MAX_DEVICES = 100_000  # entries of a version vector
SPOOL_BYTES = 16 << 20  # plaintext up to this size stays in memory
_READ_BYTES = 1 << 20

_DEVICE = re.compile(r"[0-9A-Za-z._-]{1,64}\Z")
_LINE_DECODER = json.JSONDecoder(parse_constant=lambda name: _no_constant(name))
_HEX32 = re.compile(r"[0-9a-f]{32}\Z")
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
_MAX_INT = 2**63


class BundleError(UserError):
    """A bundle that cannot be imported; `key` says why, `detail` gives the particulars."""

    def __init__(self, key: str, detail: str = "", **params: object) -> None:
        super().__init__(key, detail=detail, **params)
        self.detail = detail


def _bad(detail: str) -> BundleError:
    return BundleError("sync.bad_bundle", detail)


@dataclass(frozen=True)
class Sender:
    device: str
    label: str
    role: str
    signing_key: bytes | None
    age_recipient: str | None

    @property
    def public(self) -> PublicKeys | None:
        if self.signing_key is None or self.age_recipient is None:
            return None
        return PublicKeys(self.label, self.role, self.signing_key, self.age_recipient)


@dataclass(frozen=True)
class Manifest:
    bundle_id: str
    created_at: str
    sender: Sender
    recipients: tuple[tuple[str, str], ...]  # (label, key id)
    auth: str  # "key" | "passphrase"
    since: dict[str, int]
    version_vector: dict[str, int]
    payload_sha256: str
    payload_size: int
    op_count: int

    def as_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "bundle_id": self.bundle_id,
            "created_at": self.created_at,
            "sender": {
                "device": self.sender.device,
                "label": self.sender.label,
                "role": self.sender.role,
                "signing_key": None if self.sender.signing_key is None else b64encode(self.sender.signing_key),
                "age_recipient": self.sender.age_recipient,
            },
            "recipients": [{"label": label, "key_id": key_id} for label, key_id in self.recipients],
            "auth": self.auth,
            "since": self.since,
            "version_vector": self.version_vector,
            "payload": {
                "name": PAYLOAD, "sha256": self.payload_sha256, "size": self.payload_size,
                "ops": self.op_count,
            },
        }


def new_bundle_id() -> str:
    return uuid.uuid4().hex


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


# -- writing ----------------------------------------------------------------------------------


_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def write_plaintext(
    out: IO[bytes],
    rows: Iterable[tuple[str, int, int, int, str, str, str, str]],
    *,
    bundle_id: str,
    sender: Sender,
    recipients: Iterable[tuple[str, str]],
    auth: str,
    since: dict[str, int],
    version_vector: dict[str, int],
    keys: DeviceKeys | None,
) -> Manifest:
    """Write the (unencrypted) zip to `out`: ops streamed from `rows`, then the manifest and
    its signature. Returns the manifest."""
    digest = hashlib.sha256()
    size = count = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        info = zipfile.ZipInfo(PAYLOAD, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as payload:
            lines: list[bytes] = []
            for row in rows:
                lines.append(_LINE(row).encode("utf-8") + b"\n")
                if len(lines) >= 2000:
                    chunk = b"".join(lines)
                    digest.update(chunk)
                    payload.write(chunk)
                    size += len(chunk)
                    count += len(lines)
                    lines = []
            if lines:
                chunk = b"".join(lines)
                digest.update(chunk)
                payload.write(chunk)
                size += len(chunk)
                count += len(lines)
        manifest = Manifest(
            bundle_id, utc_now(), sender, tuple(recipients), auth, dict(since),
            dict(version_vector), digest.hexdigest(), size, count,
        )
        manifest_bytes = manifest_text(manifest)
        archive.writestr(_member(MANIFEST), manifest_bytes)
        if keys is not None:
            archive.writestr(_member(SIGNATURE, stored=True), keys.sign(manifest_bytes))
    return manifest


def manifest_text(manifest: Manifest) -> bytes:
    return (json.dumps(manifest.as_json(), ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def _member(name: str, stored: bool = False) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def encrypt(plain: BinaryIO, out: BinaryIO, *, recipients: list[x25519.Recipient] | None = None,
            passphrase: str | None = None) -> None:
    """Encrypt the plaintext zip into `out` with age: to recipients, or with a passphrase."""
    plain.seek(0)
    if passphrase is not None:
        data = plain.read()
        if len(data) > MAX_PASSPHRASE_BUNDLE_BYTES:
            raise UserError("sync.passphrase_too_large", limit=MAX_PASSPHRASE_BUNDLE_BYTES >> 20)
        out.write(age_passphrase.encrypt(data, passphrase))
        return
    if not recipients:
        raise UserError("sync.no_recipients")
    try:
        pyrage.encrypt_io(plain, out, recipients)
    except pyrage.EncryptError as exc:
        # A failed write (disk full, stick pulled) comes back wrapped: give the system's words.
        found = re.search(r"\[Errno (\d+)\] ([^\n]*)", str(exc))
        if found:
            raise OSError(int(found.group(1)), found.group(2)) from exc
        raise


# -- reading ----------------------------------------------------------------------------------


def age_auth(path: Path) -> str:
    """"key" or "passphrase": how an age file was encrypted, from its header; BundleError when
    the file is not an age file."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
            size = handle.seek(0, io.SEEK_END)
    except OSError as exc:
        raise BundleError("sync.cannot_read", exc.strerror or str(exc), path=str(path)) from exc
    if size == 0:
        raise BundleError("sync.not_bundle", "the file is empty")
    if size > MAX_BUNDLE_BYTES:
        raise BundleError("sync.too_large", f"{size} bytes", limit=MAX_BUNDLE_BYTES >> 20)
    if not head.startswith(AGE_MAGIC):
        raise BundleError("sync.not_bundle", "not an encrypted bundle")
    stanzas = [line for line in head[len(AGE_MAGIC):].split(b"\n") if line.startswith(b"-> ")]
    kinds = {line.split(b" ")[1] for line in stanzas if len(line.split(b" ")) > 1}
    if b"scrypt" in kinds:
        return "passphrase"
    if b"X25519" in kinds:
        return "key"
    raise BundleError("sync.not_bundle", "unknown encryption")


class _CappedWriter:
    """A write target for the decryptor that refuses more than `limit` bytes (no bomb fills
    the disk before the zip is even looked at)."""

    def __init__(self, target: IO[bytes], limit: int) -> None:
        self.target = target
        self.limit = limit
        self.written = 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        if self.written > self.limit:
            raise BundleError("sync.too_large", "decrypted content too large", limit=self.limit >> 20)
        return self.target.write(data)

    def flush(self) -> None:
        self.target.flush()


def decrypt(path: Path, *, identity: x25519.Identity | None, passphrase: str | None,
            tmp_dir: Path | None) -> tuple[str, IO[bytes]]:
    """(auth, plaintext file positioned at 0). The caller closes the file."""
    auth = age_auth(path)
    if auth == "passphrase":
        if passphrase is None:
            raise BundleError("sync.needs_passphrase")
        size = path.stat().st_size
        if size > MAX_PASSPHRASE_BUNDLE_BYTES:
            raise BundleError("sync.too_large", f"{size} bytes", limit=MAX_PASSPHRASE_BUNDLE_BYTES >> 20)
        try:
            plain = age_passphrase.decrypt(path.read_bytes(), passphrase)
        except pyrage.DecryptError as exc:
            raise _decrypt_error(str(exc), passphrase=True) from None
        return auth, io.BytesIO(plain)
    if identity is None:
        raise BundleError("sync.no_keys")
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, dir=tmp_dir, prefix="dc-in-")
    try:
        with open(path, "rb") as source:
            pyrage.decrypt_io(source, _CappedWriter(spool, MAX_BUNDLE_BYTES), [identity])
    except pyrage.DecryptError as exc:
        spool.close()
        raise _decrypt_error(str(exc), passphrase=False) from None
    except OSError as exc:
        spool.close()
        if exc.errno is None:  # from the decryptor: a chunk failed authentication or is missing
            raise BundleError("sync.damaged", str(exc)) from None
        raise BundleError("sync.cannot_read", exc.strerror or str(exc), path=str(path)) from exc
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return auth, spool


def _decrypt_error(message: str, *, passphrase: bool) -> BundleError:
    if "No matching keys" in message:
        return BundleError("sync.wrong_key", message)
    if passphrase and "Decryption failed" in message:
        return BundleError("sync.wrong_passphrase", message)
    if "Excessive work" in message or "work factor" in message.lower():
        return BundleError("sync.bad_bundle", message)
    return BundleError("sync.damaged", message)


def _strict_json(data: bytes, what: str) -> object:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(f"{what} is not valid UTF-8") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except ValueError as exc:
        raise _bad(f"{what} is not valid JSON ({exc})") from None


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _is_int(value: object, low: int = 0, high: int = _MAX_INT) -> bool:
    return type(value) is int and low <= value < high


def _vector(value: object, what: str) -> dict[str, int]:
    if not isinstance(value, dict) or len(value) > MAX_DEVICES:
        raise _bad(f"{what} must be an object of device counters")
    for device, counter in value.items():
        if not _DEVICE.match(device) or not _is_int(counter):
            raise _bad(f"{what}: bad entry {device!r}")
    return dict(value)


def parse_manifest(data: bytes) -> Manifest:
    document = _strict_json(data, "manifest")
    expected = {
        "format", "version", "bundle_id", "created_at", "sender", "recipients", "auth", "since",
        "version_vector", "payload",
    }
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _bad("the manifest is not a disastercenter bundle manifest")
    version = document.get("version")
    if not _is_int(version, 1):
        raise _bad("the manifest has no format version")
    if version > VERSION:
        raise BundleError("sync.future_version", f"format version {version}", version=version)
    if version != VERSION or set(document) != expected:
        missing = sorted(expected - set(document))
        extra = sorted(set(document) - expected)
        raise _bad(f"manifest fields: missing {missing}, unexpected {extra}")
    bundle_id, created_at = document["bundle_id"], document["created_at"]
    if not isinstance(bundle_id, str) or not _HEX32.match(bundle_id):
        raise _bad("bundle_id must be 32 hex digits")
    if not isinstance(created_at, str) or not 0 < len(created_at) <= 40:
        raise _bad("created_at must be a time")
    sender = document["sender"]
    if not isinstance(sender, dict) or set(sender) != {"device", "label", "role", "signing_key", "age_recipient"}:
        raise _bad("sender must have device, label, role, signing_key, age_recipient")
    if not isinstance(sender["device"], str) or not _DEVICE.match(sender["device"]):
        raise _bad("sender device id is invalid")
    if not isinstance(sender["label"], str) or sender["role"] not in ("center", "shelter"):
        raise _bad("sender label or role is invalid")
    try:
        check_label(sender["label"]) if sender["label"] else None
        signing_key = None if sender["signing_key"] is None else b64decode(sender["signing_key"], 32)
        recipient = sender["age_recipient"]
        if recipient is not None:
            parse_recipient(recipient)
    except (ValueError, UserError) as exc:
        raise _bad(f"sender keys are invalid ({exc})") from None
    recipients = document["recipients"]
    if not isinstance(recipients, list) or len(recipients) > 1000:
        raise _bad("recipients must be a list")
    parsed_recipients = []
    for item in recipients:
        if (
            not isinstance(item, dict) or set(item) != {"label", "key_id"}
            or not isinstance(item["label"], str) or len(item["label"]) > 200
            or not isinstance(item["key_id"], str) or not _HEX64.match(item["key_id"])
        ):
            raise _bad("a recipient entry is invalid")
        parsed_recipients.append((item["label"], item["key_id"]))
    auth = document["auth"]
    if auth not in ("key", "passphrase"):
        raise _bad("auth must be key or passphrase")
    payload = document["payload"]
    if not isinstance(payload, dict) or set(payload) != {"name", "sha256", "size", "ops"}:
        raise _bad("payload must have name, sha256, size, ops")
    if payload["name"] != PAYLOAD or not isinstance(payload["sha256"], str) or not _HEX64.match(payload["sha256"]):
        raise _bad("payload name or hash is invalid")
    if not _is_int(payload["size"], 0, MAX_PAYLOAD_BYTES + 1) or not _is_int(payload["ops"], 0, MAX_OPS + 1):
        raise _bad("payload size or op count is invalid or over the limit")
    return Manifest(
        bundle_id, created_at,
        Sender(sender["device"], sender["label"], sender["role"], signing_key, recipient),
        tuple(parsed_recipients), auth, _vector(document["since"], "since"),
        _vector(document["version_vector"], "version_vector"),
        payload["sha256"], payload["size"], payload["ops"],
    )


_ALLOWED = (MANIFEST, SIGNATURE, PAYLOAD)
_MEMBER_CAPS = {MANIFEST: MAX_MANIFEST_BYTES, SIGNATURE: 64, PAYLOAD: MAX_PAYLOAD_BYTES}


class OpenedBundle:
    """A decrypted bundle whose zip structure, manifest and signature bytes were checked; the
    ops are read by `op_batches`. Close it (or use `with`) to drop the decrypted copy."""

    def __init__(self, plain: IO[bytes], auth: str) -> None:
        self._plain = plain
        self.auth = auth
        try:
            self._zip = zipfile.ZipFile(plain)
            self._check_members()
            self.manifest_bytes = self._read_small(MANIFEST)
            self.signature = self._read_small(SIGNATURE) if SIGNATURE in self._names else None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, struct.error, NotImplementedError,
                RuntimeError, ValueError, OSError) as exc:
            if isinstance(exc, UserError):
                raise
            raise BundleError("sync.damaged", f"the archive is damaged ({exc})") from None
        if self.signature is not None and len(self.signature) != 64:
            raise _bad("the signature has the wrong size")
        self.manifest = parse_manifest(self.manifest_bytes)
        if self.manifest.auth != auth:
            raise _bad(f"the manifest says {self.manifest.auth!r} but the file is encrypted by {auth!r}")

    def _check_members(self) -> None:
        names: set[str] = set()
        for info in self._zip.infolist():
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
                raise _bad(f"unsafe member name {name!r}")
            if name not in _ALLOWED:
                raise _bad(f"unexpected member {name!r}")
            if name in names:
                raise _bad(f"member {name!r} appears twice")
            names.add(name)
            if info.flag_bits & 0x1:
                raise _bad(f"member {name!r} is encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _bad(f"member {name!r} uses an unsupported compression")
            if info.file_size > _MEMBER_CAPS[name]:
                raise BundleError("sync.too_large", f"{name} is {info.file_size} bytes",
                                  limit=_MEMBER_CAPS[name] >> 20)
            if info.file_size > MAX_RATIO * max(info.compress_size, 1) + 4096:
                raise _bad(f"member {name!r} expands {info.file_size} bytes from "
                           f"{info.compress_size}: a zip bomb")
        missing = {MANIFEST, PAYLOAD} - names
        if missing:
            raise _bad(f"missing member(s) {sorted(missing)}")
        if self.auth == "key" and SIGNATURE not in names:
            raise BundleError("sync.unsigned", "no signature")
        self._names = names

    def _read_small(self, name: str) -> bytes:
        with self._zip.open(name) as member:
            data = member.read(_MEMBER_CAPS[name] + 1)
        if len(data) > _MEMBER_CAPS[name]:
            raise BundleError("sync.too_large", f"{name} too large", limit=_MEMBER_CAPS[name] >> 20)
        return data

    def verify_signature(self) -> PublicKeys | None:
        """The sender's public keys if the manifest carries a valid signature by them; None for
        an unsigned passphrase bundle. A signature that does not match raises."""
        sender = self.manifest.sender.public
        if self.signature is None:
            if self.auth == "key":
                raise BundleError("sync.unsigned", "no signature")
            return None
        if sender is None or not sender.verify(self.manifest_bytes, self.signature):
            raise BundleError("sync.bad_signature")
        return sender

    def op_batches(self, size: int = 5000) -> Iterator[list[Op]]:
        """The ops, `size` at a time, each line strictly checked; at the end the payload's hash,
        size and count must match the manifest (BundleError otherwise)."""
        manifest = self.manifest
        digest = hashlib.sha256()
        total = count = 0
        batch: list[Op] = []
        pending = b""
        scan = _LINE_DECODER.scan_once  # the C scanner itself: json.loads costs 3 times more
        devices: set[str] = set()
        try:
            with self._zip.open(PAYLOAD) as payload:
                while True:
                    chunk = payload.read(_READ_BYTES)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > manifest.payload_size:
                        raise _bad("the ops are longer than the manifest says")
                    digest.update(chunk)
                    data = pending + chunk if pending else chunk
                    end = data.rfind(b"\n") + 1
                    pending = data[end:]
                    if len(pending) > MAX_LINE_BYTES:
                        raise _bad(f"op {count + 1} is longer than {MAX_LINE_BYTES} bytes")
                    if not end:
                        continue
                    try:
                        text = data[:end].decode("utf-8")
                    except UnicodeDecodeError as exc:
                        line = count + data[: exc.start].count(b"\n") + 1
                        raise _bad(f"op {line} is not valid UTF-8") from None
                    lines = text.split("\n")
                    lines.pop()  # after the last newline: empty
                    if count + len(lines) > manifest.op_count:
                        raise _bad("there are more ops than the manifest says")
                    for line in lines:
                        count += 1
                        if len(line) > MAX_LINE_BYTES:
                            raise _bad(f"op {count} is longer than {MAX_LINE_BYTES} bytes")
                        try:
                            item, end = scan(line, 0)
                        except (StopIteration, ValueError):
                            raise _bad(f"op {count} is not valid JSON") from None
                        if end != len(line):
                            raise _bad(f"op {count} is not one JSON value")
                        batch.append(_op(item, count, devices))
                    if len(batch) >= size:
                        yield batch
                        batch = []
        except (zipfile.BadZipFile, EOFError, struct.error, OSError, zlib.error) as exc:
            raise BundleError("sync.damaged", f"the ops are damaged ({exc})") from None
        if pending:
            raise _bad(f"op {count + 1} is not terminated by a newline")
        if batch:
            yield batch
        if count != manifest.op_count or total != manifest.payload_size:
            raise _bad(f"the manifest promises {manifest.op_count} ops in {manifest.payload_size} "
                       f"bytes, the file has {count} in {total}")
        if digest.hexdigest() != manifest.payload_sha256:
            raise _bad("the ops do not match the hash in the signed manifest")

    def close(self) -> None:
        try:
            self._zip.close()
        finally:
            self._plain.close()

    def __enter__(self) -> OpenedBundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_NEW_TUPLE = tuple.__new__


def _op(item: object, number: int, devices: set[str]) -> Op:
    """An op from one parsed line: its shape, device id and hlc order here; the types and
    ranges of every value are checked by OpLog.apply_ops."""
    if type(item) is not list or len(item) != 8:
        raise _bad(f"op {number} must be a list of 8 values")
    op = _NEW_TUPLE(Op, item)  # Op(*item) without the Python-level constructor
    try:
        ordered = 0 <= op.base_hlc < op.hlc and op.counter > 0
    except TypeError:
        raise _bad(f"op {number}: counter, hlc and base must be integers") from None
    if not ordered:
        raise _bad(f"op {number}: counter, hlc or base out of range (base must be below hlc)")
    device = op.device
    if device not in devices:
        if type(device) is not str or not _DEVICE.match(device):
            raise _bad(f"op {number}: device id is invalid")
        devices.add(device)
    return op


def open_bundle(path: Path, *, identity: x25519.Identity | None = None, passphrase: str | None = None,
                tmp_dir: Path | None = None) -> OpenedBundle:
    """Decrypt and structurally check a bundle file (raises BundleError)."""
    auth, plain = decrypt(path, identity=identity, passphrase=passphrase, tmp_dir=tmp_dir)
    try:
        return OpenedBundle(plain, auth)
    except BaseException:
        plain.close()
        raise
