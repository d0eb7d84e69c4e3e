"""Interpretation requests: the plain record a coordinator fills in, and its rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from disastercenter.core.languages import LANGUAGES, fallback_chain
from disastercenter.core.people import FieldProblem, check_windows
from disastercenter.core.times import parse_time
from disastercenter.core.vocab import (
    JAPANESE_LEVELS,
    LANGUAGE_LEVELS,
    REQUEST_KINDS,
    REQUEST_PLACES,
    URGENCIES,
    VOLUNTEER_SKILLS,
)

MAX_REQUEST_HOURS = 24


@dataclass
class RequestInput:
    """What a coordinator enters to ask for an interpreter.

    `languages` are the languages the person understands, best first: the first is the one
    to match exactly, the others are acceptable fallbacks (e.g. Nepali, Hindi, English).
    Times are text; without an offset they are Japan time.
    """

    languages: list[str] = field(default_factory=list)
    kind: str = "consultation"
    urgency: str = "normal"
    start_at: str = ""
    end_at: str = ""
    place: str = "shelter"
    place_detail: str = ""  # hospital name, address, phone number to call ...
    shelter_id: str | None = None
    person_id: str | None = None
    household_id: str | None = None
    remote_ok: bool = False
    skill: str | None = None
    same_gender: bool = False
    contact: str = ""
    notes: str = ""


def _problem(field_name: str, key: str, **params: object) -> FieldProblem:
    return FieldProblem(field_name, key, tuple(sorted(params.items())))


def validate_request(request: RequestInput) -> list[FieldProblem]:
    """Every problem with `request`, or an empty list."""
    problems: list[FieldProblem] = []
    if not request.languages:
        problems.append(_problem("languages", "request.languages_required"))
    seen: set[str] = set()
    for code in request.languages:
        if code not in LANGUAGES:
            problems.append(_problem("languages", "validation.unknown_language", value=code))
        elif code in seen:
            problems.append(_problem("languages", "validation.duplicate_language", value=code))
        seen.add(code)
    for name, value, allowed in (
        ("kind", request.kind, REQUEST_KINDS),
        ("urgency", request.urgency, URGENCIES),
        ("place", request.place, REQUEST_PLACES),
    ):
        if value not in allowed:
            problems.append(_problem(name, "validation.choice", value=value))
    if request.skill is not None and request.skill not in VOLUNTEER_SKILLS:
        problems.append(_problem("skill", "validation.choice", value=request.skill))
    if not request.start_at.strip():
        problems.append(_problem("start_at", "validation.required"))
    if not request.end_at.strip():
        problems.append(_problem("end_at", "validation.required"))
    if request.start_at.strip() and request.end_at.strip():
        window = check_windows([(request.start_at, request.end_at)], "end_at")
        problems.extend(window)
        if not window:
            hours = (parse_time(request.end_at) - parse_time(request.start_at)).total_seconds() / 3600
            if hours > MAX_REQUEST_HOURS:
                problems.append(_problem("end_at", "validation.range", low=0, high=f"{MAX_REQUEST_HOURS} h"))
    return problems


_LEVEL_ORDER = {level: rank for rank, level in enumerate(LANGUAGE_LEVELS)}


def default_languages(
    spoken: Sequence[tuple[str, str]], easy_japanese: bool = False, japanese_level: str = "none"
) -> list[str]:
    """The languages to ask an interpreter for, best first, from what the person speaks.

    The person's best-spoken non-Japanese language comes first, then the languages of its
    fallback chain that the person also speaks (Nepali -> Hindi -> English), then the other
    languages they speak, and Easy Japanese last when they understand it.
    """
    ranked = sorted(
        ((code, level) for code, level in spoken if code in LANGUAGES and code not in ("ja", "ja-x-easy")),
        key=lambda pair: (_LEVEL_ORDER.get(pair[1], 9), pair[0]),
    )
    if not ranked:
        understands_easy = easy_japanese or any(code == "ja-x-easy" for code, _ in spoken)
        return ["ja-x-easy"] if understands_easy else []
    known = {code for code, _ in ranked}
    out: list[str] = []
    for code in fallback_chain(ranked[0][0]):
        if code in known and code not in out:
            out.append(code)
    out.extend(code for code, _ in ranked if code not in out)
    basic_japanese = JAPANESE_LEVELS.index(japanese_level) >= JAPANESE_LEVELS.index("basic") \
        if japanese_level in JAPANESE_LEVELS else False
    if easy_japanese or any(code == "ja-x-easy" for code, _ in spoken) or basic_japanese:
        out.append("ja-x-easy")
    return out
