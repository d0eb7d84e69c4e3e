"""Command line for interpreter matching:

    disastercenter match [--at ISO_TIME] [--hours H] [--out plan.csv] [--gaps gaps.csv] [--gaps-pdf gaps.pdf]
    disastercenter volunteers import FILE [--dry-run] [--skip-bad]
    disastercenter requests [--at ISO_TIME] [--hours H] [--all]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from disastercenter.matching.model import DEFAULT_TIME_LIMIT


def _iso_time(text: str) -> str:
    from disastercenter.core.times import parse_time

    try:
        parse_time(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date and time: {text!r} (use e.g. 2026-09-01T09:00 or 2026-09-01T00:00Z)"
        ) from None
    return text


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    match = sub.add_parser("match", help="propose interpreters for the open requests and print a summary")
    match.add_argument("--at", metavar="ISO_TIME", type=_iso_time,
                       help="start of the period (default: now); without an offset: Japan time")
    match.add_argument("--hours", type=float, default=24, help="length of the period (default: 24)")
    match.add_argument("--out", type=Path, metavar="plan.csv", help="write the plan as CSV")
    match.add_argument("--gaps", type=Path, metavar="gaps.csv", help="write the gap report as CSV")
    match.add_argument("--gaps-pdf", type=Path, metavar="gaps.pdf",
                       help="write the gap report as a printable PDF")
    match.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT,
                       help=f"seconds for the exact search when windows overlap (default: {DEFAULT_TIME_LIMIT:g})")
    match.add_argument("--lang", choices=("ja", "en"), help="language of explanations (default: from LANG)")

    volunteers = sub.add_parser("volunteers", help="volunteer roster")
    actions = volunteers.add_subparsers(dest="volunteers_command", metavar="ACTION", required=True)
    importing = actions.add_parser("import", help="import or update volunteers from a CSV or Excel (.xlsx) file")
    importing.add_argument("file", type=Path)
    importing.add_argument("--dry-run", action="store_true", help="only show what would change")
    importing.add_argument("--skip-bad", action="store_true", help="import the valid rows even if others have errors")

    requests = sub.add_parser("requests", help="list interpreter requests (tab-separated)")
    requests.add_argument("--at", metavar="ISO_TIME", type=_iso_time, help="start of the period (default: any time)")
    requests.add_argument("--hours", type=float, default=24)
    requests.add_argument("--all", action="store_true", help="also done and cancelled requests")


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from disastercenter.store.db import open_workspace

    return open_workspace(args.db)


def cmd_match(args: argparse.Namespace, lang: str) -> int:
    from disastercenter.services.matching import Matching

    lang = args.lang or lang
    with _open(args) as workspace:
        matching = Matching(workspace)
        run = matching.run(args.at, args.hours, args.time_limit)
        for warning in run.plan.warnings:
            from disastercenter.matching.explain import render

            print(f"warning: {render(warning, lang)}", file=sys.stderr)
        if args.out:
            matching.export_plan_csv(run, args.out, lang)
        if args.gaps:
            matching.export_gaps_csv(run.gaps(), args.gaps)
        if args.gaps_pdf:
            matching.print_gaps(run.gaps(), args.gaps_pdf)
        print(run.summary_line())
    return 0


def cmd_volunteers(args: argparse.Namespace, lang: str) -> int:
    from disastercenter.services.registry import Registry
    from disastercenter.services.volunteer_import import VolunteerImport

    with _open(args) as workspace:
        importer = VolunteerImport(Registry(workspace))
        preview = importer.preview(args.file)
        for row in preview.rows:
            if row.action == "error":
                for message in row.messages(lang):
                    print(f"row {row.row}: {message}")
            elif row.action == "update":
                print(f"row {row.row}: update {row.name} ({', '.join(row.changed)})")
        if preview.unknown_columns:
            print(f"ignored columns: {', '.join(preview.unknown_columns)}", file=sys.stderr)
        if args.dry_run:
            print(f"dry run: {preview.summary()}")
            return 1 if preview.errors else 0
        if preview.errors and not args.skip_bad:
            print(f"nothing imported: {preview.summary()}")
            return 1
        importer.apply(preview, skip_bad=args.skip_bad)
        print(f"imported: {preview.summary()}")
    return 0


def cmd_requests(args: argparse.Namespace, lang: str) -> int:
    from datetime import timedelta

    from disastercenter.core.times import parse_time, utc_text
    from disastercenter.services.matching import ACTIVE, Matching

    statuses = (*ACTIVE, "done", "cancelled") if args.all else ACTIVE
    start = end = None
    if args.at:
        begin = parse_time(args.at)
        start, end = utc_text(begin), utc_text(begin + timedelta(hours=args.hours))
    with _open(args) as workspace:
        for row in Matching(workspace).list_requests(statuses, start, end):
            volunteer = row.assignment.volunteer_name if row.assignment else ""
            print("\t".join((row.id, row.status, row.data.urgency, row.window_text(),
                             ",".join(row.data.languages), row.person_name, volunteer)))
    return 0
