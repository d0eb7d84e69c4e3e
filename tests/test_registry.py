"""The registry use-cases on a real workspace: households, edits, statuses, lists, numbers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from disastercenter.core.errors import UserError
from disastercenter.core.people import PersonInput, VolunteerInput
from disastercenter.services.registry import (
    PersonFilter,
    Registry,
    ValidationError,
)
from disastercenter.store.db import Workspace, open_workspace
from disastercenter.store.oplog import Op
from tests.helpers import add_shelter, count, need, person, snapshot


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "workspace.sqlite3")
    yield workspace
    workspace.close()


@pytest.fixture
def reg(ws: Workspace) -> Registry:
    return Registry(ws)


def _family() -> list[PersonInput]:
    return [
        person("NGUYEN VAN AN", name_native="Nguyễn Văn An", name_kana="グエン ヴァン アン",
               sex="male", birth_date="1985-04-02", nationality="VN",
               languages=[("vi", "native"), ("ja", "basic")], japanese_level="basic",
               phone="090-1234-5678", consent_basis="consent", consent_scopes=["family", "embassy"],
               needs=[need("medication", "insulin")]),
        person("NGUYEN THI HOA", sex="female", birth_date="1988-09-10", nationality="VN",
               languages=[("vi", "native")], needs=[need("pregnancy"), need("allergy", "", ["egg", "milk"])]),
        person("NGUYEN MINH", sex="male", age_band="0-5", nationality="VN",
               languages=[("vi", "basic")], needs=[need("infant")]),
    ]


def _new_ops(ws: Workspace, since: dict[str, int]) -> list[Op]:
    return ws.oplog.ops_since(since)


# -- registering ----------------------------------------------------------------------------


def test_registering_a_household_checks_every_member_in_with_their_details(reg: Registry) -> None:
    shelter = add_shelter(reg, "中央公民館")
    family = _family()
    result = reg.register_household(shelter, family, head_index=1, notes="arrived by bus")
    assert len(result.person_ids) == 3 and len(set(result.person_ids)) == 3
    an, hoa, minh = result.person_ids
    assert reg.household_member_ids(result.household_id)[0] == hoa  # the head comes first
    assert set(reg.household_member_ids(result.household_id)) == {an, hoa, minh}
    for person_id, given in zip(result.person_ids, family):
        detail = reg.get_person(person_id)
        assert detail.household_id == result.household_id
        assert detail.shelter_id == shelter
        assert detail.status == "checked_in"
        assert [(e.status, e.shelter_id) for e in detail.history] == [("checked_in", shelter)]
        assert detail.data.name_latin == given.name_latin
        assert sorted(detail.data.languages) == sorted(given.languages)
        assert [(n.tag, n.detail, sorted(n.items)) for n in detail.data.needs] == sorted(
            (n.tag, n.detail, sorted(n.items)) for n in given.needs
        )
    an_detail = reg.get_person(an)
    assert an_detail.data.consent_scopes == ["embassy", "family"]
    assert an_detail.data.age_band == "40-64" or an_detail.data.age_band == "18-39"
    assert reg.get_person(minh).data.age_band == "0-5"
    assert reg.get_shelter(shelter).present == 3
    household = reg.conn.execute(
        "SELECT shelter_id, head_id, notes FROM household WHERE id = ?", (result.household_id,)
    ).fetchone()
    assert household == (shelter, hoa, "arrived by bus")


def test_registering_many_households_is_one_transaction_with_one_op_per_field(
    reg: Registry, ws: Workspace
) -> None:
    shelter = add_shelter(reg)
    before = ws.oplog.version_vector()
    results = reg.register_households([
        (shelter, [person("A One")], 0, ""),
        (shelter, [person("B One"), person("B Two")], 1, ""),
    ])
    assert [len(r.person_ids) for r in results] == [1, 2]
    ops = _new_ops(ws, before)
    assert len({(op.entity, op.record_id, op.field) for op in ops}) == len(ops)
    assert reg.count_persons() == 3
    assert count(ws.conn, "household") == 2


def test_registering_at_an_unknown_shelter_is_refused(reg: Registry, ws: Workspace) -> None:
    add_shelter(reg)
    before = snapshot(ws.conn)
    with pytest.raises(UserError) as caught:
        reg.register_household("00000000-0000-4000-8000-000000000000", [person("A")])
    assert caught.value.key == "record.not_found"
    assert snapshot(ws.conn) == before


def test_invalid_members_are_all_reported_with_their_prefix_and_nothing_is_saved(
    reg: Registry, ws: Workspace
) -> None:
    shelter = add_shelter(reg)
    before = snapshot(ws.conn)
    members = [
        person("", name_native="", name_kana="", sex="robot"),
        person("FINE PERSON"),
        person("BAD DATE", birth_date="2001-02-30", nationality="vietnam",
               languages=[("xx", "native"), ("vi", "native"), ("vi", "basic")], phone="call me"),
    ]
    with pytest.raises(ValidationError) as caught:
        reg.register_household(shelter, members)
    fields = {(p.field, p.key) for p in caught.value.problems}
    assert fields == {
        ("members[0].name_latin", "validation.name_required"),
        ("members[0].sex", "validation.choice"),
        ("members[2].birth_date", "validation.date"),
        ("members[2].nationality", "validation.nationality"),
        ("members[2].languages", "validation.unknown_language"),
        ("members[2].languages", "validation.duplicate_language"),
        ("members[2].phone", "validation.phone"),
    }
    assert "members[0].sex" in str(caught.value) and "members[2].phone" in str(caught.value)
    assert snapshot(ws.conn) == before


def test_a_household_without_members_is_refused(reg: Registry, ws: Workspace) -> None:
    shelter = add_shelter(reg)
    ops = count(ws.conn, "ops")
    with pytest.raises(ValidationError) as caught:
        reg.register_household(shelter, [])
    assert [p.key for p in caught.value.problems] == ["validation.head_missing"]
    assert count(ws.conn, "ops") == ops


def test_invalid_members_of_a_batch_are_reported_for_every_household(reg: Registry, ws: Workspace) -> None:
    shelter = add_shelter(reg)
    ops = count(ws.conn, "ops")
    with pytest.raises(ValidationError) as caught:
        reg.register_households([
            (shelter, [person("OK")], 0, ""),
            (shelter, [person("OK"), person("X", sex="?")], 0, ""),
            (shelter, [person("Y", phone="no")], 0, ""),
        ])
    assert {p.field for p in caught.value.problems} == {
        "households[1].members[1].sex", "households[2].members[0].phone",
    }
    assert count(ws.conn, "ops") == ops


# -- editing --------------------------------------------------------------------------------


@pytest.fixture
def an(reg: Registry) -> str:
    shelter = add_shelter(reg)
    return reg.register_household(shelter, _family()).person_ids[0]


def test_saving_a_person_unchanged_writes_nothing(reg: Registry, ws: Workspace, an: str) -> None:
    before = ws.oplog.version_vector()
    reg.update_person(an, reg.get_person(an).data)
    assert _new_ops(ws, before) == []


def test_only_changed_fields_become_ops(reg: Registry, ws: Workspace, an: str) -> None:
    data = reg.get_person(an).data
    data.phone = "080-9999-0000"
    data.easy_japanese = True
    before = ws.oplog.version_vector()
    reg.update_person(an, data)
    ops = _new_ops(ws, before)
    assert sorted((op.entity, op.record_id, op.field, op.value) for op in ops) == [
        ("person", an, "easy_japanese", "true"),
        ("person", an, "phone", '"080-9999-0000"'),
    ]
    # Each op records the value it replaced, so sync can tell edits from concurrent edits.
    assert all(op.base_hlc > 0 for op in ops)
    assert reg.get_person(an).data.phone == "080-9999-0000"


def test_removing_a_language_or_need_is_a_delete_op_and_they_disappear(
    reg: Registry, ws: Workspace, an: str
) -> None:
    data = reg.get_person(an).data
    data.languages = [("vi", "native")]  # "ja" removed
    data.needs = []  # "medication" removed
    before = ws.oplog.version_vector()
    reg.update_person(an, data)
    ops = _new_ops(ws, before)
    assert sorted((op.entity, op.field, op.value) for op in ops) == [
        ("person_language", "_deleted", "true"),
        ("person_need", "_deleted", "true"),
    ]
    detail = reg.get_person(an).data
    assert detail.languages == [("vi", "native")]
    assert detail.needs == []
    assert reg.count_persons(PersonFilter(language="ja")) == 0
    assert reg.count_persons(PersonFilter(need="medication")) == 0
    # Adding them back brings the same records back.
    data.languages = [("vi", "native"), ("ja", "conversational")]
    data.needs = [need("medication", "insulin")]
    reg.update_person(an, data)
    detail = reg.get_person(an).data
    assert sorted(detail.languages) == [("ja", "conversational"), ("vi", "native")]
    assert [n.tag for n in detail.needs] == ["medication"]
    assert count(ws.conn, "person_language", f"person_id = '{an}'") == 2


def test_a_language_record_with_an_id_of_another_scheme_is_edited_and_removed_in_place(
    reg: Registry, ws: Workspace, an: str
) -> None:
    # A record made by an earlier release or another device, under its own id.
    other_id = "0f0e0d0c-0b0a-4908-8706-050403020100"
    with ws.db.conn:
        ws.oplog.write("person_language", other_id, {"person_id": an, "language": "ne", "level": "basic"})
    data = reg.get_person(an).data
    assert ("ne", "basic") in data.languages
    data.languages = [(code, "fluent" if code == "ne" else level) for code, level in data.languages]
    reg.update_person(an, data)
    assert ("ne", "fluent") in reg.get_person(an).data.languages
    assert count(ws.conn, "person_language", f"person_id = '{an}' AND language = 'ne'") == 1
    data.languages = [(code, level) for code, level in data.languages if code != "ne"]
    reg.update_person(an, data)
    assert all(code != "ne" for code, _ in reg.get_person(an).data.languages)
    assert count(ws.conn, "person_language", f"id = '{other_id}' AND deleted = 1") == 1


def test_changing_a_need_detail_or_consent_writes_just_that(reg: Registry, ws: Workspace, an: str) -> None:
    data = reg.get_person(an).data
    data.needs = [need("medication", "insulin, twice a day")]
    data.consent_scopes = ["family"]
    before = ws.oplog.version_vector()
    reg.update_person(an, data)
    fields = sorted((op.entity, op.field) for op in _new_ops(ws, before))
    assert ("person_need", "detail") in fields
    assert ("person", "consent_scopes") in fields
    assert ("person", "consent_at") in fields
    assert ("person", "name_latin") not in fields
    detail = reg.get_person(an).data
    assert detail.consent_scopes == ["family"]
    assert detail.needs[0].detail == "insulin, twice a day"


def test_an_invalid_edit_is_refused_and_saves_nothing(reg: Registry, ws: Workspace, an: str) -> None:
    data = reg.get_person(an).data
    data.name_latin = data.name_native = data.name_kana = ""
    data.nationality = "Viet Nam"
    before = snapshot(ws.conn)
    with pytest.raises(ValidationError) as caught:
        reg.update_person(an, data)
    assert {p.field for p in caught.value.problems} == {"name_latin", "nationality"}
    assert snapshot(ws.conn) == before


# -- status -------------------------------------------------------------------------------


def test_status_changes_keep_their_history_in_order(reg: Registry, an: str) -> None:
    shelter = reg.get_person(an).shelter_id
    reg.set_status(an, "in_hospital", note="clinic")
    reg.set_status(an, "checked_in")
    reg.set_status(an, "left", note="to relatives")
    detail = reg.get_person(an)
    assert detail.status == "left"
    assert [(e.status, e.note) for e in detail.history] == [
        ("checked_in", ""), ("in_hospital", "clinic"), ("checked_in", ""), ("left", "to relatives"),
    ]
    assert all(e.shelter_id == shelter for e in detail.history)
    assert reg.get_shelter(shelter).present == 2


def test_a_transfer_to_a_known_shelter_moves_the_person_there(reg: Registry, an: str) -> None:
    first = reg.get_person(an).shelter_id
    second = add_shelter(reg, "第二小学校")
    reg.set_status(an, "transferred", to_shelter_id=second)
    detail = reg.get_person(an)
    assert detail.shelter_id == second
    assert detail.status == "checked_in"
    last = detail.history[-1]
    assert (last.status, last.shelter_id, last.to_shelter_id) == ("transferred", first, second)
    assert reg.get_shelter(second).present == 1
    assert reg.get_shelter(first).present == 2
    assert reg.count_persons(PersonFilter(shelter_id=second)) == 1


def test_a_transfer_elsewhere_records_it_without_moving_the_person(reg: Registry, an: str) -> None:
    first = reg.get_person(an).shelter_id
    reg.set_status(an, "transferred", note="to a hospital in Yokohama")
    detail = reg.get_person(an)
    assert (detail.status, detail.shelter_id) == ("transferred", first)


def test_a_transfer_to_an_unknown_shelter_or_an_unknown_status_saves_nothing(
    reg: Registry, ws: Workspace, an: str
) -> None:
    before = snapshot(ws.conn)
    with pytest.raises(UserError) as caught:
        reg.set_status(an, "transferred", to_shelter_id="00000000-0000-4000-8000-000000000000")
    assert caught.value.key == "record.not_found"
    with pytest.raises(ValidationError):
        reg.set_status(an, "teleported")
    with pytest.raises(UserError):
        reg.set_status([an, "00000000-0000-4000-8000-000000000001"], "left")
    assert snapshot(ws.conn) == before


def test_setting_the_status_of_many_people_at_once(reg: Registry, ws: Workspace) -> None:
    shelter = add_shelter(reg)
    ids = reg.register_household(shelter, _family()).person_ids
    reg.set_status(ids, "left")
    assert reg.count_persons(PersonFilter(status="left")) == 3
    assert reg.get_shelter(shelter).present == 0


# -- lists, filters and numbers ---------------------------------------------------------


@pytest.fixture
def town(reg: Registry) -> dict[str, str]:
    """Two shelters, five people with different languages, needs, ages and statuses."""
    north = add_shelter(reg, "北小学校", name_en="North School")
    south = add_shelter(reg, "南公民館", name_en="South Hall")
    ids: dict[str, str] = {"north": north, "south": south}
    a = reg.register_household(north, [
        person("NGUYEN VAN AN", birth_date="1950-06-01", nationality="VN",
               languages=[("vi", "native")], needs=[need("elderly"), need("mobility")]),
        person("NGUYEN BAO", age_band="0-5", nationality="VN", languages=[("vi", "native")]),
    ]).person_ids
    b = reg.register_household(north, [
        person("SILVA MARIA", birth_date="1990-06-01", nationality="BR",
               languages=[("pt-BR", "native"), ("es", "fluent")], needs=[need("diet_vegetarian")]),
    ]).person_ids
    c = reg.register_household(south, [
        person("KIM MINJUN", birth_date="2015-06-01", nationality="KR", languages=[("ko", "native")]),
        person("ANDERSON LEE", nationality="US", languages=[("en", "native"), ("ko", "basic")],
               needs=[need("elderly")]),
    ]).person_ids
    ids.update(an=a[0], bao=a[1], maria=b[0], minjun=c[0], lee=c[1])
    reg.set_status(ids["lee"], "left")
    reg.set_status(ids["maria"], "in_hospital")
    return ids


def _names(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.name_latin for row in rows]


def test_the_list_filters_by_shelter_language_need_status_and_text(
    reg: Registry, town: dict[str, str]
) -> None:
    cases = {
        PersonFilter(): 5,
        PersonFilter(shelter_id=town["north"]): 3,
        PersonFilter(shelter_id=town["south"]): 2,
        PersonFilter(language="ko"): 2,
        PersonFilter(language="es"): 1,
        PersonFilter(language="fr"): 0,
        PersonFilter(need="elderly"): 2,
        PersonFilter(need="elderly", shelter_id=town["south"]): 1,
        PersonFilter(status="left"): 1,
        PersonFilter(status="checked_in"): 3,
        PersonFilter(text="nguyen"): 2,
        PersonFilter(text="nguyen", need="mobility"): 1,
        PersonFilter(text="kim", language="ko", shelter_id=town["south"], status="checked_in"): 1,
        PersonFilter(text="kim", shelter_id=town["north"]): 0,
        PersonFilter(text="   "): 5,
        PersonFilter(text="ー"): 0,
    }
    for filters, expected in cases.items():
        assert reg.count_persons(filters) == expected, filters
        assert len(reg.list_persons(filters)) == expected, filters
    assert _names(reg.list_persons(PersonFilter(language="ko"))) == ["ANDERSON LEE", "KIM MINJUN"]


def test_the_list_sorts_and_pages(reg: Registry, town: dict[str, str]) -> None:
    by_name = ["ANDERSON LEE", "KIM MINJUN", "NGUYEN BAO", "NGUYEN VAN AN", "SILVA MARIA"]
    assert _names(reg.list_persons(sort="name_latin")) == by_name
    assert _names(reg.list_persons(sort="name_latin", descending=True)) == by_name[::-1]
    assert _names(reg.list_persons(sort="name_latin", offset=1, limit=2)) == by_name[1:3]
    assert _names(reg.list_persons(sort="no_such_column")) == by_name
    # Youngest first, as the age column reads; no known age last.
    assert _names(reg.list_persons(sort="age")) == [
        "NGUYEN BAO", "KIM MINJUN", "SILVA MARIA", "NGUYEN VAN AN", "ANDERSON LEE",
    ]
    by_shelter = reg.list_persons(sort="shelter")
    assert [row.shelter_name for row in by_shelter] == ["北小学校"] * 3 + ["南公民館"] * 2
    statuses = [row.status for row in reg.list_persons(sort="status")]
    assert statuses == sorted(statuses)


def test_list_rows_carry_languages_needs_and_the_card_code(reg: Registry, town: dict[str, str]) -> None:
    (row,) = reg.list_persons(PersonFilter(text="silva"))
    assert row.id == town["maria"]
    assert row.languages == [("pt-BR", "native"), ("es", "fluent")]
    assert row.needs == ["diet_vegetarian"]
    assert row.shelter_name == "北小学校"
    assert row.status == "in_hospital"
    assert row.age.isdigit() and int(row.age) >= 34
    assert len(row.card_code) == 11
    assert reg.find_by_card_code(row.card_code) == row.id


def test_stats_count_what_was_registered(reg: Registry, town: dict[str, str]) -> None:
    reg.add_volunteer(VolunteerInput("SATO KEIKO", languages=[("vi", "fluent")]))
    stats = reg.stats()
    json.dumps(stats)  # the CLI prints it as JSON
    assert stats["totals"] == {
        "persons": 5, "checked_in": 3, "households": 3, "shelters": 2, "volunteers": 1,
    }
    assert stats["by_shelter"] == {"北小学校": 2, "南公民館": 1}
    assert stats["by_language"] == {"ko": 2, "vi": 2, "en": 1, "es": 1, "pt-BR": 1}
    assert stats["by_nationality"] == {"VN": 2, "BR": 1, "KR": 1, "US": 1}
    assert stats["by_need"] == {"elderly": 2, "diet_vegetarian": 1, "mobility": 1}
    assert stats["by_status"] == {"checked_in": 3, "in_hospital": 1, "left": 1}


def test_stats_keep_shelters_that_share_a_name_apart(reg: Registry) -> None:
    first = add_shelter(reg, "中央公民館")
    second = add_shelter(reg, "中央公民館")
    reg.register_household(first, [person("A"), person("B")])
    reg.register_household(second, [person("C")])
    by_shelter = reg.stats()["by_shelter"]
    assert sorted(by_shelter.values()) == [1, 2]
    assert by_shelter["中央公民館"] == 2


def test_stats_leave_out_deleted_people(reg: Registry, ws: Workspace, town: dict[str, str]) -> None:
    with ws.db.atomic():
        ws.oplog.delete("person", town["an"])
    stats = reg.stats()
    assert stats["totals"]["persons"] == 4
    assert stats["by_need"] == {"diet_vegetarian": 1, "elderly": 1}
    assert stats["by_language"]["vi"] == 1


# -- volunteers -----------------------------------------------------------------------------


def test_volunteers_are_added_listed_and_edited(reg: Registry, ws: Workspace) -> None:
    vid = reg.add_volunteer(VolunteerInput(
        "TANAKA YUKI", name_kana="タナカ ユキ", languages=[("vi", "fluent"), ("en", "basic")],
        skills=["medical"], phone="090-0000-1111",
    ))
    (row,) = reg.list_volunteers()
    assert (row.id, row.name_latin, row.skills, row.active) == (vid, "TANAKA YUKI", ["medical"], True)
    assert row.languages == [("vi", "fluent"), ("en", "basic")]
    edited = VolunteerInput("TANAKA YUKI", name_kana="タナカ ユキ", languages=[("vi", "fluent")],
                            skills=["medical"], phone="090-0000-1111", active=False)
    before = ws.oplog.version_vector()
    reg.update_volunteer(vid, edited)
    assert sorted((op.entity, op.field) for op in _new_ops(ws, before)) == [
        ("volunteer", "active"), ("volunteer_language", "_deleted"),
    ]
    row = reg.get_volunteer(vid)
    assert (row.languages, row.active) == ([("vi", "fluent")], False)


def test_invalid_volunteers_are_all_reported_and_nothing_is_saved(reg: Registry, ws: Workspace) -> None:
    ops = count(ws.conn, "ops")
    with pytest.raises(ValidationError) as caught:
        reg.add_volunteers([
            VolunteerInput("", skills=["juggling"]),
            VolunteerInput("FINE"),
            VolunteerInput("BAD", languages=[("xx", "native")]),
        ])
    assert {p.field for p in caught.value.problems} == {
        "volunteers[0].name_latin", "volunteers[0].skills", "volunteers[2].languages",
    }
    assert count(ws.conn, "ops") == ops
