"""Use-cases of interpreter matching: requests, runs of the engine, accept / reject / lock,
gap report, exports, and the data a dispatch card prints.

Every change is an op (it syncs) and every lifecycle change of a request is also kept as a
request event: what happened, when and by whom. Each public method that changes data runs
one transaction.

A run has three steps so a GUI can keep SQL on its own thread and the heavy part off it:
`prepare` (read the workspace), `compute` (pure engine, any thread), `save` (one transaction).
"""

from __future__ import annotations

import csv
import getpass
import io
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from disastercenter.core.errors import UserError
from disastercenter.core.files import write_atomic
from disastercenter.core.ids import card_code, new_id
from disastercenter.core.people import FieldProblem
from disastercenter.core.requests import (
    RequestInput,
    default_languages,
    validate_request,
)
from disastercenter.core.times import (
    JAPAN,
    epoch_minutes,
    local_text,
    now_utc,
    parse_time,
    to_utc_text,
    utc_text,
)
from disastercenter.matching.explain import (
    describe_proposal,
    describe_unmet,
    render,
    short_name,
)
from disastercenter.matching.gaps import GapRow, gap_report
from disastercenter.matching.model import (
    DEFAULT_TIME_LIMIT,
    Fixed,
    Plan,
    Proposal,
    Request,
    Volunteer,
    Window,
)
from disastercenter.services.registry import (
    Registry,
    ValidationError,
    utc_now,
    write_transaction,
)
from disastercenter.store.db import Workspace

if TYPE_CHECKING:  # the printing layer loads fonts and reportlab: only when printing
    from disastercenter.printing.dispatch import DispatchAssignment
    from disastercenter.services.printing import PrintResult

#: Requests a run considers (done and cancelled ones are finished).
ACTIVE = ("open", "proposed", "assigned", "unmet")
#: Assignments that still stand.
LIVE = ("proposed", "confirmed")
UI_LANGUAGES = ("ja", "en")


def default_actor() -> str:
    """Who is making changes: $DISASTERCENTER_USER, else the login name of this computer."""
    name = os.environ.get("DISASTERCENTER_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):  # no login name (some service accounts, containers)
        return "unknown"


# -- rows the UI and the command line show -----------------------------------------------------


@dataclass
class AssignmentRow:
    id: str
    request_id: str
    volunteer_id: str
    volunteer_name: str
    status: str
    locked: bool
    mode: str
    language: str
    explanation: dict[str, str]
    status_at: str = ""
    status_by: str = ""

    def text(self, lang: str) -> str:
        return self.explanation.get(lang) or self.explanation.get("en", "")


@dataclass
class RequestEventRow:
    status: str
    at: str
    by: str
    note: str  # in English (or as the person typed it)
    volunteer_name: str = ""
    texts: dict[str, str] = field(default_factory=dict)  # the note in each UI language

    def text(self, lang: str) -> str:
        return self.texts.get(lang) or self.note


#: Notes the services write, in both UI languages ("{detail}" is filled in).
_NOTES: dict[str, dict[str, str]] = {
    "raised": {"en": "raised", "ja": "受付"},
    "edited": {"en": "edited: {detail}", "ja": "編集: {detail}"},
    "confirmed": {"en": "confirmed", "ja": "確定"},
    "rejected": {"en": "rejected{detail}", "ja": "却下{detail}"},
    "locked": {"en": "locked", "ja": "固定"},
    "unlocked": {"en": "unlocked", "ja": "固定を解除"},
    "withdrawn": {"en": "withdrawn: {detail}", "ja": "取り下げ: {detail}"},
    "cancelled": {"en": "cancelled: {detail}", "ja": "取消: {detail}"},
    "chosen by hand": {"en": "chosen by hand: {detail}", "ja": "手動で選択: {detail}"},
}


def _note(kind: str, detail: str | dict[str, str] = "") -> dict[str, str]:
    out = {}
    for lang in UI_LANGUAGES:
        part = detail.get(lang, "") if isinstance(detail, dict) else detail
        if kind == "rejected" and part:
            part = ": " + part
        out[lang] = _NOTES[kind][lang].format(detail=part)
    return out


def _note_texts(text: str) -> tuple[str, dict[str, str]]:
    """(English note, notes by language) from a stored note."""
    if text.startswith("{"):
        try:
            texts = _json_dict(text)
        except ValueError:
            texts = {}
        if texts:
            return texts.get("en", ""), texts
    return text, {}


@dataclass
class RequestRow:
    id: str
    person_id: str | None
    person_name: str
    shelter_id: str | None
    shelter_name: str
    data: RequestInput
    gender: str | None
    status: str
    status_at: str
    status_by: str
    created_at: str
    created_by: str
    explanation: dict[str, str]  # why it is unmet (last run), in ja and en
    assignment: AssignmentRow | None = None  # the live (proposed or confirmed) assignment
    history: list[RequestEventRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        return short_name(self.person_name) if self.person_name else f"#{card_code(self.id)}"

    def window_text(self) -> str:
        start = local_text(self.data.start_at, "%m/%d %H:%M")
        end = local_text(self.data.end_at, "%H:%M")
        return f"{start}–{end}"


@dataclass
class VolunteerAvailability:
    """A volunteer as the matching board lists them for a time range."""

    id: str
    name: str
    languages: list[tuple[str, str]]
    skills: list[str]
    shifts: list[tuple[str, str]]  # shifts overlapping the range
    remote: bool
    max_per_shift: int
    assignments: int  # live assignments in the range


#: What a dispatch card says the job is, in Japanese and English (both readers use the card).
_PURPOSES = {
    "medical": "通院・診察 Medical visit",
    "registration": "登録の手伝い Registration help",
    "consultation": "相談 Consultation",
    "procedures": "手続き・書類 Procedures and documents",
    "notice_translation": "お知らせの翻訳 Translating a notice",
    "phone_video": "電話・ビデオ通訳 Phone or video",
}
_PURPOSE_PLACES = {
    "shelter": "避難所 Shelter", "hospital": "病院 Hospital", "office": "役所など Office",
    "remote": "電話・ビデオ Phone/video",
}


@dataclass(frozen=True)
class DispatchCard:
    """Everything a dispatch card for the interpreter prints (the printing layer lays it out)."""

    assignment_id: str
    code: str  # short code printed under the QR code (the QR carries the assignment id)
    status: str
    mode: str
    language: str
    languages: tuple[str, ...]
    kind: str
    urgency: str
    start_at: str  # UTC text
    end_at: str
    start_local: str  # Japan time, e.g. 2026-09-01 09:00
    end_local: str
    place: str
    place_detail: str
    shelter_name_ja: str
    shelter_name_en: str
    shelter_address: str
    person_name_latin: str
    person_name_native: str
    person_name_kana: str
    person_phone: str
    contact: str
    volunteer_id: str
    volunteer_name: str
    volunteer_phone: str
    volunteer_email: str
    notes: str


@dataclass
class MatchProblem:
    """What `prepare` read: the engine's input plus what `save` needs to store the plan."""

    start: str
    end: str
    requests: list[Request]
    volunteers: list[Volunteer]
    fixed: list[Fixed]
    rejected: list[tuple[str, str]]
    horizon_ids: set[str]  # requests of the run (others only occupy volunteers' shifts)
    rows: dict[str, RequestRow]
    live: dict[str, list[AssignmentRow]]  # request id -> live assignments
    volunteer_names: dict[str, str]


@dataclass
class MatchRun:
    """A computed and saved plan, with its summary."""

    problem: MatchProblem
    plan: Plan
    created: int = 0  # new proposals
    kept: int = 0  # proposals and confirmed assignments that stay as they were
    withdrawn: int = 0
    cancelled: int = 0  # confirmed assignments that can no longer stand (see plan.warnings)

    @property
    def requests(self) -> int:
        return len(self.problem.horizon_ids)

    def proposals(self) -> list[Proposal]:
        return [p for p in self.plan.proposals if p.request_id in self.problem.horizon_ids]

    def unmet_ids(self) -> list[str]:
        return [u.request_id for u in self.plan.unmet if u.request_id in self.problem.horizon_ids]

    def summary(self) -> dict[str, object]:
        weights = {r.id: r.weight for r in self.problem.requests if r.id in self.problem.horizon_ids}
        assigned = {p.request_id for p in self.proposals()}
        by_language: dict[str, int] = defaultdict(int)
        for request in self.problem.requests:
            if request.id in self.problem.horizon_ids and request.id not in assigned:
                by_language[request.languages[0] if request.languages else "-"] += 1
        total = sum(weights.values())
        return {
            "requests": len(weights),
            "assigned": len(assigned),
            "coverage": len(assigned) / len(weights) if weights else 1.0,
            "weighted_coverage": sum(weights[i] for i in assigned) / total if total else 1.0,
            "unmet_by_language": dict(sorted(by_language.items(), key=lambda kv: (-kv[1], kv[0]))),
            "optimal": self.plan.optimal,
        }

    def summary_line(self) -> str:
        s = self.summary()
        unmet = ", ".join(f"{code} {n}" for code, n in s["unmet_by_language"].items()) or "none"  # type: ignore[union-attr]
        return (
            f"requests {s['requests']}, assigned {s['assigned']}, coverage {s['coverage']:.1%}, "
            f"urgency-weighted coverage {s['weighted_coverage']:.1%}, unmet by language: {unmet}"
            + ("" if self.plan.optimal else " (time limit reached: best plan found, not proven optimal)")
        )

    def gaps(self) -> list[GapRow]:
        requests = [r for r in self.problem.requests if r.id in self.problem.horizon_ids]
        return gap_report(requests, self.problem.volunteers, self.plan)


class Matching:
    """Interpreter matching over one open workspace."""

    def __init__(self, workspace: Workspace, actor: str | None = None) -> None:
        self.ws = workspace
        self.conn: sqlite3.Connection = workspace.conn
        self.oplog = workspace.oplog
        self.registry = Registry(workspace)
        self.actor = actor or default_actor()

    def _transaction(self) -> AbstractContextManager[None]:
        return write_transaction(self.ws)

    # -- requests -----------------------------------------------------------------------------

    def request_defaults(self, person_id: str) -> RequestInput:
        """A new request for `person_id`, pre-filled: languages with their fallbacks, shelter,
        household and contact."""
        person = self.registry.get_person(person_id)
        return RequestInput(
            languages=default_languages(person.data.languages, person.data.easy_japanese,
                                        person.data.japanese_level),
            shelter_id=person.shelter_id, person_id=person_id, household_id=person.household_id,
            contact=person.data.phone,
        )

    def _check(self, data: RequestInput) -> tuple[str | None, list[FieldProblem]]:
        """The required interpreter sex, and every problem of `data` (references included)."""
        problems = validate_request(data)
        gender: str | None = None
        if data.person_id is not None:
            row = self.conn.execute(
                "SELECT sex FROM person WHERE id = ? AND deleted = 0", (data.person_id,)
            ).fetchone()
            if row is None:
                problems.append(FieldProblem("person_id", "record.not_found",
                                             (("entity", "person"), ("record_id", data.person_id))))
            elif data.same_gender:
                gender = row[0] if row[0] in ("female", "male") else None
        if data.same_gender and gender is None:
            problems.append(FieldProblem("same_gender", "validation.same_gender_unknown"))
        for name, table, value in (("shelter_id", "shelter", data.shelter_id),
                                   ("household_id", "household", data.household_id)):
            if value is not None and self.conn.execute(
                f'SELECT 1 FROM "{table}" WHERE id = ? AND deleted = 0', (value,)
            ).fetchone() is None:
                problems.append(FieldProblem(name, "record.not_found",
                                             (("entity", table), ("record_id", value))))
        return gender, problems

    @staticmethod
    def _request_fields(data: RequestInput, gender: str | None) -> dict[str, object]:
        return {
            "person_id": data.person_id, "household_id": data.household_id,
            "shelter_id": data.shelter_id, "languages": list(data.languages), "kind": data.kind,
            "urgency": data.urgency, "start_at": to_utc_text(data.start_at),
            "end_at": to_utc_text(data.end_at), "place": data.place,
            "place_detail": data.place_detail.strip(), "remote_ok": bool(data.remote_ok),
            "skill": data.skill, "same_gender": bool(data.same_gender), "gender": gender,
            "contact": data.contact.strip(), "notes": data.notes,
        }

    def raise_request(self, data: RequestInput) -> str:
        """Record a new request (status open)."""
        return self.raise_requests([data])[0]

    def raise_requests(self, requests: Sequence[RequestInput]) -> list[str]:
        """Record new requests in one transaction (all or none)."""
        problems: list[FieldProblem] = []
        genders: list[str | None] = []
        for number, data in enumerate(requests):
            gender, found = self._check(data)
            genders.append(gender)
            prefix = f"requests[{number}]." if len(requests) > 1 else ""
            problems.extend(FieldProblem(prefix + p.field, p.key, p.params) for p in found)
        if problems:
            raise ValidationError(problems)
        now = utc_now()
        ids: list[str] = []
        changes: list[tuple[str, str, dict[str, object]]] = []
        for data, gender in zip(requests, genders):
            request_id = new_id()
            ids.append(request_id)
            changes.append(("interp_request", request_id, self._request_fields(data, gender) | {
                "status": "open", "status_at": now, "status_by": self.actor,
                "created_at": now, "created_by": self.actor,
            }))
            changes.append(self._event(request_id, "open", now, _note("raised")))
        with self._transaction():
            self.oplog.write_many(changes, new=True)
        return ids

    def update_request(self, request_id: str, data: RequestInput) -> None:
        """Save edits; the history says which fields changed."""
        current = self.get_request(request_id)
        gender, problems = self._check(data)
        if problems:
            raise ValidationError(problems)
        old = self._request_fields(current.data, current.gender)
        new = self._request_fields(data, gender)
        diff = {k: v for k, v in new.items() if old.get(k) != v}
        if not diff:
            return
        now = utc_now()
        with self._transaction():
            self.oplog.write_many([
                ("interp_request", request_id, diff),
                self._event(request_id, current.status, now, _note("edited", ", ".join(sorted(diff)))),
            ])

    def cancel_request(self, request_id: str, note: str = "") -> None:
        """The interpreter is no longer needed; a live assignment is cancelled with it."""
        self._finish_request(request_id, "cancelled", note, assignment_status="cancelled")

    def complete_request(self, request_id: str, note: str = "") -> None:
        """The interpretation took place (with the confirmed interpreter, if any)."""
        self._finish_request(request_id, "done", note, assignment_status="done")

    def reopen_request(self, request_id: str, note: str = "") -> None:
        """A finished or unmet request becomes open again (matched by the next run)."""
        current = self.get_request(request_id)
        if current.status in ("open", "proposed", "assigned"):
            raise UserError("matching.bad_transition", status=current.status, action="reopen")
        self._set_status(request_id, "open", note or {"en": "reopened", "ja": "再開"})

    def _finish_request(self, request_id: str, status: str, note: str, assignment_status: str) -> None:
        current = self.get_request(request_id)
        if current.status in ("done", "cancelled"):
            raise UserError("matching.bad_transition", status=current.status, action=status)
        now = utc_now()
        changes: list[tuple[str, str, dict[str, object]]] = []
        for live in self._live_assignments([request_id]).get(request_id, []):
            final = assignment_status if live.status == "confirmed" else "withdrawn"
            changes.append(("assignment", live.id, self._status_fields(final, now)))
        changes.append(("interp_request", request_id, self._status_fields(status, now)))
        changes.append(self._event(request_id, status, now, note))
        with self._transaction():
            self.oplog.write_many(changes)

    def _set_status(self, request_id: str, status: str, note: str | dict[str, str]) -> None:
        now = utc_now()
        with self._transaction():
            self.oplog.write_many([
                ("interp_request", request_id, self._status_fields(status, now)),
                self._event(request_id, status, now, note),
            ])

    def _status_fields(self, status: str, now: str) -> dict[str, object]:
        return {"status": status, "status_at": now, "status_by": self.actor}

    def _event(self, request_id: str, status: str, at: str, note: str | dict[str, str],
               assignment_id: str | None = None, volunteer_id: str | None = None,
               ) -> tuple[str, str, dict[str, object]]:
        # A note in both UI languages is stored as JSON text; a person's own note as it is.
        text = json.dumps(note, ensure_ascii=False, sort_keys=True) if isinstance(note, dict) else note
        return ("request_event", new_id(), {
            "request_id": request_id, "status": status, "at": at, "by": self.actor, "note": text,
            "assignment_id": assignment_id, "volunteer_id": volunteer_id,
        })

    # -- reading ------------------------------------------------------------------------------

    _REQUEST_COLUMNS = (
        "r.id, r.person_id, coalesce(p.name_latin, p.name_native, ''), r.shelter_id, "
        "coalesce(s.name_ja, ''), r.languages, coalesce(r.kind, 'consultation'), "
        "coalesce(r.urgency, 'normal'), coalesce(r.start_at, ''), coalesce(r.end_at, ''), "
        "coalesce(r.place, 'shelter'), coalesce(r.place_detail, ''), coalesce(r.remote_ok, 0), "
        "r.skill, coalesce(r.same_gender, 0), r.gender, coalesce(r.contact, ''), "
        "coalesce(r.notes, ''), coalesce(r.status, 'open'), coalesce(r.status_at, ''), "
        "coalesce(r.status_by, ''), coalesce(r.created_at, ''), coalesce(r.created_by, ''), "
        "r.household_id, r.explanation"
    )

    def _request_rows(self, where: str, params: Sequence[object]) -> list[RequestRow]:
        rows = self.conn.execute(
            f"SELECT {self._REQUEST_COLUMNS} FROM interp_request r "
            "LEFT JOIN person p ON p.id = r.person_id LEFT JOIN shelter s ON s.id = r.shelter_id "
            f"WHERE r.deleted = 0 AND {where} ORDER BY r.start_at, r.created_at, r.id",
            list(params),
        ).fetchall()
        out = []
        for r in rows:
            data = RequestInput(
                languages=_json_list(r[5]), kind=r[6], urgency=r[7], start_at=r[8], end_at=r[9],
                place=r[10], place_detail=r[11], shelter_id=r[3], person_id=r[1],
                household_id=r[23], remote_ok=bool(r[12]), skill=r[13], same_gender=bool(r[14]),
                contact=r[16], notes=r[17],
            )
            out.append(RequestRow(
                id=r[0], person_id=r[1], person_name=r[2], shelter_id=r[3], shelter_name=r[4],
                data=data, gender=r[15], status=r[18], status_at=r[19], status_by=r[20],
                created_at=r[21], created_by=r[22], explanation=_json_dict(r[24]),
            ))
        live = self._live_assignments([row.id for row in out])
        for row in out:
            mine = live.get(row.id, [])
            confirmed = [a for a in mine if a.status == "confirmed"]
            row.assignment = (confirmed or mine or [None])[0]
        return out

    def get_request(self, request_id: str) -> RequestRow:
        rows = self._request_rows("r.id = ?", (request_id,))
        if not rows:
            raise UserError("record.not_found", entity="interp_request", record_id=request_id)
        row = rows[0]
        row.history = [
            RequestEventRow(status or "", at or "", by or "", *_note_texts(note or "")[:1], name or "",
                            _note_texts(note or "")[1])
            for status, at, by, note, name in self.conn.execute(
                "SELECT e.status, e.at, e.by, e.note, coalesce(v.name_latin, v.name_native) "
                "FROM request_event e LEFT JOIN volunteer v ON v.id = e.volunteer_id "
                # Events of one second are ordered by the clock of their writes (the same on
                # every replica; row ids are not).
                "LEFT JOIN field_state f ON f.entity = 'request_event' AND f.record_id = e.id "
                "AND f.field = 'status' "
                "WHERE e.request_id = ? AND e.deleted = 0 ORDER BY e.at, f.hlc, e.id",
                (request_id,),
            )
        ]
        return row

    def list_requests(
        self, statuses: Sequence[str] = ACTIVE, start: str | None = None, end: str | None = None,
    ) -> list[RequestRow]:
        """Requests with one of `statuses` whose window meets [start, end) (any time if None)."""
        clauses = [f"r.status IN ({','.join('?' * len(statuses))})"]
        params: list[object] = list(statuses)
        if start is not None:
            clauses.append("r.end_at > ?")
            params.append(to_utc_text(start))
        if end is not None:
            clauses.append("r.start_at < ?")
            params.append(to_utc_text(end))
        return self._request_rows(" AND ".join(clauses), params)

    def _live_assignments(self, request_ids: Sequence[str]) -> dict[str, list[AssignmentRow]]:
        out: dict[str, list[AssignmentRow]] = defaultdict(list)
        for start in range(0, len(request_ids), 500):
            chunk = list(request_ids[start: start + 500])
            for row in self.conn.execute(
                "SELECT a.id, a.request_id, a.volunteer_id, coalesce(v.name_latin, v.name_native, ''), "
                "a.status, coalesce(a.locked, 0), coalesce(a.mode, 'in_person'), "
                "coalesce(a.language, ''), a.explanation, coalesce(a.status_at, ''), "
                "coalesce(a.status_by, '') "
                "FROM assignment a LEFT JOIN volunteer v ON v.id = a.volunteer_id "
                f"WHERE a.deleted = 0 AND a.status IN ('proposed', 'confirmed') "
                f"AND a.request_id IN ({','.join('?' * len(chunk))}) ORDER BY a.created_at, a.id",
                chunk,
            ):
                out[row[1]].append(_assignment(row))
        return out

    def get_assignment(self, assignment_id: str) -> AssignmentRow:
        row = self.conn.execute(
            "SELECT a.id, a.request_id, a.volunteer_id, coalesce(v.name_latin, v.name_native, ''), "
            "a.status, coalesce(a.locked, 0), coalesce(a.mode, 'in_person'), "
            "coalesce(a.language, ''), a.explanation, coalesce(a.status_at, ''), "
            "coalesce(a.status_by, '') "
            "FROM assignment a LEFT JOIN volunteer v ON v.id = a.volunteer_id "
            "WHERE a.id = ? AND a.deleted = 0",
            (assignment_id,),
        ).fetchone()
        if row is None:
            raise UserError("record.not_found", entity="assignment", record_id=assignment_id)
        return _assignment(row)

    def available_volunteers(self, start: str, end: str) -> list[VolunteerAvailability]:
        """Active volunteers with a shift meeting [start, end), with their live assignments."""
        a, b = to_utc_text(start), to_utc_text(end)
        volunteers = [v for v in self.registry.list_volunteers() if v.active]
        load = dict(self.conn.execute(
            "SELECT a.volunteer_id, count(*) FROM assignment a JOIN interp_request r "
            "ON r.id = a.request_id WHERE a.deleted = 0 AND a.status IN ('proposed', 'confirmed') "
            "AND r.end_at > ? AND r.start_at < ? GROUP BY a.volunteer_id", (a, b),
        ).fetchall())
        out = []
        for v in volunteers:
            shifts = [(s, e) for s, e in v.shifts if e > a and s < b]
            if shifts:
                out.append(VolunteerAvailability(
                    v.id, v.name_latin or v.name_native, v.languages, v.skills, shifts, v.remote,
                    v.max_per_shift, int(load.get(v.id, 0)),
                ))
        return out

    # -- running the engine -------------------------------------------------------------------

    def prepare(self, at: str | None = None, hours: float = 24) -> MatchProblem:
        """Read what a run for [at, at + hours) needs (default: the next 24 hours)."""
        if hours <= 0:
            raise UserError("matching.bad_hours", hours=hours)
        try:
            begin = parse_time(at) if at else now_utc()
        except ValueError:
            raise UserError("validation.time", value=at) from None
        start, end = utc_text(begin), utc_text(begin + timedelta(hours=hours))
        rows = {r.id: r for r in self.list_requests(ACTIVE, start, end)}
        horizon = set(rows)
        volunteer_rows = self.registry.list_volunteers()
        # Confirmed work just outside the range still fills the shifts that reach into it.
        reach_start = min([start, *(s for v in volunteer_rows for s, e in v.shifts if e > start and s < end)])
        reach_end = max([end, *(e for v in volunteer_rows for s, e in v.shifts if e > start and s < end)])
        for row in self.list_requests(("assigned",), reach_start, reach_end):
            rows.setdefault(row.id, row)
        live = self._live_assignments(list(rows))
        served = self._served_by([r.person_id for r in rows.values() if r.person_id])
        requests = []
        for number, row in enumerate(sorted(rows.values(), key=lambda r: (r.created_at, r.id))):
            requests.append(_engine_request(row, number, served.get(row.person_id or "", frozenset())))
        fixed = [
            Fixed(a.request_id, a.volunteer_id, a.mode, a.id)
            for mine in live.values() for a in mine
            if a.status == "confirmed" or a.locked
        ]
        rejected = [tuple(pair) for pair in self.conn.execute(
            "SELECT request_id, volunteer_id FROM assignment WHERE deleted = 0 AND status = 'rejected' "
            "AND request_id IS NOT NULL AND volunteer_id IS NOT NULL"
        )]
        volunteers = [_engine_volunteer(v) for v in volunteer_rows]
        names = {v.id: short_name(v.name_latin or v.name_native) for v in volunteer_rows}
        return MatchProblem(start, end, requests, volunteers, fixed, rejected, horizon, rows,  # type: ignore[arg-type]
                            live, names)

    @staticmethod
    def compute(problem: MatchProblem, time_limit: float = DEFAULT_TIME_LIMIT) -> Plan:
        """The engine's plan for a prepared problem (no database access: any thread)."""
        from disastercenter.matching import (
            engine,  # numpy and scipy: loaded when first needed
        )

        return engine.match(problem.requests, problem.volunteers, problem.fixed, problem.rejected,
                            time_limit)

    def save(self, problem: MatchProblem, plan: Plan) -> MatchRun:
        """Store the plan in one transaction: new proposals, withdrawn ones, request statuses
        and explanations; confirmed and locked assignments the plan kept stay untouched."""
        run = MatchRun(problem, plan)
        now = utc_now()
        proposals = {p.request_id: p for p in plan.proposals}
        unmet = {u.request_id: u for u in plan.unmet}
        dropped_why = self._dropped_fixed(plan)
        changes: list[tuple[str, str, dict[str, object]]] = []
        for request_id in sorted(problem.horizon_ids):
            row = problem.rows[request_id]
            proposal = proposals.get(request_id)
            kept_id = proposal.assignment_id if proposal is not None and proposal.fixed else None
            status = "unmet"
            explanation: dict[str, str] = {}
            keep_same: str | None = None
            if proposal is not None and not proposal.fixed:
                for live in problem.live.get(request_id, []):
                    if (live.status == "proposed" and not live.locked
                            and live.volunteer_id == proposal.volunteer_id and live.mode == proposal.mode):
                        keep_same = live.id
                        break
            for live in problem.live.get(request_id, []):
                if live.id in (kept_id, keep_same):
                    continue
                if live.status == "confirmed" or live.locked:
                    final = "cancelled" if live.status == "confirmed" else "withdrawn"
                    note = dropped_why.get(live.id, {"en": "no longer possible", "ja": "担当できなくなりました"})
                    run.cancelled += 1
                else:
                    final, note = "withdrawn", {"en": "replaced by a new run", "ja": "新しい実行で置き換え"}
                    run.withdrawn += 1
                changes.append(("assignment", live.id, self._status_fields(final, now)))
                changes.append(self._event(request_id, row.status, now, _note(final, note), live.id,
                                           live.volunteer_id))
            if proposal is not None:
                texts = {lang: describe_proposal(proposal, problem.volunteer_names.get(
                    proposal.volunteer_id, proposal.volunteer_id), lang) for lang in UI_LANGUAGES}
                if kept_id is not None:
                    status = "assigned" if any(
                        a.id == kept_id and a.status == "confirmed" for a in problem.live.get(request_id, [])
                    ) else "proposed"
                    run.kept += 1
                elif keep_same is not None:
                    status = "proposed"
                    run.kept += 1
                    current = next(a for a in problem.live[request_id] if a.id == keep_same)
                    if current.explanation != texts:
                        changes.append(("assignment", keep_same, {"explanation": texts}))
                else:
                    status = "proposed"
                    run.created += 1
                    assignment_id = new_id()
                    changes.append(("assignment", assignment_id, {
                        "request_id": request_id, "volunteer_id": proposal.volunteer_id,
                        "status": "proposed", "locked": False, "mode": proposal.mode,
                        "language": proposal.language, "explanation": texts,
                        "created_at": now, "created_by": self.actor, "status_at": now,
                        "status_by": self.actor,
                    }))
                    changes.append(self._event(request_id, "proposed", now, texts,
                                               assignment_id, proposal.volunteer_id))
            elif request_id in unmet:
                explanation = {lang: describe_unmet(unmet[request_id], lang) for lang in UI_LANGUAGES}
            fields: dict[str, object] = {}
            if row.explanation != explanation:
                fields["explanation"] = explanation or None
            if status != row.status:
                fields.update(self._status_fields(status, now))
                announced = proposal is not None and not proposal.fixed and keep_same is None
                if not announced:  # a new proposal has its own event already
                    changes.append(self._event(request_id, status, now, explanation or ""))
            if fields:
                changes.append(("interp_request", request_id, fields))
        if changes:
            with self._transaction():
                self.oplog.write_many(changes)
        return run

    @staticmethod
    def _dropped_fixed(plan: Plan) -> dict[str, dict[str, str]]:
        """Why a confirmed or locked assignment could not be kept, by assignment id."""
        return {
            str(w.get("assignment")): {lang: render(w, lang) for lang in UI_LANGUAGES}
            for w in plan.warnings if w.code.startswith("fixed.") and w.get("assignment")
        }

    def run(self, at: str | None = None, hours: float = 24,
            time_limit: float = DEFAULT_TIME_LIMIT) -> MatchRun:
        """Propose interpreters for the active requests of [at, at + hours) and save it."""
        problem = self.prepare(at, hours)
        return self.save(problem, self.compute(problem, time_limit))

    def _served_by(self, person_ids: Sequence[str]) -> dict[str, frozenset[str]]:
        """Volunteers who have helped each person (confirmed or done assignments)."""
        out: dict[str, set[str]] = defaultdict(set)
        ids = sorted(set(person_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start: start + 500]
            for person_id, volunteer_id in self.conn.execute(
                "SELECT r.person_id, a.volunteer_id FROM assignment a JOIN interp_request r "
                "ON r.id = a.request_id WHERE a.deleted = 0 AND a.status IN ('confirmed', 'done') "
                f"AND r.person_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[person_id].add(volunteer_id)
        return {k: frozenset(v) for k, v in out.items()}

    # -- the coordinator's decisions ----------------------------------------------------------

    def accept(self, assignment_id: str) -> None:
        """Confirm a proposal: the request is assigned; other proposals for it are withdrawn."""
        a = self._assignment_in(assignment_id, ("proposed",), "accept")
        now = utc_now()
        changes = [("assignment", assignment_id, self._status_fields("confirmed", now))]
        for other in self._live_assignments([a.request_id]).get(a.request_id, []):
            if other.id != assignment_id:
                changes.append(("assignment", other.id, self._status_fields("withdrawn", now)))
        changes.append(("interp_request", a.request_id, self._status_fields("assigned", now)))
        changes.append(self._event(a.request_id, "assigned", now, _note("confirmed"), assignment_id, a.volunteer_id))
        with self._transaction():
            self.oplog.write_many(changes)

    def reject(self, assignment_id: str, note: str = "") -> None:
        """Turn a proposal (or a confirmed assignment) down: this pair is never proposed again
        and the request is open for the next run."""
        a = self._assignment_in(assignment_id, ("proposed", "confirmed"), "reject")
        now = utc_now()
        changes = [
            ("assignment", assignment_id, self._status_fields("rejected", now) | {"locked": False}),
            ("interp_request", a.request_id, self._status_fields("open", now)),
            self._event(a.request_id, "open", now, _note("rejected", note),
                        assignment_id, a.volunteer_id),
        ]
        with self._transaction():
            self.oplog.write_many(changes)

    def lock(self, assignment_id: str, locked: bool = True) -> None:
        """A locked proposal is kept as it is when matching runs again."""
        a = self._assignment_in(assignment_id, ("proposed",), "lock")
        if a.locked == locked:
            return
        now = utc_now()
        with self._transaction():
            self.oplog.write_many([
                ("assignment", assignment_id, {"locked": locked, "status_at": now, "status_by": self.actor}),
                self._event(a.request_id, "proposed", now, _note("locked" if locked else "unlocked"),
                            assignment_id, a.volunteer_id),
            ])

    def complete(self, assignment_id: str) -> None:
        """The interpretation took place."""
        a = self._assignment_in(assignment_id, ("confirmed",), "complete")
        self.complete_request(a.request_id)

    def propose(self, request_id: str, volunteer_id: str) -> str:
        """The coordinator's own choice (a swap): checked against the hard constraints,
        explained, and locked so runs keep it. Other live proposals are withdrawn."""
        row = self.get_request(request_id)
        if row.status not in ("open", "proposed", "unmet"):
            raise UserError("matching.bad_transition", status=row.status, action="propose")
        volunteer = self.registry.get_volunteer(volunteer_id)
        served = self._served_by([row.person_id] if row.person_id else [])
        request = _engine_request(row, 0, served.get(row.person_id or "", frozenset()))
        from disastercenter.matching import engine

        plan = engine.match([request], [_engine_volunteer(volunteer)], time_limit=5)
        if not plan.proposals:
            reasons = plan.unmet[0].reasons if plan.unmet else ()
            raise UserError("matching.not_possible", volunteer=short_name(volunteer.name_latin or volunteer.name_native),
                            reason=" ".join(render(r, "en") for r in reasons if r.code != "unmet.try_fallback"))
        proposal = plan.proposals[0]
        name = short_name(volunteer.name_latin or volunteer.name_native)
        texts = {lang: describe_proposal(proposal, name, lang) for lang in UI_LANGUAGES}
        now = utc_now()
        assignment_id = new_id()
        changes: list[tuple[str, str, dict[str, object]]] = [
            ("assignment", other.id, self._status_fields("withdrawn", now))
            for other in self._live_assignments([request_id]).get(request_id, [])
        ]
        changes.append(("assignment", assignment_id, {
            "request_id": request_id, "volunteer_id": volunteer_id, "status": "proposed",
            "locked": True, "mode": proposal.mode, "language": proposal.language,
            "explanation": texts, "created_at": now, "created_by": self.actor, "status_at": now,
            "status_by": self.actor,
        }))
        changes.append(("interp_request", request_id, self._status_fields("proposed", now) | {"explanation": None}))
        changes.append(self._event(request_id, "proposed", now, _note("chosen by hand", texts),
                                   assignment_id, volunteer_id))
        with self._transaction():
            self.oplog.write_many(changes)
        return assignment_id

    def _assignment_in(self, assignment_id: str, statuses: Sequence[str], action: str) -> AssignmentRow:
        a = self.get_assignment(assignment_id)
        if a.status not in statuses:
            raise UserError("matching.bad_transition", status=a.status, action=action)
        return a

    # -- outputs ------------------------------------------------------------------------------

    def dispatch_card(self, assignment_id: str) -> DispatchCard:
        """What the interpreter's dispatch card shows: place, time, person, language, contact,
        and the assignment id for the QR code."""
        a = self.get_assignment(assignment_id)
        request = self.get_request(a.request_id)
        volunteer = self.registry.get_volunteer(a.volunteer_id)
        person = self.registry.get_person(request.person_id) if request.person_id else None
        shelter = self.registry.get_shelter(request.shelter_id) if request.shelter_id else None
        data = request.data
        return DispatchCard(
            assignment_id=a.id, code=card_code(a.id), status=a.status, mode=a.mode,
            language=a.language, languages=tuple(data.languages), kind=data.kind,
            urgency=data.urgency, start_at=data.start_at, end_at=data.end_at,
            start_local=local_text(data.start_at), end_local=local_text(data.end_at),
            place=data.place, place_detail=data.place_detail,
            shelter_name_ja=shelter.name_ja if shelter else "",
            shelter_name_en=shelter.name_en if shelter else "",
            shelter_address=shelter.address if shelter else "",
            person_name_latin=person.data.name_latin if person else "",
            person_name_native=person.data.name_native if person else "",
            person_name_kana=person.data.name_kana if person else "",
            person_phone=person.data.phone if person else "",
            contact=data.contact or (person.data.phone if person else ""),
            volunteer_id=volunteer.id, volunteer_name=volunteer.name_latin or volunteer.name_native,
            volunteer_phone=volunteer.phone, volunteer_email=volunteer.email, notes=data.notes,
        )

    def dispatch_assignments(self, assignment_ids: Sequence[str]) -> list[DispatchAssignment]:
        """The printable form of assignments (dispatch cards, day schedules), in the order given."""
        from disastercenter.printing.dispatch import DispatchAssignment

        result: list[DispatchAssignment] = []
        for assignment_id in assignment_ids:
            card = self.dispatch_card(assignment_id)
            place = " / ".join(
                part for part in (
                    _PURPOSE_PLACES.get(card.place, card.place), card.shelter_name_ja,
                    card.place_detail, card.shelter_address,
                ) if part
            )
            result.append(DispatchAssignment(
                assignment_id=card.assignment_id,
                interpreter_name=card.volunteer_name,
                languages=tuple(dict.fromkeys((card.language or card.languages[0], "ja"))),
                place=place,
                start=parse_time(card.start_at),
                end=parse_time(card.end_at),
                person_name=card.person_name_latin or card.person_name_kana,
                person_language=card.language,
                contact_phone=card.contact,
                notes=card.notes,
                person_name_native=card.person_name_native,
                purpose=_PURPOSES.get(card.kind, card.kind),
                interpreter_id=card.volunteer_id,
            ))
        return result

    def print_dispatch(self, assignment_ids: Sequence[str], out: Path, schedules: bool = False,
                       fonts_dir: Path | None = None) -> PrintResult:
        """Dispatch cards (or day schedules per interpreter) of these assignments, as a PDF."""
        from disastercenter.services.print_cards import print_dispatch

        return print_dispatch(out, self.dispatch_assignments(assignment_ids), schedules=schedules,
                              fonts_dir=fonts_dir)

    def export_plan_csv(self, run: MatchRun, path: Path, lang: str = "ja") -> int:
        """The run's requests with their proposal or the reason none was found, as CSV that
        Excel opens (UTF-8 with BOM). Written atomically; returns the number of rows."""
        proposals = {p.request_id: p for p in run.plan.proposals}
        unmet = {u.request_id: u for u in run.plan.unmet}
        rows: list[list[object]] = []
        for request in sorted((run.problem.rows[i] for i in run.problem.horizon_ids),
                              key=lambda r: (r.data.start_at, r.id)):
            p = proposals.get(request.id)
            name = run.problem.volunteer_names.get(p.volunteer_id, "") if p else ""
            rows.append([
                request.id, request.person_name, " ".join(request.data.languages), request.data.urgency,
                request.data.kind, local_text(request.data.start_at), local_text(request.data.end_at),
                request.data.place, request.shelter_name, "proposed" if p else "unmet",
                name, p.mode if p else "", p.language if p else "",
                describe_proposal(p, name, lang) if p else describe_unmet(unmet[request.id], lang)
                if request.id in unmet else "",
            ])
        write_csv(path, PLAN_COLUMNS, rows)
        return len(rows)

    def print_gaps(self, rows: Sequence[GapRow], out: Path, period: str = "",
                   fonts_dir: Path | None = None) -> PrintResult:
        """The gap report as a PDF (bilingual headings, languages in their own script)."""
        from disastercenter.printing.document import PdfDocument
        from disastercenter.printing.fonts import default_resolver
        from disastercenter.printing.gap_report import GapLine, draw_gap_report
        from disastercenter.services.printing import page_size, save_pdf

        lines = [GapLine(r.date, r.hours, r.language, r.requests, r.covered, r.unmet,
                         r.unmet_urgent, r.speakers_on_shift, r.speakers_idle) for r in rows]
        if not period and rows:
            period = f"{rows[0].date} – {rows[-1].date}" if rows[0].date != rows[-1].date else rows[0].date
        doc = PdfDocument(page_size("A4"), title="Interpreter gap report",
                          fonts=default_resolver(fonts_dir))
        draw_gap_report(doc, lines, period)
        return save_pdf(doc, out)

    def export_gaps_csv(self, rows: Sequence[GapRow], path: Path) -> int:
        write_csv(path, GAP_COLUMNS, [[
            row.date, row.hours, row.language, row.requests, row.covered, row.unmet,
            row.unmet_urgent, row.unmet_weight, row.speakers_on_shift, row.speakers_idle,
        ] for row in rows])
        return len(rows)


PLAN_COLUMNS = ("request_id", "person", "languages", "urgency", "kind", "start", "end", "place",
                "shelter", "result", "volunteer", "mode", "language", "explanation")
GAP_COLUMNS = ("date", "window", "language", "requests", "covered", "unmet", "unmet_urgent",
               "unmet_weight", "speakers_on_shift", "speakers_idle")


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """CSV in UTF-8 with a byte order mark (Excel in Japan reads it as UTF-8), atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    try:
        write_atomic(Path(path), buffer.getvalue().encode("utf-8-sig"))
    except OSError as exc:
        raise UserError("file.write_failed", path=str(path), detail=exc.strerror or str(exc)) from exc


# -- conversions to the engine's records -------------------------------------------------------


def _json_list(text: str | None) -> list[str]:
    try:
        value = json.loads(text) if text else []
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _json_dict(text: str | None) -> dict[str, str]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _assignment(row: Sequence) -> AssignmentRow:  # type: ignore[type-arg]
    return AssignmentRow(
        id=row[0], request_id=row[1], volunteer_id=row[2], volunteer_name=row[3], status=row[4],
        locked=bool(row[5]), mode=row[6], language=row[7], explanation=_json_dict(row[8]),
        status_at=row[9], status_by=row[10],
    )


def _minutes(text: str) -> int | None:
    try:
        return epoch_minutes(text)
    except (ValueError, TypeError):
        return None


def _engine_request(row: RequestRow, order: int, served: frozenset[str]) -> Request:
    start, end = _minutes(row.data.start_at), _minutes(row.data.end_at)
    if start is None or end is None:  # unreadable times (a bad sync): an empty window
        start = end = 0
    return Request(
        id=row.id, languages=tuple(row.data.languages), window=Window(start, end),
        urgency=row.data.urgency, kind=row.data.kind, place=row.data.place,
        shelter_id=row.shelter_id, remote_ok=row.data.remote_ok, skill=row.data.skill,
        gender=row.gender if row.data.same_gender else None, person_id=row.person_id,
        label=row.label, order=order, served_by=served,
    )


def _engine_volunteer(v) -> Volunteer:  # type: ignore[no-untyped-def]
    shifts = []
    for start, end in v.shifts:
        a, b = _minutes(start), _minutes(end)
        if a is not None and b is not None:
            shifts.append(Window(a, b))
    return Volunteer(
        id=v.id, name=short_name(v.name_latin or v.name_native), sex=v.sex,
        languages=dict(v.languages), skills=frozenset(v.skills), shifts=tuple(shifts),
        reach=dict(v.reach), remote=v.remote, max_per_shift=v.max_per_shift, active=v.active,
    )


def default_window(day: datetime | None = None) -> tuple[str, str]:
    """Tomorrow 10:00–12:00 in Japan: the dialog's starting point."""
    base = (day or datetime.now(JAPAN)).astimezone(JAPAN) + timedelta(days=1)
    start = base.replace(hour=10, minute=0, second=0, microsecond=0)
    return utc_text(start), utc_text(start + timedelta(hours=2))

