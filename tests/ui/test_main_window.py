"""The main window as a coordinator uses it: find, check out, switch language, shortcuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from disastercenter.core.people import PersonInput
from disastercenter.ui.app import app_settings, open_main_window
from disastercenter.ui.dialogs.registration import PersonEditDialog, RegistrationDialog
from disastercenter.ui.dialogs.status import StatusDialog
from disastercenter.ui.i18n import i18n
from disastercenter.ui.pages.shelters import ShelterDialog
from disastercenter.ui.pages.volunteers import VolunteerDialog
from tests.ui.helpers import family_window


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    yield from family_window(qtbot, tmp_path)
    i18n.set_language("ja")


def _visible_names(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.evacuees.proxy
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_a_registered_family_is_found_by_katakana(qtbot, window):
    window.find_person()
    assert window.evacuees.search.hasFocus() or window.stack.currentWidget() is window.evacuees
    window.evacuees.search.insert("グエン")  # as an input method commits it
    qtbot.waitUntil(lambda: _visible_names(window) == ["NGUYEN Van An"], timeout=2000)
    window.evacuees.search.clear()
    window.evacuees.search.insert("しゃおみん")  # hiragana finds the katakana reading
    qtbot.waitUntil(lambda: _visible_names(window) == ["WANG Xiaoming"], timeout=2000)
    # a single hit is selected so its details show at once
    assert "王小明" in window.evacuees.details.toPlainText()


def test_checking_a_member_out_records_the_change_in_the_history(qtbot, window, monkeypatch):
    page = window.evacuees
    window.show_page("evacuees")
    qtbot.keyClicks(page.search, "TRAN")
    qtbot.waitUntil(lambda: _visible_names(window) == ["TRAN Thi Mai"], timeout=2000)
    page.table.selectRow(0)
    person_id = page.selected_ids()[0]

    def choose_left(dialog: StatusDialog) -> int:
        dialog.status.setCurrentIndex(dialog.status.findData("left"))
        dialog.note.setText("大阪の親戚の家へ")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(StatusDialog, "exec", choose_left)
    page.status_button.click()

    person = window.registry.get_person(person_id)
    assert person.status == "left"
    assert [e.status for e in person.history] == ["checked_in", "left"]
    assert person.history[-1].note == "大阪の親戚の家へ"
    page.table.selectRow(0)
    assert "退所" in page.details.toPlainText()
    assert window.registry.stats()["by_status"] == {"checked_in": 2, "left": 1}


def test_switching_the_ui_to_english_changes_every_page_and_is_remembered(qtbot, window, tmp_path):
    assert window.nav.item(1).text() == "避難者"
    window.language_actions["en"].trigger()
    assert window.nav.item(1).text() == "Evacuees"
    assert window.evacuees.new_button.text() == "New household…"
    header = window.evacuees.proxy.headerData(0, Qt.Orientation.Horizontal)
    assert header == "Name (passport)"
    assert window.evacuees.status_filter.itemText(1) == "Checked in"
    assert app_settings().value("ui/language") == "en"
    window.close()

    i18n.set_language("ja")  # a new process starts with the default; the setting wins
    again = open_main_window(window.workspace.path)
    qtbot.addWidget(again)
    try:
        assert again.nav.item(0).text() == "Overview"
    finally:
        again.close()


def test_ctrl_n_opens_the_registration_dialog_and_ctrl_f_goes_to_search(qtbot, window, monkeypatch):
    opened: list[RegistrationDialog] = []
    monkeypatch.setattr(RegistrationDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    assert window.stack.currentWidget() is window.evacuees
    window.show_page("overview")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.evacuees


def test_the_list_fetches_rows_lazily_and_sorts_in_sql(qtbot, window):
    registry = window.registry
    shelter = registry.list_shelters()[0].id
    registry.register_households([
        (shelter, [PersonInput(name_latin=f"PERSON {n:04d}", languages=[("en", "fluent")])], 0, "")
        for n in range(450)
    ])
    page = window.evacuees
    page.refresh()
    model = page.model
    assert model.total == 453
    assert model.rowCount() == model.PAGE
    model.fetchMore()
    assert model.rowCount() == 2 * model.PAGE
    page.proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == model.PAGE
    assert page.proxy.index(0, 0).data() == "WANG Xiaoming"
    assert page.proxy.index(1, 0).data() == "TRAN Thi Mai"


def _texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if isinstance(child, (QLabel, QAbstractButton, QGroupBox)):
            texts.append(child.text() if not isinstance(child, QGroupBox) else child.title())
        if isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        if isinstance(child, QComboBox):
            texts.extend(child.itemText(i) for i in range(child.count()))
    return [t for t in texts if t]


def test_every_visible_string_has_a_japanese_translation(qtbot, window):
    i18n.missing.clear()
    sources = i18n.source_strings()
    seen: list[str] = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        seen.extend(_texts(window))
    registry = window.registry
    person_id = registry.list_persons()[0].id
    volunteer_dialog = VolunteerDialog(registry)
    dialogs: list[QDialog] = [
        RegistrationDialog(registry, window),
        PersonEditDialog(registry, person_id, window),
        StatusDialog(registry, [person_id], ["X"], window),
        ShelterDialog(registry, None, window),
        volunteer_dialog,
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        seen.extend(_texts(dialog))
    model = window.evacuees.proxy
    seen.extend(model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount()))
    seen.extend(
        window.evacuees.proxy.index(r, c).data()
        for r in range(model.rowCount()) for c in range(model.columnCount())
    )
    assert i18n.missing == set()
    untranslated = sorted({t for t in seen if t in sources and i18n._ja.get(t) != t})
    assert untranslated == []


def test_the_overview_shows_new_counts_after_a_registration_elsewhere(qtbot, window):
    assert window.stack.currentWidget() is window.overview
    assert "3" in window.overview.totals.text()
    window.show_page("evacuees")
    shelter = window.registry.list_shelters()[0].id
    window.registry.register_household(
        shelter, [PersonInput(name_latin="SILVA Joao", languages=[("pt-BR", "native")])]
    )
    window.evacuees.after_change()  # what the page does after its dialog saved
    window.show_page("overview")
    assert window.overview.totals.text().startswith("在所 4 人")
    languages = window.overview.boxes["by_language"][1]
    assert ["ポルトガル語", 1] in languages.rows


def test_pages_are_built_only_when_first_shown(qtbot, window):
    assert set(window._pages) == {"overview"}
    window.show_page("volunteers")
    assert set(window._pages) == {"overview", "volunteers"}


def test_choosing_another_workspace_opens_it_and_closes_the_first(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from disastercenter.ui.app import switch_workspace

    other = tmp_path / "center"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    opened: list = []
    window.workspace_requested.disconnect()
    window.workspace_requested.connect(lambda path: opened.append(switch_workspace(window, path)))
    window.open_action.trigger()
    new = opened[0]
    qtbot.addWidget(new)
    assert new.workspace.path == other.with_suffix(".sqlite3")
    assert new.registry.count_persons() == 0
    assert window._closed  # the first window let go of its workspace
    # A file that is not a workspace is refused with the reason, and the window stays.
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert switch_workspace(new, bad) is None
    assert shown and str(bad) in shown[0]
    new.close()
