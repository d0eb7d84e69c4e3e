"""What card and form QR codes hold, and reading back what a keyboard-emulating scanner typed."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from disastercenter.core.ids import card_code, new_id
from disastercenter.core.scan_codes import (
    Scan,
    form_payload,
    looks_like_our_code,
    mod37_36_check,
    person_payload,
    read_scan,
)

PERSON = "0192f4e3-a1b2-7c3d-8e9f-001122334455"


def test_a_person_payload_reads_back_to_the_person_id() -> None:
    payload = person_payload(PERSON)
    assert payload.startswith("DC1/P/0192F4E3A1B27C3D8E9F001122334455/")
    assert len(payload) == 40
    assert read_scan(payload) == Scan("person", person_id=PERSON)


def test_the_payload_uses_only_keys_that_match_on_us_and_japanese_keyboards() -> None:
    payload = person_payload(new_id()) + form_payload("registration", 1, "zh-Hans")
    assert set(payload) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-_")


def test_caps_lock_full_width_input_and_other_separators_still_read() -> None:
    payload = person_payload(PERSON)
    expected = Scan("person", person_id=PERSON)
    assert read_scan(payload.lower()) == expected  # Caps Lock on
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in payload)  # an input method in 全角 mode
    assert read_scan(full_width) == expected
    assert read_scan(payload.replace("/", ":")) == expected
    assert read_scan(f"  {payload}\t") == expected
    digits = payload.split("/")[2]
    dashed = str(uuid.UUID(hex=digits)).upper()
    assert read_scan(payload.replace(digits, dashed)) == expected


@given(st.uuids(), st.integers(0, 31), st.integers(1, 15))
def test_a_single_wrong_digit_is_caught_by_the_check_character(
    person: uuid.UUID, position: int, change: int
) -> None:
    payload = person_payload(str(person))
    digits = payload.split("/")[2]
    wrong = digits[:position] + format((int(digits[position], 16) + change) % 16, "X") \
        + digits[position + 1:]
    assert read_scan(payload.replace(digits, wrong)) is None


@given(st.uuids(), st.integers(0, 30))
def test_two_swapped_neighbours_are_caught_by_the_check_character(
    person: uuid.UUID, position: int
) -> None:
    digits = person_payload(str(person)).split("/")[2]
    swapped = digits[:position] + digits[position + 1] + digits[position] + digits[position + 2:]
    if swapped != digits:
        assert mod37_36_check(swapped) != mod37_36_check(digits)


def test_a_typed_card_code_is_accepted_with_the_usual_misreadings() -> None:
    code = card_code(PERSON)
    assert read_scan(code) == Scan("card_code", card_code=code)
    assert read_scan(code.lower().replace("-", "")) == Scan("card_code", card_code=code)


def test_a_form_payload_names_form_version_and_language() -> None:
    payload = form_payload("registration", 3, "zh-Hans")
    assert payload == "DC1/F/registration/3/zh-Hans"
    assert read_scan(payload.upper()) == Scan("form", form_id="registration", form_version=3,
                                              lang="zh-Hans")
    assert read_scan("DC1/F/registration/3/xx") is None


def test_damaged_or_foreign_codes_read_as_nothing_but_ours_are_recognised_as_ours() -> None:
    payload = person_payload(PERSON)
    for text in (payload[:-2], payload + "X", "DC2/P/" + payload[6:], "https://example.org", ""):
        assert read_scan(text) is None, text
    assert looks_like_our_code(payload[:-3])
    assert looks_like_our_code("ABCD-EFGH-?") is False
    assert looks_like_our_code("ABCD-EFGH-*")
    assert not looks_like_our_code("https://example.org")
