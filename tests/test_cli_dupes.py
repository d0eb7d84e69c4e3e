"""The duplicates and export-state commands, run as real processes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from disastercenter.services.registry import Registry
from disastercenter.store.db import open_workspace
from tests.helpers import add_shelter, person
from tests.test_cli import ok, run


def _two_registrations(db: Path) -> tuple[str, str, str, str]:
    with open_workspace(db) as ws:
        registry = Registry(ws)
        north, south = add_shelter(registry, "大野北小学校"), add_shelter(registry, "相原中学校")
        same = dict(sex="male", birth_date="1988-03-02", nationality="VN", phone="090-1111-2222",
                    consent_basis="consent", consent_scopes=["municipality"])
        [a] = registry.register_household(north, [person("NGUYEN Van An", **same)]).person_ids
        [b] = registry.register_household(south, [person(
            "Nguyễn Văn An", name_kana="グエン・ヴァン・アン", **same)]).person_ids
    return north, south, a, b


def test_duplicates_lists_candidates_and_records_a_decision(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    north, south, a, b = _two_registrations(db)
    out = ok(run(tmp_path, db, "duplicates"))
    [line] = out.splitlines()
    fields = line.split("\t")
    assert fields[0] == "certain"
    assert {fields[2], fields[5]} == {a, b}
    assert {fields[4], fields[7]} == {"大野北小学校", "相原中学校"}
    assert "Same date of birth 1988-03-02" in fields[8]
    japanese = ok(run(tmp_path, db, "duplicates", "--shelter", north, lang="ja"))
    assert "生年月日が同じ" in japanese
    ok(run(tmp_path, db, "duplicates", "different", a, b, "--note", "checked the cards"))
    assert ok(run(tmp_path, db, "duplicates")) == ""
    ok(run(tmp_path, db, "duplicates", "same", b, a))
    with open_workspace(db) as ws:
        assert [r.id for r in Registry(ws).get_person(a).linked] == [b]


def test_duplicates_explains_bad_requests(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    _north, _south, a, _b = _two_registrations(db)
    result = run(tmp_path, db, "duplicates", "same", a)
    assert result.returncode != 0 and "exactly two person ids" in result.stderr
    result = run(tmp_path, db, "duplicates", "same", a, a, lang="ja")
    assert result.returncode == 2 and "同じ記録" in result.stderr
    result = run(tmp_path, db, "duplicates", "--shelter", "0190f0f0-0000-7000-8000-000000000000")
    assert result.returncode == 2 and "No shelter" in result.stderr


def test_export_state_writes_a_csv_and_reports_what_was_left_out(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    _two_registrations(db)
    with open_workspace(db) as ws:
        registry = Registry(ws)
        registry.register_household(add_shelter(registry, "体育館"), [
            person("KIM Minji", consent_basis="none"),
        ])
    out = tmp_path / "roster.csv"
    printed = ok(run(tmp_path, db, "export-state", "--format", "csv", "--out", str(out)))
    assert printed.startswith(f"{out}\t2 persons (consent 2); 1 withheld")
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [r["name_latin"] for r in rows] == ["NGUYEN Van An", "Nguyễn Văn An"]  # 大野北 < 相原
    xlsx = tmp_path / "roster.xlsx"
    ok(run(tmp_path, db, "export-state", "--format", "xlsx", "--out", str(xlsx), "--include-medical"))
    assert xlsx.read_bytes()[:2] == b"PK"
    failed = run(tmp_path, db, "export-state", "--format", "csv", "--out",
                 str(tmp_path / "missing" / "x.csv"))
    assert failed.returncode == 2 and "Nothing was written" in failed.stderr
