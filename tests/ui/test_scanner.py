"""A USB barcode scanner on the Evacuees page: it types a card's QR text fast and presses
Enter, wherever the keyboard focus is; the page opens the person with check-in/check-out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from disastercenter.core.ids import card_code
from disastercenter.core.scan_codes import (
    assignment_payload,
    form_payload,
    person_payload,
)
from disastercenter.services.registry import Registry
from disastercenter.store.db import open_workspace
from disastercenter.ui.dialogs.status import StatusDialog
from disastercenter.ui.i18n import i18n
from disastercenter.ui.pages.evacuees import EvacueesPage
from disastercenter.ui.scanner import BurstDetector
from tests.ui.helpers import add_family


@pytest.fixture
def page(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    ws = open_workspace(tmp_path / "shelter.sqlite3")
    registry = Registry(ws)
    add_family(registry)
    i18n.set_language("ja")
    widget = EvacueesPage(registry)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    yield widget
    widget.search_timer.stop()  # nothing may query the workspace once it is closed
    widget.close()
    i18n.set_language("ja")
    ws.close()


def person_id(page: EvacueesPage, name: str) -> str:
    return next(r.id for r in page.registry.list_persons() if r.name_latin == name)


def scan(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """What a scanner does: every character at once, then Enter, to the focused widget."""
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_card_scanned_while_the_list_has_focus_opens_the_person(qtbot, page) -> None:
    nguyen = person_id(page, "NGUYEN Van An")
    scan(qtbot, page.table, person_payload(nguyen))
    assert page.scan_panel.isVisible() and page.scan_panel.person_id == nguyen
    assert "NGUYEN Van An" in page.scan_panel.title.text()
    assert "Nguyễn Văn An" in page.scan_panel.title.text()
    assert page.selected_ids() == [nguyen]
    assert page.search.text() == card_code(nguyen)
    assert "避難中" in page.scan_panel.info.text()


def test_quick_check_out_and_check_in_from_the_scanned_card(qtbot, page) -> None:
    tran = person_id(page, "TRAN Thi Mai")
    scan(qtbot, page.details, person_payload(tran))
    assert page.scan_panel.check_out_button.isEnabled()
    assert not page.scan_panel.check_in_button.isEnabled()
    page.scan_panel.check_out_button.click()
    assert page.registry.get_person(tran).status == "left"
    assert "退所を記録しました" in page.scan_panel.result.text()
    assert page.scan_panel.check_in_button.isEnabled()
    page.scan_panel.check_in_button.click()
    person = page.registry.get_person(tran)
    assert [e.status for e in person.history] == ["checked_in", "left", "checked_in"]
    assert page.proxy.index(0, 0).data() == "TRAN Thi Mai"  # the list shows the person


def test_other_statuses_go_through_the_status_dialog(qtbot, page, monkeypatch) -> None:
    wang = person_id(page, "WANG Xiaoming")
    seen: list[list[str]] = []

    def to_hospital(dialog: StatusDialog) -> int:
        seen.append(dialog.person_ids)
        dialog.status.setCurrentIndex(dialog.status.findData("in_hospital"))
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(StatusDialog, "exec", to_hospital)
    scan(qtbot, page.table, person_payload(wang))
    page.scan_panel.other_button.click()
    assert seen == [[wang]]
    assert page.registry.get_person(wang).status == "in_hospital"
    assert "入院中" in page.scan_panel.info.text()


def test_a_scan_into_the_search_box_does_not_leave_the_code_there(qtbot, page) -> None:
    nguyen = person_id(page, "NGUYEN Van An")
    page.search.setText("グエン")
    scan(qtbot, page.search, person_payload(nguyen).lower())  # Caps Lock was on
    assert page.scan_panel.person_id == nguyen
    assert page.search.text() == card_code(nguyen)
    assert "dc1" not in page.search.text().lower()


def test_a_damaged_code_says_so_in_japanese_and_english(qtbot, page) -> None:
    payload = person_payload(person_id(page, "NGUYEN Van An"))
    damaged = payload[:-1] + ("0" if payload[-1] != "0" else "1")
    page.search.setText("グエン")
    scan(qtbot, page.table, damaged)
    assert page.scan_panel.isVisible() and page.scan_panel.person_id is None
    assert "読み取れないコード" in page.scan_panel.info.text()
    assert page.search.text() == "グエン"  # what was there before the scan
    assert not page.scan_panel.check_in_button.isVisible()
    i18n.set_language("en")
    scan(qtbot, page.table, "4987123456782")  # a medicine box's barcode
    assert "Unreadable code" in page.scan_panel.info.text()


def test_a_card_from_elsewhere_and_a_form_code_are_explained(qtbot, page) -> None:
    stranger = "0192f4e3-a1b2-7c3d-8e9f-001122334455"
    scan(qtbot, page.table, person_payload(stranger))
    assert card_code(stranger) in page.scan_panel.info.text()
    assert "登録されていません" in page.scan_panel.info.text()
    scan(qtbot, page.table, form_payload("registration", 1, "vi"))
    assert "用紙のQRコード" in page.scan_panel.info.text() and "ベトナム語" in page.scan_panel.info.text()
    scan(qtbot, page.table, assignment_payload(stranger))
    assert "通訳派遣カード" in page.scan_panel.info.text()


def test_a_card_code_typed_by_hand_opens_the_person(qtbot, page) -> None:
    wang = person_id(page, "WANG Xiaoming")
    code = card_code(wang).lower().replace("-", "")
    for char in code:  # a person types: keys far apart
        qtbot.keyClicks(page.search, char)
        qtbot.wait(70)
    assert not page.scan_panel.isVisible()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.scan_panel.person_id == wang


def test_a_slow_scanner_still_opens_the_person_through_the_search(qtbot, page) -> None:
    wang = person_id(page, "WANG Xiaoming")
    for char in person_payload(wang):
        qtbot.keyClicks(page.table, char)
        qtbot.wait(60)  # a slow wireless scanner: too slow to be told from typing
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.scan_panel.person_id == wang
    assert page.search.text() == card_code(wang)


def test_slow_typing_on_the_list_searches_instead_of_scanning(qtbot, page) -> None:
    for char in "wang":
        qtbot.keyClicks(page.table, char)
        qtbot.wait(70)
    assert page.search.text() == "wang"
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert not page.scan_panel.isVisible()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=2000)


def test_a_burst_is_a_scan_only_when_long_fast_and_ended_by_enter() -> None:
    detector = BurstDetector(max_gap_ms=50, min_length=8)
    for i, char in enumerate("ABCD-EFGH-J"):
        detector.key(char, 1000 + i * 8)
    assert detector.enter(1000 + 11 * 8) == "ABCD-EFGH-J"
    for i, char in enumerate("ABCDEFGHJ"):
        detector.key(char, 2000 + i * 120)  # typed by a person
    assert detector.enter(2000 + 9 * 120) is None
    for i, char in enumerate("ABC"):
        detector.key(char, 3000 + i * 5)  # fast but short
    assert detector.enter(3015) is None
    for i, char in enumerate("ABCDEFGHJ"):
        detector.key(char, 4000 + i * 5)
    assert detector.enter(4000 + 9 * 5 + 400) is None  # Enter came much later
