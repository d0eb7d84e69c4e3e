"""(b) Registrations per second through the op-log vs writing the same rows with executemany.

The repository side times `Registry.register_households(batch)` for batches of about 500
persons (one transaction each), with inputs built beforehand (generating and converting the
synthetic people is not timed).

The baseline is the raw cost of storing exactly what the repository stored. After the
repository run, every row it wrote is read back, batch by batch: the `ops` rows (by counter
range), their `field_state` rows, the entity rows (household, person, person_language,
person_need, status_event), the person search index rows and the saved clock. They are
re-inserted with plain `executemany` into a copy of the database as it was before the first
batch (same schema, indexes, triggers and pragmas: WAL, synchronous=FULL, foreign keys), one
transaction per batch, same batch boundaries. Both databases are compared row for row after.
So `repository time / raw time` is what the op-log machinery costs on top of the unavoidable
SQLite work: validation, building fields, JSON encoding, HLC ticks, upserts instead of inserts,
re-reading persons to index them, the per-batch bookkeeping queries.
"""

from __future__ import annotations

import bisect
import shutil
import sqlite3
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.common import Row, Sizes, differing_tables, say

TARGET_RATE = 2000.0
TARGET_OVERHEAD = 5.0
ENTITY_TABLES = ("household", "person", "person_language", "person_need", "status_event")


def build_batches(sizes: Sizes) -> tuple[list, list]:
    """Shelters and batches of households (as register_households takes them)."""
    from disastercenter.core.people import ShelterInput
    from disastercenter.core.synthetic import generate_population
    from disastercenter.services.demo import _person_input

    shelters = max(1, sizes.register_persons // 1000)
    population = generate_population(sizes.seed + 1, sizes.register_persons, shelters, 0)
    shelter_inputs = [
        ShelterInput(s.name_ja, s.name_en, s.address, s.capacity, s.is_open)
        for s in population.shelters
    ]
    batches: list[list[tuple[int, list, int, str]]] = []
    batch: list[tuple[int, list, int, str]] = []
    in_batch = 0
    for household in population.households:
        members = [_person_input(p) for p in household.members]
        batch.append((household.shelter_index, members, household.head_index, ""))
        in_batch += len(members)
        if in_batch >= sizes.register_batch:
            batches.append(batch)
            batch, in_batch = [], 0
    if batch:
        batches.append(batch)
    return shelter_inputs, batches


def run(sizes: Sizes, profile_path: Path | None = None) -> list[Row]:
    from disastercenter.services.registry import Registry
    from disastercenter.store.db import open_workspace

    say(f"registrations: generating {sizes.register_persons:,} persons")
    shelter_inputs, batches = build_batches(sizes)
    persons = sum(len(m) for batch in batches for _s, m, _h, _n in batch)

    with tempfile.TemporaryDirectory(prefix="dc-bench-register-") as tmp:
        tmp_path = Path(tmp)
        repo_db = tmp_path / "repository.sqlite3"
        raw_db = tmp_path / "raw.sqlite3"

        workspace = open_workspace(repo_db)
        registry = Registry(workspace)
        shelter_ids = [registry.add_shelter(s) for s in shelter_inputs]
        workspace.close()  # checkpoints the WAL: the file is the whole "before" state
        shutil.copyfile(repo_db, raw_db)

        say(f"registrations: {persons:,} persons in {len(batches)} batches through the op-log")
        workspace = open_workspace(repo_db)
        registry = Registry(workspace)
        conn = workspace.conn
        counters = [conn.execute("SELECT coalesce(max(counter), 0) FROM ops").fetchone()[0]]
        repo_times: list[float] = []
        profiler = None
        if profile_path is not None:
            import cProfile

            profiler = cProfile.Profile()
        for batch in batches:
            households = [(shelter_ids[s], members, head, notes) for s, members, head, notes in batch]
            if profiler is not None:
                profiler.enable()
            start = time.perf_counter()
            registry.register_households(households)
            repo_times.append(time.perf_counter() - start)
            if profiler is not None:
                profiler.disable()
            counters.append(conn.execute("SELECT max(counter) FROM ops").fetchone()[0])
        if profiler is not None:
            profiler.dump_stats(str(profile_path))
        captured = _capture(conn, counters)
        workspace.close()

        say("registrations: replaying the same rows with executemany")
        raw_times = _replay(raw_db, captured)
        mismatches = differing_tables(repo_db, raw_db, ENTITY_TABLES, keyed=("meta",))

    repo_seconds = sum(repo_times)
    raw_seconds = sum(raw_times)
    rate = persons / repo_seconds
    raw_rate = persons / raw_seconds
    overhead = repo_seconds / raw_seconds
    rows_written = {
        "ops": sum(len(b["ops"]) for b in captured),
        "field_state": sum(len(b["field_state"]) for b in captured),
        **{t: sum(len(b["tables"].get(t, ())) for b in captured) for t in ENTITY_TABLES},
        "person_search": sum(len(b["search"]) for b in captured),
    }
    details = {
        "persons": persons,
        "batches": len(batches),
        "repository_seconds": repo_seconds,
        "raw_seconds": raw_seconds,
        "rows_written": rows_written,
        "batch_seconds": [round(t, 4) for t in repo_times],
        "raw_batch_seconds": [round(t, 4) for t in raw_times],
        "mismatches": mismatches,
    }
    note = "" if not mismatches else "ROWS DIFFER: " + "; ".join(mismatches)
    return [
        Row(
            "register.rate",
            f"registrations ({persons // 1000 if persons >= 1000 else persons}"
            f"{'k' if persons >= 1000 else ''} persons, batches of ~{sizes.register_batch})",
            rate, "persons/s",
            baseline=raw_rate, baseline_name="raw executemany", ratio=overhead,
            ratio_meaning="time", target=f">= {TARGET_RATE:,.0f}/s, <= {TARGET_OVERHEAD:g}x",
            passed=rate >= TARGET_RATE and overhead <= TARGET_OVERHEAD and not mismatches,
            note=note, details=details,
        ),
    ]


def _capture(conn: sqlite3.Connection, counters: list[int]) -> list[dict]:
    """Every row the repository wrote, grouped by the batch that wrote it."""
    lo, hi = counters[0], counters[-1]
    ops = conn.execute(
        "SELECT * FROM ops WHERE counter > ? AND counter <= ? ORDER BY counter", (lo, hi)
    ).fetchall()
    batches: list[dict] = [
        {"ops": [], "field_state": [], "tables": defaultdict(list), "search": [], "hlc": 0}
        for _ in counters[1:]
    ]
    bounds = counters[1:]
    batch_of_record: dict[tuple[str, str], int] = {}
    batch_of_hlc: dict[int, int] = {}
    for op in ops:
        number = bisect.bisect_left(bounds, op[1])
        batches[number]["ops"].append(op)
        batch_of_record.setdefault((op[4], op[5]), number)
        batch_of_hlc[op[2]] = number
        batches[number]["hlc"] = max(batches[number]["hlc"], op[2])
    for row in conn.execute("SELECT * FROM field_state ORDER BY hlc"):
        number = batch_of_hlc.get(row[3])
        if number is not None:
            batches[number]["field_state"].append(row)
    columns: dict[str, list[str]] = {}
    for table in ENTITY_TABLES:
        columns[table] = ["rowid"] + [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        for row in conn.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid'):
            number = batch_of_record.get((table, row[1]))
            if number is not None:
                batches[number]["tables"][table].append(row)
    person_batch = {}
    for rowid, pid in conn.execute("SELECT rowid, id FROM person"):
        number = batch_of_record.get(("person", pid))
        if number is not None:
            person_batch[rowid] = number
    for rowid, terms in conn.execute("SELECT rowid, terms FROM person_search ORDER BY rowid"):
        number = person_batch.get(rowid)
        if number is not None:
            batches[number]["search"].append((rowid, terms))
    for batch in batches:
        batch["columns"] = columns
    return batches


def _replay(raw_db: Path, batches: list[dict]) -> list[float]:
    from disastercenter.store.db import connect

    conn = connect(raw_db)  # the app's pragmas: WAL, synchronous=FULL, foreign keys, timeout
    times: list[float] = []
    try:
        statements = {}
        for table, names in batches[0]["columns"].items():
            quoted = ", ".join(f'"{n}"' for n in names)
            marks = ", ".join("?" * len(names))
            statements[table] = f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})'
        for batch in batches:
            start = time.perf_counter()
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO ops VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch["ops"])
            conn.executemany("INSERT INTO field_state VALUES (?, ?, ?, ?, ?, ?)", batch["field_state"])
            for table in ENTITY_TABLES:
                rows = batch["tables"].get(table)
                if rows:
                    conn.executemany(statements[table], rows)
            conn.executemany("INSERT INTO person_search (rowid, terms) VALUES (?, ?)", batch["search"])
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('hlc', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(batch["hlc"]),),
            )
            conn.execute("COMMIT")
            times.append(time.perf_counter() - start)
    finally:
        conn.close()
    return times


def run_into_existing(db: Path, sizes: Sizes, persons: int) -> list[Row]:
    """Registrations into the (copied) demo database: what a full shelter laptop sees."""
    from dataclasses import replace

    from disastercenter.services.registry import Registry
    from disastercenter.store.db import open_workspace

    _shelters, batches = build_batches(
        replace(sizes, register_persons=persons, seed=sizes.seed + 7)
    )
    count = sum(len(m) for batch in batches for _s, m, _h, _n in batch)
    say(f"registrations: {count:,} more persons into the {sizes.persons:,}-person database")
    workspace = open_workspace(db)
    try:
        registry = Registry(workspace)
        shelter_ids = [s.id for s in registry.list_shelters()]
        seconds = 0.0
        for batch in batches:
            households = [
                (shelter_ids[s % len(shelter_ids)], members, head, notes)
                for s, members, head, notes in batch
            ]
            start = time.perf_counter()
            registry.register_households(households)
            seconds += time.perf_counter() - start
    finally:
        workspace.close()
    label = f"{sizes.persons // 1000}k" if sizes.persons >= 1000 else str(sizes.persons)
    return [
        Row(
            "register.rate_full_db",
            f"  same, {count:,} more into the {label}-person database", count / seconds,
            "persons/s", details={"persons": count, "seconds": seconds},
        )
    ]
