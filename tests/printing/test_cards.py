"""Registration cards: printed from a real workspace, their QR codes scan back to the person."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from disastercenter.core.errors import UserError
from disastercenter.services import printing
from tests.helpers import add_shelter, person


def decode_all(pdf: Path, tmp: Path, dpi: int = 150) -> list[str]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(tmp / "card")], check=True)
    found = []
    for png in sorted(tmp.glob("card-*.png")):
        found.extend(r.text for r in zxingcpp.read_barcodes(Image.open(png)))
    return found


def test_cards_of_a_shelter_scan_back_to_their_persons(registry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shelter = add_shelter(registry)
    people = [
        person("NGUYEN Van An", name_native="Nguyễn Văn An", name_kana="グエン ヴァン アン"),
        person("THAPA Sita", name_native="सीता थापा", languages=[("ne", "native")]),
        person("AUNG Kyaw", name_native="ကျော်အောင်", languages=[("my", "native")]),
        person("KHAN Ayesha", name_native="عائشہ خان", languages=[("ur", "native")]),
    ] + [person(f"PERSON {i}") for i in range(8)]
    registered = registry.register_household(shelter, people, 0)
    result = printing.print_cards(registry, tmp_path / "cards.pdf", shelter_id=shelter)
    assert result.pages == 2 and not result.warnings
    codes = decode_all(result.path, tmp_path)
    assert len(codes) == 12
    assert {registry.find_by_card_code(code) for code in codes} == set(registered.person_ids)


def test_one_persons_card(registry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shelter = add_shelter(registry)
    (person_id,) = registry.register_household(shelter, [person("LE Thi Mai")], 0).person_ids
    result = printing.print_cards(registry, tmp_path / "one.pdf", person_ids=[person_id])
    assert decode_all(result.path, tmp_path) == [registry.get_person(person_id).card_code]


def test_a_shelter_without_people_has_no_cards(registry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shelter = add_shelter(registry)
    with pytest.raises(UserError) as caught:
        printing.print_cards(registry, tmp_path / "none.pdf", shelter_id=shelter)
    assert caught.value.key == "print.no_cards"
    assert not (tmp_path / "none.pdf").exists()
