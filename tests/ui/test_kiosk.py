"""The self-registration kiosk as evacuees and staff use it: language board, the form in the
evacuee's language, errors in that language, staff PIN and review, then the evacuee list.

Widgets are driven through their own methods (setText for non-ASCII text, click for buttons).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics

from disastercenter.content.phrasebook import load_phrasebook
from disastercenter.core.languages import LANGUAGES
from disastercenter.core.people import ShelterInput
from disastercenter.store.db import open_workspace
from disastercenter.ui.app import open_main_window
from disastercenter.ui.i18n import i18n
from disastercenter.ui.kiosk.fonts import own_families
from disastercenter.ui.kiosk.pin import SETTINGS_KEY, KioskStartDialog, PinStore
from disastercenter.ui.kiosk.review import CallStaffPage, ReviewPage
from disastercenter.ui.kiosk.texts import RLM, KioskTexts
from disastercenter.ui.kiosk.window import DonePage, KioskWindow

PIN = "4831"


@pytest.fixture
def pins(tmp_path: Path) -> PinStore:
    store = PinStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    store.set(PIN)
    return store


@pytest.fixture
def kiosk(qtbot, registry, pins):  # type: ignore[no-untyped-def]
    i18n.set_language("ja")
    shelter = registry.add_shelter(ShelterInput("大野北小学校", "Onokita Elementary School"))
    window = KioskWindow(registry, shelter, pins)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window
    if window.isVisible():
        window.unlocked = True
        window.close()
    i18n.set_language("ja")


# -- driving the kiosk like a person would ------------------------------------------------------


def choose(kiosk: KioskWindow, code: str) -> None:
    kiosk.board.buttons[code].click()
    assert kiosk.form is not None and kiosk.current_page() is kiosk.form


def pick_language(page, row: int, code: str, level: str) -> None:  # type: ignore[no-untyped-def]
    editor = page.editors["languages"].widget
    while len(editor.rows) <= row:
        editor.add_button.click()
    _, language, levels = editor.rows[row]
    language.setCurrentIndex(language.findData(code))
    levels.setCurrentIndex(levels.findData(level))


def fill_person(page, *, latin: str, native: str, sex: str, born: str,  # type: ignore[no-untyped-def]
                languages: list[tuple[str, str]], embassy: str = "", consent: bool = False) -> None:
    page.editors["name_latin"].widget.setText(latin)
    page.editors["name_native"].widget.setText(native)
    page.editors["sex"].widget.buttons[sex].click()
    page.editors["birth_date"].widget.setText(born)
    for row, (code, level) in enumerate(languages):
        pick_language(page, row, code, level)
    if embassy:
        page.editors["embassy_contact"].widget.buttons[embassy].click()
    if consent:
        page.editors["consent_basis"].widget.buttons["consent"].click()
        page.editors["consent_scopes"].widget.boxes["municipality"].click()


def finish(kiosk: KioskWindow) -> None:
    form = kiosk.form
    assert form is not None
    while form.steps.currentRow() < form.steps.count() - 1:
        form.next_button.click()
    form.next_button.click()  # Finish


def staff_review(kiosk: KioskWindow, pin: str = PIN) -> None:
    page = kiosk.current_page()
    assert isinstance(page, CallStaffPage)
    page.pin.pin.setText(pin)
    page.pin.ok.click()


def register_household(kiosk: KioskWindow, code: str, household: dict, people: list[dict]) -> None:
    choose(kiosk, code)
    form = kiosk.form
    assert form is not None
    for reason in household.get("reasons", []):
        form.household.editors["reasons"].widget.boxes[reason].click()
    form.next_button.click()
    for number, person in enumerate(people):
        if number:
            form.add_person_button.click()
        fill_person(form.members[number], **person)
    finish(kiosk)
    staff_review(kiosk)
    review = kiosk.current_page()
    assert isinstance(review, ReviewPage)
    review.confirm_button.click()
    assert isinstance(kiosk.current_page(), DonePage)


MYANMAR_FAMILY = [
    dict(latin="KHIN Mar Aye", native="ခင်မာအေး", sex="female", born="1996-11-20",
         languages=[("my", "native"), ("en", "conversational")], embassy="yes", consent=True),
    dict(latin="AUNG Ko Ko", native="အောင်ကိုကို", sex="male", born="2019-05-01",
         languages=[("my", "native")]),
]
ARABIC_FAMILY = [
    dict(latin="AL-HASSAN Omar", native="عمر الحسن", sex="male", born="1984-06-12",
         languages=[("ar", "native"), ("en", "basic")], embassy="no"),
    dict(latin="AL-HASSAN Lina", native="لينا الحسن", sex="female", born="2015-02-03",
         languages=[("ar", "native")]),
]


# -- the whole way, into the evacuee list -------------------------------------------------------


@pytest.fixture
def main_window(qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from disastercenter.services.registry import Registry

    db = tmp_path / "shelter.sqlite3"
    with open_workspace(db) as ws:
        shelter = Registry(ws).add_shelter(ShelterInput("大野北小学校", "Onokita Elementary School"))
    i18n.set_language("ja")
    window = open_main_window(db)
    qtbot.addWidget(window)
    window.show()
    window.pins.set(PIN)
    monkeypatch.setattr(KioskStartDialog, "ask", classmethod(lambda cls, *args: shelter))
    yield window
    if window.kiosk is not None:
        window.kiosk.unlocked = True
        window.kiosk.close()
    window.close()
    i18n.set_language("ja")


@pytest.mark.parametrize(("code", "people", "reasons", "native_query", "language_ja"), [
    ("my", MYANMAR_FAMILY, ["evacuation_order", "no_water"], "ခင်မာ", "ミャンマー語"),
    ("ar", ARABIC_FAMILY, ["house_damaged"], "عمر", "アラビア語"),
])
def test_a_household_registered_at_the_kiosk_appears_in_the_evacuee_list(
    qtbot, main_window, code, people, reasons, native_query, language_ja,
):
    qtbot.keyClick(main_window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    kiosk = main_window.kiosk
    assert kiosk is not None and kiosk.isVisible() and not main_window.isVisible()
    register_household(kiosk, code, {"reasons": reasons}, people)

    kiosk.staff_button.click()
    kiosk.exit_pin.pin.setText(PIN)
    kiosk.exit_pin.ok.click()
    assert main_window.kiosk is None and main_window.isVisible()

    main_window.show_page("evacuees")
    page = main_window.evacuees
    page.search.setText(native_query)
    page.apply_filters()
    proxy = page.proxy
    assert proxy.rowCount() == 1
    assert proxy.index(0, 1).data() == people[0]["native"]
    assert proxy.index(0, 0).data() == people[0]["latin"]
    assert language_ja in proxy.index(0, 6).data()
    page.search.setText("")
    page.apply_filters()
    assert sorted(proxy.index(r, 1).data() for r in range(proxy.rowCount())) == sorted(
        p["native"] for p in people)

    head = main_window.registry.search(native_query)[0]
    detail = main_window.registry.get_person(head.id)
    assert detail.status == "checked_in"
    assert detail.data.languages[0] == (code, "native")
    assert detail.data.embassy_contact == people[0]["embassy"]
    household = main_window.registry.get_household(detail.household_id)
    assert sorted(household.details.reasons) == sorted(reasons)
    assert household.head_id == head.id and len(household.member_ids) == 2
    qtbot.waitUntil(lambda: page.select_person(head.id), timeout=2000)
    details = page.details.toPlainText()
    assert "避難所に来た理由" in details and people[1]["latin"] in details


def test_arabic_lays_the_form_out_right_to_left_and_myanmar_left_to_right(kiosk):
    choose(kiosk, "ar")
    assert kiosk.form.layoutDirection() == Qt.LayoutDirection.RightToLeft
    arabic = kiosk.form.members[0].editors["consent_basis"]
    assert arabic.label.text().lstrip(RLM).startswith("هل يمكننا مشاركة معلوماتك")
    assert arabic.widget.buttons["consent"].accessibleName() == RLM + "نعم، يمكنكم مشاركتها."
    assert "emergency" not in arabic.widget.buttons  # the emergency basis is staff's call
    kiosk.change_language_button.click()
    choose(kiosk, "my")
    assert kiosk.form.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert kiosk.title.text() == load_phrasebook().text("form.registration.title", "my")


def test_tapping_the_words_of_an_answer_ticks_it(qtbot, kiosk):
    from PySide6.QtWidgets import QLabel

    choose(kiosk, "th")
    box = kiosk.form.household.editors["reasons"].widget.boxes["no_water"]
    words = box.parentWidget().findChild(QLabel)
    assert words.text() == KioskTexts("th").phrase("reception.reason.no_water")
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    assert kiosk.form.household.values()["reasons"] == ["no_water"]


def test_fields_for_staff_only_are_not_shown_to_the_evacuee(kiosk):
    choose(kiosk, "ne")
    assert set(kiosk.form.household.editors) == {"reasons", "reason_other"}
    member = kiosk.form.members[0].editors
    assert "notes" not in member and "shelter_id" not in member
    assert {"name_latin", "embassy_contact", "consent_basis", "consent_scopes"} <= set(member)


def test_answers_survive_a_change_of_language(kiosk):
    choose(kiosk, "my")
    kiosk.form.next_button.click()
    kiosk.form.members[0].editors["name_native"].widget.setText("ခင်မာအေး")
    kiosk.form.add_person_button.click()
    kiosk.form.members[1].editors["name_latin"].widget.setText("AUNG Ko Ko")
    kiosk.change_language_button.click()
    choose(kiosk, "en")
    assert kiosk.form.members[0].editors["name_native"].value() == "ခင်မာအေး"
    assert kiosk.form.members[1].editors["name_latin"].value() == "AUNG Ko Ko"
    assert kiosk.form.steps.item(2).text() == "Person 2\nAUNG Ko Ko"


# -- errors in the evacuee's language ----------------------------------------------------------


@pytest.mark.parametrize("code", ["my", "ar", "ne", "zh-Hant", "ja-x-easy"])
def test_errors_are_shown_in_the_chosen_language_and_nothing_is_saved(kiosk, registry, code):
    choose(kiosk, code)
    form = kiosk.form
    page = form.members[0]
    page.editors["name_latin"].widget.setText("खिन")  # not Latin letters
    page.editors["phone"].widget.setText("call me")
    finish(kiosk)

    texts = KioskTexts(code)
    english = KioskTexts("en")
    errors = {fid: e.error.text() for fid, e in page.editors.items() if not e.error.isHidden()}
    assert errors == {
        "name_latin": texts.message("validation.latin_only"),
        "phone": texts.message("validation.phone", {"value": "call me"}),
        "languages": texts.message("validation.languages_required"),
    }
    assert errors["languages"] != english.message("validation.languages_required")
    assert form.summary.text() == texts.phrase("kiosk.check_marked")
    assert form.steps.currentRow() == 1 and kiosk.current_page() is form
    assert registry.count_persons() == 0


def test_other_as_a_reason_without_words_sends_the_evacuee_back_to_the_household(kiosk):
    choose(kiosk, "vi")
    form = kiosk.form
    form.household.editors["reasons"].widget.boxes["other"].click()
    fill_person(form.members[0], latin="NGUYEN Van An", native="Nguyễn Văn An", sex="male",
                born="1988-03-02", languages=[("vi", "native")])
    finish(kiosk)
    assert form.steps.currentRow() == 0
    assert form.household.editors["reason_other"].error.text() == "Vui lòng viết lý do khác."


# -- staff: review before saving, PIN to leave ----------------------------------------------------


def test_nothing_is_saved_until_staff_have_reviewed_and_confirmed(kiosk, registry):
    choose(kiosk, "my")
    fill_person(kiosk.form.members[0], **MYANMAR_FAMILY[0])
    finish(kiosk)
    assert isinstance(kiosk.current_page(), CallStaffPage)
    assert registry.count_persons() == 0

    staff_review(kiosk, "0000")
    page = kiosk.current_page()
    assert isinstance(page, CallStaffPage) and page.pin.error.text() == "PIN が違います。"
    staff_review(kiosk)
    review = kiosk.current_page()
    assert isinstance(review, ReviewPage)
    assert registry.count_persons() == 0

    review.back_button.click()
    assert kiosk.current_page() is kiosk.form
    finish(kiosk)
    staff_review(kiosk)
    review.confirm_button.click()
    assert registry.count_persons() == 1
    assert kiosk.last_registration is not None
    assert kiosk.form is None  # the next person starts with an empty form
    kiosk.current_page().next_button.click()
    assert kiosk.current_page() is kiosk.board


def test_discarding_at_the_review_saves_nothing_and_forgets_the_answers(kiosk, registry):
    choose(kiosk, "ar")
    fill_person(kiosk.form.members[0], **ARABIC_FAMILY[0])
    finish(kiosk)
    staff_review(kiosk)
    review = kiosk.current_page()
    review.discard_button.click()
    assert kiosk.current_page() is review  # one tap only arms it
    review.discard_button.click()
    assert kiosk.current_page() is kiosk.board and kiosk.form is None
    assert registry.count_persons() == 0


def test_the_review_shows_staff_words_beside_the_evacuees(kiosk):
    choose(kiosk, "my")
    fill_person(kiosk.form.members[0], **MYANMAR_FAMILY[0])
    finish(kiosk)
    staff_review(kiosk)
    review = kiosk.current_page()

    def shown() -> str:
        from PySide6.QtWidgets import QLabel

        return "\n".join(label.text() for label in review.scroll.widget().findChildren(QLabel))

    text = shown()
    assert "大使館への連絡の希望" in text and "希望する" in text  # staff: Japanese
    assert "ဟုတ်ကဲ့။" in text  # what the evacuee answered, in Burmese
    assert "ခင်မာအေး" in text and "ミャンマー語 (母語)" in text
    review.language_buttons["en"].click()
    text = shown()
    assert "Embassy contact wanted" in text and "Wants contact" in text
    assert review.confirm_button.text() == "Confirm and save"
    assert "ဟုတ်ကဲ့။" in text
    assert not i18n.missing


def test_leaving_the_kiosk_needs_the_staff_pin(qtbot, kiosk):
    closed: list[bool] = []
    kiosk.closed.connect(lambda: closed.append(True))
    choose(kiosk, "my")
    kiosk.close()  # Alt+F4 and the like
    assert kiosk.isVisible() and kiosk.current_page() is kiosk.exit_page
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.isVisible()
    kiosk.exit_pin.cancel.click()
    assert kiosk.current_page() is kiosk.form  # back where the evacuee was

    kiosk.staff_button.click()
    kiosk.exit_pin.pin.setText("9999")
    kiosk.exit_pin.ok.click()
    assert kiosk.isVisible() and kiosk.exit_pin.error.text() == "PIN が違います。"
    kiosk.exit_pin.pin.setText(PIN)
    kiosk.exit_pin.ok.click()
    assert not kiosk.isVisible() and closed == [True]


def test_five_wrong_pins_pause_pin_entry(kiosk, pins):
    kiosk.staff_button.click()
    for _ in range(5):
        kiosk.exit_pin.pin.setText("1111")
        kiosk.exit_pin.ok.click()
    assert pins.seconds_locked() > 50
    kiosk.exit_pin.pin.setText(PIN)
    kiosk.exit_pin.ok.click()  # the right PIN waits too
    assert kiosk.isVisible()
    assert "秒後" in kiosk.exit_pin.error.text()


def test_the_first_opening_sets_a_salted_pin_that_is_not_stored_in_clear(qtbot, registry, tmp_path):
    settings = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    store = PinStore(settings)
    shelter = registry.add_shelter(ShelterInput("中央公民館"))
    dialog = KioskStartDialog(registry.list_shelters(), store, shelter)
    qtbot.addWidget(dialog)
    dialog.new_pin.setText("1111")
    dialog.repeat_pin.setText("1111")
    dialog.start()
    assert not store.is_set() and "推測" in dialog.error.text()
    dialog.new_pin.setText("2580")
    dialog.repeat_pin.setText("2581")
    dialog.start()
    assert not store.is_set() and "一致しません" in dialog.error.text()
    dialog.repeat_pin.setText("2580")
    dialog.start()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.shelter_id() == shelter
    stored = str(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat).value(SETTINGS_KEY))
    assert stored.startswith("scrypt$") and "2580" not in stored
    assert store.check("2580") and not store.check("0852")


def test_opening_the_kiosk_hides_the_records_and_needs_a_shelter(qtbot, main_window, monkeypatch):
    monkeypatch.setattr(KioskStartDialog, "ask", classmethod(lambda cls, *args: None))
    assert main_window.open_kiosk() is None and main_window.isVisible()  # staff cancelled
    monkeypatch.undo()


# -- every script renders ----------------------------------------------------------------------


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_each_language_has_an_installed_font_with_every_glyph_it_needs(qapp, code):
    families = own_families(code)
    assert families, f"no font installed for {code}"
    texts = KioskTexts(code)
    sample = LANGUAGES[code].native_name + "".join(
        texts.phrase(key) for key in ("kiosk.welcome", "kiosk.call_staff", "form.registration.title",
                                      "validation.languages_required", "reception.why_came"))
    metrics = QFontMetrics(QFont(families[0]))
    missing = sorted({c for c in sample if c.isalpha() and not metrics.inFontUcs4(ord(c))})
    assert missing == [], (code, families[0], missing)
