"""The self-registration kiosk's staff PIN: checked, salted and hashed with scrypt.

Only the hash is stored (in the app settings), as `scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>`,
so a settings file copied off a shelter laptop does not give the PIN away.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

#: 4 to 12 digits: typed on a touch screen or a number pad, long enough to stop a passer-by.
PIN_PATTERN = re.compile(r"[0-9]{4,12}")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_PREFIX = "scrypt"


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be a staff PIN (a core.errors message key), or None."""
    if not PIN_PATTERN.fullmatch(pin):
        return "pin.format"
    if len(set(pin)) == 1 or pin in "01234567890123" or pin in "98765432109876":
        return "pin.guessable"
    return None


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


def hash_pin(pin: str) -> str:
    """The stored form of `pin`: a fresh random salt and the scrypt hash."""
    salt = secrets.token_bytes(16)
    n, r, p = _SCRYPT["n"], _SCRYPT["r"], _SCRYPT["p"]
    return f"{_PREFIX}${n}${r}${p}${salt.hex()}${_derive(pin, salt, n, r, p).hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the stored hash (False for a malformed stored value)."""
    try:
        prefix, n, r, p, salt, digest = stored.split("$")
        if prefix != _PREFIX:
            return False
        expected = bytes.fromhex(digest)
        actual = _derive(pin, bytes.fromhex(salt), int(n), int(r), int(p))
    except (ValueError, OverflowError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)
