"""`match()`: plain requests and volunteers in, an explained plan out.

No Qt, no SQL: the service layer loads records, converts them to `model` dataclasses, calls
`match`, and stores the proposals it returns.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from disastercenter.core.vocab import RELATED_SKILL
from disastercenter.matching.candidates import Candidates, build_candidates
from disastercenter.matching.model import (
    DEFAULT_TIME_LIMIT,
    IN_PERSON,
    Fixed,
    Plan,
    PlanStats,
    Proposal,
    Reason,
    Request,
    Volunteer,
    reason,
)
from disastercenter.matching.reasons import unmet_reasons
from disastercenter.matching.solve import plan_value, solve


def match(
    requests: Sequence[Request],
    volunteers: Sequence[Volunteer],
    fixed: Iterable[Fixed] = (),
    rejected: Iterable[tuple[str, str]] = (),
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Plan:
    """The optimal plan for `requests` (see `solve` for the model and the method).

    `fixed` assignments (confirmed or locked) are kept when they are still possible; the ones
    that are not (volunteer deactivated, shift removed, two of them overlapping) come back as
    warnings and their request is matched again. `rejected` (request id, volunteer id) pairs
    are never proposed.
    """
    started = time.perf_counter()
    requests = _unique(requests)
    volunteers = _unique(volunteers)
    c = build_candidates(requests, volunteers, frozenset(rejected))
    warnings = list(c.warnings)
    forced, fixed_ids, problems = _forced(c, list(fixed))
    warnings.extend(problems)
    solution = solve(c, forced, time_limit)
    chosen = solution.chosen
    proposals = _proposals(c, chosen, fixed_ids)
    assigned = {p.request_id for p in proposals}
    unmet_requests = [r for r in c.requests if r.id not in assigned]
    unmet = unmet_reasons(c, chosen, unmet_requests)
    weights = {r.id: r.weight for r in c.requests}
    stats = PlanStats(
        requests=len(c.requests),
        assigned=len(assigned),
        weight_total=sum(weights.values()),
        weight_assigned=sum(weights[i] for i in assigned),
    )
    for request in unmet_requests:
        code = request.languages[0] if request.languages else "-"
        stats.unmet_by_language[code] = stats.unmet_by_language.get(code, 0) + 1
    stats.unmet_by_language = dict(
        sorted(stats.unmet_by_language.items(), key=lambda item: (-item[1], item[0]))
    )
    return Plan(
        proposals=proposals,
        unmet=unmet,
        warnings=warnings,
        stats=stats,
        optimal=solution.optimal,
        objective=plan_value(c, chosen),
        solver={
            "candidates": len(c),
            "flow_seconds": round(solution.flow_seconds, 4),
            "exact_seconds": round(solution.exact_seconds, 4),
            "components_searched": solution.components_searched,
            "relaxation_overlaps": solution.relaxation_conflicts,
            "coverage_bound": solution.bound[0],
            "seconds": round(time.perf_counter() - started, 4),
        },
    )


def _unique(records: Sequence) -> list:  # type: ignore[type-arg]
    """Records with distinct ids, the first of each kept (a sync glitch must not crash us)."""
    seen: set[str] = set()
    out = []
    for record in records:
        if record.id not in seen:
            seen.add(record.id)
            out.append(record)
    return out


def _forced(c: Candidates, fixed: list[Fixed]) -> tuple[np.ndarray, dict[int, str | None], list[Reason]]:
    """Which candidates the fixed assignments pin, and why some cannot be kept.

    Fixed assignments are checked most urgent first; one that needs a pair that no longer
    exists, a full shift, or a time already taken by another fixed in-person assignment is
    dropped with a warning.
    """
    forced = np.zeros(len(c), dtype=bool)
    ids: dict[int, str | None] = {}
    problems: list[Reason] = []
    if not fixed:
        return forced, ids, problems
    request_index = {r.id: n for n, r in enumerate(c.requests)}
    volunteer_index = {v.id: n for n, v in enumerate(c.volunteers)}
    wanted = np.array(sorted({request_index[f.request_id] for f in fixed if f.request_id in request_index}),
                      dtype=np.int64)
    pair_index: dict[tuple[int, int, bool], int] = {
        (int(c.request[e]), int(c.volunteer[e]), bool(c.in_person[e])): int(e)
        for e in np.nonzero(np.isin(c.request, wanted))[0].tolist()
    }
    starts, ends = c.windows()
    used: dict[int, int] = defaultdict(int)  # shift -> fixed pairs
    busy: dict[int, list[tuple[int, int]]] = defaultdict(list)  # volunteer -> in-person windows
    taken: set[int] = set()

    def priority(item: Fixed) -> tuple[int, int]:
        r = request_index.get(item.request_id)
        if r is None:
            return (0, 0)
        return (-c.requests[r].weight, c.requests[r].order)

    for item in sorted(fixed, key=priority):
        r = request_index.get(item.request_id)
        v = volunteer_index.get(item.volunteer_id)
        if r is None:
            continue  # the request is not part of this run (done, cancelled, other day)
        request = c.requests[r]
        name = c.volunteers[v].name if v is not None else item.volunteer_id
        about = {"request": request.label, "volunteer": name, "assignment": item.assignment_id or ""}
        if r in taken:
            problems.append(reason("fixed.duplicate", **about))
            continue
        if v is None:
            problems.append(reason("fixed.volunteer_missing", **about))
            continue
        edge = pair_index.get((r, v, item.mode == IN_PERSON))
        if edge is None:
            why = c.excluded.get(v)
            code = "fixed.volunteer_inactive" if why is not None and why.code == "volunteer.inactive" \
                else "fixed.no_longer_possible"
            problems.append(reason(code, **about))
            continue
        shift = int(c.shift[edge])
        window = (int(starts[r]), int(ends[r]))
        if used[shift] >= c.shifts[shift].capacity:
            problems.append(reason("fixed.over_capacity", **about))
            continue
        if item.mode == IN_PERSON and any(a < window[1] and window[0] < b for a, b in busy[v]):
            problems.append(reason("fixed.overlap", **about))
            continue
        forced[edge] = True
        ids[edge] = item.assignment_id
        taken.add(r)
        used[shift] += 1
        if item.mode == IN_PERSON:
            busy[v].append(window)
    return forced, ids, problems


def _proposals(c: Candidates, chosen: np.ndarray, fixed_ids: dict[int, str | None]) -> list[Proposal]:
    edges = np.nonzero(chosen)[0].tolist()
    starts, _ = c.windows()
    # The n-th assignment of a volunteer in a shift, in time order.
    by_shift: dict[int, list[int]] = defaultdict(list)
    for e in edges:
        by_shift[int(c.shift[e])].append(e)
    load: dict[int, int] = {}
    for pairs in by_shift.values():
        pairs.sort(key=lambda e: (int(starts[c.request[e]]), e))
        for number, e in enumerate(pairs, 1):
            load[e] = number
    out: list[Proposal] = []
    for e in edges:
        request = c.requests[int(c.request[e])]
        volunteer = c.volunteers[int(c.volunteer[e])]
        language = c.language(e)
        travel = int(c.travel[e])
        skill = request.skill or _related(request, volunteer)
        out.append(Proposal(
            request_id=request.id,
            volunteer_id=volunteer.id,
            mode=c.mode(e),
            language=language,
            language_rank=int(c.language_rank[e]),
            level=volunteer.languages.get(language, ""),
            skill=skill,
            same_shelter=bool(c.in_person[e]) and travel == 0,
            travel_minutes=travel if travel >= 0 else None,
            continuity=volunteer.id in request.served_by,
            load=load[e],
            fixed=e in fixed_ids,
            assignment_id=fixed_ids.get(e),
        ))
    out.sort(key=lambda p: (p.request_id, p.volunteer_id))
    return out


def _related(request: Request, volunteer: Volunteer) -> str | None:
    skill = RELATED_SKILL.get(request.kind)
    return skill if skill is not None and skill in volunteer.skills else None
