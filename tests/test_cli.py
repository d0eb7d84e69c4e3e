"""The command line, run as a real process: `python -m disastercenter ...`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from disastercenter.store.db import open_workspace
from tests.helpers import sha256

ROOT = Path(__file__).resolve().parent.parent
DEMO = ["demo", "--evacuees", "200", "--shelters", "3", "--volunteers", "10", "--seed", "7"]
QUERIES = ["chen", "チェン", "ちぇん", "090", "a", "zzzz"]


def run(home: Path, db: Path | None, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISASTERCENTER_")}
    env.update(DISASTERCENTER_HOME=str(home), DISASTERCENTER_LANG=lang, PYTHONIOENCODING="utf-8")
    command = [sys.executable, "-m", "disastercenter"]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(
        [*command, *args], cwd=ROOT, env=env, capture_output=True, text=True,
        encoding="utf-8", timeout=120, check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Two workspaces filled by the same demo command, and the home directory used."""
    home = tmp_path_factory.mktemp("home")
    first, second = home / "first.sqlite3", home / "second.sqlite3"
    for db in (first, second):
        out = ok(run(home, db, *DEMO))
        assert out.startswith("demo: 3 shelters, ") and "200 evacuees, 10 volunteers" in out
        assert str(db) in out
    return home, first, second


def test_the_demo_is_the_same_for_the_same_seed(demos: tuple[Path, Path, Path]) -> None:
    home, first, second = demos
    assert ok(run(home, first, "stats")) == ok(run(home, second, "stats"))
    for query in QUERIES:
        lines = [ok(run(home, db, "search", query, "--limit", "500")).splitlines() for db in (first, second)]
        without_ids = [[line.split("\t", 1)[1] for line in found] for found in lines]
        assert without_ids[0] == without_ids[1], query
        assert {line.split("\t")[0] for line in lines[0]}.isdisjoint(
            line.split("\t")[0] for line in lines[1]
        ), "record ids are new in every workspace"
    shelters = [
        [line.split("\t", 1)[1] for line in ok(run(home, db, "shelters")).splitlines()]
        for db in (first, second)
    ]
    assert shelters[0] == shelters[1] and len(shelters[0]) == 3


def test_a_different_seed_gives_different_people(demos: tuple[Path, Path, Path], tmp_path: Path) -> None:
    home, first, _ = demos
    other = tmp_path / "other.sqlite3"
    ok(run(home, other, *DEMO[:-1], "8"))
    assert ok(run(home, other, "stats")) != ok(run(home, first, "stats"))


def test_search_prints_id_names_shelter_and_languages_separated_by_tabs(
    demos: tuple[Path, Path, Path],
) -> None:
    home, first, _ = demos
    shelter_names = {line.split("\t")[1] for line in ok(run(home, first, "shelters")).splitlines()}
    lines = ok(run(home, first, "search", "a", "--limit", "500")).splitlines()
    assert len(lines) >= 5
    for line in lines:
        record_id, latin, native, shelter, languages = line.split("\t")
        assert str(uuid.UUID(record_id)) == record_id
        assert latin or native
        assert shelter in shelter_names
        for language in languages.split(","):
            code, level = language.split(":")
            assert code and level in {"native", "fluent", "conversational", "basic"}
    assert len(ok(run(home, first, "search", "a", "--limit", "3")).splitlines()) == 3
    # A person found by name is found again by its id and by the card code on its card.
    record_id, latin = lines[0].split("\t")[:2]
    assert ok(run(home, first, "search", record_id)).splitlines() == [lines[0]]
    from disastercenter.core.ids import card_code

    assert ok(run(home, first, "search", card_code(record_id).lower())).splitlines() == [lines[0]]
    assert ok(run(home, first, "search", "zzzz")) == ""


def test_stats_print_json_with_every_breakdown(demos: tuple[Path, Path, Path]) -> None:
    home, first, _ = demos
    stats = json.loads(ok(run(home, first, "stats")))
    assert set(stats) == {"totals", "by_shelter", "by_language", "by_nationality", "by_need", "by_status"}
    totals = stats["totals"]
    assert (totals["persons"], totals["shelters"], totals["volunteers"]) == (200, 3, 10)
    assert 0 < totals["households"] <= 200
    assert sum(stats["by_status"].values()) == 200
    assert stats["by_status"].get("checked_in", 0) == totals["checked_in"]
    assert sum(stats["by_shelter"].values()) == totals["checked_in"]
    assert sum(stats["by_nationality"].values()) == 200
    assert all(isinstance(v, int) and v > 0 for v in stats["by_language"].values())
    assert all(isinstance(v, int) and v > 0 for v in stats["by_need"].values())
    shelter_names = {line.split("\t")[1] for line in ok(run(home, first, "shelters")).splitlines()}
    assert set(stats["by_shelter"]) == shelter_names


def test_info_names_the_workspace_and_the_default_location(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    lines = dict(line.split("\t", 1) for line in ok(run(tmp_path, db, "info")).splitlines())
    assert lines["workspace"] == str(db)
    assert lines["default"] == str(tmp_path / "workspaces" / "default.sqlite3")
    assert len(lines["device"]) == 32


def test_without_db_the_workspace_is_created_under_disastercenter_home(tmp_path: Path) -> None:
    ok(run(tmp_path, None, "stats"))
    assert (tmp_path / "workspaces" / "default.sqlite3").is_file()


def test_a_workspace_open_elsewhere_gives_a_clear_message_and_no_traceback(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    with open_workspace(db):
        for args in (["stats"], ["search", "nguyen"], ["demo", "--evacuees", "5"]):
            result = run(tmp_path, db, *args)
            assert result.returncode != 0
            assert "already open" in result.stderr and str(db) in result.stderr
            assert "Traceback" not in result.stderr
            assert result.stdout == ""
        japanese = run(tmp_path, db, "stats", lang="ja")
        assert japanese.returncode != 0 and "別の disastercenter で開かれています" in japanese.stderr


@pytest.mark.parametrize(
    "content",
    [b"name,phone\nNguyen,090\n", b"SQLite format 3\x00" + bytes(range(256)) * 8, os.urandom(4096)],
    ids=["csv", "damaged-sqlite", "random"],
)
def test_a_file_that_is_not_a_workspace_gives_a_clear_message_and_is_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    db = tmp_path / "not-a-workspace.sqlite3"
    db.write_bytes(content)
    before = sha256(db)
    result = run(tmp_path, db, "stats")
    assert result.returncode != 0
    assert str(db) in result.stderr and "not changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert sha256(db) == before


def test_bad_demo_arguments_are_refused_without_a_traceback(tmp_path: Path) -> None:
    for args in (["--evacuees", "-1"], ["--shelters", "0", "--evacuees", "3"], ["--seed", "x"]):
        result = run(tmp_path, tmp_path / "ws.sqlite3", "demo", *args)
        assert result.returncode != 0, args
        assert result.stderr.strip() and "Traceback" not in result.stderr
