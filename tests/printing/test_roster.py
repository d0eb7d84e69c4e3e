"""The confidential shelter roster for staff."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from disastercenter.core.people import Need, PersonInput, ShelterInput
from disastercenter.services.print_cards import print_roster
from disastercenter.services.registry import Registry
from tests.printing.test_registration_cards import PEOPLE, pdf_text


def page_texts(pdf: Path) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


def test_every_page_is_marked_confidential_and_numbered_in_landscape(
    registry: Registry, tmp_path: Path
) -> None:
    shelter = registry.add_shelter(ShelterInput("若葉中学校"))
    registry.register_households([
        (shelter, [PersonInput(name_latin=f"PERSON {n:03d}", languages=[("en", "fluent")])], 0, "")
        for n in range(70)
    ])
    result = print_roster(registry, tmp_path / "roster.pdf", shelter,
                          now=datetime(2026, 11, 21, 1, 30, tzinfo=timezone.utc))
    pages = page_texts(result.path)
    assert result.pages == len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert text.count("取扱注意") == 2 and text.count("CONFIDENTIAL") == 2, number
        assert re.search(rf"\b{number}\s*/\s*{len(pages)}\b", text), number
        assert "2026-11-21 10:30" in text  # printed at, Japan time
    listed = re.findall(r"PERSON \d{3}", "".join(pages))
    assert sorted(set(listed)) == [f"PERSON {n:03d}" for n in range(70)]
    info = subprocess.run(["pdfinfo", str(result.path)], capture_output=True, text=True,
                          check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert width > height  # landscape


def test_persons_are_grouped_by_first_language_and_by_need_with_details(
    registry: Registry, tmp_path: Path
) -> None:
    shelter = registry.add_shelter(ShelterInput("大野北小学校"))
    people = [p for p in PEOPLE]
    people[1].needs = [Need("diet_halal"), Need("allergy", "", ["peanut"])]
    people[3].needs = [Need("allergy", "発疹が出る", ["egg", "milk"])]
    ids = registry.register_household(shelter, people).person_ids
    registry.set_status(ids[4], "left")  # 김민지 left: not on the default roster

    result = print_roster(registry, tmp_path / "roster.pdf", shelter)
    text = pdf_text(result.path)
    for name in ("王小明", "Nguyễn Thị Thu Hương", "AHMED Fatima", "中国語（簡体字）", "ハラール食"):
        assert name in text
    assert "김민지" not in text and "KIM Minji" not in text
    by_need = text[text.index("支援ニーズ別"):]
    allergy = by_need[by_need.index("食物アレルギー"):]
    assert "卵、乳" in allergy and "発疹が出る" in allergy and "落花生" in allergy
    assert "WANG Xiaoming" in allergy and "AHMED Fatima" in allergy

    everyone = print_roster(registry, tmp_path / "all.pdf", shelter, include_left=True,
                            labels="en")
    text = pdf_text(everyone.path)
    assert "김민지" in text and "Left" in text and "Halal food" in text
