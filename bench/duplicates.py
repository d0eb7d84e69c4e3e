"""(d) Duplicate candidates for 4,000 imported persons against the 100,000-person demo database.

The demo database holds the synthetic population of `generate_population(seed, persons, …)`;
it is generated again here (same arguments, same people) to plant duplicates:
core.synthetic_duplicates.second_registrations makes the "import": about 1,000 persons
registered again as another shelter would write them, 200 look-alikes (namesakes, near
namesakes, siblings, twins) and newcomers, 4,000 persons in all. They are registered into the
copy of the demo database (not timed), then `find_duplicate_candidates(conn, their ids)` is
timed: the call the import summary makes.

Baseline: one read of the name, birth date and phone columns of every person (a plain
`SELECT` over the person table) on the same connection — the least any check that looks at
everyone would cost. Target: ≤ 5 s (the brief's "a few seconds").

The planted duplicates are the truth, so the run also reports precision per band and recall at
this scale (informative rows).
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import Row, Sizes, median, say

TARGET_SECONDS = 5.0
IMPORTED = 4000
IMPORTED_QUICK = 800


def _plan(sizes: Sizes, imported: int):  # type: ignore[no-untyped-def]
    from disastercenter.core.synthetic import generate_population
    from disastercenter.core.synthetic_duplicates import second_registrations

    population = generate_population(sizes.seed, sizes.persons, sizes.shelters, sizes.volunteers)
    first = population.households
    persons = sum(len(h.members) for h in first)
    again = imported // 4  # about a quarter of an import are people registered before
    scenario = second_registrations(
        first, sizes.seed + 11, reregistered_share=again / persons,
        hard_negatives=imported // 20, new_persons=imported - again - imported // 20,
        shelters=sizes.shelters,
    )
    return scenario


def _key(*fields: object) -> tuple[str, ...]:
    return tuple("" if f is None else str(f).strip() for f in fields)


def _ids_of(conn, people) -> list[str]:  # type: ignore[no-untyped-def]
    """The record id of each synthetic person in the demo database, found by content (ids are
    random within a millisecond and rows are written grouped by their filled fields, so
    neither order follows the population's)."""
    by_key: dict[tuple[str, ...], list[str]] = {}
    for row in conn.execute(
        "SELECT id, name_latin, name_native, name_kana, sex, birth_date, age_band, nationality, "
        "phone, messaging_id FROM person WHERE deleted = 0 ORDER BY id"
    ):
        by_key.setdefault(_key(*row[1:]), []).append(row[0])
    ids: list[str] = []
    for p in people:
        found = by_key.get(_key(p.name_latin, p.name_native, p.name_kana, p.sex, p.birth_date,
                                p.age_band, p.nationality, p.phone, p.messaging_id))
        if not found:
            raise SystemExit("bench: the demo database does not hold the expected population")
        ids.append(found.pop(0))
    return ids


def run(db: Path, sizes: Sizes) -> list[Row]:
    from disastercenter.core.synthetic_duplicates import measure
    from disastercenter.services.demo import _person_input
    from disastercenter.services.registry import Registry
    from disastercenter.store.db import open_workspace
    from disastercenter.sync.duplicates import BANDS, find_duplicate_candidates

    imported = IMPORTED if sizes.persons >= 50_000 else IMPORTED_QUICK
    say(f"duplicates: planting duplicates among {imported:,} imported persons")
    scenario = _plan(sizes, imported)
    workspace = open_workspace(db)
    try:
        conn = workspace.conn
        first_ids = _ids_of(conn, scenario.first_persons())
        registry = Registry(workspace)
        shelter_ids = [s.id for s in registry.list_shelters()]
        second_ids: list[str] = []
        batch: list = []
        for household in scenario.second:
            batch.append((shelter_ids[household.shelter_index % len(shelter_ids)],
                          [_person_input(m) for m in household.members], household.head_index, ""))
            if len(batch) >= 300:
                second_ids.extend(i for r in registry.register_households(batch) for i in r.person_ids)
                batch = []
        if batch:
            second_ids.extend(i for r in registry.register_households(batch) for i in r.person_ids)

        say(f"duplicates: checking {len(second_ids):,} persons against {len(first_ids):,}")
        find_duplicate_candidates(conn, second_ids[:50])  # warm the page cache like a running app
        timings: list[float] = []
        scans: list[float] = []
        candidates = []
        for _ in range(3):
            start = time.perf_counter()
            conn.execute(
                "SELECT id, name_latin, name_native, name_kana, birth_date, phone FROM person"
            ).fetchall()
            scans.append(time.perf_counter() - start)
            start = time.perf_counter()
            candidates = find_duplicate_candidates(conn, second_ids)
            timings.append(time.perf_counter() - start)
    finally:
        workspace.close()

    seconds, scan = median(timings), median(scans)
    truth = {(first_ids[i], second_ids[j]) for i, j in scenario.truth}
    measured = measure([(c.person_id, c.other_id, c.band) for c in candidates], truth, BANDS)
    label = f"{sizes.persons // 1000}k" if sizes.persons >= 1000 else str(sizes.persons)
    rows = [
        Row(
            "duplicates.check",
            f"duplicate candidates ({len(second_ids):,} imported vs {label} persons, median of 3)",
            seconds, "s", baseline=scan, baseline_name="one read of every person",
            ratio=seconds / scan if scan else None, ratio_meaning="time",
            target=f"<= {TARGET_SECONDS:g} s", passed=seconds <= TARGET_SECONDS,
            details={"imported": len(second_ids), "candidates": len(candidates),
                     "timings": timings, "scans": scans},
        ),
    ]
    for band in BANDS:
        rows.append(Row(
            f"duplicates.{band}",
            f"  {band}: precision / recall at or above",
            None, "", note=(
                f"{measured.proposed[band]} pairs, precision {measured.precision(band):.3f}, "
                f"recall {measured.recall(band):.3f}"
            ),
            details={"proposed": measured.proposed[band], "correct": measured.correct[band],
                     "true_pairs": measured.true_pairs},
        ))
    return rows
