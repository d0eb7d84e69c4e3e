"""(d) Duplicate candidates for 4,000 imported persons against the 100,000-person demo database.

The demo database holds the synthetic population of `generate_population(seed, persons, …)`;
it is generated again here (same arguments, same people) to plant duplicates:
core.synthetic_duplicates.second_registrations makes the "import": about 1,000 persons
registered again as another shelter would write them, 200 look-alikes (namesakes, near
namesakes, siblings, twins) and newcomers, 4,000 persons in all. They are registered into the
copy of the demo database (not timed), then `find_duplicate_candidates(conn, their ids)` is
timed: the call the import summary makes, including building the imported persons' blocking
keys (registrations only mark them; see store.person_keys).

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
    from disastercenter.store.person_keys import mark_dirty, refresh
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
        # Untimed: warms the page cache like a running app, and builds the keys of everyone
        # registered before (the demo command and the registration rows only mark them).
        find_duplicate_candidates(conn, second_ids[:50])
        timings: list[float] = []
        scans: list[float] = []
        refreshes: list[float] = []
        candidates = []
        for _ in range(3):
            start = time.perf_counter()
            conn.execute(
                "SELECT id, name_latin, name_native, name_kana, birth_date, phone FROM person"
            ).fetchall()
            scans.append(time.perf_counter() - start)
            # As just after an import: the imported persons' keys are not built yet.
            with workspace.db.atomic():
                mark_dirty(conn, second_ids)
            start = time.perf_counter()
            refresh(conn)
            refreshes.append(time.perf_counter() - start)
            with workspace.db.atomic():
                mark_dirty(conn, second_ids)
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
                     "timings": timings, "scans": scans, "key_refreshes": refreshes},
        ),
        Row(
            "duplicates.keys",
            "  of which: building the imported persons' blocking keys", median(refreshes), "s",
        ),
    ]
    for band in BANDS:
        rows.append(Row(
            f"duplicates.{band}",
            f"  {band}: pairs (precision); at or above: precision / recall",
            None, "", note=(
                f"{measured.proposed[band]} ({measured.precision(band):.3f}); "
                f"{measured.precision_at_or_above(band, BANDS):.3f} / {measured.recall(band):.3f}"
            ),
            details={"proposed": measured.proposed[band], "correct": measured.correct[band],
                     "true_pairs": measured.true_pairs},
        ))
    return rows


# -- quality sweep: `python -m bench.duplicates [--persons N,N] [--seeds S,S]` ------------------


def quality(seed: int, persons: int) -> dict[str, object]:
    """Precision and recall of one seeded scenario (core.synthetic_duplicates) registered into a
    fresh workspace, and how the look-alikes were banded."""
    import tempfile
    from collections import Counter

    from disastercenter.core.people import ShelterInput
    from disastercenter.core.synthetic_duplicates import duplicate_scenario, measure
    from disastercenter.services.demo import _person_input
    from disastercenter.services.registry import Registry
    from disastercenter.store.db import open_workspace
    from disastercenter.sync.duplicates import BANDS, find_duplicate_candidates

    scenario = duplicate_scenario(seed, persons, shelters=4)
    with tempfile.TemporaryDirectory(prefix="dc-dupes-") as tmp, \
            open_workspace(Path(tmp) / "w.sqlite3") as ws:
        registry = Registry(ws)
        shelters = [registry.add_shelter(ShelterInput(f"避難所{n}")) for n in range(scenario.shelters)]

        def register(households) -> list[str]:  # type: ignore[no-untyped-def]
            ids: list[str] = []
            for start in range(0, len(households), 300):
                batch = [(shelters[h.shelter_index], [_person_input(m) for m in h.members],
                          h.head_index, "") for h in households[start : start + 300]]
                ids.extend(pid for r in registry.register_households(batch) for pid in r.person_ids)
            return ids

        first, second = register(scenario.first), register(scenario.second)
        start = time.perf_counter()
        candidates = find_duplicate_candidates(ws.conn, second)
        seconds = time.perf_counter() - start
    truth = {(first[i], second[j]) for i, j in scenario.truth}
    measured = measure([(c.person_id, c.other_id, c.band) for c in candidates], truth, BANDS)
    kinds = dict(zip(second, scenario.kinds))
    true_pairs = {frozenset(p) for p in truth}
    look_alikes = Counter(
        (kinds.get(c.person_id), c.band) for c in candidates
        if frozenset((c.person_id, c.other_id)) not in true_pairs
        and kinds.get(c.person_id) in ("namesake", "near_namesake", "sibling", "twin")
    )
    return {
        "seed": seed, "persons": len(first), "checked": len(second), "seconds": seconds,
        "measured": measured, "look_alikes": look_alikes,
        "look_alikes_made": Counter(k for k in scenario.kinds if k not in ("reregistered", "new")),
    }


def _main(argv: list[str] | None = None) -> int:
    import argparse

    from disastercenter.sync.duplicates import BANDS

    parser = argparse.ArgumentParser(prog="python -m bench.duplicates",
                                     description="precision/recall sweep over seeded scenarios")
    parser.add_argument("--persons", default="3000,20000")
    parser.add_argument("--seeds", default="1,2,3")
    args = parser.parse_args(argv)
    print("| persons | seed | checked | true pairs | certain: precision / recall | "
          "certain+likely: precision / recall | all bands: precision / recall | time |")
    print("|---|---|---|---|---|---|---|---|")
    for persons in (int(p) for p in args.persons.split(",")):
        for seed in (int(s) for s in args.seeds.split(",")):
            result = quality(seed, persons)
            m = result["measured"]
            cells = [
                f"{m.precision_at_or_above(b, BANDS):.3f} / {m.recall(b):.3f}" for b in BANDS
            ]
            print(f"| {result['persons']:,} | {seed} | {result['checked']:,} | {m.true_pairs:,} | "
                  + " | ".join(cells) + f" | {result['seconds']:.2f} s |", flush=True)
            made = result["look_alikes_made"]
            banded = result["look_alikes"]
            say("look-alikes made " + ", ".join(f"{k} {v}" for k, v in sorted(made.items()))
                + "; proposed " + (", ".join(f"{k}/{b} {v}" for (k, b), v in sorted(banded.items()))
                                   or "none"))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
