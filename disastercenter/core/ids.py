"""Record ids and the short card code printed on registration cards.

A card code is 8 Crockford base32 characters taken from the record id's random bits plus one check symbol
(Crockford's mod-37 scheme), shown as ``ABCD-EFGH-J``. It survives being read aloud, typed by
hand (I/L/O are read as 1/1/0) and scanned by a keyboard-emulating barcode reader.
"""

from __future__ import annotations

import os
import time
import uuid

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CHECK_ALPHABET = _ALPHABET + "*~$=U"
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})
_MS_MASK = (1 << 48) - 1
_CARD_MASK = (1 << 40) - 1


def new_id() -> str:
    """A new record id: a time-ordered UUID (version 7: 48 bits of Unix milliseconds, then 74
    random bits) in canonical lowercase text.

    Ids made one after another sort together, so the primary-key indexes of a big registration
    batch touch a few pages at the end instead of pages all over the file.
    """
    value = (time.time_ns() // 1_000_000 & _MS_MASK) << 80 | int.from_bytes(os.urandom(10), "big")
    value = value & ~(0xF << 76) | 0x7 << 76  # version 7
    value = value & ~(0x3 << 62) | 0x2 << 62  # RFC 4122 variant
    return str(uuid.UUID(int=value))


def _check_symbol(value: int) -> str:
    return _CHECK_ALPHABET[value % 37]


def card_code(record_id: str) -> str:
    """The printed card code for a record id, e.g. ``7K3M-9QXP-2``."""
    # The lowest 40 bits: random in every id we make (the top ones of a v7 id are a time).
    bits = uuid.UUID(record_id).int & _CARD_MASK
    chars = "".join(_ALPHABET[(bits >> shift) & 31] for shift in range(35, -1, -5))
    return f"{chars[:4]}-{chars[4:]}-{_check_symbol(bits)}"


def normalise_card_code(text: str) -> str | None:
    """The canonical card code typed or scanned as `text`, or None when it is not one.

    Accepts lower case, missing dashes, spaces and I/L/O for 1/1/0; rejects a wrong check symbol.
    """
    compact = "".join(ch for ch in text.upper() if ch not in "- ").translate(_READ_AS)
    if len(compact) != 9 or any(ch not in _ALPHABET for ch in compact[:8]):
        return None
    value = 0
    for ch in compact[:8]:
        value = value * 32 + _ALPHABET.index(ch)
    if compact[8] != _check_symbol(value):
        return None
    return f"{compact[:4]}-{compact[4:8]}-{compact[8]}"
