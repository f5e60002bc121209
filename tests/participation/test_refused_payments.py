"""A recipient that refuses the DAO's payment (a contract whose receive() reverts): every
transfer is checked, so the act that would pay it fails whole and no money or record moves."""

from __future__ import annotations

from typing import Any

import pytest

from dao_sim.exceptions import ContractReverted
from dao_sim.governance import DAO, Action
from tests.participation.helpers import (
    ETH,
    act,
    admit_contract,
    decide,
    deploy_attacker,
    inner_error,
    refusal,
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


def test_member_that_refuses_its_payout_stays_a_member_with_its_share(session, dao, refuser):
    share = dao.member("Refuser").share_value
    with pytest.raises(ContractReverted) as failed:
        act(dao, refuser, "exit")
    assert failed.value.error == "TransferFailed"
    assert dao.member("Refuser").active
    assert dao.member("Refuser").share_value == share
    assert dao.treasury.balance == 22 * ETH
    refuser.transact("setRejectPayments", False, sender="Erlan")
    act(dao, refuser, "exit")
    assert session.balance(refuser.address) == share


def test_expelling_a_member_that_refuses_payment_fails_whole(session, dao, refuser):
    pid = decide(
        dao, [Action.pay("Erlan", "1 ETH"), Action.expel(refuser.address, "Refuser")], "expel"
    )
    refused = refusal(dao.execute, pid, by="Gulnara")
    assert inner_error(dao, refused) == "TransferFailed"
    assert refused.details["index"] == 1
    assert dao.state(pid) == "Succeeded"
    assert dao.member("Refuser").active
    assert dao.treasury.balance == 22 * ETH


def test_claim_whose_claimant_refuses_payment_stays_reserved(session, dao, artifacts):
    claimant = deploy_attacker(dao, artifacts, label="Claimant")
    claim_id = len(dao.claims)
    act(dao, claimant, "fileClaim", 3 * ETH, "invoice")
    claimant.transact("setRejectPayments", True, sender="Erlan")
    pid = decide(dao, [Action.settle_claim(claim_id)], "settle")
    assert inner_error(dao, refusal(dao.execute, pid, by="Gulnara")) == "TransferFailed"
    claim = dao.claims[claim_id]
    assert (claim.status, claim.reserved, claim.paid) == ("Filed", 3 * ETH, 0)
    assert dao.treasury.balance == 20 * ETH
    assert dao.treasury.outstanding_liability == 0
