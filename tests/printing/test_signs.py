"""Signs: a short label as the big text of each language, an instruction under it only where it
adds something, in every language without a missing glyph."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest

from disastercenter.content.phrasebook import load_phrasebook, strip_ruby
from disastercenter.core.languages import LANGUAGE_CODES
from disastercenter.printing.document import MM
from disastercenter.printing.fonts import default_resolver
from disastercenter.printing.layout import TextStyle, layout_text
from disastercenter.printing.pages import phrase_text
from disastercenter.printing.signs import SIGNS
from disastercenter.services import printing

#: Ends of a sentence, in the scripts of the phrasebook: a label has none.
SENTENCE_ENDS = ".。!?！？।။۔។"


def letters(text: str) -> str:
    """Letters, marks and digits only, case-folded: "Dilarang masuk." == "dilarang masuk"."""
    return "".join(c for c in strip_ruby(text).casefold()
                   if unicodedata.category(c)[0] in "LMN")


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return unicodedata.normalize("NFKC", out)  # Arabic presentation forms read as letters


def test_every_sign_has_a_label_in_every_language_and_it_is_not_a_sentence() -> None:
    book = load_phrasebook()
    missing, sentences = [], []
    for sign_id, sign in SIGNS.items():
        for key in filter(None, (sign.label, sign.instruction)):
            missing += [(sign_id, key, code) for code in LANGUAGE_CODES if not book.has(key, code)]
        for code in LANGUAGE_CODES:
            label = book.text(sign.label, code).rstrip()
            if label.endswith(tuple(SENTENCE_ENDS)):
                sentences.append((sign_id, code, label))
    assert not missing
    assert not sentences
    assert len(LANGUAGE_CODES) == 25


def test_an_instruction_says_more_than_the_label_in_every_language() -> None:
    book = load_phrasebook()
    same = [(sign_id, code) for sign_id, sign in SIGNS.items() if sign.instruction
            for code in LANGUAGE_CODES
            if letters(book.text(sign.label, code)) == letters(book.text(sign.instruction, code))]
    assert not same
    assert {i for i, s in SIGNS.items() if s.instruction} >= {"not_drinkable", "rubbish",
                                                              "no_entry", "wifi"}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_sign_label_and_instruction_shapes_without_a_missing_glyph(code: str) -> None:
    book, fonts = load_phrasebook(), default_resolver()
    missing = []
    for sign_id, sign in SIGNS.items():
        for key in filter(None, (sign.label, sign.instruction)):
            block = layout_text(phrase_text(book, key, code), TextStyle(code, size=30, bold=True),
                                170 * MM, fonts)
            runs = [run for run in block.runs if run.text.strip()]
            assert runs, (sign_id, key)
            missing += [(sign_id, key, run.text) for run in runs if 0 in run.gids]
    assert not missing


SAMPLES = {"ja": ("sign.rubbish", "ごみ置き場"), "en": ("sign.rubbish", "Rubbish"),
           "zh-Hans": ("sign.rubbish", "垃圾投放点"), "ko": ("sign.rubbish", "쓰레기 버리는 곳"),
           "vi": ("sign.rubbish", "Nơi bỏ rác")}


def test_a_sign_prints_each_label_with_its_instruction_under_it(tmp_path: Path) -> None:
    book = load_phrasebook()
    result = printing.print_sign("rubbish", list(SAMPLES), tmp_path / "rubbish.pdf")
    assert not result.warnings
    lines = [line.strip() for line in pdf_text(result.path).splitlines() if line.strip()]
    for code, (key, label) in SAMPLES.items():
        assert strip_ruby(book.text(key, code)) == label
        assert label in lines, code
        instruction = strip_ruby(book.text("rules.sort_rubbish", code))
        assert lines.index(instruction) > lines.index(label), code  # drawn under the label


def test_a_sign_without_an_instruction_prints_the_label_alone(tmp_path: Path) -> None:
    result = printing.print_sign("toilet", ["en", "ru", "ar"], tmp_path / "toilet.pdf")
    text = pdf_text(result.path)
    assert "Toilets" in text and "Туалет" in text
    assert "دورات" in text and "المياه" in text  # one Arabic word per run in the text layer
    assert "The toilet is over there." not in text and "Туалет там." not in text


def test_the_wifi_sign_says_no_password_is_needed_only_for_an_open_network(tmp_path: Path) -> None:
    open_net = printing.print_sign("wifi", ["en", "vi"], tmp_path / "open.pdf")
    text = pdf_text(open_net.path)
    assert "Free Wi-Fi" in text and "No password is needed." in text
    assert "Wi-Fi miễn phí" in text and "Không cần mật khẩu." in text
    locked = printing.print_sign("wifi", ["en", "vi"], tmp_path / "locked.pdf",
                                 wifi_ssid="Gym", wifi_password="pass,word")
    text = pdf_text(locked.path)
    assert "Free Wi-Fi" in text and "pass,word" in text
    assert "No password is needed." not in text and "Không cần mật khẩu." not in text
