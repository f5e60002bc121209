"""Amounts and shares written the way people write them: ``"10 ETH"``, ``"50%"``, ``"2x"``.

Specs come from Python and from YAML written by lawyers; both must say exactly what they
mean, so a bare float is refused where it could be read two ways, and so is a bare integer
where a person names an amount (``Action.pay("Erlan", 5)``: 5 ETH or 5 wei?). Code that
already holds wei says so with :class:`Wei`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from dao_sim.exceptions import SpecError

__all__ = ["WEI_PER_ETH", "Wei", "format_eth", "parse_amount", "parse_bps", "parse_multiple"]

WEI_PER_ETH = 10**18
_UNITS = {"eth": WEI_PER_ETH, "ether": WEI_PER_ETH, "gwei": 10**9, "wei": 1}
_AMOUNT = re.compile(r"^\s*([0-9][0-9_]*(?:\.[0-9]+)?)\s*([a-zA-Z]+)?\s*$")


class Wei(int):
    """An amount in wei, said so: ``Wei(5)`` is 5 wei, wherever a bare ``5`` would be refused.

    Arithmetic on it gives plain integers, so wrap the result: ``Wei(free // 3)``.

    Examples
    --------
    >>> Wei(5), Wei(10**18) == 10**18, f"{Wei(5)} wei"
    (Wei(5), True, '5 wei')
    """

    def __repr__(self) -> str:
        return f"Wei({int(self)})"

    def __str__(self) -> str:
        # Printed, it is the number it always was: specs store Wei, and messages format them.
        return int.__repr__(self)


def parse_amount(value: int | str, *, field: str = "amount", units_required: bool = False) -> int:
    """Return an amount in wei from a string such as ``"1.5 ETH"``, a :class:`Wei`, or ``int`` wei.

    Parameters
    ----------
    value : int, Wei or str
        A decimal number with a unit (``ETH``, ``ether``, ``gwei``, ``wei``), or wei as an
        integer.
    field : str
        Name used in the error message.
    units_required : bool
        Refuse a bare integer other than 0 (a :class:`Wei` is taken): for an amount a person
        writes, where ``5`` could mean 5 ETH as easily as 5 wei.

    Raises
    ------
    SpecError
        On negative numbers, unknown units, fractions of a wei, other types, or a bare
        integer when ``units_required``.

    Examples
    --------
    >>> parse_amount("1.5 ETH")
    1500000000000000000
    >>> parse_amount(42), parse_amount(Wei(42), units_required=True)
    (42, 42)
    >>> parse_amount(5, field="Action.pay amount", units_required=True)
    Traceback (most recent call last):
    ...
    dao_sim.exceptions.SpecError: Action.pay amount: a bare 5 has no unit: write '5 ETH', or '5 wei' if you mean wei (Wei(5) in code)
    """
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise SpecError(f"{field}: expected wei (int) or a string like '10 ETH', got {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise SpecError(f"{field}: {value} is negative")
        if units_required and value and not isinstance(value, Wei):
            raise SpecError(f"{field}: a bare {value} has no unit: write '{value} ETH', or "
                            f"'{value} wei' if you mean wei (Wei({value}) in code)")
        return int(value)
    match = _AMOUNT.match(value)
    if not match:
        raise SpecError(f"{field}: cannot read {value!r} as an amount (write e.g. '10 ETH')")
    number, unit = match.groups()
    factor = _UNITS.get((unit or "wei").lower())
    if factor is None:
        raise SpecError(f"{field}: unknown unit {unit!r} in {value!r} (use ETH, gwei or wei)")
    try:
        wei = Decimal(number.replace("_", "")) * factor
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
        raise SpecError(f"{field}: cannot read {value!r}") from exc
    if wei != wei.to_integral_value():
        raise SpecError(f"{field}: {value!r} is not a whole number of wei")
    return int(wei)


def parse_bps(value: int | str, *, field: str) -> int:
    """Return basis points from ``int`` basis points or a ``"NN%"`` string.

    Examples
    --------
    >>> parse_bps("66.67%", field="approval")
    6667
    >>> parse_bps(5000, field="quorum")
    5000
    >>> parse_bps(60, field="quorum")
    Traceback (most recent call last):
    ...
    dao_sim.exceptions.SpecError: quorum: 60 would be read as 60 basis points (0.6%); write '60%' for 60 percent, or 6000 in basis points
    """
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise SpecError(f"{field}: expected basis points (int) or a percentage like '50%', got {value!r}")
    if isinstance(value, int):
        if 0 < value < 100:
            # 60 basis points is 0.6%: almost surely someone meant sixty percent.
            raise SpecError(f"{field}: {value} would be read as {value} basis points ({value / 100:g}%); "
                            f"write '{value}%' for {value} percent, or {value * 100} in basis points")
        return value
    text = value.strip()
    if not text.endswith("%"):
        raise SpecError(f"{field}: {value!r} needs a '%' sign (or give basis points as an int)")
    try:
        bps = Decimal(text[:-1].strip()) * 100
    except InvalidOperation as exc:
        raise SpecError(f"{field}: cannot read {value!r} as a percentage") from exc
    if bps != bps.to_integral_value():
        raise SpecError(f"{field}: {value!r} is finer than a basis point")
    return int(bps)


def parse_multiple(value: int | str, *, field: str) -> int:
    """Return a multiple of the contribution in basis points from ``"2x"`` or ``int`` bps.

    Examples
    --------
    >>> parse_multiple("1.5x", field="liability_cap")
    15000
    """
    if isinstance(value, str) and value.strip().lower().endswith("x"):
        try:
            bps = Decimal(value.strip()[:-1]) * 10_000
        except InvalidOperation as exc:
            raise SpecError(f"{field}: cannot read {value!r} as a multiple like '2x'") from exc
        if bps != bps.to_integral_value():
            raise SpecError(f"{field}: {value!r} is finer than a basis point")
        return int(bps)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise SpecError(f"{field}: expected a multiple like '2x' or basis points (int), got {value!r}")


def format_eth(wei: int) -> str:
    """Format wei as ETH for people: ``format_eth(1500000000000000000) == '1.5 ETH'``.

    Examples
    --------
    >>> format_eth(10**18 // 3)
    '0.333333333333333333 ETH'
    """
    text = format(Decimal(wei) / WEI_PER_ETH, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} ETH"
