"""A labelled test set for duplicate detection: synthetic people registered twice, and people
who only look alike.

`duplicate_scenario(seed, persons, ...)` takes a synthetic population (core.synthetic) as the
persons already in a workspace, then makes a second batch as another shelter would register it:

- re-registrations: whole households again (a member sometimes missing), each person written
  the way another clerk would write them: passport name with or without diacritics, in another
  order or case, sometimes missing; the katakana reading with other separators, in hiragana or
  half-width, with バ for ヴァ, sometimes missing; the date of birth sometimes missing, mistyped
  or (rarely) wrong; the phone in another format, missing or changed.
- hard negatives (different people): namesakes (same name, another date of birth and phone),
  near namesakes (Nguyen Van An / Nguyen Van Anh, born a few months apart), siblings at another
  shelter (same family name and phone, close birth dates) and twins (same birthday too).
- new people: households that are nobody's duplicate.

`truth` holds the (first index, second index) pairs of persons who are the same; indexes are
positions in `first_persons()` and `second_persons()`. Deterministic for a seed.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from disastercenter.core.name_match import is_latin_text
from disastercenter.core.synthetic import (
    SyntheticHousehold,
    SyntheticPerson,
    generate_population,
)
from disastercenter.core.vocab import age_band_for

KINDS = ("reregistered", "namesake", "near_namesake", "sibling", "twin", "new")

_REFERENCE = date(2026, 11, 20)


@dataclass
class DuplicateScenario:
    first: list[SyntheticHousehold]
    second: list[SyntheticHousehold]
    #: For each person of `second_persons()`, what it is (one of KINDS).
    kinds: list[str] = field(default_factory=list)
    #: (index in first_persons(), index in second_persons()) of the same person.
    truth: set[tuple[int, int]] = field(default_factory=set)
    shelters: int = 2

    def first_persons(self) -> list[SyntheticPerson]:
        return [m for h in self.first for m in h.members]

    def second_persons(self) -> list[SyntheticPerson]:
        return [m for h in self.second for m in h.members]


# -- how another clerk writes the same person ---------------------------------------------------


def _strip_marks(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(
        ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)
    )


def _swap_order(latin: str) -> str:
    """"NGUYEN Van An" -> "Van An NGUYEN": the family name (first word) moved to the end."""
    words = latin.split()
    return " ".join(words[1:] + words[:1]) if len(words) > 1 else latin


def _latin_variant(person: SyntheticPerson, rng: random.Random) -> str:
    latin = person.name_latin
    roll = rng.random()
    if roll < 0.45:
        return latin
    if roll < 0.62:
        # The other spelling: native Latin with diacritics, or the passport's plain capitals.
        native = person.name_native
        if native and native != latin and is_latin_text(native):
            words = native.split()
            return " ".join(words[-1:] + words[:-1]) if person.nationality != "VN" else native
        return _strip_marks(latin).upper()
    if roll < 0.74:
        return _swap_order(latin)
    if roll < 0.84:
        return rng.choice([latin.upper(), latin.lower(), latin.title()])
    if roll < 0.87:
        words = latin.split()
        if len(words) >= 2 and len(words[-1]) > 3:  # a typo in the given name
            word = words[-1]
            at = rng.randint(1, len(word) - 2)
            words[-1] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
            return " ".join(words)
        return latin
    return ""  # not recorded: only the reading or the native name


_HALF_WIDTH = str.maketrans(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン",
    "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ",
)


def _kana_variant(kana: str, rng: random.Random) -> str:
    if not kana:
        return ""
    roll = rng.random()
    if roll < 0.5:
        return kana
    if roll < 0.62:
        return rng.choice([kana.replace(" ", "・"), kana.replace(" ", "　"), kana.replace("・", " ")])
    if roll < 0.7:
        return "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in kana)
    if roll < 0.75:
        return kana.translate(_HALF_WIDTH) if "ー" not in kana and "゛" not in kana else kana
    if roll < 0.85:
        for variant, plain in (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴォ", "ボ"), ("ヴー", "ブー"),
                               ("ヴ", "ブ"), ("ー", "")):
            if variant in kana:
                return kana.replace(variant, plain)
        return kana
    return ""


def _birth_variant(person: SyntheticPerson, rng: random.Random) -> tuple[str | None, str | None]:
    born = person.birth_date
    if not born:
        return None, person.age_band
    roll = rng.random()
    if roll < 0.76:
        return born, person.age_band
    if roll < 0.88:
        return None, person.age_band  # not asked, only the age group
    day = date.fromisoformat(born)
    if roll < 0.97:
        if day.day <= 12 and day.day != day.month and rng.random() < 0.5:
            return _past(date(day.year, day.day, day.month), day).isoformat(), person.age_band
        return _past(day + timedelta(days=rng.choice((-1, 1))), day).isoformat(), person.age_band
    # Wrong: another year (misheard), so only the names and contacts can tell.
    other = date(day.year + rng.choice((-10, -1, 1, 10)), day.month, min(day.day, 28))
    return _past(other, day).isoformat(), person.age_band


def _phone_variant(phone: str, rng: random.Random) -> str:
    if not phone:
        return ""
    roll = rng.random()
    if roll < 0.55:
        return phone
    if roll < 0.68:
        digits = phone.replace("-", "")
        return rng.choice([digits, "+81 " + digits[1:3] + " " + digits[3:7] + " " + digits[7:]])
    if roll < 0.9:
        return ""
    return f"080-{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}"


def reregistration(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson:
    """The same person as another shelter's clerk might record them."""
    latin = _latin_variant(person, rng)
    kana = _kana_variant(person.name_kana, rng)
    native = person.name_native if rng.random() < 0.8 else ""
    if not (latin or kana or native):
        latin = person.name_latin
    if not latin and native == person.name_latin:
        native = ""  # a Latin-script "native" name is the passport name again
        latin = person.name_latin if not kana else ""
    birth_date, age_band = _birth_variant(person, rng)
    return replace(
        person,
        name_latin=latin,
        name_kana=kana,
        name_native=native,
        birth_date=birth_date,
        age_band=age_band,
        sex=person.sex if rng.random() < 0.97 else "unknown",
        nationality=person.nationality if rng.random() < 0.9 else None,
        phone=_phone_variant(person.phone, rng),
        messaging_id=person.messaging_id if rng.random() < 0.5 else "",
    )


# -- people who only look alike -----------------------------------------------------------------

#: Given-name words and a near-identical different name (Vietnamese An / Anh and friends).
_NEAR_NAMES = {
    "An": "Anh", "Anh": "An", "Lan": "Lanh", "Minh": "Min", "Hung": "Hưng", "Hùng": "Hưng",
    "Nam": "Năm", "Mai": "Mại", "Hoa": "Hòa", "Linh": "Lình", "Tuấn": "Tuân", "Hải": "Hà",
    "Wei": "Wen", "Min": "Ming", "Jie": "Jia", "Li": "Lin", "Fang": "Feng", "Jun": "Jin",
    "Maria": "Mario", "Ana": "Anna", "Jose": "Josue", "Juan": "Juana",
}


def _past(born: date, original: date) -> date:
    """`born`, or its mirror around `original` when it would lie in the future."""
    return born if born < _REFERENCE else original - (born - original)


def _with_birth(person: SyntheticPerson, born: date) -> SyntheticPerson:
    age = _REFERENCE.year - born.year - ((_REFERENCE.month, _REFERENCE.day) < (born.month, born.day))
    return replace(person, birth_date=born.isoformat(), age_band=age_band_for(max(age, 0)))


def _shifted_birth(person: SyntheticPerson, rng: random.Random, low: int, high: int) -> SyntheticPerson:
    if not person.birth_date:
        return person
    born = date.fromisoformat(person.birth_date)
    shift = rng.randint(low, high) * rng.choice((-1, 1))
    return _with_birth(person, _past(born + timedelta(days=shift), born))


def _new_phone(rng: random.Random) -> str:
    return f"090-{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}"


def namesake(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson:
    """Another person with exactly the same name, born another year, another phone."""
    other = _shifted_birth(person, rng, 400, 9000)
    return replace(other, phone=_new_phone(rng) if person.phone else "", messaging_id="")


def near_namesake(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    """Another person whose name differs in one given-name word (An / Anh), born within a
    year, maybe with the same phone (a relative's)."""
    def swap(text: str) -> str | None:
        words = text.split()
        for index in range(len(words) - 1, 0, -1):
            near = _NEAR_NAMES.get(words[index]) or _NEAR_NAMES.get(words[index].title())
            if near:
                words[index] = near if not words[index].isupper() else _strip_marks(near).upper()
                return " ".join(words)
        return None

    latin = swap(person.name_latin)
    if latin is None:
        return None
    native = (swap(person.name_native) or "") if is_latin_text(person.name_native) else ""
    other = _shifted_birth(person, rng, 20, 360)
    return replace(
        other, name_latin=latin, name_native=native or "", name_kana="",
        phone=person.phone if rng.random() < 0.3 else (_new_phone(rng) if person.phone else ""),
        messaging_id="",
    )


def sibling(person: SyntheticPerson, donor: SyntheticPerson, rng: random.Random, twin: bool) -> SyntheticPerson:
    """A brother or sister: the family name and phone of `person`, the given name of `donor`
    (someone of the same nationality), born 1–3 years apart (or the same day: a twin)."""
    family = person.name_latin.split()[:1]
    given = donor.name_latin.split()[1:]
    kana_family = person.name_kana.split()[:1]
    kana_given = donor.name_kana.split()[1:]
    other = person if twin else _shifted_birth(person, rng, 300, 1100)
    return replace(
        other,
        name_latin=" ".join(family + given),
        name_native="",
        name_kana=" ".join(kana_family + kana_given),
        sex=donor.sex,
        messaging_id="",
    )


# -- the scenario -------------------------------------------------------------------------------


def duplicate_scenario(
    seed: int,
    persons: int,
    *,
    reregistered_share: float = 0.2,
    hard_negatives: int | None = None,
    new_persons: int | None = None,
    shelters: int = 2,
) -> DuplicateScenario:
    """A first population of about `persons` and a second batch registered elsewhere."""
    population = generate_population(seed, persons, shelters, 0)
    return second_registrations(
        population.households, seed, reregistered_share=reregistered_share,
        hard_negatives=hard_negatives, new_persons=new_persons, shelters=shelters,
    )


def second_registrations(
    first: list[SyntheticHousehold],
    seed: int,
    *,
    reregistered_share: float = 0.2,
    hard_negatives: int | None = None,
    new_persons: int | None = None,
    shelters: int = 2,
) -> DuplicateScenario:
    """The second batch for an existing first population `first` (e.g. the demo database's):
    `reregistered_share` of its households again, `hard_negatives` look-alikes (default: one
    per 25 persons) and `new_persons` newcomers (default: a tenth of the first population)."""
    rng = random.Random(seed * 7919 + 17)
    people = [m for h in first for m in h.members]
    scenario = DuplicateScenario(first=first, second=[], shelters=shelters)
    index_of = {id(m): number for number, m in enumerate(people)}
    second_count = 0

    def add(household: SyntheticHousehold, kinds: list[str], origins: list[int | None]) -> None:
        nonlocal second_count
        scenario.second.append(household)
        for kind, origin in zip(kinds, origins):
            if origin is not None and kind == "reregistered":
                scenario.truth.add((origin, second_count))
            scenario.kinds.append(kind)
            second_count += 1

    for household in first:
        if rng.random() >= reregistered_share:
            continue
        members: list[SyntheticPerson] = []
        origins: list[int | None] = []
        for member in household.members:
            if len(household.members) > 1 and rng.random() < 0.1:
                continue  # stayed with relatives
            members.append(reregistration(member, rng))
            origins.append(index_of[id(member)])
        if members:
            other_shelter = (household.shelter_index + 1) % max(shelters, 1)
            add(SyntheticHousehold(other_shelter, members, 0), ["reregistered"] * len(members), origins)

    count = hard_negatives if hard_negatives is not None else max(4, len(people) // 25)
    adults = [m for m in people if m.birth_date and m.name_latin and len(m.name_latin.split()) >= 2]
    by_nationality: dict[str | None, list[SyntheticPerson]] = {}
    for member in adults:
        by_nationality.setdefault(member.nationality, []).append(member)
    makers: list[tuple[str, Callable[[SyntheticPerson], SyntheticPerson | None]]] = [
        ("namesake", lambda p: namesake(p, rng)),
        ("near_namesake", lambda p: near_namesake(p, rng)),
        ("sibling", lambda p: sibling(p, rng.choice(by_nationality[p.nationality]), rng, False)),
        ("twin", lambda p: sibling(p, rng.choice(by_nationality[p.nationality]), rng, True)),
    ]
    made = 0
    attempts = 0
    while made < count and adults and attempts < count * 20:
        attempts += 1
        kind, make = makers[made % len(makers)]
        original = rng.choice(adults)
        other = make(original)
        if other is None or other.name_latin == original.name_latin and kind in ("sibling", "twin"):
            continue
        add(SyntheticHousehold(rng.randrange(max(shelters, 1)), [other], 0), [kind], [None])
        made += 1

    extra = new_persons if new_persons is not None else max(1, len(people) // 10)
    if extra:
        newcomers = generate_population(seed + 1_000_003, extra, shelters, 0).households
        # Another generator run may hand out an account name or a phone number again; in
        # life each belongs to one person.
        taken = {m.messaging_id for m in people} | {m.phone for m in people}
        for household in newcomers:
            for member in household.members:
                while member.messaging_id and member.messaging_id in taken:
                    member.messaging_id += str(rng.randint(0, 9))
                while member.phone and member.phone in taken:
                    member.phone = _new_phone(rng)
                taken.update((member.messaging_id, member.phone))
            add(household, ["new"] * len(household.members), [None] * len(household.members))
    return scenario


@dataclass
class Measured:
    """Precision and recall of a candidate list against a scenario's truth."""

    true_pairs: int
    proposed: dict[str, int]  # band -> pairs proposed in that band
    correct: dict[str, int]  # band -> of which true
    found_at_or_above: dict[str, int]  # band -> true pairs proposed in that band or a better one

    def precision(self, band: str) -> float:
        return self.correct[band] / self.proposed[band] if self.proposed[band] else 1.0

    def precision_at_or_above(self, band: str, bands: tuple[str, ...]) -> float:
        upto = bands[: bands.index(band) + 1]
        proposed = sum(self.proposed[b] for b in upto)
        return sum(self.correct[b] for b in upto) / proposed if proposed else 1.0

    def recall(self, band: str) -> float:
        return self.found_at_or_above[band] / self.true_pairs if self.true_pairs else 1.0


def measure(
    proposals: list[tuple[str, str, str]],
    truth: set[tuple[str, str]],
    bands: tuple[str, ...],
) -> Measured:
    """`proposals`: (id, id, band); `truth`: the true (id, id) pairs (either order)."""
    true = {frozenset(pair) for pair in truth}
    proposed = dict.fromkeys(bands, 0)
    correct = dict.fromkeys(bands, 0)
    best: dict[frozenset[str], int] = {}
    for a, b, band in proposals:
        pair = frozenset((a, b))
        proposed[band] += 1
        if pair in true:
            correct[band] += 1
            rank = bands.index(band)
            best[pair] = min(best.get(pair, rank), rank)
    found = {band: sum(1 for rank in best.values() if rank <= bands.index(band)) for band in bands}
    return Measured(len(true), proposed, correct, found)
