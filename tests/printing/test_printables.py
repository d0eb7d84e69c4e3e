"""Boards, signs, notices and the kit as real PDFs: content, QR codes that scan, refusals."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from disastercenter.content.phrasebook import load_phrasebook, strip_ruby
from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGE_CODES, language
from disastercenter.printing.boards import BOARD_KINDS, board_items
from disastercenter.printing.notices import fill, qr_payloads
from disastercenter.services import print_cards, printing

ROOT = Path(__file__).resolve().parents[2]


def pdf_text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-raw"]  # content-stream order: a cell's lines stay together
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", out.stdout)  # the ﬁ ligature glyph reads as "fi"


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


def qr_texts(pdf: Path, tmp: Path, page: int = 1, dpi: int = 150) -> set[str]:
    prefix = tmp / f"qr{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png",
                    str(pdf), str(prefix)], check=True)
    (png,) = tmp.glob(f"qr{page}*.png")
    return {r.text for r in zxingcpp.read_barcodes(Image.open(png))}


# --- boards ---------------------------------------------------------------------------------

def test_the_language_board_names_every_language_in_its_own_script(tmp_path: Path) -> None:
    result = printing.print_board("language", "en", tmp_path / "languages.pdf")
    assert result.pages == 1 and not result.warnings
    text = pdf_text(result.path)
    for code in ("vi", "ru", "uk", "fr", "ja", "zh-Hans", "ko", "es", "pt-BR"):
        assert language(code).native_name.replace(" ", "") in text.replace(" ", ""), code
    assert "ミャンマー語" in text and "Burmese" in text


@pytest.mark.parametrize("kind", BOARD_KINDS)
def test_a_pointing_board_prints_every_item_with_its_phrase_key(kind: str, tmp_path: Path) -> None:
    result = printing.print_board(kind, "vi", tmp_path / f"{kind}.pdf")
    assert not result.warnings
    text = pdf_text(result.path).replace(" ", "").replace("\n", "")
    items = board_items(kind)
    cells = [k for k in items if not k.startswith("health.pain.")
             and k not in ("health.where_does_it_hurt", "health.symptom.pain_here")]
    missing = [key for key in cells if key not in text]
    assert not missing
    assert "Chotôixinnước." in text or kind != "evacuee"  # need.water in Vietnamese
    assert result.pages == pages(result.path)


def test_a_trilingual_board_adds_english(tmp_path: Path) -> None:
    plain = printing.print_board("evacuee", "ne", tmp_path / "plain.pdf")
    trilingual = printing.print_board("evacuee", "ne", tmp_path / "tri.pdf", english=True)
    assert "Water, please." not in pdf_text(plain.path)
    assert "Water, please." in pdf_text(trilingual.path)


def test_the_health_board_has_body_outlines_and_a_pain_scale(tmp_path: Path) -> None:
    result = printing.print_board("health", "en", tmp_path / "health.pdf", lang2="ja")
    body, scale = pdf_text(result.path, 1), pdf_text(result.path, 2)
    assert "Front" in body and "Back" in body and "It hurts here." in body
    assert "0 – No pain" in scale and "10 – Worst pain" in scale


def test_an_unknown_board_is_refused() -> None:
    with pytest.raises(UserError) as caught:
        printing.print_board("kitchen", "vi", Path("unused.pdf"))
    assert caught.value.key == "print.unknown_board"
    assert "evacuee" in caught.value.message("ja")


# --- signs ----------------------------------------------------------------------------------

def test_the_wifi_sign_qr_code_joins_the_free_disaster_network(tmp_path: Path) -> None:
    result = printing.print_sign("wifi", ["ja", "en", "vi"], tmp_path / "wifi.pdf")
    assert qr_texts(result.path, tmp_path) == {"WIFI:S:00000JAPAN;T:nopass;;"}
    assert "00000JAPAN" in pdf_text(result.path)


def test_the_wifi_sign_can_name_another_network(tmp_path: Path) -> None:
    result = printing.print_sign("wifi", ["ja", "en"], tmp_path / "wifi.pdf",
                                 wifi_ssid="Gym;A", wifi_password="pass,word")
    assert qr_texts(result.path, tmp_path) == {"WIFI:S:Gym\\;A;T:WPA;P:pass\\,word;;"}


def test_a_sign_qr_code_carries_its_label_in_every_language(tmp_path: Path) -> None:
    result = printing.print_sign("water", ["ja", "en", "vi", "ne"], tmp_path / "water.pdf", qr=True)
    (payload,) = qr_texts(result.path, tmp_path)
    book = load_phrasebook()
    assert payload.splitlines() == [f"{code}: {strip_ruby(book.text('sign.water', code))}"
                                    for code in ("ja", "en", "vi", "ne")]
    assert payload.startswith("ja: 飲料水\n")  # furigana markup stripped


def test_a_sign_qr_code_carries_the_instruction_after_the_label(tmp_path: Path) -> None:
    result = printing.print_sign("rubbish", ["ja", "en"], tmp_path / "rubbish.pdf", qr=True)
    (payload,) = qr_texts(result.path, tmp_path)
    assert payload.splitlines() == ["ja: ごみ置き場 — ごみは分けて捨ててください。",
                                    "en: Rubbish — Please sort your rubbish."]


def test_a_sign_takes_at_most_five_languages() -> None:
    with pytest.raises(UserError) as caught:
        printing.print_sign("water", list(LANGUAGE_CODES[:6]), Path("unused.pdf"))
    assert caught.value.key == "print.too_many_languages"
    with pytest.raises(UserError) as unknown:
        printing.print_sign("water", ["ja", "xx"], Path("unused.pdf"))
    assert unknown.value.key == "validation.unknown_language"


# --- notices --------------------------------------------------------------------------------

def test_templates_are_translated_first_then_filled() -> None:
    assert fill("{time}に{place}", {"time": "12:00", "place": "体育館"}) == "12:00に体育館"
    with pytest.raises(UserError) as caught:
        fill("At {time} in {place}", {"time": "12:00"})
    assert caught.value.key == "print.missing_values" and "place" in caught.value.message("en")


def test_a_notice_prints_each_language_with_its_values_and_a_scannable_qr(tmp_path: Path) -> None:
    result = printing.print_notice(
        "notice.meal", ["ja", "en", "vi"], {"time": "12:00", "place": "Gym"},
        tmp_path / "meal.pdf", issued="2026-11-20 09:00", shelter="Chuo School", qr=True)
    text = pdf_text(result.path)
    assert "Meals will be served at 12:00 at Gym." in text.replace("\n", " ")
    assert "Chuo School" in text and "2026-11-20 09:00" in text
    (payload,) = qr_texts(result.path, tmp_path)
    assert "en: Meals will be served at 12:00 at Gym." in payload.splitlines()


def test_long_qr_text_is_split_over_codes_or_refused() -> None:
    items = [(code, "x" * 700) for code in ("ja", "en", "vi")]
    payloads = qr_payloads(items)
    assert len(payloads) == 3 and all(len(p.encode()) <= 1000 for p in payloads)
    with pytest.raises(UserError) as caught:
        qr_payloads([("en", "y" * 5000)])
    assert caught.value.key == "print.qr_too_large"


def test_a_notice_too_long_for_its_page_continues_on_the_next_with_a_warning(tmp_path: Path) -> None:
    long = " ".join(["Please keep the passages clear at all times."] * 60)
    result = printing.print_notice("notice.general", ["en"], {"text": long}, tmp_path / "long.pdf")
    assert result.pages >= 2
    assert any("continued on a new page" in w for w in result.warnings)
    words = pdf_text(result.path).split()
    assert words.count("passages") == 60  # nothing lost


# --- the kit and the command line -----------------------------------------------------------

def test_the_kit_writes_every_file_for_the_chosen_languages(tmp_path: Path) -> None:
    seen = []
    results = printing.print_kit(["ja", "en", "vi"], tmp_path, workers=1,
                                 progress=lambda done, total, label: seen.append((done, total)))
    names = sorted(r.path.name for r in results)
    assert names == ["boards-en.pdf", "boards-vi.pdf", "form-en.pdf", "form-ja.pdf",
                     "form-vi.pdf", "language-board.pdf", "signs.pdf"]
    assert seen[-1] == (7, 7)
    assert sorted(p.name for p in tmp_path.iterdir()) == names  # no temporary files left


def test_cancelling_the_kit_stops_and_leaves_only_complete_files(tmp_path: Path) -> None:
    files_done: list[int] = []

    def cancelled() -> bool:  # pressed once the second file is reported done
        return bool(files_done) and files_done[-1] >= 2

    with pytest.raises(printing.PrintCancelled):
        printing.print_kit(["ja", "en", "vi"], tmp_path, workers=1, cancelled=cancelled,
                           progress=lambda done, total, label: files_done.append(done))
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["form-ja.pdf", "language-board.pdf"]
    assert all(pages(tmp_path / name) >= 1 for name in files)


def run_cli(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISASTERCENTER_")}
    env.update(PYTHONIOENCODING="utf-8", DISASTERCENTER_LANG=lang)
    return subprocess.run([sys.executable, "-m", "disastercenter", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          check=False)


def test_print_commands_write_pdfs_and_explain_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "sign.pdf"
    done = run_cli("print", "sign", "--sign", "toilet_women", "--langs", "ja,en,my",
                   "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{out}\t1 pages" and pages(out) == 1
    bad = run_cli("print", "notice", "--template", "notice.meal", "--langs", "ja",
                  "--out", str(tmp_path / "n.pdf"), lang="ja")
    assert bad.returncode == 2
    assert "お知らせに入れる値が足りません: place, time" in bad.stderr
    assert not (tmp_path / "n.pdf").exists()


def test_the_kit_in_worker_processes_writes_the_same_files(tmp_path: Path) -> None:
    seen = []
    results = printing.print_kit(["ja", "vi", "ne"], tmp_path, workers=2,
                                 progress=lambda done, total, label: seen.append((done, total)))
    assert [r.path.name for r in results] == [p.file for p in printing.kit_parts(["ja", "vi", "ne"])]
    assert seen[-1] == (len(results), len(results)) and len(results) == 7
    assert all(pages(r.path) == r.pages for r in results)


def test_kit_workers_are_spawned_from_a_thread_and_forked_by_a_single_threaded_command() -> None:
    methods: list[str] = []
    thread = threading.Thread(target=lambda: methods.append(printing._worker_context().get_start_method()))
    thread.start()
    thread.join()
    command = subprocess.run(
        [sys.executable, "-c", "from disastercenter.services import printing; "
                               "print(printing._worker_context().get_start_method())"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    assert methods == ["spawn"]  # the GUI prints from a job thread: no copy of the GUI per worker
    assert command.stdout.strip() == ("fork" if sys.platform.startswith("linux") else "spawn")


def test_the_paper_form_is_bilingual_with_tick_boxes_and_names_itself_in_a_qr(tmp_path: Path) -> None:
    result = print_cards.print_paper_form(tmp_path / "form.pdf", "vi", members=2)
    text = pdf_text(result.path)
    assert "Họ tên theo hộ chiếu" in text and "氏名" in text  # a field label in both languages
    assert "(2)" in text  # the second member's section
    from disastercenter.content.forms import load_form

    version = load_form("registration").version
    assert qr_texts(result.path, tmp_path, page=2) == {f"DC1/F/registration/{version}/vi/2"}
    assert not result.warnings


def test_a_notice_one_language_per_page_takes_more_than_five_languages(tmp_path: Path) -> None:
    langs = ["ja", "en", "vi", "ne", "my", "ar", "fa"]
    result = printing.print_notice("notice.meal", langs, {"time": "12:00", "place": "体育館"},
                                   tmp_path / "notice.pdf", one_per_page=True)
    assert result.pages == pages(result.path) == len(langs)
