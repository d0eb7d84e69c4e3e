"""Command line: duplicate candidates, decisions about them, and the consent-honouring export.

    disastercenter duplicates [--shelter ID] [--limit N] [--band BAND]
    disastercenter duplicates same|different ID ID [--note TEXT]
    disastercenter export-state --format csv|xlsx --out FILE [--include-medical] [--for SCOPE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from disastercenter.core.vocab import CONSENT_SCOPES


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    duplicates = sub.add_parser(
        "duplicates",
        help="list persons who may be registered twice (tab-separated, best first), "
        "or record a decision: duplicates same|different ID ID",
    )
    duplicates.add_argument("decision", nargs="?", choices=("same", "different"),
                            help="record that two records are the same person or different people")
    duplicates.add_argument("ids", nargs="*", metavar="ID", help="the two person ids of a decision")
    duplicates.add_argument("--shelter", metavar="ID", help="only candidates involving this shelter's persons")
    duplicates.add_argument("--limit", type=int, default=50, help="at most N candidates (default 50)")
    duplicates.add_argument("--band", choices=("certain", "likely", "possible"), default="possible",
                            help="list this band and the surer ones (default: all three)")
    duplicates.add_argument("--note", default="", help="a note kept with the decision")

    export = sub.add_parser(
        "export-state",
        help="write the persons who may be shared (consent or emergency basis) to CSV or XLSX",
    )
    export.add_argument("--format", choices=("csv", "xlsx"), required=True, dest="fmt")
    export.add_argument("--out", type=Path, required=True, help="file to write (replaced atomically)")
    export.add_argument("--include-medical", action="store_true",
                        help="also write medical needs, need details and notes (sensitive data)")
    export.add_argument("--for", dest="recipient", choices=CONSENT_SCOPES, default="municipality",
                        help="the recipient whose consent scope counts (default: municipality)")


def _cmd_duplicates(args: argparse.Namespace) -> int:
    from disastercenter.cli import _lang, _open
    from disastercenter.services.duplicates import BANDS, DuplicateReview

    if args.limit < 0:
        raise SystemExit("--limit must not be negative")
    workspace, registry = _open(args.db)
    with workspace:
        review = DuplicateReview(registry)
        if args.decision:
            if len(args.ids) != 2:
                raise SystemExit("duplicates same|different needs exactly two person ids")
            review.decide(args.ids[0], args.ids[1], args.decision, args.note)
            print(f"{args.decision}\t{args.ids[0]}\t{args.ids[1]}")
            return 0
        if args.ids:
            raise SystemExit("person ids are given only with same or different")

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done}/{total} persons checked", end="", file=sys.stderr, flush=True)

        candidates = review.candidates(shelter_id=args.shelter, progress=progress)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        wanted = BANDS[: BANDS.index(args.band) + 1]
        shown = [c for c in candidates if c.band in wanted][: args.limit]
        labels = review.labels([pid for c in shown for pid in (c.person_id, c.other_id)])
        lang = _lang()
        for c in shown:
            a_name, a_shelter = labels.get(c.person_id, ("", ""))
            b_name, b_shelter = labels.get(c.other_id, ("", ""))
            print("\t".join((
                c.band, f"{c.score:.2f}", c.person_id, a_name, a_shelter, c.other_id, b_name,
                b_shelter, "; ".join(r.text(lang) for r in c.reasons),
            )))
        print(f"{len(shown)} of {len(candidates)} candidates", file=sys.stderr)
    return 0


def _cmd_export_state(args: argparse.Namespace) -> int:
    from disastercenter.cli import _open
    from disastercenter.services.interop import export_state

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total} persons", end="", file=sys.stderr, flush=True)

    workspace, _registry = _open(args.db)
    with workspace:
        summary = export_state(
            workspace.conn, args.out, args.fmt, recipient=args.recipient,
            include_medical=args.include_medical, progress=progress,
        )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    by_basis = ", ".join(f"{basis} {count}" for basis, count in sorted(summary.by_basis.items()))
    print(f"{summary.path}\t{summary.exported} persons ({by_basis or 'none'}); "
          f"{summary.withheld} withheld (no consent for {summary.recipient}); "
          f"medical fields {'included' if summary.include_medical else 'left out'}")
    return 0


COMMANDS = {
    "duplicates": _cmd_duplicates,
    "export-state": _cmd_export_state,
}
