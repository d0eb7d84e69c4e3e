"""The gap report: unmet demand against supply, per language and time window.

It tells the center which language volunteers to call in, and when. A request counts in
the two-hour window (Japan time, from midnight) where it starts, under its first language.
Supply is the number of active volunteers speaking that language with a shift overlapping
the window; idle ones have no assignment in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from disastercenter.matching.explain import local
from disastercenter.matching.model import Plan, Request, Volunteer, Window

BUCKET_MINUTES = 120


@dataclass(frozen=True)
class GapRow:
    language: str
    window: Window  # the two-hour window (minutes since the epoch, UTC)
    requests: int
    covered: int
    unmet: int
    unmet_urgent: int  # critical or high
    unmet_weight: int
    speakers_on_shift: int
    speakers_idle: int

    @property
    def date(self) -> str:
        return local(self.window.start).strftime("%Y-%m-%d")

    @property
    def hours(self) -> str:
        return f"{local(self.window.start):%H:%M}–{local(self.window.end):%H:%M}"


def bucket_of(minute: int) -> Window:
    """The two-hour window (aligned to Japan's midnight) that `minute` falls in."""
    offset = local(minute).utcoffset()
    shift = int(offset.total_seconds() // 60) if offset is not None else 0
    start = (minute + shift) // BUCKET_MINUTES * BUCKET_MINUTES - shift
    return Window(start, start + BUCKET_MINUTES)


def gap_report(requests: Sequence[Request], volunteers: Sequence[Volunteer], plan: Plan) -> list[GapRow]:
    """One row per (first language, two-hour window) with requests; most urgent gaps first."""
    assigned = {p.request_id: p.volunteer_id for p in plan.proposals}
    groups: dict[tuple[str, Window], list[Request]] = defaultdict(list)
    for request in requests:
        language = request.languages[0] if request.languages else "-"
        groups[(language, bucket_of(request.window.start))].append(request)
    busy: dict[Window, set[str]] = defaultdict(set)
    by_id = {r.id: r for r in requests}
    for request_id, volunteer_id in assigned.items():
        request = by_id.get(request_id)
        if request is not None:
            busy[bucket_of(request.window.start)].add(volunteer_id)
    rows: list[GapRow] = []
    for (language, window), members in groups.items():
        unmet = [r for r in members if r.id not in assigned]
        speakers = [
            v for v in volunteers
            if v.active and language in v.languages and v.max_per_shift > 0
            and any(w.end > w.start and w.overlaps(window) for w in v.shifts)
        ]
        rows.append(GapRow(
            language=language,
            window=window,
            requests=len(members),
            covered=len(members) - len(unmet),
            unmet=len(unmet),
            unmet_urgent=sum(r.urgency in ("critical", "high") for r in unmet),
            unmet_weight=sum(r.weight for r in unmet),
            speakers_on_shift=len(speakers),
            speakers_idle=sum(v.id not in busy[window] for v in speakers),
        ))
    rows.sort(key=lambda row: (-row.unmet_weight, row.window.start, row.language))
    return rows
