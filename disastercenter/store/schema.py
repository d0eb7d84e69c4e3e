"""The synced entities: which table holds each, and the kind of every field.

Each entity is a table of current state with one column per field, rebuilt from the winning
field values of the op-log. Every field is nullable because ops may arrive in any order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

#: Field kinds: how a JSON op value maps to a column value.
TEXT, INT, BOOL, JSON, REF = "text", "int", "bool", "json", "ref"
DELETED = "_deleted"


@dataclass(frozen=True)
class Entity:
    name: str
    table: str
    fields: dict[str, str]


def _entity(name: str, table: str, **fields: str) -> Entity:
    return Entity(name, table, fields)


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        _entity(
            "shelter", "shelter",
            name_ja=TEXT, name_en=TEXT, address=TEXT, capacity=INT, is_open=BOOL,
            notes=TEXT, created_at=TEXT,
        ),
        _entity(
            "household", "household",
            shelter_id=REF, head_id=REF, notes=TEXT, created_at=TEXT,
            reasons=JSON, reason_other=TEXT,
        ),
        _entity(
            "person", "person",
            household_id=REF, shelter_id=REF, name_latin=TEXT, name_native=TEXT, name_kana=TEXT,
            sex=TEXT, birth_date=TEXT, age_band=TEXT, nationality=TEXT, japanese_level=TEXT,
            easy_japanese=BOOL, phone=TEXT, messaging_id=TEXT, status=TEXT, status_at=TEXT,
            consent_basis=TEXT, consent_scopes=JSON, consent_at=TEXT, notes=TEXT, created_at=TEXT,
            embassy_contact=TEXT,
        ),
        _entity("person_language", "person_language", person_id=REF, language=TEXT, level=TEXT),
        _entity("person_need", "person_need", person_id=REF, tag=TEXT, detail=TEXT, items=JSON),
        _entity(
            "status_event", "status_event",
            person_id=REF, status=TEXT, at=TEXT, shelter_id=REF, to_shelter_id=REF, note=TEXT,
        ),
        _entity(
            "volunteer", "volunteer",
            name_latin=TEXT, name_native=TEXT, name_kana=TEXT, sex=TEXT, phone=TEXT, email=TEXT,
            base_area=TEXT, skills=JSON, active=BOOL, notes=TEXT, created_at=TEXT,
            remote=BOOL, max_per_shift=INT,
        ),
        _entity(
            "volunteer_language", "volunteer_language",
            volunteer_id=REF, language=TEXT, level=TEXT,
        ),
        # Phrases a center writes during an operation (services.phrasebook): the catalogue
        # fields of one phrase, and its translations, one record per language.
        _entity(
            "user_phrase", "user_phrase",
            key=TEXT, category=TEXT, pictogram=TEXT, ja=TEXT, ja_easy=TEXT, en=TEXT,
            placeholders=JSON, note=TEXT, status=TEXT, reviewer=TEXT, reviewed_on=TEXT,
            created_at=TEXT,
        ),
        _entity(
            "user_phrase_text", "user_phrase_text",
            phrase_id=REF, language=TEXT, text=TEXT, status=TEXT, reviewer=TEXT, reviewed_on=TEXT,
        ),
        # Matching (migration 0005): availability, reach, requests, their history, assignments.
        _entity(
            "volunteer_shift", "volunteer_shift",
            volunteer_id=REF, start_at=TEXT, end_at=TEXT, note=TEXT,
        ),
        _entity(
            "volunteer_reach", "volunteer_reach",
            volunteer_id=REF, shelter_id=REF, minutes=INT,
        ),
        _entity(
            "interp_request", "interp_request",
            person_id=REF, household_id=REF, shelter_id=REF, languages=JSON, kind=TEXT,
            urgency=TEXT, start_at=TEXT, end_at=TEXT, place=TEXT, place_detail=TEXT,
            remote_ok=BOOL, skill=TEXT, same_gender=BOOL, gender=TEXT, contact=TEXT, notes=TEXT,
            status=TEXT, status_at=TEXT, status_by=TEXT, created_at=TEXT, created_by=TEXT,
            explanation=JSON,
        ),
        _entity(
            "request_event", "request_event",
            request_id=REF, status=TEXT, at=TEXT, by=TEXT, note=TEXT, assignment_id=REF,
            volunteer_id=REF,
        ),
        _entity(
            "assignment", "assignment",
            request_id=REF, volunteer_id=REF, status=TEXT, locked=BOOL, mode=TEXT, language=TEXT,
            explanation=JSON, created_at=TEXT, created_by=TEXT, status_at=TEXT, status_by=TEXT,
        ),
        # A person's decision about two person records: "same" person or "different" people.
        # The id is derived from the pair (services.duplicates.link_id), so decisions taken at
        # two places about the same pair are edits of one record and meet as a conflict.
        _entity(
            "person_link", "person_link",
            person_a=REF, person_b=REF, decision=TEXT, decided_at=TEXT, note=TEXT,
        ),
    )
}


_CANONICAL_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


_ENCODE_STRING = json.encoder.encode_basestring  # type: ignore[attr-defined]


def encode_value(value: object) -> str:
    """The canonical JSON text of an op value (stable, so equal values compare equal)."""
    kind = type(value)
    if kind is str:
        return _ENCODE_STRING(value)  # what the encoder does for a str, without its set-up
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    return _CANONICAL_JSON.encode(value)


def column_of(kind: str, value: object, value_json: str) -> object:
    """The SQL column value for `value` (whose canonical JSON text is `value_json`)."""
    if value is None:
        return None
    if kind == JSON:
        return value_json
    if kind == BOOL:
        return int(bool(value))
    return value


def column_value(kind: str, value_json: str) -> object:
    """The SQL column value for a field of `kind` holding the JSON text `value_json`."""
    return column_of(kind, json.loads(value_json), value_json)


def check_value(entity: str, field: str, value: object) -> str | None:
    """Why `value` cannot be stored in `entity.field`, or None when it can."""
    kind = FIELD_KINDS.get((entity, field))
    if kind is None:
        if entity not in ENTITIES:
            return f"unknown entity {entity!r}"
        return f"unknown field {entity}.{field}"
    if field == DELETED:
        return None if isinstance(value, bool) else "delete flag must be true or false"
    if value is None or KIND_CHECKS[kind](value):
        return None
    return f"{entity}.{field} expects {kind}, got {type(value).__name__}"


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def is_record_id(text: str) -> bool:
    """Record ids are UUIDs in canonical text (references are compared as text)."""
    return _CANONICAL_UUID.match(text) is not None


#: (entity, field) -> kind, for every field including the delete flag.
FIELD_KINDS: dict[tuple[str, str], str] = {
    (name, field): kind for name, spec in ENTITIES.items()
    for field, kind in (*spec.fields.items(), (DELETED, BOOL))
}

KIND_CHECKS: dict[str, Callable[[object], bool]] = {
    TEXT: lambda v: isinstance(v, str),
    REF: lambda v: isinstance(v, str) and is_record_id(v),
    INT: lambda v: isinstance(v, int) and not isinstance(v, bool),
    BOOL: lambda v: isinstance(v, bool),
    JSON: lambda v: isinstance(v, (list, dict, str, int, float, bool)),
}
