"""A recipient that refuses the DAO's payment (a contract whose receive() reverts) blocks
nobody: what the DAO owes it is credited for it to withdraw, the act goes through, and the
money stays in the contract, set apart from the free treasury, until the recipient takes it."""

from __future__ import annotations

from typing import Any

import pytest

from dao_sim.exceptions import ContractReverted
from dao_sim.governance import DAO, Action, Treasury
from tests.participation.helpers import (
    ETH,
    act,
    admit_contract,
    decide,
    deploy_attacker,
)


@pytest.fixture
def dao(make_dao) -> DAO:
    return make_dao(expulsion_allowed=True)


@pytest.fixture
def refuser(dao, artifacts) -> Any:
    """A contract member (2 ETH) that refuses every payment."""
    contract = deploy_attacker(dao, artifacts, label="Refuser")
    admit_contract(dao, contract, 2 * ETH)
    contract.transact("setRejectPayments", True, sender="Erlan")
    return contract


def _withdrawn_by(dao: DAO, contract: Any) -> None:
    """The contract, accepting payments again, withdraws what is credited to it."""
    contract.transact("setRejectPayments", False, sender="Erlan")
    act(dao, contract, "withdraw")


def test_member_that_refuses_its_payout_leaves_and_is_credited_its_share(session, dao, refuser):
    share = dao.member("Refuser").share_value
    entry = act(dao, refuser, "exit")
    assert [e.name for e in entry.events] == ["MemberExited", "PaymentCredited"]
    assert not dao.member("Refuser").active
    assert dao.credit_of("Refuser") == share
    assert (dao.treasury.balance, dao.treasury.free) == (22 * ETH, 22 * ETH - share)
    with pytest.raises(ContractReverted) as failed:  # still refusing: the credit stays
        act(dao, refuser, "withdraw")
    assert failed.value.error == "TransferFailed"
    assert dao.credit_of("Refuser") == share
    _withdrawn_by(dao, refuser)
    assert (session.balance(refuser.address), dao.credit_of("Refuser")) == (share, 0)
    assert dao.treasury.balance == 20 * ETH


def test_expelling_a_member_that_refuses_payment_succeeds_and_credits_its_share(session, dao, refuser):
    pid = decide(
        dao, [Action.pay("Erlan", "1 ETH"), Action.expel(refuser.address, "Refuser")], "expel"
    )
    erlan = session.balance("Erlan")
    dao.execute(pid, by="Gulnara")
    share = 2 * ETH * 21 // 22  # its 2 of 22 shares of the 21 ETH left after Erlan's payment
    assert [e.args["payout"] for e in dao.contract.events("MemberExpelled")] == [share]
    assert dao.state(pid) == "Executed"
    assert session.balance("Erlan") - erlan == ETH
    assert not dao.member("Refuser").active
    assert dao.credit_of("Refuser") == share
    assert dao.treasury.balance == 21 * ETH
    _withdrawn_by(dao, refuser)
    assert session.balance(refuser.address) == share


def test_claim_whose_claimant_refuses_payment_is_settled_and_credited(session, dao, artifacts):
    claimant = deploy_attacker(dao, artifacts, label="Claimant")
    claim_id = len(dao.claims)
    bond = dao.claim_bond("3 ETH")
    act(dao, claimant, "fileClaim", 3 * ETH, "invoice", value=bond, on=dao.claims_module)
    claimant.transact("setRejectPayments", True, sender="Erlan")
    pid = decide(dao, [Action.settle_claim(claim_id)], "settle")
    dao.execute(pid, by="Gulnara")
    claim = dao.claims[claim_id]
    assert (claim.status, claim.paid) == ("Settled", 3 * ETH)
    assert dao.credit_of("Claimant") == 3 * ETH + bond
    assert dao.treasury == Treasury(balance=20 * ETH + bond, reserved_for_claims=0, free=17 * ETH,
                                    outstanding_liability=0)
    _withdrawn_by(dao, claimant)
    assert session.balance(claimant.address) == 3 * ETH + bond
    assert dao.treasury.balance == 17 * ETH
