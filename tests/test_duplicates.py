"""Duplicate people across shelters: candidates, bands, decisions that sync, linked records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disastercenter.core.errors import UserError
from disastercenter.core.people import PersonInput
from disastercenter.core.synthetic import generate_population
from disastercenter.core.synthetic_duplicates import (
    duplicate_scenario,
    measure,
    near_namesake,
    reregistration,
)
from disastercenter.core.vocab import age_band_for
from disastercenter.services.demo import _person_input
from disastercenter.services.duplicates import DuplicateReview, link_id
from disastercenter.services.registry import Registry
from disastercenter.store import person_keys
from disastercenter.store.db import open_workspace
from disastercenter.sync.duplicates import BANDS, find_duplicate_candidates
from tests.helpers import add_shelter, person


def _register(registry: Registry, shelter: str, *members: PersonInput) -> list[str]:
    return registry.register_household(shelter, list(members)).person_ids


@pytest.fixture
def two_shelters(registry: Registry) -> tuple[Registry, str, str]:
    return registry, add_shelter(registry, "大野北小学校"), add_shelter(registry, "相原中学校")


def _pair(candidates, a: str, b: str):  # type: ignore[no-untyped-def]
    found = [c for c in candidates if {c.person_id, c.other_id} == {a, b}]
    assert len(found) <= 1
    return found[0] if found else None


def _an(**fields: object) -> PersonInput:
    defaults: dict[str, object] = dict(
        name_native="Nguyễn Văn An", name_kana="グエン ヴァン アン", sex="male",
        birth_date="1988-03-02", nationality="VN", phone="090-1111-2222",
    )
    defaults.update(fields)
    return person(str(defaults.pop("name_latin", "NGUYEN Van An")), **defaults)


# -- what is proposed, and how surely ----------------------------------------------------------


def test_the_same_person_written_another_way_at_another_shelter_is_certain(two_shelters) -> None:
    registry, north, south = two_shelters
    [first] = _register(registry, north, _an())
    [second] = _register(registry, south, _an(
        name_latin="An Nguyễn Văn", name_native="", name_kana="ぐえん・ばん・あん",
        phone="+81 90 1111 2222",
    ))
    [candidate] = find_duplicate_candidates(registry.conn, [second])
    assert {candidate.person_id, candidate.other_id} == {first, second}
    assert candidate.band == "certain"
    keys = {r.key for r in candidate.reasons}
    assert {"name.same_order_swapped", "name.same_without_marks", "birth_date.same",
            "phone.same"} <= keys
    assert 0.9 < candidate.score <= 1.0


def test_a_katakana_only_registration_is_likely_but_never_certain(two_shelters) -> None:
    registry, north, south = two_shelters
    [first] = _register(registry, north, _an(name_kana="", name_native=""))
    [second] = _register(registry, south, _an(name_latin="", name_native="", phone=""))
    [candidate] = find_duplicate_candidates(registry.conn, [second])
    assert candidate.other_id == first
    assert candidate.band == "likely"
    assert "name.sounds_alike" in {r.key for r in candidate.reasons}


def test_the_same_native_script_name_and_birth_date_is_certain(two_shelters) -> None:
    registry, north, south = two_shelters
    wang = dict(sex="male", birth_date="1990-05-01", nationality="CN",
                languages=[("zh-Hans", "native")])
    [first] = _register(registry, north, person("WANG Xiaoming", name_native="王小明", **wang))
    [second] = _register(registry, south, person("", name_native="王小明", **wang))
    [candidate] = find_duplicate_candidates(registry.conn, [second])
    assert (candidate.other_id, candidate.band) == (first, "certain")
    assert candidate.reasons[0].text("en") == "Same name (native script)"
    assert candidate.reasons[0].text("ja") == "同じ名前（母語の文字）"


def test_near_identical_names_with_different_birth_dates_are_not_proposed(two_shelters) -> None:
    registry, north, south = two_shelters
    _register(registry, north, _an())
    [anh] = _register(registry, south, _an(
        name_latin="NGUYEN Van Anh", name_native="Nguyễn Văn Anh", name_kana="グエン ヴァン アイン",
        birth_date="1990-07-15", phone="090-3333-4444",
    ))
    assert find_duplicate_candidates(registry.conn, [anh]) == []


def test_near_identical_names_with_one_birthday_and_phone_are_never_certain(two_shelters) -> None:
    registry, north, south = two_shelters
    [an] = _register(registry, north, _an())
    [anh] = _register(registry, south, _an(
        name_latin="NGUYEN Van Anh", name_native="Nguyễn Văn Anh", name_kana="",
    ))
    [candidate] = find_duplicate_candidates(registry.conn, [anh])
    assert candidate.other_id == an
    assert candidate.band != "certain"
    assert "name.similar" in {r.key for r in candidate.reasons}


def test_siblings_sharing_a_family_name_and_phone_are_not_certain(two_shelters) -> None:
    registry, north, south = two_shelters
    [brother] = _register(registry, north, _an(birth_date="2012-04-01"))
    [sister] = _register(registry, south, _an(
        name_latin="NGUYEN Thi Mai", name_native="Nguyễn Thị Mai", name_kana="グエン ティ マイ",
        sex="female", birth_date="2013-09-09",
    ))
    assert not [c for c in find_duplicate_candidates(registry.conn, [sister])
                if c.other_id == brother and c.band == "certain"]


def test_members_of_one_household_are_never_candidates(two_shelters) -> None:
    registry, north, _south = two_shelters
    twins = _register(registry, north, _an(), _an(name_latin="NGUYEN Van Anh", name_native=""))
    assert find_duplicate_candidates(registry.conn, twins) == []


def test_namesakes_known_only_by_age_group_are_at_most_possible(two_shelters) -> None:
    registry, north, south = two_shelters
    zhang = dict(sex="male", age_band="18-39", nationality="CN", languages=[("zh-Hans", "native")])
    for _ in range(2):
        _register(registry, north, person("ZHANG Wei", name_kana="チャン ウェイ", **zhang))
    [newcomer] = _register(registry, south, person("ZHANG Wei", name_kana="チャン ウェイ", **zhang))
    candidates = find_duplicate_candidates(registry.conn, [newcomer])
    assert len(candidates) == 2
    assert {c.band for c in candidates} == {"possible"}
    assert all("name.ambiguous" in {r.key for r in c.reasons} for c in candidates)


def test_candidates_come_best_first_and_a_pair_of_checked_persons_once(two_shelters) -> None:
    registry, north, south = two_shelters
    [a] = _register(registry, north, _an())
    [b] = _register(registry, south, _an(name_latin="", name_native="", phone=""))
    [c] = _register(registry, south, _an(phone="", birth_date=None, age_band="18-39"))
    candidates = find_duplicate_candidates(registry.conn, [a, b, c])
    pairs = [frozenset((x.person_id, x.other_id)) for x in candidates]
    assert len(pairs) == len(set(pairs))
    ranks = [(BANDS.index(x.band), -x.points) for x in candidates]
    assert ranks == sorted(ranks)
    assert candidates[0].band == "certain" or candidates[0].points >= candidates[-1].points


def test_nothing_to_check_finds_nothing(registry: Registry) -> None:
    assert find_duplicate_candidates(registry.conn, []) == []


def test_a_cancelled_check_stops_and_reports_progress(two_shelters) -> None:
    registry, north, south = two_shelters
    ids = [_register(registry, north, _an())[0]]
    ids += [_register(registry, south, _an(name_latin=f"NGUYEN Van {n}"))[0] for n in range(3)]
    seen: list[tuple[int, int]] = []
    assert find_duplicate_candidates(registry.conn, ids, cancelled=lambda: True) == []
    find_duplicate_candidates(registry.conn, ids, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (4, 4)


# -- decisions --------------------------------------------------------------------------------


def test_a_pair_decided_as_different_people_is_not_proposed_again(two_shelters) -> None:
    registry, north, south = two_shelters
    [a] = _register(registry, north, _an())
    [b] = _register(registry, south, _an())
    review = DuplicateReview(registry)
    assert [c.other_id for c in review.candidates([b])] == [a]
    review.different_people(b, a, note="different fathers' names")
    assert review.candidates([b]) == []
    assert review.decision(a, b).decision == "different"
    review.undo(a, b)
    assert [c.other_id for c in review.candidates([b])] == [a]


def test_confirmed_records_show_together_transitively(two_shelters) -> None:
    registry, north, south = two_shelters
    [a] = _register(registry, north, _an())
    [b] = _register(registry, south, _an())
    third = add_shelter(registry, "体育館")
    [c] = _register(registry, third, _an(name_native=""))
    review = DuplicateReview(registry)
    review.same_person(a, b)
    review.same_person(c, b)
    linked = registry.get_person(a).linked
    assert [r.id for r in linked] == [b, c]
    assert [r.shelter_name for r in linked] == ["相原中学校", "体育館"]
    assert [r.id for r in registry.get_person(c).linked] == [a, b]
    # a pair already in one group is not proposed again
    assert review.candidates([a, b, c]) == []
    assert registry.get_person(a).data.name_latin == "NGUYEN Van An"  # nothing was merged


def test_deciding_about_a_missing_or_identical_record_fails_clearly(two_shelters) -> None:
    registry, north, _south = two_shelters
    [a] = _register(registry, north, _an())
    review = DuplicateReview(registry)
    with pytest.raises(UserError) as missing:
        review.same_person(a, "0190f0f0-0000-7000-8000-000000000000")
    assert missing.value.key == "record.not_found"
    with pytest.raises(UserError) as same:
        review.same_person(a, a)
    assert "同じ記録" in same.value.message("ja")
    with pytest.raises(UserError):
        review.decide(a, a, "maybe")
    with pytest.raises(UserError):
        review.undo(a, "0190f0f0-0000-7000-8000-000000000000")


def test_a_decision_syncs_and_conflicting_decisions_meet_in_one_record(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "north.sqlite3") as north, \
            open_workspace(tmp_path / "south.sqlite3") as south:
        shelter = add_shelter(Registry(north))
        a, b = Registry(north).register_household(shelter, [_an(), _an(name_native="")]).person_ids
        # Separate households, so they are candidates for each other.
        [c] = Registry(north).register_household(shelter, [_an()]).person_ids
        with south.db.atomic():
            south.oplog.apply_ops(north.oplog.ops_since({}))
        DuplicateReview(Registry(north)).same_person(a, c)
        DuplicateReview(Registry(south)).different_people(c, a)
        with south.db.atomic():
            south.oplog.apply_ops(north.oplog.ops_since(south.oplog.version_vector()))
        with north.db.atomic():
            north.oplog.apply_ops(south.oplog.ops_since(north.oplog.version_vector()))
        rows = [
            ws.conn.execute("SELECT id, person_a, person_b, decision FROM person_link").fetchall()
            for ws in (north, south)
        ]
        assert rows[0] == rows[1]
        assert len(rows[0]) == 1 and rows[0][0][0] == link_id(a, c)
        assert b  # the household member is untouched


def test_a_decision_is_one_op_per_field_in_the_op_log(two_shelters) -> None:
    registry, north, south = two_shelters
    [a] = _register(registry, north, _an())
    [b] = _register(registry, south, _an())
    before = registry.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
    record = DuplicateReview(registry).same_person(a, b)
    fields = {row[0] for row in registry.conn.execute(
        "SELECT field FROM ops WHERE record_id = ?", (record,))}
    assert fields == {"person_a", "person_b", "decision", "decided_at", "note", "_deleted"}
    assert registry.conn.execute("SELECT count(*) FROM ops").fetchone()[0] == before + 6


# -- measured on synthetic people -------------------------------------------------------------


def _registered_scenario(registry: Registry, seed: int, persons: int):  # type: ignore[no-untyped-def]
    scenario = duplicate_scenario(seed, persons, shelters=3)
    shelters = [add_shelter(registry, f"避難所{n}") for n in range(scenario.shelters)]

    def register(households) -> list[str]:  # type: ignore[no-untyped-def]
        batch = [(shelters[h.shelter_index], [_person_input(m) for m in h.members], h.head_index, "")
                 for h in households]
        return [pid for r in registry.register_households(batch) for pid in r.person_ids]

    return scenario, register(scenario.first), register(scenario.second)


def test_precision_and_recall_on_a_seeded_synthetic_scenario(registry: Registry) -> None:
    """The figures in docs/duplicates.md come from the same measurement at larger sizes."""
    scenario, first, second = _registered_scenario(registry, seed=5, persons=2000)
    candidates = find_duplicate_candidates(registry.conn, second)
    truth = {(first[i], second[j]) for i, j in scenario.truth}
    measured = measure([(c.person_id, c.other_id, c.band) for c in candidates], truth, BANDS)
    assert measured.true_pairs > 300
    assert measured.precision("certain") == 1.0
    assert measured.precision_at_or_above("likely", BANDS) >= 0.97
    assert measured.recall("likely") >= 0.85
    assert measured.recall("possible") >= 0.95
    # The look-alikes (namesakes, near namesakes, siblings, twins) are never certain.
    kinds = dict(zip(second, scenario.kinds))
    for c in candidates:
        if c.band == "certain":
            assert kinds.get(c.person_id) == "reregistered"


_people = generate_population(11, 400, 2, 0)
_adults = [m for h in _people.households for m in h.members
           if m.birth_date and m.name_latin and len(m.name_latin.split()) >= 2]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(_adults), st.randoms(use_true_random=False))
def test_a_look_alike_is_never_certain_and_a_reregistration_is_always_found(
    tmp_path_factory, original, rng  # type: ignore[no-untyped-def]
) -> None:
    with open_workspace(tmp_path_factory.mktemp("ws") / "w.sqlite3") as ws:
        registry = Registry(ws)
        north, south = add_shelter(registry, "北"), add_shelter(registry, "南")
        [first] = _register(registry, north, _person_input(original))
        again = reregistration(original, rng)
        [second] = _register(registry, south, _person_input(again))
        found = _pair(find_duplicate_candidates(ws.conn, [second]), first, second)
        if again.birth_date == original.birth_date or (again.phone and again.phone[-4:] == original.phone[-4:]):
            assert found is not None
        other = near_namesake(original, rng)
        if other is not None:
            [third] = _register(registry, south, _person_input(other))
            look_alike = _pair(find_duplicate_candidates(ws.conn, [third]), first, third)
            assert look_alike is None or look_alike.band != "certain"


def test_blocking_keys_follow_edits_of_the_date_of_birth_and_deletes(two_shelters) -> None:
    registry, north, _south = two_shelters
    [an] = _register(registry, north, _an(birth_date=None, age_band="18-39"))

    def keys() -> list[tuple[str | None, str | None]]:
        person_keys.refresh(registry.conn)  # what a duplicate check does first
        return registry.conn.execute(
            "SELECT DISTINCT birth_date, age_band FROM person_key WHERE person_id = ?", (an,)
        ).fetchall()

    assert keys() == [(None, "18-39")]
    edited = registry.get_person(an).data
    edited.birth_date, edited.age_band = "1988-03-02", None
    registry.update_person(an, edited)
    today = date.today()
    age = today.year - 1988 - ((today.month, today.day) < (3, 2))
    assert keys() == [("1988-03-02", age_band_for(age))]
    with registry.ws.db.atomic():
        registry.oplog.delete("person", an)
    assert keys() == []


def test_registering_only_marks_keys_and_a_check_brings_them_up_to_date(two_shelters) -> None:
    registry, north, south = two_shelters
    [a] = _register(registry, north, _an())
    count = lambda table: registry.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
    assert count("person_key_dirty") == 1 and count("person_key") == 0
    [b] = _register(registry, south, _an())
    assert [c.other_id for c in find_duplicate_candidates(registry.conn, [b])] == [a]
    assert count("person_key_dirty") == 0 and count("person_key") > 0
    assert not registry.conn.in_transaction


def test_a_read_only_workspace_is_still_checked(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "w.sqlite3"
    with open_workspace(db) as ws:
        registry = Registry(ws)
        north, south = add_shelter(registry, "北"), add_shelter(registry, "南")
        [a] = _register(registry, north, _an())
        find_duplicate_candidates(ws.conn, [a])  # keys refreshed
        [b] = _register(registry, south, _an())  # marked only
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        found = find_duplicate_candidates(conn, [b])  # b's own keys are stale: the date of birth finds a
        assert [c.other_id for c in found] == [a]
    finally:
        conn.close()
