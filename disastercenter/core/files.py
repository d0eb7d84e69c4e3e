"""Writing a file so that a crash, a full disk or a USB stick pulled out mid-write never leaves
half a file under the real name: write a temporary file next to it, flush, fsync, then rename
over the target (atomic on the same file system), and fsync the folder where that is possible.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Create or replace `path` with what `write(handle)` writes, all or nothing.

    On any error the temporary file is removed and the target is left as it was.
    """
    path = Path(path)
    handle = tempfile.NamedTemporaryFile(
        "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    temporary = Path(handle.name)
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (FAT on a stick, network shares) refuse: the data is synced
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Create or replace `path` with `data`, all or nothing (see `write_atomically`)."""
    write_atomically(path, lambda handle: handle.write(data))
