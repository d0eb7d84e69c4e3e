"""The importing side of the sync benchmark, in a process of its own (see bench/sync.py).

    python -m bench.sync_probe BUNDLE_SET_DIR CENTER_DB BEFORE_COPY

Prints one JSON line: import and re-import times, ops imported, rows changed by the re-import,
the database size, this process's peak RSS (VmHWM) and that of the bundle reader process it
started for the import (sync.reader), sampled while it ran.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path


def peak_rss_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class ChildPeaks:
    """Peak RSS (VmHWM) of this process's children (the bundle reader), sampled while they
    run. Not getrusage(RUSAGE_CHILDREN): Linux carries a child's peak from before its exec
    over, so a reader spawned by a big process would show that process's size, not its own."""

    def __init__(self, interval: float = 0.05) -> None:
        import threading

        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._interval = interval
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ChildPeaks:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            for pid in _children():
                try:
                    with open(f"/proc/{pid}/status", encoding="ascii") as status:
                        for line in status:
                            if line.startswith("VmHWM:"):
                                kib = int(line.split()[1])
                                self.peaks[pid] = max(self.peaks.get(pid, 0), kib * 1024)
                except (OSError, ValueError):
                    pass  # ended meanwhile

    @property
    def largest(self) -> int:
        return max(self.peaks.values(), default=0)


def _children() -> list[int]:
    pids: list[int] = []
    for task in Path("/proc/self/task").iterdir():
        try:
            pids += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return pids


def main(directory: Path, center_db: Path, before_copy: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from pyrage import x25519

    from disastercenter.services.sync import SyncService
    from disastercenter.store.db import open_workspace
    from disastercenter.sync.keys import DeviceKeys, b64decode

    keys = json.loads((directory / "keys.json").read_text())
    center = DeviceKeys(
        "Center", "center", Ed25519PrivateKey.from_private_bytes(b64decode(keys["center"]["signing"], 32)),
        x25519.Identity.from_str(keys["center"]["age"]),
    )
    workspace = open_workspace(center_db)
    service = SyncService(workspace)
    service.install_keys(center, keys["center_sealed"])
    for card in keys["cards"]:
        service.enroll(card.encode("utf-8"))
    workspace.close()
    shutil.copyfile(center_db, before_copy)  # the baseline replays into this

    workspace = open_workspace(center_db)
    service = SyncService(workspace, center)
    bundles = sorted((directory / "bundles").glob("*.dcb"))
    # As the Import button and `import FILE…` do: all files in one call, each bundle its own
    # transaction (the next one is read while the current one is applied).
    with ChildPeaks() as readers:
        start, cpu = time.perf_counter(), time.process_time()
        results = service.import_bundles(bundles)
        import_seconds = time.perf_counter() - start
        import_cpu = time.process_time() - cpu
    failed = [r for r in results if isinstance(r, tuple)]
    assert not failed, failed[:3]
    new_ops = sum(r.new_ops for r in results)  # type: ignore[union-attr]
    changes_before = workspace.conn.total_changes
    start = time.perf_counter()
    again = service.import_bundles(bundles)
    reimport_seconds = time.perf_counter() - start
    assert all(getattr(r, "status", None) == "already imported" for r in again), again[:3]
    reimport_changes = workspace.conn.total_changes - changes_before
    workspace.close()
    print(json.dumps({
        "import_seconds": import_seconds, "import_cpu_seconds": import_cpu,
        "reimport_seconds": reimport_seconds, "new_ops": new_ops,
        "reimport_changes": reimport_changes, "database_bytes": center_db.stat().st_size,
        "peak_rss_bytes": peak_rss_bytes(), "reader_peak_rss_bytes": readers.largest,
    }))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
