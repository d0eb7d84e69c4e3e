"""The translator round trip: a language out to a spreadsheet (XLSX or CSV), and back in.

A translator gets one row per phrase: key, category, Japanese, やさしい日本語, English (for
reference), the target language's text, its review status and the note for translators. They
edit texts and statuses in Excel or LibreOffice and send the file back. Importing it:

- reads every row and checks each changed text with the rules of `content check`
  (placeholders, script, furigana markup, not simply English…);
- rejects bad rows one by one, naming the spreadsheet row and the reason; good rows still go in;
- never deletes: a row that is missing, or whose text was emptied, leaves the entry as it is;
- marks every changed entry reviewed by the reviewer given, today — unless the translator set its
  status to `unreviewed` (their way of saying "not sure");
- shows what changes (`ImportPlan`) before anything is written, and writes the language file
  atomically, changing only the entries that changed (`content.toml_files`).

Cells starting with `=`, `+`, `-`, `@` are written so that spreadsheets show them as text and
never run them as formulas (a quote prefix in XLSX, a leading `'` in CSV, removed on import);
a formula found in an imported XLSX is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from disastercenter.content.check import text_issues
from disastercenter.content.phrasebook import (
    CATALOG_LANGUAGES,
    LanguageEntry,
    Phrase,
    Phrasebook,
    Review,
    strip_ruby,
)
from disastercenter.content.toml_files import (
    write_bytes_atomically,
    write_language_entries,
)
from disastercenter.core.errors import MESSAGES, UserError
from disastercenter.core.languages import LANGUAGES

JAPAN = ZoneInfo("Asia/Tokyo")
FORMATS = ("xlsx", "csv")
#: Column headers, in order; the target column reads `target (vi)`.
COLUMNS = ("key", "category", "Japanese", "やさしい日本語", "English", "target", "status", "note")
STATUSES = ("unreviewed", "reviewed")
#: A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TARGET_HEADER = re.compile(r"target\s*(?:\((?P<code>[^)]*)\))?\s*", re.IGNORECASE)


# --- export ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRow:
    key: str
    category: str
    japanese: str
    easy_japanese: str
    english: str
    target: str
    status: str
    note: str

    def cells(self) -> tuple[str, ...]:
        return (self.key, self.category, self.japanese, self.easy_japanese, self.english,
                self.target, self.status, self.note)


def export_rows(book: Phrasebook, language: str, keys: Iterable[str] | None = None) -> list[ExportRow]:
    """One row per phrase (catalogue order), the target text without fallback: a missing
    translation is an empty cell, not English."""
    _require_language(language)
    rows = []
    for key in keys if keys is not None else book.phrases:
        phrase = book.phrases[key]
        target = phrase.texts.get(language, "")
        if language in ("ja", "ja-x-easy"):
            target = strip_ruby(target)
        rows.append(ExportRow(
            key, phrase.category, strip_ruby(phrase.texts.get("ja", "")),
            strip_ruby(phrase.texts.get("ja-x-easy", "")), phrase.texts.get("en", ""), target,
            review_of(phrase, language).status, phrase.note,
        ))
    return rows


def review_of(phrase: Phrase, language: str) -> Review:
    """The review of `phrase` in `language`: the catalogue's own for ja, ja-x-easy and en."""
    if language in CATALOG_LANGUAGES:
        return phrase.review
    return phrase.reviews.get(language, Review())


def write_export(rows: Sequence[ExportRow], language: str, path: Path, fmt: str) -> None:
    """Write rows as XLSX or CSV (UTF-8 with BOM, so Excel reads the scripts right), atomically."""
    if fmt not in FORMATS:
        raise UserError("import.format", path=str(path))
    header = [*COLUMNS]
    header[5] = f"target ({language})"
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_guard_csv(cell) for cell in row.cells()])
        data = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    else:
        data = _xlsx_bytes(header, rows, language)
    try:
        write_bytes_atomically(path, data)
    except OSError as exc:
        raise UserError("content.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from exc


def _guard_csv(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _xlsx_bytes(header: list[str], rows: Sequence[ExportRow], language: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = language
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    editable = PatternFill("solid", fgColor="FFF7D6")  # the two columns to edit
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row.cells(), start=1):
            cell = sheet.cell(number, column)
            cell.value = value
            # Strings only, never formulas: openpyxl would store "=…" as a formula, and a quote
            # prefix keeps Excel from turning the text into one when the cell is edited.
            cell.data_type = "s"
            if value.startswith(FORMULA_START):
                cell.quotePrefix = True
            cell.alignment = wrap
            if column in (6, 7):
                cell.fill = editable
    statuses = DataValidation(type="list", formula1='"unreviewed,reviewed"', allow_blank=True)
    sheet.add_data_validation(statuses)
    if rows:
        statuses.add(f"G2:G{len(rows) + 1}")
    for letter, width in zip("ABCDEFGH", (28, 12, 36, 36, 40, 44, 12, 40)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading a returned file ------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    """One data row as read: its spreadsheet row number and cells by column name."""

    number: int
    cells: dict[str, str]
    formulas: tuple[str, ...] = ()  # columns holding a formula (XLSX)


def read_rows(path: Path, language: str) -> list[SheetRow]:
    """The data rows of an exported file edited by a translator (XLSX or CSV by extension).

    Raises UserError when the file cannot be read, lacks the key/target/status columns, or was
    exported for another language.
    """
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserError("import.format", path=str(path))
    try:
        table = _xlsx_table(path) if fmt == "xlsx" else _csv_table(path)
    except UserError:
        raise
    except UnicodeDecodeError as exc:
        # Excel's plain "CSV" is Shift_JIS on Japanese Windows: it cannot hold most scripts.
        raise UserError("import.not_utf8", path=str(path)) from exc
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, csv.Error) as exc:
        detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise UserError("import.unreadable", path=str(path), detail=detail) from exc
    if not table:
        raise UserError("import.columns", path=str(path), names="key, target, status")
    _, header, _ = table[0]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        name = (name or "").strip()
        match = _TARGET_HEADER.fullmatch(name)
        if match:
            code = (match.group("code") or "").strip()
            if code and code != language:
                raise UserError("import.language_mismatch", path=str(path), found=code, expected=language)
            columns["target"] = index
        elif name in COLUMNS:
            columns.setdefault(name, index)
    missing = [name for name in ("key", "target", "status") if name not in columns]
    if missing:
        raise UserError("import.columns", path=str(path), names=", ".join(missing))
    rows = []
    for number, values, formulas in table[1:]:
        cells = {name: (values[i] if i < len(values) else "") for name, i in columns.items()}
        if not any(cell.strip() for cell in cells.values()):
            continue
        formula_columns = tuple(name for name, i in columns.items() if i in formulas)
        rows.append(SheetRow(number, cells, formula_columns))
    return rows


def _csv_table(path: Path) -> list[tuple[int, list[str], set[int]]]:
    text = Path(path).read_bytes().decode("utf-8-sig")
    # Row numbers as a spreadsheet shows them: the n-th record is row n (line breaks quoted
    # inside a cell do not count).
    reader = csv.reader(io.StringIO(text, newline=""))
    return [(n, [_unguard(v) for v in values], set()) for n, values in enumerate(reader, start=1)]


def _unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def _xlsx_table(path: Path) -> list[tuple[int, list[str], set[int]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except InvalidFileException as exc:
        raise UserError("import.unreadable", path=str(path), detail=str(exc)) from exc
    try:
        sheet = book.worksheets[0]
        table = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            values: list[str] = []
            formulas: set[int] = set()
            for index, cell in enumerate(row):
                value = cell.value
                if getattr(cell, "data_type", None) == "f":
                    formulas.add(index)
                values.append(_cell_text(value))
            table.append((number, values, formulas))
        return table
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


# --- planning and applying an import ------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One entry an import changes."""

    row: int
    key: str
    old_text: str
    new_text: str
    old_review: Review
    new_review: Review

    @property
    def text_changed(self) -> bool:
        return self.old_text != self.new_text


@dataclass(frozen=True)
class RejectedRow:
    """A row left out, why (a message key of core.errors.MESSAGES, with params)."""

    row: int
    key: str
    reasons: tuple[tuple[str, tuple[tuple[str, object], ...]], ...]

    def message(self, lang: str = "en") -> str:
        parts = []
        for reason, params in self.reasons:
            texts = MESSAGES.get(reason, {})
            template = texts.get(lang) or texts.get("en") or reason
            parts.append(template.format(**dict(params)))
        label = MESSAGES["import.row"][lang if lang in ("ja", "en") else "en"]
        return label.format(row=self.row, key=self.key or "-") + " " + " ".join(parts)


@dataclass
class ImportPlan:
    """What importing a file would do; nothing is written until it is applied."""

    language: str
    reviewer: str
    source: str
    rows: int = 0
    changes: list[Change] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    unchanged: int = 0

    def summary(self, lang: str = "en") -> str:
        template = MESSAGES["import.summary"][lang if lang in ("ja", "en") else "en"]
        return template.format(rows=self.rows, changed=len(self.changes),
                               unchanged=self.unchanged, rejected=len(self.rejected))

    def preview(self, lang: str = "en") -> list[str]:
        """Human-readable lines: each change as a small diff, then each rejected row."""
        lines: list[str] = []
        for change in self.changes:
            review = change.new_review
            state = f"{review.status}" + (f" ({review.reviewer}, {review.reviewed_on})" if review.is_reviewed else "")
            lines.append(f"~ {change.key}  [row {change.row}]  {state}")
            if change.text_changed:
                lines.append(f"  - {change.old_text}")
                lines.append(f"  + {change.new_text}")
        for rejected in self.rejected:
            lines.append("! " + rejected.message(lang))
        return lines


def plan_import(
    rows: Sequence[SheetRow],
    book: Phrasebook,
    language: str,
    reviewer: str,
    source: str = "",
    today: dt.date | None = None,
) -> ImportPlan:
    """Compare the rows with `book` and decide, row by row, what changes and what is refused."""
    _require_language(language)
    if language in CATALOG_LANGUAGES:
        raise UserError("import.catalog_language", language=language)
    reviewer = reviewer.strip()
    if not reviewer:
        raise UserError("import.reviewer_required")
    reviewed_on = (today or dt.datetime.now(JAPAN).date()).isoformat()
    plan = ImportPlan(language, reviewer, source, rows=len(rows))
    first_row: dict[str, int] = {}
    for row in rows:
        key = row.cells.get("key", "").strip()
        reasons = _row_problems(row, key, book, language, first_row)
        if key in book.phrases:
            first_row.setdefault(key, row.number)  # a key's first row wins, good or bad
        if reasons:
            plan.rejected.append(RejectedRow(row.number, key, tuple(reasons)))
            continue
        phrase = book.phrases[key]
        old_text = phrase.texts.get(language, "")
        old_review = review_of(phrase, language)
        new_text = _normalise(row.cells.get("target", ""))
        status = row.cells.get("status", "").strip().lower() or old_review.status
        text_changed = bool(new_text) and new_text != old_text
        if text_changed:
            if status == "unreviewed" and old_review.status != "unreviewed":
                review = Review()  # set back to unreviewed by the translator
            else:
                review = Review("reviewed", reviewer, reviewed_on)
        elif status != old_review.status:
            review = Review("reviewed", reviewer, reviewed_on) if status == "reviewed" else Review()
        else:
            plan.unchanged += 1
            continue
        plan.changes.append(Change(row.number, key, old_text, new_text if text_changed else old_text,
                                   old_review, review))
    return plan


def _row_problems(
    row: SheetRow, key: str, book: Phrasebook, language: str, first_row: dict[str, int]
) -> list[tuple[str, tuple[tuple[str, object], ...]]]:
    if row.formulas:
        return [("import.formula", (("columns", ", ".join(row.formulas)),))]
    if not key:
        return [("import.no_key", ())]
    phrase = book.phrases.get(key)
    if phrase is None:
        return [("import.unknown_key", ())]
    if key in first_row:
        return [("import.duplicate_key", (("first", first_row[key]),))]
    status = row.cells.get("status", "").strip().lower()
    reasons: list[tuple[str, tuple[tuple[str, object], ...]]] = []
    if status and status not in STATUSES:
        reasons.append(("import.status", (("value", row.cells.get("status", "")),)))
    text = _normalise(row.cells.get("target", ""))
    if not text:
        if phrase.texts.get(language):
            reasons.append(("import.emptied", ()))
        elif status == "reviewed":
            reasons.append(("phrase.empty", ()))
        return reasons
    if text != phrase.texts.get(language, ""):
        for issue in text_issues(text, language, phrase):
            reasons.append((f"phrase.{issue.code}", tuple(issue.params.items())))
    return reasons


def _normalise(text: str) -> str:
    """Spreadsheet text as a phrase text: Windows line ends as `\\n`, outer spaces gone."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def apply_to_language_file(
    plan: ImportPlan, folder: Path, order: Sequence[str], keys: Callable[[str], bool] | None = None
) -> int:
    """Write the plan's changes (those whose key passes `keys`) into `folder/<language>.toml`,
    creating the file if needed; other entries and lines stay as they are. The number written."""
    changes = [c for c in plan.changes if keys is None or keys(c.key)]
    if not changes:
        return 0
    path = Path(folder) / f"{plan.language}.toml"
    entries = {c.key: LanguageEntry(c.new_text, c.new_review) for c in changes}
    write_language_entries(path, plan.language, entries, order)
    return len(changes)


def _require_language(language: str) -> None:
    if language not in LANGUAGES:
        raise UserError("validation.unknown_language", value=language)
