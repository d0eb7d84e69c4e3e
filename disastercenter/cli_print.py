"""Command-line subcommands of the print centre.

    disastercenter fonts [--fonts-dir DIR] [--lang CODE ...]
    disastercenter print board --board evacuee --lang vi [--lang2 en] [--english] --out F.pdf
    disastercenter print sign --sign toilet --langs ja,en,vi [--wifi SSID] [--qr] --out F.pdf
    disastercenter print notice --template notice.meal --set time=12:00 --set place=体育館 \
        --langs ja,ja-x-easy,en,vi,ne [--issued "11/20 9:00"] [--shelter NAME] [--qr] --out F.pdf
    (print card, print form and print roster: cli_print_cards)
    disastercenter print kit --langs ja,ja-x-easy,en,zh-Hans,ko,vi,ne,my,ar --out-dir DIR
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any


def add_parsers(sub: Any) -> None:
    fonts = sub.add_parser(
        "fonts", help="per language: the fonts used for printing and whether they have every letter"
    )
    fonts.add_argument("--fonts-dir", type=Path,
                       help="folder of extra font files, tried before the system fonts "
                            "(default: $DISASTERCENTER_FONTS)")
    fonts.add_argument("--lang", action="append", dest="langs", metavar="CODE",
                       help="only these languages (repeatable; default: all)")

    printing = sub.add_parser("print", help="print boards, signs, notices and shelter kits as PDF")
    what = printing.add_subparsers(dest="print_command", metavar="WHAT", required=True)

    def common(parser: argparse.ArgumentParser, out: bool = True) -> None:
        if out:
            parser.add_argument("--out", type=Path, required=True, help="PDF file to write")
        parser.add_argument("--paper", default="A4", choices=["A4", "A3"], help="paper size")
        parser.add_argument("--fonts-dir", type=Path, help="folder of extra font files")

    board = what.add_parser("board", help="a pointing board or the language board")
    board.add_argument("--board", required=True,
                       choices=["language", "evacuee", "staff", "health"])
    board.add_argument("--lang", default="en", help="the evacuee's language (default: en)")
    board.add_argument("--lang2", default="ja", help="the second language (default: ja)")
    board.add_argument("--english", action="store_true", help="add English as a third line")
    common(board)

    sign = what.add_parser("sign", help="a sign: large pictogram, up to 5 languages")
    sign.add_argument("--sign", required=True, help="which sign (toilet, water, wifi, ...)")
    sign.add_argument("--langs", required=True, help="comma-separated language codes (max 5)")
    sign.add_argument("--qr", action="store_true", help="add a QR code with the text")
    sign.add_argument("--wifi", metavar="SSID", help="network of the Wi-Fi sign (default 00000JAPAN)")
    sign.add_argument("--wifi-password", help="password of that network (none: open network)")
    common(sign)

    notice = what.add_parser("notice", help="a notice from a phrase template")
    notice.add_argument("--template", required=True, help="phrase key, e.g. notice.meal")
    notice.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a placeholder value (repeatable)")
    notice.add_argument("--langs", required=True, help="comma-separated language codes")
    notice.add_argument("--issued", default="", help="date and time of issue, as printed")
    notice.add_argument("--shelter", default="", help="issuing shelter, as printed")
    notice.add_argument("--qr", action="store_true", help="add QR codes with the full text")
    notice.add_argument("--one-per-page", action="store_true", help="each language on its own page")
    common(notice)

    kit = what.add_parser("kit", help="everything a new shelter needs, for the given languages")
    kit.add_argument("--langs", required=True, help="comma-separated language codes")
    kit.add_argument("--out-dir", type=Path, required=True, help="folder for the PDF files")
    kit.add_argument("--wifi", metavar="SSID", help="network of the Wi-Fi sign")
    kit.add_argument("--workers", type=int, help="parallel processes (default: CPUs, at most 2)")
    common(kit, out=False)
    from disastercenter.cli_print_cards import add_print_actions

    add_print_actions(what)  # card, form, roster


def cmd_fonts(args: argparse.Namespace) -> int:
    from disastercenter.core.languages import LANGUAGE_CODES, language
    from disastercenter.printing.fonts import FontResolver, default_fonts_dir

    folder = args.fonts_dir if args.fonts_dir is not None else default_fonts_dir()
    resolver = FontResolver(folder)
    codes = args.langs or list(LANGUAGE_CODES)
    for code in codes:
        language(code)  # unknown codes fail here with the code in the message
    print(f"fonts folder\t{folder if folder else '-'}")
    incomplete = 0
    for code in codes:
        report = resolver.coverage(code)
        entry = language(code)
        if report.primary is None:
            used = "(none)"
        else:
            used = ", ".join(
                f"{font.family} ({font.path.name})" if font is report.primary else font.family
                for font in report.fonts
            )
        if report.complete:
            status = "complete"
        else:
            incomplete += 1
            status = (f"MISSING {len(report.missing)}: {report.missing[:20]}"
                      if report.primary is not None else "MISSING: no font for this script")
        print(f"{code}\t{entry.native_name}\t{status}\t{used}")
    if incomplete:
        print(f"{incomplete} of {len(codes)} languages cannot be printed completely; "
              "see docs/printing.md (Fonts)")
        return 1
    return 0


def _langs(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def _values(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise SystemExit(f"--set needs NAME=VALUE, not {pair!r}")
        values[name.strip()] = value
    return values


def _report(results: list) -> int:  # type: ignore[type-arg]
    for result in results:
        print(f"{result.path}\t{result.pages} pages")
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from disastercenter.services import printing

    command = args.print_command
    if command == "board":
        return _report([printing.print_board(
            args.board, args.lang, args.out, lang2=args.lang2, english=args.english,
            paper=args.paper, fonts_dir=args.fonts_dir)])
    if command == "sign":
        return _report([printing.print_sign(
            args.sign, _langs(args.langs), args.out, qr=args.qr, wifi_ssid=args.wifi,
            wifi_password=args.wifi_password, paper=args.paper, fonts_dir=args.fonts_dir)])
    if command == "notice":
        return _report([printing.print_notice(
            args.template, _langs(args.langs), _values(args.set), args.out, issued=args.issued,
            shelter=args.shelter, qr=args.qr, one_per_page=args.one_per_page, paper=args.paper,
            fonts_dir=args.fonts_dir)])
    started = time.perf_counter()

    def progress(done: int, total: int, label: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total} {label:40.40}", end="", file=sys.stderr, flush=True)

    results = printing.print_kit(_langs(args.langs), args.out_dir, paper=args.paper,
                                 wifi_ssid=args.wifi, fonts_dir=args.fonts_dir,
                                 progress=progress, workers=args.workers)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    _report(results)
    pages = sum(r.pages for r in results)
    print(f"kit: {len(results)} files, {pages} pages in {time.perf_counter() - started:.1f} s")
    return 0


COMMANDS = {"fonts": cmd_fonts, "print": cmd_print}
