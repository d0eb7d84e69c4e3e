"""Tests for the synthetic population generator (disastercenter.core.synthetic)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import date

import pytest

from disastercenter.core import synthetic
from disastercenter.core.synthetic import (
    AGE_BANDS,
    ALLERGY_ITEMS,
    CONSENT_BASES,
    CONSENT_SCOPES,
    JAPANESE_LEVELS,
    LANGUAGE_CODES,
    LANGUAGE_LEVELS,
    NEED_TAGS,
    REFERENCE_DATE,
    SEXES,
    STATUSES,
    VOLUNTEER_SKILLS,
    Population,
    SyntheticPerson,
    age_band_for,
    generate_population,
)

ADULT_BANDS = {"18-39", "40-64", "65+"}


@pytest.fixture(scope="module")
def population() -> Population:
    return generate_population(seed=20261120, evacuees=8000, shelters=40, volunteers=300)


@pytest.fixture(scope="module")
def people(population: Population) -> list[SyntheticPerson]:
    return [person for household in population.households for person in household.members]


def _digest(population: Population) -> str:
    return hashlib.sha256(repr(population).encode("utf-8")).hexdigest()


def _script_of(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ")[0]


def _is_katakana_reading(text: str) -> bool:
    return all(
        ch in " ー・" or unicodedata.name(ch, "").startswith("KATAKANA LETTER") for ch in text
    )


# --- determinism --------------------------------------------------------------------------------


def test_same_seed_gives_identical_population() -> None:
    first = generate_population(7, 1500, 12, 60)
    second = generate_population(7, 1500, 12, 60)
    assert first == second
    assert _digest(first) == _digest(second)


def test_different_seed_gives_a_different_population() -> None:
    assert generate_population(7, 1500, 12, 60) != generate_population(8, 1500, 12, 60)


def test_same_seed_gives_identical_population_in_another_process_with_other_hash_seed() -> None:
    code = (
        "import hashlib; from disastercenter.core.synthetic import generate_population; "
        "print(hashlib.sha256(repr(generate_population(7, 1500, 12, 60)).encode()).hexdigest())"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        )
        digests.add(result.stdout.strip())
    assert digests == {_digest(generate_population(7, 1500, 12, 60))}


def test_generation_leaves_global_random_state_alone() -> None:
    import random

    random.seed(99)
    expected = random.random()
    random.seed(99)
    generate_population(3, 200, 3, 10)
    assert random.random() == expected


# --- counts and structure -----------------------------------------------------------------------


@pytest.mark.parametrize("evacuees", [0, 1, 2, 3, 17, 1000])
def test_member_total_equals_the_requested_number_of_evacuees(evacuees: int) -> None:
    population = generate_population(5, evacuees, 4, 6)
    assert sum(len(h.members) for h in population.households) == evacuees


def test_shelter_and_volunteer_counts_are_exact(population: Population) -> None:
    assert len(population.shelters) == 40
    assert len(population.volunteers) == 300
    assert len(generate_population(1, 10, 1, 0).volunteers) == 0


def test_every_household_has_an_adult_head(population: Population) -> None:
    for household in population.households:
        assert household.members
        assert 0 <= household.head_index < len(household.members)
        assert household.members[household.head_index].age_band in ADULT_BANDS


def test_every_household_is_assigned_to_an_existing_shelter(population: Population) -> None:
    for household in population.households:
        assert 0 <= household.shelter_index < len(population.shelters)


def test_shelters_are_filled_unevenly(population: Population) -> None:
    occupancy = Counter()
    for household in population.households:
        occupancy[household.shelter_index] += len(household.members)
    counts = sorted(occupancy.values())
    assert counts[-1] > 4 * counts[len(counts) // 2]


def test_shelters_look_like_kanagawa_shelters(population: Population) -> None:
    names = [s.name_ja for s in population.shelters]
    assert len(set(names)) == len(names)
    for shelter in population.shelters:
        assert 80 <= shelter.capacity <= 1200
        assert shelter.address.startswith("神奈川県")
        assert shelter.name_en.endswith(")")
    assert sum(s.is_open for s in population.shelters) > 0.75 * len(population.shelters)


def test_negative_counts_and_evacuees_without_shelters_are_rejected() -> None:
    with pytest.raises(ValueError):
        generate_population(1, -1, 1, 1)
    with pytest.raises(ValueError):
        generate_population(1, 5, 0, 1)


# --- vocabularies -------------------------------------------------------------------------------


def test_vocabularies_match_the_core_vocabularies() -> None:
    from disastercenter.core import vocab
    from disastercenter.core.languages import LANGUAGES

    assert set(LANGUAGE_CODES) <= set(LANGUAGES)
    assert LANGUAGE_LEVELS == vocab.LANGUAGE_LEVELS
    assert JAPANESE_LEVELS == vocab.JAPANESE_LEVELS
    assert SEXES == vocab.SEXES
    assert AGE_BANDS == vocab.AGE_BANDS
    assert STATUSES == vocab.STATUSES
    assert NEED_TAGS == vocab.NEED_TAGS
    assert set(ALLERGY_ITEMS) <= set(vocab.ALLERGENS)
    assert CONSENT_BASES == vocab.CONSENT_BASES
    assert CONSENT_SCOPES == vocab.CONSENT_SCOPES
    assert VOLUNTEER_SKILLS == vocab.VOLUNTEER_SKILLS


def test_every_language_code_and_level_is_allowed(
    people: list[SyntheticPerson], population: Population
) -> None:
    for languages in [p.languages for p in people] + [v.languages for v in population.volunteers]:
        assert languages
        codes = [code for code, _ in languages]
        assert len(codes) == len(set(codes))
        for code, level in languages:
            assert code in LANGUAGE_CODES
            assert level in LANGUAGE_LEVELS


def test_the_first_language_is_the_strongest(people: list[SyntheticPerson]) -> None:
    rank = {level: i for i, level in enumerate(LANGUAGE_LEVELS)}
    for person in people:
        first = rank[person.languages[0][1]]
        assert all(first <= rank[level] for _, level in person.languages)


def test_japanese_in_the_language_list_agrees_with_japanese_level(
    people: list[SyntheticPerson],
) -> None:
    for person in people:
        assert person.japanese_level in JAPANESE_LEVELS
        for code, level in person.languages:
            if code == "ja":
                assert level == person.japanese_level


def test_every_need_tag_is_valid_and_only_allergies_have_items(
    people: list[SyntheticPerson],
) -> None:
    for person in people:
        for need in person.needs:
            assert need["tag"] in NEED_TAGS
            assert set(need) <= {"tag", "detail", "items"}
            if need["tag"] == "allergy":
                assert need["items"]
                assert set(need["items"]) <= set(ALLERGY_ITEMS)
            else:
                assert "items" not in need


def test_every_katakana_reading_is_katakana_and_spaces_only(
    people: list[SyntheticPerson], population: Population
) -> None:
    readings = [p.name_kana for p in people] + [v.name_kana for v in population.volunteers]
    for reading in readings:
        assert _is_katakana_reading(reading), reading
        assert " " in reading, reading  # family and given name (or name parts) are separated
        assert reading == reading.strip()


def test_every_nationality_is_two_uppercase_letters_or_none(
    people: list[SyntheticPerson],
) -> None:
    for person in people:
        assert person.nationality is None or (
            len(person.nationality) == 2 and person.nationality.isascii()
            and person.nationality.isupper()
        )


def test_other_fields_use_their_vocabularies(people: list[SyntheticPerson]) -> None:
    for person in people:
        assert person.sex in SEXES
        assert person.status in STATUSES
        assert person.consent_basis in CONSENT_BASES
        assert set(person.consent_scopes) <= set(CONSENT_SCOPES)
        if person.consent_basis != "consent":
            assert person.consent_scopes == []
        assert person.name_latin and person.name_native and person.name_kana


def test_age_band_is_always_set_and_matches_the_birth_date(people: list[SyntheticPerson]) -> None:
    for person in people:
        assert person.age_band in AGE_BANDS
        if person.birth_date is not None:
            born = date.fromisoformat(person.birth_date)
            assert born <= REFERENCE_DATE
            age = REFERENCE_DATE.year - born.year - (
                (REFERENCE_DATE.month, REFERENCE_DATE.day) < (born.month, born.day)
            )
            assert person.age_band == age_band_for(age)
    assert any(p.birth_date is None for p in people)


def test_phones_are_japanese_mobile_numbers(
    people: list[SyntheticPerson], population: Population
) -> None:
    phones = [p.phone for p in people if p.phone] + [v.phone for v in population.volunteers]
    for phone in phones:
        prefix, middle, last = phone.split("-")
        assert prefix in ("070", "080", "090") and len(middle) == len(last) == 4
    assert all(not p.phone for p in people if p.age_band in ("0-5", "6-12"))


def test_volunteers_mostly_speak_japanese_well_and_cover_population_languages(
    population: Population, people: list[SyntheticPerson]
) -> None:
    volunteers = population.volunteers
    good_ja = [
        v for v in volunteers
        if any(code == "ja" and level in ("native", "fluent", "conversational")
               for code, level in v.languages)
    ]
    assert len(good_ja) > 0.9 * len(volunteers)
    for volunteer in volunteers:
        assert set(volunteer.skills) <= set(VOLUNTEER_SKILLS)
        assert "@example." in volunteer.email
        assert volunteer.base_area
    offered = {code for v in volunteers for code, _ in v.languages}
    assert {"en", "zh-Hans", "ko", "vi"} <= offered
    assert len({v.email for v in volunteers}) == len(volunteers)


# --- realism ------------------------------------------------------------------------------------


SCRIPTS = {
    "CN": "CJK",
    "TW": "CJK",
    "KR": "HANGUL",
    "TH": "THAI",
    "NP": "DEVANAGARI",
    "IN": None,  # Devanagari or, for Muslim families, Urdu in Arabic script
    "MM": "MYANMAR",
    "LK": "SINHALA",
    "KH": "KHMER",
    "BD": "BENGALI",
    "PK": "ARABIC",
    "IR": "ARABIC",
    "EG": "ARABIC",
    "RU": "CYRILLIC",
    "UA": "CYRILLIC",
    "MN": "CYRILLIC",
}


@pytest.mark.parametrize("nationality", sorted(k for k, v in SCRIPTS.items() if v))
def test_native_names_are_in_the_expected_script(
    nationality: str, big_population_people: list[SyntheticPerson]
) -> None:
    script = SCRIPTS[nationality]
    named = [p for p in big_population_people if p.nationality == nationality]
    assert named, nationality
    for person in named:
        assert any(_script_of(ch) == script for ch in person.name_native), person.name_native


def test_vietnamese_native_names_use_latin_letters_with_diacritics(
    people: list[SyntheticPerson],
) -> None:
    vietnamese = [p for p in people if p.nationality == "VN"]
    assert vietnamese
    for person in vietnamese:
        assert all(_script_of(ch) == "LATIN" or ch in " -" for ch in person.name_native)
    assert any(not p.name_native.isascii() for p in vietnamese)


def test_latin_names_come_in_passport_and_typed_styles(people: list[SyntheticPerson]) -> None:
    first_words = [p.name_latin.split(" ")[0] for p in people if p.nationality == "VN"]
    assert any(word.isupper() and word.isascii() for word in first_words)  # NGUYEN Van An
    assert any(not word.isascii() for word in first_words)  # Nguyễn Văn An


def test_nationality_mix_resembles_kanagawa(people: list[SyntheticPerson]) -> None:
    shares = {k: v / len(people) for k, v in Counter(p.nationality for p in people).items()}
    assert 0.27 < shares["CN"] < 0.39
    assert max(shares, key=lambda k: shares[k]) == "CN"
    for second in ("VN", "KR", "PH"):
        assert 0.06 < shares[second] < 0.16
    assert 0.01 < shares.get("JP", 0) < 0.045
    assert 0.01 < shares.get(None, 0) < 0.05
    assert len(shares) >= 25


def test_needs_appear_at_plausible_rates(people: list[SyntheticPerson]) -> None:
    tags = Counter(need["tag"] for p in people for need in p.needs)
    assert tags["allergy"] > 0.01 * len(people)
    assert tags["diet_halal"] > 0.005 * len(people)
    assert tags["pregnancy"] < 0.02 * len(people)
    with_needs = sum(1 for p in people if p.needs)
    assert 0.1 * len(people) < with_needs < 0.5 * len(people)
    for person in people:
        tags_here = {need["tag"] for need in person.needs}
        if "elderly" in tags_here:
            assert person.age_band == "65+"
        if "pregnancy" in tags_here:
            assert person.sex in ("female", "other", "unknown")
            assert person.age_band == "18-39"
        if "infant" in tags_here:
            assert person.age_band == "0-5"


def test_halal_needs_come_from_muslim_communities(people: list[SyntheticPerson]) -> None:
    halal = Counter(
        p.nationality for p in people if any(n["tag"] == "diet_halal" for n in p.needs)
    )
    assert halal
    # JP: Japanese spouses and children in Muslim international-marriage households.
    assert set(halal) <= {"ID", "PK", "BD", "IN", "EG", "SY", "IR", "JP", None}


def test_households_share_family_names_where_the_culture_does(population: Population) -> None:
    # Korean wives keep their own family name, so a Korean couple does not always share one;
    # Filipino families do.
    checked = 0
    for household in population.households:
        members = household.members
        if len(members) >= 3 and all(m.nationality == "PH" for m in members):
            families = {m.name_kana.split(" ")[0] for m in members}
            assert len(families) <= 2  # a grandparent or relative may differ
            checked += 1
    assert checked


# --- scale --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_population_people() -> list[SyntheticPerson]:
    population = generate_population(seed=1, evacuees=100_000, shelters=300, volunteers=1000)
    assert sum(len(h.members) for h in population.households) == 100_000
    return [person for household in population.households for person in household.members]


def test_one_hundred_thousand_evacuees_generate_with_valid_readings(
    big_population_people: list[SyntheticPerson],
) -> None:
    assert len(big_population_people) == 100_000
    for person in big_population_people:
        assert _is_katakana_reading(person.name_kana), person.name_kana
        assert person.age_band in AGE_BANDS


def test_module_uses_only_the_standard_library_and_the_core_layer() -> None:
    source = open(synthetic.__file__, encoding="utf-8").read()
    imports = [
        line.split()[1].split(".")[0]
        for line in source.splitlines()
        if line.startswith(("import ", "from "))
    ]
    outside = {name for name in imports if name not in sys.stdlib_module_names}
    assert outside <= {"__future__", "disastercenter"}
    assert all(
        line.startswith("from disastercenter.core.")
        for line in source.splitlines()
        if line.startswith("from disastercenter")
    )
