"""Finding people registered twice (at two shelters, or twice at one) for a person to confirm.

`find_duplicate_candidates(conn, person_ids)` compares each given person with the workspace and
returns candidate pairs, best first, each with a score, a confidence band and the reasons.
Nothing is merged here: a person decides (services.duplicates), and the decision is a synced
`person_link` record.

How candidates are found (blocking): two persons are compared only when they share a date of
birth, or a blocking key of store.person_keys (phone, messaging id, native-script name, the
words of the Latin or katakana name, or for one-script names their consonant skeletons) and
their ages are compatible. Both lookups are SQL index lookups, so a check costs about the same
at 1,000 or 100,000 persons.

How a pair is scored: every field that both records have adds points for agreeing or takes
some away for disagreeing, in the spirit of Fellegi–Sunter record linkage (points ≈ log2 of
how much more often the same person agrees than two different people do). A name shared by
many people in the workspace counts for less than a rare one. The bands:

- certain: the same name in the same script (any order, with or without diacritics), the same
  date of birth, nothing contradicting (sex, nationality, a different phone), and a high total;
- likely: a high total, e.g. a name that sounds the same in Latin letters and katakana with the
  same date of birth, or a rare exact name of the same age and sex;
- possible: worth a look, e.g. the same name and phone with a different date of birth (a typo).

Precision matters more than recall: similar names (Nguyen Van An and Nguyen Van Anh, siblings
with one family name) are at most "likely" even with the same date of birth and phone, and are
not proposed when their dates of birth differ. Pairs already decided (same or different) and
members of one household are never proposed.
"""

from __future__ import annotations

import functools
import json
import math
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from disastercenter.core.name_match import (
    NameForms,
    latin_with_marks_differ,
    name_forms,
    sounds_alike,
    typo_distance,
)
from disastercenter.core.names import fold, phone_digits
from disastercenter.core.vocab import AGE_BANDS
from disastercenter.store import person_keys
from disastercenter.store.links import same_person_groups

BANDS: tuple[str, ...] = ("certain", "likely", "possible")

#: Totals (points) a pair needs for each band; "certain" also needs the conditions above.
CERTAIN_POINTS = 22.0
LIKELY_POINTS = 15.0
POSSIBLE_POINTS = 10.0

#: From this many persons with one name (the pair included), the name is common: "certain"
#: then also needs the same phone or messaging account.
COMMON_NAME = 5

#: Persons checked per SQL round trip.
_CHUNK = 400

_REASON_TEXTS: dict[str, dict[str, str]] = {
    "name.same": {
        "en": "Same name ({script})",
        "ja": "同じ名前（{script}）",
    },
    "name.same_order_swapped": {
        "en": "Same name, family and given names in another order ({script})",
        "ja": "同じ名前、姓と名の順序が違う（{script}）",
    },
    "name.same_without_marks": {
        "en": "Same name, written with and without diacritics",
        "ja": "同じ名前（声調記号・アクセント記号の有無だけが違う）",
    },
    "name.common": {
        "en": "{count} people in this workspace have this name",
        "ja": "このワークスペースでこの名前の人は{count}人",
    },
    "name.sounds_alike": {
        "en": "The Latin name and the katakana reading sound alike: {a} / {b}",
        "ja": "ローマ字の名前とカタカナの読みが一致: {a} / {b}",
    },
    "name.similar": {
        "en": "Similar names, not the same: {a} / {b}",
        "ja": "似ているが同じではない名前: {a} / {b}",
    },
    "name.marks_differ": {
        "en": "Names differ in their diacritics: {a} / {b}",
        "ja": "声調記号・アクセント記号が違う名前: {a} / {b}",
    },
    "name.ambiguous": {
        "en": "{count} other people of this age group have this name",
        "ja": "同じ年齢層で同じ名前の人がほかに{count}人",
    },
    "name.different": {
        "en": "Different names: {a} / {b}",
        "ja": "違う名前: {a} / {b}",
    },
    "name.other_script_differs": {
        "en": "The {script} forms differ: {a} / {b}",
        "ja": "{script}の表記が違う: {a} / {b}",
    },
    "birth_date.same": {"en": "Same date of birth {date}", "ja": "生年月日が同じ（{date}）"},
    "birth_date.same_new_year": {
        "en": "Same date of birth {date} (1 January: often written when the day is unknown)",
        "ja": "生年月日が同じ（{date}、1月1日は日付不明のときによく使われる）",
    },
    "birth_date.near": {
        "en": "Dates of birth differ slightly (a typo?): {a} / {b}",
        "ja": "生年月日が少し違う（入力ミス？）: {a} / {b}",
    },
    "birth_date.different": {
        "en": "Different dates of birth: {a} / {b}",
        "ja": "生年月日が違う: {a} / {b}",
    },
    "age_band.same": {"en": "Same age group {band}", "ja": "同じ年齢層（{band}）"},
    "age_band.near": {
        "en": "Neighbouring age groups {a} / {b}",
        "ja": "隣り合う年齢層: {a} / {b}",
    },
    "age_band.different": {
        "en": "Different age groups {a} / {b}",
        "ja": "年齢層が違う: {a} / {b}",
    },
    "sex.same": {"en": "Same sex", "ja": "性別が同じ"},
    "sex.different": {"en": "Different sex: {a} / {b}", "ja": "性別が違う: {a} / {b}"},
    "nationality.same": {"en": "Same nationality {code}", "ja": "国籍が同じ（{code}）"},
    "nationality.different": {
        "en": "Different nationalities {a} / {b}",
        "ja": "国籍が違う: {a} / {b}",
    },
    "phone.same": {"en": "Same phone number", "ja": "電話番号が同じ"},
    "phone.same_family": {
        "en": "Same phone number, shared in the family",
        "ja": "電話番号が同じ（家族で共有している番号）",
    },
    "phone.different": {"en": "Different phone numbers", "ja": "電話番号が違う"},
    "messaging.same": {"en": "Same messaging account", "ja": "SNS・メッセージのIDが同じ"},
}

_SCRIPT_NAMES = {
    "latin": {"en": "Latin letters", "ja": "ローマ字"},
    "kana": {"en": "katakana", "ja": "カタカナ"},
    "native": {"en": "native script", "ja": "母語の文字"},
}


@dataclass(frozen=True)
class Reason:
    """Why a pair is (or is not) likely the same person; `points` > 0 speaks for it."""

    key: str
    points: float
    params: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str = "en") -> str:
        texts = _REASON_TEXTS[self.key]
        params = dict(self.params)
        if "script" in params:
            names = [_SCRIPT_NAMES[s].get(lang, s) for s in params["script"].split(",")]
            params["script"] = ("、" if lang == "ja" else ", ").join(names)
        return (texts.get(lang) or texts["en"]).format(**params)

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class DuplicateCandidate:
    """Two person records that may be one person. `person_id` is one of the persons checked."""

    person_id: str
    other_id: str
    score: float  # 0..1, a logistic of `points`
    band: str  # "certain" | "likely" | "possible"
    reasons: tuple[Reason, ...]
    points: float

    @property
    def pair(self) -> tuple[str, str]:
        """The two ids in a stable order (the order of a person_link)."""
        return (self.person_id, self.other_id) if self.person_id < self.other_id else (
            self.other_id, self.person_id)


# -- loading ----------------------------------------------------------------------------------


@dataclass
class _Person:
    id: str
    household_id: str | None
    sex: str
    birth_date: str | None
    age_band: str | None
    nationality: str | None
    phone: str
    phone_shared_in_household: bool
    messaging: str
    names: NameForms
    latin_text: str
    kana_text: str
    native_text: str
    #: The exact name keys (see store.person_keys) by their letter: l, k, x.
    name_keys: dict[str, str] = field(default_factory=dict)
    name_counts: dict[str, int] = field(default_factory=dict)


_BAND_ORDER = {band: number for number, band in enumerate(AGE_BANDS)}


def _band_case(column: str) -> str:
    whens = " ".join(f"WHEN '{band}' THEN {n}" for band, n in _BAND_ORDER.items())
    return f"(CASE {column} {whens} END)"


# Key-sharing candidates must have compatible ages: a date of birth in the same year, on the
# same day of another year, or within a month; or, without dates, the same or a neighbouring
# age group. (Pairs with a shared phone number are kept whatever their ages: a typo in a date of
# birth should not hide them.) Key rows carry both, so no person row is read here.
_AGES_COMPATIBLE = f"""(
  k1.key GLOB 't:*'
  OR ((k1.birth_date IS NULL OR k2.birth_date IS NULL
       OR substr(k1.birth_date, 1, 4) = substr(k2.birth_date, 1, 4)
       OR substr(k1.birth_date, 6) = substr(k2.birth_date, 6)
       OR abs(julianday(k1.birth_date) - julianday(k2.birth_date)) <= 31)
      AND (k1.age_band IS NULL OR k2.age_band IS NULL
           OR abs({_band_case('k1.age_band')} - {_band_case('k2.age_band')}) <= 1))
)"""


@functools.cache
def _pairs_sql(tables: tuple[str, ...]) -> str:
    """Candidate pairs of the given persons (a JSON array) by their keys in `tables` (see
    store.person_keys.key_tables) and by date of birth. Members of one household are left out
    later (in Python, from the loaded rows)."""
    mine = "\n  UNION ALL ".join(
        f"SELECT k.* FROM input i JOIN {table} k ON k.person_id = i.id" for table in tables)
    by_key = "\nUNION\n".join(
        f"SELECT k1.person_id, k2.person_id FROM mine k1 "
        f"JOIN {table} k2 ON k2.key = k1.key AND k2.person_id <> k1.person_id "
        f"WHERE {_AGES_COMPATIBLE}" for table in tables)
    return f"""
WITH input(id) AS (SELECT value FROM json_each(?)),
mine AS ({mine})
{by_key}
UNION
{_BIRTH_PAIRS_SQL}"""


_BIRTH_PAIRS_SQL = """SELECT a.id, b.id
FROM input i
JOIN person a ON a.id = i.id
JOIN person b ON b.birth_date = a.birth_date AND b.id <> a.id
WHERE a.birth_date IS NOT NULL AND a.deleted = 0 AND b.deleted = 0
  AND (a.sex = b.sex OR a.sex IS NULL OR b.sex IS NULL
       OR a.sex NOT IN ('female', 'male') OR b.sex NOT IN ('female', 'male'))"""

_PERSON_SQL = """
WITH input(id) AS (SELECT value FROM json_each(?))
SELECT p.id, p.household_id, coalesce(p.sex, 'unknown'), p.birth_date, p.age_band,
       p.nationality, coalesce(p.phone, ''), coalesce(p.messaging_id, ''),
       coalesce(p.name_latin, ''), coalesce(p.name_native, ''), coalesce(p.name_kana, '')
FROM input i JOIN person p ON p.id = i.id
"""

#: Of the given persons, those who share their phone number with someone of their household.
_SHARED_PHONE_SQL = """
WITH input(id) AS (SELECT value FROM json_each(?))
SELECT p.id FROM input i JOIN person p ON p.id = i.id
WHERE p.phone <> '' AND EXISTS (
  SELECT 1 FROM person q WHERE q.household_id = p.household_id AND q.id <> p.id
  AND q.deleted = 0 AND q.phone = p.phone)
"""

def _load_persons(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, _Person]:
    persons: dict[str, _Person] = {}
    for start in range(0, len(ids), 2000):
        chunk = json.dumps(list(ids[start : start + 2000]))
        for (pid, household, sex, birth, band, nationality, phone, messaging, latin, native,
             kana) in conn.execute(_PERSON_SQL, (chunk,)):
            forms = name_forms(latin, native, kana)
            persons[pid] = _Person(
                id=pid, household_id=household, sex=sex, birth_date=birth, age_band=band,
                nationality=nationality, phone=phone_digits(phone) if phone else "",
                phone_shared_in_household=False,  # see _mark_shared_phones
                messaging=fold(messaging).replace(" ", "") if messaging.strip() else "",
                names=forms, latin_text=latin, kana_text=kana, native_text=native,
                name_keys=person_keys.exact_name_keys(forms),
            )
    return persons


def _mark_shared_phones(conn: sqlite3.Connection, persons: Sequence[_Person]) -> None:
    ids = [p.id for p in persons]
    by_id = {p.id: p for p in persons}
    for start in range(0, len(ids), 2000):
        for (pid,) in conn.execute(_SHARED_PHONE_SQL, (json.dumps(ids[start : start + 2000]),)):
            by_id[pid].phone_shared_in_household = True


class _NeedNamesakes(Exception):
    """Scoring a pair needs the namesakes of a name not fetched yet."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _name_counts(conn: sqlite3.Connection, persons: Iterable[_Person]) -> None:
    """How many persons share each person's exact name keys."""
    wanted: dict[str, list[_Person]] = {}
    for person in persons:
        for key in person.name_keys.values():
            wanted.setdefault(key, []).append(person)
    keys = list(wanted)
    counts = " UNION ALL ".join(
        f"SELECT k.key FROM json_each(?1) j JOIN {table} k ON k.key = j.value"
        for table in person_keys.key_tables(conn))
    for start in range(0, len(keys), 2000):
        chunk = json.dumps(keys[start : start + 2000])
        for key, count in conn.execute(f"SELECT key, count(*) FROM ({counts}) GROUP BY key", (chunk,)):
            for person in wanted[key]:
                person.name_counts[key[0]] = count


def _namesakes(
    conn: sqlite3.Connection, keys: Iterable[str], into: dict[str, list[tuple[str, str | None]]]
) -> None:
    """Fill `into` with the (person id, age group) of every person having each name key."""
    missing = sorted(set(keys) - into.keys())
    for key in missing:
        into[key] = []
    rows = " UNION ALL ".join(
        f"SELECT k.key, k.person_id, k.age_band FROM json_each(?1) j JOIN {table} k ON k.key = j.value"
        for table in person_keys.key_tables(conn))
    for start in range(0, len(missing), 2000):
        chunk = json.dumps(missing[start : start + 2000])
        for key, person_id, band in conn.execute(rows, (chunk,)):
            into[key].append((person_id, band))


# -- scoring ----------------------------------------------------------------------------------


#: A prior for name diversity, in persons: a small workspace says little about how common a
#: name is, so a name seen once among 10 persons is not taken as seen once in 10.
_NAME_PRIOR = 20_000


def _name_points(count: int, total: int) -> float:
    """Points for an exact name: log2 of how unlikely it is that another person has it."""
    return max(6.0, min(14.0, math.log2((total + _NAME_PRIOR) / (count + 1))))


def _display(words: Sequence[str]) -> str:
    return " ".join(words)


def _compare_names(a: _Person, b: _Person, total: int) -> tuple[str, list[Reason], str]:
    """The name level (exact / sounds / similar / different / none), its reasons and, for an
    exact name, its key."""
    fa, fb = a.names, b.names
    reasons: list[Reason] = []
    exact: list[str] = []
    conflicts: list[str] = []
    similar: Reason | None = None

    if fa.latin and fb.latin:
        if sorted(fa.latin) == sorted(fb.latin):
            if latin_with_marks_differ(fa, fb):
                conflicts.append("latin")
                similar = Reason("name.marks_differ", 0.0, (
                    ("a", _display(fa.latin_exact)), ("b", _display(fb.latin_exact))))
            else:
                exact.append("latin")
        else:
            conflicts.append("latin")
    if fa.kana and fb.kana:
        if sorted(fa.kana) == sorted(fb.kana) or "".join(fa.kana) == "".join(fb.kana):
            exact.append("kana")
        elif sounds_alike(fa.kana_sounds, fb.kana_sounds):
            pass  # another clerk's spelling of the same reading (トゥアン / ツアン): no evidence
        else:
            conflicts.append("kana")
    if fa.native and fb.native:
        if fa.native == fb.native:
            exact.append("native")
        else:
            conflicts.append("native")

    if exact and not [c for c in conflicts if c != "kana"]:
        script = exact[0]
        counts = [a.name_counts.get(s[0] if s != "native" else "x", 1) for s in exact]
        points = max(_name_points(max(c, 1), total) for c in counts)
        key = "name.same"
        if script == "latin" and fa.latin != fb.latin:
            key = "name.same_order_swapped"
        elif script == "kana" and fa.kana != fb.kana and "".join(fa.kana) != "".join(fb.kana):
            key = "name.same_order_swapped"
        reasons.append(Reason(key, points, (("script", ",".join(exact)),)))
        if "latin" in exact and fa.latin_exact != fb.latin_exact and sorted(
            fa.latin_exact) != sorted(fb.latin_exact):
            reasons.append(Reason("name.same_without_marks", 0.0))
        common = min(counts)
        if common >= COMMON_NAME:
            reasons.append(Reason("name.common", 0.0, (("count", str(common)),)))
        if "kana" in conflicts:
            reasons.append(Reason("name.other_script_differs", -2.0, (
                ("script", "kana"), ("a", _display(fa.kana)), ("b", _display(fb.kana)))))
        return "exact", reasons, a.name_keys[script[0] if script != "native" else "x"]

    if similar is not None:
        return "similar", [similar], ""

    if "latin" in conflicts:
        words_a, words_b = sorted(fa.latin), sorted(fb.latin)
        shared = set(words_a) & set(words_b)
        subset = set(words_a) <= set(words_b) or set(words_b) <= set(words_a)
        if shared and (subset or _one_word_apart(words_a, words_b)):
            return "similar", [Reason("name.similar", 2.0, (
                ("a", _display(fa.latin)), ("b", _display(fb.latin))))], ""
        if not exact:
            return "different", [Reason("name.different", -10.0, (
                ("a", a.latin_text or _display(fa.latin)),
                ("b", b.latin_text or _display(fb.latin))))], ""

    # No form in common: do a Latin name and a katakana reading sound alike?
    for x, y in ((fa, fb), (fb, fa)):
        if x.latin_sounds and y.kana_sounds and not (x.kana and y.latin) and sounds_alike(
            x.latin_sounds, y.kana_sounds
        ):
            pa, pb = (a, b) if x is fa else (b, a)
            return "sounds", [Reason("name.sounds_alike", 6.0, (
                ("a", pa.latin_text or _display(x.latin)), ("b", pb.kana_text)))], ""
    if conflicts or exact:
        first = (conflicts or exact)[0]
        text = {"latin": lambda p: p.latin_text, "kana": lambda p: p.kana_text,
                "native": lambda p: p.native_text}[first]
        return "different", [Reason("name.different", -10.0, (("a", text(a)), ("b", text(b))))], ""
    return "none", [], ""


def _one_word_apart(words_a: Sequence[str], words_b: Sequence[str]) -> bool:
    """Same number of words and all but one equal, that one a typing slip away: one edit or
    two swapped letters, two edits in a long word (Min / Ling are two names, not a slip)."""
    if len(words_a) != len(words_b):
        return False
    rest_a = sorted(set(words_a) - set(words_b))
    rest_b = sorted(set(words_b) - set(words_a))
    if not len(rest_a) == len(rest_b) == 1:
        return False
    x, y = rest_a[0], rest_b[0]
    return typo_distance(x, y) <= (2 if min(len(x), len(y)) >= 7 else 1)


def _dates_near(a: str, b: str) -> bool:
    """One typing slip apart: one digit, two swapped digits, day and month swapped, or a day."""
    if len(a) != len(b):
        return False
    if sum(x != y for x, y in zip(a, b)) == 1:
        return True
    if typo_distance(a, b) == 1:
        return True  # two neighbouring digits swapped
    try:
        da, db = date.fromisoformat(a), date.fromisoformat(b)
    except ValueError:
        return False
    if (da.year, da.month, da.day) == (db.year, db.day, db.month):
        return True
    if (da.month, da.day) == (db.month, db.day) and abs(da.year - db.year) in (1, 10):
        return True  # a misheard or mistyped year: 1992 / 2002, 1959 / 1960
    return abs((da - db).days) <= 1


#: (name key, age band, ids of the pair) -> other persons with that name and a compatible age.
Competitors = Callable[[str, str | None, tuple[str, str]], int]


def _score(a: _Person, b: _Person, total: int, competitors: Competitors) -> DuplicateCandidate | None:
    level, reasons, name_key = _compare_names(a, b, total)
    if level in ("different", "none"):
        return None
    dob_equal = False
    contradiction = False
    if a.birth_date and b.birth_date:
        if a.birth_date == b.birth_date:
            dob_equal = True
            new_year = a.birth_date[5:] == "01-01"
            reasons.append(Reason(
                "birth_date.same_new_year" if new_year else "birth_date.same",
                5.0 if new_year else 9.0, (("date", a.birth_date),)))
        elif _dates_near(a.birth_date, b.birth_date):
            reasons.append(Reason("birth_date.near", 1.0, (("a", a.birth_date), ("b", b.birth_date))))
        else:
            reasons.append(Reason("birth_date.different", -8.0, (
                ("a", a.birth_date), ("b", b.birth_date))))
            contradiction = True
    elif a.age_band and b.age_band:
        gap = abs(_BAND_ORDER.get(a.age_band, 0) - _BAND_ORDER.get(b.age_band, 0))
        if gap == 0:
            reasons.append(Reason("age_band.same", 1.0, (("band", a.age_band),)))
        elif gap == 1:
            reasons.append(Reason("age_band.near", -5.0, (("a", a.age_band), ("b", b.age_band))))
        else:
            reasons.append(Reason("age_band.different", -8.0, (("a", a.age_band), ("b", b.age_band))))
            contradiction = True
    known = ("female", "male")
    if a.sex in known and b.sex in known:
        if a.sex == b.sex:
            reasons.append(Reason("sex.same", 1.0))
        else:
            reasons.append(Reason("sex.different", -6.0, (("a", a.sex), ("b", b.sex))))
            contradiction = True
    if a.nationality and b.nationality:
        if a.nationality == b.nationality:
            reasons.append(Reason("nationality.same", 1.0, (("code", a.nationality),)))
        else:
            reasons.append(Reason("nationality.different", -3.0, (
                ("a", a.nationality), ("b", b.nationality))))
            contradiction = True
    same_contact = False
    if a.phone and b.phone:
        if a.phone == b.phone:
            same_contact = True
            if a.phone_shared_in_household or b.phone_shared_in_household:
                reasons.append(Reason("phone.same_family", 3.0))
            else:
                reasons.append(Reason("phone.same", 6.0))
        else:
            reasons.append(Reason("phone.different", -3.0))
    if a.messaging and b.messaging and a.messaging == b.messaging:
        same_contact = True
        reasons.append(Reason("messaging.same", 6.0))

    ambiguous = False
    if level == "exact" and not dob_equal and not same_contact and not contradiction and (
        not a.birth_date or not b.birth_date
    ):
        # Only the name and the age group: every namesake of that age is as good a match.
        undated = a if not a.birth_date else b
        others = competitors(name_key, undated.age_band, (a.id, b.id))
        if others:
            ambiguous = True
            reasons.append(Reason("name.ambiguous", -2.0 * math.log2(others + 1), (
                ("count", str(others)),)))
    points = sum(r.points for r in reasons)
    phones_differ = bool(a.phone and b.phone and a.phone != b.phone)
    common_name = any(r.key == "name.common" for r in reasons)
    if level == "exact" and not dob_equal and not same_contact and common_name:
        # A common name with a date of birth that is only close (or missing): among many
        # namesakes one is close by chance. Worth a look, not more.
        ambiguous = True
    if (
        level == "exact" and dob_equal and not contradiction and points >= CERTAIN_POINTS
        # Namesakes share birthdays more often than one thinks (the birthday problem): a
        # common name needs the same phone or account as well.
        and (same_contact if common_name else not phones_differ or same_contact)
    ):
        band = "certain"
    elif points >= LIKELY_POINTS and (level != "similar" or dob_equal) and not ambiguous:
        band = "likely"
    elif points >= POSSIBLE_POINTS:
        band = "possible"
    else:
        return None
    score = round(1.0 / (1.0 + math.exp(-(points - LIKELY_POINTS) / 3.0)), 3)
    ordered = tuple(sorted(reasons, key=lambda r: -abs(r.points)))
    return DuplicateCandidate(a.id, b.id, score, band, ordered, round(points, 2))


# -- the search -------------------------------------------------------------------------------


def find_duplicate_candidates(
    conn: sqlite3.Connection,
    person_ids: Iterable[str],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[DuplicateCandidate]:
    """Candidate duplicates of `person_ids` (typically those just imported) in the workspace
    on `conn`, best first: by band (certain, likely, possible), then by score.

    A pair of two checked persons appears once. Pairs a person already decided about, pairs in
    one "same person" group and members of one household are left out. First the blocking
    keys of persons changed since the last check are brought up to date (store.person_keys).
    `progress(done, total)` is called after each chunk of either pass; when `cancelled()` turns
    true the candidates so far are returned.
    """
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return []
    # Keys of persons changed since the last check (progress reported as its own pass).
    person_keys.refresh(conn, progress, cancelled)
    pairs_sql = _pairs_sql(person_keys.key_tables(conn))
    total_persons = conn.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0]
    groups, decided = same_person_groups(conn, ids)
    results: dict[tuple[str, str], DuplicateCandidate] = {}
    persons: dict[str, _Person] = {}
    namesakes: dict[str, list[tuple[str, str | None]]] = {}

    def competitors(key: str, band: str | None, pair: tuple[str, str]) -> int:
        """Other persons with this exact name whose age group is compatible with `band`."""
        namesakes_of = namesakes.get(key)
        if namesakes_of is None:
            raise _NeedNamesakes(key)
        order = _BAND_ORDER.get(band) if band else None
        return sum(
            1 for pid, other in namesakes_of
            if pid not in pair and (order is None or other is None
                                    or abs(_BAND_ORDER.get(other, order) - order) <= 1)
        )

    checked = set(ids)
    for start in range(0, len(ids), _CHUNK):
        if cancelled is not None and cancelled():
            break
        chunk = ids[start : start + _CHUNK]
        pairs = [
            (a, b) for a, b in conn.execute(pairs_sql, (json.dumps(chunk),))
            if frozenset((a, b)) not in decided and b not in groups.get(a, ())
            and (b not in checked or (min(a, b), max(a, b)) not in results)
        ]
        missing = sorted({pid for pair in pairs for pid in pair} - persons.keys())
        persons.update(_load_persons(conn, missing))
        # An exact name is the same key on both sides: counting the checked persons' will do.
        _name_counts(conn, (persons[pid] for pid in chunk if pid in persons))
        kept = [
            (persons[a], persons[b]) for a, b in pairs
            if a in persons and b in persons and (
                persons[a].household_id is None
                or persons[a].household_id != persons[b].household_id)
        ]
        _mark_shared_phones(conn, list({
            p.id: p for pa, pb in kept if pa.phone and pa.phone == pb.phone for p in (pa, pb)
        }.values()))
        deferred: list[tuple[_Person, _Person]] = []
        wanted: set[str] = set()
        for pa, pb in kept:
            key = (min(pa.id, pb.id), max(pa.id, pb.id))
            if key in results:
                continue
            try:
                candidate = _score(pa, pb, total_persons, competitors)
            except _NeedNamesakes as need:
                deferred.append((pa, pb))
                wanted.add(need.key)
                continue
            if candidate is not None:
                results[key] = candidate
        if deferred:
            _namesakes(conn, wanted, namesakes)
            for pa, pb in deferred:
                candidate = _score(pa, pb, total_persons, competitors)
                if candidate is not None:
                    results[(min(pa.id, pb.id), max(pa.id, pb.id))] = candidate
        if progress is not None:
            progress(min(start + _CHUNK, len(ids)), len(ids))
    rank = {band: number for number, band in enumerate(BANDS)}
    return sorted(results.values(), key=lambda c: (rank[c.band], -c.points, c.person_id, c.other_id))
