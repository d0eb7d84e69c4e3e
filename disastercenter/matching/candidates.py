"""Who may take which request (hard constraints), and what each possible pair costs.

A pair (request, volunteer) is possible when the volunteer is active, speaks one of the
request's languages, has an availability window (shift) containing the request's window,
has the required skill and sex, and can do the request in a mode the request allows: in
person (the volunteer can reach the shelter) or remote (phone/video, when both allow it).

Pairs are found per language with numpy, not pair by pair: 5,000 requests × 1,000 volunteers
are 5 million pairs, too many for a Python loop within the time the board allows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from disastercenter.core.vocab import RELATED_SKILL
from disastercenter.matching.model import (
    IN_PERSON,
    LEVEL_RANK,
    REMOTE,
    Reason,
    Request,
    Volunteer,
    Window,
    reason,
)

# Preference costs (lower is better), all integers so the solver's arithmetic is exact.
# One step down the person's language list costs more than every other preference together:
# the exact language always wins when it is available at the same coverage.
LANGUAGE_STEP = 1000
LEVEL_STEP = 60  # per step native > fluent > conversational > basic (at most 180)
RELATED_SKILL_MISSING = 80  # e.g. a medical visit without a medical interpreter
TRAVEL_CAP = 180  # minutes; one cost unit per minute of travel, same shelter = 0
TRAVEL_UNKNOWN = 60  # a request without a shelter to measure travel to
REMOTE_INSTEAD = 90  # phone/video for a request the person would rather have in person
NO_CONTINUITY = 50  # someone new, when someone else helped this person before
LOAD_STEP = 40  # the k-th assignment of a volunteer costs LOAD_STEP * (k - 1): spread the work

SKILLS_BITS: dict[str, int] = {}


def _skill_bit(skill: str) -> int:
    bit = SKILLS_BITS.get(skill)
    if bit is None:
        bit = SKILLS_BITS[skill] = 1 << len(SKILLS_BITS)
    return bit


@dataclass
class Shift:
    """One availability window of one volunteer, after clean-up: the unit of capacity."""

    volunteer: int  # index into Candidates.volunteers
    window: Window
    capacity: int


@dataclass
class Candidates:
    """Every possible pair, as parallel numpy arrays (one entry per pair and mode)."""

    requests: list[Request]
    volunteers: list[Volunteer]
    shifts: list[Shift]
    request: np.ndarray  # request index
    shift: np.ndarray  # shift index
    volunteer: np.ndarray  # volunteer index
    in_person: np.ndarray  # bool: in person (True) or remote (False)
    cost: np.ndarray  # preference cost (int64)
    language_rank: np.ndarray
    level: np.ndarray  # LEVEL_RANK of the volunteer in the matched language
    travel: np.ndarray  # minutes, -1 when remote or unknown
    #: Per request, why no pair exists at some stage (empty for requests with pairs).
    stages: np.ndarray  # int8 per request: furthest hard-constraint stage some volunteer passed
    warnings: list[Reason] = field(default_factory=list)
    #: Volunteers left out entirely (inactive, no languages, no capacity): index -> reason
    excluded: dict[int, Reason] = field(default_factory=dict)
    _windows: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)
    _weights: np.ndarray | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return int(self.request.size)

    def windows(self) -> tuple[np.ndarray, np.ndarray]:
        """Start and end minute of every request, by request index."""
        if self._windows is None:
            self._windows = (
                np.array([r.window.start for r in self.requests], dtype=np.int64),
                np.array([r.window.end for r in self.requests], dtype=np.int64),
            )
        return self._windows

    def weights(self) -> np.ndarray:
        """Urgency weight of every request, by request index."""
        if self._weights is None:
            self._weights = np.array([r.weight for r in self.requests], dtype=np.int64)
        return self._weights

    def mode(self, edge: int) -> str:
        return IN_PERSON if self.in_person[edge] else REMOTE

    def language(self, edge: int) -> str:
        return self.requests[int(self.request[edge])].languages[int(self.language_rank[edge])]


# How far a request got through the hard constraints (for the explanation of unmet requests).
STAGE_NO_LANGUAGE = 0  # nobody active speaks any of its languages
STAGE_NO_TIME = 1  # speakers exist, none has a shift containing the window
STAGE_NO_SKILL = 2  # ... none of those has the required skill
STAGE_NO_GENDER = 3  # ... none of those has the required sex
STAGE_NO_MODE = 4  # ... none can reach the place (and remote is not possible)
STAGE_OK = 5  # pairs exist


def clean_shifts(volunteer: Volunteer) -> tuple[list[Window], list[Reason]]:
    """The volunteer's shifts with inverted ones dropped and overlapping ones merged."""
    problems: list[Reason] = []
    good: list[Window] = []
    for window in volunteer.shifts:
        if window.end <= window.start:
            problems.append(reason("volunteer.window_inverted", volunteer=volunteer.name,
                                   window=(window.start, window.end)))
        else:
            good.append(window)
    good.sort(key=lambda w: (w.start, w.end))
    merged: list[Window] = []
    for window in good:
        if merged and window.start < merged[-1].end:
            last = merged[-1]
            problems.append(reason("volunteer.windows_overlap", volunteer=volunteer.name,
                                   window=(window.start, min(last.end, window.end))))
            merged[-1] = Window(last.start, max(last.end, window.end))
        else:
            merged.append(window)
    return merged, problems


def build_candidates(
    requests: Sequence[Request],
    volunteers: Sequence[Volunteer],
    rejected: frozenset[tuple[str, str]] = frozenset(),
) -> Candidates:
    """Every pair that meets the hard constraints, with its preference cost."""
    requests = list(requests)
    volunteers = list(volunteers)
    warnings: list[Reason] = []
    excluded: dict[int, Reason] = {}
    shifts: list[Shift] = []
    for index, volunteer in enumerate(volunteers):
        windows, problems = clean_shifts(volunteer)
        warnings.extend(problems)
        if not volunteer.active:
            excluded[index] = reason("volunteer.inactive", volunteer=volunteer.name)
            continue
        if not volunteer.languages:
            excluded[index] = reason("volunteer.no_languages", volunteer=volunteer.name)
            warnings.append(excluded[index])
            continue
        if volunteer.max_per_shift <= 0:
            excluded[index] = reason("volunteer.no_capacity", volunteer=volunteer.name)
            warnings.append(excluded[index])
            continue
        if not windows:
            excluded[index] = reason("volunteer.no_shifts", volunteer=volunteer.name)
            continue
        shifts.extend(Shift(index, window, volunteer.max_per_shift) for window in windows)

    n_requests = len(requests)
    stages = np.zeros(n_requests, dtype=np.int8)
    empty = Candidates(
        requests, volunteers, shifts,
        *(np.zeros(0, dtype=np.int64) for _ in range(3)), np.zeros(0, dtype=bool),
        *(np.zeros(0, dtype=np.int64) for _ in range(4)), stages, warnings, excluded,
    )
    if not requests or not shifts:
        return empty

    # Volunteer attributes as arrays.
    shift_volunteer = np.array([s.volunteer for s in shifts], dtype=np.int64)
    shift_start = np.array([s.window.start for s in shifts], dtype=np.int64)
    shift_end = np.array([s.window.end for s in shifts], dtype=np.int64)
    vol_skills = np.array([
        sum(_skill_bit(skill) for skill in v.skills) for v in volunteers
    ], dtype=np.int64)
    sexes = {"female": 1, "male": 2, "other": 3}
    vol_sex = np.array([sexes.get(v.sex, 0) for v in volunteers], dtype=np.int8)
    vol_remote = np.array([v.remote for v in volunteers], dtype=bool)
    shelter_index: dict[str, int] = {}
    for r in requests:
        if r.shelter_id is not None:
            shelter_index.setdefault(r.shelter_id, len(shelter_index))
    # reach[v, s]: travel minutes from volunteer v to shelter s, -1 when out of reach.
    reach = np.full((len(volunteers), max(1, len(shelter_index))), -1, dtype=np.int64)
    for index, volunteer in enumerate(volunteers):
        for shelter_id, minutes in volunteer.reach.items():
            column = shelter_index.get(shelter_id)
            if column is not None and minutes is not None and minutes >= 0:
                reach[index, column] = minutes

    # Request attributes as arrays.
    req_start = np.array([r.window.start for r in requests], dtype=np.int64)
    req_end = np.array([r.window.end for r in requests], dtype=np.int64)
    req_valid = req_end > req_start
    req_skill = np.array([_skill_bit(r.skill) if r.skill else 0 for r in requests], dtype=np.int64)
    req_related = np.array([
        _skill_bit(RELATED_SKILL[r.kind]) if r.kind in RELATED_SKILL else 0 for r in requests
    ], dtype=np.int64)
    req_sex = np.array([sexes.get(r.gender, 0) if r.gender else 0 for r in requests], dtype=np.int8)
    req_shelter = np.array([
        shelter_index[r.shelter_id] if r.shelter_id is not None else -1 for r in requests
    ], dtype=np.int64)
    req_in_person = np.array([r.in_person for r in requests], dtype=bool)
    req_remote = np.array([(not r.in_person) or r.remote_ok for r in requests], dtype=bool)

    # Who speaks what: language -> shift indices and the speaker's level there.
    speakers: dict[str, list[int]] = defaultdict(list)
    for index, volunteer in enumerate(volunteers):
        if index in excluded:
            continue
        for code in volunteer.languages:
            speakers[code].append(index)
    shifts_of: dict[int, list[int]] = defaultdict(list)
    for number, shift in enumerate(shifts):
        shifts_of[shift.volunteer].append(number)

    wanted: dict[str, list[tuple[int, int]]] = defaultdict(list)  # language -> (request, rank)
    for number, r in enumerate(requests):
        seen: set[str] = set()
        for rank, code in enumerate(r.languages):
            if code not in seen:
                seen.add(code)
                wanted[code].append((number, rank))

    parts: list[tuple[np.ndarray, ...]] = []
    for code, pairs in wanted.items():
        volunteers_here = speakers.get(code)
        if not volunteers_here:
            continue
        rows = np.array([p[0] for p in pairs], dtype=np.int64)
        ranks = np.array([p[1] for p in pairs], dtype=np.int64)
        stages[rows] = np.maximum(stages[rows], STAGE_NO_TIME)
        cols = np.array([s for v in volunteers_here for s in shifts_of[v]], dtype=np.int64)
        if cols.size == 0:
            continue
        level_of = {v: LEVEL_RANK.get(volunteers[v].languages[code], 3) for v in volunteers_here}
        col_level = np.array([level_of[int(v)] for v in shift_volunteer[cols]], dtype=np.int64)
        col_vol = shift_volunteer[cols]
        # Stage by stage, so an unmet request can say which constraint nobody met.
        fits = (
            (shift_start[cols][None, :] <= req_start[rows][:, None])
            & (req_end[rows][:, None] <= shift_end[cols][None, :])
            & req_valid[rows][:, None]
        )
        _advance(stages, rows, fits, STAGE_NO_SKILL)
        need = req_skill[rows][:, None]
        fits &= (vol_skills[col_vol][None, :] & need) == need
        _advance(stages, rows, fits, STAGE_NO_GENDER)
        sex = req_sex[rows][:, None]
        fits &= (sex == 0) | (vol_sex[col_vol][None, :] == sex)
        _advance(stages, rows, fits, STAGE_NO_MODE)
        i, j = np.nonzero(fits)
        if i.size == 0:
            continue
        r_idx, s_idx = rows[i], cols[j]
        v_idx = col_vol[j]
        shelter = req_shelter[r_idx]
        travel = np.where(shelter >= 0, reach[v_idx, np.maximum(shelter, 0)], -1)
        can_go = req_in_person[r_idx] & ((shelter < 0) | (travel >= 0))
        can_call = req_remote[r_idx] & vol_remote[v_idx]
        stages[r_idx[can_go | can_call]] = STAGE_OK
        base = (
            LANGUAGE_STEP * ranks[i]
            + LEVEL_STEP * col_level[j]
            + np.where((req_related[r_idx] != 0) & ((vol_skills[v_idx] & req_related[r_idx]) == 0),
                       RELATED_SKILL_MISSING, 0)
        )
        served = np.array([
            bool(requests[r].served_by) and volunteers[v].id not in requests[r].served_by
            for r, v in zip(r_idx.tolist(), v_idx.tolist())
        ], dtype=bool) if any(requests[r].served_by for r in rows.tolist()) else np.zeros(
            r_idx.size, dtype=bool)
        base = base + np.where(served, NO_CONTINUITY, 0)
        # In person: travel cost. Remote: free for phone/video requests, else a penalty.
        go_cost = base + np.where(travel >= 0, np.minimum(travel, TRAVEL_CAP), TRAVEL_UNKNOWN)
        call_cost = base + np.where(req_in_person[r_idx], REMOTE_INSTEAD, 0)
        for mask, in_person, cost, minutes in (
            (can_go, True, go_cost, travel),
            (can_call, False, call_cost, np.full(r_idx.size, -1, dtype=np.int64)),
        ):
            if mask.any():
                parts.append((
                    r_idx[mask], s_idx[mask], v_idx[mask], np.full(int(mask.sum()), in_person),
                    cost[mask], ranks[i][mask], col_level[j][mask], minutes[mask],
                ))
    if not parts:
        return empty
    arrays = [np.concatenate([p[k] for p in parts]) for k in range(8)]
    r_all, s_all, v_all, ip_all, cost_all, rank_all, level_all, travel_all = arrays
    # A volunteer who speaks two of the person's languages: keep the better pair per mode.
    order = np.lexsort((cost_all, ip_all, v_all, r_all))
    key_r, key_v, key_ip = r_all[order], v_all[order], ip_all[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = (key_r[1:] != key_r[:-1]) | (key_v[1:] != key_v[:-1]) | (key_ip[1:] != key_ip[:-1])
    keep = order[first]
    if rejected:
        ids = [(requests[r].id, volunteers[v].id) for r, v in zip(r_all[keep].tolist(), v_all[keep].tolist())]
        allowed = np.array([pair not in rejected for pair in ids], dtype=bool)
        keep = keep[allowed]
    keep.sort()
    return Candidates(
        requests, volunteers, shifts,
        r_all[keep], s_all[keep], v_all[keep], ip_all[keep].astype(bool), cost_all[keep],
        rank_all[keep], level_all[keep], travel_all[keep], stages, warnings, excluded,
    )


def _advance(stages: np.ndarray, rows: np.ndarray, fits: np.ndarray, stage: int) -> None:
    passed = rows[fits.any(axis=1)]
    if passed.size:
        stages[passed] = np.maximum(stages[passed], stage)
