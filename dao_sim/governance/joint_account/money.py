"""Where the money goes and how much: Kazakh IBANs and exact tenge amounts.

Amounts are whole tiyn (1 KZT = 100 tiyn) held in ``int``: exact, and what SQLite stores
natively, so no rounding happens anywhere between a decision and the bank statement.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from dao_sim.exceptions import InvalidEntryError, InvalidIbanError

__all__ = [
    "MAX_AMOUNT",
    "TIYN_PER_TENGE",
    "format_tenge",
    "require_amount",
    "tenge",
    "validate_kz_iban",
]

TIYN_PER_TENGE = 100
#: Largest single amount, 10 trillion KZT: above any real settlement, and it keeps SQLite's
#: 64-bit integer sums far from overflow.
MAX_AMOUNT = 10**15


def validate_kz_iban(iban: str) -> str:
    """Check a Kazakh IBAN and return it in electronic form (no spaces, upper case).

    The shape is ``KZ``, two check digits, then 16 letters or digits (20 characters); the
    check digits must pass ISO 13616's mod-97 test, which catches a mistyped digit before
    money goes to the wrong account.

    Parameters
    ----------
    iban : str
        Electronic form or the printed form in groups of four.

    Returns
    -------
    str

    Raises
    ------
    InvalidIbanError
        Naming what is wrong: country, length, characters or check digits.

    Examples
    --------
    >>> validate_kz_iban("kz86 125K ZT50 0410 0100")
    'KZ86125KZT5004100100'
    """
    if not isinstance(iban, str):
        raise InvalidIbanError(repr(iban), "an IBAN is text")
    compact = iban.replace(" ", "").upper()
    if not compact.startswith("KZ"):
        raise InvalidIbanError(iban, f"it must start with KZ (Kazakhstan), not '{compact[:2]}'")
    if len(compact) != 20:
        raise InvalidIbanError(iban, f"it must have 20 characters, it has {len(compact)}")
    if not (compact[2:4].isascii() and compact[2:4].isdigit()):
        raise InvalidIbanError(iban, "characters 3-4 must be the two check digits")
    bad = [c for c in compact[4:] if not (c.isascii() and c.isalnum())]
    if bad:
        raise InvalidIbanError(iban, "characters after the check digits must be A-Z or 0-9, "
                                     f"not {''.join(bad)!r}")
    if not 2 <= int(compact[2:4]) <= 98:
        raise InvalidIbanError(iban, "check digits must lie between 02 and 98 (ISO 7064)")
    rearranged = compact[4:] + compact[:4]
    if int("".join(str(int(c, 36)) for c in rearranged)) % 97 != 1:
        raise InvalidIbanError(iban, "the check digits do not match (ISO 13616 mod-97); "
                                     "a character is probably mistyped")
    return compact


def tenge(amount: Decimal | str | int) -> int:
    """Convert an amount in tenge to tiyn exactly.

    Floats are refused because most decimal amounts have no exact float; so is a fraction
    of a tiyn, rather than rounding money silently.

    Raises
    ------
    InvalidEntryError

    Examples
    --------
    >>> tenge("1500.50")
    150050
    """
    if isinstance(amount, bool) or not isinstance(amount, Decimal | str | int):
        raise InvalidEntryError("amount", amount, "give tenge as Decimal, str or int")
    try:
        value = Decimal(amount.strip() if isinstance(amount, str) else amount)
    except InvalidOperation:
        raise InvalidEntryError("amount", amount, "not a number") from None
    if not value.is_finite():
        raise InvalidEntryError("amount", amount, "not a finite number")
    tiyn = value * TIYN_PER_TENGE
    if tiyn != tiyn.to_integral_value():
        raise InvalidEntryError("amount", amount, "not a whole number of tiyn (0.01 KZT)")
    return int(tiyn)


def format_tenge(tiyn: int) -> str:
    """Show tiyn as tenge with two decimals.

    Examples
    --------
    >>> format_tenge(150050)
    '1500.50'
    """
    sign = "-" if tiyn < 0 else ""
    whole, cents = divmod(abs(tiyn), TIYN_PER_TENGE)
    return f"{sign}{whole}.{cents:02d}"


def require_amount(value: object) -> int:
    """Return ``value`` if it is a ledger amount: whole tiyn, positive, at most MAX_AMOUNT."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_AMOUNT:
        raise InvalidEntryError("amount", value, "must be a positive whole number of tiyn "
                                f"(at most {MAX_AMOUNT}); tenge('12.50') converts from KZT")
    return value
