"""What the GUI print centre needs besides the print services themselves: the languages with
their font coverage and review status, notice templates with their typed fields, and a kit
written all at once (a cancelled kit leaves its folder as it was).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from disastercenter.content.phrasebook import Phrasebook, load_phrasebook
from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES
from disastercenter.printing.fonts import default_resolver
from disastercenter.services.printing import PrintResult, Progress, print_kit

#: Catalogue categories whose texts are printed (what a language's review status is about).
_FORM_CATEGORIES = frozenset({"form", "vocab"})


@dataclass(frozen=True)
class LanguageChoice:
    """A language as the print centre offers it."""

    code: str
    native_name: str
    name_ja: str
    name_en: str
    #: No font for the language's own script.
    no_font: bool
    #: Characters of its texts that no installed font has.
    missing: str
    #: Printed phrases checked by a native speaker, of all printed phrases in this language.
    reviewed: int
    total: int

    @property
    def printable(self) -> bool:
        return not self.no_font and not self.missing

    @property
    def review_state(self) -> str:
        """"reviewed", "partly" or "unreviewed"."""
        if self.total and self.reviewed == self.total:
            return "reviewed"
        return "partly" if self.reviewed else "unreviewed"


def review_counts(book: Phrasebook, code: str) -> tuple[int, int]:
    """(reviewed, total) over the phrases printed in `code` (boards, signs, notices)."""
    reviewed = total = 0
    for phrase in book.phrases.values():
        if phrase.category in _FORM_CATEGORIES or not phrase.texts.get(code):
            continue
        total += 1
        review = phrase.review if code in ("ja", "ja-x-easy", "en") else phrase.reviews.get(code)
        if review is not None and review.is_reviewed:
            reviewed += 1
    return reviewed, total


def language_choices(fonts_dir: Path | None = None) -> list[LanguageChoice]:
    """Every language with what stops it from printing (no font, missing letters) and how much
    of it was reviewed. Reads every font's character map: about half a second the first time,
    so the GUI calls it off its thread."""
    fonts = default_resolver(fonts_dir)
    book = load_phrasebook()
    choices = []
    for code, entry in LANGUAGES.items():
        coverage = fonts.coverage(code)
        reviewed, total = review_counts(book, code)
        choices.append(LanguageChoice(code, entry.native_name, entry.name_ja, entry.name_en,
                                      coverage.primary is None, coverage.missing,
                                      reviewed, total))
    return choices


# --- notices ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NoticeTemplate:
    key: str
    #: (placeholder name, declared type) in the order they appear in the Japanese text.
    fields: tuple[tuple[str, str], ...]


def notice_templates(book: Phrasebook | None = None) -> list[NoticeTemplate]:
    """The phrases a notice can be made from (category "notice"), in catalogue order."""
    from disastercenter.content.phrasebook import PLACEHOLDER

    book = book or load_phrasebook(languages=frozenset())  # the catalogue is enough
    templates = []
    for key, phrase in book.phrases.items():
        if phrase.category != "notice":
            continue
        order = list(dict.fromkeys(PLACEHOLDER.findall(phrase.texts.get("en", ""))))
        order += [name for name in phrase.placeholders if name not in order]
        templates.append(NoticeTemplate(key, tuple((name, phrase.placeholders.get(name, "text"))
                                                   for name in order)))
    return templates


def check_notice_values(template: NoticeTemplate, values: Mapping[str, str]) -> list[UserError]:
    """One error per value that is missing or not of its declared type (a time such as 14:00,
    a date such as 2026-11-21, a whole number, some text), as the template types say."""
    from disastercenter.content.templates import format_value

    problems = []
    for name, kind in template.fields:
        value: object = values.get(name, "").strip()
        if kind == "count":
            value = int(value) if value.isascii() and value.isdigit() else value  # type: ignore[union-attr]
        try:
            format_value("ja", kind, name, value)
        except UserError as exc:
            problems.append(exc)
    return problems


# --- the kit, all or nothing --------------------------------------------------------------------

def print_kit_folder(langs: Sequence[str], out_dir: Path, paper: str = "A4",
                     wifi_ssid: str | None = None, fonts_dir: Path | None = None,
                     progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None,
                     workers: int | None = None) -> list[PrintResult]:
    """`print_kit` into a hidden folder inside `out_dir`, then every file moved into place.
    A cancelled or failed kit leaves `out_dir` as it was: no half kit to mistake for a whole
    one. Raises PrintCancelled when cancelled."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError("print.cannot_write", path=str(out_dir), detail=exc.strerror or str(exc)) from exc
    staging = out_dir / f".kit-{uuid.uuid4().hex[:12]}.partial"
    try:
        results = print_kit(langs, staging, paper=paper, wifi_ssid=wifi_ssid, fonts_dir=fonts_dir,
                            progress=progress, cancelled=cancelled, workers=workers)
        placed = []
        for result in results:
            target = out_dir / result.path.name
            os.replace(result.path, target)
            placed.append(PrintResult(target, result.pages, result.warnings))
        return placed
    except OSError as exc:
        raise UserError("print.cannot_write", path=str(out_dir), detail=exc.strerror or str(exc)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
