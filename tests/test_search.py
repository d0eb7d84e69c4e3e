"""Finding a person the way a clerk types: any script, any width, any case, ids and phones."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disastercenter.core.ids import card_code
from disastercenter.core.names import fold
from disastercenter.core.people import PersonInput
from disastercenter.services.registry import Registry
from disastercenter.store.db import Workspace, open_workspace
from tests.helpers import add_shelter, person


@dataclass
class World:
    ws: Workspace
    registry: Registry
    ids: dict[str, str]

    def found(self, query: str) -> list[str]:
        """Names (keys of `ids`) of the persons `query` finds, in no particular order."""
        names = {pid: name for name, pid in self.ids.items()}
        return sorted(names[row.id] for row in self.registry.search(query))


PEOPLE: dict[str, PersonInput] = {
    "an": person("NGUYEN VAN AN", name_native="Nguyễn Văn An", name_kana="グエン ヴァン アン",
                 phone="090-1234-5678", nationality="VN"),
    "mai": person("Đặng Thị Mai", name_kana="ダン ティ マイ", phone="+81 80 2222 3333"),
    "hoa": person("VU THI HOA", name_kana="ヴー ティ ホア"),
    "binh": person("TRAN THI BINH", name_kana="チャン ティ ビン"),
    "xiaoming": person("WANG XIAOMING", name_native="王小明", name_kana="ワン シャオミン",
                       languages=[("zh-Hans", "native")]),
    "minjun": person("KIM MINJUN", name_native="김민준", languages=[("ko", "native")]),
    "somchai": person("SOMCHAI JAIDEE", name_native="สมชาย ใจดี", languages=[("th", "native")]),
    "somsri": person("SOMSRI JAIDA", name_native="สมศรี ใจดา", languages=[("th", "native")]),
    "ram": person("RAM SHARMA", name_native="राम शर्मा", languages=[("ne", "native")]),
    "roma": person("ROMA THAPA", name_native="रोमा थापा", languages=[("ne", "native")]),
    "mohammed": person("MOHAMMED ALI", name_native="محمد علي", languages=[("ar", "native")]),
    "maria": person("Maria José Gonçalves", name_kana="マリア ジョゼ ゴンサウヴェス",
                    languages=[("pt-BR", "native")]),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    ws = open_workspace(tmp_path_factory.mktemp("search") / "workspace.sqlite3")
    registry = Registry(ws)
    shelter = add_shelter(registry)
    names = list(PEOPLE)
    registration = registry.register_household(shelter, [PEOPLE[n] for n in names])
    yield World(ws, registry, dict(zip(names, registration.person_ids)))
    ws.close()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[World]:
    """A workspace of its own, for tests that change people."""
    ws = open_workspace(tmp_path / "workspace.sqlite3")
    registry = Registry(ws)
    shelter = add_shelter(registry)
    names = ["an", "binh"]
    registration = registry.register_household(shelter, [PEOPLE[n] for n in names])
    yield World(ws, registry, dict(zip(names, registration.person_ids)))
    ws.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Latin, with or without diacritics, any case, full-width.
        ("nguyen", ["an"]),
        ("Nguyễn", ["an"]),
        ("NGUYỄN VĂN", ["an"]),
        ("nGuYeN aN", ["an"]),
        ("ＮＧＵＹＥＮ", ["an"]),
        ("ｎｇｕｙｅｎ", ["an"]),
        ("dang", ["mai"]),
        ("Đặng", ["mai"]),
        ("ĐẶNG THỊ MAI", ["mai"]),
        ("goncalves", ["maria"]),
        ("José", ["maria"]),
        ("nguy", ["an"]),  # a word prefix, as typed so far
        ("Nguye\u0302\u0303n", ["an"]),  # decomposed (NFD), as some keyboards send it
        ("ngu\u200byen", ["an"]),  # a zero-width space pasted from a document
        # Katakana readings find Latin-registered people, in every kana form.
        ("グエン", ["an"]),
        ("ぐえん", ["an"]),
        ("ｸﾞｴﾝ", ["an"]),
        ("グェン", ["an"]),
        ("バン", ["an"]),  # registered as ヴァン
        ("ブー ホア", ["hoa"]),  # registered as ヴー
        ("ヴ", ["hoa"]),
        ("ゴンサウベス", ["maria"]),
        ("ダン マイ", ["mai"]),
        # Native scripts, whole names and parts of them.
        ("王小明", ["xiaoming"]),
        ("小明", ["xiaoming"]),
        ("王", ["xiaoming"]),
        ("김민준", ["minjun"]),
        ("민준", ["minjun"]),
        ("สมชาย", ["somchai"]),
        ("ใจดี", ["somchai"]),
        ("ใจดา", ["somsri"]),
        ("राम", ["ram"]),
        ("रोमा", ["roma"]),
        ("थापा", ["roma"]),
        ("शर्मा", ["ram"]),
        ("محمد", ["mohammed"]),
        ("علي", ["mohammed"]),
        ("مُحَمَّد", ["mohammed"]),  # vowel marks, usually left out, make no difference
        # Phones in the forms people write them.
        ("090-1234-5678", ["an"]),
        ("+81 90 1234 5678", ["an"]),
        ("+81-90-1234-5678", ["an"]),
        ("09012345678", ["an"]),
        ("０９０－１２３４－５６７８", ["an"]),
        ("080 2222 3333", ["mai"]),
        # Several words must all match; unrelated names find nobody.
        ("nguyen binh", []),
        ("nguyen ?", ["an"]),  # stray punctuation does not spoil the query
        ("an & nguyen", ["an"]),
        ("?", []),
        ("tran", ["binh"]),
        ("thi", ["binh", "hoa", "mai"]),
        ("smith", []),
        ("スミス", []),
        ("李", []),
        ("박", []),
        ("090-9999-9999", []),
        ("", []),
        ("   ", []),
        ("ー", []),
    ],
)
def test_a_person_is_found_by_any_form_of_their_name_or_phone(
    world: World, query: str, expected: list[str]
) -> None:
    assert world.found(query) == expected


def _id_forms(record_id: str) -> list[str]:
    compact = record_id.replace("-", "")
    return [record_id, record_id.upper(), record_id[:-3], compact, compact[:24]]


def test_a_person_is_found_by_their_record_id_whole_or_a_prefix_with_or_without_dashes(
    world: World,
) -> None:
    for name, record_id in world.ids.items():
        for query in _id_forms(record_id):
            assert world.found(query) == [name], query
        # Ids are time-ordered: a short prefix is shared by records made in the same moment,
        # so it is not taken as an id.
        assert world.found(record_id.replace("-", "")[:12]) == []


def _typed_like_a_person(code: str) -> list[str]:
    """How a card code may come back: as printed, no dashes, lower case, I/L/O for 1/1/0."""
    misread = code.replace("1", "I").replace("0", "O")
    return [
        code, code.replace("-", ""), code.lower(), code.lower().replace("-", ""),
        f"  {code}  ", code.replace("-", " "), misread, misread.lower(),
        code.replace("1", "l"),
    ]


def test_a_person_is_found_by_their_card_code_however_it_is_typed(world: World) -> None:
    for name, record_id in world.ids.items():
        for query in _typed_like_a_person(card_code(record_id)):
            assert world.found(query) == [name], query
            assert world.registry.find_by_card_code(query) == record_id


def _with_wrong_check_symbol(code: str) -> str:
    wrong = "7" if code[-1] != "7" else "8"
    return code[:-1] + wrong


def test_a_card_code_with_a_wrong_check_symbol_finds_nobody(world: World) -> None:
    for record_id in world.ids.values():
        code = _with_wrong_check_symbol(card_code(record_id))
        for query in (code, code.replace("-", ""), code.lower()):
            assert world.found(query) == [], query
            assert world.registry.find_by_card_code(query) is None


def _id_whose_card_code(condition: Callable[[str], bool]) -> str:
    return _id_where(lambda record_id: condition(card_code(record_id)))


def _id_where(condition: Callable[[str], bool]) -> str:
    while True:
        record_id = str(uuid.uuid4())
        if condition(record_id):
            return record_id


def _write_person(world: World, record_id: str, name: str) -> None:
    with world.ws.db.atomic():
        world.ws.oplog.write("person", record_id, {"name_latin": name, "status": "checked_in"})
    world.ids[name] = record_id


def test_card_codes_with_ones_and_zeros_survive_being_read_as_i_l_and_o(fresh: World) -> None:
    record_id = _id_whose_card_code(lambda code: "1" in code[:9] and "0" in code[:9])
    _write_person(fresh, record_id, "ones and zeros")
    code = card_code(record_id)
    for query in _typed_like_a_person(code):
        assert fresh.found(query) == ["ones and zeros"], query


def test_a_card_code_made_only_of_hex_characters_is_not_taken_for_a_record_id(fresh: World) -> None:
    # About one card in 600 looks like "ABCD-EF12-3"; typed with its dashes it must still work.
    record_id = _id_whose_card_code(lambda code: all(ch in "0123456789ABCDEF-" for ch in code))
    _write_person(fresh, record_id, "hex card")
    code = card_code(record_id)
    for query in (code, code.lower(), code.replace("-", "")):
        assert fresh.found(query) == ["hex card"], query
        assert fresh.registry.find_by_card_code(query) == record_id


def test_short_queries_find_names_not_people_whose_id_or_card_code_starts_the_same(
    fresh: World,
) -> None:
    _write_person(fresh, _id_where(lambda rid: rid.startswith("de")), "KIM")
    _write_person(fresh, _id_whose_card_code(lambda code: code.startswith("MA")), "LEE")
    _write_person(fresh, str(uuid.uuid4()), "DE SOUZA MARCOS")
    for query in ("d", "de", "DE", "m", "ma", "MA"):
        assert fresh.found(query) == ["DE SOUZA MARCOS"], query
    assert fresh.found(fresh.ids["KIM"][:23]) == ["KIM"]
    assert fresh.found(card_code(fresh.ids["LEE"])) == ["LEE"]


def test_a_deleted_person_is_not_found(fresh: World) -> None:
    an = fresh.ids["an"]
    with fresh.ws.db.atomic():
        fresh.ws.oplog.delete("person", an)
    for query in ("nguyen", "グエン", "090-1234-5678", card_code(an), an, an.replace("-", "")):
        assert fresh.found(query) == [], query
    assert fresh.registry.find_by_card_code(card_code(an)) is None
    assert fresh.found("tran") == ["binh"]


def test_editing_a_name_updates_the_index(fresh: World) -> None:
    binh = fresh.ids["binh"]
    data = fresh.registry.get_person(binh).data
    data.name_latin = "LE THI BINH"
    data.name_kana = "レ ティ ビン"
    fresh.registry.update_person(binh, data)
    assert fresh.found("tran") == []
    assert fresh.found("チャン") == []
    assert fresh.found("le binh") == ["binh"]
    assert fresh.found("れ") == ["binh"]
    # The id and card code still find them.
    assert fresh.found(card_code(binh)) == ["binh"]


def test_search_and_the_list_filter_agree(world: World) -> None:
    from disastercenter.services.registry import PersonFilter

    for query in ("nguyen", "グエン", "小明", "090-1234-5678", card_code(world.ids["ram"]), "thi", "zzz"):
        listed = {row.id for row in world.registry.list_persons(PersonFilter(text=query))}
        searched = {row.id for row in world.registry.search(query)}
        assert listed == searched, query
        assert world.registry.count_persons(PersonFilter(text=query)) == len(listed)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_folding_ascii_text_takes_a_shortcut_to_the_same_result(text: str) -> None:
    import re
    import unicodedata

    from disastercenter.core.names import _DROPPED, _SEPARATORS

    general = _SEPARATORS.sub(" ", _DROPPED.sub("", unicodedata.normalize("NFKC", text).casefold()))
    assert fold(text) == general.strip()
    assert re.sub(" +", " ", fold(text)) == fold(text)
