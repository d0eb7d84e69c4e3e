"""Small builders shared by the UI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from disastercenter.core.people import Need, PersonInput, ShelterInput
from disastercenter.services.registry import Registry
from disastercenter.store.db import open_workspace


def add_family(registry: Registry) -> tuple[str, list[str]]:
    """A shelter with the Nguyen family (2 people) and the Wang family (1 person)."""
    shelter = registry.add_shelter(ShelterInput("大野北小学校", "Onokita Elementary School", "相模原市", 300))
    nguyen = registry.register_household(shelter, [
        PersonInput(name_latin="NGUYEN Van An", name_native="Nguyễn Văn An",
                    name_kana="グエン ヴァン アン", sex="male", birth_date="1988-03-02",
                    nationality="VN", languages=[("vi", "native")], phone="090-1111-2222",
                    needs=[Need("diet_no_pork")]),
        PersonInput(name_latin="TRAN Thi Mai", name_native="Trần Thị Mai", name_kana="チャン ティ マイ",
                    sex="female", nationality="VN", languages=[("vi", "native")]),
    ])
    registry.register_household(shelter, [
        PersonInput(name_latin="WANG Xiaoming", name_native="王小明", name_kana="ワン シャオミン",
                    sex="male", nationality="CN", languages=[("zh-Hans", "native")]),
    ])
    return shelter, nguyen.person_ids


def main_window(qtbot, db: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """For a fixture: the main window on the workspace `db`, in Japanese, shown; closed
    afterwards (its pages' threads stop before the workspace closes)."""
    from disastercenter.ui.app import open_main_window
    from disastercenter.ui.i18n import i18n

    i18n.set_language("ja")
    main = open_main_window(db)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def family_window(qtbot, tmp_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """For a fixture: `main_window` on a workspace holding `add_family`."""
    db = tmp_path / "shelter.sqlite3"
    with open_workspace(db) as ws:
        add_family(Registry(ws))
    yield from main_window(qtbot, db)
