"""The kiosk's staff PIN: rules, salted scrypt hashes, constant-time checks."""

from __future__ import annotations

import pytest

from disastercenter.services.kiosk import hash_pin, pin_problem, verify_pin


def test_a_pin_is_verified_against_its_hash_and_nothing_else() -> None:
    stored = hash_pin("2580")
    assert verify_pin("2580", stored)
    assert not verify_pin("2581", stored)
    assert not verify_pin("", stored)


def test_the_same_pin_hashes_differently_each_time_and_never_appears_in_clear() -> None:
    first, second = hash_pin("739164"), hash_pin("739164")
    assert first != second
    assert "739164" not in first
    assert first.startswith("scrypt$16384$8$1$")


@pytest.mark.parametrize("stored", ["", "2580", "scrypt$x$8$1$00$00", "bcrypt$1$2$3$00$00",
                                    "scrypt$16384$8$1$zz$00"])
def test_a_damaged_stored_hash_matches_no_pin(stored: str) -> None:
    assert not verify_pin("2580", stored)


@pytest.mark.parametrize(("pin", "problem"), [
    ("258", "pin.format"), ("1234567890123", "pin.format"), ("12a4", "pin.format"),
    ("１２３４", "pin.format"), ("0000", "pin.guessable"), ("1234", "pin.guessable"),
    ("9876", "pin.guessable"), ("2580", None), ("739164", None),
])
def test_pins_are_4_to_12_digits_and_not_trivially_guessed(pin: str, problem: str | None) -> None:
    assert pin_problem(pin) == problem
