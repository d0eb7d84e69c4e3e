"""The paper registration form, printed from the form definition in a language pair."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from disastercenter.content.forms import load_form
from disastercenter.content.paths import shipped_dir
from disastercenter.core.errors import UserError
from disastercenter.core.scan_codes import Scan, read_scan
from disastercenter.services.print_cards import print_paper_form
from tests.printing.test_registration_cards import pdf_text
from tests.printing.test_render import rasterise


def test_every_page_of_a_vietnamese_form_scans_as_the_form_version_and_language(
    tmp_path: Path
) -> None:
    form = load_form("registration")
    result = print_paper_form(tmp_path / "form-vi.pdf", "vi")
    assert result.pages >= 2 and result.warnings == []
    pages = rasterise(result.path, 150, tmp_path)
    assert len(pages) == result.pages
    for number, png in enumerate(pages, start=1):
        (found,) = zxingcpp.read_barcodes(Image.open(png))
        assert read_scan(found.text) == Scan("form", form_id="registration",
                                             form_version=form.version, lang="vi", page=number)
        # top right, where a person holding the sheet in the left hand does not cover it
        assert found.position.top_left.x > Image.open(png).width / 2
    text = pdf_text(result.path)
    for expected in ("Đăng ký người sơ tán", "避難者登録", "Giới tính", "性別", "Năm", "年",
                     "Dành cho nhân viên"):
        assert expected in text


def test_a_right_to_left_form_is_mirrored(tmp_path: Path) -> None:
    result = print_paper_form(tmp_path / "form-ar.pdf", "ar")
    first = rasterise(result.path, 150, tmp_path)[0]
    (found,) = zxingcpp.read_barcodes(Image.open(first))
    assert read_scan(found.text).lang == "ar"  # type: ignore[union-attr]
    assert found.position.top_right.x < Image.open(first).width / 2  # the QR code moved left


def test_a_field_added_to_the_definition_appears_on_paper(tmp_path: Path) -> None:
    forms = tmp_path / "content" / "forms"
    forms.mkdir(parents=True)
    definition = (shipped_dir("forms") / "registration.toml").read_text(encoding="utf-8")
    definition = re.sub(r"(?m)^version = \d+$", "version = 7", definition, count=1) + """
[[sections]]
id = "arrival"
scope = "household"
label = "reception.with_family"

  [[sections.fields]]
  id = "children_count"
  type = "choice"
  label = "reception.children"
  choices = ["answer.yes", "answer.no"]
"""
    (forms / "registration.toml").write_text(definition, encoding="utf-8")
    workspace = tmp_path / "shelter.sqlite3"
    load_form.cache_clear()
    try:
        result = print_paper_form(tmp_path / "form.pdf", "en", workspace_path=workspace)
    finally:
        load_form.cache_clear()
    text = " ".join(pdf_text(result.path).split())
    assert "Are you here with your family?" in text and "Are there children with you?" in text
    pages = rasterise(result.path, 150, tmp_path)
    assert read_scan(zxingcpp.read_barcodes(Image.open(pages[0]))[0].text).form_version == 7  # type: ignore[union-attr]


def test_room_for_more_members_means_more_pages_and_numbered_member_sections(
    tmp_path: Path
) -> None:
    one = print_paper_form(tmp_path / "one.pdf", "ko")
    three = print_paper_form(tmp_path / "three.pdf", "ko", members=3)
    assert three.pages > one.pages
    text = pdf_text(three.path)
    numbers = re.findall(r"世帯員\s*\((\d)\)", text)
    assert numbers == ["1", "2", "3"]


def test_a_japanese_form_has_japanese_labels_only(tmp_path: Path) -> None:
    result = print_paper_form(tmp_path / "ja.pdf", "ja")
    text = pdf_text(result.path)
    assert "避難者登録" in text and "Evacuee registration" not in text


def test_an_unknown_language_or_paper_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        print_paper_form(tmp_path / "x.pdf", "xx")
    assert "xx" in caught.value.message("ja")
    with pytest.raises(UserError):
        print_paper_form(tmp_path / "x.pdf", "vi", paper="Letter")
    assert not (tmp_path / "x.pdf").exists()
    assert shutil.which("pdftoppm")
