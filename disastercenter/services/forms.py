"""Turning filled-in registration forms into registrations, with every problem reported.

The staff dialog and the self-registration kiosk both go through here: check the values, build
a draft, and save it with `save_registration` (one transaction).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from disastercenter.content.forms import FormDefinition
from disastercenter.core.people import (
    FieldProblem,
    HouseholdDetails,
    Need,
    PersonInput,
    validate_household,
    validate_person,
)
from disastercenter.services.registry import HouseholdRegistration, Registry

#: Need tags a form asks with a question of their own (field id -> need tag): the needs editor
#: hides them and the registry derives them from the answer (core.people.effective_needs).
NEEDS_ASKED_BY_FIELD: dict[str, str] = {"embassy_contact": "embassy_contact"}


@dataclass
class RegistrationDraft:
    shelter_id: str
    details: HouseholdDetails
    members: list[PersonInput]
    head_index: int

    @property
    def notes(self) -> str:
        return self.details.notes


def _problem(field_id: str, key: str, params: Mapping[str, object]) -> FieldProblem:
    return FieldProblem(field_id, key, tuple(sorted(params.items())))


def person_from_values(values: Mapping[str, object]) -> PersonInput:
    """A PersonInput from form values keyed by field id (missing fields take defaults)."""
    needs = values.get("needs") or []
    return PersonInput(
        name_latin=str(values.get("name_latin") or ""),
        name_native=str(values.get("name_native") or ""),
        name_kana=str(values.get("name_kana") or ""),
        sex=str(values.get("sex") or "unknown"),
        birth_date=str(values["birth_date"]) if values.get("birth_date") else None,
        age_band=str(values["age_band"]) if values.get("age_band") else None,
        nationality=str(values["nationality"]).upper() if values.get("nationality") else None,
        languages=[(str(c), str(l)) for c, l in (values.get("languages") or [])],
        japanese_level=str(values.get("japanese_level") or "none"),
        easy_japanese=bool(values.get("easy_japanese")),
        needs=[n if isinstance(n, Need) else Need(**n) for n in needs],  # type: ignore[arg-type]
        phone=str(values.get("phone") or ""),
        messaging_id=str(values.get("messaging_id") or ""),
        consent_basis=str(values.get("consent_basis") or "none"),
        consent_scopes=[str(s) for s in (values.get("consent_scopes") or [])],
        notes=str(values.get("notes") or ""),
        embassy_contact=str(values.get("embassy_contact") or ""),
    )


def household_from_values(values: Mapping[str, object]) -> HouseholdDetails:
    return HouseholdDetails(
        notes=str(values.get("household_notes") or ""),
        reasons=[str(r) for r in (values.get("reasons") or [])],
        reason_other=str(values.get("reason_other") or ""),
    )


def check_member(form: FormDefinition, values: Mapping[str, object]) -> list[FieldProblem]:
    """Problems with one member's values: the form's own rules, then the domain rules.

    Only the first problem of each field is kept, so each field shows one clear message.
    """
    problems: list[FieldProblem] = []
    for form_field in form.fields("member"):
        found = form_field.check(values.get(form_field.id))
        if found:
            problems.append(_problem(form_field.id, found[0], found[1]))
    problems.extend(validate_person(person_from_values(values)))
    first: dict[str, FieldProblem] = {}
    for problem in problems:
        first.setdefault(problem.field, problem)
    return list(first.values())


def check_registration(
    form: FormDefinition,
    household: Mapping[str, object],
    members: Sequence[Mapping[str, object]],
) -> tuple[list[FieldProblem], list[list[FieldProblem]]]:
    """Problems of the household part and of each member, in order."""
    household_problems: list[FieldProblem] = []
    for form_field in form.fields("household"):
        found = form_field.check(household.get(form_field.id))
        if found:
            household_problems.append(_problem(form_field.id, found[0], found[1]))
    reported = {p.field for p in household_problems}
    household_problems.extend(
        p for p in validate_household(household_from_values(household)) if p.field not in reported
    )
    if not members:
        household_problems.append(FieldProblem("members", "validation.head_missing"))
    return household_problems, [check_member(form, m) for m in members]


def draft_from_values(
    household: Mapping[str, object], members: Sequence[Mapping[str, object]], head_index: int = 0
) -> RegistrationDraft:
    return RegistrationDraft(
        shelter_id=str(household.get("shelter_id") or ""),
        details=household_from_values(household),
        members=[person_from_values(m) for m in members],
        head_index=head_index,
    )


def save_registration(registry: Registry, draft: RegistrationDraft) -> HouseholdRegistration:
    """Register the drafted household in one transaction (raises ValidationError, UserError)."""
    return registry.register_households(
        [(draft.shelter_id, draft.members, draft.head_index, draft.details)]
    )[0]
