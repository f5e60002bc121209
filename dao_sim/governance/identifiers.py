"""Kazakh identification numbers: the IIN of a person and the BIN of a legal entity.

Both are twelve digits whose last is a control digit: the first eleven digits are weighted
1 to 11 and summed modulo 11; if that gives 10, they are weighted 3, 4, 5, 6, 7, 8, 9, 10, 11,
1, 2 instead; if that gives 10 again, no control digit exists and no number starts so. An IIN
begins with the date of birth (YYMMDD); a BIN with the year and month of registration (YYMM)
and then the kind of entity (4 resident, 5 non-resident, 6 joint individual
entrepreneurship), which is how the two are told apart.

These numbers are personal data: error messages here name the member and the field, and say
what is wrong, but never repeat the number.
"""

from __future__ import annotations

from dao_sim.exceptions import InvalidIdentifierError

__all__ = ["control_digit", "validate_bin", "validate_iin"]

_FIRST = tuple(range(1, 12))
_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def control_digit(first_eleven: str) -> int | None:
    """The control digit for eleven digits, or ``None`` when neither pass gives one.

    Examples
    --------
    >>> control_digit("90010130001")
    7
    >>> control_digit("00000000000")
    0
    """
    digits = [int(c) for c in first_eleven]
    if len(digits) != 11:
        raise ValueError("the control digit is computed over exactly eleven digits")
    total = sum(d * w for d, w in zip(digits, _FIRST, strict=True)) % 11
    if total == 10:
        total = sum(d * w for d, w in zip(digits, _SECOND, strict=True)) % 11
        if total == 10:
            return None
    return total


def _shape(number: object, member: str, field: str) -> str:
    if not isinstance(number, str):
        raise InvalidIdentifierError(member, field, f"expected 12 digits as text, got {type(number).__name__}")
    if len(number) != 12:
        raise InvalidIdentifierError(member, field, f"must be 12 digits, got {len(number)} characters")
    if not number.isascii() or not number.isdigit():
        raise InvalidIdentifierError(member, field, "must be digits only")
    if not 1 <= int(number[2:4]) <= 12:
        when = "of birth" if field == "iin" else "of registration"
        raise InvalidIdentifierError(member, field, f"digits 3-4 must be the month {when}, 01 to 12")
    return number


def _control(number: str, member: str, field: str) -> str:
    expected = control_digit(number[:11])
    if expected is None:
        raise InvalidIdentifierError(member, field, "no control digit exists for its first eleven digits "
                                                    "(both weightings give 10), so no valid number starts so")
    if int(number[11]) != expected:
        raise InvalidIdentifierError(member, field, "its control digit (the 12th) does not match the first "
                                                    "eleven: a digit is wrong or two are swapped")
    return number


def validate_iin(number: object, *, member: str) -> str:
    """Return ``number`` if it is a valid IIN (individual identification number).

    Raises
    ------
    InvalidIdentifierError
        Naming ``member`` and the field ``iin``; the number itself is not repeated.

    Examples
    --------
    >>> validate_iin("900101300017", member="Aigerim")
    '900101300017'
    >>> validate_iin("900101300015", member="Aigerim")
    Traceback (most recent call last):
    ...
    dao_sim.exceptions.InvalidIdentifierError: member 'Aigerim': iin is not a valid IIN: its control digit (the 12th) does not match the first eleven: a digit is wrong or two are swapped
    """
    number = _shape(number, member, "iin")
    if number[4] in "456":
        raise InvalidIdentifierError(member, "iin", "its 5th digit (4, 5 or 6) marks a BIN, the number of a "
                                                    "legal entity: give it as bin")
    if not 1 <= int(number[4:6]) <= 31:
        raise InvalidIdentifierError(member, "iin", "digits 5-6 must be the day of birth, 01 to 31")
    return _control(number, member, "iin")


def validate_bin(number: object, *, member: str) -> str:
    """Return ``number`` if it is a valid BIN (business identification number).

    Raises
    ------
    InvalidIdentifierError
        Naming ``member`` and the field ``bin``; the number itself is not repeated.

    Examples
    --------
    >>> validate_bin("051140004939", member="Steppe Tech LLP")
    '051140004939'
    """
    number = _shape(number, member, "bin")
    if number[4] not in "456":
        raise InvalidIdentifierError(member, "bin", "its 5th digit must be 4, 5 or 6 (the kind of entity); "
                                                    "0 to 3 mark an IIN, a person's number: give it as iin")
    return _control(number, member, "bin")
