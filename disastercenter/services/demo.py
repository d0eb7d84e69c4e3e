"""Filling a workspace with synthetic evacuees, shelters and volunteers (demos, drills, benches)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from disastercenter.core.people import Need, PersonInput, ShelterInput, VolunteerInput
from disastercenter.core.synthetic import SyntheticPerson, generate_population
from disastercenter.services.registry import Registry

BATCH_PERSONS = 2000  # one transaction per batch: fast, and a cancelled run keeps whole batches


@dataclass
class DemoSummary:
    shelters: int
    households: int
    evacuees: int
    volunteers: int


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
) -> DemoSummary:
    """Add a deterministic synthetic population (same seed, same people) to the workspace."""
    population = generate_population(seed, evacuees, shelters, volunteers)
    shelter_ids = [
        registry.add_shelter(ShelterInput(s.name_ja, s.name_en, s.address, s.capacity, s.is_open))
        for s in population.shelters
    ]
    batch: list[tuple[str, list[PersonInput], int, str]] = []
    batch_statuses: list[list[str]] = []
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
        done += len(household.members)
        in_batch += len(household.members)
        if in_batch >= BATCH_PERSONS or household is last:
            for result, statuses in zip(registry.register_households(batch), batch_statuses):
                for person_id, status in zip(result.person_ids, statuses):
                    if status != "checked_in":
                        later.setdefault(status, []).append(person_id)
            batch, batch_statuses, in_batch = [], [], 0
            if progress:
                progress(done, evacuees)
    # People who have since left, moved on or gone to hospital get that change recorded as a
    # second status event, as it would have happened.
    for status, ids in sorted(later.items()):
        registry.set_status(ids, status)
    registry.add_volunteers([
        VolunteerInput(
            v.name_latin, v.name_native, v.name_kana, v.sex, list(v.languages), list(v.skills),
            v.phone, v.email, v.base_area,
        )
        for v in population.volunteers
    ])
    return DemoSummary(len(shelter_ids), len(population.households), evacuees, len(population.volunteers))

