"""Every function of the DAO that sends value, attacked by a contract that re-enters the DAO
from the payment it receives: exit, execute (a payment), settleClaim and expel (through
execute), rule (a remedy a human arbitrator granted), and the migration of an amendment.

Each attack is a ``DAOAttacker`` (contracts/mocks/DAOAttacker.sol) that is the member, payee,
claimant, disputer or successor the path needs. Every re-entry must fail, the payment that
triggered it must be made exactly once, and the treasury must still equal the members' shares
plus the reserved claims.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_utils import keccak

from dao_sim.disputes import Court
from dao_sim.governance import DAO, Action
from tests.conftest import ARBITER
from tests.participation.helpers import (
    ETH,
    act,
    admit_contract,
    attempt_errors,
    decide,
    deploy_attacker,
)

GUARD = "ReentrancyGuardReentrantCall"
REMEDY = 3


@pytest.fixture
def dao(make_dao) -> DAO:
    return make_dao(expulsion_allowed=True)


@pytest.fixture
def attacker(dao, artifacts) -> Any:
    """A contract admitted as a member with 2 ETH, holding 1 ETH more of its own."""
    contract = deploy_attacker(dao, artifacts, label="Attacker", funds=ETH)
    admit_contract(dao, contract, 2 * ETH)
    return contract


def arm(dao: DAO, attacker: Any, *, pending: int | None = None) -> int:
    """Give the attacker its re-entries: exit, join, contribute, file a claim, pay a capital
    call, and execute ``pending`` (a proposal that could otherwise execute). Returns how many."""
    calls = [
        (0, dao.contract.calldata("exit")),
        (ETH, dao.contract.calldata("join")),
        (1, dao.contract.calldata("contribute")),
        (0, dao.contract.calldata("fileClaim", 100 * ETH, "re-entered claim")),
        (1, dao.contract.calldata("payCapitalCall")),
    ]
    if pending is not None:
        calls.append((0, dao.contract.calldata("execute", pending)))
    for value, data in calls:
        attacker.transact("addReentry", dao.address, value, data, sender="Erlan")
    return len(calls)


def pending_payment(dao: DAO) -> int:
    """A payment to Zhanna voted through and waiting out its grace window."""
    return pending_payments(dao, 1)[0]


def pending_payments(dao: DAO, count: int) -> list[int]:
    """``count`` payments to Zhanna, proposed and voted together, now in their grace window."""
    humans = [m.name for m in dao.members if not dao.session.engine.code(m.address)]
    ids = [
        dao.propose(humans[0], [Action.pay("Zhanna", "1 ETH")], f"pay Zhanna ({i})")
        for i in range(count)
    ]
    for pid in ids:
        for voter in humans:
            dao.vote(voter, pid, "for")
    dao.session.advance(int(dao.spec.voting_period))
    return ids


def received(attacker: Any) -> int:
    """Wei the attacker has been paid so far."""
    return int(attacker.call("received"))


def assert_books_balance(dao: DAO) -> None:
    """The treasury is the members' shares plus reserved claims (dust under one wei a member)."""
    treasury = dao.treasury
    shares = sum(m.share_value for m in dao.members)
    assert 0 <= treasury.balance - treasury.reserved_for_claims - shares < max(1, len(dao.members))
    assert treasury.reserved_for_claims <= treasury.balance


def test_exit_cannot_be_reentered(session, dao, attacker):
    pending = pending_payment(dao)
    session.advance(int(dao.spec.grace_period))
    armed = arm(dao, attacker, pending=pending)
    already = received(attacker)
    share = dao.member("Attacker").share_value
    balance = dao.treasury.balance
    act(dao, attacker, "exit")
    assert attempt_errors(dao, attacker) == [GUARD] * armed
    assert received(attacker) - already == share
    assert dao.treasury.balance == balance - share
    assert not dao.member("Attacker").active
    assert dao.state(pending) == "Succeeded"
    assert dao.claims == []
    assert_books_balance(dao)


def test_execute_of_a_payment_cannot_be_reentered(session, dao, attacker):
    other = pending_payment(dao)
    pid = decide(
        dao, [Action.pay("Attacker", "1 ETH"), Action.pay("Erlan", "1 ETH")], "pay the attacker"
    )
    armed = arm(dao, attacker, pending=other)
    already = received(attacker)
    attacker.transact(
        "addReentry", dao.address, 0, dao.contract.calldata("execute", pid), sender="Erlan"
    )
    share = dao.member("Attacker").share_value
    balance = dao.treasury.balance
    dao.execute(pid, by="Gulnara")
    assert attempt_errors(dao, attacker) == [GUARD] * (armed + 1)
    assert received(attacker) - already == ETH
    assert dao.treasury.balance == balance - 2 * ETH
    assert dao.member("Attacker").share_value < share
    assert dao.state(other) == "Succeeded"
    assert dao.claims == []
    assert_books_balance(dao)


def test_claim_settlement_cannot_be_reentered(session, dao, artifacts):
    claimant = deploy_attacker(dao, artifacts, label="Claimant", funds=ETH)
    claim_id = len(dao.claims)
    act(dao, claimant, "fileClaim", 3 * ETH, "unpaid invoice")
    other = pending_payment(dao)
    pid = decide(dao, [Action.settle_claim(claim_id)], "settle the claim")
    armed = arm(dao, claimant, pending=other)
    already = received(claimant)
    balance = dao.treasury.balance
    dao.execute(pid, by="Gulnara")
    assert attempt_errors(dao, claimant) == [GUARD] * armed
    assert received(claimant) - already == 3 * ETH
    assert dao.treasury.balance == balance - 3 * ETH
    assert [(c.status, c.paid) for c in dao.claims] == [("Settled", 3 * ETH)]
    assert dao.treasury.reserved_for_claims == 0
    assert_books_balance(dao)


def test_expulsion_cannot_be_reentered(session, dao, attacker):
    other = pending_payment(dao)
    pid = decide(dao, [Action.expel(attacker.address, "Attacker")], "expel the attacker")
    armed = arm(dao, attacker, pending=other)
    already = received(attacker)
    share = dao.member("Attacker").share_value
    balance = dao.treasury.balance
    dao.execute(pid, by="Gulnara")
    assert attempt_errors(dao, attacker) == [GUARD] * armed
    assert received(attacker) - already == share
    assert dao.treasury.balance == balance - share
    assert not dao.member("Attacker").active
    assert dao.state(other) == "Succeeded"
    assert_books_balance(dao)


def _remedy_ruled(dao: DAO, disputer: Any, proposal_id: int, compensation: int) -> int:
    """The disputer opens a dispute on a proposal in grace; Madina grants the remedy; the appeal
    window passes. Returns the dispute id, ready for ``executeRuling``."""
    session = dao.session
    act(dao, disputer, "openDispute", proposal_id, compensation, "ipfs://evidence")
    dispute_id = int(dao.contract.call("disputeOfProposal", proposal_id))
    court = session.contract("HumanArbitrator")
    Court(session, court).seat_panel(dispute_id, by="Gulnara")  # drawn a block after opening
    court.transact("castRuling", dispute_id, REMEDY, keccak(text="remedy granted"), sender=ARBITER)
    session.advance(3 * 86_400)
    return dispute_id


def test_ruling_that_pays_a_remedy_cannot_be_reentered(session, dao, attacker):
    disputed, other = pending_payments(dao, 2)
    dispute_id = _remedy_ruled(dao, attacker, disputed, 2 * ETH)
    assert dao.state(other) == "Succeeded"
    armed = arm(dao, attacker, pending=other)
    already = received(attacker)
    balance = dao.treasury.balance
    session.contract("HumanArbitrator").transact("executeRuling", dispute_id, sender="Gulnara")
    assert dao.state(disputed) == "Voided"
    assert attempt_errors(dao, attacker) == [GUARD] * armed
    assert received(attacker) - already == 2 * ETH
    assert dao.treasury.balance == balance - 2 * ETH
    assert dao.member("Attacker").active
    assert dao.state(other) == "Succeeded"
    assert [(c.claimant, c.status, c.paid) for c in dao.claims] == [
        ("Attacker", "Settled", 2 * ETH)
    ]
    assert_books_balance(dao)


def test_migration_cannot_be_reentered_by_the_successor(session, make_dao, artifacts):
    dao = make_dao()
    successor = deploy_attacker(dao, artifacts, label="Successor", predecessor=dao.address)
    other = pending_payment(dao)
    pid = dao.propose_amendment(
        "Aigerim", _Successor(successor.address), "move to the new contract"
    )
    for member in dao.members:
        dao.vote(member.name, pid, "for")
    session.advance(int(dao.spec.voting_period) + int(dao.spec.grace_period))
    armed = arm(dao, successor, pending=other)
    already = received(successor)
    dao.execute(pid, by="Gulnara")
    assert attempt_errors(dao, successor) == [GUARD] * armed
    assert received(successor) - already == 20 * ETH
    assert session.balance(successor.address) == 20 * ETH
    assert dao.treasury.balance == 0
    assert dao.migrated_to == successor.address
    assert dao.claims == []


class _Successor:
    """What ``DAO.propose_amendment`` needs of a successor: its address."""

    def __init__(self, address: str) -> None:
        self.address = address


def test_remedy_cannot_be_paid_from_inside_another_execution(session, dao, artifacts):
    payee = deploy_attacker(dao, artifacts, label="Payee")
    claim_id = dao.file_claim("Gulnara", "5 ETH", "invoice")
    humans = [m.name for m in dao.members]
    disputed = dao.propose("Aigerim", [Action.pay("Zhanna", "1 ETH")], "pay Zhanna")
    pid = dao.propose(
        "Aigerim", [Action.pay("Payee", "1 ETH"), Action.pay("Erlan", "8 ETH")], "pay the payee"
    )
    for proposal in (disputed, pid):
        for voter in humans:
            dao.vote(voter, proposal, "for")
    session.advance(int(dao.spec.voting_period))
    dispute_id = dao.open_dispute("Kairat", disputed, compensation="10 ETH")
    court = session.contract("HumanArbitrator")
    Court(session, court).seat_panel(dispute_id, by="Gulnara")  # drawn a block after opening
    court.transact("castRuling", dispute_id, REMEDY, keccak(text="remedy granted"), sender=ARBITER)
    session.advance(3 * 86_400)
    payee.transact(
        "addReentry", court.address, 0, court.calldata("executeRuling", dispute_id), sender="Erlan"
    )
    entry = dao.execute(pid, by="Gulnara")
    # The re-entered executeRuling made the ruling final at the arbitrator, but the DAO's guard
    # refused its delivery inside this execution: nothing was paid; the delivery is retried.
    assert attempt_errors(dao, payee) == ["ok"]
    assert "RulingDeliveryFailed" in [e.name for e in entry.events]
    assert not Court(session, court).ruling_delivered(dispute_id)
    assert dao.treasury.balance == 11 * ETH
    assert dao.claims[claim_id].reserved == dao.treasury.reserved_for_claims == 5 * ETH
    assert_books_balance(dao)
    kairat = session.balance("Kairat")
    court.transact("deliverRuling", dispute_id, sender="Gulnara")
    assert session.balance("Kairat") - kairat == 6 * ETH
    assert dao.treasury.outstanding_liability == 4 * ETH
    assert dao.claims[claim_id].reserved == 5 * ETH
    assert_books_balance(dao)
