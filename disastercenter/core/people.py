"""Plain records for shelters, persons and volunteers, and the rules that validate them.

Validation returns every problem at once as `FieldProblem`s (field, message key, params), so a
form can show each message next to its field and the command line can list them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from disastercenter.core.languages import LANGUAGES
from disastercenter.core.times import parse_time
from disastercenter.core.vocab import (
    AGE_BANDS,
    ALLERGENS,
    CONSENT_BASES,
    CONSENT_SCOPES,
    EMBASSY_CONTACT_ANSWERS,
    JAPANESE_LEVELS,
    LANGUAGE_LEVELS,
    NEED_TAGS,
    SEXES,
    SHELTER_REASONS,
    STATUSES,
    VOLUNTEER_SKILLS,
)

_PHONE = re.compile(r"^\+?[0-9０-９()\-‐ー－\s]{6,24}$")
_NATIONALITY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class FieldProblem:
    """One invalid value: which field, a message key and params.

    Keys of `PERSON_MESSAGES` are phrases of the catalogue (the kiosk shows them in the
    evacuee's language); the others are in core.errors.MESSAGES (staff screens, ja/en).
    """

    field: str
    key: str
    params: tuple[tuple[str, object], ...] = ()


@dataclass
class Need:
    tag: str
    detail: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class PersonInput:
    name_latin: str = ""
    name_native: str = ""
    name_kana: str = ""
    sex: str = "unknown"
    birth_date: str | None = None
    age_band: str | None = None
    nationality: str | None = None
    languages: list[tuple[str, str]] = field(default_factory=list)
    japanese_level: str = "none"
    easy_japanese: bool = False
    needs: list[Need] = field(default_factory=list)
    phone: str = ""
    messaging_id: str = ""
    consent_basis: str = "none"
    consent_scopes: list[str] = field(default_factory=list)
    notes: str = ""
    embassy_contact: str = ""  # one of EMBASSY_CONTACT_ANSWERS, or "" (not asked)


@dataclass
class HouseholdDetails:
    """What is asked once per household besides its members and shelter."""

    notes: str = ""
    reasons: list[str] = field(default_factory=list)  # SHELTER_REASONS
    reason_other: str = ""


#: The messages `validate_person` and `validate_household` give, with the parameters each is
#: filled with. They are phrase keys (phrasebooks/catalog.toml), so a form shows them in all
#: languages; a form names the rule sets it runs (`rules = ["household", "person"]`) and
#: `content check` makes sure each message exists with exactly these placeholders.
PERSON_MESSAGES: dict[str, frozenset[str]] = {
    "validation.name_required": frozenset(),
    "validation.choice": frozenset({"value"}),
    "validation.date": frozenset({"value"}),
    "validation.future_date": frozenset(),
    "validation.too_old": frozenset(),
    "validation.nationality": frozenset({"value"}),
    "validation.unknown_language": frozenset({"value"}),
    "validation.duplicate_language": frozenset({"value"}),
    "validation.phone": frozenset({"value"}),
    "validation.scopes_without_consent": frozenset(),
}
HOUSEHOLD_MESSAGES: dict[str, frozenset[str]] = {
    "validation.choice": frozenset({"value"}),
    "validation.reason_other_missing": frozenset(),
    "validation.head_missing": frozenset(),
}
RULE_MESSAGES: dict[str, dict[str, frozenset[str]]] = {
    "person": PERSON_MESSAGES,
    "household": HOUSEHOLD_MESSAGES,
}


@dataclass
class ShelterInput:
    name_ja: str
    name_en: str = ""
    address: str = ""
    capacity: int = 0
    is_open: bool = True
    notes: str = ""


@dataclass
class VolunteerInput:
    name_latin: str = ""
    name_native: str = ""
    name_kana: str = ""
    sex: str = "unknown"
    languages: list[tuple[str, str]] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    phone: str = ""
    email: str = ""
    base_area: str = ""
    active: bool = True
    notes: str = ""
    #: Availability windows (shifts) as (start, end) time text; Japan time when no offset.
    shifts: list[tuple[str, str]] = field(default_factory=list)
    #: Shelters the volunteer can go to: shelter id -> travel minutes (0: based there).
    reach: dict[str, int] = field(default_factory=dict)
    remote: bool = False  # can interpret by phone or video
    max_per_shift: int = 2


MAX_PER_SHIFT = 20
MAX_TRAVEL_MINUTES = 24 * 60


def _problem(field_name: str, key: str, **params: object) -> FieldProblem:
    return FieldProblem(field_name, key, tuple(sorted(params.items())))


def _check_languages(
    languages: list[tuple[str, str]], problems: list[FieldProblem]
) -> None:
    seen: set[str] = set()
    for code, level in languages:
        if code not in LANGUAGES:
            problems.append(_problem("languages", "validation.unknown_language", value=code))
        elif code in seen:
            problems.append(_problem("languages", "validation.duplicate_language", value=code))
        if level not in LANGUAGE_LEVELS:
            problems.append(_problem("languages", "validation.choice", value=level))
        seen.add(code)


def validate_person(person: PersonInput, today: date | None = None) -> list[FieldProblem]:
    """Every problem with `person`, or an empty list."""
    today = today or date.today()
    problems: list[FieldProblem] = []
    if not (person.name_latin.strip() or person.name_native.strip() or person.name_kana.strip()):
        problems.append(_problem("name_latin", "validation.name_required"))
    if person.sex not in SEXES:
        problems.append(_problem("sex", "validation.choice", value=person.sex))
    if person.birth_date:
        try:
            born = date.fromisoformat(person.birth_date)
        except ValueError:
            problems.append(_problem("birth_date", "validation.date", value=person.birth_date))
        else:
            if born > today:
                problems.append(_problem("birth_date", "validation.future_date"))
            elif today.year - born.year > 125:
                problems.append(_problem("birth_date", "validation.too_old"))
    if person.age_band is not None and person.age_band not in AGE_BANDS:
        problems.append(_problem("age_band", "validation.choice", value=person.age_band))
    if person.nationality and not _NATIONALITY.match(person.nationality):
        problems.append(_problem("nationality", "validation.nationality", value=person.nationality))
    _check_languages(person.languages, problems)
    if person.japanese_level not in JAPANESE_LEVELS:
        problems.append(_problem("japanese_level", "validation.choice", value=person.japanese_level))
    for need in person.needs:
        if need.tag not in NEED_TAGS:
            problems.append(_problem("needs", "validation.choice", value=need.tag))
        for item in need.items:
            if item not in ALLERGENS:
                problems.append(_problem("needs", "validation.choice", value=item))
    if person.phone.strip() and not _PHONE.match(person.phone.strip()):
        problems.append(_problem("phone", "validation.phone", value=person.phone))
    if person.consent_basis not in CONSENT_BASES:
        problems.append(_problem("consent_basis", "validation.choice", value=person.consent_basis))
    for scope in person.consent_scopes:
        if scope not in CONSENT_SCOPES:
            problems.append(_problem("consent_scopes", "validation.choice", value=scope))
    if person.consent_scopes and person.consent_basis != "consent":
        problems.append(_problem("consent_scopes", "validation.scopes_without_consent"))
    if person.embassy_contact and person.embassy_contact not in EMBASSY_CONTACT_ANSWERS:
        problems.append(_problem("embassy_contact", "validation.choice", value=person.embassy_contact))
    return problems


def validate_household(household: HouseholdDetails) -> list[FieldProblem]:
    """Every problem with the household's own answers, or an empty list."""
    problems = [
        _problem("reasons", "validation.choice", value=reason)
        for reason in household.reasons
        if reason not in SHELTER_REASONS
    ]
    if "other" in household.reasons and not household.reason_other.strip():
        problems.append(_problem("reason_other", "validation.reason_other_missing"))
    return problems


def effective_needs(person: PersonInput) -> list[Need]:
    """The person's needs with the embassy answer applied: "yes" adds the need tag
    `embassy_contact` (so lists and matching see it), "no" removes it, no answer keeps it."""
    needs = [n for n in person.needs if n.tag != "embassy_contact"]
    wanted = any(n.tag == "embassy_contact" for n in person.needs)
    if person.embassy_contact == "yes" or (wanted and person.embassy_contact != "no"):
        kept = next((n for n in person.needs if n.tag == "embassy_contact"), Need("embassy_contact"))
        needs.append(kept)
    return needs


def validate_shelter(shelter: ShelterInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not shelter.name_ja.strip():
        problems.append(_problem("name_ja", "validation.required"))
    if shelter.capacity < 0 or shelter.capacity > 100_000:
        problems.append(_problem("capacity", "validation.range", low=0, high=100_000))
    return problems


def validate_volunteer(volunteer: VolunteerInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not (volunteer.name_latin.strip() or volunteer.name_native.strip()):
        problems.append(_problem("name_latin", "validation.name_required"))
    if volunteer.sex not in SEXES:
        problems.append(_problem("sex", "validation.choice", value=volunteer.sex))
    _check_languages(volunteer.languages, problems)
    for skill in volunteer.skills:
        if skill not in VOLUNTEER_SKILLS:
            problems.append(_problem("skills", "validation.choice", value=skill))
    if volunteer.phone.strip() and not _PHONE.match(volunteer.phone.strip()):
        problems.append(_problem("phone", "validation.phone", value=volunteer.phone))
    problems.extend(check_windows(volunteer.shifts, "shifts"))
    if not 0 <= volunteer.max_per_shift <= MAX_PER_SHIFT:
        problems.append(_problem("max_per_shift", "validation.range", low=0, high=MAX_PER_SHIFT))
    for minutes in volunteer.reach.values():
        if not 0 <= minutes <= MAX_TRAVEL_MINUTES:
            problems.append(_problem("reach", "validation.range", low=0, high=MAX_TRAVEL_MINUTES))
    return problems


def check_windows(windows: list[tuple[str, str]], field_name: str) -> list[FieldProblem]:
    """Problems of time windows: unreadable, ending before they start, or overlapping."""
    problems: list[FieldProblem] = []
    parsed = []
    for start, end in windows:
        try:
            a, b = parse_time(start), parse_time(end)
        except ValueError:
            bad = start if not _is_time(start) else end
            problems.append(_problem(field_name, "validation.time", value=bad))
            continue
        if b <= a:
            problems.append(_problem(field_name, "validation.window_order", start=start, end=end))
            continue
        parsed.append((a, b, start, end))
    parsed.sort()
    for (a1, b1, s1, e1), (a2, b2, s2, e2) in zip(parsed, parsed[1:]):
        if a2 < b1:
            problems.append(_problem(field_name, "validation.windows_overlap", first=f"{s1}–{e1}",
                                     second=f"{s2}–{e2}"))
    return problems


def _is_time(text: str) -> bool:
    try:
        parse_time(text)
    except ValueError:
        return False
    return True


def validate_status(status: str) -> list[FieldProblem]:
    return [] if status in STATUSES else [_problem("status", "validation.choice", value=status)]
