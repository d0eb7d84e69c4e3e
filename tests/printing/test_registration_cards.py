"""Registration cards as a coordinator prints them: real workspace, real PDF, QR codes that
scan back (decoded with zxing-cpp from a 150 dpi raster) to the right person."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from disastercenter.core.errors import UserError
from disastercenter.core.people import PersonInput, ShelterInput
from disastercenter.core.scan_codes import read_scan
from disastercenter.printing.cards import CARD_PAGE, PER_SHEET
from disastercenter.services.print_cards import print_cards
from disastercenter.services.registry import Registry
from tests.printing.test_render import rasterise

#: Six people whose names need six different scripts and shaping engines.
PEOPLE = [
    PersonInput(name_latin="AUNG Kyaw Min", name_native="အောင်ကျော်မင်း",
                name_kana="アウン チョー ミン", languages=[("my", "native"), ("en", "basic")]),
    PersonInput(name_latin="AHMED Fatima", name_native="فاطمة أحمد", name_kana="アハメド ファティマ",
                languages=[("ar", "native"), ("en", "fluent"), ("ja", "basic")]),
    PersonInput(name_latin="SHRESTHA Bikram", name_native="बिक्रम श्रेष्ठ",
                name_kana="シュレスタ ビクラム",
                languages=[("ne", "native"), ("hi", "fluent"), ("en", "conversational")]),
    PersonInput(name_latin="WANG Xiaoming", name_native="王小明", name_kana="ワン シャオミン",
                languages=[("zh-Hans", "native")]),
    PersonInput(name_latin="KIM Minji", name_native="김민지", name_kana="キム ミンジ",
                languages=[("ko", "native"), ("ja", "conversational")]),
    PersonInput(name_latin="NGUYEN Thi Thu Huong", name_native="Nguyễn Thị Thu Hương",
                name_kana="グエン ティ トゥ フオン", languages=[("vi", "native")]),
]


@pytest.fixture
def shelter(registry: Registry) -> tuple[str, list[str]]:
    shelter_id = registry.add_shelter(ShelterInput("大野北小学校 体育館", "Onokita Elementary"))
    ids = registry.register_household(shelter_id, PEOPLE).person_ids
    return shelter_id, ids


def decoded(png: Path) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(png))]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_a_shelter_sheet_has_a_card_per_person_whose_qr_code_scans_back_to_them(
    registry: Registry, shelter: tuple[str, list[str]], tmp_path: Path
) -> None:
    shelter_id, ids = shelter
    result = print_cards(registry, tmp_path / "cards.pdf", shelter_id=shelter_id)
    assert result.pages == 1 and result.warnings == []

    (png,) = rasterise(result.path, 150, tmp_path)
    scanned = [read_scan(text) for text in decoded(png)]
    assert sorted(scan.person_id for scan in scanned if scan) == sorted(ids)

    text = pdf_text(result.path)
    for person_id in ids:
        assert registry.get_person(person_id).card_code in text
    for name in ("王小明", "김민지", "Nguyễn Thị Thu Hương", "AHMED Fatima", "シュレスタ ビクラム"):
        assert name in text
    fonts = subprocess.run(["pdffonts", str(result.path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in row for row in fonts)  # embedded subsets only


def test_eleven_persons_take_two_sheets_and_one_person_one_card(
    registry: Registry, shelter: tuple[str, list[str]], tmp_path: Path
) -> None:
    shelter_id, ids = shelter
    more = registry.register_household(shelter_id, [
        PersonInput(name_latin=f"PERSON {n}", languages=[("en", "fluent")])
        for n in range(PER_SHEET + 1 - len(ids))
    ]).person_ids
    sheets = print_cards(registry, tmp_path / "sheets.pdf", shelter_id=shelter_id)
    assert sheets.pages == 2
    single = print_cards(registry, tmp_path / "one.pdf", person_ids=[more[0]])
    assert single.pages == 1
    (png,) = rasterise(single.path, 150, tmp_path)
    assert [read_scan(t).person_id for t in decoded(png)] == [more[0]]  # type: ignore[union-attr]


def test_card_printer_paper_gives_one_card_sized_page_per_person(
    registry: Registry, shelter: tuple[str, list[str]], tmp_path: Path
) -> None:
    _shelter_id, ids = shelter
    result = print_cards(registry, tmp_path / "cards.pdf", person_ids=ids[:2], paper="card")
    assert result.pages == 2
    info = subprocess.run(["pdfinfo", str(result.path)], capture_output=True, text=True,
                          check=True).stdout
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert found and (float(found[1]), float(found[2])) == pytest.approx(CARD_PAGE, abs=0.01)


def test_a_name_no_font_can_print_leaves_the_card_without_it_and_says_so(
    registry: Registry, tmp_path: Path
) -> None:
    shelter_id = registry.add_shelter(ShelterInput("中央公民館"))
    (person,) = registry.register_household(shelter_id, [
        PersonInput(name_latin="ANCIENT Scribe", name_native="\U00013000\U00013001",
                    languages=[("en", "native")]),
    ]).person_ids
    result = print_cards(registry, tmp_path / "card.pdf", person_ids=[person])
    assert len(result.warnings) == 1 and "ANCIENT Scribe" in result.warnings[0]
    assert "ANCIENT Scribe" in pdf_text(result.path)


def test_unknown_persons_and_shelters_and_papers_are_refused_with_a_message(
    registry: Registry, shelter: tuple[str, list[str]], tmp_path: Path
) -> None:
    with pytest.raises(UserError) as caught:
        print_cards(registry, tmp_path / "x.pdf", person_ids=["0192f4e3-a1b2-7c3d-8e9f-001122334455"])
    assert caught.value.key == "record.not_found"
    with pytest.raises(UserError) as caught:
        print_cards(registry, tmp_path / "x.pdf", shelter_id=registry.add_shelter(ShelterInput("空")))
    assert "空" in caught.value.message("ja")
    with pytest.raises(UserError) as caught:
        print_cards(registry, tmp_path / "x.pdf", person_ids=shelter[1], paper="B5")
    assert "B5" in caught.value.message("en")
    assert not (tmp_path / "x.pdf").exists()
