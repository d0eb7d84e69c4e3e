"""Command-line subcommands of the print centre: `fonts` (and `print`, see below).

    disastercenter fonts [--fonts-dir DIR] [--lang CODE ...]
"""

from __future__ import annotations

import argparse
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


COMMANDS = {"fonts": cmd_fonts}
