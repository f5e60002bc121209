"""Amounts a person writes to a DAO or in its spec carry their unit: a bare number is refused.

``dao.contribute("Dana", 5)`` could mean 5 ETH or 5 wei; it is refused with how to write it, as
``Action.pay`` is. ``"5 ETH"``, ``"5 wei"`` and ``Wei(5)`` (code that holds wei) are taken, and a
spec, which stores what it read as ``Wei``, can be re-checked (``dataclasses.replace``).
"""

from __future__ import annotations

import dataclasses

import pytest

from dao_sim.exceptions import SpecError
from dao_sim.governance import Action, DAOSpec, Dues, MemberSpec
from dao_sim.governance.units import Wei

ETH = 10**18
DAY = 86_400
VALID = {"name": "Steppe Makers", "members": {"Aigerim": "10 ETH", "Bolat": "6 ETH"},
         "arbitrator": "HumanArbitrator"}


def bare(field: str, value: int = 5) -> str:
    """The one-line refusal of a bare ``value`` for ``field``."""
    return (f"{field}: a bare {value} has no unit: write '{value} ETH', or '{value} wei' if you mean wei "
            f"(Wei({value}) in code)")


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(SpecError) as caught:
        call(*args, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


# ---- the DAO's own entry points -------------------------------------------------------------


def test_each_dao_entry_point_refuses_a_bare_amount_before_anything_is_sent(make_dao, session):
    dao = make_dao()
    sent = len(session.journal)
    assert refusal(dao.contribute, "Dana", 5) == bare("contribute amount")
    assert refusal(dao.claim_bond, 5) == bare("claim_bond amount")
    assert refusal(dao.file_claim, "Kairat", 5, "an invoice") == bare("file_claim amount")
    assert refusal(dao.pay_capital_call, "Dana", 5) == bare("pay_capital_call amount")
    assert refusal(dao.open_dispute, "Dana", 0, compensation=5) == bare("open_dispute compensation")
    assert refusal(dao.contribute, "Dana", ETH) == bare("contribute amount", ETH)
    assert len(session.journal) == sent, "a refused amount sends no transaction"


def test_contribute_takes_an_amount_with_its_unit_or_said_to_be_wei(make_dao):
    dao = make_dao(voting_rule="contribution-weighted")
    before = dao.member("Dana").contributed
    dao.contribute("Dana", "1 ETH")
    dao.contribute("Dana", Wei(ETH // 2))
    dao.contribute("Dana", "3 wei")
    assert dao.member("Dana").contributed == before + ETH + ETH // 2 + 3


def test_claims_take_an_amount_with_its_unit_or_said_to_be_wei(make_dao):
    dao = make_dao()
    assert dao.claim_bond("10 ETH") == dao.claim_bond(Wei(10 * ETH)) == ETH // 2  # 5% of it
    first = dao.file_claim("Kairat", "10 ETH", "an invoice")
    second = dao.file_claim("Nurlan", Wei(10 * ETH), "the same invoice, in wei")
    claims = {c.id: c for c in dao.claims}
    assert claims[first].amount == claims[second].amount == 10 * ETH
    assert claims[first].bond == claims[second].bond == ETH // 2


def test_a_capital_call_is_paid_with_a_unit_or_in_wei_said_so(make_dao):
    from tests.participation.helpers import carry

    dao = make_dao(liability_cap="2x")
    carry(dao, [Action.call_capital(5_000)], "call half a contribution")  # Dana owes 2 ETH
    dao.pay_capital_call("Dana", "1 ETH")
    dao.pay_capital_call("Dana", Wei(ETH))
    called, paid = dao.contract.call("capitalOf", dao.session.address("Dana"))
    assert (int(called), int(paid)) == (2 * ETH, 2 * ETH)


def test_compensation_takes_a_unit_wei_said_so_or_zero(make_dao, session):
    dao = make_dao()
    disputes = []
    for compensation in ("1 ETH", Wei(ETH), 0):
        pid = dao.propose("Aigerim", [Action.pay("Erlan", "1 ETH")], f"Pay Erlan ({compensation!r})")
        for voter in ("Aigerim", "Bolat"):
            dao.vote(voter, pid, "for")
        session.advance("3 days")
        disputes.append(dao.open_dispute("Dana", pid, compensation=compensation))
    assert len(set(disputes)) == 3


# ---- the spec ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("build", "field"), [
    (lambda: MemberSpec("Aigerim", 5), "members.Aigerim.contribution"),
    (lambda: DAOSpec(**{**VALID, "members": {"Aigerim": 5}}), "members.Aigerim.contribution"),
    (lambda: DAOSpec(**{**VALID, "members": [("Aigerim", 5)]}), "members.Aigerim.contribution"),
    (lambda: Dues(5, "30 days"), "dues.amount"),
    (lambda: DAOSpec(**VALID, min_claim_bond=5), "min_claim_bond"),
])
def test_a_bare_amount_in_a_spec_is_refused_naming_the_field(build, field):
    assert refusal(build) == bare(field)


def test_a_zero_amount_in_a_spec_meets_the_rule_not_the_unit_check():
    assert refusal(MemberSpec, "Aigerim", 0) == "members.Aigerim.contribution: must be more than 0"
    assert refusal(Dues, 0, "30 days") == "dues.amount: must be more than 0 when dues are set"
    assert refusal(DAOSpec, **VALID, min_claim_bond=0).startswith("min_claim_bond: must be more than 0")


def test_a_spec_takes_units_or_wei_said_so_and_stores_wei():
    written = DAOSpec(**{**VALID, "members": {"Aigerim": "10 ETH", "Bolat": Wei(6 * ETH)}},
                      min_claim_bond="0.02 ETH", dues=Dues("0.1 ETH", "30 days"), reviewer="Saule")
    in_wei = DAOSpec(**{**VALID, "members": [MemberSpec("Aigerim", Wei(10 * ETH)), ("Bolat", "6 ETH")]},
                     min_claim_bond=Wei(2 * ETH // 100), dues=Dues(Wei(ETH // 10), "30 days"), reviewer="Saule")
    assert written == in_wei
    assert written.members == {"Aigerim": 10 * ETH, "Bolat": 6 * ETH}
    assert written.min_claim_bond == 2 * ETH // 100 and written.dues == Dues(Wei(ETH // 10), 30 * DAY)
    stored = [*written.members.values(), *(m.contribution for m in written.founders), written.min_claim_bond]
    assert written.dues is not None
    stored.append(written.dues.amount)
    assert all(type(v) is Wei for v in stored), stored


def test_replacing_a_field_rechecks_the_spec_with_its_amounts_read():
    spec = DAOSpec(**VALID, min_claim_bond="0.02 ETH", dues=Dues("0.1 ETH", "30 days"), reviewer="Saule")
    changed = dataclasses.replace(spec, quorum="60%")
    assert changed.quorum == 6_000
    assert (changed.members, changed.founders, changed.min_claim_bond, changed.dues) == (
        spec.members, spec.founders, spec.min_claim_bond, spec.dues)
    assert dataclasses.replace(spec.founders[0], name="Dana") == MemberSpec("Dana", "10 ETH")
    assert spec.dues is not None
    assert dataclasses.replace(spec.dues, period="7 days") == Dues("0.1 ETH", 7 * DAY)
    with pytest.raises(SpecError, match="^min_claim_bond: a bare 5 has no unit"):
        dataclasses.replace(spec, min_claim_bond=5)
    assert dataclasses.replace(spec, min_claim_bond="1 ETH").min_claim_bond == ETH
