"""Values as a scenario writes them: amounts with a unit, durations, percentages, multiples.

A scenario is read by people who are not programmers, so every value says what it is: a bare
``10`` could be wei or ether and is refused with a message that says to add the unit. Each
reader raises :class:`ValueError` with a sentence; the loader puts file, line and field before
it.
"""

from __future__ import annotations

import re

from dao_sim.chain.timeutil import parse_duration
from dao_sim.exceptions import DurationError, SpecError
from dao_sim.governance.units import parse_amount, parse_bps, parse_multiple

__all__ = ["read_amount", "read_duration", "read_multiple", "read_percent", "read_signed_amount"]

_NUMBER_ONLY = re.compile(r"^\s*[+-]?[0-9][0-9_]*(\.[0-9]+)?\s*$")
_SIGNED = re.compile(r"^\s*([+-])\s*(.*)$")


def _unitless(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)) or (
        isinstance(value, str) and bool(_NUMBER_ONLY.match(value)))


def read_amount(value: object) -> int:
    """An amount in wei from text with a unit: ``"10 ETH"``, ``"0.5 ETH"``, ``"1 wei"``.

    Raises
    ------
    ValueError
        For a bare number (no unit), an unknown unit, a negative amount or a fraction of a wei.

    Examples
    --------
    >>> read_amount("0.5 ETH")
    500000000000000000
    >>> read_amount("10")
    Traceback (most recent call last):
    ...
    ValueError: '10' has no unit: write '10 ETH' (or gwei, wei)
    """
    if _unitless(value):
        text = str(value).strip()
        raise ValueError(f"'{text}' has no unit: write '{text} ETH' (or gwei, wei)")
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not an amount: write e.g. '10 ETH'")
    if value.strip().startswith(("-", "+")):
        raise ValueError(f"'{value}' has a sign: an amount here is never negative")
    try:
        return parse_amount(value)
    except SpecError as exc:
        raise ValueError(str(exc).removeprefix("amount: ")) from None


def read_signed_amount(value: object) -> int:
    """A change of an amount: ``"+2 ETH"``, ``"-4 ETH"`` or ``"0 ETH"``.

    Examples
    --------
    >>> read_signed_amount("-1.5 ETH")
    -1500000000000000000
    """
    if isinstance(value, str):
        match = _SIGNED.match(value)
        if match and not _unitless(value):
            sign, rest = match.groups()
            wei = read_amount(rest)
            return -wei if sign == "-" else wei
    return read_amount(value)


def read_duration(value: object) -> int:
    """Seconds from text with a unit: ``"3 days"``, ``"36h"``, ``"1 week 2 days"``.

    Examples
    --------
    >>> read_duration("2 days")
    172800
    >>> read_duration("3600")
    Traceback (most recent call last):
    ...
    ValueError: '3600' has no unit: write e.g. '3600 seconds' or '3 days'
    """
    if _unitless(value):
        text = str(value).strip()
        raise ValueError(f"'{text}' has no unit: write e.g. '{text} seconds' or '3 days'")
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a duration: write e.g. '3 days'")
    try:
        return parse_duration(value)
    except DurationError as exc:
        raise ValueError(str(exc)) from None


def read_percent(value: object) -> int:
    """Basis points from a percentage: ``"50%"`` -> 5000.

    Examples
    --------
    >>> read_percent("66.67%")
    6667
    """
    if _unitless(value):
        text = str(value).strip()
        raise ValueError(f"'{text}' has no '%': write '{text}%'")
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a percentage: write e.g. '50%'")
    try:
        bps = parse_bps(value, field="percentage")
    except SpecError as exc:
        raise ValueError(str(exc).removeprefix("percentage: ")) from None
    if not 0 <= bps <= 10_000:
        raise ValueError(f"'{value}' is not between 0% and 100%")
    return bps


def read_multiple(value: object) -> int:
    """Basis points from a multiple of the contribution: ``"1.5x"`` -> 15000.

    Examples
    --------
    >>> read_multiple("2x")
    20000
    """
    if _unitless(value):
        text = str(value).strip()
        raise ValueError(f"'{text}' has no 'x': write '{text}x' (a multiple of the contribution)")
    try:
        return parse_multiple(value if isinstance(value, str) else str(value), field="multiple")
    except SpecError as exc:
        raise ValueError(str(exc).removeprefix("multiple: ")) from None
