"""Make tests/data/sync-test-keys.json: keys for the test devices, with their private halves
sealed by tests.sync_helpers.KEY_PASSPHRASE.

Sealing costs about a second per key (age's scrypt), so tests load these instead of sealing
fresh keys on every run. They are test keys only: never use them for real data.

    python tests/data/make_sync_test_keys.py
"""

from __future__ import annotations

import json
from pathlib import Path

from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)

from disastercenter.sync.keys import DeviceKeys, b64encode

PASSPHRASE = "correct horse battery staple"  # = tests.sync_helpers.KEY_PASSPHRASE
DEVICES = [
    ("Center", "center"), ("Shelter A", "shelter"), ("Shelter B", "shelter"),
    ("Shelter C", "shelter"), ("Shelter D", "shelter"), ("One", "shelter"), ("Two", "shelter"),
]


def main() -> None:
    entries = []
    for label, role in DEVICES:
        keys = DeviceKeys.generate(label, role)
        entries.append({
            "label": label,
            "role": role,
            "signing": b64encode(keys.signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())),
            "age": str(keys.identity),
            "sealed": keys.seal(PASSPHRASE),
        })
    target = Path(__file__).with_name("sync-test-keys.json")
    target.write_text(json.dumps({"passphrase": PASSPHRASE, "devices": entries}, indent=1) + "\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
