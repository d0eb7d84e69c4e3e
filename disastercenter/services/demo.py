"""Filling a workspace with synthetic evacuees, shelters and volunteers (demos, drills, benches)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from disastercenter.core.people import Need, PersonInput, ShelterInput, VolunteerInput
from disastercenter.core.requests import RequestInput, default_languages
from disastercenter.core.synthetic import SyntheticPerson, generate_population
from disastercenter.core.times import JAPAN, utc_text
from disastercenter.services.registry import Registry

BATCH_PERSONS = 2000  # one transaction per batch: fast, and a cancelled run keeps whole batches


@dataclass
class DemoSummary:
    shelters: int
    households: int
    evacuees: int
    volunteers: int
    requests: int = 0


def _person_input(person: SyntheticPerson) -> PersonInput:
    return PersonInput(
        name_latin=person.name_latin, name_native=person.name_native, name_kana=person.name_kana,
        sex=person.sex, birth_date=person.birth_date, age_band=person.age_band,
        nationality=person.nationality, languages=list(person.languages),
        japanese_level=person.japanese_level, easy_japanese=person.easy_japanese,
        needs=[Need(n["tag"], n.get("detail", ""), list(n.get("items", []))) for n in person.needs],
        phone=person.phone, messaging_id=person.messaging_id,
        consent_basis=person.consent_basis, consent_scopes=list(person.consent_scopes),
        notes=person.notes,
    )


def create_demo(
    registry: Registry,
    evacuees: int = 300,
    shelters: int = 5,
    volunteers: int = 40,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    requests: int | None = None,
    first_day: date | None = None,
) -> DemoSummary:
    """Add a deterministic synthetic population (same seed, same people) to the workspace.

    Volunteers get shifts on the two days from `first_day` (default: tomorrow in Japan) and
    the shelters they can reach; `requests` interpreter requests (default: one per 50
    evacuees, at least 5 when there are evacuees) are raised for those days.
    """
    population = generate_population(seed, evacuees, shelters, volunteers)
    shelter_ids = [
        registry.add_shelter(ShelterInput(s.name_ja, s.name_en, s.address, s.capacity, s.is_open))
        for s in population.shelters
    ]
    batch: list[tuple[str, list[PersonInput], int, str]] = []
    batch_statuses: list[list[str]] = []
    registered: list[tuple[str, str, SyntheticPerson]] = []  # (person id, shelter id, person)
    batch_people: list[list[SyntheticPerson]] = []
    later: dict[str, list[str]] = {}  # status -> person ids
    done = in_batch = 0
    last = population.households[-1] if population.households else None
    for household in population.households:
        batch.append((
            shelter_ids[household.shelter_index],
            [_person_input(p) for p in household.members],
            household.head_index,
            "",
        ))
        batch_statuses.append([p.status for p in household.members])
        batch_people.append(household.members)
        done += len(household.members)
        in_batch += len(household.members)
        if in_batch >= BATCH_PERSONS or household is last:
            results = registry.register_households(batch)
            for result, statuses, people, entry in zip(results, batch_statuses, batch_people, batch):
                for person_id, status, member in zip(result.person_ids, statuses, people):
                    if status != "checked_in":
                        later.setdefault(status, []).append(person_id)
                    else:
                        registered.append((person_id, entry[0], member))
            batch, batch_statuses, batch_people, in_batch = [], [], [], 0
            if progress:
                progress(done, evacuees)
    # People who have since left, moved on or gone to hospital get that change recorded as a
    # second status event, as it would have happened.
    for status, ids in sorted(later.items()):
        registry.set_status(ids, status)
    day = first_day or (datetime.now(JAPAN) + timedelta(days=1)).date()
    rng = random.Random(seed * 7919 + 17)  # its own stream: the population stays as it was
    registry.add_volunteers([
        VolunteerInput(
            v.name_latin, v.name_native, v.name_kana, v.sex, list(v.languages), list(v.skills),
            v.phone, v.email, v.base_area, **_availability(rng, day, shelter_ids),
        )
        for v in population.volunteers
    ])
    if requests is None:
        requests = max(5, evacuees // 50) if evacuees else 0
    raised = _raise_requests(registry, rng, day, registered, requests)
    return DemoSummary(len(shelter_ids), len(population.households), evacuees,
                       len(population.volunteers), raised)


#: Typical volunteer shifts (Japan time) and how often each is chosen.
_SHIFTS = (((8, 12), 3), ((12, 16), 3), ((8, 16), 2), ((16, 20), 2))
_KINDS = (("medical", 26), ("registration", 18), ("consultation", 22), ("procedures", 16),
          ("notice_translation", 6), ("phone_video", 12))
_URGENCY = (("critical", 6), ("high", 22), ("normal", 52), ("low", 20))
#: Dispatch slots the request dialog offers (two hours from 08:00).
_SLOTS = tuple((hour, hour + 2) for hour in range(8, 20, 2))


def _at(day: date, hour: int) -> str:
    return utc_text(datetime(day.year, day.month, day.day, tzinfo=JAPAN) + timedelta(hours=hour))


def _availability(rng: random.Random, day: date, shelters: list[str]) -> dict[str, object]:
    shifts = []
    for offset in range(2):
        if rng.random() < 0.7:
            (low, high), = rng.choices([s for s, _ in _SHIFTS], [w for _, w in _SHIFTS])
            when = day + timedelta(days=offset)
            shifts.append((_at(when, low), _at(when, high)))
    reach: dict[str, int] = {}
    if shelters:
        reach[rng.choice(shelters)] = 0
        for _ in range(rng.randrange(1, 5)):
            reach.setdefault(rng.choice(shelters), rng.randrange(10, 75, 5))
    return {"shifts": shifts, "reach": reach, "remote": rng.random() < 0.35,
            "max_per_shift": rng.choice((1, 2, 2, 3))}


def _raise_requests(
    registry: Registry, rng: random.Random, day: date,
    people: list[tuple[str, str, SyntheticPerson]], count: int,
) -> int:
    """Interpreter requests from evacuees who speak little Japanese, in one transaction."""
    from disastercenter.services.matching import Matching

    if not people or count <= 0:
        return 0
    chosen = []
    # Evacuees who speak little Japanese, in random order, until there are enough.
    for index in rng.sample(range(len(people)), len(people)):
        person = people[index][2]
        if person.japanese_level in ("none", "basic") and default_languages(person.languages):
            chosen.append(people[index])
            if len(chosen) == count:
                break
    inputs = []
    for person_id, shelter_id, person in chosen:
        (kind,), (urgency,) = (rng.choices([k for k, _ in table], [w for _, w in table])
                               for table in (_KINDS, _URGENCY))
        place = {"medical": "hospital", "phone_video": "remote", "procedures": "office"}.get(kind, "shelter")
        low, high = rng.choice(_SLOTS)
        when = day + timedelta(days=rng.randrange(2))
        inputs.append(RequestInput(
            languages=default_languages(person.languages, person.easy_japanese, person.japanese_level),
            kind=kind, urgency=urgency, start_at=_at(when, low), end_at=_at(when, high), place=place,
            place_detail={"hospital": "協同病院", "office": "区役所"}.get(place, ""),
            shelter_id=shelter_id, person_id=person_id,
            remote_ok=place != "remote" and rng.random() < 0.3,
            skill="medical" if kind == "medical" and rng.random() < 0.4 else None,
            same_gender=person.sex in ("female", "male") and rng.random() < 0.06,
            contact=person.phone,
        ))
    return len(Matching(registry.ws, actor="demo").raise_requests(inputs))
