"""`content export`, `content import`, `content export-user`: phrasebooks on the command line.

Two modes, so a translator's laptop needs no workspace:

- **file mode** (`--dir FOLDER`): a phrasebook folder alone, e.g. a checkout's `phrasebooks/`.
  Imports write its `<code>.toml` in place. This is how the shipped files are maintained.
- **workspace mode** (no `--dir`): the workspace (`--db`, or the default one) as the app sees it:
  shipped phrases, the workspace's edits and its own phrases. Imports write the workspace's own
  phrasebook folder and its phrases, never the shipped files (docs/phrasebooks.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from disastercenter.core.errors import UserError

FORMATS = ("xlsx", "csv")


def add_parsers(content_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the round-trip actions to the `content` command's subparsers."""
    export = content_sub.add_parser(
        "export", help="write one language to an XLSX or CSV file for a translator"
    )
    export.add_argument("--lang", required=True, help="language code, e.g. vi")
    export.add_argument("--format", choices=FORMATS, help="xlsx or csv (default: from --out)")
    export.add_argument("--out", type=Path, required=True, help="file to write")
    export.add_argument("--dir", type=Path, dest="phrasebook_dir",
                        help="phrasebook folder (file mode); default: the workspace's phrases")

    imp = content_sub.add_parser(
        "import", help="read a translator's XLSX or CSV file back: check, show changes, write"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--lang", required=True, help="language code of the file, e.g. vi")
    imp.add_argument("--reviewer", required=True, help="name recorded on every changed entry")
    imp.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    imp.add_argument("--dir", type=Path, dest="phrasebook_dir",
                     help="phrasebook folder to update (file mode); default: the workspace")

    user = content_sub.add_parser(
        "export-user", help="write the workspace's own phrases as a phrasebook folder"
    )
    user.add_argument("--out", type=Path, required=True, help="new or empty folder")


def run(args: argparse.Namespace, lang: str) -> int:
    """Run a round-trip action; UserErrors go up to the CLI, which prints them."""
    if args.content_command == "export":
        return _export(args)
    if args.content_command == "import":
        return _import(args, lang)
    if args.content_command == "export-user":
        return _export_user(args, lang)
    raise SystemExit(f"unknown content action {args.content_command!r}")


def _format(args: argparse.Namespace) -> str:
    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserError("import.format", path=str(args.out))
    return fmt


def _export(args: argparse.Namespace) -> int:
    fmt = _format(args)
    if args.phrasebook_dir is not None:
        from disastercenter.content.phrasebook import load_folder
        from disastercenter.content.roundtrip import export_rows, write_export

        book = load_folder(args.phrasebook_dir, frozenset({args.lang}))
        rows = export_rows(book, args.lang)
        write_export(rows, args.lang, args.out, fmt)
        count = len(rows)
    else:
        workspace, service = _open(args.db)
        with workspace:
            count = service.export_translations(args.lang, args.out, fmt)
    print(f"{count} phrases in {args.lang} -> {args.out}")
    return 0


def _import(args: argparse.Namespace, lang: str) -> int:
    if args.phrasebook_dir is not None:
        from disastercenter.content.phrasebook import load_folder
        from disastercenter.content.roundtrip import (
            apply_to_language_file,
            plan_import,
            read_rows,
        )

        rows = read_rows(args.file, args.lang)
        book = load_folder(args.phrasebook_dir, frozenset({args.lang}))
        plan = plan_import(rows, book, args.lang, args.reviewer, source=str(args.file))
        _print_plan(plan, lang)
        if not args.dry_run:
            apply_to_language_file(plan, args.phrasebook_dir, list(book.phrases))
        target = args.phrasebook_dir / f"{args.lang}.toml"
    else:
        workspace, service = _open(args.db)
        with workspace:
            plan = service.plan_import(args.file, args.lang, args.reviewer)
            _print_plan(plan, lang)
            if not args.dry_run:
                service.apply_import(plan)
            target = service.override_dir / f"{args.lang}.toml"
    if args.dry_run:
        print("dry run: nothing written" if lang != "ja" else "試行のみ: 何も書き込んでいません")
    elif plan.changes:
        print(f"written: {target}" if lang != "ja" else f"書き込み先: {target}")
    return 1 if plan.rejected else 0


def _print_plan(plan, lang: str) -> None:  # type: ignore[no-untyped-def]
    for line in plan.preview(lang):
        print(line)
    print(plan.summary(lang), file=sys.stderr if plan.rejected else sys.stdout)


def _export_user(args: argparse.Namespace, lang: str) -> int:
    workspace, service = _open(args.db)
    with workspace:
        result = service.export_user_phrases(args.out)
    print(f"{result.phrases} phrases, languages: {', '.join(['ja', 'ja-x-easy', 'en', *result.languages])}"
          f" -> {result.folder}")
    for code, missing in result.incomplete.items():
        print(f"not exported: {code} ({missing} of {result.phrases} phrases untranslated)")
    if result.check is not None and not result.check.ok:
        for problem in result.check.problems:
            print(problem, file=sys.stderr)
        return 1
    return 0


def _open(db: Path | None):  # type: ignore[no-untyped-def]
    from disastercenter.services.phrasebook import PhrasebookService
    from disastercenter.store.db import open_workspace

    workspace = open_workspace(db)
    return workspace, PhrasebookService(workspace)
