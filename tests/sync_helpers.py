"""Workspaces that sync: a center and shelter laptops with real keys, enrolled with each other.

Sealing private keys costs about a second (age's scrypt), so each named device's keys are made
and sealed once per test run and installed into as many fresh workspaces as tests need.
"""

from __future__ import annotations

from pathlib import Path

from disastercenter.services.sync import SyncService
from disastercenter.store.db import Workspace, open_workspace
from disastercenter.sync.keys import DeviceKeys

KEY_PASSPHRASE = "correct horse battery staple"
BUNDLE_PASSPHRASE = "shelter to shelter 2026"

_SEALED: dict[tuple[str, str], tuple[DeviceKeys, str]] = {}


def sealed_keys(label: str, role: str) -> tuple[DeviceKeys, str]:
    """The same keys for the same label in every test; a fresh copy each call."""
    cached = _SEALED.get((label, role))
    if cached is None:
        keys = DeviceKeys.generate(label, role)
        cached = _SEALED[(label, role)] = (keys, keys.seal(KEY_PASSPHRASE))
    keys, sealed = cached
    return DeviceKeys(keys.label, keys.role, keys.signing, keys.identity), sealed


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
