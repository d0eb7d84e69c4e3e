"""Font resolution: a font per script, fallback per character, refusal when letters are missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGE_CODES
from disastercenter.printing.fonts import FontResolver, default_resolver, required_text

ROOT = Path(__file__).resolve().parents[2]


def system_font(name: str) -> Path:
    """A font file of the system fonts (the Debian packages of ./dev setup)."""
    for folder in FontResolver().system_dirs:
        for found in folder.rglob(name):
            return found
    raise AssertionError(f"{name} is not installed; run ./dev setup")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_language_has_a_font_with_every_letter_its_phrasebook_prints(code: str) -> None:
    report = default_resolver().coverage(code)
    assert report.complete, f"{code}: missing {report.missing!r}"
    assert report.primary is not None and report.fonts[0] == report.primary


def test_the_language_text_includes_its_native_name_and_furigana_readings() -> None:
    text = required_text("ja")
    assert set("日本語") <= set(text)
    assert "ゅ" in text  # from readings such as {受付|うけつけ}… and じゅう
    assert set("ภาษาไทย") <= set(required_text("th"))


def test_japanese_uses_the_universal_design_gothic() -> None:
    stack = default_resolver().stack("ja")
    assert stack.primary is not None
    assert stack.primary.font.family == "BIZ UDGothic"
    bold = default_resolver().stack("ja", bold=True)
    assert bold.primary is not None and bold.primary.font.weight >= 600
    assert not bold.primary.fake_bold


def test_fallback_is_per_character_not_per_string() -> None:
    stack = default_resolver().stack("th")
    thai = stack.font_for("ก")
    question = stack.font_for("?")
    assert thai is not None and question is not None
    assert thai.font.family == "Noto Sans Thai"
    assert question.font.family != "Noto Sans Thai"  # Noto Sans Thai has no ASCII "?"


def test_a_family_without_bold_is_thickened_instead(tmp_path: Path) -> None:
    stack = default_resolver().stack("zh-Hans", bold=True)
    assert stack.primary is not None
    assert stack.primary.font.family == "WenQuanYi Micro Hei"
    assert stack.primary.fake_bold


def test_a_font_in_the_fonts_folder_wins_over_the_system_font(tmp_path: Path) -> None:
    shutil.copy(system_font("NotoSerifThai-Regular.ttf"), tmp_path)
    shutil.copy(system_font("NotoSerifThai-Bold.ttf"), tmp_path)
    resolver = FontResolver(tmp_path)
    choice = resolver.choice("Thai")
    assert choice is not None and choice.source == "fonts folder"
    assert choice.regular.family == "Noto Serif Thai" and choice.regular.weight == 400
    assert choice.bold is not None and choice.bold.weight == 700
    # Scripts the folder lacks still come from the system.
    assert resolver.stack("th").font_for("A").font.family == "Noto Sans"


def test_broken_font_files_in_the_folder_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "broken.ttf").write_bytes(b"not a font at all")
    (tmp_path / "empty.ttc").write_bytes(b"")
    shutil.copy(system_font("NotoSansKhmer-Regular.ttf"), tmp_path)
    resolver = FontResolver(tmp_path, system_dirs=[])
    choice = resolver.choice("Khmr")
    assert choice is not None and choice.regular.path.name == "NotoSansKhmer-Regular.ttf"


def test_a_language_without_a_usable_font_is_refused_in_japanese_and_english(tmp_path: Path) -> None:
    shutil.copy(system_font("NotoSans-Regular.ttf"), tmp_path)  # Latin
    shutil.copy(system_font("BIZUDGothic-Regular.ttf"), tmp_path)  # Japanese (and katakana
    resolver = FontResolver(tmp_path, system_dirs=[])  # examples in English texts)
    resolver.require(["en", "vi", "ja"])  # these are fine
    with pytest.raises(UserError) as caught:
        resolver.require(["en", "my", "th"])
    error = caught.value
    assert error.key == "print.no_font"
    english, japanese = error.message("en"), error.message("ja")
    assert "Burmese (my" in english and "Thai (th" in english and "English" not in english
    assert "ミャンマー語" in japanese and "タイ語" in japanese and str(tmp_path) in japanese
    assert "nothing was printed" in english


def test_missing_characters_are_named(tmp_path: Path) -> None:
    shutil.copy(system_font("NotoSans-Regular.ttf"), tmp_path)
    resolver = FontResolver(tmp_path, system_dirs=[])
    report = resolver.coverage("ja")
    assert not report.complete
    assert "日" in report.missing and "A" not in report.missing


def test_registering_a_font_with_reportlab_happens_once() -> None:
    from reportlab.pdfbase import pdfmetrics

    font = default_resolver().stack("km").primary.font
    name = font.reportlab_name()
    assert font.reportlab_name() == name
    assert pdfmetrics.getFont(name).face.numGlyphs > 100


def run_cli(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISASTERCENTER_")}
    env.update(PYTHONIOENCODING="utf-8", **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "disastercenter", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, encoding="utf-8", timeout=120, check=False,
    )


def test_fonts_command_lists_each_language_with_its_font_and_coverage() -> None:
    result = run_cli("fonts")
    assert result.returncode == 0, result.stderr
    lines = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    assert set(LANGUAGE_CODES) <= set(lines)
    assert lines["my"][1] == "မြန်မာဘာသာ"
    assert lines["my"][2] == "complete"
    assert lines["my"][3].startswith("Noto Sans Myanmar (NotoSansMyanmar-Regular.ttf)")
    assert lines["ja"][3].startswith("BIZ UDGothic")


def test_fonts_command_takes_a_fonts_folder(tmp_path: Path) -> None:
    shutil.copy(system_font("NotoSerifKhmer-Regular.ttf"), tmp_path)
    result = run_cli("fonts", "--lang", "km", "--fonts-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Noto Serif Khmer (NotoSerifKhmer-Regular.ttf)" in result.stdout
    assert f"fonts folder\t{tmp_path}" in result.stdout
