"""The paper card's items in the registry: why a household came, and the embassy wish."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from disastercenter.core.people import HouseholdDetails
from disastercenter.services.registry import Registry, ValidationError
from disastercenter.store.db import open_workspace
from disastercenter.store.migrations import migrations
from tests.helpers import add_shelter, need, person


def test_a_household_keeps_its_reasons_for_coming_and_its_own_words(registry: Registry) -> None:
    shelter = add_shelter(registry)
    result = registry.register_household(
        shelter, [person("NGUYEN Van An")], reasons=["house_damaged", "other"],
        reason_other="  the road to our flat is closed  ",
    )
    household = registry.get_household(result.household_id)
    assert household.details.reasons == ["house_damaged", "other"]
    assert household.details.reason_other == "the road to our flat is closed"
    assert household.member_ids == result.person_ids


def test_an_unknown_reason_or_other_without_words_is_refused_and_nothing_saved(registry: Registry) -> None:
    shelter = add_shelter(registry)
    ops_before = registry.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
    with pytest.raises(ValidationError) as caught:
        registry.register_household(shelter, [person("A")], reasons=["bored", "other"])
    assert {(p.field, p.key) for p in caught.value.problems} == {
        ("reasons", "validation.choice"), ("reason_other", "validation.reason_other_missing"),
    }
    assert registry.conn.execute("SELECT count(*) FROM ops").fetchone()[0] == ops_before


def test_wanting_the_embassy_contacted_is_stored_and_shows_as_a_need(registry: Registry) -> None:
    shelter = add_shelter(registry)
    ids = registry.register_household(shelter, [
        person("KHIN Mar", embassy_contact="yes"),
        person("AUNG Ko", embassy_contact="no", needs=[need("embassy_contact")]),
        person("MAUNG Thu", embassy_contact="dont_know"),
    ]).person_ids
    wants, refuses, unsure = (registry.get_person(i).data for i in ids)
    assert wants.embassy_contact == "yes" and [n.tag for n in wants.needs] == ["embassy_contact"]
    assert refuses.embassy_contact == "no" and refuses.needs == []
    assert unsure.embassy_contact == "dont_know" and unsure.needs == []


def test_answering_no_later_removes_the_embassy_need(registry: Registry) -> None:
    shelter = add_shelter(registry)
    [person_id] = registry.register_household(shelter, [person("KHIN Mar", embassy_contact="yes")]).person_ids
    edited = registry.get_person(person_id).data
    edited.embassy_contact = "no"
    registry.update_person(person_id, edited)
    after = registry.get_person(person_id).data
    assert after.embassy_contact == "no" and after.needs == []


def test_an_embassy_need_registered_without_the_question_reads_as_yes(registry: Registry) -> None:
    shelter = add_shelter(registry)
    [person_id] = registry.register_household(
        shelter, [person("KHIN Mar", needs=[need("embassy_contact")])]).person_ids
    assert registry.get_person(person_id).data.embassy_contact == "yes"


def test_an_invalid_embassy_answer_is_refused(registry: Registry) -> None:
    shelter = add_shelter(registry)
    with pytest.raises(ValidationError) as caught:
        registry.register_household(shelter, [person("A", embassy_contact="maybe")])
    assert [(p.field, p.key) for p in caught.value.problems] == [
        ("members[0].embassy_contact", "validation.choice")]


def test_register_households_takes_notes_or_household_details(registry: Registry) -> None:
    shelter = add_shelter(registry)
    plain, detailed = registry.register_households([
        (shelter, [person("A")], 0, "came by bus"),
        (shelter, [person("B")], 0, HouseholdDetails("", ["no_water"])),
    ])
    assert registry.get_household(plain.household_id).details == HouseholdDetails("came by bus")
    assert registry.get_household(detailed.household_id).details.reasons == ["no_water"]


def test_a_workspace_from_before_the_new_fields_gets_them_and_keeps_its_people(tmp_path: Path) -> None:
    from sqlite_utils import Database

    db_path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db_path)
    migrations.apply(Database(conn), stop_before="0009_registration_fields")
    conn.close()
    with open_workspace(db_path) as ws:
        columns = {row[1] for row in ws.conn.execute("PRAGMA table_info(person)")}
        assert "embassy_contact" in columns
        registry = Registry(ws)
        shelter = add_shelter(registry)
        result = registry.register_household(shelter, [person("A", embassy_contact="yes")],
                                             reasons=["no_gas"])
        assert registry.get_household(result.household_id).details.reasons == ["no_gas"]
