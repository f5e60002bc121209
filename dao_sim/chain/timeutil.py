"""Durations as people write them in scenarios: "3 days", "36h", "1 week 2 days".

Voting periods, grace windows and appeal deadlines are set in seconds on the chain but
written in days and hours by the people who design them; this module is the one place
that reads the second form into the first, and refuses what it cannot read exactly.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from dao_sim.exceptions import DurationError, suggest

__all__ = ["UNITS", "format_duration", "parse_duration"]

_SECOND, _MINUTE, _HOUR, _DAY, _WEEK = 1, 60, 3600, 86_400, 604_800

#: Every unit word understood, with its length in seconds.
UNITS: dict[str, int] = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), _SECOND),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), _MINUTE),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), _HOUR),
    **dict.fromkeys(("d", "day", "days"), _DAY),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), _WEEK),
}
_VAGUE = {"month", "months", "mo", "y", "yr", "yrs", "year", "years"}

_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*(?:,|\band\b)?", re.IGNORECASE)


def parse_duration(value: str | int | timedelta) -> int:
    """Read a duration and return it in whole seconds.

    Parameters
    ----------
    value : str, int or timedelta
        Seconds as an ``int``; a ``timedelta``; or text made of number-unit pairs,
        such as ``"3 days"``, ``"36h"``, ``"1 week 2 days"``, ``"1d, 12h and 30 min"``,
        ``"1.5 hours"``, or a bare number of seconds (``"3600"``). Units: s, m/min, h,
        d, w and their spelled-out forms.

    Returns
    -------
    int
        Seconds, zero or more.

    Raises
    ------
    DurationError
        For text that does not read as a duration, a negative value, a fraction of a
        second, and months or years (which have no fixed length: say "30 days").

    Examples
    --------
    >>> parse_duration("1 week 2 days")
    777600
    >>> parse_duration("90 minutes")
    5400
    >>> parse_duration(timedelta(hours=36))
    129600
    """
    if isinstance(value, bool):
        raise DurationError(f"{value!r} is not a duration")
    if isinstance(value, int):
        seconds = Decimal(value)
    elif isinstance(value, timedelta):
        seconds = Decimal(value.days * _DAY + value.seconds) + Decimal(value.microseconds) / 10**6
    elif isinstance(value, str):
        seconds = _parse_text(value)
    else:
        raise DurationError(f"{value!r} is not a duration: give text, seconds or a timedelta")
    if seconds < 0:
        raise DurationError(f"a duration cannot be negative: {value!r}")
    if seconds != seconds.to_integral_value():
        raise DurationError(f"{value!r} is not a whole number of seconds")
    return int(seconds)


def _parse_text(text: str) -> Decimal:
    stripped = text.strip()
    if re.fullmatch(r"\d+", stripped):
        return Decimal(stripped)
    if stripped.startswith("-"):
        raise DurationError(f"a duration cannot be negative: '{text}'")
    total, position = Decimal(0), 0
    while position < len(stripped):
        match = _PART.match(stripped, position)
        if match is None or match.end() == position:
            raise DurationError(f"cannot read '{text}' as a duration: expected a number "
                                f"and a unit (like '3 days') at '{stripped[position:]}'")
        number, unit = match.group(1), match.group(2).lower()
        if unit in _VAGUE:
            raise DurationError(f"'{text}': months and years have no fixed length on a "
                                "chain; say '30 days' or '365 days'")
        if unit not in UNITS:
            raise DurationError(f"cannot read '{text}' as a duration: unknown unit "
                                f"'{match.group(2)}'{suggest(unit, UNITS)}")
        try:
            total += Decimal(number) * UNITS[unit]
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            raise DurationError(f"cannot read '{number}' as a number") from None
        position = match.end()
    if position == 0:
        raise DurationError(f"cannot read an empty text as a duration: '{text}'")
    return total


def format_duration(seconds: int) -> str:
    """Write seconds the way people say them, largest units first.

    Examples
    --------
    >>> format_duration(777_600)
    '1 week 2 days'
    >>> format_duration(0)
    '0 seconds'
    """
    if seconds == 0:
        return "0 seconds"
    parts = []
    for name, size in (("week", _WEEK), ("day", _DAY), ("hour", _HOUR), ("minute", _MINUTE),
                       ("second", _SECOND)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {name}{'' if count == 1 else 's'}")
    return " ".join(parts)
