"""The exact solver: which volunteer takes which request (see docs/matching.md).

The model. Each request goes to at most one volunteer. Each shift (availability window) of a
volunteer takes at most `max_per_shift` requests. In-person requests of one volunteer must not
overlap in time (remote ones may). Objective, lexicographic: (1) maximise the urgency-weighted
number of covered requests; (2) among those plans, minimise the summed preference cost of the
chosen pairs (language rank, level, skill, travel, continuity) plus a convex load cost per
shift (its k-th assignment costs LOAD_STEP * (k - 1)). Both levels are folded into one
integer objective with a weight on (1) larger than any possible total of (2), which makes the
single objective exactly lexicographic.

The method. Without the overlap rule the model is a min-cost flow:

    request -> [in person: clique block -> ] shift (capacity, load arcs) -> sink,
    request -> sink (unmet)

Each in-person pair passes through one "block" node of capacity 1: a maximal set of mutually
overlapping requests of that shift (a maximal clique of its interval graph). Two requests in a
block overlap, so at most one of them per volunteer is a true constraint; the flow is therefore
a relaxation of the model, and it is the model itself when every request belongs to a single
maximal clique (the windows of the shift form groups that either all overlap or are disjoint,
as with the board's dispatch slots). This flow has a unit-capacity layered shape that is an
assignment problem (see `solve_flow`), solved exactly by scipy's sparse Jonker-Volgenant
(`min_weight_full_bipartite_matching`).

When the flow's optimum has no overlapping in-person pair it is feasible for the model and
optimal for it (a relaxation's optimum that is feasible is optimal). Otherwise the connected
components of the candidate graph that contain an overlap are solved again as an integer
program with every maximal-clique constraint (HiGHS branch-and-bound through scipy, proven
optimal with a zero gap); the other components keep their flow solution, which is exact since
components share no request and no volunteer. Scheduling fixed-time jobs on machines with
eligibility is NP-hard (Arkin & Silverberg 1987), so that last step has a time limit; when it
hits the limit the plan says so (`Plan.optimal` is False) and keeps the best valid plan found.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from disastercenter.matching.candidates import LOAD_STEP, Candidates
from disastercenter.matching.model import DEFAULT_TIME_LIMIT

#: Rough time HiGHS needs per candidate pair before it can stop (measured on 2 cores).
SECONDS_PER_PAIR = 2e-4


@dataclass
class Solution:
    """Which candidate pairs were chosen, and whether that is proven optimal."""

    chosen: np.ndarray  # bool per candidate
    optimal: bool
    flow_seconds: float
    exact_seconds: float
    components_searched: int
    relaxation_conflicts: int
    #: The flow relaxation's (urgency-weighted coverage, cost): no plan can cover more.
    bound: tuple[int, int] = (0, 0)


# -- blocks: maximal cliques of the in-person windows of each shift ----------------------------


def _events(c: Candidates, edges: np.ndarray) -> tuple[np.ndarray, ...]:
    """Start and end events of the given in-person candidates, sorted by shift and time
    (an end before a start at the same minute: windows are half-open)."""
    requests = c.request[edges]
    starts, ends = c.windows()
    shift = np.concatenate([c.shift[edges], c.shift[edges]])
    when = np.concatenate([starts[requests], ends[requests]])
    is_start = np.concatenate([np.ones(edges.size, dtype=np.int8), np.zeros(edges.size, dtype=np.int8)])
    edge = np.concatenate([edges, edges])
    order = np.lexsort((is_start, when, shift))
    return shift[order], is_start[order], edge[order]


def block_of(c: Candidates) -> tuple[np.ndarray, int]:
    """For every in-person candidate, the first maximal clique (block) its window is in.

    In sorted events, a maximal clique closes at each end event that directly follows a start
    event of the same shift; a window belongs to the first clique that closes after it starts.
    """
    edges = np.nonzero(c.in_person)[0]
    block = np.full(len(c), -1, dtype=np.int64)
    if edges.size == 0:
        return block, 0
    shift, is_start, edge = _events(c, edges)
    closes = np.zeros(shift.size, dtype=bool)
    closes[1:] = (is_start[1:] == 0) & (is_start[:-1] == 1) & (shift[1:] == shift[:-1])
    close_at = np.nonzero(closes)[0]
    start_at = np.nonzero(is_start == 1)[0]
    block[edge[start_at]] = np.searchsorted(close_at, start_at)
    return block, int(close_at.size)


def maximal_cliques(c: Candidates, edges: np.ndarray) -> list[list[int]]:
    """Every maximal clique (with two or more windows) of the in-person candidates `edges`,
    per shift: the overlap constraints of the exact model."""
    edges = edges[c.in_person[edges]]
    if edges.size == 0:
        return []
    shift, is_start, edge = _events(c, edges)
    cliques: list[list[int]] = []
    active: dict[int, None] = {}
    previous_shift, last_was_start = -1, False
    for s, starting, e in zip(shift.tolist(), is_start.tolist(), edge.tolist()):
        if s != previous_shift:
            active.clear()
            previous_shift, last_was_start = s, False
        if starting:
            active[e] = None
            last_was_start = True
        else:
            if last_was_start and len(active) > 1:
                cliques.append(list(active))
            active.pop(e, None)
            last_was_start = False
    return cliques


def overlapping_volunteers(c: Candidates, chosen: np.ndarray) -> np.ndarray:
    """Volunteers given two in-person requests whose windows overlap."""
    edges = np.nonzero(chosen & c.in_person)[0]
    if edges.size < 2:
        return np.zeros(0, dtype=np.int64)
    starts, ends = c.windows()
    volunteer = c.volunteer[edges]
    start = starts[c.request[edges]]
    end = ends[c.request[edges]]
    order = np.lexsort((start, volunteer))
    volunteer, start, end = volunteer[order], start[order], end[order]
    offset = (volunteer - volunteer.min()) * (int(end.max()) - int(start.min()) + 1)
    running_end = np.maximum.accumulate(end - int(start.min()) + offset)
    clash = np.zeros(edges.size, dtype=bool)
    clash[1:] = (volunteer[1:] == volunteer[:-1]) & (start[1:] - int(start.min()) + offset[1:] < running_end[:-1])
    return np.unique(volunteer[clash])


# -- the objective ------------------------------------------------------------------------------


def _load_slots(c: Candidates, edges: np.ndarray) -> np.ndarray:
    """How many assignments each shift could get at most: its capacity, or its candidates."""
    capacity = np.array([s.capacity for s in c.shifts], dtype=np.int64)
    reachable = np.bincount(c.shift[edges], minlength=len(c.shifts))
    return np.minimum(capacity, reachable)


def coverage_weight(c: Candidates, edges: np.ndarray) -> int:
    """A weight for covering a request (times its urgency weight) larger than the preference
    cost any plan over `edges` can have: this makes one objective lexicographic."""
    if edges.size == 0:
        return 1
    worst = np.zeros(len(c.requests), dtype=np.int64)
    np.maximum.at(worst, c.request[edges], c.cost[edges])
    slots = _load_slots(c, edges)
    return int(worst.sum() + (LOAD_STEP * slots * (slots - 1) // 2).sum() + 1)


def plan_value(c: Candidates, chosen: np.ndarray) -> tuple[int, int]:
    """(urgency-weighted coverage, preference cost with load) of a set of chosen pairs."""
    edges = np.nonzero(chosen)[0]
    weights = c.weights()
    covered = int(weights[c.request[edges]].sum())
    load = np.bincount(c.shift[edges], minlength=len(c.shifts))
    cost = int(c.cost[edges].sum() + (LOAD_STEP * load * (load - 1) // 2).sum())
    return covered, cost


# -- the flow relaxation, as an assignment problem -----------------------------------------------


def solve_flow(c: Candidates, usable: np.ndarray, forced: np.ndarray) -> np.ndarray:
    """The optimal chosen pairs of the flow relaxation, over candidates where `usable`;
    requests with a `forced` candidate take exactly that one.

    The flow is solved as a minimum-cost full matching of a bipartite graph:

    - rows: every request; and for every block, its "gate";
    - columns: every block's "seat"; the units of every shift's capacity (the k-th unit costs
      LOAD_STEP * (k - 1), so units are used in order); one "unmet" column per request;
    - a request takes its unmet column (cost: urgency weight × coverage weight), a remote
      pair's shift unit, or an in-person pair's block seat (cost: the pair's preference);
    - a gate takes a unit of its shift or, idle, its own seat (cost 0).

    A request can sit in a block's seat only when the gate left it free by taking a unit of
    the shift: so each block holds at most one request and every chosen request uses one unit
    of its shift, exactly the flow above. All costs are integers far below 2**53, so the
    floating-point solver computes them exactly.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    chosen = np.zeros(len(c), dtype=bool)
    forced_request = np.zeros(len(c.requests), dtype=bool)
    forced_request[c.request[forced]] = True
    usable = usable & (forced | ~forced_request[c.request])
    edges = np.nonzero(usable)[0]
    if edges.size == 0:
        return chosen
    block, n_block = block_of(c)
    requests = np.unique(c.request[edges])
    weights = c.weights()
    big = coverage_weight(c, edges)
    slots = _load_slots(c, edges)
    unit_start = np.cumsum(slots) - slots
    n_units = int(slots.sum())
    in_person = edges[c.in_person[edges]]
    remote = edges[~c.in_person[edges]]
    blocks = np.unique(block[in_person])
    seat = np.full(max(n_block, 1), -1, dtype=np.int64)
    seat[blocks] = np.arange(blocks.size)
    block_shift = np.zeros(max(n_block, 1), dtype=np.int64)
    block_shift[block[in_person]] = c.shift[in_person]
    # Row numbers: requests in use, then gates. Columns: seats, units, unmet.
    row_of = np.full(len(c.requests), -1, dtype=np.int64)
    row_of[requests] = np.arange(requests.size)
    n_rows = requests.size + blocks.size
    unit_col = blocks.size
    unmet_col = blocks.size + n_units
    rows, cols, costs = [], [], []
    rows.append(row_of[c.request[in_person]])
    cols.append(seat[block[in_person]])
    costs.append(c.cost[in_person])
    units = slots[c.shift[remote]]
    each = np.repeat(remote, units)
    rank = np.arange(each.size) - np.repeat(np.cumsum(units) - units, units)
    rows.append(row_of[c.request[each]])
    cols.append(unit_col + unit_start[c.shift[each]] + rank)
    costs.append(c.cost[each] + LOAD_STEP * rank)
    free = requests[~forced_request[requests]]
    rows.append(row_of[free])
    cols.append(unmet_col + np.arange(free.size))
    costs.append(weights[free] * big)
    units = slots[block_shift[blocks]]
    gate = np.repeat(np.arange(blocks.size), units)
    rank = np.arange(gate.size) - np.repeat(np.cumsum(units) - units, units)
    rows.append(requests.size + gate)
    cols.append(unit_col + unit_start[block_shift[blocks[gate]]] + rank)
    costs.append(LOAD_STEP * rank)
    rows.append(requests.size + np.arange(blocks.size))
    cols.append(np.arange(blocks.size))
    costs.append(np.zeros(blocks.size, dtype=np.int64))
    # +1 on every entry: a sparse matrix drops explicit zeros; every full matching has the
    # same number of entries, so the shift changes no choice.
    matrix = coo_matrix(
        (np.concatenate(costs).astype(np.float64) + 1.0, (np.concatenate(rows), np.concatenate(cols))),
        shape=(n_rows, unmet_col + free.size),
    ).tocsr()
    _, column = min_weight_full_bipartite_matching(matrix)
    taken = column[: requests.size]
    # Map each request's column back to the pair it stands for.
    by_seat = {(int(r), int(seat[b])): int(e) for e, r, b in zip(
        in_person.tolist(), row_of[c.request[in_person]].tolist(), block[in_person].tolist())}
    unit_shift = np.repeat(np.arange(len(c.shifts)), slots)
    by_unit = {(int(r), int(s)): int(e) for e, r, s in zip(
        remote.tolist(), row_of[c.request[remote]].tolist(), c.shift[remote].tolist())}
    for row, col in enumerate(taken.tolist()):
        if col < unit_col:
            chosen[by_seat[(row, col)]] = True
        elif col < unmet_col:
            chosen[by_unit[(row, int(unit_shift[col - unit_col]))]] = True
    return chosen


# -- exact search for components with overlaps -------------------------------------------------


def components(c: Candidates, usable: np.ndarray) -> np.ndarray:
    """Connected component number of every candidate (requests and volunteers as nodes)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n_req, n_vol = len(c.requests), len(c.volunteers)
    edges = np.nonzero(usable)[0]
    graph = coo_matrix(
        (np.ones(edges.size), (c.request[edges], n_req + c.volunteer[edges])),
        shape=(n_req + n_vol, n_req + n_vol),
    )
    _count, labels = connected_components(graph, directed=False)
    label = np.full(len(c), -1, dtype=np.int64)
    label[edges] = labels[c.request[edges]]
    return label


def solve_exact(
    c: Candidates, edges: np.ndarray, forced: np.ndarray, time_limit: float
) -> tuple[np.ndarray | None, bool]:
    """Optimal chosen pairs among `edges` (one component) with every overlap constraint, by
    branch-and-bound (HiGHS). Returns (chosen or None, proven optimal)."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    n = edges.size
    local = {int(e): i for i, e in enumerate(edges.tolist())}
    weights = c.weights()
    big = coverage_weight(c, edges)
    slots = _load_slots(c, edges)
    shifts = np.nonzero(slots)[0]
    load_shift = np.repeat(shifts, slots[shifts])
    load_rank = np.arange(load_shift.size) - np.repeat(np.cumsum(slots[shifts]) - slots[shifts], slots[shifts])
    n_vars = n + load_shift.size
    # Minimise (pair cost - big * urgency weight) + load cost: the flow's objective shifted.
    objective = np.concatenate([c.cost[edges] - big * weights[c.request[edges]], LOAD_STEP * load_rank])

    matrices = []
    lower: list[np.ndarray] = []
    upper: list[np.ndarray] = []
    # Each request at most once.
    _, row = np.unique(c.request[edges], return_inverse=True)
    matrices.append((np.ones(n), row, np.arange(n), int(row.max()) + 1))
    lower.append(np.full(int(row.max()) + 1, -np.inf))
    upper.append(np.ones(int(row.max()) + 1))
    # Each shift: its pairs use its load units, one each, at most its capacity of them.
    shift_row = {int(s): i for i, s in enumerate(shifts.tolist())}
    pair_rows = np.array([shift_row[int(s)] for s in c.shift[edges].tolist()], dtype=np.int64)
    unit_rows = np.array([shift_row[int(s)] for s in load_shift.tolist()], dtype=np.int64)
    matrices.append((
        np.concatenate([np.ones(n), -np.ones(load_shift.size)]),
        np.concatenate([pair_rows, unit_rows]),
        np.concatenate([np.arange(n), n + np.arange(load_shift.size)]),
        shifts.size,
    ))
    lower.append(np.zeros(shifts.size))
    upper.append(np.zeros(shifts.size))
    # No two overlapping in-person requests for one volunteer: one row per maximal clique.
    cliques = maximal_cliques(c, edges)
    if cliques:
        clique_row = np.concatenate([np.full(len(q), i) for i, q in enumerate(cliques)])
        clique_col = np.array([local[e] for q in cliques for e in q], dtype=np.int64)
        matrices.append((np.ones(clique_col.size), clique_row, clique_col, len(cliques)))
        lower.append(np.full(len(cliques), -np.inf))
        upper.append(np.ones(len(cliques)))
    constraints = []
    for (values, r, col, height), low, high in zip(matrices, lower, upper):
        matrix = coo_matrix((values, (r, col)), shape=(height, n_vars)).tocsr()
        constraints.append(LinearConstraint(matrix, low, high))
    low_bound = np.zeros(n_vars)
    low_bound[[local[int(e)] for e in np.nonzero(forced)[0].tolist() if int(e) in local]] = 1
    integrality = np.concatenate([np.ones(n), np.zeros(load_shift.size)])
    result = milp(
        objective.astype(float), constraints=constraints, integrality=integrality,
        bounds=Bounds(low_bound, np.ones(n_vars)),
        options={"mip_rel_gap": 0.0, "time_limit": max(0.1, time_limit), "presolve": True},
    )
    if result.x is None:
        return None, False
    chosen = np.zeros(len(c), dtype=bool)
    chosen[edges[result.x[:n] > 0.5]] = True
    return chosen, result.status == 0 and bool(np.all(np.abs(result.x[:n] - np.round(result.x[:n])) < 1e-6))


def better(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Plan value `a` beats `b`: more urgency-weighted coverage, then a lower cost."""
    return (a[0], -a[1]) > (b[0], -b[1])


def keep_disjoint(c: Candidates, chosen: np.ndarray, forced: np.ndarray) -> np.ndarray:
    """Per volunteer, the most valuable set of pairwise disjoint in-person requests among the
    chosen ones (weighted interval scheduling); forced pairs are always kept."""
    kept = chosen.copy()
    starts, ends = c.windows()
    weights = c.weights()
    big = coverage_weight(c, np.nonzero(chosen)[0])
    by_volunteer: dict[int, list[int]] = defaultdict(list)
    for e in np.nonzero(chosen & c.in_person)[0].tolist():
        by_volunteer[int(c.volunteer[e])].append(e)
    for pairs in by_volunteer.values():
        pairs.sort(key=lambda e: (int(ends[c.request[e]]), int(starts[c.request[e]])))
        finish = [int(ends[c.request[e]]) for e in pairs]
        value = [
            int(weights[c.request[e]]) * big - int(c.cost[e]) + (big * 100 if forced[e] else 0)
            for e in pairs
        ]
        before = [
            int(np.searchsorted(finish[:i], int(starts[c.request[e]]), side="right"))
            for i, e in enumerate(pairs)
        ]
        best = [0] * (len(pairs) + 1)
        for i in range(len(pairs)):
            best[i + 1] = max(best[i], best[before[i]] + value[i])
        for e in pairs:
            kept[e] = False
        i = len(pairs)
        while i > 0:
            if best[i] == best[i - 1]:
                i -= 1
            else:
                kept[pairs[i - 1]] = True
                i = before[i - 1]
    return kept


def repair(c: Candidates, chosen: np.ndarray, forced: np.ndarray, deadline: float,
           max_rounds: int = 12) -> np.ndarray:
    """A valid plan close to the relaxation's optimum, for when the exact search runs out of
    time: keep each volunteer's best disjoint in-person requests, pin them, forbid what
    overlaps them, and solve the flow again for the rest, until no overlap is left."""
    usable = np.ones(len(c), dtype=bool)
    pinned = forced.copy()
    starts, ends = c.windows()
    for _ in range(max_rounds):
        clashing = overlapping_volunteers(c, chosen)
        if clashing.size == 0:
            return chosen
        if time.perf_counter() > deadline:
            break
        kept = keep_disjoint(c, chosen, pinned)
        for v in clashing.tolist():
            mine = np.nonzero(kept & c.in_person & (c.volunteer == v))[0]
            pinned[mine] = True
            others = np.nonzero(c.in_person & (c.volunteer == v) & ~kept)[0]
            for e in mine.tolist():
                a, b = starts[c.request[e]], ends[c.request[e]]
                overlap = (starts[c.request[others]] < b) & (a < ends[c.request[others]])
                usable[others[overlap]] = False
        chosen = solve_flow(c, usable, pinned)
    return keep_disjoint(c, chosen, pinned)


def solve(
    c: Candidates, forced: np.ndarray | None = None, time_limit: float = DEFAULT_TIME_LIMIT
) -> Solution:
    """The optimal chosen pairs of `c` (see the module docstring)."""
    forced = np.zeros(len(c), dtype=bool) if forced is None else forced
    started = time.perf_counter()
    chosen = solve_flow(c, np.ones(len(c), dtype=bool), forced)
    flow_seconds = time.perf_counter() - started
    bound = plan_value(c, chosen)
    clashing = overlapping_volunteers(c, chosen)
    optimal = True
    searched = 0
    if clashing.size:
        deadline = started + time_limit
        label = components(c, np.ones(len(c), dtype=bool))
        volunteer_component = {int(c.volunteer[e]): int(label[e]) for e in np.nonzero(chosen)[0].tolist()}
        todo = sorted({volunteer_component[int(v)] for v in clashing.tolist()},
                      key=lambda k: int(np.count_nonzero(label == k)))
        # A valid plan first (with at most half the time), then the exact search per component,
        # smallest first, while time is left.
        fallback = repair(c, chosen, forced, started + time_limit / 2)
        for component in todo:
            inside = label == component
            edges = np.nonzero(inside)[0]
            left = deadline - time.perf_counter()
            # HiGHS checks its time limit only between steps, and its first LP alone takes
            # about this long: a component that cannot even start in time is not searched.
            feasible = left > max(0.5, SECONDS_PER_PAIR * edges.size)
            exact, proven = solve_exact(c, edges, forced, left) if feasible else (None, False)
            searched += 1
            mine = fallback & inside
            if exact is None or better(plan_value(c, mine), plan_value(c, exact & inside)):
                exact, proven = mine, False
            chosen[edges] = exact[edges]
            optimal = optimal and proven
    return Solution(chosen, optimal, flow_seconds, time.perf_counter() - started - flow_seconds,
                    searched, int(clashing.size), bound)
