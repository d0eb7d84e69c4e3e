"""The baseline a coordinator would do by hand: first come, first served.

Requests are taken in the order they were raised; each gets the best volunteer still free
for it (same preference cost as the exact solver), if any. Used by the benchmarks to show
what the exact solver gains.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from disastercenter.matching.candidates import LOAD_STEP, Candidates


def greedy_first_come(c: Candidates) -> np.ndarray:
    """Chosen candidates of the first-come plan (bool per candidate)."""
    chosen = np.zeros(len(c), dtype=bool)
    if not len(c):
        return chosen
    starts, ends = c.windows()
    by_request: dict[int, list[int]] = defaultdict(list)
    for e, r in enumerate(c.request.tolist()):
        by_request[r].append(e)
    room = [s.capacity for s in c.shifts]
    load = [0] * len(c.shifts)
    busy: dict[int, list[tuple[int, int]]] = defaultdict(list)
    cost = c.cost.tolist()
    shift = c.shift.tolist()
    volunteer = c.volunteer.tolist()
    in_person = c.in_person.tolist()
    for r in sorted(by_request, key=lambda r: (c.requests[r].order, r)):
        window = (int(starts[r]), int(ends[r]))
        best, best_cost = -1, 0
        for e in by_request[r]:
            v = volunteer[e]
            if room[shift[e]] <= 0:
                continue
            if in_person[e] and any(a < window[1] and window[0] < b for a, b in busy[v]):
                continue
            total = cost[e] + LOAD_STEP * load[shift[e]]
            if best < 0 or total < best_cost:
                best, best_cost = e, total
        if best >= 0:
            chosen[best] = True
            room[shift[best]] -= 1
            load[shift[best]] += 1
            if in_person[best]:
                busy[volunteer[best]].append(window)
    return chosen
