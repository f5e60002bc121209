"""Proposal actions: amounts carry their unit; a bare number is refused, not read as wei."""

from __future__ import annotations

import pytest

from dao_sim.exceptions import DaoSimError, SpecError
from dao_sim.governance import Action
from dao_sim.governance.units import Wei, parse_amount

ETH = 10**18


def test_a_bare_number_to_pay_is_refused_with_how_to_write_it():
    with pytest.raises(SpecError) as caught:
        Action.pay("Erlan", 5)  # type: ignore[arg-type]
    assert isinstance(caught.value, DaoSimError)
    assert str(caught.value) == ("Action.pay amount: a bare 5 has no unit: write '5 ETH', or '5 wei' "
                                 "if you mean wei (Wei(5) in code)")


@pytest.mark.parametrize(("amount", "wei"), [("5 ETH", 5 * ETH), ("5 wei", 5), (Wei(5), 5),
                                             ("0.5 ETH", ETH // 2), (Wei(20 * ETH - 1), 20 * ETH - 1)])
def test_an_amount_with_its_unit_or_said_to_be_wei_is_taken(amount, wei):
    action = Action.pay("Erlan", amount)
    assert action.value == wei and type(action.value) is int


def test_a_call_sending_value_needs_a_unit_too():
    with pytest.raises(SpecError, match="Action.call value: a bare 1000000000000000000 has no unit"):
        Action.call("HumanArbitrator", "donate()", value=ETH)  # type: ignore[arg-type]
    assert Action.call("HumanArbitrator", "donate()", value="1 ETH").value == ETH
    assert Action.call("DAO", "exit()").value == 0
    assert Action.call("DAO", "exit()", value=0).value == 0  # type: ignore[arg-type]  # zero is zero


def test_a_contribution_offered_needs_a_unit():
    address = "0x" + "11" * 20
    with pytest.raises(SpecError, match="Action.offer_membership contribution: a bare 3 has no unit"):
        Action.offer_membership(address, 3, "Erlan")  # type: ignore[arg-type]
    assert Action.offer_membership(address, "3 ETH", "Erlan").summary == "offer membership to Erlan for 3 ETH"


def test_bool_and_negative_amounts_stay_refused_and_internal_wei_paths_stay_open():
    with pytest.raises(SpecError):
        Action.pay("Erlan", True)  # type: ignore[arg-type]
    with pytest.raises(SpecError, match="negative"):
        Action.pay("Erlan", Wei(-1))
    assert parse_amount(42) == 42  # the library's own wei paths (contributions, bonds) unchanged
