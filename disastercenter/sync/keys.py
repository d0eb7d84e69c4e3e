"""Device keys, public key cards, fingerprints and the offline recovery key.

Every workspace that exchanges bundles by key has two key pairs:

- an Ed25519 key (from `cryptography`) that signs its bundles and its public card;
- an age X25519 identity (`age1…` recipient, from `pyrage`) that bundles are encrypted to.

The private halves are kept together, sealed with a passphrase in age's passphrase format
(scrypt): the `sync_identity` table holds the sealed text, so a backup of the workspace keeps
its keys and nothing readable. `age -d` with the passphrase opens it too.

A *public card* is a small signed JSON file a device hands to another one (USB stick, e-mail) to
be enrolled. Trust comes from a person comparing the card's fingerprint, shown as eight words,
with the words the other device shows for itself; the card's self-signature only makes sure
the label, role and recovery keys come from the holder of that signing key.

The *recovery key* is a plain age identity kept offline (printed or on a stick in a safe). The
center puts its public half on its card, so shelters encrypt every bundle to it as well: if the
center's laptop is lost, `age -d -i recovery-key.txt bundle.dcb` still opens every bundle.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from disastercenter.core.errors import UserError
from disastercenter.sync.wordlist import WORDS

ROLES = ("center", "shelter")
PEER_ROLES = ("center", "shelter", "recovery")
CARD_FORMAT = "disastercenter-public-key"
CARD_VERSION = 1
MAX_CARD_BYTES = 16 * 1024
MAX_LABEL = 80
MIN_PASSPHRASE = 8
FINGERPRINT_WORDS = 8  # 64 bits read aloud
_FINGERPRINT_DOMAIN = b"disastercenter key fingerprint v1\x00"


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: object, size: int | None = None) -> bytes:
    """Strict base64 (no stray characters); raises ValueError."""
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not base64") from None
    if size is not None and len(data) != size:
        raise ValueError(f"expected {size} bytes")
    return data


def fingerprint(signing_key: bytes | None, age_recipient: str) -> bytes:
    """SHA-256 over both public keys: what enrolment compares."""
    digest = hashlib.sha256(_FINGERPRINT_DOMAIN)
    digest.update(signing_key or b"")
    digest.update(b"\x00")
    digest.update(age_recipient.encode("ascii"))
    return digest.digest()


def words_of(digest: bytes) -> str:
    """The first 64 bits of a fingerprint as eight words."""
    return " ".join(WORDS[b] for b in digest[:FINGERPRINT_WORDS])


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError("sync.passphrase_short", minimum=MIN_PASSPHRASE)


def parse_recipient(text: object) -> x25519.Recipient:
    if not isinstance(text, str) or not text.startswith("age1") or len(text) > 100:
        raise ValueError("not an age recipient")
    try:
        return x25519.Recipient.from_str(text)
    except pyrage.RecipientError:
        raise ValueError("not an age recipient") from None


@dataclass(frozen=True)
class PublicKeys:
    """What another device knows of a device: its public keys and how it calls itself."""

    label: str
    role: str  # center | shelter | recovery
    signing_key: bytes | None  # raw Ed25519 public key; None for a recovery key
    age_recipient: str
    recovery: tuple[str, ...] = ()  # a center's recovery recipients

    @property
    def fingerprint(self) -> bytes:
        return fingerprint(self.signing_key, self.age_recipient)

    @property
    def key_id(self) -> str:
        return self.fingerprint.hex()

    @property
    def words(self) -> str:
        return words_of(self.fingerprint)

    def verify(self, data: bytes, signature: bytes) -> bool:
        if self.signing_key is None:
            return False
        try:
            Ed25519PublicKey.from_public_bytes(self.signing_key).verify(signature, data)
        except InvalidSignature:
            return False
        return True

    def recipient(self) -> x25519.Recipient:
        return x25519.Recipient.from_str(self.age_recipient)

    def card_body(self) -> dict[str, object]:
        return {
            "format": CARD_FORMAT,
            "version": CARD_VERSION,
            "label": self.label,
            "role": self.role,
            "signing_key": None if self.signing_key is None else b64encode(self.signing_key),
            "age_recipient": self.age_recipient,
            "recovery_recipients": list(self.recovery),
        }


def _canonical(body: dict[str, object]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass
class DeviceKeys:
    """This workspace's own keys, unsealed (in memory only)."""

    label: str
    role: str
    signing: Ed25519PrivateKey
    identity: x25519.Identity
    recovery: tuple[str, ...] = field(default=())

    @classmethod
    def generate(cls, label: str, role: str) -> DeviceKeys:
        check_label(label)
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        return cls(label.strip(), role, Ed25519PrivateKey.generate(), x25519.Identity.generate())

    @property
    def public(self) -> PublicKeys:
        raw = self.signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PublicKeys(self.label, self.role, raw, str(self.identity.to_public()), self.recovery)

    def sign(self, data: bytes) -> bytes:
        return self.signing.sign(data)

    def card(self) -> bytes:
        """The signed public card, as a file to hand to another device."""
        body = self.public.card_body()
        document = {"card": body, "signature": b64encode(self.sign(_canonical(body)))}
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def seal(self, passphrase: str) -> str:
        """The private keys encrypted with `passphrase` (age scrypt), as base64 text."""
        check_passphrase(passphrase)
        secret = json.dumps({
            "signing": b64encode(self.signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())),
            "age": str(self.identity),
        }).encode("ascii")
        return b64encode(age_passphrase.encrypt(secret, passphrase))

    @classmethod
    def unseal(cls, public: PublicKeys, sealed: str, passphrase: str) -> DeviceKeys:
        """Open sealed private keys; a wrong passphrase raises UserError."""
        try:
            secret = age_passphrase.decrypt(b64decode(sealed), passphrase)
        except pyrage.DecryptError:
            raise UserError("sync.wrong_key_passphrase") from None
        data = json.loads(secret)
        keys = cls(
            public.label, public.role,
            Ed25519PrivateKey.from_private_bytes(b64decode(data["signing"], 32)),
            x25519.Identity.from_str(data["age"]),
            public.recovery,
        )
        if keys.public.fingerprint != public.fingerprint:
            raise UserError("sync.keys_mismatch")
        return keys


def check_label(label: str) -> None:
    if not label.strip() or len(label) > MAX_LABEL or any(ord(ch) < 32 for ch in label):
        raise UserError("sync.bad_label", limit=MAX_LABEL)


def new_recovery_key(label: str = "recovery") -> tuple[str, PublicKeys]:
    """A fresh offline recovery key: (secret text to print or store offline, its public part)."""
    identity = x25519.Identity.generate()
    recipient = str(identity.to_public())
    secret = (
        f"# disastercenter recovery key: {label}\n"
        f"# public key: {recipient}\n"
        "# Keep this offline. It opens every bundle sent to this center:\n"
        "#   age -d -i THIS_FILE bundle.dcb > bundle.zip\n"
        f"{identity}\n"
    )
    return secret, PublicKeys(label, "recovery", None, recipient)


def parse_card(data: bytes) -> PublicKeys:
    """A public card from a file, strictly checked; raises UserError('sync.bad_card')."""
    def bad(detail: str) -> UserError:
        return UserError("sync.bad_card", detail=detail)

    if len(data) > MAX_CARD_BYTES:
        raise bad("file too large")
    try:
        document = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError):
        raise bad("not a key card (not JSON)") from None
    if not isinstance(document, dict) or set(document) != {"card", "signature"}:
        raise bad("not a key card")
    body = document["card"]
    expected = {"format", "version", "label", "role", "signing_key", "age_recipient", "recovery_recipients"}
    if not isinstance(body, dict) or set(body) != expected or body["format"] != CARD_FORMAT:
        raise bad("not a key card")
    if body["version"] != CARD_VERSION:
        raise bad(f"card version {body['version']!r} is not supported")
    label, role = body["label"], body["role"]
    if not isinstance(label, str) or not isinstance(role, str) or role not in PEER_ROLES:
        raise bad("label or role missing")
    try:
        check_label(label)
        parse_recipient(body["age_recipient"])
        recovery = body["recovery_recipients"]
        if not isinstance(recovery, list) or len(recovery) > 8:
            raise ValueError("recovery recipients must be a short list")
        for recipient in recovery:
            parse_recipient(recipient)
        signing_key = None if body["signing_key"] is None else b64decode(body["signing_key"], 32)
    except (ValueError, UserError) as exc:
        raise bad(str(exc)) from None
    public = PublicKeys(label, role, signing_key, body["age_recipient"], tuple(recovery))
    if role == "recovery":
        if signing_key is not None or document["signature"] is not None or recovery:
            raise bad("a recovery card has no signing key")
    else:
        if signing_key is None:
            raise bad("signing key missing")
        try:
            signature = b64decode(document["signature"], 64)
        except ValueError:
            raise bad("signature missing") from None
        if not public.verify(_canonical(body), signature):
            raise bad("the card's signature does not match its key")
    return public


def recovery_card(public: PublicKeys) -> bytes:
    """The card of a recovery key (no signing key, so no signature)."""
    document = {"card": public.card_body(), "signature": None}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result
