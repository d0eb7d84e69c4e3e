"""Regenerate the Duplicates page and export dialog screenshots:
`python docs/screenshots/make_duplicates_screenshots.py`.

Registers a small synthetic population and the same people again at other shelters (as written
by other clerks: core.synthetic_duplicates), then grabs the Duplicates page with a "likely"
pair selected, and the export dialog, offscreen.
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
    from disastercenter.core.people import ShelterInput
    from disastercenter.core.synthetic_duplicates import duplicate_scenario
    from disastercenter.services.demo import _person_input
    from disastercenter.services.registry import Registry
    from disastercenter.store.db import open_workspace

    db = home / "center.sqlite3"
    scenario = duplicate_scenario(3, 300, shelters=3)
    with open_workspace(db) as ws:
        registry = Registry(ws)
        shelters = [registry.add_shelter(ShelterInput(name, capacity=300))
                    for name in ("大野北小学校", "相原中学校", "淵野辺公民館")]
        registry.register_households([
            (shelters[h.shelter_index], [_person_input(m) for m in h.members], h.head_index, "")
            for h in scenario.first + scenario.second
        ])

    from PySide6.QtTest import QTest

    from disastercenter.ui.app import ensure_application, open_main_window
    from disastercenter.ui.dialogs.export_state import ExportStateDialog
    from disastercenter.ui.i18n import i18n

    app = ensure_application()
    window = open_main_window(db)
    window.resize(1400, 850)
    window.show()
    for language in ("ja", "en"):
        window.set_language(language)
        window.show_page("duplicates")
        page = window.duplicates
        page.scan()
        while page.task is not None and page.task.is_running():
            QTest.qWait(20)
        app.processEvents()
        likely = next((n for n, c in enumerate(page.candidates) if c.band == "likely"), 0)
        page.table.selectRow(likely)
        app.processEvents()
        window.grab().save(str(OUT / f"duplicates-{language}.png"))
        dialog = ExportStateDialog(db, window)
        dialog.medical.setChecked(True)
        dialog.path.setText(str(Path("D:/") / "roster-20261121.xlsx"))
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(OUT / f"export-{language}.png"))
        dialog.reject()
    window.close()
    print(f"screenshots written to {OUT}; UI strings without translation: {sorted(i18n.missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
