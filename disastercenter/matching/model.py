"""The plain records the matching engine works on, and the plan it returns.

Times are whole minutes since the Unix epoch (UTC): cheap to compare for thousands of
requests, and exact for the minute-granular times people enter. The service layer converts
stored ISO 8601 text to and from these numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

#: What covering one request is worth. Doubling per step: one critical request outweighs
#: a high and a normal one together, so the most urgent are served first when supply is short.
URGENCY_WEIGHT: Mapping[str, int] = {"critical": 8, "high": 4, "normal": 2, "low": 1}

IN_PERSON, REMOTE = "in_person", "remote"

DEFAULT_TIME_LIMIT = 30.0  # seconds for the exact search of components with overlaps

LEVEL_RANK: Mapping[str, int] = {"native": 0, "fluent": 1, "conversational": 2, "basic": 3}


@dataclass(frozen=True, slots=True)
class Window:
    """A half-open time interval [start, end) in minutes since the epoch (UTC)."""

    start: int
    end: int

    def contains(self, other: Window) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Window) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Volunteer:
    """An interpreter as the engine sees them."""

    id: str
    name: str
    sex: str = "unknown"
    languages: Mapping[str, str] = field(default_factory=dict)  # code -> level
    skills: frozenset[str] = frozenset()
    shifts: tuple[Window, ...] = ()  # availability windows; each is one shift
    reach: Mapping[str, int] = field(default_factory=dict)  # shelter id -> travel minutes
    remote: bool = False  # can interpret by phone or video
    max_per_shift: int = 2
    active: bool = True


@dataclass(frozen=True)
class Request:
    """A need for an interpreter.

    `languages` are the languages the person understands, best first: the first is the exact
    match, the rest are acceptable fallbacks. `shelter_id` locates the request (the shelter it
    happens at, or the person's shelter for a hospital visit); `place` says whether someone
    must be there (`shelter`, `hospital`, `office`) or it happens by phone/video (`remote`).
    """

    id: str
    languages: tuple[str, ...]
    window: Window
    urgency: str = "normal"
    kind: str = "consultation"
    place: str = "shelter"
    shelter_id: str | None = None
    remote_ok: bool = False  # an in-person request may fall back to phone/video
    skill: str | None = None  # required skill
    gender: str | None = None  # required interpreter sex (same-gender requests)
    person_id: str | None = None
    label: str = ""  # how explanations name the request (person's short name)
    order: int = 0  # first-come order (creation time), for the greedy baseline and ties
    served_by: frozenset[str] = frozenset()  # volunteers who helped this person before

    @property
    def weight(self) -> int:
        return URGENCY_WEIGHT.get(self.urgency, URGENCY_WEIGHT["normal"])

    @property
    def in_person(self) -> bool:
        return self.place != "remote"


@dataclass(frozen=True)
class Fixed:
    """An assignment the coordinator confirmed or locked: kept as it is when re-running."""

    request_id: str
    volunteer_id: str
    mode: str = IN_PERSON
    assignment_id: str | None = None


@dataclass(frozen=True)
class Reason:
    """A structured explanation: a code and its parameters, rendered by `explain`."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def get(self, name: str, default: object = None) -> object:
        return dict(self.params).get(name, default)


def reason(code: str, **params: object) -> Reason:
    return Reason(code, tuple(sorted(params.items())))


@dataclass(frozen=True)
class Proposal:
    """One request given to one volunteer, with what the choice rests on."""

    request_id: str
    volunteer_id: str
    mode: str
    language: str
    language_rank: int  # 0: the person's first language; 1+: a fallback
    level: str
    skill: str | None  # the required or related skill the volunteer brings
    same_shelter: bool
    travel_minutes: int | None  # None: remote, or no travel time known
    continuity: bool
    load: int  # this volunteer's n-th assignment in the shift (1-based)
    fixed: bool = False  # kept from a confirmed or locked assignment
    assignment_id: str | None = None


@dataclass(frozen=True)
class Unmet:
    request_id: str
    reasons: tuple[Reason, ...]


@dataclass
class PlanStats:
    requests: int = 0
    assigned: int = 0
    weight_total: int = 0
    weight_assigned: int = 0
    unmet_by_language: dict[str, int] = field(default_factory=dict)

    @property
    def coverage(self) -> float:
        return self.assigned / self.requests if self.requests else 1.0

    @property
    def weighted_coverage(self) -> float:
        return self.weight_assigned / self.weight_total if self.weight_total else 1.0


@dataclass
class Plan:
    """What the engine proposes: assignments, unmet requests with reasons, warnings."""

    proposals: list[Proposal] = field(default_factory=list)
    unmet: list[Unmet] = field(default_factory=list)
    warnings: list[Reason] = field(default_factory=list)
    stats: PlanStats = field(default_factory=PlanStats)
    optimal: bool = True  # False only when a time limit stopped the exact search
    objective: tuple[int, int] = (0, 0)  # (urgency-weighted coverage, preference cost)
    solver: dict[str, object] = field(default_factory=dict)
