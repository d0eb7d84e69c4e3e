"""The Phrasebook page as staff and translators use it: find a phrase in any language, compare
two languages, fix a translation and mark it reviewed, add a phrase, and the XLSX round trip."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from disastercenter.content.paths import shipped_dir
from disastercenter.content.roundtrip import ImportPlan
from disastercenter.services.phrasebook import PhrasebookService
from disastercenter.store.db import open_workspace
from disastercenter.ui.app import open_main_window
from disastercenter.ui.i18n import i18n
from disastercenter.ui.pages.phrasebook import (
    RTL_ROLE,
    ImportPreviewDialog,
    PhrasebookPage,
    UserPhraseDialog,
)
from tests.helpers import sha256
from tests.ui.helpers import add_family


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    from disastercenter.services.registry import Registry

    db = tmp_path / "center.sqlite3"
    with open_workspace(db) as ws:
        add_family(Registry(ws))
    main = open_main_window(db)
    i18n.set_language("en")
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()
    i18n.set_language("ja")


@pytest.fixture
def page(window) -> PhrasebookPage:  # type: ignore[no-untyped-def]
    assert "phrasebook" not in window._pages  # built on first show only
    window.show_page("phrasebook")
    return window.phrasebook


def _keys(page: PhrasebookPage) -> list[str]:
    return [page.proxy.key_at(page.proxy.index(r, 0)) for r in range(page.proxy.rowCount())]


def _search(qtbot, page: PhrasebookPage, text: str) -> None:  # type: ignore[no-untyped-def]
    page.search.clear()
    page.search.insert(text)  # as an input method commits it
    qtbot.waitUntil(lambda: not page.search_timer.isActive(), timeout=2000)


def test_phrases_are_found_by_key_category_and_text_in_any_language(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    total = page.model.rowCount()
    assert total >= 490 and page.proxy.rowCount() == total
    page.set_languages("si", "th")
    _search(qtbot, page, "毛布")  # Japanese, though Sinhala and Thai are shown
    assert "need.blanket" in _keys(page)
    _search(qtbot, page, "chăn")  # Vietnamese
    assert "need.blanket" in _keys(page)
    _search(qtbot, page, "need.blank")
    assert _keys(page) == ["need.blanket"]
    page.search.clear()
    page.category_filter.setCurrentIndex(page.category_filter.findData("notice"))
    assert _keys(page) and all(k.startswith(("notice.", "user.")) or
                               page.model.rows[page.model.row_of(k)].category == "notice" for k in _keys(page))
    page.category_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("reviewed"))
    assert _keys(page) == []  # everything shipped is unreviewed
    page.status_filter.setCurrentIndex(0)
    assert "of" in page.count_label.text() and str(total) in page.count_label.text()


def test_two_chosen_languages_are_shown_side_by_side_and_can_be_swapped(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.set_languages("my", "ar")
    header = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())]
    assert header[2].startswith("မြန်မာဘာသာ") and "Arabic" in header[3]
    _search(qtbot, page, "need.water")
    row = _keys(page).index("need.water")
    assert page.proxy.index(row, 2).data() == page.service.phrasebook().text("need.water", "my")
    arabic = page.proxy.index(row, 3)
    assert arabic.data(RTL_ROLE) and not page.proxy.index(row, 2).data(RTL_ROLE)
    option = QStyleOptionViewItem()
    page.table.itemDelegate().initStyleOption(option, arabic)
    assert option.direction == Qt.LayoutDirection.RightToLeft
    page.swap_languages()
    assert (page.model.left, page.model.right) == ("ar", "my")
    assert page.left_language.currentData() == "ar" and page.right_language.currentData() == "my"
    page.set_languages("ja", "en")
    assert page.proxy.index(_keys(page).index("need.water"), 2).data() == "水をください。"  # no markup


def test_a_translation_is_fixed_and_marked_reviewed_in_the_workspace_folder(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    shipped = sha256(shipped_dir("phrasebooks") / "vi.toml")
    page.set_languages("ja", "vi")
    _search(qtbot, page, "need.water")
    page.table.selectRow(0)
    assert page.right_text.toPlainText() == "Cho tôi xin nước."
    page.right_text.setPlainText("Làm ơn cho tôi ít nước.")
    assert not page.mark_reviewed()  # no reviewer name yet
    assert page.error.isVisibleTo(page) and "reviewer" in page.error.text()
    page.reviewer.setText("Nguyen T.")
    assert page.mark_reviewed()
    book = page.service.phrasebook()
    assert book.text("need.water", "vi") == "Làm ơn cho tôi ít nước."
    assert book.phrases["need.water"].reviews["vi"].reviewer == "Nguyen T."
    assert sha256(shipped_dir("phrasebooks") / "vi.toml") == shipped
    assert (page.service.override_dir / "vi.toml").is_file()
    row = _keys(page).index("need.water")
    assert page.proxy.index(row, 4).data().startswith("Reviewed by Nguyen T.")
    assert page.table.selectionModel().selectedRows()  # the edited phrase stays selected
    assert page.unreview_button.isEnabled()
    assert page.mark_unreviewed()
    assert not page.service.phrasebook().phrases["need.water"].reviews["vi"].is_reviewed


def test_a_bad_edit_shows_why_and_saves_nothing(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.set_languages("en", "th")
    _search(qtbot, page, "notice.meal")
    page.table.selectRow(0)
    before = page.service.phrasebook().text("notice.meal", "th")
    page.right_text.setPlainText("แจกอาหารที่ {place}")  # {time} dropped
    assert not page.save_text()
    assert "{time}" in page.error.text()
    assert page.service.phrasebook().text("notice.meal", "th") == before
    assert not (page.service.override_dir / "th.toml").exists()


def test_a_new_phrase_is_added_checked_and_shown(qtbot, page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: UserPhraseDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.editors["ja"].setText("バスは{time}に出ます。")  # 出 lacks furigana
        dialog.editors["ja_easy"].setText("バスは {time}に でます。")
        dialog.editors["en"].setText("The bus leaves at {time}.")
        assert not dialog.save()
        assert "Japanese" in dialog.error.text() and "出" in dialog.error.text()
        dialog.editors["ja"].setText("バスは{time}に{出|で}ます。")
        assert dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(UserPhraseDialog, "exec", fill)
    key = page.new_phrase()
    assert key == "user.the_bus_leaves_at"
    assert page.current_key == key and _keys(page).count(key) == 1
    assert "synced" in page.where_label.text()
    assert PhrasebookService(page.service.ws).user_phrases()[0].key == key


def test_the_xlsx_round_trip_runs_from_the_page(qtbot, page, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "vi.xlsx"
    page.set_languages("ja", "vi")
    monkeypatch.setattr(PhrasebookPage, "ask_save_path", classmethod(lambda cls, parent, s: str(path)))
    monkeypatch.setattr("disastercenter.ui.pages.phrasebook.QMessageBox.information", lambda *a: None)
    assert page.export_language() == path
    book = openpyxl.load_workbook(path)
    sheet = book.active
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "need.blanket")
    sheet.cell(row, 6).value = "Cho tôi xin một cái chăn ấm."
    book.save(path)
    previews: list[str] = []

    def accept(dialog: ImportPreviewDialog) -> int:
        qtbot.addWidget(dialog)
        previews.append(dialog.details.toPlainText())
        assert dialog.apply_button.isEnabled() and "1" in dialog.apply_button.text()
        return 1

    monkeypatch.setattr(PhrasebookPage, "ask_open_path", classmethod(lambda cls, parent: str(path)))
    monkeypatch.setattr(PhrasebookPage, "ask_reviewer", classmethod(lambda cls, parent, s: "Tran B."))
    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    assert page.import_language() == 1
    assert "+ Cho tôi xin một cái chăn ấm." in previews[0]
    phrase = page.service.phrasebook().phrases["need.blanket"]
    assert phrase.texts["vi"] == "Cho tôi xin một cái chăn ấm." and phrase.reviews["vi"].reviewer == "Tran B."


def test_every_string_of_the_page_and_its_dialogs_has_a_japanese_translation(qtbot, page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    i18n.missing.clear()
    i18n.set_language("ja")
    page.table.selectRow(0)
    dialog = UserPhraseDialog(page.service, page)
    qtbot.addWidget(dialog)
    preview = ImportPreviewDialog(ImportPlan("vi", "X", "f.xlsx"), page)
    qtbot.addWidget(preview)
    assert "変更はありません" in preview.details.toPlainText()
    assert page.save_button.text() == "文を保存" and dialog.windowTitle() == "新しいフレーズ"
    assert i18n.missing == set()
