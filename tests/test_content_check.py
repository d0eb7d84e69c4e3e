"""`content check`: every rule fails on a small bad fixture, passes on a good one, and the
shipped phrasebooks and forms pass.

Each test writes a small valid content set to tmp_path, breaks one thing, and looks for the one
problem it expects (file, key, reason).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from disastercenter.cli import main
from disastercenter.content.check import (
    SCRIPT_LETTERS,
    CheckReport,
    check_content,
    letter_script,
)
from disastercenter.content.paths import shipped_dir
from disastercenter.content.phrasebook import Phrasebook, Problem, load_phrasebook
from disastercenter.core.languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent

CATALOG = '''\
[phrases."need.water"]
category = "evacuee"
pictogram = "water"
ja = "{水|みず}をください"
ja_easy = "{水|みず}を ください"
en = "Water, please."
status = "reviewed"
reviewer = "Sato K."
reviewed_on = "2026-11-21"

[phrases."notice.meal"]
category = "notice"
ja = "{食事|しょくじ}は {time}に {place}で {配|くば}ります。"
ja_easy = "ごはんは {time}に {place}で くばります。"
en = "Meals will be served at {time} at {place}."
status = "unreviewed"
placeholders = { time = "time", place = "text" }
note = "Posted on the notice board."

[phrases."facility.wifi"]
category = "facilities"
ja = "Wi-Fi（ワイファイ）"
ja_easy = "Wi-Fi（ワイファイ）"
en = "Wi-Fi"
status = "unreviewed"

[phrases."form.example.title"]
category = "form"
ja = "{例|れい}"
ja_easy = "れい"
en = "Example"
status = "unreviewed"

[phrases."field.id.help"]
category = "form"
ja = "{例|れい}: line:abc123"
ja_easy = "れい: line:abc123"
en = "Example: line:abc123"
status = "unreviewed"
'''

PICTOGRAMS = '''\
[pictograms.water]
description = "a glass of water"
'''

VI = '''\
language = "vi"

[entries."need.water"]
text = "Xin cho tôi nước."
status = "reviewed"
reviewer = "Nguyen T."
reviewed_on = 2026-11-21

[entries."notice.meal"]
text = "Bữa ăn sẽ được phát lúc {time} tại {place}."
status = "unreviewed"

[entries."facility.wifi"]
text = "Wi-Fi"
status = "unreviewed"

[entries."form.example.title"]
text = "Ví dụ"
status = "unreviewed"

[entries."field.id.help"]
text = "Ví dụ: line:abc123"
status = "unreviewed"
'''

TH = '''\
language = "th"

[entries."need.water"]
text = "ขอน้ำหน่อยครับ"
status = "unreviewed"

[entries."notice.meal"]
text = "แจกอาหารเวลา {time} ที่ {place}"
status = "unreviewed"

[entries."facility.wifi"]
text = "Wi-Fi (ไวไฟ)"
status = "unreviewed"

[entries."form.example.title"]
text = "ตัวอย่าง"
status = "unreviewed"

[entries."field.id.help"]
text = "ตัวอย่าง: line:abc123"
status = "unreviewed"
'''

ZH_HANS = '''\
language = "zh-Hans"

[entries."need.water"]
text = "请给我水。"
status = "unreviewed"

[entries."notice.meal"]
text = "{time}在{place}发放餐食。"
status = "unreviewed"

[entries."facility.wifi"]
text = "Wi-Fi无线网络"
status = "unreviewed"

[entries."form.example.title"]
text = "例子"
status = "unreviewed"

[entries."field.id.help"]
text = "例子：line:abc123"
status = "unreviewed"
'''

FORM = '''\
id = "example"
version = 1
title = "form.example.title"

[[sections]]
id = "main"
scope = "member"
label = "form.example.title"

  [[sections.fields]]
  id = "messaging_id"
  type = "text"
  label = "form.example.title"
  help = "field.id.help"
'''

GOOD_FILES = {
    "phrasebooks/catalog.toml": CATALOG,
    "phrasebooks/pictograms.toml": PICTOGRAMS,
    "phrasebooks/vi.toml": VI,
    "phrasebooks/th.toml": TH,
    "phrasebooks/zh-Hans.toml": ZH_HANS,
    "forms/example.toml": FORM,
}


def write_content(root: Path, changes: dict[str, str | None] | None = None) -> tuple[Path, Path]:
    """The good fixture under `root`, with `changes` applied (None deletes a file)."""
    files: dict[str, str | None] = {**GOOD_FILES, **(changes or {})}
    for name, text in files.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "phrasebooks", root / "forms"


def check(tmp_path: Path, changes: dict[str, str | None] | None = None) -> CheckReport:
    return check_content(*write_content(tmp_path, changes))


def edit(name: str, old: str, new: str) -> dict[str, str | None]:
    """A change to one fixture file; fails loudly if the fixture no longer contains `old`."""
    text = GOOD_FILES[name]
    assert old in text, old
    return {name: text.replace(old, new, 1)}


def reasons(report: CheckReport, file: str, key: str) -> list[str]:
    return [p.reason for p in report.problems if (p.file, p.key) == (file, key)]


def assert_problem(report: CheckReport, file: str, key: str, fragment: str) -> None:
    found = reasons(report, file, key)
    assert any(fragment in reason for reason in found), (fragment, found, report.problems)


# --- the good fixture ---------------------------------------------------------------------------


def test_a_valid_content_set_has_no_problems_and_a_summary(tmp_path: Path) -> None:
    report = check(tmp_path)
    assert report.problems == []
    assert report.languages == ["ja", "ja-x-easy", "en", "zh-Hans", "vi", "th"]
    assert (report.phrases, report.reviewed) == (5, 2)
    assert report.summary() == "content ok: 6 languages, 5 phrases, 2 reviewed entries"


def test_the_command_prints_one_summary_line_and_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    phrasebooks, forms = write_content(tmp_path)
    assert main(["content", "check", "--dir", str(phrasebooks), "--forms", str(forms)]) == 0
    out, err = capsys.readouterr()
    assert out == "content ok: 6 languages, 5 phrases, 2 reviewed entries\n"
    assert err == ""


def test_the_command_prints_every_problem_and_exits_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changes = {**edit("phrasebooks/th.toml", "ขอน้ำหน่อยครับ", "Water please"),
               **edit("phrasebooks/vi.toml", "Ví dụ", "")}
    phrasebooks, forms = write_content(tmp_path, changes)
    assert main(["content", "check", "--dir", str(phrasebooks), "--forms", str(forms)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert "phrasebooks/th.toml: need.water: no letters in Thai script, only words copied from the source text" in lines
    assert "phrasebooks/vi.toml: form.example.title: empty text" in lines
    assert lines == sorted(lines)
    assert err == f"content check: {len(lines)} problems in 2 files\n"


# --- files --------------------------------------------------------------------------------------


def test_a_toml_syntax_error_names_the_file_and_the_parser_message(tmp_path: Path) -> None:
    report = check(tmp_path, edit("phrasebooks/vi.toml", 'text = "Ví dụ"', 'text = "Ví dụ'))
    assert_problem(report, "phrasebooks/vi.toml", "", "TOML syntax error: ")
    assert_problem(report, "phrasebooks/vi.toml", "", "line ")
    # The other files are still checked: one broken file does not hide the rest.
    assert {p.file for p in report.problems} == {"phrasebooks/vi.toml"}


def test_a_duplicated_phrase_table_is_a_duplicate_key(tmp_path: Path) -> None:
    report = check(tmp_path, {"phrasebooks/catalog.toml": CATALOG + '\n[phrases."need.water"]\nen = "x"\n'})
    assert_problem(report, "phrasebooks/catalog.toml", "need.water", "duplicate key (lines 1, ")


def test_every_duplicated_entry_table_is_reported_not_just_the_first(tmp_path: Path) -> None:
    extra = '\n[entries."need.water"]\ntext = "x"\n\n[entries."notice.meal"]\ntext = "y"\n'
    report = check(tmp_path, {"phrasebooks/th.toml": TH + extra})
    assert_problem(report, "phrasebooks/th.toml", "need.water", "duplicate key")
    assert_problem(report, "phrasebooks/th.toml", "notice.meal", "duplicate key")


def test_a_field_given_twice_is_a_duplicate_key(tmp_path: Path) -> None:
    twice = 'status = "unreviewed"\nstatus = "reviewed"'
    report = check(tmp_path, edit("phrasebooks/th.toml", 'status = "unreviewed"', twice))
    assert_problem(report, "phrasebooks/th.toml", "", "duplicate key: Cannot overwrite a value")


def test_unknown_fields_are_reported_at_every_level(tmp_path: Path) -> None:
    changes = {
        **edit("phrasebooks/catalog.toml", 'category = "notice"', 'category = "notice"\nexample = "x"'),
        **edit("phrasebooks/th.toml", 'language = "th"', 'language = "th"\nauthor = "me"'),
        **edit("phrasebooks/vi.toml", 'text = "Ví dụ"', 'text = "Ví dụ"\ntxet = "Ví dụ"'),
        **edit("phrasebooks/pictograms.toml", 'description', 'colour = "blue"\ndescription'),
    }
    report = check(tmp_path, changes)
    assert_problem(report, "phrasebooks/catalog.toml", "notice.meal", "unknown field 'example'")
    assert_problem(report, "phrasebooks/th.toml", "author", "unknown top-level field")
    assert_problem(report, "phrasebooks/vi.toml", "form.example.title", "unknown field 'txet'")
    assert_problem(report, "phrasebooks/pictograms.toml", "water", "unknown field 'colour'")


def test_a_language_not_in_the_registry_is_reported(tmp_path: Path) -> None:
    report = check(tmp_path, {"phrasebooks/xx.toml": TH.replace('language = "th"', 'language = "xx"')})
    assert reasons(report, "phrasebooks/xx.toml", "language") == ["'xx' is not in the language registry"]


def test_a_language_file_must_be_named_after_its_language(tmp_path: Path) -> None:
    report = check(tmp_path, {"phrasebooks/km.toml": TH})
    assert reasons(report, "phrasebooks/km.toml", "language") == ["'th' does not match the file name"]


def test_japanese_and_english_live_in_the_catalogue_not_in_a_file(tmp_path: Path) -> None:
    report = check(tmp_path, {"phrasebooks/en.toml": VI.replace('"vi"', '"en"')})
    assert_problem(report, "phrasebooks/en.toml", "language", "texts live in catalog.toml")


def test_a_missing_catalogue_or_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    report = check(tmp_path, {"phrasebooks/catalog.toml": None})
    assert_problem(report, "phrasebooks/catalog.toml", "", "catalogue not found")
    missing = check_content(tmp_path / "nowhere", tmp_path / "nothing")
    assert sorted(p.reason for p in missing.problems) == ["forms folder not found", "phrasebook folder not found"]


# --- catalogue ----------------------------------------------------------------------------------


def test_a_catalogue_entry_needs_category_ja_ja_easy_en_and_status(tmp_path: Path) -> None:
    bare = '[phrases."need.blanket"]\nja = "  "\n'
    report = check(tmp_path, {"phrasebooks/catalog.toml": CATALOG + bare})
    assert sorted(reasons(report, "phrasebooks/catalog.toml", "need.blanket")) == [
        "empty ja", "missing category", "missing en", "missing ja_easy", "missing status",
    ]


def test_an_unknown_category_is_reported(tmp_path: Path) -> None:
    report = check(tmp_path, edit("phrasebooks/catalog.toml", '"facilities"', '"facility"'))
    assert reasons(report, "phrasebooks/catalog.toml", "facility.wifi") == ["unknown category 'facility'"]


def test_status_must_be_reviewed_or_unreviewed(tmp_path: Path) -> None:
    report = check(tmp_path, edit("phrasebooks/catalog.toml", '"unreviewed"', '"checked"'))
    assert_problem(report, "phrasebooks/catalog.toml", "notice.meal", "status must be one of")


def test_a_reviewed_entry_needs_a_reviewer_and_an_iso_date(tmp_path: Path) -> None:
    changes = {
        **edit("phrasebooks/catalog.toml", 'reviewer = "Sato K."\n', ""),
        **edit("phrasebooks/vi.toml", "reviewed_on = 2026-11-21", 'reviewed_on = "21/11/2026"'),
        **edit("phrasebooks/th.toml", 'status = "unreviewed"',
               'status = "reviewed"\nreviewer = "A."\nreviewed_on = "2026-02-30"'),
    }
    report = check(tmp_path, changes)
    assert reasons(report, "phrasebooks/catalog.toml", "need.water") == ["reviewed but no reviewer"]
    assert_problem(report, "phrasebooks/vi.toml", "need.water", "reviewed_on must be an ISO date")
    assert_problem(report, "phrasebooks/th.toml", "need.water", "reviewed_on must be an ISO date")


def test_a_reviewer_on_an_unreviewed_entry_is_reported(tmp_path: Path) -> None:
    stale = 'status = "unreviewed"\nreviewer = "A."'
    report = check(tmp_path, edit("phrasebooks/th.toml", 'status = "unreviewed"', stale))
    assert reasons(report, "phrasebooks/th.toml", "need.water") == [
        "reviewer/reviewed_on given but status is not reviewed"
    ]


def test_an_unknown_pictogram_id_is_reported(tmp_path: Path) -> None:
    report = check(tmp_path, edit("phrasebooks/catalog.toml", 'pictogram = "water"', 'pictogram = "warter"'))
    assert reasons(report, "phrasebooks/catalog.toml", "need.water") == ["unknown pictogram 'warter'"]


def test_a_pictogram_without_a_pictogram_file_is_reported(tmp_path: Path) -> None:
    report = check(tmp_path, {"phrasebooks/pictograms.toml": None})
    assert_problem(report, "phrasebooks/catalog.toml", "need.water", "no readable pictograms.toml")


def test_placeholder_types_must_be_known(tmp_path: Path) -> None:
    report = check(tmp_path, edit("phrasebooks/catalog.toml", 'place = "text"', 'place = "location"'))
    assert_problem(report, "phrasebooks/catalog.toml", "notice.meal", "placeholder 'place' has type 'location'")


# --- furigana -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ja", "fragment"),
    [
        ("{水|}をください", "has an empty reading"),
        ("{|みず}をください", "has an empty base"),
        ("{水|mizu}をください", "reading 'mizu' is not hiragana/katakana"),
        ("{水|みず|すい}をください", "needs exactly one '|'"),
        ("{水{み|み}ず}をください", "unclosed or nested '{'"),
        ("{水|みずをください", "unclosed or nested '{'"),
        ("{水|みず}}をください", "stray '}'"),
    ],
)
def test_malformed_furigana_markup_is_reported(tmp_path: Path, ja: str, fragment: str) -> None:
    report = check(tmp_path, edit("phrasebooks/catalog.toml", 'ja = "{水|みず}をください"', f'ja = "{ja}"'))
    assert_problem(report, "phrasebooks/catalog.toml", "need.water", fragment)


def test_stray_braces_outside_ruby_and_placeholders_are_reported(tmp_path: Path) -> None:
    changes = {
        **edit("phrasebooks/catalog.toml", 'ja_easy = "{水|みず}を ください"', 'ja_easy = "{水|みず}を {ください}"'),
        **edit("phrasebooks/vi.toml", "Xin cho tôi nước.", "Xin cho tôi {nước uống}."),
    }
    report = check(tmp_path, changes)
    assert_problem(report, "phrasebooks/catalog.toml", "need.water", "ja_easy: stray braces {ください}")
    assert_problem(report, "phrasebooks/vi.toml", "need.water", "stray braces {nước uống}")


def test_furigana_markup_outside_japanese_is_reported(tmp_path: Path) -> None:
    report = check(tmp_path, edit("phrasebooks/zh-Hans.toml", "请给我水。", "请给我{水|みず}。"))
    assert_problem(report, "phrasebooks/zh-Hans.toml", "need.water", "furigana markup {水|みず} outside Japanese")


def test_kanji_without_furigana_is_reported_in_ja_and_easy_japanese(tmp_path: Path) -> None:
    catalog = CATALOG.replace("{食事|しょくじ}は", "食事は").replace("{配|くば}ります", "配ります")
    catalog = catalog.replace('ja_easy = "{水|みず}を', 'ja_easy = "水を')
    report = check(tmp_path, {"phrasebooks/catalog.toml": catalog})
    assert reasons(report, "phrasebooks/catalog.toml", "notice.meal") == [
        "ja: kanji without furigana: 食 事 配"
    ]
    assert reasons(report, "phrasebooks/catalog.toml", "need.water") == [
        "ja_easy: kanji without furigana: 水"
    ]


# --- language files -----------------------------------------------------------------------------


def test_missing_and_extra_keys_are_reported(tmp_path: Path) -> None:
    th = TH.replace('[entries."form.example.title"]', '[entries."form.exmaple.title"]')
    report = check(tmp_path, {"phrasebooks/th.toml": th})
    assert reasons(report, "phrasebooks/th.toml", "form.example.title") == ["missing (the key is in the catalogue)"]
    assert reasons(report, "phrasebooks/th.toml", "form.exmaple.title") == ["not in the catalogue"]


def test_empty_or_missing_text_is_reported(tmp_path: Path) -> None:
    changes = {
        **edit("phrasebooks/th.toml", 'text = "ตัวอย่าง"', 'text = " "'),
        **edit("phrasebooks/vi.toml", 'text = "Ví dụ"\n', ""),
    }
    report = check(tmp_path, changes)
    assert reasons(report, "phrasebooks/th.toml", "form.example.title") == ["empty text"]
    assert reasons(report, "phrasebooks/vi.toml", "form.example.title") == ["missing text"]


def test_placeholders_must_match_the_catalogue_in_every_language(tmp_path: Path) -> None:
    changes = {
        **edit("phrasebooks/th.toml", "ที่ {place}", "ที่ {where}"),
        **edit("phrasebooks/catalog.toml", "{place}で {配|くば}", "{配|くば}"),
        **edit("phrasebooks/vi.toml", "Xin cho tôi nước.", "Xin cho tôi nước lúc {time}."),
    }
    report = check(tmp_path, changes)
    assert reasons(report, "phrasebooks/th.toml", "notice.meal") == [
        "placeholders differ from the catalogue: missing {place}; not declared {where}"
    ]
    assert reasons(report, "phrasebooks/catalog.toml", "notice.meal") == [
        "ja: placeholders differ from the catalogue: missing {place}"
    ]
    assert reasons(report, "phrasebooks/vi.toml", "need.water") == [
        "placeholders differ from the catalogue: not declared {time}"
    ]


# --- scripts ------------------------------------------------------------------------------------


def test_latin_text_in_a_thai_file_is_in_the_wrong_script(tmp_path: Path) -> None:
    english = "Food distribution at {time} at {place} ครับ"
    report = check(tmp_path, edit("phrasebooks/th.toml", "แจกอาหารเวลา {time} ที่ {place}", english))
    assert reasons(report, "phrasebooks/th.toml", "notice.meal") == [
        "text is not mostly in Thai script (16% of letters; at least 50% expected)"
    ]


def test_japanese_pasted_into_a_latin_or_chinese_file_is_in_the_wrong_script(tmp_path: Path) -> None:
    changes = {
        **edit("phrasebooks/vi.toml", "Xin cho tôi nước.", "みずをください"),
        **edit("phrasebooks/zh-Hans.toml", "请给我水。", "みずをください"),
    }
    report = check(tmp_path, changes)
    assert_problem(report, "phrasebooks/vi.toml", "need.water", "not mostly in Latn script (0% of letters")
    assert_problem(report, "phrasebooks/zh-Hans.toml", "need.water", "not mostly in Hans script")


def test_cyrillic_arabic_and_other_scripts_are_told_apart(tmp_path: Path) -> None:
    files = {
        "phrasebooks/ru.toml": ("ru", "Дайте, пожалуйста, воды."),
        "phrasebooks/uk.toml": ("uk", "دعني أشرب الماء"),
        "phrasebooks/ne.toml": ("ne", "কৃপয়া জল দিন"),  # Bengali letters in a Nepali file
    }
    changes: dict[str, str | None] = {}
    for name, (code, water) in files.items():
        changes[name] = TH.replace('"th"', f'"{code}"').replace("ขอน้ำหน่อยครับ", water)
    report = check(tmp_path, changes)
    assert_problem(report, "phrasebooks/uk.toml", "need.water", "not mostly in Cyrl script")
    assert_problem(report, "phrasebooks/ne.toml", "need.water", "not mostly in Deva script")
    assert reasons(report, "phrasebooks/ru.toml", "need.water") == []


def test_latin_words_copied_from_the_english_are_not_counted_against_the_script(tmp_path: Path) -> None:
    # "ตัวอย่าง: line:abc123" has more Latin letters than Thai ones, but line and abc are an
    # example copied from the English; likewise QR/Wi-Fi glued to Chinese characters.
    report = check(tmp_path, edit("phrasebooks/zh-Hans.toml", "Wi-Fi无线网络", "Wi-Fi网"))
    assert report.problems == []


def test_a_text_made_only_of_copied_english_words_fails_in_a_non_latin_language(tmp_path: Path) -> None:
    report = check(tmp_path, edit("phrasebooks/th.toml", "Wi-Fi (ไวไฟ)", "Wi-Fi"))
    assert reasons(report, "phrasebooks/th.toml", "facility.wifi") == [
        "identical to the English text (untranslated?)",
        "no letters in Thai script, only words copied from the source text",
    ]


def test_text_identical_to_english_is_reported_for_non_latin_languages(tmp_path: Path) -> None:
    report = check(tmp_path, edit("phrasebooks/zh-Hans.toml", "例子", "Example"))
    assert_problem(report, "phrasebooks/zh-Hans.toml", "form.example.title", "identical to the English text")


def test_latin_languages_may_repeat_short_items_but_not_sentences(tmp_path: Path) -> None:
    report = check(tmp_path, edit("phrasebooks/vi.toml", "Xin cho tôi nước.", "Water, please."))
    assert reasons(report, "phrasebooks/vi.toml", "need.water") == ["identical to the English text (untranslated?)"]
    # "Wi-Fi" in vi.toml is the good fixture itself: four letters, allowed.
    assert reasons(report, "phrasebooks/vi.toml", "facility.wifi") == []


def test_every_registry_script_is_known_to_the_checker() -> None:
    assert {lang.script for lang in LANGUAGES.values()} <= set(SCRIPT_LETTERS)


@pytest.mark.parametrize(
    ("char", "script"),
    [("a", "Latn"), ("ệ", "Latn"), ("Ａ", "Latn"), ("ж", "Cyrl"), ("ب", "Arab"), ("ی", "Arab"),
     ("क", "Deva"), ("ক", "Beng"), ("ก", "Thai"), ("က", "Mymr"), ("ក", "Khmr"), ("ක", "Sinh"),
     ("水", "Hani"), ("々", "Hani"), ("み", "Hira"), ("ミ", "Kana"), ("ー", "Kana"), ("ｱ", "Kana"),
     ("한", "Hang"), ("1", None), ("、", None), (" ", None)],
)
def test_letters_are_assigned_to_their_script(char: str, script: str | None) -> None:
    assert letter_script(char) == script


# --- forms --------------------------------------------------------------------------------------


def test_a_form_referencing_a_missing_phrase_is_reported(tmp_path: Path) -> None:
    report = check(tmp_path, edit("forms/example.toml", 'help = "field.id.help"', 'help = "field.id.hint"'))
    assert reasons(report, "forms/example.toml", "field.id.hint") == ["phrase missing from the catalogue"]


def test_form_schema_problems_are_reported(tmp_path: Path) -> None:
    report = check(tmp_path, edit("forms/example.toml", 'type = "text"', 'type = "txt"'))
    assert reasons(report, "forms/example.toml", "sections[0].messaging_id.type") == ["unknown type 'txt'"]


def test_a_form_of_the_wrong_shape_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    report = check(tmp_path, {"forms/example.toml": 'id = "example"\nversion = 1\ntitle = "x"\nsections = [1]\n'})
    assert_problem(report, "forms/example.toml", "", "malformed form")


# --- all at once, sorted, fast ------------------------------------------------------------------


def test_every_problem_is_reported_at_once_sorted_by_file_and_key(tmp_path: Path) -> None:
    changes = {
        **edit("phrasebooks/catalog.toml", 'pictogram = "water"', 'pictogram = "warter"'),
        **edit("phrasebooks/th.toml", "ขอน้ำหน่อยครับ", ""),
        **edit("phrasebooks/vi.toml", "{place}", "{where}"),
        **edit("forms/example.toml", 'help = "field.id.help"', 'help = "field.id.hint"'),
    }
    report = check(tmp_path, changes)
    assert [(p.file, p.key) for p in report.problems] == [
        ("forms/example.toml", "field.id.hint"),
        ("phrasebooks/catalog.toml", "need.water"),
        ("phrasebooks/th.toml", "need.water"),
        ("phrasebooks/vi.toml", "notice.meal"),
    ]
    assert report.problems == sorted(report.problems)
    assert check(tmp_path, changes).problems == report.problems


def test_checking_25_languages_of_300_phrases_takes_well_under_a_second(tmp_path: Path) -> None:
    keys = [f"topic.item{n}" for n in range(300)]
    catalog = "".join(
        f'[phrases."{key}"]\ncategory = "vocab"\nja = "{{水|みず}} {{count}}"\n'
        f'ja_easy = "みず {{count}}"\nen = "Water number {{count}}"\nstatus = "unreviewed"\n'
        f'placeholders = {{ count = "count" }}\n\n'
        for key in keys
    )
    samples = {"Latn": "Nước số {count}", "Cyrl": "Вода номер {count}", "Arab": "ماء رقم {count}",
               "Deva": "पानी संख्या {count}", "Beng": "জল নম্বর {count}", "Thai": "น้ำหมายเลข {count}",
               "Mymr": "ရေ နံပါတ် {count}", "Khmr": "ទឹក លេខ {count}", "Sinh": "වතුර අංකය {count}",
               "Hans": "水 {count} 号", "Hant": "水 {count} 號", "Kore": "물 번호 {count}"}
    changes: dict[str, str | None] = {"phrasebooks/catalog.toml": catalog, "forms/example.toml": None,
                                      "phrasebooks/vi.toml": None, "phrasebooks/th.toml": None,
                                      "phrasebooks/zh-Hans.toml": None}
    for code, lang in LANGUAGES.items():
        if code in ("ja", "ja-x-easy", "en"):
            continue
        entries = "".join(f'[entries."{key}"]\ntext = "{samples[lang.script]}"\nstatus = "unreviewed"\n\n'
                          for key in keys)
        changes[f"phrasebooks/{code}.toml"] = f'language = "{code}"\n\n{entries}'
    phrasebooks, forms = write_content(tmp_path, changes)
    (forms / "example.toml").unlink(missing_ok=True)
    forms.mkdir(exist_ok=True)
    started = time.perf_counter()
    report = check_content(phrasebooks, forms)
    elapsed = time.perf_counter() - started
    assert report.problems == []
    assert report.summary() == "content ok: 25 languages, 300 phrases, 0 reviewed entries"
    assert elapsed < 1.5, elapsed


# --- the loader -------------------------------------------------------------------------------


def test_the_phrasebook_holds_every_language_with_fallbacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    phrasebooks, _ = write_content(tmp_path)
    monkeypatch.setattr("disastercenter.content.phrasebook.content_dirs", lambda kind, ws=None: [phrasebooks])
    load_phrasebook.cache_clear()
    try:
        book = load_phrasebook()
    finally:
        load_phrasebook.cache_clear()
    assert isinstance(book, Phrasebook) and book.problems == []
    assert book.text("need.water", "th") == "ขอน้ำหน่อยครับ"
    assert book.text("need.water", "ja") == "水をください"
    assert book.text("need.water", "ja", ruby=True) == "{水|みず}をください"
    assert book.text("need.water", "ja-x-easy") == "水を ください"
    assert book.has("need.water", "ja-x-easy") and not book.has("need.water", "ko")
    # zh-Hant has no file: its registry chain goes to zh-Hans before English.
    assert book.text("need.water", "zh-Hant") == "请给我水。"
    assert book.text("need.water", "ko") == "Water, please."
    assert book.text("need.water", "xx") == "Water, please."
    assert book.text("no.such.key", "th") == "no.such.key"
    phrase = book.phrases["notice.meal"]
    assert phrase.placeholders == {"time": "time", "place": "text"}
    assert phrase.note == "Posted on the notice board."
    assert book.phrases["need.water"].pictogram == "water"
    assert book.phrases["need.water"].review.reviewer == "Sato K."
    assert book.phrases["need.water"].reviews["vi"].reviewed_on == "2026-11-21"


def test_a_broken_translation_does_not_stop_the_app_from_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    phrasebooks, _ = write_content(tmp_path, edit("phrasebooks/th.toml", 'text = "ตัวอย่าง"', 'text = "ตัวอย่าง'))
    monkeypatch.setattr("disastercenter.content.phrasebook.content_dirs", lambda kind, ws=None: [phrasebooks])
    load_phrasebook.cache_clear()
    try:
        book = load_phrasebook()
    finally:
        load_phrasebook.cache_clear()
    assert book.text("need.water", "th") == "Water, please."  # the broken file falls back
    assert book.text("need.water", "vi") == "Xin cho tôi nước."
    assert [p.reason.split(":")[0] for p in book.problems] == ["TOML syntax error"]


# --- the shipped content ------------------------------------------------------------------------


def test_the_shipped_phrasebooks_and_forms_have_no_problems() -> None:
    report = check_content()
    assert report.problems == [], "\n".join(str(p) for p in report.problems)
    assert report.phrases > 0
    assert {"ja", "ja-x-easy", "en"} <= set(report.languages)
    files = {p.stem for p in shipped_dir("phrasebooks").glob("*.toml")}
    assert set(report.languages) == {"ja", "ja-x-easy", "en"} | (files & set(LANGUAGES))


def test_every_registry_language_has_every_phrase_and_there_are_at_least_200() -> None:
    report = check_content()
    assert set(report.languages) == set(LANGUAGES)
    assert len(LANGUAGES) >= 25
    assert report.phrases >= 200


def test_python_m_disastercenter_content_check_passes_on_the_shipped_content(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISASTERCENTER_")}
    env.update(DISASTERCENTER_HOME=str(tmp_path), PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "disastercenter", "content", "check"], cwd=ROOT, env=env,
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("content ok: ") and result.stdout.count("\n") == 1


def test_problem_lines_read_file_key_reason() -> None:
    assert str(Problem("phrasebooks/th.toml", "need.water", "empty text")) == (
        "phrasebooks/th.toml: need.water: empty text"
    )
