"""The matching board as a coordinator uses it: run (off the GUI thread), accept, reject,
lock, a new request from an evacuee, availability in the volunteer dialog, gap report export,
roster import."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QWidget

from disastercenter.core.people import PersonInput, ShelterInput, VolunteerInput
from disastercenter.services.matching import Matching
from disastercenter.services.registry import Registry
from disastercenter.store.db import open_workspace
from disastercenter.ui.app import open_main_window
from disastercenter.ui.dialogs.request import ChooseVolunteerDialog, RequestDialog
from disastercenter.ui.dialogs.roster_import import RosterImportDialog
from disastercenter.ui.i18n import i18n
from disastercenter.ui.pages.matching import GapReportDialog
from disastercenter.ui.pages.volunteers import VolunteerDialog, VolunteersPage
from tests.ui.test_main_window import _texts


def at(hours: str) -> str:
    return f"2026-09-01 {hours}"


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "center.sqlite3"
    with open_workspace(db) as ws:
        registry = Registry(ws)
        shelter = registry.add_shelter(ShelterInput("大野北小学校", "Onokita Elementary School"))
        registry.register_household(shelter, [
            PersonInput(name_latin="GURUNG Sita", sex="female",
                        languages=[("ne", "native"), ("en", "conversational")], phone="090-1234-5678"),
            PersonInput(name_latin="NGUYEN Van An", sex="male", languages=[("vi", "native")]),
        ])
        registry.add_volunteers([
            VolunteerInput("THAPA Maya", languages=[("ne", "native")], skills=["medical"],
                           shifts=[(at("08:00"), at("12:00"))], reach={shelter: 0}),
            VolunteerInput("SATO Ken", languages=[("ja", "native"), ("en", "fluent")],
                           shifts=[(at("08:00"), at("16:00"))], reach={shelter: 20}, remote=True),
        ])
        matching = Matching(ws, actor="tester")
        for person in registry.list_persons():
            data = matching.request_defaults(person.id)
            data.start_at, data.end_at = at("10:00"), at("12:00")
            matching.raise_request(data)
    main = open_main_window(db)
    qtbot.addWidget(main)
    main.set_language("en")
    main.show()
    main.show_page("matching")
    main.matching.day.setDate(QDate(2026, 9, 1))
    yield main
    main.close()
    i18n.set_language("ja")


def run(qtbot, page) -> object:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.run_finished, timeout=30000) as signal:
        page.run_button.click()
    assert page.progress.isHidden() and page.run_button.isEnabled()
    return signal.args[0]


def cell(page, name: str, column: int) -> str:  # type: ignore[no-untyped-def]
    proxy = page.requests_proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 2).data() == name:
            return proxy.index(row, column).data()
    raise AssertionError(name)


def select(page, name: str) -> None:  # type: ignore[no-untyped-def]
    proxy = page.requests_proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 2).data() == name:
            page.requests_view.selectRow(row)
            return
    raise AssertionError(name)


def test_running_shows_explained_proposals_and_unmet_requests(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.matching
    assert cell(page, "GURUNG Sita", 6) == "Waiting"
    result = run(qtbot, page)
    assert result.summary()["assigned"] == 1
    assert "2 requests, 1 assigned" in page.summary.text()
    assert cell(page, "GURUNG Sita", 7) == "THAPA Maya"
    assert cell(page, "GURUNG Sita", 8) == "Thapa M. — Nepali native, same shelter"
    assert cell(page, "NGUYEN Van An", 6) == "Unmet"
    assert cell(page, "NGUYEN Van An", 8).startswith("No active volunteer speaks Vietnamese.")
    select(page, "NGUYEN Van An")
    assert "No active volunteer speaks Vietnamese" in page.details.toPlainText()
    assert not page.accept_button.isEnabled()
    window.set_language("ja")  # the same board in Japanese
    assert cell(page, "GURUNG Sita", 8) == "Thapa M. — ネパール語（母語）、同じ避難所"


def test_accept_lock_and_reject_change_the_request_and_its_history(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.matching
    run(qtbot, page)
    select(page, "GURUNG Sita")
    assert page.accept_button.isEnabled() and page.lock_button.text() == "Lock"
    page.lock_button.click()
    select(page, "GURUNG Sita")
    assert page.lock_button.text() == "Unlock" and "🔒" in cell(page, "GURUNG Sita", 6)
    page.accept_button.click()
    assert cell(page, "GURUNG Sita", 6) == "Assigned"
    select(page, "GURUNG Sita")
    assert page.done_button.isEnabled()
    history = page.details.toPlainText()
    assert "Proposed" in history and "locked" in history and "confirmed" in history
    page.reject_button.click()
    assert cell(page, "GURUNG Sita", 6) == "Waiting"
    result = run(qtbot, page)
    # Maya was rejected for Sita; Ken (English fallback, by phone or in person) is proposed.
    assert cell(page, "GURUNG Sita", 7) == "SATO Ken"
    assert "English fluent (fallback)" in cell(page, "GURUNG Sita", 8)
    assert result.summary()["assigned"] == 1


def test_a_cancelled_run_changes_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.matching
    page.run()
    page.cancel_button.click()
    assert page.run_button.isEnabled() and "nothing was changed" in page.summary.text()
    qtbot.wait(300)
    assert cell(page, "GURUNG Sita", 6) == "Waiting"


def test_a_new_request_from_an_evacuee_is_prefilled_with_the_fallback_chain(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[list[str]] = []

    def fill(dialog: RequestDialog) -> int:
        seen.append(dialog.languages.value())
        dialog.urgency.setCurrentIndex(dialog.urgency.findData("critical"))
        dialog.day.setDate(QDate(2026, 9, 1))
        dialog.slot.setCurrentIndex(dialog.slot.findData(14))
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(RequestDialog, "exec", fill)
    window.show_page("evacuees")
    page = window.evacuees
    sita = window.registry.search("gurung")[0].id
    assert page.select_person(sita)
    assert page.interpreter_button.isEnabled()
    page.interpreter_button.click()
    assert seen == [["ne", "en"]]
    assert window.stack.currentWidget() is window.matching
    requests = window.matching.matching.list_requests()
    new = [r for r in requests if r.data.urgency == "critical"]
    assert len(new) == 1 and new[0].window_text() == "09/01 14:00–16:00"


def test_a_request_dialog_reports_bad_input_next_to_the_form(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.matching
    dialog = RequestDialog(page.matching, None, None, window)
    qtbot.addWidget(dialog)
    dialog.slot.setCurrentIndex(0)
    dialog.start.setTime(dialog.end.time().addSecs(3600))  # ends before it starts
    dialog.save()
    assert dialog.error.isVisible() or not dialog.error.isHidden()
    assert "must be after the start" in dialog.error.text() and "Add at least one language" in dialog.error.text()
    assert dialog.result() == 0


def test_choosing_an_interpreter_by_hand_locks_the_choice(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = window.matching
    select(page, "GURUNG Sita")

    def pick(dialog: ChooseVolunteerDialog) -> int:
        names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
        assert names == ["THAPA Maya", "SATO Ken"] or sorted(names) == ["SATO Ken", "THAPA Maya"]
        dialog.table.selectRow(names.index("SATO Ken"))
        dialog.choose()
        return int(dialog.result())

    monkeypatch.setattr(ChooseVolunteerDialog, "exec", pick)
    page.choose_button.click()
    assert cell(page, "GURUNG Sita", 7) == "SATO Ken" and "🔒" in cell(page, "GURUNG Sita", 6)


def test_the_gap_report_exports_csv(qtbot, window, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = window.matching
    run(qtbot, page)
    target = tmp_path / "gaps.csv"
    monkeypatch.setattr(GapReportDialog, "ask_path", classmethod(lambda cls, parent: str(target)))

    def export(dialog: GapReportDialog) -> int:
        assert dialog.model.rowCount() == 2
        dialog.export_button.click()
        assert "2 rows written" in dialog.message.text()
        return 0

    monkeypatch.setattr(GapReportDialog, "exec", export)
    page.gaps_button.click()
    rows = list(csv.DictReader(target.read_text("utf-8-sig").splitlines()))
    assert {(r["language"], r["unmet"]) for r in rows} == {("vi", "1"), ("ne", "0")}


def test_the_gap_report_prints_as_a_pdf_naming_each_language_in_its_own_script(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch, tmp_path: Path
) -> None:
    from tests.printing.test_printables import pdf_text

    page = window.matching
    run(qtbot, page)
    target = tmp_path / "gaps.pdf"
    monkeypatch.setattr(GapReportDialog, "ask_pdf_path", classmethod(lambda cls, parent: str(target)))

    def save(dialog: GapReportDialog) -> int:
        dialog.print_button.click()
        assert "pages written to" in dialog.message.text()
        return 0

    monkeypatch.setattr(GapReportDialog, "exec", save)
    page.gaps_button.click()
    text = " ".join(pdf_text(target).split())
    assert "Tiếng Việt" in text and "नेपाली" in text and "Interpreter gap report" in text


def test_the_volunteer_dialog_edits_availability_reach_and_remote(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    registry = window.registry
    maya = next(v for v in registry.list_volunteers() if v.name_latin == "THAPA Maya")
    dialog = VolunteerDialog(registry, maya.id, window)
    qtbot.addWidget(dialog)
    assert len(dialog.shifts.rows) == 1 and dialog.shifts.values() == [(at("08:00"), at("12:00"))]
    dialog.shifts.add_row((at("13:00"), at("17:00")))
    dialog.reach.rows[0][1][1].setValue(5)
    dialog.remote.setChecked(True)
    dialog.max_per_shift.setValue(3)
    dialog.save()
    saved = registry.get_volunteer(maya.id)
    assert saved.shifts == [("2026-08-31T23:00:00Z", "2026-09-01T03:00:00Z"),
                            ("2026-09-01T04:00:00Z", "2026-09-01T08:00:00Z")]
    assert list(saved.reach.values()) == [5] and saved.remote and saved.max_per_shift == 3
    # Overlapping shifts are refused with a message; nothing is saved.
    dialog = VolunteerDialog(registry, maya.id, window)
    qtbot.addWidget(dialog)
    dialog.shifts.add_row((at("11:00"), at("14:00")))
    dialog.save()
    assert "overlap" in dialog.error.text() and dialog.result() == 0
    assert len(registry.get_volunteer(maya.id).shifts) == 2


def test_a_roster_is_previewed_then_imported(qtbot, window, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roster = tmp_path / "roster.csv"
    roster.write_text("name_latin,email,languages,availability,reach\n"
                      "TRAN Minh,minh@example.org,vi:native,2026-09-01 08:00-12:00,大野北小学校:10\n"
                      "BAD Row,bad@example.org,klingon,,\n", encoding="utf-8")
    monkeypatch.setattr(VolunteersPage, "ask_roster_path", classmethod(lambda cls, parent: str(roster)))
    shown: list[str] = []

    def preview(dialog: RosterImportDialog) -> int:
        shown.append(dialog.summary.text())
        assert dialog.model.index(1, 3).data() == "languages: Unknown language: klingon"
        assert dialog.import_button.text() == "Import 1 rows"
        dialog.import_button.click()
        return int(dialog.result())

    monkeypatch.setattr(RosterImportDialog, "exec", preview)
    window.show_page("volunteers")
    window.volunteers.import_button.click()
    assert shown and "1 with errors" in shown[0]
    names = [window.volunteers.model.rows[r][0] for r in range(window.volunteers.model.rowCount())]
    assert "TRAN Minh" in names
    # The imported volunteer covers An's Vietnamese request on the next run.
    window.show_page("matching")
    run(qtbot, window.matching)
    assert cell(window.matching, "NGUYEN Van An", 7) == "TRAN Minh"


def test_every_string_of_the_board_and_its_dialogs_is_translated(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.set_language("ja")
    i18n.missing.clear()
    page = window.matching
    run(qtbot, page)
    select(page, "GURUNG Sita")
    seen = _texts(page)
    row = page.selected()
    dialogs: list[QWidget] = [
        RequestDialog(page.matching, None, None, window),
        RequestDialog(page.matching, None, row.id, window),  # type: ignore[union-attr]
        ChooseVolunteerDialog(page.matching, row, window),  # type: ignore[arg-type]
        GapReportDialog(page.matching, page.last_run.gaps(), window),  # type: ignore[union-attr]
        VolunteerDialog(window.registry, window.registry.list_volunteers()[0].id, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        seen.extend(_texts(dialog))
    model = page.requests_proxy
    seen.extend(model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount()))
    assert i18n.missing == set()
    assert all(isinstance(d, QDialog) for d in dialogs)
    position = [key for key, _title in window.PAGES].index("matching")
    assert window.nav.item(position).text() == "通訳マッチング"


def test_a_confirmed_assignment_prints_its_dispatch_card_and_the_day_schedules(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch, tmp_path: Path
) -> None:
    from tests.printing.test_printables import pdf_text

    page = window.matching
    run(qtbot, page)
    select(page, "GURUNG Sita")
    assert not page.dispatch_button.isEnabled()  # proposed, not yet confirmed
    page.accept_button.click()
    select(page, "GURUNG Sita")
    assert page.dispatch_button.isEnabled()
    card, schedules = tmp_path / "card.pdf", tmp_path / "day.pdf"
    paths = iter([str(card), str(schedules)])
    monkeypatch.setattr(type(page), "ask_pdf_path", classmethod(lambda cls, parent, title, name: next(paths)))
    page.dispatch_button.click()
    assert "THAPA Maya" in pdf_text(card) and "GURUNG Sita" in pdf_text(card)
    page.schedules_button.click()
    assert "THAPA Maya" in pdf_text(schedules)
    assert "pages written to" in page.summary.text()
