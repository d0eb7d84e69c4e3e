"""Importing volunteer rosters from CSV and Excel: every row checked, bad rows reported by
number and reason, existing volunteers updated rather than duplicated, one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from disastercenter.core.errors import UserError
from disastercenter.services.registry import Registry
from disastercenter.services.volunteer_import import VolunteerImport
from tests.helpers import add_shelter, count

HEADER = ["name_latin", "name_native", "sex", "email", "phone", "languages", "skills",
          "availability", "reach", "remote", "max_per_shift", "active"]
GOOD = [
    ["THAPA Maya", "माया थापा", "F", "maya@example.org", "080-1111-2222", "ne:native; ja:fluent",
     "medical", "2026-09-01 09:00-13:00; 2026-09-02 13:00-17:00", "大野北小学校:0", "yes", "2", ""],
    ["SATO Ken", "佐藤 健", "男性", "", "090-3333-4444", "日本語:母語、英語:流暢", "",
     "2026-09-01 09:00-17:00", "Onokita Elementary School:20", "はい", "3", "○"],
]
BAD = [
    ["NGUYEN Lan", "", "female", "lan@example.org", "", "vi:native", "cooking",  # row 4: skill
     "2026-09-01 13:00-12:00", "", "", "", ""],                                  # + inverted window
    ["", "", "", "", "", "", "", "", "", "", "", ""],                            # row 5: empty, skipped
    ["KIM Min", "", "", "kim@example.org", "", "", "", "", "体育館:10", "maybe", "x", ""],  # row 6
    ["THAPA M.", "", "", "MAYA@example.org", "", "ne:native", "", "", "", "", "", ""],  # row 7: dup of 2
]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def write_xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def importer(registry: Registry) -> VolunteerImport:
    add_shelter(registry, "大野北小学校", name_en="Onokita Elementary School")
    return VolunteerImport(registry)


def test_a_clean_roster_imports_every_row_in_one_go(importer: VolunteerImport, tmp_path: Path) -> None:
    preview = importer.import_file(write_csv(tmp_path / "roster.csv", GOOD))
    assert preview.summary() == "2 rows: 2 new, 0 updated, 0 unchanged, 0 with errors"
    volunteers = {v.name_latin: v for v in importer.registry.list_volunteers()}
    maya, ken = volunteers["THAPA Maya"], volunteers["SATO Ken"]
    assert maya.languages == [("ne", "native"), ("ja", "fluent")] and maya.skills == ["medical"]
    assert maya.shifts == [("2026-09-01T00:00:00Z", "2026-09-01T04:00:00Z"),
                           ("2026-09-02T04:00:00Z", "2026-09-02T08:00:00Z")]
    assert (maya.sex, maya.remote, maya.max_per_shift) == ("female", True, 2)
    assert ken.languages == [("ja", "native"), ("en", "fluent")] and ken.sex == "male"
    assert list(ken.reach.values()) == [20] and ken.active


def test_bad_rows_are_reported_by_number_and_reason_and_nothing_is_imported(
    importer: VolunteerImport, tmp_path: Path,
) -> None:
    path = write_csv(tmp_path / "roster.csv", GOOD + BAD)
    before = count(importer.registry.conn, "ops")
    preview = importer.preview(path)
    errors = {row.row: row for row in preview.errors}
    assert sorted(errors) == [4, 6, 7]
    assert errors[4].messages("en") == [
        "skills: Not a valid choice: cooking",
        "shifts: The end (2026-09-01T12:00:00+09:00) must be after the start (2026-09-01T13:00:00+09:00).",
    ]
    assert errors[4].messages("ja")[0] == "skills: 選択肢にない値です: cooking"
    assert {p.key for p in errors[6].problems} == {
        "import.unknown_shelter", "validation.choice", "validation.integer", "volunteer.languages_required"}
    assert [p.key for p in errors[7].problems] == ["import.duplicate_row"]
    assert "row 2" in errors[7].messages("en")[0] and "2行目" in errors[7].messages("ja")[0]
    with pytest.raises(UserError) as caught:
        importer.apply(preview)
    assert caught.value.key == "import.has_errors" and "3 rows" in caught.value.message("en")
    assert count(importer.registry.conn, "ops") == before
    assert importer.registry.list_volunteers() == []
    # The valid rows can be imported on purpose.
    importer.apply(preview, skip_bad=True)
    assert len(importer.registry.list_volunteers()) == 2


def test_importing_again_updates_instead_of_duplicating(importer: VolunteerImport, tmp_path: Path) -> None:
    importer.import_file(write_csv(tmp_path / "roster.csv", GOOD))
    again = importer.preview(write_csv(tmp_path / "same.csv", GOOD))
    assert again.summary() == "2 rows: 0 new, 0 updated, 2 unchanged, 0 with errors"
    changed = [row[:] for row in GOOD]
    changed[0][3] = "Maya@Example.org"  # the key ignores case
    changed[0][5] = "ne:native; ja:fluent; en:conversational"
    changed[1][7] = "2026-09-03 09:00-12:00"  # matched by phone (no e-mail)
    changed[1][4] = "090 3333 4444"
    preview = importer.import_file(write_csv(tmp_path / "changed.csv", changed))
    assert [(r.action, r.changed) for r in preview.rows] == [
        ("update", ["email", "language", "level"]), ("update", ["end_at", "phone", "start_at"])]
    volunteers = {v.name_latin: v for v in importer.registry.list_volunteers()}
    assert len(volunteers) == 2
    assert ("en", "conversational") in volunteers["THAPA Maya"].languages
    assert volunteers["SATO Ken"].shifts == [("2026-09-03T00:00:00Z", "2026-09-03T03:00:00Z")]


def test_excel_rosters_with_japanese_headers_and_real_date_cells_import(
    importer: VolunteerImport, tmp_path: Path,
) -> None:
    from datetime import datetime

    header = ["氏名（ローマ字）", "氏名", "性別", "メールアドレス", "言語", "活動可能時間", "対応避難所",
              "シフト上限", "備考", "好きな食べ物"]
    rows = [
        ["LI Wei", "李伟", "男", "li@example.org", "中国語（簡体字）:母語; 日本語:日常会話",
         "2026-09-01 09:00-13:00", "大野北小学校:15", 2.0, "週末のみ", "餃子"],
        ["PEREZ Ana", "", "女", "ana@example.org", "Spanish:native", "2026-09-01 08:00-2026-09-01 12:00",
         "", datetime(2026, 9, 1), "", ""],  # a date where a number belongs
    ]
    preview = importer.preview(write_xlsx(tmp_path / "roster.xlsx", rows, header))
    assert preview.unknown_columns == ["好きな食べ物"]
    assert [r.action for r in preview.rows] == ["new", "error"]
    assert preview.rows[1].row == 3 and [p.key for p in preview.rows[1].problems] == ["validation.integer"]
    importer.apply(preview, skip_bad=True)
    li = importer.registry.list_volunteers()[0]
    assert li.languages == [("zh-Hans", "native"), ("ja", "conversational")]
    assert (li.notes, li.max_per_shift, li.sex) == ("週末のみ", 2, "male")


def test_shift_jis_csv_from_japanese_excel_is_read(importer: VolunteerImport, tmp_path: Path) -> None:
    rows = [["SATO Ken", "佐藤 健", "男性", "", "090-3333-4444", "日本語:母語", "", "", "", "", "", ""]]
    preview = importer.preview(write_csv(tmp_path / "sjis.csv", rows, encoding="cp932"))
    assert preview.rows[0].action == "new" and preview.rows[0].data.name_native == "佐藤 健"  # type: ignore[union-attr]


@pytest.mark.parametrize("content, key", [
    (b"", "import.empty"),
    (b"\x00\x01\x02\xff\xfe garbage", "import.unreadable"),
    ("好きな食べ物,色\n餃子,赤\n".encode(), "import.no_name_column"),
])
def test_files_that_are_not_rosters_are_refused_clearly(
    importer: VolunteerImport, tmp_path: Path, content: bytes, key: str,
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        importer.preview(path)
    assert caught.value.key == key
    assert str(path) in caught.value.message("ja")


def test_a_broken_xlsx_or_a_missing_file_is_refused_clearly(importer: VolunteerImport, tmp_path: Path) -> None:
    broken = tmp_path / "roster.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    for path in (broken, tmp_path / "missing.xlsx", tmp_path / "missing.csv"):
        with pytest.raises(UserError) as caught:
            importer.preview(path)
        assert caught.value.key == "import.unreadable"
