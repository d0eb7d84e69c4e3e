"""CSV/XLSX export for municipal systems: consent honoured, medical data only when chosen,
formula injection guarded, files written atomically."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from disastercenter.core.errors import UserError
from disastercenter.services.duplicates import DuplicateReview
from disastercenter.services.interop import (
    COLUMNS,
    export_state,
    needs_guard,
    sharing_basis,
)
from disastercenter.services.registry import Registry
from tests.helpers import add_shelter, need, person

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def people(registry: Registry) -> dict[str, str]:
    shelter = add_shelter(registry)
    ids = registry.register_household(shelter, [
        person("NGUYEN Van An", consent_basis="consent",
               consent_scopes=["municipality", "support_center"], phone="090-1111-2222",
               needs=[need("medical", "diabetes, insulin twice a day"),
                      need("allergy", "", ["peanut"]), need("diet_no_pork"),
                      need("mobility", "uses a cane")],
               notes="Asked about temporary housing"),
        person("TRAN Thi Mai", consent_basis="consent", consent_scopes=["support_center"]),
        person("LE Van Hung", consent_basis="emergency"),
        person("PHAM Thi Lan", consent_basis="none"),
    ]).person_ids
    return dict(zip(("consented", "center_only", "emergency", "none"), ids))


def _csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_only_persons_with_consent_for_the_recipient_or_the_emergency_basis_are_exported(
    registry: Registry, people: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "state.csv"
    summary = export_state(registry.conn, out, "csv")
    rows = _csv_rows(out)
    assert {r["record_id"] for r in rows} == {people["consented"], people["emergency"]}
    assert (summary.exported, summary.withheld) == (2, 2)
    assert summary.by_basis == {"consent": 1, "emergency": 1}
    by_id = {r["record_id"]: r for r in rows}
    assert by_id[people["consented"]]["sharing_basis"] == "consent"
    assert by_id[people["consented"]]["consent_scopes"] == "municipality; support_center"
    assert by_id[people["emergency"]]["sharing_basis"] == "emergency"
    # Another recipient, another set.
    center = export_state(registry.conn, tmp_path / "center.csv", "csv", recipient="support_center")
    assert {r["record_id"] for r in _csv_rows(tmp_path / "center.csv")} == {
        people["consented"], people["center_only"], people["emergency"]}
    assert center.withheld == 1


def test_the_sharing_rule_needs_the_recipient_in_the_consent_or_the_emergency_basis() -> None:
    assert sharing_basis("consent", ["municipality"], "municipality") == "consent"
    assert sharing_basis("consent", ["family"], "municipality") is None
    assert sharing_basis("emergency", [], "embassy") == "emergency"
    assert sharing_basis("none", ["municipality"], "municipality") is None
    assert sharing_basis(None, [], "municipality") is None


def test_medical_fields_are_left_out_unless_chosen(
    registry: Registry, people: dict[str, str], tmp_path: Path
) -> None:
    plain, medical = tmp_path / "plain.csv", tmp_path / "medical.csv"
    export_state(registry.conn, plain, "csv")
    export_state(registry.conn, medical, "csv", include_medical=True)
    text = plain.read_text("utf-8-sig")
    for secret in ("diabetes", "insulin", "peanut", "allergy", "uses a cane", "temporary housing"):
        assert secret not in text
    [row] = [r for r in _csv_rows(plain) if r["record_id"] == people["consented"]]
    assert row["needs"] == "diet_no_pork; mobility"
    assert "medical_needs" not in row and "notes" not in row
    [row] = [r for r in _csv_rows(medical) if r["record_id"] == people["consented"]]
    assert row["medical_needs"] == "allergy (peanut); medical: diabetes, insulin twice a day"
    assert row["need_details"] == "mobility: uses a cane"
    assert row["notes"] == "Asked about temporary housing"


def test_formula_like_text_is_guarded_in_csv(registry: Registry, tmp_path: Path) -> None:
    shelter = add_shelter(registry, "=HYPERLINK(\"http://x\")")
    registry.register_household(shelter, [person(
        "@SUM(A1)", name_native="=1+2", consent_basis="emergency", phone="+81 90 1234 5678",
        notes="-2+3", messaging_id="line:ok",
    )])
    out = tmp_path / "guarded.csv"
    export_state(registry.conn, out, "csv", include_medical=True)
    [row] = _csv_rows(out)
    assert row["name_latin"] == "'@SUM(A1)"
    assert row["name_native"] == "'=1+2"
    assert row["shelter"] == "'=HYPERLINK(\"http://x\")"
    assert row["phone"] == "'+81 90 1234 5678"
    assert row["notes"] == "'-2+3"
    assert row["messaging_id"] == "line:ok"
    assert not any(needs_guard(value) for value in row.values())


def test_formula_like_text_is_quoted_text_in_xlsx(registry: Registry, tmp_path: Path) -> None:
    shelter = add_shelter(registry)
    registry.register_household(shelter, [person(
        "=cmd|' /C calc'!A0", consent_basis="emergency", phone="+81 90 1234 5678",
        name_native="Nguyễn\x07 Văn",
    )])
    out = tmp_path / "state.xlsx"
    export_state(registry.conn, out, "xlsx")
    with zipfile.ZipFile(out) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula anywhere
    workbook = load_workbook(out)
    persons = workbook["persons"]
    header = [c.value for c in persons[1]]
    values = {h: c for h, c in zip(header, persons[2])}
    assert values["name_latin"].value == "=cmd|' /C calc'!A0"
    assert values["name_latin"].data_type == "s"
    assert values["name_latin"].quotePrefix
    assert values["phone"].value == "+81 90 1234 5678"
    assert values["name_native"].value == "Nguyễn Văn"  # a control character XLSX cannot hold
    about = {row[0].value: row[1].value for row in workbook["about"].iter_rows()}
    assert about["persons_exported"] == 1 and about["recipient"] == "municipality"
    assert [row[0].value for row in workbook["columns"].iter_rows()][1:] == header


def test_a_failed_or_cancelled_export_leaves_the_previous_file_and_no_leftovers(
    registry: Registry, people: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "state.csv"
    out.write_text("previous export")
    # Enough rows for the cancel check, which runs every 500 rows.
    shelter = add_shelter(registry, "体育館")
    registry.register_households([(shelter, [person(f"P{n}", consent_basis="emergency")], 0, "")
                                  for n in range(600)])
    with pytest.raises(UserError) as cancelled:
        export_state(registry.conn, out, "csv", cancelled=lambda: True)
    assert cancelled.value.key == "export.cancelled"
    assert out.read_text() == "previous export"
    assert not [p.name for p in tmp_path.iterdir() if "state.csv" in p.name and p != out]
    seen: list[tuple[int, int]] = []
    summary = export_state(registry.conn, out, "csv", progress=lambda d, t: seen.append((d, t)))
    assert summary.exported == 602
    assert seen[-1][0] == seen[-1][1]
    assert not registry.conn.in_transaction


def test_an_unwritable_place_or_a_bad_choice_fails_clearly(
    registry: Registry, people: dict[str, str], tmp_path: Path
) -> None:
    with pytest.raises(UserError) as missing:
        export_state(registry.conn, tmp_path / "no" / "such" / "dir.csv", "csv")
    assert "何も書き込んでいません" in missing.value.message("ja")
    with pytest.raises(UserError):
        export_state(registry.conn, tmp_path / "x.pdf", "pdf")
    with pytest.raises(UserError):
        export_state(registry.conn, tmp_path / "x.csv", "csv", recipient="neighbours")
    assert not (tmp_path / "x.csv").exists()


def test_records_confirmed_as_one_person_point_at_each_other(
    registry: Registry, tmp_path: Path
) -> None:
    north, south = add_shelter(registry, "北"), add_shelter(registry, "南")
    [a] = registry.register_household(north, [person("KIM Minji", consent_basis="emergency")]).person_ids
    [b] = registry.register_household(south, [person("KIM Minji", consent_basis="emergency")]).person_ids
    DuplicateReview(registry).same_person(a, b)
    out = tmp_path / "state.csv"
    export_state(registry.conn, out, "csv")
    linked = {r["record_id"]: r["also_registered_as"] for r in _csv_rows(out)}
    assert linked == {a: b, b: a}


def test_every_column_is_documented() -> None:
    text = (ROOT / "docs" / "interop.md").read_text("utf-8")
    for column in COLUMNS:
        assert f"`{column.id}`" in text, column.id
