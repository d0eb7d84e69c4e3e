"""Workspaces that sync: a center and shelter laptops with real keys, enrolled with each other.

Sealing private keys costs about a second (age's scrypt), so the test devices' keys were made
and sealed once (tests/data/make_sync_test_keys.py) and are installed into fresh workspaces.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from disastercenter.services.sync import SyncService
from disastercenter.store.db import Workspace, open_workspace
from disastercenter.sync.keys import DeviceKeys, b64decode

KEY_PASSPHRASE = "correct horse battery staple"
BUNDLE_PASSPHRASE = "shelter to shelter 2026"
_KEY_FILE = Path(__file__).with_name("data") / "sync-test-keys.json"


@functools.cache
def _test_keys() -> dict[str, dict[str, str]]:
    data = json.loads(_KEY_FILE.read_text())
    assert data["passphrase"] == KEY_PASSPHRASE
    return {entry["label"]: entry for entry in data["devices"]}


def sealed_keys(label: str, role: str) -> tuple[DeviceKeys, str]:
    """The test keys of a device (tests/data/make_sync_test_keys.py made them): a fresh copy
    of its unsealed keys, and their sealed form as a workspace stores it."""
    entry = _test_keys()[label]
    assert entry["role"] == role, f"{label} is a {entry['role']} in the test keys"
    keys = DeviceKeys(
        label, role, Ed25519PrivateKey.from_private_bytes(b64decode(entry["signing"], 32)),
        x25519.Identity.from_str(entry["age"]),
    )
    return keys, entry["sealed"]


class Node:
    """One laptop: its workspace, its sync service with unlocked keys."""

    def __init__(self, path: Path, label: str, role: str = "shelter", *, keys: bool = True) -> None:
        self.ws: Workspace = open_workspace(path)
        self.sync = SyncService(self.ws)
        self.label = label
        if keys:
            device_keys, sealed = sealed_keys(label, role)
            self.sync.install_keys(device_keys, sealed)

    def enroll(self, *others: Node) -> None:
        for other in others:
            self.sync.enroll(other.sync.public_card())

    def close(self) -> None:
        self.ws.close()


def enroll_all(nodes: list[Node]) -> None:
    for node in nodes:
        node.enroll(*[other for other in nodes if other is not node])


def outbox(tmp_path: Path, name: str = "usb") -> Path:
    directory = tmp_path / name
    directory.mkdir(exist_ok=True)
    return directory
