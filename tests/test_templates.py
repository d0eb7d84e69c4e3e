"""Filling notice templates: typed placeholders, formatted for each of the 25 languages."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from babel import Locale
from babel.dates import format_skeleton

from disastercenter.content.phrasebook import PLACEHOLDER, load_phrasebook
from disastercenter.content.templates import (
    BABEL_LOCALES,
    babel_locale,
    fill_template,
    format_count,
    format_date,
    format_time,
)
from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES

SATURDAY = dt.date(2026, 11, 21)
SAME_YEAR = dt.date(2026, 11, 20)
NEXT_YEAR = dt.date(2027, 1, 2)
AFTERNOON = dt.time(14, 30)


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_phrasebook()


def test_every_registry_language_has_a_cldr_locale_babel_knows() -> None:
    assert set(BABEL_LOCALES) == set(LANGUAGES)
    for code in LANGUAGES:
        locale = babel_locale(code)
        assert isinstance(locale, Locale)
        assert locale.days["format"]["wide"][5], code  # real CLDR data, not an empty stub
    assert str(babel_locale("ja-x-easy")) == "ja"
    assert str(babel_locale("tl")) == "fil"


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_a_date_shows_the_day_the_month_and_the_weekday_in_the_language(code: str) -> None:
    text = format_date(code, SATURDAY, today=SAME_YEAR)
    locale = babel_locale(code)
    assert "21" in text and "2026" not in text, text
    if code not in ("ja", "ja-x-easy", "zh-Hans", "zh-Hant", "ko", "mn"):  # those write 11月, 11월
        months = {*locale.months["format"]["wide"].values(), *locale.months["format"]["abbreviated"].values(),
                  *locale.months["stand-alone"]["abbreviated"].values(), *locale.months["stand-alone"]["wide"].values()}
        assert any(name in text for name in (m for m in months if m)), text
    weekdays = {
        name for width in ("wide", "abbreviated", "short")
        for context in ("format", "stand-alone") for name in (locale.days[context][width][5],)
    }
    assert any(name in text for name in weekdays) or "土" in text, text
    assert _only_western_digits(text), text


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_a_time_is_on_the_24_hour_clock_except_in_easy_japanese(code: str) -> None:
    text = format_time(code, AFTERNOON)
    if code == "ja-x-easy":
        assert text == "午後 2時30分"
    else:
        assert "14" in text and "30" in text and "2:30" not in text, text
    assert _only_western_digits(text), text


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_a_count_uses_the_language_grouping_with_western_digits(code: str) -> None:
    text = format_count(code, 1234)
    assert text.replace(",", "").replace(".", "").replace("\u00a0", "").replace("\u202f", "") == "1234"
    assert _only_western_digits(text)


@pytest.mark.parametrize(("code", "expected"), [
    ("ja", "11月21日(土)"),
    ("ja-x-easy", "11月21日（土曜日）"),
    ("en", "Sat 21 Nov"),
    ("zh-Hans", "11月21日周六"),
    ("ko", "11월 21일 (토)"),
])
def test_the_dates_people_in_japan_read_most_look_as_expected(code: str, expected: str) -> None:
    assert format_date(code, SATURDAY, today=SAME_YEAR) == expected


def test_japanese_dates_match_the_cldr_pattern_we_rebuild_for_furigana() -> None:
    day = SATURDAY
    for offset in range(0, 400, 7):
        day = SATURDAY + dt.timedelta(days=offset)
        assert format_date("ja", day, today=SAME_YEAR) == format_skeleton(
            "MMMMEd" if day.year == 2026 else "yMMMMEd", day, locale="ja"
        )


def test_the_year_is_shown_only_for_a_date_outside_the_current_year() -> None:
    assert "2027" in format_date("en", NEXT_YEAR, today=SAME_YEAR)
    assert format_date("ja", NEXT_YEAR, today=SAME_YEAR) == "2027年1月2日(土)"
    assert "2027" not in format_date("en", NEXT_YEAR, today=NEXT_YEAR)


def test_thai_dates_use_the_gregorian_year_not_the_buddhist_era() -> None:
    text = format_date("th", NEXT_YEAR, today=SAME_YEAR)
    assert "2027" in text and "2570" not in text


def test_arabic_persian_urdu_burmese_and_nepali_use_western_digits() -> None:
    for code in ("ar", "fa", "ur", "my", "ne", "bn"):
        filled = fill_template(code, "{date} {time} {count}", {
            "date": SATURDAY, "time": AFTERNOON, "count": 25,
        }, today=SAME_YEAR)
        assert "21" in filled and "14" in filled and "25" in filled, (code, filled)
        assert _only_western_digits(filled), (code, filled)


def test_easy_japanese_times_say_morning_afternoon_noon_and_midnight() -> None:
    cases = {
        dt.time(9, 0): "午前 9時", dt.time(12, 15): "昼 12時15分", dt.time(0, 5): "夜 12時5分",
        dt.time(18, 1): "午後 6時1分", dt.time(23, 45): "午後 11時45分",
    }
    for value, expected in cases.items():
        assert format_time("ja-x-easy", value) == expected


def test_japanese_values_carry_furigana_when_the_template_does() -> None:
    template = "{date}の{time}に{配|くば}ります。"
    values = {"date": dt.date(2026, 12, 2), "time": AFTERNOON}
    assert fill_template("ja", template, values, today=SAME_YEAR) == (
        "12{月|がつ}{2日|ふつか}({水|すい})の14:30に{配|くば}ります。"
    )
    easy = fill_template("ja-x-easy", "{date} {time}に くばります", values, ruby=True, today=SAME_YEAR)
    assert easy == "12{月|がつ}{2日|ふつか}（{水曜日|すいようび}） {午後|ごご} 2{時|じ}30{分|ぷん}に くばります"
    plain = fill_template("ja", "{date}に", {"date": SATURDAY}, today=SAME_YEAR)
    assert plain == "11月21日(土)に"  # no markup in the template, none in the value


def test_filled_shipped_templates_in_every_language_keep_their_own_text(book) -> None:  # type: ignore[no-untyped-def]
    values = {"date": SATURDAY, "time": AFTERNOON, "place": "体育館", "count": 40, "text": "LINE"}
    templates = [key for key, phrase in book.phrases.items() if phrase.placeholders]
    assert len(templates) >= 30
    for key in templates:
        phrase = book.phrases[key]
        needed = {name: values[kind] for name, kind in phrase.placeholders.items()}
        for code in LANGUAGES:
            text = book.text(key, code, ruby=True)
            filled = fill_template(code, text, needed, types=phrase.placeholders, today=SAME_YEAR)
            assert PLACEHOLDER.search(filled) is None, (key, code, filled)
            literal = PLACEHOLDER.split(text)[::2]  # the text between placeholders
            assert all(part in filled for part in literal), (key, code)


def test_phrasebook_fill_looks_up_the_language_then_fills_with_the_declared_types(book) -> None:  # type: ignore[no-untyped-def]
    filled = book.fill("notice.meal", "en", {"time": dt.time(18, 0), "place": "Gym"})
    assert filled == "Meals will be served at 18:00 at Gym."
    assert book.fill("notice.meal", "ja", {"time": dt.time(18, 0), "place": "体育館"}) == (
        "食事は18:00に体育館で配ります。"
    )


def test_an_aware_timestamp_is_shown_in_japan_time() -> None:
    stored = "2026-11-21T05:30:00Z"  # 14:30 in Japan
    assert fill_template("en", "{date} {time}", {"date": stored, "time": stored}, today=SAME_YEAR) == (
        "Sat 21 Nov 14:30"
    )
    utc = dt.datetime(2026, 11, 20, 23, 0, tzinfo=dt.timezone.utc)  # already the 21st in Japan
    assert fill_template("ja", "{date}", {"date": utc}, today=SAME_YEAR) == "11月21日(土)"


def test_a_missing_value_is_a_clear_error_in_japanese_and_english() -> None:
    with pytest.raises(UserError) as caught:
        fill_template("vi", "Bữa ăn lúc {time} tại {place}.", {"time": AFTERNOON})
    assert caught.value.key == "template.missing"
    assert "{place}" in caught.value.message("en") and "No value" in caught.value.message("en")
    assert "{place}" in caught.value.message("ja") and "値がありません" in caught.value.message("ja")


@pytest.mark.parametrize(("name", "value", "key"), [
    ("time", "2pm", "template.wrong_time"),
    ("time", "25:00", "template.wrong_time"),
    ("time", 14, "template.wrong_time"),
    ("date", "21/11/2026", "template.wrong_date"),
    ("date", "2026-02-30", "template.wrong_date"),
    ("count", "12", "template.wrong_count"),
    ("count", -1, "template.wrong_count"),
    ("count", True, "template.wrong_count"),
    ("place", "", "template.wrong_text"),
    ("place", 3, "template.wrong_text"),
])
def test_a_value_of_the_wrong_type_is_refused_naming_the_placeholder(name: str, value: object, key: str) -> None:
    with pytest.raises(UserError) as caught:
        fill_template("en", f"At {{{name}}}", {name: value})
    assert caught.value.key == key
    assert f"{{{name}}}" in caught.value.message("en") and repr(value) in caught.value.message("en")
    assert f"{{{name}}}" in caught.value.message("ja")


def test_a_value_for_a_placeholder_the_text_lacks_is_refused() -> None:
    with pytest.raises(UserError) as caught:
        fill_template("en", "Meals at {time}.", {"time": AFTERNOON, "tiem": AFTERNOON})
    assert caught.value.key == "template.unexpected" and "{tiem}" in caught.value.message("en")


def test_declared_types_decide_over_names() -> None:
    assert fill_template("en", "{when}", {"when": AFTERNOON}, types={"when": "time"}) == "14:30"
    with pytest.raises(UserError) as caught:
        fill_template("en", "{when}", {"when": AFTERNOON})
    assert caught.value.key == "template.unknown_type"


def test_values_are_inserted_once_and_never_read_as_placeholders() -> None:
    filled = fill_template("en", "{place} at {time}", {"place": "Room {time}", "time": AFTERNOON})
    assert filled == "Room {time} at 14:30"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(UserError) as caught:
        fill_template("xx", "{count}", {"count": 1})
    assert caught.value.key == "validation.unknown_language"


def _only_western_digits(text: str) -> bool:
    return all(char in "0123456789" for char in text if unicodedata.category(char) == "Nd")
