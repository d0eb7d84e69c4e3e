"""Command-line print actions for staff printables: registration cards, the paper form, the
shelter roster.

    disastercenter print card --person ID [--person ID ...] --out cards.pdf [--paper A4|card]
    disastercenter print card --shelter ID --out cards.pdf
    disastercenter print form --lang vi [--lang2 ja] [--paper A4] [--members 2] --out form-vi.pdf
    disastercenter print roster --shelter ID [--labels ja|en] [--all] --out roster.pdf

They are actions of the `print` command: `cli_print` calls `add_print_actions` with its
action table (each leaf sets its own `command` value, so `cli.COMMANDS` dispatches to it
directly).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

_FONTS_HELP = "folder of extra font files, tried before the system fonts"


def add_print_actions(actions: Any) -> None:
    _add_card(actions)
    _add_form(actions)
    _add_roster(actions)


def _add_card(actions: Any) -> None:
    card = actions.add_parser("card", help="registration cards with QR codes (10 per A4 sheet)")
    who = card.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", action="append", dest="persons", metavar="ID",
                     help="a person's id (repeatable)")
    who.add_argument("--shelter", metavar="ID", help="every person of this shelter")
    card.add_argument("--paper", default="A4",
                      help="A4 (sheets with cut marks, default) or card (one card per page)")
    _common(card)
    card.set_defaults(command="print card")


def _add_form(actions: Any) -> None:
    form = actions.add_parser("form", help="the paper registration form, bilingual")
    form.add_argument("--lang", required=True, metavar="CODE",
                      help="language of the form (Japanese is printed with it)")
    form.add_argument("--lang2", default="ja", metavar="CODE",
                      help="the language under every label (default: ja, for staff)")
    form.add_argument("--paper", default="A4")
    form.add_argument("--members", type=int, default=1,
                      help="household members the form has room for (default 1)")
    form.add_argument("--form", default="registration", dest="form_id",
                      help="form definition (default: registration)")
    _common(form)
    form.set_defaults(command="print form")


def _add_roster(actions: Any) -> None:
    roster = actions.add_parser("roster",
                                help="confidential shelter roster by language and needs (staff)")
    roster.add_argument("--shelter", required=True, metavar="ID")
    roster.add_argument("--labels", choices=("ja", "en"), default="ja",
                        help="language of needs, statuses and other values (default ja)")
    roster.add_argument("--all", action="store_true", dest="include_left",
                        help="also persons who have left or were transferred")
    _common(roster)
    roster.set_defaults(command="print roster")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="PDF file to write")
    parser.add_argument("--fonts-dir", type=Path, help=_FONTS_HELP)


def _report(result: Any) -> int:
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{result.path}\t{result.pages} pages")
    return 0


def _open(db: Path | None) -> Any:
    from disastercenter.services.registry import Registry
    from disastercenter.store.db import open_workspace

    workspace = open_workspace(db)
    return workspace, Registry(workspace)


def cmd_card(args: argparse.Namespace) -> int:
    from disastercenter.services.print_cards import print_cards

    workspace, registry = _open(args.db)
    with workspace:
        return _report(print_cards(registry, args.out, person_ids=args.persons or (),
                                   shelter_id=args.shelter, paper=args.paper,
                                   fonts_dir=args.fonts_dir))


def cmd_form(args: argparse.Namespace) -> int:
    from disastercenter.services.print_cards import print_paper_form
    from disastercenter.store.db import default_db_path

    # A blank form needs no data: the workspace is not opened, only its own forms folder
    # (next to the database) is looked at, as the registration dialog does.
    workspace_path = args.db if args.db is not None else default_db_path()
    return _report(print_paper_form(args.out, args.lang, paper=args.paper, members=args.members,
                                    form_id=args.form_id, fonts_dir=args.fonts_dir,
                                    workspace_path=workspace_path, lang2=args.lang2))


def cmd_roster(args: argparse.Namespace) -> int:
    from disastercenter.services.print_cards import print_roster

    workspace, registry = _open(args.db)
    with workspace:
        return _report(print_roster(registry, args.out, args.shelter, labels=args.labels,
                                    include_left=args.include_left, fonts_dir=args.fonts_dir))


COMMANDS = {"print card": cmd_card, "print form": cmd_form, "print roster": cmd_roster}
