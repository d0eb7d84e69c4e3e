"""Regenerate the README screenshots: `python docs/screenshots/make_screenshots.py`.

Builds a demo workspace in a temporary folder and grabs the main window and the registration
dialog offscreen, in Japanese and in English, then the self-registration kiosk (language board;
form, an error and the staff review in ar, my, ne, zh-Hant and ja-x-easy), and the print
centre. `--kiosk` makes only the kiosk screenshots, `--print` only the print centre's.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parent
KIOSK_SIZE = (1366, 768)  # a common shelter laptop screen, the kiosk fills it

#: A household per language, typed as the evacuee would: (household values, members).
KIOSK_HOUSEHOLDS: dict[str, tuple[dict[str, object], list[dict[str, object]]]] = {
    "ar": ({"reasons": ["house_damaged", "afraid_of_aftershocks"]}, [
        {"name_latin": "AL-HASSAN Omar", "name_native": "عمر الحسن", "sex": "male",
         "birth_date": "1984-06-12", "nationality": "SY", "languages": [("ar", "native"), ("en", "basic")],
         "japanese_level": "basic", "embassy_contact": "no", "phone": "080-2345-6789",
         "consent_basis": "consent", "consent_scopes": ["municipality", "support_center"]},
        {"name_latin": "AL-HASSAN Lina", "name_native": "لينا الحسن", "sex": "female",
         "birth_date": "2015-02-03", "languages": [("ar", "native")]},
    ]),
    "my": ({"reasons": ["evacuation_order", "no_water"]}, [
        {"name_latin": "KHIN Mar Aye", "name_native": "ခင်မာအေး", "sex": "female",
         "birth_date": "1996-11-20", "nationality": "MM", "languages": [("my", "native"), ("en", "conversational")],
         "japanese_level": "conversational", "embassy_contact": "yes",
         "consent_basis": "consent", "consent_scopes": ["municipality", "embassy"]},
    ]),
    "ne": ({"reasons": ["danger_nearby", "other"], "reason_other": "कोठाको छत चुहिन्छ"}, [
        {"name_latin": "GURUNG Bishnu", "name_native": "विष्णु गुरुङ", "sex": "male",
         "birth_date": "1990-04-25", "nationality": "NP", "languages": [("ne", "native"), ("hi", "fluent")],
         "japanese_level": "basic", "consent_basis": "none"},
    ]),
    "zh-Hant": ({"reasons": ["traveller"]}, [
        {"name_latin": "CHEN Mei-Ling", "name_native": "陳美玲", "sex": "female",
         "birth_date": "1978-09-09", "nationality": "TW", "languages": [("zh-Hant", "native"), ("en", "fluent")],
         "japanese_level": "basic", "easy_japanese": True, "consent_basis": "consent",
         "consent_scopes": ["support_center"]},
    ]),
    "ja-x-easy": ({"reasons": ["no_electricity", "afraid_alone"]}, [
        {"name_latin": "SILVA Ana", "name_kana": "シルバ アナ", "sex": "female",
         "birth_date": "2001-01-15", "nationality": "BR", "languages": [("pt-BR", "native"), ("ja", "conversational")],
         "japanese_level": "conversational", "easy_japanese": True, "consent_basis": "consent"},
    ]),
}
#: What goes wrong in each language's error screenshot (member 1's field -> bad value).
KIOSK_ERRORS: dict[str, dict[str, object]] = {
    "ar": {"birth_date": "2090-13-01"},
    "my": {"languages": []},
    "ne": {"name_latin": "विष्णु"},
    "zh-Hant": {"phone": "請打給我"},
    "ja-x-easy": {"birth_date": "2090-01-01"},
}
KIOSK_PIN = "4831"


def kiosk_screenshots(registry: object, app: object) -> None:
    """The kiosk in each language: form, an error, the staff review; the board once."""
    from disastercenter.ui.kiosk.pin import PinStore
    from disastercenter.ui.kiosk.window import KioskWindow

    pins = PinStore(None)
    pins.set(KIOSK_PIN)
    shelter = registry.list_shelters()[0].id  # type: ignore[attr-defined]
    kiosk = KioskWindow(registry, shelter, pins)  # type: ignore[arg-type]
    kiosk.show()
    kiosk.resize(*KIOSK_SIZE)  # after show: the first show sizes a window to its hint
    app.processEvents()  # type: ignore[attr-defined]
    kiosk.grab().save(str(OUT / "kiosk-board.png"))
    for code, (household, members) in KIOSK_HOUSEHOLDS.items():
        kiosk.choose_language(code)
        form = kiosk.form
        assert form is not None
        while len(form.members) < len(members):
            form.add_member(show=False)
        form.load(household, members)
        form.go(1)
        app.processEvents()  # type: ignore[attr-defined]
        kiosk.grab().save(str(OUT / f"kiosk-form-{code}.png"))
        form.members[0].load(KIOSK_ERRORS[code])
        kiosk.finish_form()
        app.processEvents()  # type: ignore[attr-defined]
        kiosk.grab().save(str(OUT / f"kiosk-error-{code}.png"))
        form.members[0].load({k: members[0].get(k, [] if k == "languages" else "")
                              for k in KIOSK_ERRORS[code]})  # put the right answers back
        assert kiosk.finish_form(), code
        kiosk.call_staff.pin.pin.setText(KIOSK_PIN)  # type: ignore[union-attr]
        kiosk.call_staff.pin.try_pin()  # type: ignore[union-attr]
        app.processEvents()  # type: ignore[attr-defined]
        kiosk.grab().save(str(OUT / f"kiosk-review-{code}.png"))
        kiosk.discard()
    kiosk.request_exit()
    kiosk.exit_pin.pin.setText(KIOSK_PIN)
    kiosk.exit_pin.try_pin()


def main() -> int:
    home = Path(tempfile.mkdtemp())
    os.environ["DISASTERCENTER_HOME"] = str(home)
    from disastercenter.services.demo import create_demo
    from disastercenter.services.registry import Registry
    from disastercenter.store.db import open_workspace

    db = home / "demo.sqlite3"
    with open_workspace(db) as ws:
        create_demo(Registry(ws), evacuees=300, shelters=5, volunteers=40, seed=1)

    from disastercenter.ui.app import ensure_application, open_main_window
    from disastercenter.ui.dialogs.registration import RegistrationDialog
    from disastercenter.ui.i18n import i18n

    app = ensure_application()
    if "--kiosk" in sys.argv:
        i18n.set_language("ja")
        with open_workspace(db) as ws:
            kiosk_screenshots(Registry(ws), app)
        print(f"kiosk screenshots written to {OUT}; UI strings without translation: {sorted(i18n.missing)}")
        return 0
    window = open_main_window(db)
    window.resize(1400, 820)
    window.show()
    if "--print" in sys.argv:
        for language in ("ja", "en"):
            window.set_language(language)
            print_centre_screenshots(app, window, language)
        window.close()
        print(f"print centre screenshots written to {OUT}; UI strings without translation: "
              f"{sorted(i18n.missing)}")
        return 0
    for language in ("ja", "en"):
        window.set_language(language)
        window.show_page("overview")
        app.processEvents()
        window.grab().save(str(OUT / f"overview-{language}.png"))
        window.show_page("evacuees")
        window.evacuees.search.setText("グエン" if language == "ja" else "nguyen")
        window.evacuees.apply_filters()
        window.evacuees.table.selectRow(0)
        app.processEvents()
        window.grab().save(str(OUT / f"evacuees-{language}.png"))
        window.evacuees.search.clear()
        dialog = RegistrationDialog(window.registry, window)
        dialog.resize(760, 900)
        member = dialog.members[0]
        member.editors["name_latin"].set_value("NGUYEN Van An")
        member.editors["name_kana"].set_value("グエン ヴァン アン")
        member.editors["languages"].set_value([("vi", "native"), ("en", "basic")])
        member.editors["birth_date"].set_value("2090-01-01")
        dialog.show()
        dialog.save()  # shows the message under the invalid date
        app.processEvents()
        dialog.grab().save(str(OUT / f"registration-{language}.png"))
        dialog.reject()
        # The phrasebook page: Japanese beside Burmese, English beside Arabic (right to left).
        window.show_page("phrasebook")
        page = window.phrasebook
        left, right, query = ("ja", "my", "notice") if language == "ja" else ("en", "ar", "water")
        page.set_languages(left, right)
        page.search.setText(query)
        page.apply_filter()
        page.table.selectRow(0)
        app.processEvents()
        window.grab().save(str(OUT / f"phrasebook-{language}.png"))
        page.search.clear()
        matching_screenshots(app, window, language)
        print_centre_screenshots(app, window, language)
    window.set_language("ja")
    kiosk_screenshots(window.registry, app)
    window.close()
    print(f"screenshots written to {OUT}; UI strings without translation: {sorted(i18n.missing)}")
    return 0


def matching_screenshots(app, window, language: str) -> None:  # type: ignore[no-untyped-def]
    """The matching board after a run (the demo's requests are for tomorrow and the day after),
    with a proposal selected; the new-request dialog."""
    import time

    from disastercenter.ui.dialogs.request import RequestDialog

    window.show_page("matching")
    page = window.matching
    page.hours.setValue(48)
    done: list[object] = []
    page.run_finished.connect(done.append)
    page.run()
    started = time.monotonic()
    while not done and time.monotonic() - started < 60:
        app.processEvents()
        time.sleep(0.02)
    proxy = page.requests_proxy
    for row in range(proxy.rowCount()):
        if page.rows[proxy.index(row, 0).data(256)].status == "proposed":  # Qt.UserRole: the id
            page.requests_view.selectRow(row)
            break
    app.processEvents()
    window.grab().save(str(OUT / f"matching-{language}.png"))
    person = window.registry.search("nguyen")[0].id
    dialog = RequestDialog(page.matching, person, None, window)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(OUT / f"request-{language}.png"))
    dialog.reject()


def print_centre_screenshots(app, window, language: str) -> None:  # type: ignore[no-untyped-def]
    """The print centre with a live preview: a notice for the meal in five languages
    (Japanese UI), the health board in Nepali with Japanese and English (English UI); the
    "pointed at a board item" dialog."""
    import time

    from disastercenter.ui.dialogs.board_item import BoardItemDialog

    window.show_page("print_centre")
    page = window.print_centre

    def settle(seconds: float = 60) -> None:
        started = time.monotonic()
        while time.monotonic() - started < seconds and not (
                page.choices and page.preview_task is None and page.job is None
                and not page.preview_timer.isActive()):
            app.processEvents()
            time.sleep(0.02)
        for _ in range(30):  # the PDF view draws its pages after the document loads
            app.processEvents()
            time.sleep(0.02)

    settle()
    if language == "ja":
        page.select("notice")
        page.set_languages(["ja", "ja-x-easy", "en", "vi", "ne"])
        options = page.current_options
        options.template.setCurrentIndex(options.template.findData("notice.meal"))
        options.set_field("time", "12:00")
        options.set_field("place", "体育館")
        options.qr.setChecked(True)
    else:
        page.select("board_health")
        page.set_languages(["ne"])
        page.current_options.english.setChecked(True)
    settle()
    window.grab().save(str(OUT / f"print-centre-{language}.png"))
    if language == "ja":
        person = window.registry.search("nguyen")[0]
        dialog = BoardItemDialog(window.registry, person.id, person.name_latin, window)
        dialog.search.setText("アレルギー")
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(OUT / "board-item-ja.png"))
        dialog.reject()


if __name__ == "__main__":
    sys.exit(main())
