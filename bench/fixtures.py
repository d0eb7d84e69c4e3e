"""The demo database the search and GUI benchmarks read, built once and cached.

It is built the way a user would: `python -m disastercenter --db PATH demo --evacuees N ...` in a
fresh process, inside a temporary directory under bench/.cache/, and renamed into place when
complete, so an interrupted build never leaves a half-filled fixture behind. The cache key is
the size, the seed, and a fingerprint of the sources that decide what the file contains (the
synthetic population, name folding, the search terms, schema and migrations): change one and
the next run rebuilds. `--rebuild` forces it.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import CACHE_DIR, ROOT, Sizes, say

#: Sources whose changes make a cached fixture stale.
_CONTENT_SOURCES = (
    "disastercenter/core/synthetic.py",
    "disastercenter/core/names.py",
    "disastercenter/core/name_match.py",
    "disastercenter/core/ids.py",
    "disastercenter/store/search.py",
    "disastercenter/store/person_keys.py",
    "disastercenter/store/schema.py",
    "disastercenter/store/migrations.py",
    "disastercenter/services/demo.py",
)


@dataclass
class Fixture:
    path: Path
    build_seconds: float  # wall time of the demo command when this file was built
    cached: bool  # True when reused from an earlier run
    persons: int


def fingerprint() -> str:
    digest = hashlib.sha256()
    for name in _CONTENT_SOURCES:
        path = ROOT / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:10]


def demo_fixture(sizes: Sizes, rebuild: bool = False) -> Fixture:
    """The cached demo database for `sizes`, building it if needed."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    stem = f"demo-p{sizes.persons}-s{sizes.shelters}-v{sizes.volunteers}-seed{sizes.seed}"
    name = f"{stem}-{fingerprint()}"
    path = CACHE_DIR / f"{name}.sqlite3"
    meta_path = CACHE_DIR / f"{name}.json"
    if not rebuild and path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        return Fixture(path, float(meta["build_seconds"]), True, sizes.persons)

    # Older fixtures of the same size and seed are stale now; they are large, so drop them.
    for old in CACHE_DIR.glob(f"{stem}-*"):
        if old.is_file():
            old.unlink()
    expected = {"persons": sizes.persons}
    say(
        f"building the {sizes.persons:,}-person demo database "
        f"(once; cached in {CACHE_DIR.relative_to(ROOT)}/"
        + (", about 3 minutes)" if sizes.persons >= 100_000 else ")")
    )
    with tempfile.TemporaryDirectory(dir=CACHE_DIR, prefix=".build-") as tmp:
        tmp_path = Path(tmp)
        db = tmp_path / "demo.sqlite3"
        env = dict(os.environ, DISASTERCENTER_HOME=str(tmp_path / "home"))
        command = [
            sys.executable, "-m", "disastercenter", "--db", str(db), "demo",
            "--evacuees", str(sizes.persons), "--shelters", str(sizes.shelters),
            "--volunteers", str(sizes.volunteers), "--seed", str(sizes.seed),
        ]
        start = time.perf_counter()
        done = subprocess.run(command, check=False, cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(
                f"bench: building the demo database failed ({' '.join(command)}):\n{done.stderr}"
            )
        _check(db, expected)
        os.replace(db, path)
        meta_path.write_text(json.dumps({
            "build_seconds": seconds, "command": command[1:], "sizes": vars(sizes),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }, indent=2))
    return Fixture(path, seconds, False, sizes.persons)


def _check(db: Path, expected: dict[str, int]) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        persons = conn.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0]
        indexed = conn.execute("SELECT count(*) FROM person_search").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    if persons != expected["persons"] or indexed != persons:
        raise SystemExit(
            f"bench: the demo database has {persons} persons and {indexed} index rows, "
            f"expected {expected['persons']}"
        )


