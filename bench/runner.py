"""`python -m bench`: run the benchmarks and print one table (see docs/benchmarks.md)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import FULL, QUICK, ROOT, Row, render_table, say

SUITES = ("search", "register", "gui", "matching", "printing", "duplicates", "sync")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="disastercenter benchmarks: one table of measured figures vs targets.",
    )
    parser.add_argument("--quick", action="store_true",
                        help="small sizes for a smoke run (under a minute); targets are for full sizes")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the results as JSON")
    parser.add_argument("--only", metavar="NAMES", default=",".join(SUITES),
                        help=f"comma-separated subset of {','.join(SUITES)} (default: all)")
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild the cached demo database and sync bundles even if up to date")
    parser.add_argument("--profile", metavar="DIR", type=Path,
                        help="write cProfile stats of the registration run to DIR/register.prof")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    return parser


def _meta(quick: bool) -> dict[str, object]:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], check=False, cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = bool(subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], check=False, cwd=ROOT,
            capture_output=True, text=True,
        ).stdout.strip())
    except OSError:
        commit, dirty = "", False
    return {
        "mode": "quick" if quick else "full",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "commit": commit + ("+dirty" if dirty else ""),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = QUICK if args.quick else FULL
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = only - set(SUITES)
    if unknown:
        _parser().error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    meta = _meta(args.quick)
    rows: list[Row] = []

    fixture = None
    work = tempfile.TemporaryDirectory(prefix="dc-bench-")
    work_db = Path(work.name) / "demo.sqlite3"
    if only & {"search", "gui", "duplicates"}:
        from bench.fixtures import demo_fixture

        fixture = demo_fixture(sizes, rebuild=args.rebuild)
        # Benchmarks open a private copy: opening a workspace may write to it (pending
        # migrations of a package being edited, WAL files), and the cache must stay pristine.
        shutil.copyfile(fixture.path, work_db)
        label = f"{sizes.persons // 1000}k" if sizes.persons >= 1000 else str(sizes.persons)
        rows.append(Row(
            "demo.build", f"demo database build ({label} persons, CLI)", fixture.build_seconds, "s",
            baseline_name="(cached: built by an earlier run)" if fixture.cached else "",
            details={"path": str(fixture.path), "cached": fixture.cached,
                     "size_bytes": fixture.path.stat().st_size},
        ))
    if "search" in only:
        from bench import search

        assert fixture is not None
        rows.extend(search.run(work_db, sizes))
    if "register" in only:
        from bench import register

        profile = None
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            profile = args.profile / "register.prof"
        rows.extend(register.run(sizes, profile))
    if "gui" in only:
        from bench import gui

        assert fixture is not None
        rows.extend(gui.run(work_db, sizes))
    if "matching" in only:
        from bench import matching

        rows.extend(matching.run(sizes))
    if "printing" in only:
        from bench import printing

        rows.extend(printing.run(sizes))
    if "sync" in only:
        from bench import sync

        rows.extend(sync.run(sizes, rebuild=args.rebuild))
    if "register" in only and fixture is not None:
        # Last, because it writes to the copy the search and GUI benchmarks read.
        from bench import register

        extra = register.run_into_existing(work_db, sizes, 500 if args.quick else 2000)
        at = next((i + 1 for i, r in enumerate(rows) if r.key == "register.rate"), len(rows))
        rows[at:at] = extra
    if "duplicates" in only:
        # Last too: it registers an import of 4,000 persons into the copy.
        from bench import duplicates

        assert fixture is not None
        rows.extend(duplicates.run(work_db, sizes))

    work.cleanup()
    meta["seconds"] = round(time.perf_counter() - started, 1)
    say(f"done in {meta['seconds']:.0f} s")
    title = (
        f"disastercenter benchmarks ({meta['mode']}{': reduced sizes, targets are for full runs' if args.quick else ''})"
        f" - {meta['commit'] or 'no git'}, Python {meta['python']}, SQLite {meta['sqlite']}, "
        f"{meta['cpus']} CPUs, {meta['seconds']:.0f} s"
    )
    print(title)
    print(render_table(rows))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(
            {"meta": meta, "sizes": vars(sizes), "rows": [r.as_json() for r in rows]},
            indent=2, ensure_ascii=False, default=str,
        ))
        say(f"results written to {args.json}")
    failed = [r for r in rows if r.passed is False]
    return 1 if (args.strict and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
