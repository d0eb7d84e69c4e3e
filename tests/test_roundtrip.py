"""The translator round trip: export a language to XLSX or CSV, edit it like a translator,
import it back — checked, previewed, row by row, never deleting, stamped with the reviewer."""

from __future__ import annotations

import csv
import difflib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from disastercenter.content.check import check_content
from disastercenter.content.paths import shipped_dir
from disastercenter.content.phrasebook import load_folder
from disastercenter.content.roundtrip import (
    apply_to_language_file,
    export_rows,
    plan_import,
    read_rows,
    write_export,
)
from disastercenter.core.errors import UserError
from disastercenter.services.phrasebook import (
    PhrasebookService,
    UserPhraseInput,
    today_in_japan,
)
from tests.helpers import sha256

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["key", "category", "Japanese", "やさしい日本語", "English", "target (vi)", "status", "note"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped phrasebooks, as a translator's checkout has them."""
    target = tmp_path / "phrasebooks"
    shutil.copytree(shipped_dir("phrasebooks"), target)
    return target


def _export(folder: Path, language: str, path: Path, fmt: str) -> None:
    book = load_folder(folder, frozenset({language}))
    write_export(export_rows(book, language), language, path, fmt)


def _import(folder: Path, path: Path, language: str, reviewer: str = "Nguyen T.", apply: bool = True):  # type: ignore[no-untyped-def]
    book = load_folder(folder, frozenset({language}))
    plan = plan_import(read_rows(path, language), book, language, reviewer)
    if apply:
        apply_to_language_file(plan, folder, list(book.phrases))
    return plan


def _row_of(sheet, key: str) -> int:  # type: ignore[no-untyped-def]
    for number, (cell,) in enumerate(sheet.iter_rows(min_col=1, max_col=1, values_only=False), start=1):
        if cell.value == key:
            return number
    raise AssertionError(key)


def test_an_xlsx_round_trip_changes_exactly_the_edited_entry_and_stamps_the_reviewer(
    folder: Path, tmp_path: Path
) -> None:
    xlsx = tmp_path / "vi.xlsx"
    _export(folder, "vi", xlsx, "xlsx")
    before = (folder / "vi.toml").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(xlsx)
    sheet = book.active
    assert [c.value for c in sheet[1]] == HEADER
    row = _row_of(sheet, "need.water")
    assert sheet.cell(row, 5).value == "Water, please."  # English, for reference
    assert sheet.cell(row, 3).value == "水をください。"  # Japanese without furigana markup
    sheet.cell(row, 6).value = "Làm ơn cho tôi nước uống."
    book.save(xlsx)

    plan = _import(folder, xlsx, "vi")
    assert plan.rejected == [] and plan.rows == len(load_folder(folder).phrases)
    assert [(c.key, c.row, c.new_text) for c in plan.changes] == [
        ("need.water", row, "Làm ơn cho tôi nước uống.")
    ]
    after = (folder / "vi.toml").read_text(encoding="utf-8")
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert diff == [
        f'-text = "{_text_in(before, "need.water")}"',
        '-status = "unreviewed"',
        '+text = "Làm ơn cho tôi nước uống."',
        '+status = "reviewed"',
        '+reviewer = "Nguyen T."',
        f'+reviewed_on = "{today_in_japan()}"',
    ]
    entry = load_folder(folder, frozenset({"vi"})).phrases["need.water"]
    assert entry.texts["vi"] == "Làm ơn cho tôi nước uống."
    assert entry.reviews["vi"].reviewer == "Nguyen T."
    assert check_content(folder, check_forms=False).ok


def _text_in(toml: str, key: str) -> str:
    lines = toml.splitlines()
    start = lines.index(f'[entries."{key}"]')
    return lines[start + 1].removeprefix('text = "').removesuffix('"')


def test_importing_an_untouched_export_changes_nothing(folder: Path, tmp_path: Path) -> None:
    for fmt in ("xlsx", "csv"):
        path = tmp_path / f"th.{fmt}"
        _export(folder, "th", path, fmt)
        before = sha256(folder / "th.toml")
        plan = _import(folder, path, "th")
        assert plan.changes == [] and plan.rejected == [] and plan.unchanged == plan.rows
        assert sha256(folder / "th.toml") == before


def test_a_csv_export_has_a_bom_for_excel_and_round_trips(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "ar.csv"
    _export(folder, "ar", path, "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][5] == "target (ar)"
    number = next(i for i, r in enumerate(rows) if r[0] == "need.blanket")
    rows[number][5] = "أحتاج إلى بطانية من فضلك."
    rows[number + 1][6] = "reviewed"  # reviewed as it stands
    kept_key = rows[number + 1][0]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    plan = _import(folder, path, "ar", reviewer="Layla")
    assert [(c.key, c.row, c.text_changed, c.new_review.reviewer) for c in plan.changes] == [
        ("need.blanket", number + 1, True, "Layla"), (kept_key, number + 2, False, "Layla"),
    ]
    book = load_folder(folder, frozenset({"ar"}))
    assert book.text("need.blanket", "ar") == "أحتاج إلى بطانية من فضلك."
    assert book.phrases[kept_key].reviews["ar"].is_reviewed


def test_bad_rows_are_rejected_by_row_and_reason_and_the_good_ones_go_in(
    folder: Path, tmp_path: Path
) -> None:
    xlsx = tmp_path / "th.xlsx"
    _export(folder, "th", xlsx, "xlsx")
    book = openpyxl.load_workbook(xlsx)
    sheet = book.active
    rows = {key: _row_of(sheet, key) for key in (
        "need.water", "need.blanket", "notice.meal", "need.toilet", "need.medicine", "need.doctor",
        "need.food",
    )}
    sheet.cell(rows["need.water"], 6).value = "ขอน้ำดื่มหน่อยครับ"  # good
    sheet.cell(rows["need.blanket"], 6).value = "Blanket please"  # Latin in Thai
    sheet.cell(rows["notice.meal"], 6).value = "แจกอาหารที่ {place}"  # {time} lost
    sheet.cell(rows["need.toilet"], 6).value = ""  # emptied
    sheet.cell(rows["need.medicine"], 7).value = "done"  # not a status
    sheet.cell(rows["need.doctor"], 6).value = '=HYPERLINK("http://example.com","หมอ")'
    sheet.cell(rows["need.food"], 1).value = "need.fod"  # typo in the key
    sheet.append(["need.water", "", "", "", "", "ขอน้ำ", "", ""])  # the same key again
    duplicate = sheet.max_row
    book.save(xlsx)
    before = load_folder(folder, frozenset({"th"})).phrases
    plan = _import(folder, xlsx, "th", reviewer="Somchai")

    assert [c.key for c in plan.changes] == ["need.water"]
    reasons = {r.row: (r.key, [reason for reason, _ in r.reasons]) for r in plan.rejected}
    assert reasons == {
        rows["need.blanket"]: ("need.blanket", ["phrase.script"]),
        rows["notice.meal"]: ("notice.meal", ["phrase.placeholders"]),
        rows["need.toilet"]: ("need.toilet", ["import.emptied"]),
        rows["need.medicine"]: ("need.medicine", ["import.status"]),
        rows["need.doctor"]: ("need.doctor", ["import.formula"]),
        rows["need.food"]: ("need.fod", ["import.unknown_key"]),
        duplicate: ("need.water", ["import.duplicate_key"]),
    }
    messages = {r.row: r.message("en") for r in plan.rejected}
    assert messages[rows["notice.meal"]].startswith(f"Row {rows['notice.meal']} (notice.meal):")
    assert "{time}" in messages[rows["notice.meal"]]
    assert f"{rows['need.water']}行目" in {r.row: r.message("ja") for r in plan.rejected}[duplicate]
    after = load_folder(folder, frozenset({"th"})).phrases
    assert after["need.water"].texts["th"] == "ขอน้ำดื่มหน่อยครับ"
    for key in ("need.blanket", "notice.meal", "need.toilet", "need.doctor", "need.food"):
        assert after[key].texts["th"] == before[key].texts["th"], key  # nothing deleted or broken
    assert check_content(folder, check_forms=False).ok


def test_rows_missing_from_the_file_are_never_deleted(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "ko.csv"
    _export(folder, "ko", path, "csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\ufeff" + "\r\n".join(lines[:11]) + "\r\n", encoding="utf-8")  # 10 rows left
    before = sha256(folder / "ko.toml")
    plan = _import(folder, path, "ko")
    assert plan.rows == 10 and plan.changes == [] and plan.rejected == []
    assert sha256(folder / "ko.toml") == before


def test_a_translator_may_set_a_changed_text_back_to_unreviewed(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "vi.csv"
    _export(folder, "vi", path, "csv")
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    number = next(i for i, r in enumerate(rows) if r[0] == "need.water")
    rows[number][5] = "Cho tôi nước nhé."
    rows[number][6] = "unreviewed"
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    plan = _import(folder, path, "vi")  # unchanged "unreviewed": the reviewer takes it on
    assert plan.changes[0].new_review.is_reviewed
    rows[number][5] = "Cho tôi chút nước."
    rows[number][6] = "unreviewed"  # now reviewed -> set back: "not sure"
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    plan = _import(folder, path, "vi")
    assert plan.changes[0].new_text == "Cho tôi chút nước." and not plan.changes[0].new_review.is_reviewed
    assert 'reviewer' not in (folder / "vi.toml").read_text(encoding="utf-8").split('[entries."need.water"]')[1].split("[entries")[0]


def test_cells_that_look_like_formulas_are_exported_as_text_and_come_back_unchanged(
    folder: Path, tmp_path: Path
) -> None:
    catalog = folder / "catalog.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'note = "Staff tells the evacuee that a phone interpreter will be called."',
        'note = "=HYPERLINK(\\"http://evil.example\\")"',
    ), encoding="utf-8")
    key = next(k for k, p in load_folder(folder).phrases.items() if p.note.startswith("="))
    csv_path, xlsx_path = tmp_path / "es.csv", tmp_path / "es.xlsx"
    _export(folder, "es", csv_path, "csv")
    _export(folder, "es", xlsx_path, "xlsx")
    line = next(r for r in csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))) if r[0] == key)
    assert line[7] == "'=HYPERLINK(\"http://evil.example\")"
    sheet = openpyxl.load_workbook(xlsx_path).active
    cell = sheet.cell(_row_of(sheet, key), 8)
    assert cell.data_type == "s" and cell.quotePrefix and cell.value.startswith("=HYPERLINK")
    for path in (csv_path, xlsx_path):
        plan = _import(folder, path, "es", apply=False)
        assert plan.changes == [] and plan.rejected == []


def test_a_file_for_another_language_or_without_the_columns_is_refused(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "vi.csv"
    _export(folder, "vi", path, "csv")
    with pytest.raises(UserError) as caught:
        read_rows(path, "th")
    assert caught.value.key == "import.language_mismatch" and "th" in caught.value.message("ja")
    (tmp_path / "odd.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_rows(tmp_path / "odd.csv", "vi")
    assert caught.value.key == "import.columns"
    (tmp_path / "fake.xlsx").write_text("not a zip", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_rows(tmp_path / "fake.xlsx", "vi")
    assert caught.value.key == "import.unreadable"
    shift_jis = tmp_path / "excel.csv"  # what Excel's plain "CSV" writes on Japanese Windows
    shift_jis.write_bytes("key,target,status\nneed.water,水,unreviewed\n".encode("cp932"))
    with pytest.raises(UserError) as caught:
        read_rows(shift_jis, "vi")
    assert caught.value.key == "import.not_utf8" and "CSV UTF-8" in caught.value.message("ja")
    with pytest.raises(UserError) as caught:
        read_rows(tmp_path / "vi.txt", "vi")
    assert caught.value.key == "import.format"


def test_catalogue_languages_and_a_missing_reviewer_are_refused(folder: Path, tmp_path: Path) -> None:
    book = load_folder(folder)
    with pytest.raises(UserError) as caught:
        plan_import([], book, "en", "Sato")
    assert caught.value.key == "import.catalog_language"
    with pytest.raises(UserError) as caught:
        plan_import([], book, "vi", "  ")
    assert caught.value.key == "import.reviewer_required"


def test_the_service_writes_the_workspace_folder_and_user_phrases(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    phrases = PhrasebookService(workspace)
    key = phrases.add_user_phrase(UserPhraseInput(
        "notice", "バスは{time}に{出|で}ます。", "バスは {time}に でます。", "The bus leaves at {time}.",
    ))
    path = tmp_path / "vi.xlsx"
    shipped_phrases = len(load_folder(shipped_dir("phrasebooks")).phrases)
    assert phrases.export_translations("vi", path, "xlsx") == shipped_phrases + 1
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet.cell(_row_of(sheet, key), 6).value in (None, "")  # untranslated: empty, not English
    sheet.cell(_row_of(sheet, key), 6).value = "Xe buýt khởi hành lúc {time}."
    sheet.cell(_row_of(sheet, "need.water"), 6).value = "Làm ơn cho tôi ít nước."
    book.save(path)
    shipped = sha256(shipped_dir("phrasebooks") / "vi.toml")
    plan = phrases.plan_import(path, "vi", "Nguyen T.")
    assert {c.key for c in plan.changes} == {key, "need.water"}
    assert phrases.apply_import(plan) == 2
    assert sha256(shipped_dir("phrasebooks") / "vi.toml") == shipped
    assert (phrases.override_dir / "vi.toml").read_text(encoding="utf-8").count("[entries.") == 1
    book = phrases.phrasebook()
    assert book.text(key, "vi") == "Xe buýt khởi hành lúc {time}."
    assert book.phrases[key].reviews["vi"].reviewer == "Nguyen T."
    assert book.text("need.water", "vi") == "Làm ơn cho tôi ít nước."


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISASTERCENTER_")}
    env.update(DISASTERCENTER_HOME=str(home), DISASTERCENTER_LANG="en", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "disastercenter", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)


def test_the_command_line_exports_previews_with_dry_run_and_imports(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "my.xlsx"
    result = _cli(tmp_path, "content", "export", "--lang", "my", "--out", str(path), "--dir", str(folder))
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.cell(_row_of(sheet, "need.water"), 6).value = "ရေ သောက်ချင်ပါတယ်။"
    sheet.cell(_row_of(sheet, "need.blanket"), 6).value = "Blanket"
    book.save(path)
    before = sha256(folder / "my.toml")
    args = ["content", "import", str(path), "--lang", "my", "--reviewer", "Aung", "--dir", str(folder)]
    dry = _cli(tmp_path, *args, "--dry-run")
    assert dry.returncode == 1  # a row was rejected
    assert "+ ရေ သောက်ချင်ပါတယ်။" in dry.stdout and "need.blanket" in dry.stdout
    assert "1 changed" in dry.stderr and "1 rejected" in dry.stderr and "dry run" in dry.stdout
    assert sha256(folder / "my.toml") == before
    real = _cli(tmp_path, *args)
    assert real.returncode == 1 and "written" in real.stdout
    assert load_folder(folder, frozenset({"my"})).text("need.water", "my") == "ရေ သောက်ချင်ပါတယ်။"
    check = _cli(tmp_path, "content", "check", "--dir", str(folder), "--no-forms")
    assert check.returncode == 0 and check.stdout.startswith("content ok:"), check.stdout
