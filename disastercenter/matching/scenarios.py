"""Seeded synthetic matching problems: for benchmarks, tests and drills.

The mix follows the demo data: many Chinese, Vietnamese, Filipino and Brazilian residents,
fewer Nepali or Burmese ones, and interpreters scarcest where demand is small. English is
the common fallback. Requests cluster in office hours; volunteers come in shifts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone

from disastercenter.core.languages import fallback_chain
from disastercenter.matching.model import Request, Volunteer, Window

#: 2026-09-01 00:00 in Japan, in minutes since the epoch: a fixed day, so scenarios are stable.
DAY0 = int(datetime(2026, 8, 31, 15, 0, tzinfo=timezone.utc).timestamp()) // 60

_DEMAND = (
    ("zh-Hans", 26), ("vi", 16), ("tl", 11), ("pt-BR", 9), ("ko", 7), ("ne", 7), ("id", 4),
    ("en", 4), ("es", 3), ("th", 3), ("my", 3), ("si", 2), ("bn", 1), ("mn", 1), ("km", 1),
    ("ur", 1), ("fa", 1),
)
#: Interpreters per unit of demand (English-speaking Japanese volunteers are plenty).
_SUPPLY = {
    "zh-Hans": 0.9, "vi": 0.5, "tl": 0.4, "pt-BR": 0.6, "ko": 0.9, "ne": 0.25, "id": 0.4,
    "en": 5.0, "es": 0.8, "th": 0.4, "my": 0.2, "si": 0.2, "bn": 0.2, "mn": 0.3, "km": 0.1,
    "ur": 0.2, "fa": 0.2, "hi": 0.3, "zh-Hant": 0.5,
}
_KINDS = (("medical", 28), ("registration", 18), ("consultation", 20), ("procedures", 16),
          ("notice_translation", 6), ("phone_video", 12))
_URGENCY = (("critical", 8), ("high", 22), ("normal", 50), ("low", 20))
_SHIFTS = ((8 * 60, 12 * 60), (12 * 60, 16 * 60), (8 * 60, 16 * 60), (16 * 60, 20 * 60))
#: Two-hour dispatch slots (from 08:00): what the request dialog offers by default.
SLOTS = tuple((hour * 60, hour * 60 + 120) for hour in range(8, 20, 2))
_LEVELS = (("native", 30), ("fluent", 35), ("conversational", 30), ("basic", 5))


@dataclass
class Scenario:
    requests: list[Request]
    volunteers: list[Volunteer]
    shelters: list[str]


def _pick(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def random_scenario(
    seed: int,
    requests: int,
    volunteers: int,
    *,
    days: int = 1,
    shelters: int = 10,
    max_per_shift: int = 3,
    free_windows: bool = False,
) -> Scenario:
    """A reproducible problem: the same arguments give the same requests and volunteers.

    Request windows are two-hour dispatch slots, or with `free_windows` any half hour from
    08:00 to 18:30 lasting one to two hours (windows that overlap in every possible way).
    """
    rng = random.Random(seed)
    shelter_ids = [f"shelter-{n:03d}" for n in range(max(1, shelters))]
    out_requests: list[Request] = []
    for number in range(requests):
        primary = _pick(rng, _DEMAND)
        languages = [primary]
        for fallback in fallback_chain(primary)[1:]:
            if fallback != "ja-x-easy" and rng.random() < 0.3:
                languages.append(fallback)
        if rng.random() < 0.15:
            languages.append("ja-x-easy")
        kind = _pick(rng, _KINDS)
        place = {"medical": "hospital", "phone_video": "remote", "procedures": "office"}.get(kind, "shelter")
        day = rng.randrange(days)
        if free_windows:  # any half hour from 08:00, one to two hours
            start = DAY0 + day * 1440 + rng.randrange(16, 38) * 30
            length = rng.choice((60, 60, 90, 120))
        else:  # a dispatch slot
            low, high = rng.choice(SLOTS)
            start, length = DAY0 + day * 1440 + low, high - low
        out_requests.append(Request(
            id=f"r{number:05d}",
            languages=tuple(dict.fromkeys(languages)),
            window=Window(start, start + length),
            urgency=_pick(rng, _URGENCY),
            kind=kind,
            place=place,
            shelter_id=rng.choice(shelter_ids),
            remote_ok=place != "remote" and rng.random() < 0.3,
            skill="medical" if kind == "medical" and rng.random() < 0.4 else None,
            gender=("female" if rng.random() < 0.8 else "male") if rng.random() < 0.08 else None,
            person_id=f"p{rng.randrange(requests * 2):05d}",
            label=f"P{number}",
            order=number,
        ))
    supply = [(code, _SUPPLY.get(code, 0.1) * weight) for code, weight in _DEMAND]
    supply.append(("en", 60.0))
    supply_table = tuple((code, max(1, round(weight * 10))) for code, weight in supply)
    out_volunteers: list[Volunteer] = []
    for number in range(volunteers):
        languages: dict[str, str] = {}
        if rng.random() < 0.3:  # a foreign resident volunteering in their own language
            own = _pick(rng, _DEMAND)
            languages[own] = "native"
            languages["ja"] = _pick(rng, (("fluent", 40), ("conversational", 60)))
            if own != "en" and rng.random() < 0.4:
                languages["en"] = _pick(rng, _LEVELS)
        else:
            languages["ja"] = "native"
            for _ in range(rng.choice((1, 1, 2))):
                code = _pick(rng, supply_table)
                languages.setdefault(code, _pick(rng, _LEVELS[1:]))
            if rng.random() < 0.1:
                languages["ja-x-easy"] = "fluent"
        shifts = []
        for day in range(days):
            if rng.random() < 0.7:
                low, high = rng.choice(_SHIFTS)
                shifts.append(Window(DAY0 + day * 1440 + low, DAY0 + day * 1440 + high))
        base = rng.randrange(len(shelter_ids))
        reach = {shelter_ids[base]: 0}
        for _ in range(rng.randrange(2, 8)):
            reach.setdefault(rng.choice(shelter_ids), rng.randrange(10, 90, 5))
        skills = frozenset(s for s, p in (("medical", 0.15), ("legal", 0.08), ("children", 0.15))
                           if rng.random() < p)
        out_volunteers.append(Volunteer(
            id=f"v{number:04d}",
            name=f"V{number}",
            sex="female" if rng.random() < 0.55 else "male",
            languages=languages,
            skills=skills,
            shifts=tuple(shifts),
            reach=reach,
            remote=rng.random() < 0.35,
            max_per_shift=rng.randint(1, max_per_shift),
        ))
    return Scenario(out_requests, out_volunteers, shelter_ids)
