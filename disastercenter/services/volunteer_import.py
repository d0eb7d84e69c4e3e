"""Importing a volunteer roster from CSV or Excel (.xlsx), as centers keep them.

Every row is validated and every problem reported with its spreadsheet row number (the
header is row 1). A row updates the volunteer it matches instead of adding a duplicate; the
stable key is, in order: the e-mail address (case-insensitive), else the phone number (digits
only), else the names (passport and native script, case-insensitive). The whole import is one
transaction; `preview` shows what would change before anything is written.

Columns (English or Japanese headers, any order; see docs/matching.md):
name_latin, name_native, name_kana, sex, email, phone, languages, skills, base_area, remote,
max_per_shift, availability, reach, active, notes.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from disastercenter.core.errors import MESSAGES, UserError
from disastercenter.core.ids import new_id
from disastercenter.core.languages import LANGUAGES
from disastercenter.core.people import FieldProblem, VolunteerInput, validate_volunteer
from disastercenter.core.times import local_text, parse_time
from disastercenter.core.vocab import LANGUAGE_LEVELS, SEXES, VOLUNTEER_SKILLS
from disastercenter.services.registry import Registry, VolunteerRow, utc_now

#: Accepted header names (compared after NFKC, lower case, without spaces) per column.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name_latin": ("name_latin", "name", "namelatin", "passportname", "氏名（ローマ字）", "氏名(ローマ字)",
                   "ローマ字", "名前（ローマ字）", "名前(ローマ字)"),
    "name_native": ("name_native", "nativename", "氏名", "名前", "氏名（母語）", "氏名(母語)"),
    "name_kana": ("name_kana", "kana", "katakana", "フリガナ", "カナ", "ふりがな"),
    "sex": ("sex", "gender", "性別"),
    "email": ("email", "e-mail", "mail", "メール", "メールアドレス", "eメール"),
    "phone": ("phone", "tel", "telephone", "電話", "電話番号", "携帯", "携帯電話"),
    "languages": ("languages", "language", "言語", "対応言語", "使用言語"),
    "skills": ("skills", "skill", "技能", "スキル", "専門"),
    "base_area": ("base_area", "area", "base", "拠点", "地域", "活動地域", "住所"),
    "remote": ("remote", "phone_video", "遠隔", "電話・ビデオ", "電話ビデオ", "オンライン"),
    "max_per_shift": ("max_per_shift", "capacity", "シフト上限", "上限", "1シフトの上限"),
    "availability": ("availability", "shifts", "shift", "活動可能時間", "シフト", "活動可能日時"),
    "reach": ("reach", "shelters", "対応避難所", "避難所", "移動時間"),
    "active": ("active", "status", "活動中", "状態"),
    "notes": ("notes", "note", "備考", "メモ"),
}

_YES = {"yes", "y", "true", "1", "はい", "可", "○", "〇", "有", "あり", "◯"}
_NO = {"no", "n", "false", "0", "いいえ", "不可", "×", "無", "なし", "-", ""}
_SEX = {"f": "female", "female": "female", "女": "female", "女性": "female",
        "m": "male", "male": "male", "男": "male", "男性": "male",
        "other": "other", "その他": "other", "unknown": "unknown", "不明": "unknown", "": "unknown"}
_LEVEL_WORDS = {"native": "native", "母語": "native", "ネイティブ": "native",
                "fluent": "fluent", "流暢": "fluent", "ビジネス": "fluent",
                "conversational": "conversational", "日常会話": "conversational", "会話": "conversational",
                "basic": "basic", "少し": "basic", "初級": "basic"}
_SKILL_WORDS = {"medical": "medical", "医療": "medical", "医療通訳": "medical",
                "legal": "legal", "法律": "legal", "手続き": "legal", "法律・手続き": "legal",
                "sign_language": "sign_language", "手話": "sign_language", "sign language": "sign_language",
                "children": "children", "子ども": "children", "子ども対応": "children", "子供": "children"}
_SPLIT = re.compile(r"[;；、,，/\n]+")
_RANGE = re.compile(r"\s*(?:-|–|—|~|～|〜)\s*")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "").replace("_", "")


_HEADER_INDEX = {_fold(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


@dataclass
class RowResult:
    """One data row: what importing it does, or why it cannot be imported."""

    row: int  # spreadsheet row number (the header is row 1)
    action: str  # "new", "update", "unchanged" or "error"
    name: str
    volunteer_id: str | None = None
    problems: list[FieldProblem] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # fields an update changes
    data: VolunteerInput | None = None

    def messages(self, lang: str = "en") -> list[str]:
        out = []
        for problem in self.problems:
            texts = MESSAGES.get(problem.key, {})
            template = texts.get(lang) or texts.get("en") or problem.key
            out.append(f"{problem.field}: {template.format(**dict(problem.params))}")
        return out


@dataclass
class ImportPreview:
    path: Path
    rows: list[RowResult]
    unknown_columns: list[str]

    def count(self, action: str) -> int:
        return sum(r.action == action for r in self.rows)

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == "error"]

    def summary(self) -> str:
        return (f"{len(self.rows)} rows: {self.count('new')} new, {self.count('update')} updated, "
                f"{self.count('unchanged')} unchanged, {self.count('error')} with errors")


def read_table(path: Path) -> list[list[str]]:
    """The cells of the first sheet (xlsx) or of the CSV file, as text."""
    path = Path(path)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError("import.unreadable", path=str(path), detail=exc.strerror or str(exc)) from exc
    return _read_csv(raw, path)


def _read_xlsx(path: Path) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UserError("import.unreadable", path=str(path), detail=str(exc) or type(exc).__name__) from exc
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_csv(raw: bytes, path: Path) -> list[list[str]]:
    # Excel in Japan saves CSV as Shift_JIS (cp932) unless told to use UTF-8.
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError("import.unreadable", path=str(path), detail="not UTF-8 or Shift_JIS text")
    if "\x00" in text:
        raise UserError("import.unreadable", path=str(path), detail="not a text file")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


# -- cell parsers: each returns a value and adds problems ---------------------------------------


def _languages(text: str, problems: list[FieldProblem]) -> list[tuple[str, str]]:
    by_name = {}
    for code, lang in LANGUAGES.items():
        for name in (code, lang.name_en, lang.name_ja, lang.native_name):
            by_name[_fold(name)] = code
    out: list[tuple[str, str]] = []
    for part in _SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        name, level = _name_and_level(unicodedata.normalize("NFKC", part), by_name)
        code = by_name.get(_fold(name))
        if code is None:
            problems.append(FieldProblem("languages", "validation.unknown_language", (("value", name),)))
            continue
        level_code = _LEVEL_WORDS.get(_fold(level), _fold(level))
        if level_code not in LANGUAGE_LEVELS:
            problems.append(FieldProblem("languages", "validation.choice", (("value", level),)))
            continue
        out.append((code, level_code))
    return out


def _name_and_level(part: str, by_name: dict[str, str]) -> tuple[str, str]:
    """`vi:native`, `ベトナム語=母語`, `English (fluent)`, `Nepali native` or just `Tagalog`
    (fluent is assumed). Names may contain brackets: `中国語（簡体字）:母語`."""
    if ":" in part or "=" in part:
        name, level = re.split(r"[:=]", part, maxsplit=1)
        return name.strip(), level.strip()
    if _fold(part) in by_name:
        return part, "fluent"
    bracket = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", part)
    if bracket:
        return bracket.group(1), bracket.group(2)
    name, _, level = part.rpartition(" ")
    return (name, level) if name else (part, "fluent")


def _skills(text: str, problems: list[FieldProblem]) -> list[str]:
    out = []
    for part in _SPLIT.split(text):
        if part.strip():
            skill = _SKILL_WORDS.get(part.strip().lower(), _SKILL_WORDS.get(_fold(part), part.strip()))
            if skill not in VOLUNTEER_SKILLS:
                problems.append(FieldProblem("skills", "validation.choice", (("value", part.strip()),)))
            elif skill not in out:
                out.append(skill)
    return out


def _flag(text: str, name: str, default: bool, problems: list[FieldProblem]) -> bool:
    value = _fold(text)
    if not text.strip():
        return default
    if value in _YES or value in ("active", "活動", "活動中"):
        return True
    if value in _NO or value in ("inactive", "休止", "停止"):
        return False
    problems.append(FieldProblem(name, "validation.choice", (("value", text),)))
    return default


def _availability(text: str, problems: list[FieldProblem]) -> list[tuple[str, str]]:
    """`2026-09-01 09:00-13:00; 2026-09-02 13:00-2026-09-02 17:00` -> [(start, end), ...]."""
    out = []
    for part in re.split(r"[;；\n]+", text):
        part = unicodedata.normalize("NFKC", part).strip()
        if not part:
            continue
        match = re.fullmatch(
            r"(\d{4}-\d{1,2}-\d{1,2})[ T]+(\d{1,2}:\d{2})\s*(?:-|–|—|~|～|〜)\s*"
            r"(?:(\d{4}-\d{1,2}-\d{1,2})[ T]+)?(\d{1,2}:\d{2})",
            part.replace("/", "-"),
        )
        if match is None:
            problems.append(FieldProblem("availability", "validation.time", (("value", part),)))
            continue
        day, start, end_day, end = match.groups()
        try:
            first = parse_time(f"{_iso_day(day)} {start.zfill(5)}")
            last = parse_time(f"{_iso_day(end_day or day)} {end.zfill(5)}")
        except ValueError:
            problems.append(FieldProblem("availability", "validation.time", (("value", part),)))
            continue
        out.append((first.isoformat(), last.isoformat()))
    return out


def _iso_day(text: str) -> str:
    year, month, day = text.split("-")
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _reach(text: str, shelters: dict[str, str], problems: list[FieldProblem]) -> dict[str, int]:
    """`大野北小学校:0; 中央公民館:30` (shelter name or id, travel minutes) -> {id: minutes}."""
    out: dict[str, int] = {}
    for part in _SPLIT.split(unicodedata.normalize("NFKC", text)):
        part = part.strip()
        if not part:
            continue
        name, separator, minutes = part.rpartition(":")
        if not separator:
            name, minutes = part, "0"
        shelter = shelters.get(_fold(name))
        if shelter is None:
            problems.append(FieldProblem("reach", "import.unknown_shelter", (("value", name.strip()),)))
            continue
        try:
            out[shelter] = int(minutes.strip().removesuffix("min").removesuffix("分").strip() or 0)
        except ValueError:
            problems.append(FieldProblem("reach", "validation.integer", ()))
    return out


def _integer(text: str, name: str, default: int, problems: list[FieldProblem]) -> int:
    value = unicodedata.normalize("NFKC", text).strip()
    if not value:
        return default
    try:
        return int(float(value)) if float(value).is_integer() else int(value)
    except ValueError:
        problems.append(FieldProblem(name, "validation.integer", ()))
        return default


def _phone_key(phone: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", phone))


def _keys(name_latin: str, name_native: str, email: str, phone: str) -> list[tuple[str, str]]:
    keys = []
    if email.strip():
        keys.append(("email", email.strip().lower()))
    elif _phone_key(phone):
        keys.append(("phone", _phone_key(phone)))
    else:
        keys.append(("name", f"{_fold(name_latin)}|{_fold(name_native)}"))
    return keys


class VolunteerImport:
    """Preview and apply a roster import over one workspace."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def preview(self, path: Path) -> ImportPreview:
        """What importing `path` would do, row by row; writes nothing."""
        table = read_table(Path(path))
        while table and not any(cell.strip() for cell in table[0]):
            table = table[1:]  # leading empty rows (a title row is not skipped: it is an error)
        if not table:
            raise UserError("import.empty", path=str(path))
        header = table[0]
        columns: dict[int, str] = {}
        unknown = []
        for index, name in enumerate(header):
            column = _HEADER_INDEX.get(_fold(name))
            if column is None:
                if name.strip():
                    unknown.append(name.strip())
            elif column not in columns.values():
                columns[index] = column
        if not {"name_latin", "name_native"} & set(columns.values()):
            raise UserError("import.no_name_column", path=str(path), columns=", ".join(h for h in header if h))
        existing = self.registry.list_volunteers()
        by_key: dict[tuple[str, str], VolunteerRow] = {}
        for volunteer in existing:
            for key in _keys(volunteer.name_latin, volunteer.name_native, volunteer.email, volunteer.phone):
                by_key.setdefault(key, volunteer)
        shelters: dict[str, str] = {}
        for shelter in self.registry.list_shelters():
            for name in (shelter.id, shelter.name_ja, shelter.name_en):
                if name:
                    shelters.setdefault(_fold(name), shelter.id)
        seen: dict[tuple[str, str], int] = {}
        rows: list[RowResult] = []
        for number, cells in enumerate(table[1:], start=2):
            if not any(cell.strip() for cell in cells):
                continue
            values = {column: (cells[i].strip() if i < len(cells) else "") for i, column in columns.items()}
            rows.append(self._row(number, values, by_key, shelters, seen))
        return ImportPreview(Path(path), rows, unknown)

    def _row(self, number: int, values: dict[str, str], by_key: dict[tuple[str, str], VolunteerRow],
             shelters: dict[str, str], seen: dict[tuple[str, str], int]) -> RowResult:
        get = values.get
        problems: list[FieldProblem] = []
        name_latin, name_native = get("name_latin", ""), get("name_native", "")
        email, phone = get("email", ""), get("phone", "")
        key = _keys(name_latin, name_native, email, phone)[0]
        current = by_key.get(key)
        base = current.as_input() if current is not None else VolunteerInput()
        sex = _SEX.get(_fold(get("sex", "")), None) if "sex" in values else base.sex
        if sex is None or sex not in SEXES:
            problems.append(FieldProblem("sex", "validation.choice", (("value", get("sex", "")),)))
            sex = base.sex
        data = VolunteerInput(
            name_latin=name_latin if "name_latin" in values else base.name_latin,
            name_native=name_native if "name_native" in values else base.name_native,
            name_kana=get("name_kana", base.name_kana),
            sex=sex,
            languages=_languages(get("languages", ""), problems) if "languages" in values else base.languages,
            skills=_skills(get("skills", ""), problems) if "skills" in values else base.skills,
            phone=phone if "phone" in values else base.phone,
            email=email if "email" in values else base.email,
            base_area=get("base_area", base.base_area),
            active=_flag(get("active", ""), "active", base.active, problems) if "active" in values else base.active,
            notes=get("notes", base.notes),
            shifts=_availability(get("availability", ""), problems) if "availability" in values else base.shifts,
            reach=_reach(get("reach", ""), shelters, problems) if "reach" in values else base.reach,
            remote=_flag(get("remote", ""), "remote", base.remote, problems) if "remote" in values else base.remote,
            max_per_shift=_integer(get("max_per_shift", ""), "max_per_shift", base.max_per_shift, problems)
            if "max_per_shift" in values else base.max_per_shift,
        )
        problems.extend(validate_volunteer(data))
        if not data.languages and not any(p.field == "languages" for p in problems):
            problems.append(FieldProblem("languages", "volunteer.languages_required"))
        if email.strip() and "@" not in email:
            problems.append(FieldProblem("email", "validation.pattern"))
        if key in seen:
            problems.append(FieldProblem("row", "import.duplicate_row", (("row", seen[key]),)))
        else:
            seen[key] = number
        name = data.name_latin or data.name_native
        if problems:
            return RowResult(number, "error", name, current.id if current else None, problems)
        if current is None:
            return RowResult(number, "new", name, None, data=data)
        changes = self.registry.volunteer_changes(current.id, data, current)
        changed = sorted({f for _, _, fields in changes for f in fields} - {"_deleted", "volunteer_id"})
        return RowResult(number, "update" if changes else "unchanged", name, current.id,
                         changed=changed, data=data)

    def apply(self, preview: ImportPreview, skip_bad: bool = False) -> ImportPreview:
        """Import the previewed rows in one transaction. With rows in error nothing is
        imported unless `skip_bad` (then the good rows are)."""
        if preview.errors and not skip_bad:
            raise UserError("import.has_errors", count=len(preview.errors))
        now = utc_now()
        changes: list[tuple[str, str, dict[str, object]]] = []
        current = {v.id: v for v in self.registry.list_volunteers()}
        for row in preview.rows:
            if row.data is None or row.action not in ("new", "update"):
                continue
            if row.action == "new":
                row.volunteer_id = new_id()
                changes.extend(self.registry.volunteer_changes(row.volunteer_id, row.data, None, now))
            else:
                assert row.volunteer_id is not None
                changes.extend(self.registry.volunteer_changes(
                    row.volunteer_id, row.data, current[row.volunteer_id]))
        if changes:
            with self.registry._transaction():
                self.registry.oplog.write_many(changes)
        return preview

    def import_file(self, path: Path, dry_run: bool = False, skip_bad: bool = False) -> ImportPreview:
        preview = self.preview(path)
        if dry_run:
            return preview
        return self.apply(preview, skip_bad)


def shifts_text(shifts: Iterable[tuple[str, str]]) -> str:
    """Shifts as the availability column writes them (Japan time)."""
    parts = []
    for start, end in shifts:
        a, b = local_text(start), local_text(end)
        parts.append(f"{a}-{b[11:] if a[:10] == b[:10] else b}")
    return "; ".join(parts)

