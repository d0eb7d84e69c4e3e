"""The Sync page as a center coordinator uses it: import a shelter's bundle, review a conflict,
accept a quarantined bundle, export for a shelter; every string translated."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from disastercenter.services.registry import Registry
from disastercenter.ui.app import open_main_window
from disastercenter.ui.i18n import i18n
from disastercenter.ui.pages.sync import SyncPage
from tests.helpers import add_shelter, person
from tests.sync_helpers import KEY_PASSPHRASE, Node, outbox

SCREENSHOTS = os.environ.get("DC_SCREENSHOTS")  # a folder: save what the page looks like


@pytest.fixture
def world(qtbot, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    """A center window, a shelter it enrolled that sent a conflicting edit, and a stranger."""
    center = Node(tmp_path / "center.sqlite3", "Center", "center")
    shelter = Node(tmp_path / "a.sqlite3", "Shelter A")
    stranger = Node(tmp_path / "c.sqlite3", "Shelter C")
    center.enroll(shelter)
    shelter.enroll(center)
    stranger.enroll(center)
    registry = Registry(shelter.ws)
    person_id = registry.register_household(add_shelter(registry), [person("Nguyen Van An")]).person_ids[0]
    usb = outbox(tmp_path)
    center.sync.import_bundle(shelter.sync.export_bundle(usb).path)
    with center.ws.db.atomic():
        center.ws.oplog.write("person", person_id, {"phone": "090-1111-1111"})
    with shelter.ws.db.atomic():
        shelter.ws.oplog.write("person", person_id, {"phone": "080-2222-2222"})
    first = shelter.sync.export_bundle(usb).path
    add_shelter(Registry(stranger.ws), "市民体育館")  # the stranger has data of its own
    second = stranger.sync.export_bundle(usb).path
    for node in (center, shelter, stranger):
        node.close()
    i18n.set_language("ja")
    window = open_main_window(center.ws.path)
    qtbot.addWidget(window)
    window.show()
    page: SyncPage = window.sync
    window.show_page("sync")
    answers = {"passphrase": KEY_PASSPHRASE}
    monkeypatch.setattr(page, "ask_passphrase", lambda title, prompt: answers["passphrase"])
    monkeypatch.setattr(page, "confirm", lambda title, text: True)
    told: list[str] = []
    monkeypatch.setattr(page, "tell", lambda title, text: told.append(text))
    monkeypatch.setattr(page, "warn", lambda title, text: told.append(text))
    yield window, page, [first, second], usb, person_id, told
    window.close()
    i18n.set_language("ja")


def _shot(window, name: str) -> None:  # type: ignore[no-untyped-def]
    if SCREENSHOTS:
        window.resize(1400, 860)
        window.grab().save(str(Path(SCREENSHOTS) / f"{name}.png"))


def test_importing_shows_what_came_in_and_the_conflict_can_be_settled(qtbot, world):
    window, page, (first, second), usb, person_id, told = world
    # The window's keys are locked: importing asks for the passphrase, then runs in the background.
    with qtbot.waitSignal(page.job_done, timeout=30_000):
        page.import_files([first, second])
    summary, refused = page.last_summaries
    assert summary.status == "imported" and summary.conflicts == 1
    assert "競合 1 件" in told[-1] and "隔離" in told[-1]
    assert page.tabs.tabText(2) == "競合 (1)" and page.tabs.tabText(3) == "隔離 (1)"
    _shot(window, "sync-after-import-ja")
    # Review: the phone number changed on both devices.
    page.tabs.setCurrentIndex(2)
    page.conflicts_view.selectRow(0)
    values = [page.choices_model.rows[r][1] for r in range(page.choices_model.rowCount())]
    assert sorted(values) == ["080-2222-2222", "090-1111-1111"]
    _shot(window, "sync-conflicts-ja")
    row = values.index("090-1111-1111")
    page.choices_view.selectRow(row)
    page.keep_selected_value()
    assert page.service.conflicts() == [] and page.tabs.tabText(2) == "競合 (0)"
    phone = window.registry.get_person(person_id).data.phone
    assert phone == "090-1111-1111"


def test_a_quarantined_bundle_is_accepted_after_comparing_words(qtbot, world):
    window, page, (first, second), usb, person_id, told = world
    with qtbot.waitSignal(page.job_done, timeout=30_000):
        page.import_files([second])
    page.tabs.setCurrentIndex(3)
    assert page.quarantine_model.rowCount() == 1
    assert page.quarantine_model.rows[0][1] == "Shelter C"
    _shot(window, "sync-quarantine-ja")
    page.quarantine_view.selectRow(0)
    with qtbot.waitSignal(page.job_done, timeout=30_000):
        page.accept_quarantined()
    assert page.quarantine_model.rowCount() == 0
    assert "Shelter C" in [row[0] for row in page.peers_model.rows]
    assert "市民体育館" in [s.name_ja for s in window.registry.list_shelters()]


def test_exporting_for_a_shelter_writes_a_bundle_in_the_chosen_folder(qtbot, world, monkeypatch):
    window, page, _bundles, usb, _person_id, told = world
    assert page.unlock()
    stick = usb.parent / "stick"
    stick.mkdir()
    monkeypatch.setattr(page, "choose_folder", lambda title: stick)
    page.export_target.setCurrentIndex(page.export_target.findText("Shelter A"))
    with qtbot.waitSignal(page.job_done, timeout=30_000):
        page.export_for()
    (bundle,) = stick.iterdir()
    assert bundle.suffix == ".dcb" and str(bundle) in page.status.text()
    window.set_language("en")
    assert page.tabs.tabText(1) == "History"
    assert page.history_model.rows[0][1] == "Exported"
    _shot(window, "sync-en")


def test_a_wrong_key_passphrase_is_said_and_nothing_is_imported(qtbot, world, monkeypatch):
    window, page, (first, _second), _usb, _person_id, told = world
    monkeypatch.setattr(page, "ask_passphrase", lambda title, prompt: "not the passphrase")
    before = page.service.history()
    page.import_files([first])
    assert page.job is None and "パスフレーズが違います" in told[-1]
    assert page.service.history() == before


def test_every_string_of_the_sync_page_has_a_japanese_translation(qtbot, world):
    window, page, (first, second), *_ = world
    i18n.missing.clear()
    with qtbot.waitSignal(page.job_done, timeout=30_000):
        page.import_files([first, second])
    page.refresh()
    page.tabs.setCurrentIndex(2)
    page.conflicts_view.selectRow(0)
    window.show_page("overview")
    window.set_language("en")
    window.set_language("ja")
    window.show_page("sync")
    assert i18n.missing == set()
    shown = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert shown == ["相手先", "履歴", "競合 (1)", "隔離 (1)", "重複の確認"]


def test_a_watched_folder_imports_bundles_as_they_appear(qtbot, world, monkeypatch):
    window, page, (first, _second), usb, person_id, told = world
    assert page.unlock()
    shared = usb.parent / "shared"
    shared.mkdir()
    monkeypatch.setattr(page, "choose_folder", lambda title: shared)
    with qtbot.waitSignal(page.job_done, timeout=30_000):
        page.watch_check.setChecked(True)  # asks for the folder, then looks at once
    assert page.watch_timer.isActive() and page.service.conflicts() == []
    first.rename(shared / first.name)  # a bundle arrives
    with qtbot.waitSignal(page.job_done, timeout=30_000):
        page.scan_watched_folder()  # what the timer does every few seconds
    assert first.name in page.status.text() and len(page.service.conflicts()) == 1
    page.watch_check.setChecked(False)
    assert not page.watch_timer.isActive()
