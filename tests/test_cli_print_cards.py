"""`print card`, `print form` and `print roster` from the command line, as real processes."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from disastercenter import cli_print_cards
from disastercenter.cli import main
from disastercenter.core.people import PersonInput, ShelterInput
from disastercenter.services.registry import Registry
from disastercenter.store.db import open_workspace
from tests.test_cli import ok, run


def test_cards_form_and_roster_are_printed_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "shelter.sqlite3"
    with open_workspace(db) as ws:
        registry = Registry(ws)
        shelter = registry.add_shelter(ShelterInput("中央公民館"))
        (person,) = registry.register_household(shelter, [
            PersonInput(name_latin="BAYAR Tuya", name_native="Баяр Туяа",
                        languages=[("mn", "native")]),
        ]).person_ids

    out = ok(run(tmp_path, db, "print", "card", "--shelter", shelter, "--out",
                 str(tmp_path / "cards.pdf")))
    assert out.startswith(f"{tmp_path / 'cards.pdf'}\t1 pages")
    ok(run(tmp_path, db, "print", "card", "--person", person, "--paper", "card", "--out",
           str(tmp_path / "card.pdf")))
    ok(run(tmp_path, db, "print", "roster", "--shelter", shelter, "--out",
           str(tmp_path / "roster.pdf")))
    ok(run(tmp_path, None, "print", "form", "--lang", "mn", "--out", str(tmp_path / "form.pdf")))
    for name in ("cards.pdf", "card.pdf", "roster.pdf", "form.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF-")


def test_mistakes_get_a_message_in_the_users_language_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "shelter.sqlite3")
    out = str(tmp_path / "x.pdf")
    monkeypatch.setenv("DISASTERCENTER_LANG", "ja")
    assert main(["--db", db, "print", "card", "--person",
                 "0192f4e3-a1b2-7c3d-8e9f-001122334455", "--out", out]) == 2
    assert "見つかりません" in capsys.readouterr().err
    monkeypatch.setenv("DISASTERCENTER_LANG", "en")
    assert main(["print", "form", "--lang", "klingon", "--out", out]) == 2
    assert "Unknown language" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--db", db, "print", "card", "--out", out])  # --person or --shelter is required
    assert "--person" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_the_actions_join_a_print_command_made_elsewhere() -> None:
    # As when cli_print builds `print` (board, notice, sign) before this module adds to it.
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    printing = sub.add_parser("print")
    actions = printing.add_subparsers(dest="print_command", required=True)
    actions.add_parser("board").add_argument("--lang")
    cli_print_cards.add_print_actions(actions)
    args = parser.parse_args(["print", "card", "--shelter", "S1", "--out", "cards.pdf"])
    assert args.command == "print card" and args.shelter == "S1"
    assert cli_print_cards.COMMANDS[args.command] is cli_print_cards.cmd_card
    args = parser.parse_args(["print", "board", "--lang", "vi"])
    assert args.command == "print" and args.print_command == "board"
