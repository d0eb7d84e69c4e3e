"""Why a request got nobody: the first hard constraint no volunteer met, and which fallback
language from the registry could still help (with how many of its speakers are free)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from disastercenter.core.languages import fallback_chain
from disastercenter.matching import candidates as cand
from disastercenter.matching.model import Reason, Request, Unmet, reason


def unmet_reasons(c: cand.Candidates, chosen: np.ndarray, unmet: Sequence[Request]) -> list[Unmet]:
    """Why each request in `unmet` got nobody, and which fallback could help."""
    index = {r.id: n for n, r in enumerate(c.requests)}
    # How many different volunteers could have taken each request.
    pairs = np.unique(c.request * max(1, len(c.volunteers)) + c.volunteer) if len(c) else np.zeros(0, dtype=np.int64)
    volunteers_of = np.bincount(pairs // max(1, len(c.volunteers)), minlength=len(c.requests))
    suggestions = _fallback_suggestions(c, chosen, unmet)
    out: list[Unmet] = []
    for request in unmet:
        n = index[request.id]
        window = (request.window.start, request.window.end)
        languages = tuple(request.languages)
        reasons: list[Reason] = []
        stage = int(c.stages[n])
        if request.window.end <= request.window.start:
            reasons.append(reason("unmet.invalid_window", window=window))
        elif not languages:
            reasons.append(reason("unmet.no_language"))
        elif volunteers_of[n]:
            reasons.append(reason("unmet.busy", count=int(volunteers_of[n])))
        elif stage == cand.STAGE_OK:
            reasons.append(reason("unmet.all_rejected"))
        elif stage == cand.STAGE_NO_LANGUAGE:
            reasons.append(reason("unmet.nobody_speaks", languages=languages))
        elif stage == cand.STAGE_NO_TIME:
            reasons.append(reason("unmet.none_free", languages=languages, window=window))
        elif stage == cand.STAGE_NO_SKILL:
            reasons.append(reason("unmet.no_skill", languages=languages, window=window,
                                  skill=request.skill or ""))
        elif stage == cand.STAGE_NO_GENDER:
            reasons.append(reason("unmet.no_gender", languages=languages, window=window,
                                  gender=request.gender or ""))
        else:
            reasons.append(reason("unmet.cannot_reach", languages=languages, window=window,
                                  place=request.place))
        for language, count in suggestions.get(request.id, ()):
            reasons.append(reason("unmet.try_fallback", language=language, count=count))
        out.append(Unmet(request.id, tuple(reasons)))
    return out


def _fallback_suggestions(
    c: cand.Candidates, chosen: np.ndarray, unmet: Sequence[Request], limit: int = 2
) -> dict[str, list[tuple[str, int]]]:
    """For unmet requests: languages from the registry's fallback chain that the request does
    not list yet, with how many volunteers speaking them are still free for its window."""
    # One trial request per distinct (language, window, place, constraints): requests that
    # differ only in who asked get the same answer.
    trials: list[Request] = []
    trial_of: dict[tuple[object, ...], int] = {}
    asked: list[tuple[str, str, int]] = []
    for request in unmet:
        if not request.languages or request.window.end <= request.window.start:
            continue
        try:
            chain = fallback_chain(request.languages[0])[1:]
        except KeyError:
            chain = ("en", "ja-x-easy")
        for code in chain:
            if code in request.languages:
                continue
            key = (code, request.window, request.place, request.shelter_id, request.remote_ok,
                   request.skill, request.gender)
            number = trial_of.get(key)
            if number is None:
                number = trial_of[key] = len(trials)
                trials.append(Request(
                    f"trial-{number}", (code,), request.window, request.urgency, request.kind,
                    request.place, request.shelter_id, request.remote_ok, request.skill,
                    request.gender,
                ))
            asked.append((request.id, code, number))
    if not trials:
        return {}
    trial = cand.build_candidates(trials, c.volunteers)
    if not len(trial):
        return {}
    # Room left in each shift, and the in-person windows each volunteer is already given.
    used = np.bincount(c.shift[chosen], minlength=len(c.shifts)) if len(c) else np.zeros(len(c.shifts))
    room = np.array([s.capacity for s in c.shifts], dtype=np.int64) - used
    free = room[trial.shift] > 0
    starts, ends = c.windows()
    busy = np.nonzero(chosen & c.in_person)[0] if len(c) else np.zeros(0, dtype=np.int64)
    if busy.size:
        span = int(ends.max()) - int(starts.min()) + 1
        base = int(starts.min())
        key = c.volunteer[busy] * span + (starts[c.request[busy]] - base)
        order = np.argsort(key)
        key, busy_end = key[order], ends[c.request[busy]][order] - base
        busy_vol = c.volunteer[busy][order]
        t_start, t_end = trial.windows()
        r_start, r_end = t_start[trial.request] - base, t_end[trial.request] - base
        # The volunteer's last in-person window starting before this one ends is the only one
        # that can overlap it (a valid plan's windows of one volunteer are disjoint).
        at = np.searchsorted(key, trial.volunteer * span + r_end, side="left") - 1
        ok_at = at >= 0
        at = np.maximum(at, 0)
        clash = ok_at & (busy_vol[at] == trial.volunteer) & (busy_end[at] > r_start) & trial.in_person
        free &= ~clash
    counts: dict[int, set[int]] = {}
    for r, v in zip(trial.request[free].tolist(), trial.volunteer[free].tolist()):
        counts.setdefault(r, set()).add(v)
    out: dict[str, list[tuple[str, int]]] = {}
    for request_id, code, number in asked:
        count = len(counts.get(number, ()))
        if count and len(out.get(request_id, ())) < limit:
            out.setdefault(request_id, []).append((code, count))
    return out
