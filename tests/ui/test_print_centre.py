"""The print centre as a coordinator uses it: choose, preview, save, print, cancel a kit; bad
input explained; languages that cannot print disabled; what was pointed at recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from disastercenter.core.errors import UserError
from disastercenter.core.people import PersonInput
from disastercenter.services import printing
from disastercenter.services.print_centre import notice_templates
from disastercenter.ui.dialogs.board_item import BoardItemDialog
from disastercenter.ui.i18n import i18n
from disastercenter.ui.pages.print_centre import _DRAWING, PrintCentrePage
from tests.printing.test_print_centre_services import thai_font_without_most_letters
from tests.printing.test_printables import pages, pdf_text
from tests.ui.helpers import family_window

TIMEOUT = 60_000


def idle(page: PrintCentrePage) -> bool:
    return (page.preview_task is None and page.job is None and page.fonts_task is None
            and not page.preview_timer.isActive())


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    yield from family_window(qtbot, tmp_path)
    i18n.set_language("ja")


@pytest.fixture
def page(qtbot, window) -> PrintCentrePage:  # type: ignore[no-untyped-def]
    window.show_page("print_centre")
    page = window.print_centre
    qtbot.waitUntil(lambda: bool(page.choices), timeout=TIMEOUT)  # fonts checked
    return page


def wait_for_preview(qtbot, page: PrintCentrePage) -> int:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: idle(page), timeout=TIMEOUT)
    return page.pdf.pageCount() if page.pdf.status() == QPdfDocument.Status.Ready else -1


def cell(page: PrintCentrePage, code: str, column: int = 0):  # type: ignore[no-untyped-def]
    model = page.language_model
    return model.index(model.CODES.index(code), column)


def checked(page: PrintCentrePage, code: str) -> bool:
    return cell(page, code).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_ctrl_7_opens_the_print_centre_with_every_printable(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert "print_centre" not in window._pages  # built when first shown
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.print_centre
    assert window.nav.item(6).text() == "印刷センター"
    page = window.print_centre
    assert page.what.count() == 9 and page.what.item(0).text() == "言語ボード"
    qtbot.waitUntil(lambda: idle(page), timeout=TIMEOUT)


def test_choosing_a_board_and_a_language_shows_its_pages_in_the_preview(qtbot, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.select("board_health")
    page.set_languages(["ne"])
    shown = wait_for_preview(qtbot, page)
    expected = printing.print_board("health", "ne", tmp_path / "health.pdf").pages
    assert shown == expected > 1
    assert str(expected) in page.preview_status.text()
    # the English line (trilingual) changes what is previewed
    page.current_options.english.setChecked(True)
    wait_for_preview(qtbot, page)
    assert page.preview_result is not None
    assert "Pain" in pdf_text(page.preview_result.path) or "pain" in pdf_text(page.preview_result.path)


def test_saving_writes_a_pdf_with_the_previewed_pages(qtbot, page, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page.select("sign")
    page.set_languages(["ja", "en", "vi", "ne", "my"])
    assert wait_for_preview(qtbot, page) == 1
    out = tmp_path / "out" / "toilet.pdf"
    out.parent.mkdir()
    monkeypatch.setattr(PrintCentrePage, "ask_save_path", lambda self, item: out)
    with qtbot.waitSignal(page.job_finished, timeout=TIMEOUT) as done:
        qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert done.args[0] == "saved" and str(out) in done.args[1]
    assert pages(out) == page.pdf.pageCount() == 1
    assert sorted(p.name for p in out.parent.iterdir()) == ["toilet.pdf"]  # no temporary file
    assert "Nhà vệ sinh" in pdf_text(out) or "Quầy" in pdf_text(out)


def test_printing_sends_every_page_to_the_printer(qtbot, page, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page.select("board_evacuee")
    page.set_languages(["vi"])
    previewed = wait_for_preview(qtbot, page)
    printed = tmp_path / "printer.pdf"

    def printer_to_file(self, options):  # type: ignore[no-untyped-def]
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        self._set_paper(printer, options)
        return printer

    monkeypatch.setattr(PrintCentrePage, "ask_printer", printer_to_file)
    with qtbot.waitSignal(page.job_finished, timeout=TIMEOUT) as done:
        qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert done.args[0] == "printed", done.args
    assert pages(printed) == previewed > 1


def test_cancelling_a_kit_leaves_no_files(qtbot, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.select("kit")
    page.set_languages(["ja", "en", "vi", "ne", "my", "ar"])
    qtbot.waitUntil(lambda: idle(page), timeout=TIMEOUT)
    assert "boards-my.pdf" in page.kit_files.toPlainText()
    folder = tmp_path / "kit"
    page.save(folder)
    assert page.job is not None and page.cancel_button.isVisible()
    qtbot.waitUntil(lambda: page.progress.value() >= 1, timeout=TIMEOUT)  # a file is done
    with qtbot.waitSignal(page.job_finished, timeout=TIMEOUT) as done:
        page.cancel_button.click()
    assert done.args[0] == "cancelled"
    assert page.message.text() == UserError("print.cancelled").message("ja")
    assert list(folder.iterdir()) == []
    assert page.save_button.isEnabled() and not page.cancel_button.isVisible()


def test_cancelling_a_long_pdf_stops_it_mid_file_and_writes_nothing(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    registry = window.registry
    shelter = registry.list_shelters()[0].id
    registry.register_households(
        [(shelter, [PersonInput(name_latin=f"NGUYEN Van {h}-{m}", languages=[("vi", "native")])
                    for m in range(4)], 0, "") for h in range(100)])
    window.show_page("print_centre")
    page = window.print_centre
    qtbot.waitUntil(lambda: bool(page.choices), timeout=TIMEOUT)
    page.select("cards")  # everyone at the shelter: 403 cards on 41 sheets
    assert wait_for_preview(qtbot, page) == 41
    out = tmp_path / "cards.pdf"
    drawn: list[int] = []
    shown: list[str] = []

    def drawing(done: int, total: int, label: str) -> None:
        drawn.append(done)
        if done == 2:  # the user sees the page counter and presses Cancel
            shown.append(page.message.text())
            page.cancel_button.click()

    with _DRAWING:  # the job waits for the drawing lock until we listen to it
        page.save(out)
        assert page.job is not None
        page.job.progress.connect(drawing)
    with qtbot.waitSignal(page.job_finished, timeout=TIMEOUT) as done:
        pass
    assert done.args[0] == "cancelled"
    assert shown == ["保存しています…（2ページ目）"]
    assert max(drawn) < 20  # stopped long before the 41st page
    assert list(tmp_path.glob("*.pdf*")) == []
    assert page.save_button.isEnabled()


def meal_notice(page: PrintCentrePage, time: str, place: str):  # type: ignore[no-untyped-def]
    """The meal notice chosen, with its two fields typed in; returns its options widget."""
    page.select("notice")
    options = page.current_options
    options.template.setCurrentIndex(options.template.findData("notice.meal"))
    options.set_field("time", time)
    options.set_field("place", place)
    return options


def test_bad_notice_values_are_explained_and_nothing_is_written(qtbot, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    options = meal_notice(page, "25:70", "")
    assert wait_for_preview(qtbot, page) == -1
    out = tmp_path / "meal.pdf"
    page.save(out)
    assert page.job is None and not out.exists()
    meal = next(t for t in notice_templates() if t.key == "notice.meal")
    from disastercenter.services.print_centre import check_notice_values

    (wrong_time,) = check_notice_values(meal, {"time": "25:70", "place": "x"})
    assert wrong_time.message("ja") in page.message.text()
    assert "{place}" in page.message.text()  # the empty field is named
    assert page.message.text() in page.preview_status.text() or "25:70" in page.preview_status.text()
    i18n.set_language("en")
    page.save(out)
    assert wrong_time.message("en") in page.message.text() and not out.exists()
    options.set_field("time", "12:00")
    options.set_field("place", "体育館")
    assert wait_for_preview(qtbot, page) == 1
    with qtbot.waitSignal(page.job_finished, timeout=TIMEOUT):
        page.save(out)
    assert "12:00" in pdf_text(out)


def test_a_language_the_fonts_cannot_print_is_disabled_with_the_reason(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The workspace's own fonts folder has a Thai font without most Thai letters.
    thai_font_without_most_letters(tmp_path / "content" / "fonts")
    window.show_page("print_centre")
    page = window.print_centre
    assert page.fonts_dir == tmp_path / "content" / "fonts"
    qtbot.waitUntil(lambda: bool(page.choices), timeout=TIMEOUT)
    page.select("sign")
    thai = cell(page, "th")
    assert not thai.flags() & Qt.ItemFlag.ItemIsEnabled and not checked(page, "th")
    status = cell(page, "th", 2).data()
    assert "印刷できません" in status and "文字が足りません" in status
    assert cell(page, "vi").flags() & Qt.ItemFlag.ItemIsUserCheckable
    page.set_languages(["ja", "th"])  # as a saved choice could be
    assert any("ภาษาไทย" in p for p in page.problems())
    out = tmp_path / "sign.pdf"
    page.save(out)
    assert not out.exists() and "ภาษาไทย" in page.message.text()


def test_the_review_status_and_both_names_are_shown_for_each_language(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    assert cell(page, "my").data() == "မြန်မာဘာသာ (my)"
    assert cell(page, "my", 1).data() == "ミャンマー語 · Burmese"
    choice = page.choices["my"]
    expected = {"reviewed": "確認済み", "unreviewed": "未確認"}.get(choice.review_state, "% 確認済み")
    assert expected in cell(page, "my", 2).data()
    page.language_search.setText("ミャンマー")
    assert page.language_proxy.rowCount() == 1
    page.language_search.setText("burm")
    assert page.language_proxy.rowCount() == 1


def test_a_sign_takes_at_most_five_languages(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.select("sign")
    page.set_languages(["ja", "en", "vi", "ne", "my"])
    page.language_model.setData(cell(page, "ar"), Qt.CheckState.Checked,
                                Qt.ItemDataRole.CheckStateRole)  # as a click does
    assert page.chosen_languages() == ["ja", "en", "vi", "ne", "my"]
    assert not checked(page, "ar") and checked(page, "my")
    assert "5" in page.message.text()
    qtbot.waitUntil(lambda: idle(page), timeout=TIMEOUT)


def test_cards_print_for_the_persons_selected_on_the_evacuees_page(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.show_page("evacuees")
    window.evacuees.search.setText("NGUYEN")
    window.evacuees.apply_filters()
    qtbot.waitUntil(lambda: window.evacuees.selected_ids() != [], timeout=5000)
    window.show_page("print_centre")
    page = window.print_centre
    page.select("cards")
    assert page.current_options.for_selected.isEnabled()
    page.current_options.for_selected.setChecked(True)
    assert wait_for_preview(qtbot, page) == 1
    out = tmp_path / "cards.pdf"
    with qtbot.waitSignal(page.job_finished, timeout=TIMEOUT):
        page.save(out)
    text = pdf_text(out)
    assert "NGUYEN" in text and "WANG" not in text


def test_pointing_at_a_board_item_adds_the_need_to_the_person(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = window.evacuees
    window.show_page("evacuees")
    page.search.setText("WANG")
    page.apply_filters()
    qtbot.waitUntil(lambda: page.selected_ids() != [], timeout=5000)
    person_id = page.selected_ids()[0]

    def point_at_halal(dialog: BoardItemDialog) -> int:
        dialog.search.setText("ハラール")
        assert dialog.proxy.rowCount() == 1
        assert dialog.selected_key() == "diet.halal"
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(BoardItemDialog, "exec", point_at_halal)
    page.board_item_button.click()
    assert "diet_halal" in [n.tag for n in window.registry.get_person(person_id).data.needs]
    assert "ハラール" in page.details.toPlainText()

    def point_at_cold(dialog: BoardItemDialog) -> int:
        assert dialog.choose("feeling.cold")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(BoardItemDialog, "exec", point_at_cold)
    page.board_item_button.click()
    assert "寒いです。" in window.registry.get_person(person_id).data.notes


def test_every_print_centre_string_has_a_japanese_translation(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    i18n.missing.clear()
    for row in range(page.what.count()):
        page.what.setCurrentRow(row)
        qtbot.waitUntil(lambda: idle(page), timeout=TIMEOUT)
    page.select("notice")
    page.current_options.one_per_page.setChecked(True)
    for key in page.current_options.templates:
        page.current_options.template.setCurrentIndex(page.current_options.template.findData(key))
    page.select("sign")
    page.current_options.sign.setCurrentIndex(page.current_options.sign.findData("wifi"))
    dialog = BoardItemDialog(page.registry, page.registry.list_persons()[0].id, "X", page)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: idle(page), timeout=TIMEOUT)
    assert i18n.missing == set()
