"""Why the plan is what it is, in Japanese and English.

The engine returns structured reasons (`model.Reason`: a code and parameters, found by
`reasons`); this module renders every reason as a short sentence, e.g.
"Nguyen T. — Vietnamese native, medical, same shelter" or "no Nepali interpreter free
14:00–16:00; 2 English-speaking volunteers free — use English fallback?".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from disastercenter.core.languages import LANGUAGES
from disastercenter.matching.model import IN_PERSON, Proposal, Reason, Unmet

JAPAN = ZoneInfo("Asia/Tokyo")

_LEVELS = {
    "en": {"native": "native", "fluent": "fluent", "conversational": "conversational", "basic": "basic"},
    "ja": {"native": "母語", "fluent": "流暢", "conversational": "日常会話", "basic": "少し"},
}
_SKILLS = {
    "en": {"medical": "medical", "legal": "legal and procedures", "sign_language": "sign language",
           "children": "children"},
    "ja": {"medical": "医療", "legal": "法律・手続き", "sign_language": "手話", "children": "子ども対応"},
}
_SEXES = {
    "en": {"female": "female", "male": "male", "other": "other"},
    "ja": {"female": "女性", "male": "男性", "other": "その他"},
}
_PLACES = {
    "en": {"shelter": "the shelter", "hospital": "the hospital", "office": "the office",
           "remote": "phone/video"},
    "ja": {"shelter": "避難所", "hospital": "病院", "office": "役所など", "remote": "電話・ビデオ"},
}

#: Sentences for every reason code. Parameters are rendered by `_param` first.
TEMPLATES: dict[str, dict[str, str]] = {
    "unmet.invalid_window": {
        "en": "The time window ends before it starts ({window}): correct the request.",
        "ja": "時間帯の終わりが始まりより前です（{window}）。依頼を修正してください。",
    },
    "unmet.no_language": {
        "en": "No language is given for this request.",
        "ja": "この依頼には言語が指定されていません。",
    },
    "unmet.nobody_speaks": {
        "en": "No active volunteer speaks {languages}.",
        "ja": "{languages}を話せる活動中のボランティアがいません。",
    },
    "unmet.none_free": {
        "en": "No {languages} interpreter free {window}.",
        "ja": "{window}に空いている{languages}の通訳者がいません。",
    },
    "unmet.no_skill": {
        "en": "{languages} interpreters are free {window}, but none has the skill: {skill}.",
        "ja": "{window}に{languages}の通訳者は空いていますが、{skill}ができる人がいません。",
    },
    "unmet.no_gender": {
        "en": "{languages} interpreters are free {window}, but none is {gender} "
        "(a same-gender interpreter was asked for).",
        "ja": "{window}に{languages}の通訳者は空いていますが、{gender}の通訳者がいません（同性の通訳者を希望）。",
    },
    "unmet.cannot_reach": {
        "en": "{languages} interpreters are free {window}, but none can reach {place} "
        "and none can help by phone/video.",
        "ja": "{window}に{languages}の通訳者は空いていますが、{place}へ行ける人がおらず、"
        "電話・ビデオで対応できる人もいません。",
    },
    "unmet.all_rejected": {
        "en": "Every volunteer who could take this request was rejected for it.",
        "ja": "対応できるボランティアは全員、この依頼で却下されています。",
    },
    "unmet.busy": {
        "en": "The {count} volunteers who could take it are busy then or their shift is full.",
        "en_one": "The one volunteer who could take it is busy then or their shift is full.",
        "ja": "対応できる{count}人は、その時間に別の依頼があるか、シフトの上限に達しています。",
    },
    "unmet.try_fallback": {
        "en": "{count} {language}-speaking volunteers free — use {language} fallback?",
        "en_one": "1 {language}-speaking volunteer free — use {language} fallback?",
        "ja": "{language}を話せるボランティアが{count}人空いています — {language}で対応しますか？",
    },
    "volunteer.window_inverted": {
        "en": "{volunteer}: an availability window ends before it starts ({window}); it was ignored.",
        "ja": "{volunteer}: 活動可能時間の終わりが始まりより前です（{window}）。この時間帯は無視しました。",
    },
    "volunteer.windows_overlap": {
        "en": "{volunteer}: availability windows overlap ({window}); they were merged into one shift.",
        "ja": "{volunteer}: 活動可能時間が重なっています（{window}）。1つのシフトにまとめました。",
    },
    "volunteer.no_languages": {
        "en": "{volunteer} has no languages registered and was not matched.",
        "ja": "{volunteer} は言語が登録されていないため、割り当てていません。",
    },
    "volunteer.no_capacity": {
        "en": "{volunteer} can take 0 assignments per shift and was not matched.",
        "ja": "{volunteer} はシフトあたりの上限が0件のため、割り当てていません。",
    },
    "volunteer.no_shifts": {
        "en": "{volunteer} has no availability windows.",
        "ja": "{volunteer} には活動可能時間が登録されていません。",
    },
    "volunteer.inactive": {
        "en": "{volunteer} is inactive.",
        "ja": "{volunteer} は活動停止中です。",
    },
    "fixed.volunteer_inactive": {
        "en": "{volunteer} was deactivated after being assigned to {request}: someone else is proposed.",
        "ja": "{volunteer} は {request} に割り当てた後に活動停止になりました。別の人を提案します。",
    },
    "fixed.volunteer_missing": {
        "en": "{volunteer}, assigned to {request}, is no longer registered: someone else is proposed.",
        "ja": "{request} に割り当てた {volunteer} は登録されていません。別の人を提案します。",
    },
    "fixed.no_longer_possible": {
        "en": "{volunteer} can no longer take {request} (availability, language, place or skill "
        "changed): someone else is proposed.",
        "ja": "{volunteer} は {request} を担当できなくなりました（時間・言語・場所・技能の変更）。別の人を提案します。",
    },
    "fixed.over_capacity": {
        "en": "{volunteer} has more confirmed assignments than the shift allows; {request} is matched again.",
        "ja": "{volunteer} の確定済みの依頼がシフトの上限を超えています。{request} は割り当て直します。",
    },
    "fixed.overlap": {
        "en": "{volunteer} has two confirmed in-person assignments at the same time; "
        "{request} is matched again.",
        "ja": "{volunteer} に同じ時間の対面の確定済み依頼が2件あります。{request} は割り当て直します。",
    },
    "fixed.duplicate": {
        "en": "{request} is confirmed twice; the assignment of {volunteer} was not kept.",
        "ja": "{request} が二重に確定されています。{volunteer} の割り当ては採用しませんでした。",
    },
}

_SEPARATOR = {"en": ", ", "ja": "、"}


def language_label(code: str, lang: str) -> str:
    entry = LANGUAGES.get(code)
    if entry is None:
        return code
    return entry.name_ja if lang == "ja" else entry.name_en


def _languages(codes: Sequence[str], lang: str) -> str:
    names = [language_label(code, lang) for code in codes]
    if lang == "ja":
        return "・".join(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def local(minutes: int) -> datetime:
    return datetime.fromtimestamp(minutes * 60, timezone.utc).astimezone(JAPAN)


def window_text(start: int, end: int) -> str:
    """`9/2 14:00–16:00` in Japan time (the end's date only when it differs)."""
    a, b = local(start), local(end)
    text = f"{a.month}/{a.day} {a:%H:%M}–"
    if (b.date() != a.date()) and not (b.hour == 0 and b.minute == 0 and (b.date() - a.date()).days == 1):
        text += f"{b.month}/{b.day} "
    return text + f"{b:%H:%M}"


def _param(name: str, value: object, lang: str) -> str:
    if name == "languages":
        return _languages(value, lang)  # type: ignore[arg-type]
    if name == "language":
        return language_label(str(value), lang)
    if name == "window":
        start, end = value  # type: ignore[misc]
        return window_text(int(start), int(end))
    if name == "skill":
        return _SKILLS.get(lang, _SKILLS["en"]).get(str(value), str(value))
    if name == "gender":
        return _SEXES.get(lang, _SEXES["en"]).get(str(value), str(value))
    if name == "place":
        return _PLACES.get(lang, _PLACES["en"]).get(str(value), str(value))
    return str(value)


def render(item: Reason, lang: str = "en") -> str:
    """One reason as a sentence in `lang` (ja or en)."""
    texts = TEMPLATES.get(item.code)
    if texts is None:
        return f"{item.code}: {dict(item.params)}"
    template = texts.get(lang) or texts["en"]
    if item.get("count") == 1:
        template = texts.get(f"{lang}_one", template)
    return template.format(**{k: _param(k, v, lang) for k, v in item.params})


def describe_unmet(unmet: Unmet, lang: str = "en") -> str:
    return " ".join(render(r, lang) for r in unmet.reasons)


def describe_proposal(proposal: Proposal, volunteer_name: str, lang: str = "en") -> str:
    """`Nguyen T. — Vietnamese native, medical, same shelter` (or in Japanese)."""
    ja = lang == "ja"
    level = _LEVELS["ja" if ja else "en"].get(proposal.level, proposal.level)
    name = language_label(proposal.language, lang)
    if ja:
        parts = [f"{name}（{level}{'・代替言語' if proposal.language_rank else ''}）"]
    else:
        parts = [f"{name} {level}" + (" (fallback)" if proposal.language_rank else "")]
    if proposal.skill:
        parts.append(_SKILLS["ja" if ja else "en"].get(proposal.skill, proposal.skill))
    if proposal.mode != IN_PERSON:
        parts.append("電話・ビデオ" if ja else "by phone/video")
    elif proposal.same_shelter:
        parts.append("同じ避難所" if ja else "same shelter")
    elif proposal.travel_minutes is not None:
        parts.append(f"移動{proposal.travel_minutes}分" if ja else f"{proposal.travel_minutes} min away")
    if proposal.continuity:
        parts.append("以前にこの方を担当" if ja else "helped this person before")
    if proposal.load > 1:
        parts.append(f"このシフト{proposal.load}件目" if ja else f"{_ordinal(proposal.load)} in this shift")
    if proposal.fixed:
        parts.append("確定・固定済み" if ja else "kept (confirmed or locked)")
    return f"{volunteer_name} — " + _SEPARATOR["ja" if ja else "en"].join(parts)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def short_name(name: str) -> str:
    """`NGUYEN Thi Lan` -> `Nguyen T.`; names in one word (or not in Latin script) stay."""
    words = name.split()
    if len(words) < 2 or not words[0].isascii():
        return name.strip()
    family = words[0].capitalize() if words[0].isupper() else words[0]
    return f"{family} {words[1][0].upper()}."
