"""The command line: the same services as the GUI, for scripting, drills and tests.

    disastercenter [--db PATH] SUBCOMMAND ...
    python -m disastercenter ...
    python main.py ...            (no arguments: the GUI)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from disastercenter import (
    __version__,
    cli_dupes,
    cli_matching,
    cli_print,
    cli_print_cards,
    cli_sync,
)
from disastercenter.core.errors import UserError


def _lang() -> str:
    """Messages in Japanese when the environment says so, English otherwise."""
    value = os.environ.get("DISASTERCENTER_LANG") or os.environ.get("LANG", "")
    return "ja" if value.startswith("ja") else "en"


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="disastercenter",
        description="Offline support for foreign residents at evacuation shelters.",
    )
    parser.add_argument("--db", type=Path, help="workspace database file (default: per-user data dir)")
    parser.add_argument("--version", action="version", version=f"disastercenter {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    demo = sub.add_parser("demo", help="add synthetic shelters, evacuees and volunteers")
    demo.add_argument("--evacuees", type=int, default=300)
    demo.add_argument("--shelters", type=int, default=5)
    demo.add_argument("--volunteers", type=int, default=40)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--requests", type=int, default=None,
                      help="interpreter requests to raise (default: one per 50 evacuees, at least 5)")

    search = sub.add_parser("search", help="find persons by any name form, id, card code or phone")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=50)

    sub.add_parser("stats", help="totals and counts by shelter, language, nationality, need, status (JSON)")
    sub.add_parser("shelters", help="list shelters (tab-separated)")
    sub.add_parser("info", help="where the workspace and data live")
    sub.add_parser("gui", help="open the desktop app")

    content = sub.add_parser("content", help="phrasebooks and forms")
    content_sub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    check = content_sub.add_parser(
        "check", help="report every problem of the phrasebooks and forms (exit 1 if any)"
    )
    check.add_argument("--dir", type=Path, dest="phrasebook_dir",
                       help="phrasebook folder (default: the shipped phrasebooks)")
    check.add_argument("--forms", type=Path, dest="forms_dir",
                       help="forms folder (default: the shipped forms)")
    check.add_argument("--no-forms", action="store_true",
                       help="check the phrasebook only (an exported set of user phrases)")
    from disastercenter import cli_content

    cli_content.add_parsers(content_sub)
    cli_matching.add_parsers(sub)
    cli_print.add_parsers(sub)
    cli_dupes.add_parsers(sub)
    cli_sync.add_parsers(sub)
    return parser


def _open(db: Path | None):  # type: ignore[no-untyped-def]
    from disastercenter.services.registry import Registry
    from disastercenter.store.db import open_workspace

    workspace = open_workspace(db)
    return workspace, Registry(workspace)


def _cmd_demo(args: argparse.Namespace) -> int:
    from disastercenter.services.demo import create_demo

    for name in ("evacuees", "shelters", "volunteers"):
        if getattr(args, name) < 0:
            raise SystemExit(f"--{name} must not be negative")
    if args.shelters < 1 and args.evacuees > 0:
        raise SystemExit("--shelters must be at least 1 when there are evacuees")
    workspace, registry = _open(args.db)
    with workspace:
        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done}/{total} evacuees", end="", file=sys.stderr, flush=True)

        if args.requests is not None and args.requests < 0:
            raise SystemExit("--requests must not be negative")
        summary = create_demo(
            registry, args.evacuees, args.shelters, args.volunteers, args.seed, progress,
            requests=args.requests,
        )
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(
            f"demo: {summary.shelters} shelters, {summary.households} households, "
            f"{summary.evacuees} evacuees, {summary.volunteers} volunteers, "
            f"{summary.requests} interpreter requests -> {workspace.path}"
        )
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    workspace, registry = _open(args.db)
    with workspace:
        for row in registry.search(args.query, args.limit):
            languages = ",".join(f"{code}:{level}" for code, level in row.languages)
            print("\t".join((row.id, row.name_latin, row.name_native, row.shelter_name, languages)))
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    workspace, registry = _open(args.db)
    with workspace:
        print(json.dumps(registry.stats(), ensure_ascii=False, indent=2))
    return 0


def _cmd_shelters(args: argparse.Namespace) -> int:
    workspace, registry = _open(args.db)
    with workspace:
        for s in registry.list_shelters():
            print("\t".join((s.id, s.name_ja, s.name_en, str(s.present), str(s.capacity),
                             "open" if s.is_open else "closed")))
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from disastercenter.content.paths import shipped_dir
    from disastercenter.store.db import default_db_path

    workspace, _ = _open(args.db)
    with workspace:
        print(f"workspace\t{workspace.path}")
        print(f"device\t{workspace.device_id}")
    print(f"default\t{default_db_path()}")
    print(f"forms\t{shipped_dir('forms')}")
    print(f"phrasebooks\t{shipped_dir('phrasebooks')}")
    return 0


def _cmd_gui(args: argparse.Namespace) -> int:
    from disastercenter.ui.app import run_gui

    return run_gui(args.db)


def _cmd_content(args: argparse.Namespace) -> int:
    if args.content_command != "check":
        from disastercenter import cli_content

        return cli_content.run(args, _lang())
    from disastercenter.content.check import check_content

    # No workspace is opened: checking data files must work on a build machine or a
    # translator's laptop without a database.
    report = check_content(args.phrasebook_dir, args.forms_dir, check_forms=not args.no_forms)
    if report.ok:
        print(report.summary())
        return 0
    for problem in report.problems:
        print(problem)
    files = len({problem.file for problem in report.problems})
    print(f"content check: {len(report.problems)} problems in {files} files", file=sys.stderr)
    return 1


COMMANDS = {
    "demo": _cmd_demo,
    "search": _cmd_search,
    "stats": _cmd_stats,
    "shelters": _cmd_shelters,
    "info": _cmd_info,
    "gui": _cmd_gui,
    "content": _cmd_content,
    "match": lambda args: cli_matching.cmd_match(args, _lang()),
    "volunteers": lambda args: cli_matching.cmd_volunteers(args, _lang()),
    "requests": lambda args: cli_matching.cmd_requests(args, _lang()),
    **cli_print.COMMANDS,
    **cli_print_cards.COMMANDS,
    **cli_dupes.COMMANDS,
    **cli_sync.COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"disastercenter: {exc.message(_lang())}", file=sys.stderr)
        return 2
