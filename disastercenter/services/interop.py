"""Export of the current state for municipal systems (CSV or XLSX), honouring consent.

Who is in the file: a person whose recorded basis allows sharing with the recipient — consent
that names the recipient (a consent scope such as "municipality"), or the emergency basis
(APPI Art. 27(1)(ii): to protect life, body or property when consent is hard to get). Persons
without such a basis are left out and only counted in the summary.

What is in the file: the columns of COLUMNS (documented in docs/interop.md). Medical fields —
needs with a sensitive tag (core.vocab.SENSITIVE_NEED_TAGS), the details of any need, and the
free-text notes — are left out unless the operator chooses to include them.

How it is written: atomically (core.files), so an interrupted export never leaves a partial
file under the chosen name; text cells that a spreadsheet would run as a formula (starting with
=, +, -, @, a tab or a carriage return) are guarded: prefixed with an apostrophe in CSV, stored
as quoted text in XLSX.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from disastercenter import __version__
from disastercenter.core.errors import UserError
from disastercenter.core.files import write_atomically
from disastercenter.core.ids import card_code
from disastercenter.core.times import JAPAN, in_japan
from disastercenter.core.vocab import CONSENT_SCOPES, SENSITIVE_NEED_TAGS
from disastercenter.store.db import connect
from disastercenter.store.links import all_same_person_groups

FORMATS: tuple[str, ...] = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    id: str
    ja: str
    en: str
    medical: bool = False


#: Every column, in file order. Medical columns are written only when chosen (see docs).
COLUMNS: tuple[Column, ...] = (
    Column("record_id", "記録ID", "Record id (UUID); stable across exports and devices"),
    Column("card_code", "カード番号", "Code printed on the person's registration card"),
    Column("also_registered_as", "同一人物の別記録",
           "Record ids of the same person's other registrations (confirmed), separated by ;"),
    Column("household_id", "世帯ID", "Household id (UUID)"),
    Column("household_head", "世帯主", "1 for the head of the household, else 0"),
    Column("shelter", "避難所", "Shelter name (Japanese)"),
    Column("shelter_id", "避難所ID", "Shelter id (UUID)"),
    Column("status", "状態", "checked_in, left, transferred or in_hospital"),
    Column("status_since", "状態の更新日時", "When the status last changed (ISO 8601, JST)"),
    Column("name_latin", "氏名（ローマ字）", "Name as on the passport (Latin letters)"),
    Column("name_native", "氏名（母語表記）", "Name in the person's own script"),
    Column("name_kana", "氏名（カタカナ）", "Katakana reading of the name"),
    Column("sex", "性別", "female, male, other or unknown"),
    Column("birth_date", "生年月日", "Date of birth (YYYY-MM-DD), if known"),
    Column("age_band", "年齢層", "Age group: 0-5, 6-12, 13-17, 18-39, 40-64, 65+"),
    Column("nationality", "国籍", "ISO 3166-1 alpha-2 code, if recorded"),
    Column("languages", "言語", "BCP 47 code:level pairs, best spoken first, separated by ;"),
    Column("japanese_level", "日本語レベル", "none, basic, conversational, fluent or native"),
    Column("easy_japanese", "やさしい日本語", "1 when easy Japanese (やさしい日本語) is understood"),
    Column("phone", "電話番号", "Phone number as given"),
    Column("messaging_id", "SNS・メッセージID", "Messaging account, e.g. line:… or zalo:+84…"),
    Column("needs", "支援ニーズ", "Non-medical need tags (vocabulary codes), separated by ;"),
    Column("medical_needs", "医療・配慮情報",
           "Medical and other sensitive needs: tag, detail and items, separated by ;", True),
    Column("need_details", "ニーズの詳細", "Free-text details of the non-medical needs", True),
    Column("notes", "備考", "Free-text notes (may hold sensitive information)", True),
    Column("sharing_basis", "提供の根拠",
           "consent (the person agreed to share with the recipient) or emergency "
           "(APPI Art. 27(1)(ii))"),
    Column("consent_scopes", "同意した提供先", "Recipients the person agreed to, separated by ;"),
    Column("consent_recorded_at", "同意の記録日時", "When the basis was recorded (ISO 8601, JST)"),
    Column("registered_at", "登録日時", "When the record was created (ISO 8601, JST)"),
)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    format: str
    recipient: str
    include_medical: bool
    exported: int  # persons written
    withheld: int  # persons left out: no basis to share with the recipient
    by_basis: dict[str, int]
    columns: tuple[str, ...]


class ExportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("export.cancelled")


def columns_for(include_medical: bool) -> tuple[Column, ...]:
    return tuple(c for c in COLUMNS if include_medical or not c.medical)


def sharing_basis(consent_basis: str | None, scopes: Sequence[str], recipient: str) -> str | None:
    """The basis on which a person's record may go to `recipient`, or None when it may not."""
    if consent_basis == "emergency":
        return "emergency"
    if consent_basis == "consent" and recipient in scopes:
        return "consent"
    return None


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def needs_guard(text: str) -> bool:
    """True when a spreadsheet could take `text` for a formula (CSV/XLSX injection)."""
    return text.startswith(_FORMULA_STARTS)


def guard_csv(value: object) -> object:
    if isinstance(value, str) and needs_guard(value):
        return "'" + value
    return value


def _jst(utc_iso: str | None) -> str:
    moment = in_japan(utc_iso)
    return moment.isoformat(timespec="seconds") if moment else (utc_iso or "")


# -- reading ----------------------------------------------------------------------------------

_PERSONS_SQL = """
SELECT p.id, p.household_id, h.head_id, p.shelter_id, coalesce(s.name_ja, ''),
       coalesce(p.status, ''), p.status_at, coalesce(p.name_latin, ''),
       coalesce(p.name_native, ''), coalesce(p.name_kana, ''), coalesce(p.sex, 'unknown'),
       p.birth_date, p.age_band, p.nationality, coalesce(p.japanese_level, ''),
       coalesce(p.easy_japanese, 0), coalesce(p.phone, ''), coalesce(p.messaging_id, ''),
       coalesce(p.consent_basis, 'none'), p.consent_scopes, p.consent_at,
       coalesce(p.notes, ''), p.created_at,
       (SELECT json_group_array(json_array(l.language, l.level)) FROM person_language l
        WHERE l.person_id = p.id AND l.deleted = 0),
       (SELECT json_group_array(json_array(n.tag, coalesce(n.detail, ''), n.items))
        FROM person_need n WHERE n.person_id = p.id AND n.deleted = 0)
FROM person p
LEFT JOIN shelter s ON s.id = p.shelter_id
LEFT JOIN household h ON h.id = p.household_id
WHERE p.deleted = 0
ORDER BY s.name_ja, p.shelter_id, p.household_id, p.created_at, p.id
"""

_LEVEL_ORDER = {"native": 0, "fluent": 1, "conversational": 2, "basic": 3}


def _rows(
    conn: sqlite3.Connection, recipient: str, include_medical: bool, counts: dict[str, int]
) -> Iterator[list[object]]:
    """The exported rows, in column order; `counts` gets per-basis and withheld counts."""
    groups = all_same_person_groups(conn)
    wanted = [c.id for c in columns_for(include_medical)]
    for (pid, household, head, shelter_id, shelter, status, status_at, latin, native, kana, sex,
         born, band, nationality, ja_level, easy, phone, messaging, basis, scopes_json,
         consent_at, notes, created_at, languages_json, needs_json) in conn.execute(_PERSONS_SQL):
        scopes = json.loads(scopes_json) if scopes_json else []
        shared_as = sharing_basis(basis, scopes, recipient)
        if shared_as is None:
            counts["withheld"] = counts.get("withheld", 0) + 1
            continue
        counts[shared_as] = counts.get(shared_as, 0) + 1
        languages = sorted(json.loads(languages_json or "[]"),
                           key=lambda pair: (_LEVEL_ORDER.get(pair[1], 9), pair[0]))
        needs = sorted(json.loads(needs_json or "[]"))
        plain = [tag for tag, _detail, _items in needs if tag not in SENSITIVE_NEED_TAGS]
        medical = []
        for tag, detail, items_json in needs:
            if tag in SENSITIVE_NEED_TAGS:
                items = json.loads(items_json) if items_json else []
                text = tag + (f": {detail}" if detail else "") + (
                    f" ({', '.join(items)})" if items else "")
                medical.append(text)
        details = [f"{tag}: {detail}" for tag, detail, _i in needs
                   if detail and tag not in SENSITIVE_NEED_TAGS]
        values: dict[str, object] = {
            "record_id": pid,
            "card_code": card_code(pid),
            "also_registered_as": "; ".join(sorted(groups.get(pid, frozenset()) - {pid})),
            "household_id": household or "",
            "household_head": int(bool(head) and head == pid),
            "shelter": shelter,
            "shelter_id": shelter_id or "",
            "status": status,
            "status_since": _jst(status_at),
            "name_latin": latin,
            "name_native": native,
            "name_kana": kana,
            "sex": sex,
            "birth_date": born or "",
            "age_band": band or "",
            "nationality": nationality or "",
            "languages": "; ".join(f"{code}:{level}" for code, level in languages),
            "japanese_level": ja_level,
            "easy_japanese": int(bool(easy)),
            "phone": phone,
            "messaging_id": messaging,
            "needs": "; ".join(plain),
            "medical_needs": "; ".join(medical),
            "need_details": "; ".join(details),
            "notes": notes,
            "sharing_basis": shared_as,
            "consent_scopes": "; ".join(sorted(scopes)) if shared_as == "consent" else "",
            "consent_recorded_at": _jst(consent_at),
            "registered_at": _jst(created_at),
        }
        yield [values[column] for column in wanted]


# -- writing ----------------------------------------------------------------------------------


def _write_csv(handle: BinaryIO, header: Sequence[str], rows: Iterator[list[object]],
               tick: Callable[[], None]) -> None:
    # UTF-8 with a byte order mark: Excel on Japanese Windows opens it without garbling, and
    # Shift_JIS could not hold Vietnamese, Devanagari or Thai names anyway.
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([guard_csv(value) for value in row])
        tick()
    text.flush()
    text.detach()


def _write_xlsx(handle: BinaryIO, header: Sequence[str], rows: Iterator[list[object]],
                tick: Callable[[], None], about: Callable[[], list[tuple[str, object]]],
                columns: Sequence[Column]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("persons")
    sheet.freeze_panes = "C2"

    def cell(value: object) -> object:
        if not isinstance(value, str):
            return value
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not needs_guard(value):
            return value
        # Stored as text with Excel's own "quote prefix": shown as typed, never evaluated.
        guarded = WriteOnlyCell(sheet, value=value)
        guarded.data_type = "s"
        guarded.quotePrefix = True
        return guarded

    sheet.append(list(header))
    for row in rows:
        sheet.append([cell(value) for value in row])
        tick()
    described = workbook.create_sheet("columns")
    described.append(["column", "項目", "description"])
    for column in columns:
        described.append([column.id, column.ja, column.en])
    info = workbook.create_sheet("about")
    for key, value in about():  # after the rows: the counts are complete
        info.append([key, cell(value) if isinstance(value, str) else value])
    workbook.save(handle)


def export_state(
    conn: sqlite3.Connection,
    path: Path | str,
    fmt: str = "csv",
    *,
    recipient: str = "municipality",
    include_medical: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportSummary:
    """Write the persons that may be shared with `recipient` to `path` (see module docstring).

    Reads one consistent snapshot (one read transaction). Raises UserError for an unknown
    format or recipient, a file that cannot be written, or a cancelled export; in every such
    case no file is left at `path` (an existing one is unchanged).
    """
    path = Path(path).expanduser()
    if fmt not in FORMATS:
        raise UserError("export.format", format=fmt)
    if recipient not in CONSENT_SCOPES:
        raise UserError("export.recipient", recipient=recipient)
    columns = columns_for(include_medical)
    header = [c.id for c in columns]
    counts: dict[str, int] = {}
    exported_at = datetime.now(JAPAN).isoformat(timespec="seconds")
    own_transaction = not conn.in_transaction
    if own_transaction:
        conn.execute("BEGIN")  # one snapshot: a registration meanwhile is all in or all out
    try:
        total = conn.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0]
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if done % 500 == 0:
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                if progress is not None:
                    progress(done, total)

        rows = _rows(conn, recipient, include_medical, counts)

        def about() -> list[tuple[str, object]]:
            return [
                ("exported_at", exported_at), ("recipient", recipient),
                ("include_medical", int(include_medical)),
                ("persons_exported", counts.get("consent", 0) + counts.get("emergency", 0)),
                ("persons_by_consent", counts.get("consent", 0)),
                ("persons_by_emergency_basis", counts.get("emergency", 0)),
                ("persons_withheld", counts.get("withheld", 0)),
                ("program", f"disastercenter {__version__}"),
                ("rule", "Only persons who consented to sharing with the recipient, or who "
                         "were recorded under the emergency basis (APPI Art. 27(1)(ii))."),
            ]

        def write(handle: BinaryIO) -> None:
            if fmt == "csv":
                _write_csv(handle, header, rows, tick)
            else:
                _write_xlsx(handle, header, rows, tick, about, columns)

        try:
            write_atomically(path, write)
        except OSError as exc:
            raise UserError("export.cannot_write", path=str(path),
                            detail=exc.strerror or str(exc)) from exc
    finally:
        if own_transaction and conn.in_transaction:
            conn.execute("COMMIT")
    exported = counts.get("consent", 0) + counts.get("emergency", 0)
    if progress is not None:
        progress(total, total)
    return ExportSummary(
        path=path, format=fmt, recipient=recipient, include_medical=include_medical,
        exported=exported, withheld=counts.get("withheld", 0),
        by_basis={k: v for k, v in counts.items() if k != "withheld"}, columns=tuple(header),
    )


def export_workspace(
    db_path: Path,
    out: Path | str,
    fmt: str = "csv",
    *,
    recipient: str = "municipality",
    include_medical: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportSummary:
    """`export_state` on a connection of its own (for a background thread)."""
    conn = connect(db_path)
    try:
        return export_state(
            conn, out, fmt, recipient=recipient, include_medical=include_medical,
            progress=progress, cancelled=cancelled,
        )
    finally:
        conn.close()
