"""Result rows, percentiles, the table and progress messages shared by every benchmark."""

from __future__ import annotations

import math
import sqlite3
import sys
from dataclasses import asdict, dataclass, field
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = Path(__file__).resolve().parent / ".cache"


@dataclass
class Sizes:
    """How big each benchmark is; `--quick` picks the small set."""

    persons: int  # evacuees in the search / GUI fixture database
    shelters: int
    volunteers: int
    seed: int
    queries: int  # search queries
    query_repeats: int  # each query is timed this many times; its median counts
    register_persons: int  # persons registered through the op-log in (b)
    register_batch: int  # persons per register_households() call (one transaction)
    gui_runs: int  # fresh GUI processes per variant; the median counts


FULL = Sizes(
    persons=100_000, shelters=200, volunteers=1000, seed=42, queries=200, query_repeats=3,
    register_persons=20_000, register_batch=500, gui_runs=3,
)
QUICK = Sizes(
    persons=5_000, shelters=20, volunteers=50, seed=42, queries=100, query_repeats=1,
    register_persons=2_000, register_batch=500, gui_runs=1,
)


@dataclass
class Row:
    """One figure of the table. `passed` is None for informative rows (no target)."""

    key: str
    name: str
    value: float | None
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    ratio: float | None = None
    ratio_meaning: str = ""
    target: str = ""
    passed: bool | None = None
    note: str = ""
    details: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 200 values is the 190th smallest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return math.nan
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def say(message: str) -> None:
    """Progress on stderr, so stdout carries only the table."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def format_value(value: float | None, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit == "s" and value < 0.1:
        return f"{value * 1000:.1f} ms"
    if unit in ("ms", "s"):
        text = f"{value:.2f}" if value < 100 else f"{value:.0f}"
    elif unit in ("persons/s", "MB"):
        text = f"{value:,.0f}" if value >= 100 else f"{value:.1f}"
    else:
        text = f"{value:g}"
    return f"{text} {unit}".strip()


def render_table(rows: list[Row]) -> str:
    header = ("figure", "value", "target", "baseline (same run)", "ratio", "result")
    lines = [header]
    for row in rows:
        value = row.note if row.value is None and row.note else format_value(row.value, row.unit)
        if row.baseline is not None:
            baseline = f"{format_value(row.baseline, row.unit)} {row.baseline_name}".strip()
        else:
            baseline = row.baseline_name or "-"
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x {row.ratio_meaning}".strip() if row.ratio < 1 \
            else f"{row.ratio:.1f}x {row.ratio_meaning}".strip()
        result = "info" if row.passed is None else ("PASS" if row.passed else "FAIL")
        if row.note and row.value is not None:
            result += f" ({row.note})"
        lines.append((row.name, value, row.target or "-", baseline, ratio, result))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        cells = [
            cell.rjust(widths[i]) if i == 1 else cell.ljust(widths[i]) for i, cell in enumerate(line)
        ]
        out.append("  ".join(cells).rstrip())
        if number == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def differing_tables(a_db: Path, b_db: Path, entity_tables: tuple[str, ...],
                     keyed: tuple[str, ...] = ()) -> list[str]:
    """Tables whose contents differ between two databases: the op-log, the field state, the
    entity tables (rows in rowid order), the person search index, and `keyed` tables (ordered
    by their first column). A baseline must store exactly what the measured code stored."""
    queries = {
        "ops": 'SELECT * FROM "ops" ORDER BY 1, 2, 3',
        "field_state": 'SELECT * FROM "field_state" ORDER BY 1, 2, 3',
        **{t: f'SELECT rowid, * FROM "{t}" ORDER BY rowid' for t in entity_tables},
        "person_search": "SELECT rowid, terms FROM person_search ORDER BY rowid",
        **{t: f'SELECT * FROM "{t}" ORDER BY 1' for t in keyed},
    }
    problems = []
    a, b = sqlite3.connect(a_db), sqlite3.connect(b_db)
    try:
        for table, query in queries.items():
            if any(x != y for x, y in zip_longest(a.execute(query), b.execute(query))):
                problems.append(table)
    finally:
        a.close()
        b.close()
    return problems
