"""Use-cases for the registry: shelters, households, persons, statuses, volunteers, search.

This is the API the UI and the command line call. Each public method that changes data runs
one transaction: it either saves everything or nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from disastercenter.core.errors import UserError
from disastercenter.core.ids import card_code, new_id, normalise_card_code
from disastercenter.core.people import (
    FieldProblem,
    HouseholdDetails,
    Need,
    PersonInput,
    ShelterInput,
    VolunteerInput,
    effective_needs,
    validate_household,
    validate_person,
    validate_shelter,
    validate_status,
    validate_volunteer,
)
from disastercenter.core.times import to_utc_text
from disastercenter.core.vocab import LANGUAGE_LEVELS, age_band_for
from disastercenter.store import search as search_index
from disastercenter.store.db import Workspace
from disastercenter.store.links import linked_person_ids
from disastercenter.store.oplog import child_id


class ValidationError(UserError):
    """Input that breaks the rules; `problems` lists every one."""

    def __init__(self, problems: Sequence[FieldProblem], prefix: str = "") -> None:
        self.problems = [
            FieldProblem(f"{prefix}{p.field}", p.key, p.params) for p in problems
        ]
        super().__init__("form.invalid", fields=", ".join(sorted({p.field for p in self.problems})))


def _prefixed(problems: Iterable[FieldProblem], prefix: str) -> list[FieldProblem]:
    return [FieldProblem(f"{prefix}{p.field}", p.key, p.params) for p in problems]


#: Rows of a person's languages or needs whose person is not deleted (see migration 0004).
_OF_PRESENT_PERSON = "person_id NOT IN (SELECT id FROM person WHERE deleted <> 0)"


@contextmanager
def write_transaction(workspace: Workspace) -> Iterator[None]:
    """One user action, one transaction: all saved or nothing, with a clear error."""
    try:
        with workspace.db.atomic():
            yield
    except sqlite3.OperationalError as exc:
        # Disk full, read-only media, I/O errors: SQLite has rolled back; say what happened.
        raise UserError("db.write_failed", detail=str(exc)) from exc


def utc_now() -> str:
    """Now as UTC ISO 8601 text, the form every timestamp is stored in."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class HouseholdRegistration:
    household_id: str
    person_ids: list[str]


@dataclass
class HouseholdDetail:
    id: str
    shelter_id: str | None
    head_id: str | None
    details: HouseholdDetails
    member_ids: list[str]


@dataclass
class PersonRow:
    """One line of the evacuee list."""

    id: str
    name_latin: str
    name_native: str
    name_kana: str
    sex: str
    age: str
    nationality: str
    languages: list[tuple[str, str]]
    needs: list[str]
    shelter_id: str | None
    shelter_name: str
    status: str
    status_at: str
    household_id: str | None

    @property
    def card_code(self) -> str:
        return card_code(self.id)


@dataclass
class StatusEvent:
    status: str
    at: str
    shelter_id: str | None
    to_shelter_id: str | None
    note: str


@dataclass
class LinkedRecord:
    """Another record of the same person (confirmed "same person", see services.duplicates)."""

    id: str
    name_latin: str
    name_native: str
    name_kana: str
    birth_date: str | None
    shelter_id: str | None
    shelter_name: str
    status: str
    status_at: str

    @property
    def card_code(self) -> str:
        return card_code(self.id)


@dataclass
class PersonDetail:
    id: str
    household_id: str | None
    shelter_id: str | None
    data: PersonInput
    status: str
    status_at: str
    history: list[StatusEvent] = field(default_factory=list)
    #: The person's other records (registered elsewhere too), oldest first.
    linked: list[LinkedRecord] = field(default_factory=list)

    @property
    def card_code(self) -> str:
        return card_code(self.id)


@dataclass
class ShelterRow:
    id: str
    name_ja: str
    name_en: str
    address: str
    capacity: int
    is_open: bool
    present: int


@dataclass
class VolunteerRow:
    id: str
    name_latin: str
    name_native: str
    name_kana: str
    sex: str
    languages: list[tuple[str, str]]
    skills: list[str]
    phone: str
    email: str
    base_area: str
    active: bool
    notes: str = ""
    shifts: list[tuple[str, str]] = field(default_factory=list)  # stored UTC text, in order
    reach: dict[str, int] = field(default_factory=dict)
    remote: bool = False
    max_per_shift: int = 2

    def as_input(self) -> VolunteerInput:
        return VolunteerInput(
            name_latin=self.name_latin, name_native=self.name_native, name_kana=self.name_kana,
            sex=self.sex, languages=list(self.languages), skills=list(self.skills),
            phone=self.phone, email=self.email, base_area=self.base_area, active=self.active,
            notes=self.notes, shifts=list(self.shifts), reach=dict(self.reach),
            remote=self.remote, max_per_shift=self.max_per_shift,
        )


@dataclass(frozen=True)
class PersonFilter:
    """What the evacuee list shows. Empty values mean "any"."""

    text: str = ""
    shelter_id: str | None = None
    language: str | None = None
    need: str | None = None
    status: str | None = None


#: Sort keys the evacuee list offers, mapped to SQL.
SORT_KEYS: dict[str, str] = {
    "name_latin": "p.name_latin COLLATE NOCASE",
    "name_native": "p.name_native",
    "name_kana": "p.name_kana",
    "sex": "p.sex",
    # Age in days, so ascending reads like the age column: youngest first. Without a birth
    # date the lower bound of the age band stands in; unknown ages sort last.
    "age": "coalesce(julianday('now') - julianday(p.birth_date), 365.25 * CASE p.age_band "
    "WHEN '0-5' THEN 0 WHEN '6-12' THEN 6 WHEN '13-17' THEN 13 WHEN '18-39' THEN 18 "
    "WHEN '40-64' THEN 40 WHEN '65+' THEN 65 END, 1e9)",
    "nationality": "p.nationality",
    "shelter": "s.name_ja",
    "status": "p.status",
    "status_at": "p.status_at",
}


def _person_fields(person: PersonInput) -> dict[str, object]:
    """The person's own fields (languages and needs are records of their own)."""
    age_band = person.age_band
    if person.birth_date and not age_band:
        born = date.fromisoformat(person.birth_date)
        today = date.today()
        age_band = age_band_for(
            today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        )
    fields: dict[str, object] = {
        "name_latin": person.name_latin.strip(),
        "name_native": person.name_native.strip(),
        "name_kana": person.name_kana.strip(),
        "sex": person.sex,
        "birth_date": person.birth_date or None,
        "age_band": age_band,
        "nationality": person.nationality or None,
        "japanese_level": person.japanese_level,
        "easy_japanese": bool(person.easy_japanese),
        "phone": person.phone.strip(),
        "messaging_id": person.messaging_id.strip(),
        "consent_basis": person.consent_basis,
        "consent_scopes": sorted(person.consent_scopes),
        "notes": person.notes,
        "embassy_contact": person.embassy_contact or None,
    }
    return fields


class Registry:
    """The registry use-cases over one open workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.conn: sqlite3.Connection = workspace.conn
        self.oplog = workspace.oplog

    def _transaction(self) -> AbstractContextManager[None]:
        return write_transaction(self.ws)

    # -- shelters -------------------------------------------------------------------------

    def add_shelter(self, shelter: ShelterInput) -> str:
        problems = validate_shelter(shelter)
        if problems:
            raise ValidationError(problems)
        shelter_id = new_id()
        with self._transaction():
            self.oplog.write_many([("shelter", shelter_id, {
                "name_ja": shelter.name_ja.strip(), "name_en": shelter.name_en.strip(),
                "address": shelter.address.strip(), "capacity": shelter.capacity,
                "is_open": shelter.is_open, "notes": shelter.notes, "created_at": utc_now(),
            })], new=True)
        return shelter_id

    def update_shelter(self, shelter_id: str, shelter: ShelterInput) -> None:
        problems = validate_shelter(shelter)
        if problems:
            raise ValidationError(problems)
        self._require("shelter", shelter_id)
        current = self.get_shelter(shelter_id)
        changes = {
            key: value
            for key, value in {
                "name_ja": shelter.name_ja.strip(), "name_en": shelter.name_en.strip(),
                "address": shelter.address.strip(), "capacity": shelter.capacity,
                "is_open": shelter.is_open,
            }.items()
            if getattr(current, key) != value
        }
        if changes:
            with self._transaction():
                self.oplog.write("shelter", shelter_id, changes)

    def get_shelter(self, shelter_id: str) -> ShelterRow:
        rows = self._shelter_rows("AND sh.id = ?", (shelter_id,))
        if not rows:
            raise UserError("record.not_found", entity="shelter", record_id=shelter_id)
        return rows[0]

    def list_shelters(self) -> list[ShelterRow]:
        return self._shelter_rows("", ())

    def _shelter_rows(self, where: str, params: tuple) -> list[ShelterRow]:
        rows = self.conn.execute(
            "SELECT sh.id, coalesce(sh.name_ja, ''), coalesce(sh.name_en, ''), "
            "coalesce(sh.address, ''), coalesce(sh.capacity, 0), coalesce(sh.is_open, 0), "
            "(SELECT count(*) FROM person p WHERE p.shelter_id = sh.id AND p.deleted = 0 "
            " AND p.status = 'checked_in') "
            f"FROM shelter sh WHERE sh.deleted = 0 {where} ORDER BY sh.name_ja",
            params,
        ).fetchall()
        return [ShelterRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows]

    # -- households and persons -----------------------------------------------------------

    def register_household(
        self,
        shelter_id: str,
        members: Sequence[PersonInput],
        head_index: int = 0,
        notes: str = "",
        *,
        reasons: Sequence[str] = (),
        reason_other: str = "",
    ) -> HouseholdRegistration:
        """Register a household and check every member in at `shelter_id`."""
        details = HouseholdDetails(notes, list(reasons), reason_other)
        return self.register_households([(shelter_id, members, head_index, details)])[0]

    def register_households(
        self,
        households: Iterable[tuple[str, Sequence[PersonInput], int, str | HouseholdDetails]],
    ) -> list[HouseholdRegistration]:
        """Register many households in one transaction (imports, demo data).

        Each household is (shelter id, members, index of the head, notes or HouseholdDetails).
        """
        households = [
            (shelter_id, members, head_index,
             details if isinstance(details, HouseholdDetails) else HouseholdDetails(details))
            for shelter_id, members, head_index, details in households
        ]
        # Every problem of every member at once, so a form can mark them all.
        problems: list[FieldProblem] = []
        for index, (_, members, _, details) in enumerate(households):
            where = f"households[{index}]." if len(households) > 1 else ""
            problems.extend(_prefixed(validate_household(details), where))
            if not members:
                problems.append(FieldProblem(f"{where}members", "validation.head_missing"))
            for number, member in enumerate(members):
                problems.extend(_prefixed(validate_person(member), f"{where}members[{number}]."))
        if problems:
            raise ValidationError(problems)
        changes: list[tuple[str, str, dict[str, object]]] = []
        results: list[HouseholdRegistration] = []
        now = utc_now()
        shelters = {row[0] for row in self.conn.execute("SELECT id FROM shelter WHERE deleted = 0")}
        for shelter_id, members, head_index, details in households:
            if shelter_id not in shelters:
                raise UserError("record.not_found", entity="shelter", record_id=shelter_id)
            household_id = new_id()
            person_ids = [new_id() for _ in members]
            head = person_ids[min(max(head_index, 0), len(members) - 1)]
            household_fields: dict[str, object] = {
                "shelter_id": shelter_id, "head_id": head, "notes": details.notes, "created_at": now,
            }
            if details.reasons:
                household_fields["reasons"] = sorted(details.reasons)
            if details.reason_other.strip():
                household_fields["reason_other"] = details.reason_other.strip()
            changes.append(("household", household_id, household_fields))
            for person_id, member in zip(person_ids, members):
                fields = _person_fields(member)
                fields.update(
                    household_id=household_id, shelter_id=shelter_id, status="checked_in",
                    status_at=now, created_at=now,
                    consent_at=now if member.consent_basis != "none" else None,
                )
                changes.append(("person", person_id, fields))
                changes.extend(self._language_changes("person", person_id, member.languages))
                changes.extend(self._need_changes(person_id, member))
                changes.append(("status_event", new_id(), {
                    "person_id": person_id, "status": "checked_in", "at": now,
                    "shelter_id": shelter_id, "note": "",
                }))
            results.append(HouseholdRegistration(household_id, person_ids))
        with self._transaction():
            self.oplog.write_many(changes, new=True)
        return results

    @staticmethod
    def _language_changes(
        owner: str, owner_id: str, languages: Sequence[tuple[str, str]]
    ) -> list[tuple[str, str, dict[str, object]]]:
        entity = f"{owner}_language"
        return [
            (entity, child_id(owner_id, "language", code),
             {f"{owner}_id": owner_id, "language": code, "level": level})
            for code, level in languages
        ]

    @staticmethod
    def _need_changes(person_id: str, person: PersonInput) -> list[tuple[str, str, dict[str, object]]]:
        return [
            ("person_need", child_id(person_id, "need", need.tag),
             {"person_id": person_id, "tag": need.tag, "detail": need.detail,
              "items": sorted(need.items)})
            for need in effective_needs(person)
        ]

    def update_person(self, person_id: str, person: PersonInput) -> None:
        """Save edits of a person: only fields that changed become ops."""
        problems = validate_person(person)
        if problems:
            raise ValidationError(problems)
        current = self.get_person(person_id)
        old_fields = _person_fields(current.data)
        changes: list[tuple[str, str, dict[str, object]]] = []
        new_fields = _person_fields(person)
        if not person.birth_date and current.data.birth_date and not person.age_band:
            new_fields["age_band"] = None
        diff = {k: v for k, v in new_fields.items() if old_fields.get(k) != v}
        if diff:
            changes.append(("person", person_id, diff))
        old_languages = dict(current.data.languages)
        new_languages = dict(person.languages)
        language_ids = self._child_ids("person_language", "person_id", person_id, "language")
        need_ids = self._child_ids("person_need", "person_id", person_id, "tag")
        for code, level in person.languages:
            if old_languages.get(code) != level:
                record_id = language_ids.get(code) or child_id(person_id, "language", code)
                changes.append(("person_language", record_id, {
                    "person_id": person_id, "language": code, "level": level, "_deleted": False,
                }))
        for code in old_languages.keys() - new_languages.keys():
            changes.append(("person_language", language_ids[code], {"_deleted": True}))
        old_needs = {n.tag: n for n in current.data.needs}
        new_needs = {n.tag: n for n in effective_needs(person)}
        for tag, need in new_needs.items():
            old = old_needs.get(tag)
            if old is None or old.detail != need.detail or sorted(old.items) != sorted(need.items):
                changes.append(("person_need", need_ids.get(tag) or child_id(person_id, "need", tag), {
                    "person_id": person_id, "tag": tag, "detail": need.detail,
                    "items": sorted(need.items), "_deleted": False,
                }))
        for tag in old_needs.keys() - new_needs.keys():
            changes.append(("person_need", need_ids[tag], {"_deleted": True}))
        if person.consent_basis != current.data.consent_basis or sorted(
            person.consent_scopes
        ) != sorted(current.data.consent_scopes):
            changes.append(("person", person_id, {"consent_at": utc_now()}))
        if changes:
            with self._transaction():
                self.oplog.write_many(changes)

    def _child_ids(self, table: str, owner_field: str, owner_id: str, key_field: str) -> dict[str, str]:
        """Ids of an owner's live child records by key. Usually `child_id(owner, kind, key)`, but
        records made by an earlier release (other id scheme) or merged from elsewhere keep their
        own id, and edits must reach that record."""
        return {
            key: record_id
            for key, record_id in self.conn.execute(
                f'SELECT "{key_field}", id FROM "{table}" WHERE "{owner_field}" = ? AND deleted = 0 '
                "ORDER BY id",
                (owner_id,),
            )
        }

    def set_status(
        self,
        person_ids: str | Sequence[str],
        status: str,
        note: str = "",
        to_shelter_id: str | None = None,
    ) -> None:
        """Check in, check out, transfer or send to hospital; history keeps every change.

        A transfer to a shelter we know moves the person there and checks them in.
        """
        ids = [person_ids] if isinstance(person_ids, str) else list(person_ids)
        problems = validate_status(status)
        if problems:
            raise ValidationError(problems)
        if to_shelter_id is not None:
            self._require("shelter", to_shelter_id)
        now = utc_now()
        changes: list[tuple[str, str, dict[str, object]]] = []
        for person_id in ids:
            self._require("person", person_id)
            shelter_id = self.conn.execute(
                "SELECT shelter_id FROM person WHERE id = ?", (person_id,)
            ).fetchone()[0]
            changes.append(("status_event", new_id(), {
                "person_id": person_id, "status": status, "at": now, "shelter_id": shelter_id,
                "to_shelter_id": to_shelter_id, "note": note,
            }))
            fields: dict[str, object] = {"status": status, "status_at": now}
            if status == "transferred" and to_shelter_id:
                fields["shelter_id"] = to_shelter_id
                fields["status"] = "checked_in"
            changes.append(("person", person_id, fields))
        with self._transaction():
            self.oplog.write_many(changes)

    def _require(self, table: str, record_id: str) -> None:
        row = self.conn.execute(
            f'SELECT 1 FROM "{table}" WHERE id = ? AND deleted = 0', (record_id,)
        ).fetchone()
        if row is None:
            raise UserError("record.not_found", entity=table, record_id=record_id)

    def get_person(self, person_id: str) -> PersonDetail:
        row = self.conn.execute(
            "SELECT id, household_id, shelter_id, coalesce(name_latin, ''), "
            "coalesce(name_native, ''), coalesce(name_kana, ''), coalesce(sex, 'unknown'), "
            "birth_date, age_band, nationality, coalesce(japanese_level, 'none'), "
            "coalesce(easy_japanese, 0), coalesce(phone, ''), coalesce(messaging_id, ''), "
            "coalesce(consent_basis, 'none'), consent_scopes, coalesce(notes, ''), "
            "coalesce(status, ''), coalesce(status_at, ''), coalesce(embassy_contact, '') "
            "FROM person WHERE id = ? AND deleted = 0",
            (person_id,),
        ).fetchone()
        if row is None:
            raise UserError("record.not_found", entity="person", record_id=person_id)
        languages = self._languages("person", [person_id]).get(person_id, [])
        needs = self._needs([person_id]).get(person_id, [])
        embassy_contact = row[19]
        if not embassy_contact and any(tag == "embassy_contact" for tag, _, _ in needs):
            embassy_contact = "yes"  # registered as a need before the form asked the question
        data = PersonInput(
            name_latin=row[3], name_native=row[4], name_kana=row[5], sex=row[6],
            birth_date=row[7], age_band=row[8], nationality=row[9], languages=languages,
            japanese_level=row[10], easy_japanese=bool(row[11]),
            needs=[Need(tag, detail, items) for tag, detail, items in needs],
            phone=row[12], messaging_id=row[13], consent_basis=row[14],
            consent_scopes=json.loads(row[15]) if row[15] else [], notes=row[16],
            embassy_contact=embassy_contact,
        )
        history = [
            StatusEvent(*r)
            for r in self.conn.execute(
                "SELECT status, at, shelter_id, to_shelter_id, coalesce(note, '') "
                "FROM status_event WHERE person_id = ? AND deleted = 0 ORDER BY at, rowid",
                (person_id,),
            )
        ]
        return PersonDetail(
            row[0], row[1], row[2], data, row[17], row[18], history, self.linked_records(person_id)
        )

    def linked_records(self, person_id: str) -> list[LinkedRecord]:
        """The person's other records, joined by "same person" decisions (transitively)."""
        ids = linked_person_ids(self.conn, person_id)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            "SELECT p.id, coalesce(p.name_latin, ''), coalesce(p.name_native, ''), "
            "coalesce(p.name_kana, ''), p.birth_date, p.shelter_id, coalesce(s.name_ja, ''), "
            "coalesce(p.status, ''), coalesce(p.status_at, '') "
            f"FROM person p LEFT JOIN shelter s ON s.id = p.shelter_id WHERE p.id IN ({marks})",
            ids,
        ).fetchall()
        by_id = {row[0]: LinkedRecord(*row) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def get_household(self, household_id: str) -> HouseholdDetail:
        row = self.conn.execute(
            "SELECT id, shelter_id, head_id, coalesce(notes, ''), reasons, "
            "coalesce(reason_other, '') FROM household WHERE id = ? AND deleted = 0",
            (household_id,),
        ).fetchone()
        if row is None:
            raise UserError("record.not_found", entity="household", record_id=household_id)
        details = HouseholdDetails(row[3], json.loads(row[4]) if row[4] else [], row[5])
        return HouseholdDetail(row[0], row[1], row[2], details,
                               self.household_member_ids(household_id))

    def household_member_ids(self, household_id: str) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT p.id FROM person p LEFT JOIN household h ON h.id = p.household_id "
                "WHERE p.household_id = ? AND p.deleted = 0 "
                "ORDER BY p.id != h.head_id, p.birth_date",
                (household_id,),
            )
        ]

    def _languages(self, owner: str, ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        result: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for owner_id, code, level in self.conn.execute(
                f"SELECT {owner}_id, language, level FROM {owner}_language "
                f"WHERE {owner}_id IN ({marks}) AND deleted = 0",
                chunk,
            ):
                result[owner_id].append((code, level))
        return {owner_id: _sorted_languages(pairs) for owner_id, pairs in result.items()}

    def _needs(self, ids: Sequence[str]) -> dict[str, list[tuple[str, str, list[str]]]]:
        result: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for person_id, tag, detail, items in self.conn.execute(
                f"SELECT person_id, tag, coalesce(detail, ''), items FROM person_need "
                f"WHERE person_id IN ({marks}) AND deleted = 0 ORDER BY tag",
                chunk,
            ):
                result[person_id].append((tag, detail, json.loads(items) if items else []))
        return result

    # -- listing and search ---------------------------------------------------------------

    def _filter_sql(self, filters: PersonFilter) -> tuple[str, list[object]] | None:
        clauses = ["p.deleted = 0"]
        params: list[object] = []
        if filters.text.strip():
            expression = search_index.match_expression(filters.text)
            if expression is None:
                return None
            clauses.append("p.rowid IN (SELECT rowid FROM person_search WHERE person_search MATCH ?)")
            params.append(expression)
        if filters.shelter_id:
            clauses.append("p.shelter_id = ?")
            params.append(filters.shelter_id)
        if filters.status:
            clauses.append("p.status = ?")
            params.append(filters.status)
        if filters.language:
            clauses.append(
                "EXISTS (SELECT 1 FROM person_language l WHERE l.person_id = p.id "
                "AND l.language = ? AND l.deleted = 0)"
            )
            params.append(filters.language)
        if filters.need:
            clauses.append(
                "EXISTS (SELECT 1 FROM person_need n WHERE n.person_id = p.id "
                "AND n.tag = ? AND n.deleted = 0)"
            )
            params.append(filters.need)
        return " AND ".join(clauses), params

    def count_persons(self, filters: PersonFilter = PersonFilter()) -> int:
        built = self._filter_sql(filters)
        if built is None:
            return 0
        where, params = built
        return self.conn.execute(f"SELECT count(*) FROM person p WHERE {where}", params).fetchone()[0]

    def list_persons(
        self,
        filters: PersonFilter = PersonFilter(),
        sort: str = "name_latin",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[PersonRow]:
        """One page of the evacuee list."""
        built = self._filter_sql(filters)
        if built is None:
            return []
        where, params = built
        order = SORT_KEYS.get(sort, SORT_KEYS["name_latin"])
        direction = "DESC" if descending else "ASC"
        return self._rows_where(
            where, [*params, limit, offset],
            f"ORDER BY {order} {direction}, p.rowid {direction} LIMIT ? OFFSET ?",
        )

    def search(self, query: str, limit: int = 50) -> list[PersonRow]:
        """Persons matching `query` by any name form, id, card code or phone; best first."""
        params = search_index.best_matches_params(query, limit)
        if params is None:
            return []
        # One query: the best matches are chosen first, so the list columns (languages,
        # needs) are computed for the shown rows only.
        return self._rows_where(
            "1", params, "ORDER BY m.rank",
            source=f"({search_index.BEST_MATCHES_SQL}) m JOIN person p ON p.rowid = m.rowid",
        )

    def _rows_where(
        self, where: str, params: Sequence[object], tail: str = "", source: str = "person p"
    ) -> list[PersonRow]:
        # Languages and needs come in the same query (one round trip per page of rows).
        rows = self.conn.execute(
            "SELECT p.id, coalesce(p.name_latin, ''), coalesce(p.name_native, ''), "
            "coalesce(p.name_kana, ''), coalesce(p.sex, 'unknown'), p.birth_date, p.age_band, "
            "coalesce(p.nationality, ''), p.shelter_id, coalesce(s.name_ja, ''), "
            "coalesce(p.status, ''), coalesce(p.status_at, ''), p.household_id, "
            "(SELECT group_concat(l.language || ' ' || l.level, ',') FROM person_language l "
            " WHERE l.person_id = p.id AND l.deleted = 0), "
            "(SELECT group_concat(n.tag, ',') FROM person_need n "
            " WHERE n.person_id = p.id AND n.deleted = 0) "
            f"FROM {source} LEFT JOIN shelter s ON s.id = p.shelter_id "
            f"WHERE p.deleted = 0 AND {where} {tail}",
            list(params),
        ).fetchall()
        return [
            PersonRow(
                id=r[0], name_latin=r[1], name_native=r[2], name_kana=r[3], sex=r[4],
                age=_age_text(r[5], r[6]), nationality=r[7],
                languages=_sorted_languages(
                    tuple(pair.split(" ", 1)) for pair in r[13].split(",")  # type: ignore[misc]
                ) if r[13] else [],
                needs=sorted(r[14].split(",")) if r[14] else [],
                shelter_id=r[8], shelter_name=r[9], status=r[10], status_at=r[11],
                household_id=r[12],
            )
            for r in rows
        ]

    def find_by_card_code(self, text: str) -> str | None:
        """The person id a scanned or typed card code belongs to, if any."""
        ids = search_index.search_person_ids(self.conn, text, limit=2)
        code = normalise_card_code(text)
        if code is None:
            return None
        for person_id in ids:
            if card_code(person_id) == code:
                return person_id
        return None

    def languages_in_use(self) -> list[str]:
        """Language codes spoken by registered persons, most common first."""
        return [
            row[0]
            for row in self.conn.execute(
                f"SELECT language FROM person_language WHERE deleted = 0 AND {_OF_PRESENT_PERSON} "
                "GROUP BY language ORDER BY count(*) DESC, language"
            )
        ]

    # -- statistics -----------------------------------------------------------------------

    def stats(self) -> dict[str, object]:
        """Totals and counts by shelter, language, nationality, need and status."""
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        present = "p.deleted = 0"

        def grouped(sql: str) -> dict[str, int]:
            return {str(k if k is not None else ""): v for k, v in self.conn.execute(sql)}

        by_shelter: dict[str, int] = {}
        for shelter_id, name, count in self.conn.execute(
            # count(p.rowid), not count(p.id): the rowid is in the index, the id is not.
            "SELECT s.id, coalesce(s.name_ja, '(none)'), count(p.rowid) FROM shelter s "
            f"LEFT JOIN person p ON p.shelter_id = s.id AND {present} AND p.status = 'checked_in' "
            "WHERE s.deleted = 0 GROUP BY s.id ORDER BY count(p.rowid) DESC, s.name_ja, s.id"
        ):
            # Two shelters may share a name (中央公民館 in two towns): keep both counts.
            by_shelter[name if name not in by_shelter else f"{name} ({card_code(shelter_id)})"] = count
        return {
            "totals": {
                "persons": one(f"SELECT count(*) FROM person p WHERE {present}"),
                "checked_in": one(
                    f"SELECT count(*) FROM person p WHERE {present} AND p.status = 'checked_in'"
                ),
                "households": one("SELECT count(*) FROM household WHERE deleted = 0"),
                "shelters": one("SELECT count(*) FROM shelter WHERE deleted = 0"),
                "volunteers": one("SELECT count(*) FROM volunteer WHERE deleted = 0"),
            },
            "by_shelter": by_shelter,
            "by_language": grouped(
                "SELECT language, count(*) FROM person_language "
                f"WHERE deleted = 0 AND {_OF_PRESENT_PERSON} "
                "GROUP BY language ORDER BY count(*) DESC, language"
            ),
            "by_nationality": grouped(
                f"SELECT coalesce(p.nationality, ''), count(*) FROM person p WHERE {present} "
                "GROUP BY 1 ORDER BY count(*) DESC, 1"
            ),
            "by_need": grouped(
                f"SELECT tag, count(*) FROM person_need WHERE deleted = 0 AND {_OF_PRESENT_PERSON} "
                "GROUP BY tag ORDER BY count(*) DESC, tag"
            ),
            "by_status": grouped(
                f"SELECT p.status, count(*) FROM person p WHERE {present} "
                "GROUP BY p.status ORDER BY count(*) DESC, p.status"
            ),
        }

    # -- volunteers -----------------------------------------------------------------------

    def add_volunteer(self, volunteer: VolunteerInput) -> str:
        return self.add_volunteers([volunteer])[0]

    def add_volunteers(self, volunteers: Sequence[VolunteerInput]) -> list[str]:
        changes: list[tuple[str, str, dict[str, object]]] = []
        ids: list[str] = []
        now = utc_now()
        problems = [
            problem
            for number, volunteer in enumerate(volunteers)
            for problem in _prefixed(
                validate_volunteer(volunteer), f"volunteers[{number}]." if len(volunteers) > 1 else ""
            )
        ]
        problems.extend(self._unknown_shelters(volunteers))
        if problems:
            raise ValidationError(problems)
        for volunteer in volunteers:
            volunteer_id = new_id()
            ids.append(volunteer_id)
            changes.extend(self.volunteer_changes(volunteer_id, volunteer, None, now))
        with self._transaction():
            self.oplog.write_many(changes, new=True)
        return ids

    def _unknown_shelters(self, volunteers: Sequence[VolunteerInput]) -> list[FieldProblem]:
        wanted = {shelter for v in volunteers for shelter in v.reach}
        if not wanted:
            return []
        known = {row[0] for row in self.conn.execute("SELECT id FROM shelter WHERE deleted = 0")}
        return [
            FieldProblem("reach", "record.not_found", (("entity", "shelter"), ("record_id", shelter)))
            for shelter in sorted(wanted - known)
        ]

    def volunteer_changes(
        self, volunteer_id: str, volunteer: VolunteerInput, current: VolunteerRow | None,
        now: str | None = None,
    ) -> list[tuple[str, str, dict[str, object]]]:
        """The ops that make the stored volunteer `volunteer_id` equal `volunteer`: only what
        differs from `current` (None for a new volunteer). Does not validate."""
        changes: list[tuple[str, str, dict[str, object]]] = []
        new = _volunteer_fields(volunteer)
        if current is None:
            changes.append(("volunteer", volunteer_id, new | {"created_at": now or utc_now()}))
            changes.extend(self._language_changes("volunteer", volunteer_id, volunteer.languages))
            changes.extend(_shift_changes(volunteer_id, [], volunteer.shifts))
            changes.extend(_reach_changes(volunteer_id, {}, volunteer.reach))
            return changes
        old = _volunteer_fields(current.as_input())
        new.pop("notes")
        old.pop("notes")
        diff = {k: v for k, v in new.items() if old.get(k) != v}
        if diff:
            changes.append(("volunteer", volunteer_id, diff))
        old_languages = dict(current.languages)
        language_ids = self._child_ids("volunteer_language", "volunteer_id", volunteer_id, "language")
        for code, level in volunteer.languages:
            if old_languages.get(code) != level:
                record_id = language_ids.get(code) or child_id(volunteer_id, "language", code)
                changes.append(("volunteer_language", record_id, {
                    "volunteer_id": volunteer_id, "language": code, "level": level,
                    "_deleted": False,
                }))
        for code in old_languages.keys() - dict(volunteer.languages).keys():
            changes.append(("volunteer_language", language_ids[code], {"_deleted": True}))
        changes.extend(_shift_changes(volunteer_id, current.shifts, volunteer.shifts))
        changes.extend(_reach_changes(volunteer_id, current.reach, volunteer.reach))
        return changes

    def update_volunteer(self, volunteer_id: str, volunteer: VolunteerInput) -> None:
        problems = validate_volunteer(volunteer) + self._unknown_shelters([volunteer])
        if problems:
            raise ValidationError(problems)
        current = self.get_volunteer(volunteer_id)
        changes = self.volunteer_changes(volunteer_id, volunteer, current)
        if changes:
            with self._transaction():
                self.oplog.write_many(changes)

    def get_volunteer(self, volunteer_id: str) -> VolunteerRow:
        rows = self._volunteer_rows("AND v.id = ?", (volunteer_id,))
        if not rows:
            raise UserError("record.not_found", entity="volunteer", record_id=volunteer_id)
        return rows[0]

    def list_volunteers(self) -> list[VolunteerRow]:
        return self._volunteer_rows("", ())

    def _volunteer_rows(self, where: str, params: tuple) -> list[VolunteerRow]:
        rows = self.conn.execute(
            "SELECT v.id, coalesce(v.name_latin, ''), coalesce(v.name_native, ''), "
            "coalesce(v.name_kana, ''), coalesce(v.sex, 'unknown'), v.skills, "
            "coalesce(v.phone, ''), coalesce(v.email, ''), coalesce(v.base_area, ''), "
            "coalesce(v.active, 1), coalesce(v.notes, ''), coalesce(v.remote, 0), "
            "coalesce(v.max_per_shift, 2) "
            f"FROM volunteer v WHERE v.deleted = 0 {where} ORDER BY v.name_latin COLLATE NOCASE",
            params,
        ).fetchall()
        ids = [r[0] for r in rows]
        languages = self._languages("volunteer", ids)
        shifts, reach = self.volunteer_availability(ids)
        return [
            VolunteerRow(
                r[0], r[1], r[2], r[3], r[4], languages.get(r[0], []),
                json.loads(r[5]) if r[5] else [], r[6], r[7], r[8], bool(r[9]), r[10],
                shifts.get(r[0], []), reach.get(r[0], {}), bool(r[11]), int(r[12]),
            )
            for r in rows
        ]

    def volunteer_availability(
        self, ids: Sequence[str] | None = None
    ) -> tuple[dict[str, list[tuple[str, str]]], dict[str, dict[str, int]]]:
        """Shifts (in time order) and reach of the given volunteers (all when None)."""
        shifts: dict[str, list[tuple[str, str]]] = defaultdict(list)
        reach: dict[str, dict[str, int]] = defaultdict(dict)
        chunks = [None] if ids is None else [ids[i: i + 500] for i in range(0, len(ids), 500)]
        for chunk in chunks:
            where, params = ("", []) if chunk is None else (
                f"AND volunteer_id IN ({','.join('?' * len(chunk))})", list(chunk))
            for owner, start, end in self.conn.execute(
                "SELECT volunteer_id, start_at, end_at FROM volunteer_shift "
                f"WHERE deleted = 0 AND start_at IS NOT NULL AND end_at IS NOT NULL {where} "
                "ORDER BY start_at, end_at", params,
            ):
                shifts[owner].append((start, end))
            for owner, shelter, minutes in self.conn.execute(
                "SELECT volunteer_id, shelter_id, minutes FROM volunteer_reach "
                f"WHERE deleted = 0 AND shelter_id IS NOT NULL {where}", params,
            ):
                reach[owner][shelter] = int(minutes or 0)
        return shifts, reach


def _volunteer_fields(volunteer: VolunteerInput) -> dict[str, object]:
    return {
        "name_latin": volunteer.name_latin.strip(), "name_native": volunteer.name_native.strip(),
        "name_kana": volunteer.name_kana.strip(), "sex": volunteer.sex,
        "phone": volunteer.phone.strip(), "email": volunteer.email.strip(),
        "base_area": volunteer.base_area.strip(), "skills": sorted(volunteer.skills),
        "active": bool(volunteer.active), "notes": volunteer.notes,
        "remote": bool(volunteer.remote), "max_per_shift": int(volunteer.max_per_shift),
    }


def _shift_changes(
    volunteer_id: str, old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]
) -> list[tuple[str, str, dict[str, object]]]:
    """A shift is identified by its times (editing one deletes it and adds another), so the
    same shift entered on two devices becomes one record."""
    before = {(to_utc_text(a), to_utc_text(b)) for a, b in old}
    after = {(to_utc_text(a), to_utc_text(b)) for a, b in new}
    changes: list[tuple[str, str, dict[str, object]]] = []
    for start, end in sorted(after - before):
        changes.append(("volunteer_shift", child_id(volunteer_id, "shift", f"{start}/{end}"), {
            "volunteer_id": volunteer_id, "start_at": start, "end_at": end, "_deleted": False,
        }))
    for start, end in sorted(before - after):
        changes.append(("volunteer_shift", child_id(volunteer_id, "shift", f"{start}/{end}"),
                        {"_deleted": True}))
    return changes


def _reach_changes(
    volunteer_id: str, old: dict[str, int], new: dict[str, int]
) -> list[tuple[str, str, dict[str, object]]]:
    changes: list[tuple[str, str, dict[str, object]]] = []
    for shelter_id, minutes in sorted(new.items()):
        if old.get(shelter_id) != minutes:
            changes.append(("volunteer_reach", child_id(volunteer_id, "reach", shelter_id), {
                "volunteer_id": volunteer_id, "shelter_id": shelter_id, "minutes": int(minutes),
                "_deleted": False,
            }))
    for shelter_id in sorted(old.keys() - new.keys()):
        changes.append(("volunteer_reach", child_id(volunteer_id, "reach", shelter_id),
                        {"_deleted": True}))
    return changes


_LEVEL_ORDER = {level: number for number, level in enumerate(LANGUAGE_LEVELS)}


def _sorted_languages(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Best-spoken first (native, fluent, …), then by code."""
    return sorted(pairs, key=lambda pair: (_LEVEL_ORDER.get(pair[1], 9), pair[0]))


def _age_text(birth_date: str | None, age_band: str | None) -> str:
    if birth_date:
        try:
            born = date.fromisoformat(birth_date)
        except ValueError:
            return age_band or ""
        today = date.today()
        return str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))
    return age_band or ""

