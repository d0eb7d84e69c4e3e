"""Writing bundle files safely to any folder, and naming them so every file system accepts them.

A bundle is written under a hidden temporary name in the target folder, flushed to the device
(fsync), then renamed: a USB stick pulled mid-export leaves at most a `.…partial` file that no
importer looks at, never a half file with a good name. Names use only ASCII letters, digits,
`-` and `.`, stay short, and never collide with the names Windows reserves, so they survive
FAT32/exFAT sticks, SMB shares, Syncthing and e-mail.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from disastercenter.core.errors import UserError

EXTENSION = ".dcb"
PARTIAL_SUFFIX = ".partial"
MAX_NAME = 64


def _slug(text: str, limit: int = 20) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:limit].strip("-")


def bundle_file_name(label: str, device_id: str, bundle_id: str, now: datetime | None = None) -> str:
    """`dc-<label>-<UTC time>-<bundle id>.dcb`: unique, sortable by time, FAT32-safe."""
    now = now or datetime.now(timezone.utc)
    who = _slug(label) or device_id[:8].lower()
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    name = f"dc-{who}-{stamp}-{bundle_id[:8].lower()}{EXTENSION}"
    assert is_safe_name(name), name
    return name


_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*\Z")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def is_safe_name(name: str) -> bool:
    """True for a name every common file system and OS accepts as is."""
    stem = name.split(".")[0].lower()
    return (
        len(name) <= MAX_NAME and bool(_SAFE.match(name)) and not name.endswith(".")
        and stem not in _RESERVED
    )


def is_bundle_candidate(path: Path) -> bool:
    """Files a watched folder considers: finished bundles, not our or others' temporary files."""
    name = path.name
    return (
        name.lower().endswith(EXTENSION) and not name.startswith((".", "~"))
        and not name.endswith(PARTIAL_SUFFIX)
    )


def write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write a new file at `target` via a temporary name, fsync and rename.

    Never overwrites an existing file. Errors (read-only media, disk full, a pulled stick)
    become UserError with the system's own words, and the temporary file is removed when
    possible.
    """
    directory = target.parent
    temporary = directory / f".{target.name}{PARTIAL_SUFFIX}"
    if target.exists():
        raise UserError("sync.write_failed", path=str(target), detail="a file with this name exists")
    try:
        with open(temporary, "xb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            raise FileExistsError(f"{target} appeared while writing")
        os.replace(temporary, target)
        _fsync_directory(directory)
    except OSError as exc:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        raise UserError(
            "sync.write_failed", path=str(target), detail=exc.strerror or str(exc)
        ) from exc
    except BaseException:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        raise
    return target


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a directory for this.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
