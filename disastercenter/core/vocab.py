"""Controlled vocabularies shared by every layer: need tags, levels, statuses.

Values are stable identifiers stored in the database and in sync bundles; labels live in the
phrasebooks (`vocab.<kind>.<value>`), never here.
"""

from __future__ import annotations

LANGUAGE_LEVELS: tuple[str, ...] = ("native", "fluent", "conversational", "basic")
JAPANESE_LEVELS: tuple[str, ...] = ("none", "basic", "conversational", "fluent", "native")
SEXES: tuple[str, ...] = ("female", "male", "other", "unknown")
AGE_BANDS: tuple[str, ...] = ("0-5", "6-12", "13-17", "18-39", "40-64", "65+")

#: Person status; every change is also kept as a status event (history).
STATUSES: tuple[str, ...] = ("checked_in", "left", "transferred", "in_hospital")

NEED_TAGS: tuple[str, ...] = (
    "medical",
    "medication",
    "allergy",
    "diet_halal",
    "diet_vegetarian",
    "diet_vegan",
    "diet_no_pork",
    "diet_no_beef",
    "diet_no_alcohol",
    "prayer_space",
    "pregnancy",
    "infant",
    "disability",
    "mobility",
    "elderly",
    "mental_health",
    "lost_documents",
    "embassy_contact",
    "family_contact",
)

#: The 8 allergens whose labelling is mandatory in Japan, then other common ones.
MANDATORY_ALLERGENS: tuple[str, ...] = (
    "egg", "milk", "wheat", "buckwheat", "peanut", "shrimp", "crab", "walnut",
)
ALLERGENS: tuple[str, ...] = MANDATORY_ALLERGENS + ("sesame", "soy", "fish", "other")

#: Medical details are sensitive personal information (APPI 要配慮個人情報).
SENSITIVE_NEED_TAGS: frozenset[str] = frozenset(
    {"medical", "medication", "allergy", "pregnancy", "disability", "mental_health"}
)

CONSENT_BASES: tuple[str, ...] = ("consent", "emergency", "none")
CONSENT_SCOPES: tuple[str, ...] = (
    "municipality", "support_center", "embassy", "family", "medical_staff",
)

#: Why a household came to the shelter (an item of the paper registration card). Labels are
#: the evacuee's own words, the phrases `reception.reason.<value>`.
SHELTER_REASONS: tuple[str, ...] = (
    "house_damaged", "no_water", "no_electricity", "no_gas", "afraid_of_aftershocks",
    "evacuation_order", "danger_nearby", "afraid_alone", "traveller", "other",
)

#: Whether the person wants their embassy contacted; "" when the question was not answered.
#: "yes" also sets the need tag "embassy_contact", "no" clears it (see `effective_needs`).
EMBASSY_CONTACT_ANSWERS: tuple[str, ...] = ("yes", "no", "dont_know")

VOLUNTEER_SKILLS: tuple[str, ...] = ("medical", "legal", "sign_language", "children")

# -- interpretation requests (matching) ---------------------------------------------------------

URGENCIES: tuple[str, ...] = ("critical", "high", "normal", "low")
REQUEST_KINDS: tuple[str, ...] = (
    "medical", "registration", "consultation", "procedures", "notice_translation", "phone_video",
)
#: Where the interpreter is needed; `remote` means by phone or video.
REQUEST_PLACES: tuple[str, ...] = ("shelter", "hospital", "office", "remote")
#: A skill that helps with a kind of request without being required (a soft preference).
RELATED_SKILL: dict[str, str] = {"medical": "medical", "procedures": "legal"}
#: Request lifecycle; every change is also kept as a request event (history).
REQUEST_STATUSES: tuple[str, ...] = ("open", "proposed", "assigned", "done", "cancelled", "unmet")
#: Assignment lifecycle: a proposal is confirmed or rejected (or withdrawn by a later run).
ASSIGNMENT_STATUSES: tuple[str, ...] = (
    "proposed", "confirmed", "rejected", "withdrawn", "done", "cancelled",
)
ASSIGNMENT_MODES: tuple[str, ...] = ("in_person", "remote")


def age_band_for(age_years: int) -> str:
    """The age band an age in whole years falls into."""
    if age_years < 0:
        raise ValueError("age cannot be negative")
    for band, upper in (("0-5", 5), ("6-12", 12), ("13-17", 17), ("18-39", 39), ("40-64", 64)):
        if age_years <= upper:
            return band
    return "65+"
