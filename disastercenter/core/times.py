"""Times: stored as UTC ISO 8601 text, shown and exported in Japan time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

#: Japan has had no daylight saving time since 1951: a fixed offset needs no time-zone data.
JAPAN = timezone(timedelta(hours=9), "JST")


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
