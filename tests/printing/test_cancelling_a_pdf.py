"""A long single PDF stops drawing at its next page once cancelled, and nothing is written:
real documents (a roster of a thousand persons, a card sheet, a notice in every language)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from disastercenter.core.languages import LANGUAGE_CODES
from disastercenter.core.people import PersonInput
from disastercenter.printing.cards import PER_SHEET, CardData
from disastercenter.services import print_cards, printing
from disastercenter.services.printing import PrintCancelled
from disastercenter.services.registry import Registry
from tests.helpers import add_shelter
from tests.printing.test_printables import pages


class CancelAtPage:
    """The user's Cancel, pressed while page `page` is being drawn (seen through progress)."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.seen: list[int] = []

    def progress(self, done: int, total: int, _label: str) -> None:
        assert total == 0  # a single PDF does not know its page count while drawing
        self.seen.append(done)

    def cancelled(self) -> bool:
        return bool(self.seen) and self.seen[-1] >= self.page


def cancel_during(run: Callable[[CancelAtPage], object], page: int = 2) -> CancelAtPage:
    user = CancelAtPage(page)
    with pytest.raises(PrintCancelled):
        run(user)
    return user


def test_a_roster_of_a_thousand_persons_stops_at_the_next_page_and_writes_nothing(
    registry: Registry, tmp_path: Path
) -> None:
    shelter = add_shelter(registry)
    registry.register_households(
        [(shelter, [PersonInput(name_latin=f"NGUYEN Van {h}-{m}", languages=[("vi", "native")])
                    for m in range(4)], 0, "") for h in range(250)])
    out = tmp_path / "roster.pdf"
    user = cancel_during(lambda u: print_cards.print_roster(
        registry, out, shelter, progress=u.progress, cancelled=u.cancelled))
    assert user.seen == [1, 2]  # the third page was never started
    assert not out.exists() and not list(tmp_path.glob("*.pdf*"))
    # Not cancelled, the same roster is long: the stop was mid-file.
    full = print_cards.print_roster(registry, out, shelter)
    assert full.pages == pages(out) > 20


def test_a_card_sheet_for_a_thousand_persons_stops_when_cancelled(tmp_path: Path) -> None:
    cards = [CardData(f"A{i:05d}", name_latin=f"PERSON Number {i}", languages=("vi",))
             for i in range(1000)]
    out = tmp_path / "cards.pdf"
    user = cancel_during(lambda u: print_cards.print_card_sheet(
        cards, out, progress=u.progress, cancelled=u.cancelled), page=3)
    assert user.seen == [1, 2, 3] and 1000 // PER_SHEET == 100
    assert list(tmp_path.iterdir()) == []


def test_a_notice_in_every_language_one_per_page_stops_when_cancelled(tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    values = {"time": "12:00", "place": "体育館"}
    user = cancel_during(lambda u: printing.print_notice(
        "notice.meal", LANGUAGE_CODES, values, out, one_per_page=True,
        progress=u.progress, cancelled=u.cancelled))
    assert user.seen == [1, 2] and len(LANGUAGE_CODES) >= 25
    assert list(tmp_path.iterdir()) == []


def test_a_cancelled_job_leaves_an_existing_file_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "board.pdf"
    out.write_bytes(b"the board printed yesterday")
    cancel_during(lambda u: printing.print_board(
        "staff", "ar", out, progress=u.progress, cancelled=u.cancelled))
    assert out.read_bytes() == b"the board printed yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["board.pdf"]


def test_cancelled_on_the_last_page_nothing_is_written_either(tmp_path: Path) -> None:
    out = tmp_path / "sign.pdf"
    user = cancel_during(lambda u: printing.print_sign(
        "water", ["ar", "ja"], out, progress=u.progress, cancelled=u.cancelled), page=1)
    assert user.seen == [1] and not out.exists()
