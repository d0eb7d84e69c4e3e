"""`match`, `volunteers import` and `requests` run as real processes on demo workspaces."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.test_cli import ok, run

DEMO = ["demo", "--evacuees", "300", "--shelters", "3", "--volunteers", "40", "--seed", "5",
        "--requests", "25"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("home")
    db = home / "center.sqlite3"
    out = ok(run(home, db, *DEMO))
    assert "40 volunteers, 25 interpreter requests" in out
    return home, db


def test_match_prints_the_summary_line_and_writes_the_plan(demo: tuple[Path, Path], tmp_path: Path) -> None:
    home, db = demo
    plan, gaps = tmp_path / "plan.csv", tmp_path / "gaps.csv"
    # The demo raises requests for the two days after today: 72 hours from now cover them.
    gaps_pdf = tmp_path / "gaps.pdf"
    line = ok(run(home, db, "match", "--hours", "72", "--out", str(plan), "--gaps", str(gaps),
                  "--gaps-pdf", str(gaps_pdf))).strip()
    assert line.startswith("requests 25, assigned ")
    assert gaps_pdf.read_bytes().startswith(b"%PDF") and len(gaps.read_text("utf-8-sig").splitlines()) > 1
    assert "coverage " in line and "urgency-weighted coverage " in line and "unmet by language:" in line
    rows = list(csv.DictReader(plan.read_text("utf-8-sig").splitlines()))
    assert len(rows) == 25
    assigned = int(line.split("assigned ")[1].split(",")[0])
    assert sum(r["result"] == "proposed" for r in rows) == assigned > 0
    assert all(r["explanation"] for r in rows)
    # Japanese explanations when asked for; the same plan when nothing changed.
    again = ok(run(home, db, "match", "--hours", "72", "--out", str(plan), "--lang", "ja")).strip()
    assert again == line
    text = plan.read_text("utf-8-sig")
    assert "（" in text or "空いている" in text
    listed = ok(run(home, db, "requests")).splitlines()
    assert len(listed) == 25 and {line.split("\t")[1] for line in listed} <= {"proposed", "unmet"}


def test_match_for_a_period_without_requests_and_bad_arguments(demo: tuple[Path, Path]) -> None:
    home, db = demo
    line = ok(run(home, db, "match", "--at", "2020-01-01T09:00", "--hours", "8")).strip()
    assert line == ("requests 0, assigned 0, coverage 100.0%, urgency-weighted coverage 100.0%, "
                    "unmet by language: none")
    result = run(home, db, "match", "--hours", "0", lang="ja")
    assert result.returncode == 2 and "時間数は正の数" in result.stderr and "Traceback" not in result.stderr
    result = run(home, db, "match", "--at", "tomorrow")
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_volunteers_import_dry_run_reports_bad_rows_and_changes_nothing(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name_latin,email,languages,availability\n"
        "TRAN Minh,minh@example.org,vi:native,2026-09-01 09:00-13:00\n"
        "BAD Row,bad@example.org,klingon:native,2026-09-01 13:00-09:00\n",
        encoding="utf-8",
    )
    db = tmp_path / "ws.sqlite3"
    result = run(tmp_path, db, "volunteers", "import", str(roster), "--dry-run")
    assert result.returncode == 1
    assert "row 3: languages: Unknown language: klingon" in result.stdout
    assert "dry run: 2 rows: 1 new, 0 updated, 0 unchanged, 1 with errors" in result.stdout
    result = run(tmp_path, db, "volunteers", "import", str(roster), lang="ja")
    assert result.returncode == 1 and "row 3: languages: 不明な言語です: klingon" in result.stdout
    assert "nothing imported" in result.stdout
    assert ok(run(tmp_path, db, "stats")).count('"volunteers": 0') == 1
    out = ok(run(tmp_path, db, "volunteers", "import", str(roster), "--skip-bad"))
    assert "imported: 2 rows: 1 new" in out
    assert '"volunteers": 1' in ok(run(tmp_path, db, "stats"))
    # The same file again updates nobody and adds nobody.
    out = ok(run(tmp_path, db, "volunteers", "import", str(roster), "--skip-bad"))
    assert "0 new, 0 updated, 1 unchanged" in out


def test_volunteers_import_of_a_missing_file_says_so(tmp_path: Path) -> None:
    result = run(tmp_path, tmp_path / "ws.sqlite3", "volunteers", "import", str(tmp_path / "nope.xlsx"))
    assert result.returncode == 2 and "nope.xlsx" in result.stderr and "Traceback" not in result.stderr
