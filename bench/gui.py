"""(c) GUI cold start and (d) peak memory, each in a fresh process, vs an empty QMainWindow.

Each run is a new interpreter (`bench/gui_probe.py`) with QT_QPA_PLATFORM=offscreen and a new
empty DISASTERCENTER_HOME. Cold start is measured from just before the process is spawned to
the main window shown and one `processEvents()` pass done, so interpreter start-up, imports,
opening the workspace and building every page count. Then the probe opens the Evacuees page,
fetches five more pages, searches "ngu", and reads its peak RSS (ru_maxrss).

One untimed run of each variant goes first, so compiled bytecode and the fontconfig cache
exist; "cold" means a new process, not an empty OS page cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, Row, Sizes, median, say

PROBE = Path(__file__).resolve().parent / "gui_probe.py"
TARGET_START_S = 1.5
TARGET_RSS_MB = 300.0


def _now_ns() -> int:
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def probe(mode: str, db: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="dc-bench-gui-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DISASTERCENTER_HOME=home)
        env.pop("PYTHONPROFILEIMPORTTIME", None)
        # -P: keep bench/ off sys.path, so its modules cannot shadow anything the app imports
        command = [sys.executable, "-P", str(PROBE), mode] + ([str(db)] if db else [])
        env["BENCH_SPAWN"] = str(_now_ns())
        done = subprocess.run(command, check=False, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench: GUI probe failed ({' '.join(command)}):\n{done.stderr}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"bench: GUI probe printed no result:\n{done.stdout}\n{done.stderr}")
    return json.loads(lines[-1])


def run(fixture_path: Path, sizes: Sizes) -> list[Row]:
    say(f"gui: warm-up, then {sizes.gui_runs} fresh process(es) per variant")
    probe("empty", None)
    probe("app", fixture_path)
    apps: list[dict] = []
    empties: list[dict] = []
    for _ in range(sizes.gui_runs):  # alternate, so drift affects both alike
        empties.append(probe("empty", None))
        apps.append(probe("app", fixture_path))

    def med(runs: list[dict], key: str) -> float:
        return median([float(r[key]) for r in runs])

    start, start_base = med(apps, "startup_s"), med(empties, "startup_s")
    imports, imports_base = med(apps, "import_s"), med(empties, "import_s")
    window, window_base = med(apps, "window_s"), med(empties, "window_s")
    rss = med(apps, "peak_rss_kib") * 1024 / 1e6
    rss_base = med(empties, "peak_rss_kib") * 1024 / 1e6
    rss_shown = med(apps, "rss_shown_kib") * 1024 / 1e6
    label = f"{sizes.persons // 1000}k" if sizes.persons >= 1000 else str(sizes.persons)
    details = {"app_runs": apps, "empty_runs": empties}
    return [
        Row(
            "gui.cold_start", f"GUI cold start ({label} persons, median of {len(apps)})",
            start, "s", baseline=start_base, baseline_name="empty QMainWindow",
            ratio=start / start_base, ratio_meaning="time",
            target=f"<= {TARGET_START_S:g} s", passed=start <= TARGET_START_S, details=details,
        ),
        Row(
            "gui.imports", "  of which: imports (script top to imported)", imports, "s",
            baseline=imports_base, baseline_name="PySide6.QtWidgets only",
            ratio=imports / imports_base, ratio_meaning="time",
        ),
        Row(
            "gui.window", "  of which: open workspace, build, show, 1st events", window, "s",
            baseline=window_base, baseline_name="empty QMainWindow",
            ratio=window / window_base, ratio_meaning="time",
        ),
        Row(
            "gui.peak_rss", f"GUI peak RSS ({label} persons, list+search)", rss, "MB",
            baseline=rss_base, baseline_name="empty QMainWindow", ratio=rss / rss_base,
            ratio_meaning="memory", target=f"<= {TARGET_RSS_MB:g} MB", passed=rss <= TARGET_RSS_MB,
            details={"peak_rss_after_show_mb": rss_shown},
        ),
    ]
