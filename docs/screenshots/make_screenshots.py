"""Regenerate the README screenshots: `python docs/screenshots/make_screenshots.py`.

Builds a demo workspace in a temporary folder and grabs the main window and the registration
dialog offscreen, in Japanese and in English.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parent


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
    window = open_main_window(db)
    window.resize(1400, 820)
    window.show()
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
        matching_screenshots(app, window, language)
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


if __name__ == "__main__":
    sys.exit(main())
