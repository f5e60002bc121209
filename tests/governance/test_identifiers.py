"""IIN and BIN: the control digit, the shape, and errors that never repeat the number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dao_sim.exceptions import InvalidIdentifierError
from dao_sim.governance.identifiers import control_digit, validate_bin, validate_iin

IIN = "900101300017"          # first weighting gives the control digit
IIN_SECOND_PASS = "900101300811"  # first weighting sums to 10 mod 11; the second gives 1
BIN = "051140004939"
BIN_SECOND_PASS = "051140000509"


def test_valid_numbers_pass_both_weightings():
    assert validate_iin(IIN, member="A") == IIN
    assert validate_iin(IIN_SECOND_PASS, member="A") == IIN_SECOND_PASS
    assert validate_bin(BIN, member="B") == BIN
    assert validate_bin(BIN_SECOND_PASS, member="B") == BIN_SECOND_PASS
    assert sum(int(d) * w for d, w in zip(IIN_SECOND_PASS[:11], range(1, 12), strict=True)) % 11 == 10


@pytest.mark.parametrize(("number", "reason"), [
    ("90010130001", "must be 12 digits, got 11 characters"),
    ("9001013000177", "must be 12 digits, got 13 characters"),
    ("90010130001a", "must be digits only"),
    ("９００１０１３０００１７", "must be digits only"),
    ("901301300017", "digits 3-4 must be the month of birth"),
    ("900132300019", "digits 5-6 must be the day of birth"),
    ("900101300018", "its control digit (the 12th) does not match"),
    ("900101300800", "no control digit exists for its first eleven digits"),
    (BIN, "its 5th digit (4, 5 or 6) marks a BIN"),
    (900101300017, "expected 12 digits as text, got int"),
])
def test_a_wrong_iin_is_one_line_naming_member_and_field_not_the_number(number, reason):
    with pytest.raises(InvalidIdentifierError) as info:
        validate_iin(number, member="Dana Nurlanovna")
    message = str(info.value)
    assert message.startswith("member 'Dana Nurlanovna': iin is not a valid IIN: ")
    assert reason in message and "\n" not in message
    assert str(number) not in message
    assert (info.value.member, info.value.field) == ("Dana Nurlanovna", "iin")


def test_an_iin_given_as_a_bin_is_named():
    with pytest.raises(InvalidIdentifierError, match="member 'Steppe Tech': bin is not a valid BIN: its "
                                                     "5th digit must be 4, 5 or 6"):
        validate_bin(IIN, member="Steppe Tech")


_DATES = st.dates().map(lambda d: d.strftime("%y%m%d"))


@given(_DATES, st.sampled_from("123456"), st.text("0123456789", min_size=4, max_size=4))
def test_any_iin_with_its_control_digit_passes_and_any_other_last_digit_fails(birth, century, serial):
    first = birth + century + serial
    control = control_digit(first)
    if control is None:
        with pytest.raises(InvalidIdentifierError, match="no control digit exists"):
            validate_iin(first + "0", member="x")
        return
    assert validate_iin(first + str(control), member="x")
    for other in set("0123456789") - {str(control)}:
        with pytest.raises(InvalidIdentifierError, match="control digit"):
            validate_iin(first + other, member="x")
