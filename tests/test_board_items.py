"""Recording what an evacuee pointed at on a printed board: needs where the phrase states one,
notes otherwise, in one transaction through the registry."""

from __future__ import annotations

import datetime as dt

import pytest

from disastercenter.content.phrasebook import load_phrasebook
from disastercenter.core.errors import UserError
from disastercenter.core.vocab import ALLERGENS, NEED_TAGS
from disastercenter.printing.boards import board_items
from disastercenter.services.board_items import (
    NEED_OF_PHRASE,
    NEED_OF_PREFIX,
    board_item_choices,
    need_of,
    record_pointed_item,
)
from disastercenter.services.registry import PersonFilter
from tests.helpers import add_shelter, person


@pytest.fixture
def person_id(registry) -> str:  # type: ignore[no-untyped-def]
    shelter = add_shelter(registry)
    return registry.register_household(shelter, [person("NGUYEN Van An")]).person_ids[0]


def test_every_mapping_names_a_need_tag_and_a_printed_board_item() -> None:
    tags = {tag for tag, _ in (*NEED_OF_PHRASE.values(), *NEED_OF_PREFIX.values())}
    assert tags <= set(NEED_TAGS)
    printed = set(board_items("evacuee")) | set(board_items("health"))
    assert set(NEED_OF_PHRASE) <= printed
    assert all(any(k.startswith(prefix) for k in printed) for prefix in NEED_OF_PREFIX)


def test_the_choices_are_the_evacuee_and_health_board_items_once_each_with_both_texts() -> None:
    book = load_phrasebook()
    choices = board_item_choices()
    keys = [c.key for c in choices]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(board_items("evacuee")) | set(board_items("health"))
    halal = next(c for c in choices if c.key == "diet.halal")
    assert (halal.text_ja, halal.text_en, halal.need) == (
        book.text("diet.halal", "ja"), book.text("diet.halal", "en"), "diet_halal")


def test_pointing_at_halal_food_adds_the_halal_need(registry, person_id) -> None:  # type: ignore[no-untyped-def]
    recorded = record_pointed_item(registry, person_id, "diet.halal")
    assert (recorded.tag, recorded.changed) == ("diet_halal", True)
    assert [n.tag for n in registry.get_person(person_id).data.needs] == ["diet_halal"]
    assert [row.id for row in registry.list_persons(PersonFilter(need="diet_halal"))] == [person_id]


def test_pointing_twice_at_the_same_item_changes_nothing_the_second_time(registry, person_id) -> None:  # type: ignore[no-untyped-def]
    record_pointed_item(registry, person_id, "health.chronic.diabetes")
    ops = registry.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
    again = record_pointed_item(registry, person_id, "health.chronic.diabetes")
    assert not again.changed
    assert registry.conn.execute("SELECT count(*) FROM ops").fetchone()[0] == ops
    (need,) = registry.get_person(person_id).data.needs
    assert need.tag == "medical"
    assert need.detail == load_phrasebook().text("health.chronic.diabetes", "ja")


def test_allergens_pointed_at_are_collected_in_one_allergy_need(registry, person_id) -> None:  # type: ignore[no-untyped-def]
    for key in ("allergy.egg", "allergy.peanut", "diet.have_allergies"):
        record_pointed_item(registry, person_id, key)
    (need,) = registry.get_person(person_id).data.needs
    assert need.tag == "allergy" and sorted(need.items) == ["egg", "peanut"]
    assert set(need.items) <= set(ALLERGENS)


def test_asking_for_the_embassy_also_answers_the_embassy_question(registry, person_id) -> None:  # type: ignore[no-untyped-def]
    detail = registry.get_person(person_id)
    registry.update_person(person_id, type(detail.data)(**{**vars(detail.data), "embassy_contact": "no"}))
    record_pointed_item(registry, person_id, "need.contact_embassy")
    data = registry.get_person(person_id).data
    assert data.embassy_contact == "yes"
    assert "embassy_contact" in [n.tag for n in data.needs]


def test_an_item_without_a_need_tag_goes_to_the_notes_in_japanese_with_the_time(registry, person_id) -> None:  # type: ignore[no-untyped-def]
    assert need_of("feeling.cold") == (None, None, False)
    at = dt.datetime(2026, 11, 20, 5, 30, tzinfo=dt.UTC)  # 14:30 in Japan
    recorded = record_pointed_item(registry, person_id, "feeling.cold", now=at)
    record_pointed_item(registry, person_id, "need.blanket", now=at)
    notes = registry.get_person(person_id).data.notes.splitlines()
    assert recorded.tag is None and recorded.note == notes[0]
    assert notes == [f"指差し 11/20 14:30: {load_phrasebook().text(k, 'ja')}"
                     for k in ("feeling.cold", "need.blanket")]


def test_a_key_that_is_not_on_the_boards_is_refused_and_nothing_changes(registry, person_id) -> None:  # type: ignore[no-untyped-def]
    before = registry.get_person(person_id).data
    with pytest.raises(UserError) as caught:
        record_pointed_item(registry, person_id, "rules.no_smoking")  # staff board only
    assert caught.value.key == "board.unknown_item"
    assert "rules.no_smoking" in caught.value.message("ja")
    assert registry.get_person(person_id).data == before
