"""Filling notice templates: `{date}`, `{time}`, `{count}` formatted for each language.

Translate first, then fill: a template is looked up in the target language, then its typed
placeholders are replaced by values formatted the way readers of that language expect. Dates and
numbers come from the Unicode CLDR data shipped with Babel, so 25 languages need no hand-written
month or weekday tables. Japan-context choices (docs/phrasebooks.md, "Filling templates"):

- times on the 24-hour clock in every language (`14:00`), as Japanese notices, trains and shops
  write them; the same numerals on every line of a multilingual notice let staff check them.
  やさしい日本語 alone uses 午前/午後 with the 12-hour clock, as its writing guidelines ask;
- dates as month, day and weekday (`11月21日(土)`, `Sat 21 Nov`), with the year only when it is
  not the current one; always the Gregorian calendar (no 令和, no Buddhist era in Thai), so each
  line of a notice names the same day as the Japanese one;
- Western digits 0-9 in every language, Arabic, Persian, Urdu, Burmese and Nepali included;
- counts with the language's digit grouping (`1,200`, `1.200`, `1 200`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_decimal

from disastercenter.content.phrasebook import PLACEHOLDER, PLACEHOLDER_TYPES, RUBY
from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES

JAPAN = ZoneInfo("Asia/Tokyo")

#: The CLDR locale whose conventions each registry language follows. Regions are those of most
#: speakers living in Japan (Brazilian Portuguese, Latin-American Spanish, Nepal, Pakistan…);
#: English follows British/international order, day before month ("Sat 21 Nov"); Tagalog
#: follows Filipino (CLDR `fil`), the standard form of Tagalog.
BABEL_LOCALES: dict[str, str] = {
    "ja": "ja",
    "ja-x-easy": "ja",
    "en": "en_GB",
    "zh-Hans": "zh_Hans_CN",
    "zh-Hant": "zh_Hant_TW",
    "ko": "ko",
    "vi": "vi",
    "tl": "fil",
    "pt-BR": "pt_BR",
    "es": "es_419",
    "ne": "ne_NP",
    "id": "id",
    "th": "th",
    "my": "my",
    "km": "km",
    "mn": "mn",
    "si": "si",
    "bn": "bn",
    "hi": "hi",
    "ur": "ur_PK",
    "ar": "ar",
    "fa": "fa_IR",
    "uk": "uk",
    "ru": "ru",
    "fr": "fr",
}

#: CLDR skeletons: month (full name where the language abbreviates oddly), day and weekday;
#: the year is added only for dates outside the current year. `Hm` is the 24-hour clock.
DATE_SKELETON = "MMMMEd"
DATE_WITH_YEAR_SKELETON = "yMMMMEd"
TIME_SKELETON = "Hm"

_WEEKDAYS_JA = ("月", "火", "水", "木", "金", "土", "日")  # date.weekday(): Monday is 0
_WEEKDAY_READINGS = ("げつ", "か", "すい", "もく", "きん", "ど", "にち")
#: Days of the month with their own reading (ついたち, ふつか…); every other day is ～にち.
_DAY_READINGS = {
    1: "ついたち", 2: "ふつか", 3: "みっか", 4: "よっか", 5: "いつか", 6: "むいか", 7: "なのか",
    8: "ようか", 9: "ここのか", 10: "とおか", 14: "じゅうよっか", 20: "はつか", 24: "にじゅうよっか",
}

_HH_MM = re.compile(r"(\d{1,2}):(\d{2})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Digits other than 0-9 that CLDR data may use (Arabic-Indic, Persian, Devanagari, Bengali,
#: Myanmar, Khmer, Thai…); they are mapped to 0-9 (see the module docstring).
_NATIVE_DIGITS = str.maketrans({
    chr(zero + n): str(n)
    for zero in (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1040, 0x17E0, 0x0DE6)
    for n in range(10)
})


def fill_template(
    language: str,
    text: str,
    values: Mapping[str, object],
    *,
    types: Mapping[str, str] | None = None,
    ruby: bool | None = None,
    today: dt.date | None = None,
) -> str:
    """`text` (a template already in `language`) with its `{name}` placeholders filled.

    `types` maps each placeholder to its type (`time`, `date`, `count`, `place`, `text`), as the
    catalogue's `placeholders` declares them; without it a placeholder's name is its type, which
    holds for every template we ship. Values:

    - time: `datetime.time`, an aware `datetime` (shown in Japan time; a naive one is taken as
      Japan time already), or text `"14:00"`;
    - date: `datetime.date`, a `datetime` (its Japan date), or text `"2026-11-21"`;
    - count: a whole number, 0 or more;
    - place, text: non-empty text, inserted as given.

    Japanese values get furigana markup when the template has some (or when `ruby` says so).
    `today` (default: today in Japan) decides whether a date shows its year.

    Raises UserError naming the placeholders that are missing, unexpected or of the wrong type.
    """
    if language not in LANGUAGES:
        raise UserError("validation.unknown_language", value=language)
    names = list(dict.fromkeys(PLACEHOLDER.findall(text)))
    declared = dict(types) if types is not None else {}
    missing = [name for name in names if name not in values]
    if missing:
        raise UserError("template.missing", names=_braced(missing), text=text)
    unexpected = [name for name in values if name not in names]
    if unexpected:
        raise UserError("template.unexpected", names=_braced(unexpected), text=text)
    with_ruby = bool(RUBY.search(text)) if ruby is None else ruby
    with_ruby = with_ruby and language in ("ja", "ja-x-easy")
    today = today or dt.datetime.now(JAPAN).date()
    filled: dict[str, str] = {}
    for name in names:
        kind = declared.get(name, name if types is None else None)
        if kind not in PLACEHOLDER_TYPES:
            raise UserError("template.unknown_type", name=f"{{{name}}}", text=text)
        filled[name] = format_value(language, kind, name, values[name], ruby=with_ruby, today=today)
    return PLACEHOLDER.sub(lambda m: filled[m.group(1)], text)


def format_value(
    language: str, kind: str, name: str, value: object, *, ruby: bool = False,
    today: dt.date | None = None,
) -> str:
    """One placeholder value of type `kind` as text in `language` (see `fill_template`)."""
    if kind == "time":
        return format_time(language, _as_time(name, value), ruby=ruby)
    if kind == "date":
        return format_date(language, _as_date(name, value), ruby=ruby, today=today)
    if kind == "count":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise UserError("template.wrong_count", name=f"{{{name}}}", value=repr(value))
        return format_count(language, value)
    if not isinstance(value, str) or not value.strip():
        raise UserError("template.wrong_text", name=f"{{{name}}}", value=repr(value))
    return value


def format_time(language: str, value: dt.time, *, ruby: bool = False) -> str:
    """`14:05` on the 24-hour clock (CLDR separators: `14.05` in Indonesian, `14:05 น.` in
    Thai); やさしい日本語 `午後 2時5分`, with `昼 12時` and `夜 12時` around noon and midnight."""
    if language == "ja-x-easy":
        return _easy_japanese_time(value, ruby)
    text = format_skeleton(TIME_SKELETON, value, locale=babel_locale(language))
    return text.translate(_NATIVE_DIGITS)


def format_date(
    language: str, value: dt.date, *, ruby: bool = False, today: dt.date | None = None
) -> str:
    """Month, day and weekday (`11月21日(土)`, `Sat 21 Nov`), the year first too when `value`
    is not in the year of `today` (default: today in Japan). Gregorian calendar, digits 0-9."""
    today = today or dt.datetime.now(JAPAN).date()
    with_year = value.year != today.year
    if language in ("ja", "ja-x-easy"):
        return _japanese_date(value, with_year, easy=language == "ja-x-easy", ruby=ruby)
    skeleton = DATE_WITH_YEAR_SKELETON if with_year else DATE_SKELETON
    return format_skeleton(skeleton, value, locale=babel_locale(language)).translate(_NATIVE_DIGITS)


def format_count(language: str, value: int) -> str:
    """A whole number with the language's digit grouping, in digits 0-9."""
    text = format_decimal(value, locale=babel_locale(language), numbering_system="latn")
    return text.translate(_NATIVE_DIGITS)


@lru_cache(maxsize=64)
def babel_locale(language: str) -> Locale:
    """The Babel (CLDR) locale for a registry language code."""
    try:
        return Locale.parse(BABEL_LOCALES[language])
    except KeyError:
        raise UserError("validation.unknown_language", value=language) from None


# --- Japanese -------------------------------------------------------------------------------


def _r(base: str, reading: str, ruby: bool) -> str:
    return f"{{{base}|{reading}}}" if ruby else base


def _japanese_date(value: dt.date, with_year: bool, *, easy: bool, ruby: bool) -> str:
    """CLDR's Japanese pattern `y年M月d日(E)`, built here to carry furigana; やさしい日本語
    spells the weekday out in full-width brackets: `11月21日（土曜日）`."""
    parts = [f"{value.year}{_r('年', 'ねん', ruby)}"] if with_year else []
    parts.append(f"{value.month}{_r('月', 'がつ', ruby)}")
    special = _DAY_READINGS.get(value.day)
    if special and ruby:
        parts.append(f"{{{value.day}日|{special}}}")
    else:
        parts.append(f"{value.day}{_r('日', 'にち', ruby)}")
    weekday, reading = _WEEKDAYS_JA[value.weekday()], _WEEKDAY_READINGS[value.weekday()]
    if easy:
        parts.append(f"（{_r(weekday + '曜日', reading + 'ようび', ruby)}）")
    else:
        parts.append(f"({_r(weekday, reading, ruby)})")
    return "".join(parts)


def _easy_japanese_time(value: dt.time, ruby: bool) -> str:
    hour, minute = value.hour, value.minute
    if hour == 0:
        period, shown = _r("夜", "よる", ruby), 12
    elif hour == 12:
        period, shown = _r("昼", "ひる", ruby), 12
    elif hour < 12:
        period, shown = _r("午前", "ごぜん", ruby), hour
    else:
        period, shown = _r("午後", "ごご", ruby), hour - 12
    text = f"{period} {shown}{_r('時', 'じ', ruby)}"
    if minute:
        # 分 reads ぷん after 1, 3, 4, 6, 8 and 10 (いっぷん, じゅっぷん…), ふん otherwise.
        reading = "ぷん" if minute % 10 in (0, 1, 3, 4, 6, 8) else "ふん"
        text += f"{minute}{_r('分', reading, ruby)}"
    return text


# --- values -------------------------------------------------------------------------------


def _as_time(name: str, value: object) -> dt.time:
    if isinstance(value, dt.datetime):
        return _in_japan(value).time()
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        match = _HH_MM.fullmatch(value.strip())
        if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
            return dt.time(int(match.group(1)), int(match.group(2)))
        moment = _iso_datetime(value)
        if moment is not None:
            return _in_japan(moment).time()
    raise UserError("template.wrong_time", name=f"{{{name}}}", value=repr(value))


def _as_date(name: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return _in_japan(value).date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        moment = _iso_datetime(text)
        if moment is not None:
            return _in_japan(moment).date()
    raise UserError("template.wrong_date", name=f"{{{name}}}", value=repr(value))


def _iso_datetime(text: str) -> dt.datetime | None:
    """A stored timestamp (`2026-11-21T05:00:00Z`), or None."""
    if "T" not in text:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _in_japan(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(JAPAN) if moment.tzinfo is not None else moment


def _braced(names: list[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in names)
