"""Times: stored as UTC ISO 8601 text, entered and shown in Japan time.

A time typed without an offset (a spreadsheet cell, a form field) is Japan time, because
that is where every user of the app is.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

JAPAN = ZoneInfo("Asia/Tokyo")


def parse_time(text: str) -> datetime:
    """An aware datetime from ISO 8601 text (`2026-09-01 09:00`, `...T00:00:00Z`, offsets).

    Raises ValueError for text that is not a time.
    """
    value = text.strip()
    if not value:
        raise ValueError("empty time")
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JAPAN)
    return moment


def utc_text(moment: datetime) -> str:
    """`2026-09-01T00:00:00Z`: the stored form (sorts as text in time order)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JAPAN)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_utc_text(text: str) -> str:
    """Any accepted time text in the stored form."""
    return utc_text(parse_time(text))


def epoch_minutes(text: str) -> int:
    """Whole minutes since the Unix epoch (what the matching engine works with)."""
    return int(parse_time(text).timestamp() // 60)


def from_epoch_minutes(minutes: int) -> str:
    return utc_text(datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=minutes))


def local_text(text: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored time shown in Japan time; unreadable text is shown as it is."""
    if not text:
        return ""
    try:
        return parse_time(text).astimezone(JAPAN).strftime(fmt)
    except ValueError:
        return text


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def in_japan(utc_iso: str | None) -> datetime | None:
    """A stored UTC timestamp (`2026-11-20T23:30:00Z`) as an aware datetime in Japan time, or
    None when it is empty or not a timestamp."""
    if not utc_iso:
        return None
    try:
        moment = datetime.fromisoformat(utc_iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(JAPAN)
