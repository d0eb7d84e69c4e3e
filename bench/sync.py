"""(d) Sync: a center importing 200 shelter bundles of 4,000 ops each (800,000 ops).

The bundles are made once and cached under bench/.cache/ (`--rebuild` remakes them): 200 shelter
laptops each register synthetic households through the registry (and record some status
changes) until they have 4,000 ops; each laptop's first 4,000 ops become one bundle, written
by the real bundle code (zip, signed with that shelter's key, encrypted to the center).

The import runs in a fresh process (`python -m bench.sync_probe`), so its peak memory is its
own: a new center workspace that has enrolled the 200 shelters imports all bundles with one
`SyncService.import_bundles` call (one transaction per bundle; what the Import button and
`import FILE…` do), then imports all 200 again (each must be recognised and change nothing),
then reports its peak RSS (VmHWM) and that of the process that read the bundles ahead for it
(sync.reader); the figure is their sum.

The baseline is the raw cost of storing what the import stored. Every row the import wrote is
read back and grouped by bundle: ops, field state, the entity rows, the person search index
rows, the bundle history and device rows, the saved clock. Into a copy of the center database
as it was before the first bundle (same schema, indexes and pragmas), they are written again
with plain `executemany` (`INSERT` for ops and history, last-writer-wins upserts for field state
and the saved clock, upserts for entity rows), one transaction per bundle. The two databases
are then compared table by table. Target: import <= 15 s and >= 40% of the raw rate; re-import
of all 200 <= 3 s with nothing changed; peak RSS <= 300 MB.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench.common import CACHE_DIR, ROOT, Row, Sizes, differing_tables, say

TARGET_SECONDS = 15.0
TARGET_RATIO = 0.40
TARGET_REIMPORT_SECONDS = 3.0
TARGET_RSS_MB = 300.0
ENTITY_TABLES = ("shelter", "household", "person", "person_language", "person_need", "status_event")

_SOURCES = (
    "bench/sync.py",
    "disastercenter/sync/bundle.py",
    "disastercenter/sync/keys.py",
    "disastercenter/store/schema.py",
    "disastercenter/core/synthetic.py",
    "disastercenter/services/registry.py",
)


@dataclass
class BundleSet:
    directory: Path
    bundles: list[Path]
    build_seconds: float
    cached: bool


def counts(sizes: Sizes) -> tuple[int, int]:
    """(bundles, ops per bundle) for these sizes."""
    return (200, 4000) if sizes.persons >= 100_000 else (20, 4000)


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in _SOURCES:
        digest.update(name.encode())
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:10]


def bundle_set(sizes: Sizes, rebuild: bool = False) -> BundleSet:
    bundles, ops = counts(sizes)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    stem = f"sync-b{bundles}-o{ops}"
    directory = CACHE_DIR / f"{stem}-{_fingerprint()}"
    meta_path = directory / "meta.json"
    if not rebuild and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        return BundleSet(directory, sorted((directory / "bundles").glob("*.dcb")), meta["build_seconds"], True)
    for old in CACHE_DIR.glob(f"{stem}-*"):
        shutil.rmtree(old, ignore_errors=True)
    say(f"sync: making {bundles} shelter bundles of {ops:,} ops (once; cached in bench/.cache/)")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=CACHE_DIR, prefix=".build-sync-") as tmp:
        build = Path(tmp) / "set"
        _make_bundles(build, bundles, ops, sizes.seed)
        seconds = time.perf_counter() - started
        (build / "meta.json").write_text(json.dumps({"build_seconds": seconds, "bundles": bundles, "ops": ops}))
        build.rename(directory)
    return BundleSet(directory, sorted((directory / "bundles").glob("*.dcb")), seconds, False)


def _make_bundles(directory: Path, bundles: int, ops_per_bundle: int, seed: int) -> None:
    import uuid

    from disastercenter.core.people import ShelterInput
    from disastercenter.core.synthetic import generate_population
    from disastercenter.services.demo import _person_input
    from disastercenter.services.registry import Registry
    from disastercenter.store.db import open_workspace
    from disastercenter.sync import bundle as fmt
    from disastercenter.sync import transport
    from disastercenter.sync.keys import DeviceKeys, b64encode

    (directory / "bundles").mkdir(parents=True)
    center = DeviceKeys.generate("Center", "center")
    keys_file: dict[str, object] = {
        "center": _secret(center, b64encode), "center_sealed": center.seal("bench center passphrase"),
        "cards": [],
    }
    source = open_workspace(directory / "source.sqlite3")
    registry = Registry(source)
    oplog = source.oplog
    for number in range(bundles):
        keys = DeviceKeys.generate(f"Shelter {number + 1:03d}", "shelter")
        keys_file["cards"].append(keys.card().decode("utf-8"))  # type: ignore[union-attr]
        device = uuid.uuid4().hex
        oplog.device_id = source.device_id = device
        population = generate_population(seed * 1000 + number, 400, 1, 0)
        shelter = population.shelters[0]
        shelter_id = registry.add_shelter(ShelterInput(shelter.name_ja, shelter.name_en, shelter.address,
                                                       shelter.capacity, shelter.is_open))
        moved: list[str] = []
        households = iter(population.households)
        for household in households:
            result = registry.register_household(
                shelter_id, [_person_input(p) for p in household.members], household.head_index
            )
            moved.extend(result.person_ids[:1])
            if oplog.counter >= ops_per_bundle // 2:
                break
        registry.set_status(moved[:15], "left", "went to relatives")  # edits, not only new records
        for household in households:
            registry.register_household(
                shelter_id, [_person_input(p) for p in household.members], household.head_index
            )
            if oplog.counter >= ops_per_bundle:
                break
        rows = source.conn.execute(
            "SELECT device, counter, hlc, base_hlc, entity, record_id, field, value FROM ops "
            "WHERE device = ? ORDER BY counter LIMIT ?", (device, ops_per_bundle),
        ).fetchall()
        assert len(rows) == ops_per_bundle, (number, len(rows))
        bundle_id = fmt.new_bundle_id()
        sender = fmt.Sender(device, keys.label, "shelter", keys.public.signing_key, keys.public.age_recipient)
        with tempfile.SpooledTemporaryFile() as plain:
            fmt.write_plaintext(
                plain, rows, bundle_id=bundle_id, sender=sender,
                recipients=[(center.label, center.public.key_id)], auth="key", since={},
                version_vector={device: ops_per_bundle}, keys=keys,
            )
            name = transport.bundle_file_name(keys.label, device, bundle_id)
            transport.write_atomically(
                directory / "bundles" / name,
                lambda out, plain=plain: fmt.encrypt(plain, out, recipients=[center.public.recipient()]),
            )
    source.close()
    for leftover in directory.glob("source.sqlite3*"):
        leftover.unlink()
    (directory / "keys.json").write_text(json.dumps(keys_file))


def _secret(keys, b64encode) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    raw = keys.signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return {"label": keys.label, "signing": b64encode(raw), "age": str(keys.identity)}


def run(sizes: Sizes, rebuild: bool = False) -> list[Row]:
    bundles = bundle_set(sizes, rebuild)
    total_ops = sum(json.loads((bundles.directory / "meta.json").read_text())[k] for k in ("ops",)) * len(
        bundles.bundles)
    with tempfile.TemporaryDirectory(prefix="dc-bench-sync-") as tmp:
        tmp_path = Path(tmp)
        center_db = tmp_path / "center.sqlite3"
        before_db = tmp_path / "before.sqlite3"
        say(f"sync: a center importing {len(bundles.bundles)} bundles ({total_ops:,} ops), in a fresh process")
        result = subprocess.run(
            [sys.executable, "-m", "bench.sync_probe", str(bundles.directory), str(center_db), str(before_db)],
            cwd=ROOT, capture_output=True, text=True, check=False,
            env={**os.environ, "DISASTERCENTER_HOME": str(tmp_path / "home")},
        )
        if result.returncode != 0:
            raise RuntimeError(f"sync probe failed:\n{result.stderr}")
        probe = json.loads(result.stdout.strip().splitlines()[-1])
        say("sync: writing the same rows again with plain executemany (the baseline)")
        captured = _capture(center_db)
        raw_cpu = time.process_time()
        raw_times = _replay(before_db, captured)
        raw_cpu = time.process_time() - raw_cpu
        mismatches = differing_tables(center_db, before_db, ENTITY_TABLES)
    seconds = probe["import_seconds"]
    raw_seconds = sum(raw_times)
    rate, raw_rate = total_ops / seconds, total_ops / raw_seconds
    ratio = rate / raw_rate
    reimport = probe["reimport_seconds"]
    # The importing process and the process reading bundles ahead of it, each at its peak.
    rss = (probe["peak_rss_bytes"] + probe["reader_peak_rss_bytes"]) / 1e6
    note = "" if not mismatches else "ROWS DIFFER: " + ", ".join(mismatches)
    label = f"{len(bundles.bundles)} bundles x {total_ops // len(bundles.bundles):,} ops"
    details = {
        "bundles": len(bundles.bundles), "ops": total_ops, "import_seconds": seconds, "raw_seconds": raw_seconds,
        "reimport_seconds": reimport, "import_cpu_seconds": probe["import_cpu_seconds"],
        "raw_cpu_seconds": raw_cpu,
        "peak_rss_bytes": probe["peak_rss_bytes"], "reader_peak_rss_bytes": probe["reader_peak_rss_bytes"],
        "database_bytes": probe["database_bytes"],
        "new_ops": probe["new_ops"], "reimport_changes": probe["reimport_changes"],
        "bundle_build_seconds": bundles.build_seconds, "bundles_cached": bundles.cached,
        "mismatches": mismatches,
    }
    return [
        Row(
            "sync.import", f"sync import at the center ({label})", seconds, "s",
            baseline=raw_seconds, baseline_name="raw executemany of the same rows",
            ratio=ratio, ratio_meaning="of raw rate",
            target=f"<= {TARGET_SECONDS:.0f} s, >= {TARGET_RATIO:.0%} of raw",
            passed=seconds <= TARGET_SECONDS and ratio >= TARGET_RATIO and probe["new_ops"] == total_ops
            and not mismatches,
            note=note or f"{rate:,.0f} ops/s", details=details,
        ),
        Row(
            "sync.import_cpu", "  of which CPU time of the importing process", probe["import_cpu_seconds"], "s",
            baseline=raw_cpu, baseline_name="raw executemany (CPU)",
            ratio=probe["import_cpu_seconds"] / raw_cpu, ratio_meaning="time",
        ),
        Row(
            "sync.reimport", f"  re-import of all {len(bundles.bundles)} (nothing changes)", reimport, "s",
            target=f"<= {TARGET_REIMPORT_SECONDS:.0f} s, no change",
            passed=reimport <= TARGET_REIMPORT_SECONDS and probe["reimport_changes"] == 0,
            note="" if probe["reimport_changes"] == 0 else f"{probe['reimport_changes']} ROWS CHANGED",
        ),
        Row(
            "sync.rss", "  peak RSS of the importing process + its bundle reader", rss, "MB",
            target=f"<= {TARGET_RSS_MB:.0f} MB", passed=rss <= TARGET_RSS_MB,
            note=f"{probe['peak_rss_bytes'] / 1e6:.0f} + {probe['reader_peak_rss_bytes'] / 1e6:.0f} MB",
        ),
    ]


# -- the baseline ---------------------------------------------------------------------------


def _capture(db: Path) -> list[dict]:
    """Every row the import wrote, grouped by the bundle (= shelter device) that brought it."""
    conn = sqlite3.connect(db)
    try:
        devices = [row[0] for row in conn.execute("SELECT sender_device FROM sync_bundle ORDER BY seq")]
        index = {device: number for number, device in enumerate(devices)}
        batches: list[dict] = [
            {"ops": [], "field_state": [], "tables": defaultdict(list), "search": [], "history": [],
             "device": [], "hlc": 0} for _ in devices
        ]
        record_batch: dict[tuple[str, str], int] = {}
        for op in conn.execute("SELECT * FROM ops ORDER BY device, counter"):
            number = index[op[0]]
            batches[number]["ops"].append(op)
            record_batch.setdefault((op[4], op[5]), number)
            batches[number]["hlc"] = max(batches[number]["hlc"], op[2])
        for row in conn.execute("SELECT * FROM field_state"):
            batches[index[row[4]]]["field_state"].append(row)
        columns: dict[str, list[str]] = {}
        for table in ENTITY_TABLES:
            columns[table] = ["rowid"] + [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            for row in conn.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid'):
                batches[record_batch[(table, row[1])]]["tables"][table].append(row)
        person_batch = {
            rowid: record_batch[("person", pid)] for rowid, pid in conn.execute("SELECT rowid, id FROM person")
        }
        for rowid, terms in conn.execute("SELECT rowid, terms FROM person_search ORDER BY rowid"):
            batches[person_batch[rowid]]["search"].append((rowid, terms))
        for row in conn.execute("SELECT * FROM sync_bundle ORDER BY seq"):
            batches[index[row[5]]]["history"].append(row)
        for row in conn.execute("SELECT * FROM sync_device"):
            batches[index[row[0]]]["device"].append(row)
        for batch in batches:
            batch["columns"] = columns
        return batches
    finally:
        conn.close()


def _replay(db: Path, batches: list[dict]) -> list[float]:
    from disastercenter.store.db import connect

    conn = connect(db)  # the app's pragmas: WAL, synchronous=FULL, foreign keys, timeout
    statements = {}
    for table, names in batches[0]["columns"].items():
        quoted = ", ".join(f'"{n}"' for n in names)
        marks = ", ".join("?" * len(names))
        updates = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n not in ("rowid", "id"))
        statements[table] = f'INSERT INTO "{table}" ({quoted}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {updates}'
    times = []
    try:
        for batch in batches:
            start = time.perf_counter()
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO ops VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch["ops"])
            conn.executemany(
                "INSERT INTO field_state VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity, record_id, field) "
                "DO UPDATE SET hlc = excluded.hlc, device = excluded.device, value = excluded.value "
                "WHERE (excluded.hlc, excluded.device) > (field_state.hlc, field_state.device)",
                batch["field_state"],
            )
            for table in ENTITY_TABLES:
                rows = batch["tables"].get(table)
                if rows:
                    conn.executemany(statements[table], rows)
            conn.executemany("INSERT INTO person_search (rowid, terms) VALUES (?, ?)", batch["search"])
            conn.executemany(f"INSERT INTO sync_bundle VALUES ({', '.join('?' * 17)})", batch["history"])
            conn.executemany("INSERT INTO sync_device VALUES (?, ?, ?, ?, ?)", batch["device"])
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('hlc', ?) ON CONFLICT (key) DO UPDATE SET "
                "value = excluded.value WHERE CAST(excluded.value AS INTEGER) > CAST(meta.value AS INTEGER)",
                (str(batch["hlc"]),),
            )
            conn.execute("COMMIT")
            times.append(time.perf_counter() - start)
    finally:
        conn.close()
    return times
