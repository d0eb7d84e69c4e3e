"""Interpreter matching through the services, on real workspaces: requests, runs, decisions,
history, sync through the op-log, exports and dispatch-card data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from disastercenter.core.errors import UserError
from disastercenter.core.people import VolunteerInput
from disastercenter.core.requests import RequestInput
from disastercenter.services.matching import Matching
from disastercenter.services.registry import Registry, ValidationError
from disastercenter.store.db import open_workspace
from tests.helpers import add_shelter, count, person, snapshot

DAY = "2026-09-01"
MATCHING_TABLES = ("interp_request", "request_event", "assignment", "volunteer", "volunteer_shift",
                   "volunteer_reach", "volunteer_language")


def at(hours: str) -> str:
    return f"{DAY} {hours}"


@pytest.fixture
def center(registry: Registry):  # type: ignore[no-untyped-def]
    """A shelter, two evacuees and three interpreters with shifts on 2026-09-01."""
    shelter = add_shelter(registry, "大野北小学校", name_en="Onokita Elementary School")
    family = registry.register_household(shelter, [
        person("GURUNG Sita", sex="female", languages=[("ne", "native"), ("en", "conversational")],
               easy_japanese=True, phone="090-1234-5678"),
        person("NGUYEN Van An", sex="male", languages=[("vi", "native")]),
    ])
    sita, an = family.person_ids
    ids = registry.add_volunteers([
        VolunteerInput("THAPA Maya", sex="female", languages=[("ne", "native"), ("ja", "fluent")],
                       skills=["medical"], phone="080-1111-2222", email="maya@example.org",
                       shifts=[(at("09:00"), at("13:00"))], reach={shelter: 0}, max_per_shift=2),
        VolunteerInput("SATO Ken", sex="male", languages=[("ja", "native"), ("en", "fluent")],
                       shifts=[(at("09:00"), at("17:00"))], reach={shelter: 20}, remote=True),
        VolunteerInput("NGUYEN Thi Lan", sex="female", languages=[("vi", "native"), ("ja", "fluent")],
                       shifts=[(at("13:00"), at("17:00"))], reach={shelter: 10}),
    ])
    matching = Matching(registry.ws, actor="tester")
    return matching, shelter, sita, an, ids


def request_for(matching: Matching, person_id: str, start: str, end: str, **fields: object) -> str:
    data = matching.request_defaults(person_id)
    data.start_at, data.end_at = at(start), at(end)
    for name, value in fields.items():
        setattr(data, name, value)
    return matching.raise_request(data)


def test_a_request_from_a_person_is_prefilled_with_her_languages_and_fallbacks(center) -> None:  # type: ignore[no-untyped-def]
    matching, shelter, sita, an, _ = center
    data = matching.request_defaults(sita)
    assert data.languages == ["ne", "en", "ja-x-easy"]
    assert (data.shelter_id, data.person_id, data.contact) == (shelter, sita, "090-1234-5678")
    assert matching.request_defaults(an).languages == ["vi"]


def test_invalid_requests_are_refused_with_every_problem_and_nothing_is_written(center) -> None:  # type: ignore[no-untyped-def]
    matching, _, sita, an, _ = center
    before = count(matching.conn, "ops")
    bad = RequestInput(languages=["xx", "ne", "ne"], kind="party", start_at=at("14:00"),
                       end_at=at("13:00"), person_id=an, same_gender=True)
    bad_person = matching.registry.get_person(an)
    assert bad_person.data.sex == "male"  # a known sex: same-gender is fine for him
    with pytest.raises(ValidationError) as caught:
        matching.raise_request(bad)
    keys = {(p.field, p.key) for p in caught.value.problems}
    assert keys == {("languages", "validation.unknown_language"), ("languages", "validation.duplicate_language"),
                    ("kind", "validation.choice"), ("end_at", "validation.window_order")}
    with pytest.raises(ValidationError) as caught:
        matching.raise_request(RequestInput(languages=[], start_at="tomorrow", end_at=at("13:00")))
    assert {p.key for p in caught.value.problems} == {"request.languages_required", "validation.time"}
    assert count(matching.conn, "ops") == before


def test_run_accept_rerun_reject_and_lock_follow_the_lifecycle_with_history(center) -> None:  # type: ignore[no-untyped-def]
    matching, _, sita, an, (maya, ken, lan) = center
    medical = request_for(matching, sita, "10:00", "11:00", kind="medical", place="hospital",
                          urgency="high")
    visit = request_for(matching, an, "14:00", "15:00")
    run = matching.run(at("00:00"), 24)
    assert run.summary()["assigned"] == 2 and run.created == 2
    first = matching.get_request(medical)
    assert first.status == "proposed" and first.assignment is not None
    assert first.assignment.volunteer_id == maya
    assert first.assignment.text("en") == "Thapa M. — Nepali native, medical, same shelter"
    assert first.assignment.text("ja") == "Thapa M. — ネパール語（母語）、医療、同じ避難所"
    matching.accept(first.assignment.id)
    assert matching.get_request(medical).status == "assigned"
    # Running again keeps the confirmed assignment and the unchanged proposal: no new records.
    assignments = count(matching.conn, "assignment")
    again = matching.run(at("00:00"), 24)
    assert (again.kept, again.created, again.withdrawn) == (2, 0, 0)
    assert count(matching.conn, "assignment") == assignments
    # Rejecting the proposal for An: next run proposes nobody else (Lan was the only one).
    second = matching.get_request(visit).assignment
    assert second is not None and second.volunteer_id == lan
    matching.reject(second.id, "Lan is sick")
    assert matching.get_request(visit).status == "open"
    third = matching.run(at("00:00"), 24)
    row = matching.get_request(visit)
    assert row.status == "unmet" and third.summary()["assigned"] == 1
    assert "rejected" in row.explanation["en"] or "busy" in row.explanation["en"]
    history = [(e.status, e.by) for e in row.history]
    assert history[0] == ("open", "tester") and ("open", "tester") in history[1:]
    assert [e.status for e in row.history][-1] == "unmet"
    assert all(e.at.endswith("Z") for e in row.history)


def test_a_locked_proposal_is_kept_when_a_better_volunteer_appears(center) -> None:  # type: ignore[no-untyped-def]
    matching, shelter, sita, _, (maya, ken, _) = center
    call = request_for(matching, sita, "15:00", "16:00", place="remote", languages=["en"])
    matching.run(at("00:00"), 24)
    proposal = matching.get_request(call).assignment
    assert proposal is not None and proposal.volunteer_id == ken
    matching.lock(proposal.id)
    matching.registry.add_volunteer(VolunteerInput(
        "BROWN Amy", languages=[("en", "native")], shifts=[(at("08:00"), at("18:00"))],
        remote=True, reach={shelter: 0},
    ))
    matching.run(at("00:00"), 24)
    assert matching.get_request(call).assignment.id == proposal.id  # type: ignore[union-attr]


def test_a_volunteer_deactivated_after_assignment_is_replaced_and_explained(center) -> None:  # type: ignore[no-untyped-def]
    matching, _, sita, _, (maya, ken, _) = center
    req = request_for(matching, sita, "10:00", "11:00", languages=["ne", "en"])
    matching.run(at("00:00"), 24)
    matching.accept(matching.get_request(req).assignment.id)  # type: ignore[union-attr]
    current = matching.registry.get_volunteer(maya).as_input()
    current.active = False
    matching.registry.update_volunteer(maya, current)
    run = matching.run(at("00:00"), 24)
    assert [w.code for w in run.plan.warnings] == ["fixed.volunteer_inactive"]
    row = matching.get_request(req)
    assert row.status == "proposed" and row.assignment.volunteer_id == ken  # type: ignore[union-attr]
    assert any("deactivated" in e.note for e in row.history)
    assert run.cancelled == 1


def test_a_swap_by_hand_is_checked_explained_and_locked(center) -> None:  # type: ignore[no-untyped-def]
    matching, _, sita, an, (maya, ken, lan) = center
    req = request_for(matching, sita, "10:00", "11:00", languages=["ne", "en"])
    assignment_id = matching.propose(req, ken)
    row = matching.get_request(req)
    assert row.assignment.id == assignment_id and row.assignment.locked  # type: ignore[union-attr]
    assert "English fluent (fallback)" in row.assignment.text("en")  # type: ignore[union-attr]
    with pytest.raises(UserError) as caught:
        matching.propose(req, lan)  # Lan speaks no Nepali or English
    assert caught.value.key == "matching.not_possible"
    assert "Nepali" in caught.value.message("en")


def test_cancel_complete_and_reopen_write_history(center) -> None:  # type: ignore[no-untyped-def]
    matching, _, sita, _, _ = center
    req = request_for(matching, sita, "10:00", "11:00")
    matching.run(at("00:00"), 24)
    assignment = matching.get_request(req).assignment
    matching.accept(assignment.id)  # type: ignore[union-attr]
    matching.complete(assignment.id)  # type: ignore[union-attr]
    assert matching.get_request(req).status == "done"
    assert matching.get_assignment(assignment.id).status == "done"  # type: ignore[union-attr]
    with pytest.raises(UserError):
        matching.accept(assignment.id)  # type: ignore[union-attr]
    matching.reopen_request(req)
    matching.cancel_request(req, "family left")
    assert [e.status for e in matching.get_request(req).history] == [
        "open", "proposed", "assigned", "done", "open", "cancelled"]


def test_another_workspace_that_applies_the_ops_has_the_same_matching_state(center, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    matching, _, sita, an, _ = center
    first = request_for(matching, sita, "10:00", "11:00", kind="medical")
    request_for(matching, an, "14:00", "15:00")
    matching.run(at("00:00"), 24)
    matching.accept(matching.get_request(first).assignment.id)  # type: ignore[union-attr]
    matching.run(at("00:00"), 24)
    ops = matching.oplog.ops_since({})
    with open_workspace(tmp_path / "center.sqlite3") as other:
        with other.db.atomic():
            other.oplog.apply_ops(reversed(ops))  # any order gives the same state
        mine, theirs = snapshot(matching.conn), snapshot(other.conn)
        for table in MATCHING_TABLES:
            assert mine[table] == theirs[table], table
        copy = Matching(other, actor="center")
        assert copy.get_request(first).status == "assigned"
        assert [e.status for e in copy.get_request(first).history] == [
            e.status for e in matching.get_request(first).history]


def test_dispatch_card_data_names_place_time_person_language_and_contact(center) -> None:  # type: ignore[no-untyped-def]
    matching, _, sita, _, (maya, *_rest) = center
    req = request_for(matching, sita, "10:00", "11:30", kind="medical", place="hospital",
                      place_detail="相模原協同病院 内科", notes="bring the medicine list")
    matching.run(at("00:00"), 24)
    assignment = matching.get_request(req).assignment
    card = matching.dispatch_card(assignment.id)  # type: ignore[union-attr]
    assert (card.start_local, card.end_local) == ("2026-09-01 10:00", "2026-09-01 11:30")
    assert (card.place, card.place_detail, card.shelter_name_ja) == ("hospital", "相模原協同病院 内科", "大野北小学校")
    assert (card.person_name_latin, card.language, card.contact) == ("GURUNG Sita", "ne", "090-1234-5678")
    assert (card.volunteer_name, card.volunteer_phone) == ("THAPA Maya", "080-1111-2222")
    assert card.assignment_id == assignment.id and len(card.code) == 11  # type: ignore[union-attr]


def test_dispatch_cards_print_with_a_qr_code_that_names_the_assignment(center, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from disastercenter.core.scan_codes import read_scan
    from tests.printing.test_printables import pdf_text, qr_texts

    matching, _, sita, _, _ = center
    req = request_for(matching, sita, "10:00", "11:30", kind="medical", place="hospital",
                      place_detail="相模原協同病院 内科")
    matching.run(at("00:00"), 24)
    assignment = matching.get_request(req).assignment
    matching.accept(assignment.id)  # type: ignore[union-attr]
    result = matching.print_dispatch([assignment.id], tmp_path / "dispatch.pdf")  # type: ignore[union-attr]
    text = " ".join(pdf_text(result.path).split())
    assert "THAPA Maya" in text and "GURUNG Sita" in text and "相模原協同病院" in text
    scans = [read_scan(code) for code in qr_texts(result.path, tmp_path)]
    assert [scan.assignment_id for scan in scans if scan] == [assignment.id]  # type: ignore[union-attr]
    schedule = matching.print_dispatch([assignment.id], tmp_path / "day.pdf", schedules=True)  # type: ignore[union-attr]
    assert "THAPA Maya" in pdf_text(schedule.path)


def test_plan_and_gap_report_export_as_csv_that_excel_reads(center, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    matching, _, sita, an, _ = center
    request_for(matching, sita, "10:00", "11:00")
    request_for(matching, an, "20:00", "21:00")  # nobody on shift then
    run = matching.run(at("00:00"), 24)
    plan_file, gap_file = tmp_path / "plan.csv", tmp_path / "gaps.csv"
    assert matching.export_plan_csv(run, plan_file, "en") == 2
    raw = plan_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(plan_file.read_text("utf-8-sig").splitlines()))
    by_person = {r["person"]: r for r in rows}
    assert by_person["GURUNG Sita"]["result"] == "proposed"
    assert by_person["NGUYEN Van An"]["explanation"].startswith("No Vietnamese interpreter free 9/1 20:00–21:00")
    assert matching.export_gaps_csv(run.gaps(), gap_file) == 2
    gaps = list(csv.DictReader(gap_file.read_text("utf-8-sig").splitlines()))
    assert (gaps[0]["language"], gaps[0]["window"], gaps[0]["unmet"]) == ("vi", "20:00–22:00", "1")
    with pytest.raises(UserError) as caught:
        matching.export_gaps_csv(run.gaps(), tmp_path / "missing" / "gaps.csv")
    assert caught.value.key == "file.write_failed"


def test_volunteer_availability_is_validated_and_updated_as_records(center) -> None:  # type: ignore[no-untyped-def]
    matching, shelter, _, _, (maya, *_rest) = center
    registry = matching.registry
    current = registry.get_volunteer(maya).as_input()
    assert current.shifts == [("2026-09-01T00:00:00Z", "2026-09-01T04:00:00Z")]
    current.shifts = [(at("09:00"), at("12:00")), (at("11:00"), at("15:00")), (at("18:00"), at("17:00"))]
    current.max_per_shift = -1
    current.reach = {shelter: 0, "5b7d3e0c-0000-4000-8000-000000000000": 10}
    with pytest.raises(ValidationError) as caught:
        registry.update_volunteer(maya, current)
    assert {p.key for p in caught.value.problems} == {
        "validation.windows_overlap", "validation.window_order", "validation.range", "record.not_found"}
    current = registry.get_volunteer(maya).as_input()
    current.shifts = [(at("13:00"), at("17:00"))]
    current.remote = True
    registry.update_volunteer(maya, current)
    saved = registry.get_volunteer(maya)
    assert saved.shifts == [("2026-09-01T04:00:00Z", "2026-09-01T08:00:00Z")] and saved.remote
    assert count(matching.conn, "volunteer_shift", f"volunteer_id = '{maya}' AND deleted = 0") == 1
    available = matching.available_volunteers(at("14:00"), at("15:00"))
    assert {v.name for v in available} == {"THAPA Maya", "SATO Ken", "NGUYEN Thi Lan"}
