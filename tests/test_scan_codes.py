"""What card and form QR codes hold, and reading back what a keyboard-emulating scanner typed."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from disastercenter.core.ids import card_code, new_id
from disastercenter.core.scan_codes import (
    Scan,
    assignment_payload,
    form_payload,
    hex_check,
    looks_like_our_code,
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


def test_every_single_wrong_digit_and_every_swap_of_neighbours_is_caught() -> None:
    # The check is linear in the digits: a change is caught or not whatever the other digits
    # are, so trying every change at every position of one id tries them all.
    digits = person_payload(PERSON).split("/")[2]
    check = hex_check(digits)
    for position in range(32):
        for value in "0123456789ABCDEF":
            if value != digits[position]:
                wrong = digits[:position] + value + digits[position + 1:]
                assert hex_check(wrong) != check, (position, value)
    for position in range(31):
        for a in "0123456789ABCDEF":
            for b in "0123456789ABCDEF":
                if a != b:
                    one = digits[:position] + a + b + digits[position + 2:]
                    other = digits[:position] + b + a + digits[position + 2:]
                    assert hex_check(one) != hex_check(other), (position, a, b)


@given(st.uuids(), st.integers(0, 31), st.integers(1, 15))
def test_a_card_with_a_misread_digit_is_not_read_as_someone_else(
    person: uuid.UUID, position: int, change: int
) -> None:
    payload = person_payload(str(person))
    digits = payload.split("/")[2]
    wrong = digits[:position] + format((int(digits[position], 16) + change) % 16, "X") \
        + digits[position + 1:]
    assert read_scan(payload.replace(digits, wrong)) is None


def test_a_dispatch_card_payload_reads_back_as_an_assignment_not_a_person() -> None:
    payload = assignment_payload(PERSON)
    assert payload.startswith("DC1/A/")
    assert read_scan(payload) == Scan("assignment", assignment_id=PERSON)


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
    assert read_scan(form_payload("registration", 3, "ja-x-easy", page=2).replace("/", "-")) == \
        Scan("form", form_id="registration", form_version=3, lang="ja-x-easy", page=2)


def test_damaged_or_foreign_codes_read_as_nothing_but_ours_are_recognised_as_ours() -> None:
    payload = person_payload(PERSON)
    for text in (payload[:-2], payload + "X", "DC2/P/" + payload[6:], "https://example.org", ""):
        assert read_scan(text) is None, text
    assert looks_like_our_code(payload[:-3])
    assert looks_like_our_code("ABCD-EFGH-?") is False
    assert looks_like_our_code("ABCD-EFGH-*")
    assert not looks_like_our_code("https://example.org")
