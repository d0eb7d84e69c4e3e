"""Services behind the GUI print centre: languages with font coverage and review status, typed
notice values, the kit written all at once, cards from data read beforehand."""

from __future__ import annotations

from pathlib import Path

import pytest
import uharfbuzz as hb

from disastercenter.content.phrasebook import load_phrasebook
from disastercenter.core.languages import LANGUAGE_CODES
from disastercenter.printing.fonts import PROBES, default_resolver, required_text
from disastercenter.services import print_cards, printing
from disastercenter.services.print_centre import (
    check_notice_values,
    language_choices,
    notice_templates,
    print_kit_folder,
    review_counts,
)
from tests.helpers import add_shelter, person
from tests.printing.test_printables import pages, pdf_text


def thai_font_without_most_letters(folder: Path) -> Path:
    """A real TrueType font with only the Thai letters the resolver probes for: put in a fonts
    folder it wins for Thai (folder fonts come first) and most Thai phrases cannot print."""
    source = default_resolver().choice("Thai").regular.path  # type: ignore[union-attr]
    face = hb.Face(hb.Blob.from_file_path(str(source)))
    wanted = hb.SubsetInput()
    for ch in PROBES["Thai"]:
        wanted.unicode_set.add(ord(ch))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ThaiProbeOnly.ttf"
    path.write_bytes(hb.subset(face, wanted).blob.data)
    return path


def test_a_fonts_folder_with_an_incomplete_thai_font_makes_thai_unprintable(tmp_path: Path) -> None:
    thai_font_without_most_letters(tmp_path / "fonts")
    choices = {c.code: c for c in language_choices(tmp_path / "fonts")}
    assert list(choices) == list(LANGUAGE_CODES)
    assert not choices["th"].printable and not choices["th"].no_font
    missing = set(choices["th"].missing)
    assert missing and missing <= set(required_text("th"))
    assert not missing & set(PROBES["Thai"])
    assert [c for c in choices.values() if not c.printable] == [choices["th"]]


def test_review_status_counts_the_printed_phrases_checked_by_a_native_speaker() -> None:
    book = load_phrasebook()
    reviewed, total = review_counts(book, "vi")
    printed = [p for p in book.phrases.values()
               if p.category not in ("form", "vocab") and p.texts.get("vi")]
    assert total == len(printed)
    assert reviewed == sum(1 for p in printed if p.reviews.get("vi") and p.reviews["vi"].is_reviewed)
    choice = next(c for c in language_choices() if c.code == "vi")
    assert choice.review_state == ("reviewed" if reviewed == total else
                                   "partly" if reviewed else "unreviewed")


def test_notice_values_are_checked_against_the_template_types() -> None:
    water = next(t for t in notice_templates() if t.key == "notice.water")
    assert dict(water.fields) == {"date": "date", "time": "time", "place": "place"}
    assert check_notice_values(water, {"date": "2026-11-21", "time": "14:00", "place": "体育館"}) == []
    problems = check_notice_values(water, {"date": "21/11", "time": "25:00", "place": " "})
    assert [p.key for p in problems] == ["template.wrong_date", "template.wrong_time",
                                         "template.wrong_text"]
    assert "14:00" in problems[1].message("ja")
    meals = next(t for t in notice_templates() if t.key == "notice.meals_left")
    assert check_notice_values(meals, {"count": "120"}) == []
    assert [p.key for p in check_notice_values(meals, {"count": "-3"})] == ["template.wrong_count"]


def test_a_notice_writes_dates_times_and_counts_the_way_each_language_does(tmp_path: Path) -> None:
    result = printing.print_notice("notice.water", ["ja", "en", "fr"],
                                   {"date": "2026-11-21", "time": "14:00", "place": "Gym A"},
                                   tmp_path / "water.pdf")
    text = " ".join(pdf_text(result.path).split())
    assert "Water will be handed out on Sat 21 Nov from 14:00 at Gym A." in text
    assert "11月21日(土)" in text.replace(" ", "")
    left = printing.print_notice("notice.meals_left", ["en", "fr"], {"count": "1200"},
                                 tmp_path / "meals.pdf")
    text = " ".join(pdf_text(left.path).split())
    assert "There are 1,200 meals left." in text and "Il reste 1 200 repas." in text.replace("\u202f", " ")
    free = printing.print_notice("notice.meal", ["en"], {"time": "after lunch", "place": "Gym"},
                                 tmp_path / "free.pdf")  # not a time: printed as given
    assert "Meals will be served at after lunch at Gym." in " ".join(pdf_text(free.path).split())


def test_the_kit_appears_in_its_folder_all_at_once(tmp_path: Path) -> None:
    results = print_kit_folder(["ja"], tmp_path, workers=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        part.file for part in printing.kit_parts(["ja"]))
    assert all(r.path.parent == tmp_path and pages(r.path) == r.pages for r in results)


def test_a_cancelled_kit_leaves_its_folder_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "signs.pdf").write_bytes(b"an older kit's file")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2  # after two files were made

    with pytest.raises(printing.PrintCancelled):
        print_kit_folder(["ja", "en", "vi"], tmp_path, workers=1, cancelled=cancelled)
    assert [p.name for p in tmp_path.iterdir()] == ["signs.pdf"]
    assert (tmp_path / "signs.pdf").read_bytes() == b"an older kit's file"


def test_cards_print_from_data_read_beforehand(registry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shelter = add_shelter(registry)
    registry.register_household(shelter, [person(f"PERSON {i}") for i in range(12)])
    cards, _title = print_cards.card_data(registry, shelter_id=shelter)
    assert len(cards) == 12
    result = print_cards.print_card_sheet(cards, tmp_path / "cards.pdf")
    assert result.pages == 2 == pages(result.path)
    assert cards[0].card_code in pdf_text(result.path)
