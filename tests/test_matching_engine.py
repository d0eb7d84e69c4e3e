"""The matching engine on plain records: optimal (checked by brute force), valid, explained."""

from __future__ import annotations

import itertools
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disastercenter.matching import candidates as cand
from disastercenter.matching.engine import match
from disastercenter.matching.explain import (
    describe_proposal,
    describe_unmet,
    render,
    short_name,
)
from disastercenter.matching.greedy import greedy_first_come
from disastercenter.matching.model import (
    LEVEL_RANK,
    Fixed,
    Plan,
    Request,
    Volunteer,
    Window,
)
from disastercenter.matching.scenarios import DAY0, random_scenario
from disastercenter.matching.solve import plan_value

H = 60  # minutes


def at(hour: float, length: float = 1) -> Window:
    return Window(DAY0 + int(hour * H), DAY0 + int((hour + length) * H))


def volunteer(vid: str, languages: dict[str, str], *shifts: Window, **fields: object) -> Volunteer:
    fields.setdefault("reach", {"s1": 0})
    return Volunteer(vid, fields.pop("name", vid.upper()), languages=languages,  # type: ignore[arg-type]
                     shifts=shifts or (at(8, 10),), **fields)  # type: ignore[arg-type]


def request(rid: str, languages: tuple[str, ...], window: Window, **fields: object) -> Request:
    fields.setdefault("shelter_id", "s1")
    return Request(rid, languages, window, label=rid, **fields)  # type: ignore[arg-type]


# -- an independent reference: hard constraints and costs written out plainly -------------------


def _shifts(v: Volunteer) -> list[Window]:
    good = sorted((w for w in v.shifts if w.end > w.start), key=lambda w: (w.start, w.end))
    merged: list[Window] = []
    for w in good:
        if merged and w.start < merged[-1].end:
            merged[-1] = Window(merged[-1].start, max(merged[-1].end, w.end))
        else:
            merged.append(w)
    return merged


def options(r: Request, v: Volunteer, rejected: set[tuple[str, str]]) -> list[tuple[bool, int, int]]:
    """(in person, shift number, preference cost) for every way `v` can take `r`."""
    if not v.active or not v.languages or v.max_per_shift <= 0 or (r.id, v.id) in rejected:
        return []
    if r.window.end <= r.window.start:
        return []
    shift = next((n for n, w in enumerate(_shifts(v)) if w.contains(r.window)), None)
    if shift is None or (r.skill and r.skill not in v.skills) or (r.gender and v.sex != r.gender):
        return []
    spoken = [(rank, code) for rank, code in enumerate(r.languages) if code in v.languages]
    if not spoken:
        return []
    out = []
    for in_person in (True, False):
        if in_person:
            if not r.in_person:
                continue
            if r.shelter_id is not None and r.shelter_id not in v.reach:
                continue
            place = v.reach[r.shelter_id] if r.shelter_id is not None else None
            place_cost = min(place, cand.TRAVEL_CAP) if place is not None else cand.TRAVEL_UNKNOWN
        else:
            if not (v.remote and (not r.in_person or r.remote_ok)):
                continue
            place_cost = cand.REMOTE_INSTEAD if r.in_person else 0
        related = {"medical": "medical", "procedures": "legal"}.get(r.kind)
        best = min(
            cand.LANGUAGE_STEP * rank + cand.LEVEL_STEP * LEVEL_RANK[v.languages[code]]
            for rank, code in spoken
        )
        best += cand.RELATED_SKILL_MISSING if related and related not in v.skills else 0
        best += cand.NO_CONTINUITY if r.served_by and v.id not in r.served_by else 0
        out.append((in_person, shift, best + place_cost))
    return out


def brute_force(requests: list[Request], volunteers: list[Volunteer],
                rejected: set[tuple[str, str]] = frozenset()) -> tuple[int, int]:  # type: ignore[assignment]
    """The best (urgency-weighted coverage, -cost) over every possible plan."""
    choices = []
    for r in requests:
        opts = [(v.id, ip, shift, cost, v.max_per_shift)
                for v in volunteers for ip, shift, cost in options(r, v, set(rejected))]
        choices.append([None, *opts])
    best = (0, 0)
    remaining = [sum(r.weight for r in requests[i:]) for i in range(len(requests) + 1)]

    def search(i: int, used: dict, busy: dict, covered: int, cost: int) -> None:
        nonlocal best
        if covered + remaining[i] < best[0]:
            return
        if i == len(requests):
            # The k-th assignment of a shift costs LOAD_STEP * (k - 1).
            extra = sum(cand.LOAD_STEP * n * (n - 1) // 2 for n in used.values())
            value = (covered, -(cost + extra))
            if value > best:
                best = value
            return
        r = requests[i]
        for option in choices[i]:
            if option is None:
                search(i + 1, used, busy, covered, cost)
                continue
            vid, ip, shift, c, cap = option
            if used.get((vid, shift), 0) >= cap:
                continue
            if ip and any(w.overlaps(r.window) for w in busy.get(vid, ())):
                continue
            used[(vid, shift)] = used.get((vid, shift), 0) + 1
            if ip:
                busy.setdefault(vid, []).append(r.window)
            search(i + 1, used, busy, covered + r.weight, cost + c)
            used[(vid, shift)] -= 1
            if ip:
                busy[vid].pop()

    search(0, {}, {}, 0, 0)
    return best


def assert_valid(plan: Plan, requests: list[Request], volunteers: list[Volunteer]) -> None:
    """Every proposal meets every hard constraint (checked without the engine's code)."""
    by_id = {r.id: r for r in requests}
    people = {v.id: v for v in volunteers}
    assert len({p.request_id for p in plan.proposals}) == len(plan.proposals)
    per_shift: dict[tuple[str, int], int] = defaultdict(int)
    busy: dict[str, list[Window]] = defaultdict(list)
    for p in plan.proposals:
        r, v = by_id[p.request_id], people[p.volunteer_id]
        ways = options(r, v, set())
        assert any(ip == (p.mode == "in_person") for ip, _, _ in ways), (r, v, p)
        shift = next(s for ip, s, _ in ways)
        per_shift[(v.id, shift)] += 1
        assert per_shift[(v.id, shift)] <= v.max_per_shift
        if p.mode == "in_person":
            assert not any(w.overlaps(r.window) for w in busy[v.id])
            busy[v.id].append(r.window)
        assert p.language in r.languages and p.language in v.languages


# -- strategies for small, messy problems --------------------------------------------------------

LANGS = ("vi", "en", "ne", "hi")


@st.composite
def problems(draw: st.DrawFn, max_requests: int = 7, max_volunteers: int = 4) -> tuple[list[Request], list[Volunteer]]:
    n_vol = draw(st.integers(1, max_volunteers))
    volunteers = []
    for n in range(n_vol):
        spoken = draw(st.lists(st.sampled_from(LANGS), max_size=2, unique=True))
        levels = {code: draw(st.sampled_from(tuple(LEVEL_RANK))) for code in spoken}
        shifts = tuple(
            Window(DAY0 + a * 30, DAY0 + b * 30)
            for a, b in draw(st.lists(st.tuples(st.integers(16, 30), st.integers(14, 34)), min_size=1, max_size=2))
        )
        volunteers.append(Volunteer(
            f"v{n}", f"V{n}", sex=draw(st.sampled_from(("female", "male"))), languages=levels,
            skills=frozenset(draw(st.lists(st.sampled_from(("medical", "legal")), max_size=2))),
            shifts=shifts, reach=draw(st.sampled_from(({"s1": 0}, {"s1": 30, "s2": 0}, {"s2": 15}))),
            remote=draw(st.booleans()), max_per_shift=draw(st.integers(0, 3)),
            active=draw(st.booleans()) or n == 0,
        ))
    requests = []
    for n in range(draw(st.integers(0, max_requests))):
        start = draw(st.integers(16, 30))
        languages = tuple(draw(st.lists(st.sampled_from(LANGS), min_size=1, max_size=2, unique=True)))
        place = draw(st.sampled_from(("shelter", "hospital", "remote")))
        requests.append(Request(
            f"r{n}", languages, Window(DAY0 + start * 30, DAY0 + (start + draw(st.integers(1, 4))) * 30),
            urgency=draw(st.sampled_from(("critical", "high", "normal", "low"))),
            kind=draw(st.sampled_from(("medical", "consultation", "procedures"))),
            place=place, shelter_id=draw(st.sampled_from(("s1", "s2", None))),
            remote_ok=draw(st.booleans()),
            skill=draw(st.sampled_from((None, None, "medical"))),
            gender=draw(st.sampled_from((None, None, "female"))),
            served_by=frozenset(draw(st.lists(st.sampled_from([f"v{i}" for i in range(n_vol)]), max_size=1))),
            order=n, label=f"R{n}",
        ))
    return requests, volunteers


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_on_small_problems_the_plan_equals_the_brute_force_optimum(problem) -> None:  # type: ignore[no-untyped-def]
    requests, volunteers = problem
    plan = match(requests, volunteers)
    assert_valid(plan, requests, volunteers)
    covered, cost = plan.objective
    assert (covered, -cost) == brute_force(requests, volunteers)
    assert plan.optimal
    assert len(plan.proposals) + len(plan.unmet) == len(requests)
    for unmet in plan.unmet:  # every unmet request says why
        assert unmet.reasons and all(render(r, "en") and render(r, "ja") for r in unmet.reasons)


def dense_problem(seed: int, n_requests: int = 10) -> tuple[list[Request], list[Volunteer]]:
    """Few languages, long shifts, free windows: the flow alone often double-books someone."""
    import random

    rng = random.Random(seed)
    volunteers = [
        volunteer(f"v{n}", {"vi": rng.choice(("native", "fluent")), **({"en": "fluent"} if n == 0 else {})},
                  Window(DAY0 + 8 * H, DAY0 + 18 * H), max_per_shift=rng.randint(2, 3),
                  remote=n == 1, skills=frozenset({"medical"}) if n == 2 else frozenset())
        for n in range(3)
    ]
    requests = []
    for n in range(n_requests):
        start = rng.randrange(16, 32) * 30
        requests.append(request(
            f"r{n}", rng.choice((("vi",), ("vi", "en"), ("en",))),
            Window(DAY0 + start, DAY0 + start + rng.choice((60, 90, 120))),
            urgency=rng.choice(("critical", "high", "normal", "low")),
            kind=rng.choice(("medical", "consultation")), remote_ok=rng.random() < 0.3, order=n,
        ))
    return requests, volunteers


def test_ten_requests_with_overlapping_windows_equal_the_brute_force_optimum() -> None:
    searched = 0
    for seed in range(12):
        requests, volunteers = dense_problem(seed)
        plan = match(requests, volunteers)
        assert_valid(plan, requests, volunteers)
        assert (plan.objective[0], -plan.objective[1]) == brute_force(requests, volunteers)
        assert plan.optimal
        searched += plan.solver["components_searched"] > 0
    assert searched >= 3, "the exact search (not only the flow) must be exercised"


def test_overlapping_in_person_requests_go_to_different_volunteers() -> None:
    people = [volunteer("a", {"vi": "native"}, max_per_shift=3),
              volunteer("b", {"vi": "fluent"}, max_per_shift=3)]
    plan = match([request("r1", ("vi",), at(10, 2)), request("r2", ("vi",), at(11, 2))], people)
    assert {p.volunteer_id for p in plan.proposals} == {"a", "b"}
    # Without the second volunteer one of them stays unmet, the more urgent one is served.
    plan = match([request("r1", ("vi",), at(10, 2)),
                  request("r2", ("vi",), at(11, 2), urgency="critical")], people[:1])
    assert [p.request_id for p in plan.proposals] == ["r2"]
    assert plan.unmet[0].reasons[0].code == "unmet.busy"


def test_remote_requests_may_overlap_but_capacity_per_shift_holds() -> None:
    person = volunteer("a", {"vi": "native"}, remote=True, max_per_shift=2)
    calls = [request(f"r{n}", ("vi",), at(10, 1), place="remote") for n in range(3)]
    plan = match(calls, [person])
    assert len(plan.proposals) == 2 and all(p.mode == "remote" for p in plan.proposals)


def test_the_exact_language_beats_a_fallback_and_a_better_level_wins() -> None:
    people = [volunteer("en", {"en": "native"}), volunteer("ne2", {"ne": "conversational"}),
              volunteer("ne1", {"ne": "native"})]
    plan = match([request("r", ("ne", "en"), at(10))], people)
    assert plan.proposals[0].volunteer_id == "ne1" and plan.proposals[0].language_rank == 0
    plan = match([request("r", ("ne", "en"), at(10))], people[:1])
    assert plan.proposals[0].volunteer_id == "en" and plan.proposals[0].language_rank == 1


def test_coverage_comes_before_preferences() -> None:
    # The Nepali speaker could serve the Nepali request (exact language) but then the English
    # one would stay unmet; covering both needs the fallback.
    people = [volunteer("ne", {"ne": "native", "en": "fluent"}, max_per_shift=1),
              volunteer("en", {"en": "native"}, max_per_shift=1)]
    requests = [request("r1", ("en", "ne"), at(10)), request("r2", ("ne",), at(10))]
    plan = match(requests, people[:1] + [volunteer("x", {"vi": "native"})])
    assert len(plan.proposals) == 1
    plan = match([request("r1", ("ne", "en"), at(10)), request("r2", ("ne",), at(10))], people)
    assert {(p.request_id, p.volunteer_id) for p in plan.proposals} == {("r1", "en"), ("r2", "ne")}


def test_confirmed_assignments_are_kept_and_rejected_pairs_never_come_back() -> None:
    people = [volunteer("best", {"vi": "native"}), volunteer("other", {"vi": "basic"})]
    r = request("r", ("vi",), at(10))
    assert match([r], people).proposals[0].volunteer_id == "best"
    kept = match([r], people, fixed=[Fixed("r", "other", assignment_id="a1")])
    assert (kept.proposals[0].volunteer_id, kept.proposals[0].fixed) == ("other", True)
    assert kept.proposals[0].assignment_id == "a1"
    assert match([r], people, rejected=[("r", "best")]).proposals[0].volunteer_id == "other"
    none = match([r], people, rejected=[("r", "best"), ("r", "other")])
    assert none.unmet[0].reasons[0].code == "unmet.all_rejected"


def test_a_volunteer_deactivated_after_assignment_is_explained_and_replaced() -> None:
    gone = volunteer("gone", {"vi": "native"}, active=False, name="NGUYEN Thi Lan")
    people = [gone, volunteer("other", {"vi": "fluent"})]
    plan = match([request("r", ("vi",), at(10))], people, fixed=[Fixed("r", "gone")])
    assert plan.proposals[0].volunteer_id == "other" and not plan.proposals[0].fixed
    assert [w.code for w in plan.warnings] == ["fixed.volunteer_inactive"]
    assert "NGUYEN Thi Lan" in render(plan.warnings[0], "en")
    assert "活動停止" in render(plan.warnings[0], "ja")


def test_two_confirmed_assignments_at_the_same_time_keep_the_more_urgent() -> None:
    people = [volunteer("a", {"vi": "native"}, max_per_shift=3), volunteer("b", {"vi": "basic"})]
    requests = [request("low", ("vi",), at(10, 2), urgency="low"),
                request("high", ("vi",), at(11), urgency="high")]
    plan = match(requests, people, fixed=[Fixed("low", "a"), Fixed("high", "a")])
    by_request = {p.request_id: p for p in plan.proposals}
    assert by_request["high"].volunteer_id == "a" and by_request["high"].fixed
    assert by_request["low"].volunteer_id == "b"
    assert [w.code for w in plan.warnings] == ["fixed.overlap"]


def test_bad_input_is_explained_and_never_crashes() -> None:
    people = [
        volunteer("nolang", {}),
        volunteer("zero", {"vi": "native"}, max_per_shift=0),
        volunteer("inverted", {"vi": "native"}, Window(DAY0 + 900, DAY0 + 600)),
        volunteer("overlap", {"vi": "native"}, at(9, 3), at(11, 3), max_per_shift=1),
    ]
    requests = [
        request("km", ("km",), at(10)),  # nobody speaks Khmer
        request("backwards", ("vi",), Window(DAY0 + 700, DAY0 + 640)),
        request("nolanguage", (), at(10)),
        request("vi1", ("vi",), at(10)),
        request("vi2", ("vi",), at(13)),
    ]
    plan = match(requests, people)
    codes = {u.request_id: [r.code for r in u.reasons] for u in plan.unmet}
    assert codes["km"][0] == "unmet.nobody_speaks"
    assert codes["backwards"] == ["unmet.invalid_window"]
    assert codes["nolanguage"] == ["unmet.no_language"]
    # The overlapping windows became one shift 09:00-14:00 with room for one request.
    assert len(plan.proposals) == 1 and plan.proposals[0].volunteer_id == "overlap"
    warnings = {w.code for w in plan.warnings}
    assert {"volunteer.no_languages", "volunteer.no_capacity", "volunteer.window_inverted",
            "volunteer.windows_overlap"} <= warnings
    for item in plan.warnings:
        assert "{" not in render(item, "en") and "{" not in render(item, "ja")
    # Duplicate ids (e.g. after a bad merge) are tolerated too.
    assert match(requests + requests[:1], people + people[:1]).stats.requests == len(requests)
    assert match([], []).stats.coverage == 1.0


def test_unmet_requests_say_which_constraint_failed_and_suggest_a_fallback() -> None:
    people = [volunteer("hi", {"hi": "native"}, at(8, 4)), volunteer("en", {"en": "fluent"}, at(13, 4)),
              volunteer("ne", {"ne": "native"}, at(8, 3), sex="male")]
    plan = match([request("r", ("ne",), at(14, 2), urgency="high")], people)
    text = describe_unmet(plan.unmet[0], "en")
    assert text == ("No Nepali interpreter free 9/1 14:00–16:00. "
                    "1 English-speaking volunteer free — use English fallback?")
    assert describe_unmet(plan.unmet[0], "ja").startswith("9/1 14:00–16:00に空いているネパール語の通訳者がいません。")
    plan = match([request("r", ("ne",), at(9), gender="female")], people)
    assert plan.unmet[0].reasons[0].code == "unmet.no_gender"
    plan = match([request("r", ("ne",), at(9), skill="medical")], people)
    assert plan.unmet[0].reasons[0].code == "unmet.no_skill"
    plan = match([request("r", ("ne",), at(9), shelter_id="far")], people)
    assert "none can reach the shelter" in describe_unmet(plan.unmet[0], "en")


def test_proposals_are_explained_in_japanese_and_english() -> None:
    nguyen = volunteer("n", {"vi": "native"}, skills=frozenset({"medical"}), name="NGUYEN Thi Lan")
    plan = match([request("r", ("vi",), at(10), kind="medical", place="hospital")], [nguyen])
    name = short_name(nguyen.name)
    assert describe_proposal(plan.proposals[0], name, "en") == "Nguyen T. — Vietnamese native, medical, same shelter"
    assert describe_proposal(plan.proposals[0], name, "ja") == "Nguyen T. — ベトナム語（母語）、医療、同じ避難所"


def test_the_exact_plan_is_never_worse_than_first_come_first_served() -> None:
    for seed in range(5):
        scenario = random_scenario(seed, 120, 30, free_windows=seed % 2 == 1)
        plan = match(scenario.requests, scenario.volunteers)
        greedy = greedy_first_come(cand.build_candidates(scenario.requests, scenario.volunteers))
        c = cand.build_candidates(scenario.requests, scenario.volunteers)
        assert plan.objective[0] >= plan_value(c, greedy)[0]
        assert plan.optimal
        assert_valid(plan, scenario.requests, scenario.volunteers)


def test_the_same_input_gives_the_same_plan() -> None:
    scenario = random_scenario(3, 300, 60, free_windows=True)
    first = match(scenario.requests, scenario.volunteers)
    again = match(list(reversed(scenario.requests)), scenario.volunteers)
    assert first.objective == again.objective
    assert len(list(itertools.chain(first.proposals))) == len(again.proposals)


def test_the_gap_report_shows_unmet_demand_against_supply_per_language_and_window() -> None:
    from disastercenter.matching.gaps import gap_report

    people = [volunteer("vi", {"vi": "native"}, at(8, 4), max_per_shift=1),
              volunteer("ne", {"ne": "native"}, at(14, 4), active=False)]
    requests = [request("a", ("vi",), at(9), urgency="critical"), request("b", ("vi",), at(10, 1)),
                request("c", ("ne",), at(14), urgency="high"), request("d", ("ne",), at(15))]
    plan = match(requests, people)
    rows = gap_report(requests, people, plan)
    summary = [(r.language, r.hours, r.requests, r.covered, r.unmet, r.unmet_urgent, r.unmet_weight,
                r.speakers_on_shift, r.speakers_idle) for r in rows]
    assert summary == [
        ("ne", "14:00–16:00", 2, 0, 2, 1, 6, 0, 0),
        ("vi", "10:00–12:00", 1, 0, 1, 0, 2, 1, 1),
        ("vi", "08:00–10:00", 1, 1, 0, 0, 0, 1, 0),
    ]
    assert rows[0].date == "2026-09-01"
