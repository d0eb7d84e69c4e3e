"""The Duplicates page and the export dialog, as a coordinator uses them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from disastercenter.core.people import PersonInput, ShelterInput
from disastercenter.services.registry import Registry
from disastercenter.store.db import open_workspace
from disastercenter.ui.dialogs.export_state import ExportStateDialog
from disastercenter.ui.dialogs.registration import PersonEditDialog
from disastercenter.ui.i18n import i18n
from tests.ui.helpers import add_family, main_window
from tests.ui.test_main_window import _texts


def _an(**fields: object) -> PersonInput:
    values: dict[str, object] = dict(
        name_latin="NGUYEN Van An", name_native="Nguyễn Văn An", name_kana="グエン ヴァン アン",
        sex="male", birth_date="1988-03-02", nationality="VN", languages=[("vi", "native")],
        phone="090-1111-2222", consent_basis="emergency",
    )
    values.update(fields)
    return PersonInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "center.sqlite3"
    with open_workspace(db) as ws:
        registry = Registry(ws)
        add_family(registry)  # NGUYEN Van An (with Tran Thi Mai) and WANG Xiaoming at 大野北小学校
        south = registry.add_shelter(ShelterInput("相原中学校"))
        registry.register_household(south, [_an(name_latin="An Nguyễn Văn", name_native="")])
        registry.register_household(south, [PersonInput(
            name_kana="ワン シャオミン", sex="male", age_band="18-39", nationality="CN",
            languages=[("zh-Hans", "native")])])
    yield from main_window(qtbot, db)
    i18n.set_language("ja")


def _checked(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.task is not None and not page.task.is_running()
                    and page.find_button.isEnabled(), timeout=10_000)


def test_the_page_checks_in_the_background_and_shows_both_records_side_by_side(qtbot, window):
    window.show_page("duplicates")
    page = window.duplicates
    _checked(qtbot, page)
    assert [c.band for c in page.candidates][:1] == ["certain"]
    assert page.model.rowCount() == len(page.candidates) >= 1
    assert page.model.rows[0][0] == "確実"
    text = page.comparison.toPlainText()
    assert "NGUYEN Van An" in text and "An Nguyễn Văn" in text
    assert "大野北小学校" in text and "相原中学校" in text
    assert "生年月日が同じ（1988-03-02）" in text
    assert page.same_button.isEnabled()
    assert page.summary.text().startswith("確認待ち")


def test_same_person_links_the_records_and_they_show_together(qtbot, window):
    window.show_page("duplicates")
    page = window.duplicates
    _checked(qtbot, page)
    first = page.candidates[0]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_S)
    [linked] = window.registry.get_person(first.person_id).linked
    assert linked.id == first.other_id
    assert first not in page.candidates
    # The evacuee details and the edit dialog say where else the person is registered.
    window.show_page("evacuees")
    evacuees = window.evacuees
    evacuees.search.setText("An Nguyễn")
    evacuees.apply_filters()
    qtbot.waitUntil(lambda: evacuees.proxy.rowCount() >= 1, timeout=2000)
    evacuees.select_person(first.person_id) or evacuees.select_person(first.other_id)
    assert "ほかの登録先" in evacuees.details.toPlainText()
    dialog = PersonEditDialog(window.registry, first.person_id, window)
    qtbot.addWidget(dialog)
    assert dialog.linked.isVisibleTo(dialog)
    assert "ほかの登録先" in dialog.linked.text()


def test_different_people_are_not_proposed_again_and_skip_decides_nothing(qtbot, window):
    window.show_page("duplicates")
    page = window.duplicates
    _checked(qtbot, page)
    pairs = [frozenset((c.person_id, c.other_id)) for c in page.candidates]
    if len(pairs) > 1:
        page.table.selectRow(0)
        page.skip_button.click()
        assert page.table.selectionModel().selectedRows()[0].row() == 1
        page.table.selectRow(0)
    first = pairs[0]
    page.different_button.click()
    assert window.duplicates.review.decision(*sorted(first)).decision == "different"
    page.scan()
    _checked(qtbot, page)
    assert first not in {frozenset((c.person_id, c.other_id)) for c in page.candidates}


def test_a_check_can_be_cancelled_and_says_so(qtbot, window):
    registry = window.registry
    shelter = registry.list_shelters()[0].id
    registry.register_households([
        (shelter, [PersonInput(name_latin=f"PERSON {n:04d}", languages=[("en", "fluent")])], 0, "")
        for n in range(900)
    ])
    window.show_page("duplicates")
    page = window.duplicates
    page.cancel_scan()
    _checked(qtbot, page)
    assert "中止" in page.summary.text()


def test_closing_the_window_during_a_check_waits_for_it(qtbot, window):
    window.show_page("duplicates")
    page = window.duplicates
    window.close()
    assert not page.task.is_running()


def test_the_export_dialog_writes_the_file_in_the_background(qtbot, window, tmp_path, monkeypatch):
    reports: list = []
    monkeypatch.setattr(ExportStateDialog, "report", lambda self, summary: reports.append(summary))
    dialog = ExportStateDialog(window.workspace.path, window)
    qtbot.addWidget(dialog)
    assert not dialog.medical_warning.isVisibleTo(dialog)
    dialog.medical.setChecked(True)
    assert dialog.medical_warning.isVisibleTo(dialog)
    dialog.medical.setChecked(False)
    dialog.csv.setChecked(True)
    out = tmp_path / "roster.csv"
    dialog.path.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    [summary] = reports
    # Only the second registration has a basis (emergency); the others recorded none.
    assert (summary.path, summary.exported, summary.withheld) == (out, 1, 4)
    [row] = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert row["name_latin"] == "An Nguyễn Văn" and "notes" not in row
    assert dialog.result() == dialog.DialogCode.Accepted


def test_the_export_dialog_reports_an_unwritable_place_and_stays_open(qtbot, window, tmp_path):
    dialog = ExportStateDialog(window.workspace.path, window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "missing" / "roster.xlsx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=10_000)
    assert "書き込めません" in dialog.error.text()
    assert dialog.export_button.isEnabled()


def test_the_new_screens_are_translated(qtbot, window):
    i18n.missing.clear()
    sources = i18n.source_strings()
    window.show_page("duplicates")
    _checked(qtbot, window.duplicates)
    dialog = ExportStateDialog(window.workspace.path, window)
    qtbot.addWidget(dialog)
    seen = _texts(window) + _texts(dialog) + [a.text() for a in window.file_menu.actions()]
    seen += [window.duplicates.model.headerData(c, Qt.Orientation.Horizontal)
             for c in range(window.duplicates.model.columnCount())]
    assert i18n.missing == set()
    assert "重複の確認" in [window.nav.item(r).text() for r in range(window.nav.count())]
    untranslated = sorted({t for t in seen if t in sources and i18n._ja.get(t) != t})
    assert untranslated == []
