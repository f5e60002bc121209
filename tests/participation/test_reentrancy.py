"""Every function of the DAO that sends value, attacked by a contract that re-enters the DAO
from the payment it receives: exit, execute (a payment), settleClaim and expel (through
execute), rule (a remedy a human arbitrator granted), withdraw, and the migration of an
amendment.

Each attack is a ``DAOAttacker`` (contracts/mocks/DAOAttacker.sol) that is the member, payee,
claimant, disputer or successor the path needs. The DAO pays by pushing a plain payment with
bounded gas (exit, a proposal's payment) or by crediting it for withdrawal (settlements,
remedies, expulsions, refused payments): an attacker whose re-entries need more than the
bounded gas is credited instead, and re-enters when it withdraws, with all the gas it likes.
Every re-entry must fail, the money owed must be paid exactly once, and the treasury must still
equal the members' shares plus the reserved claims plus what is credited.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from eth_utils import keccak

from dao_sim.disputes import Court
from dao_sim.governance import DAO, Action
from dao_sim.testing.factories import ARBITER
from tests.participation.helpers import (
    ETH,
    act,
    admit_contract,
    attempt_errors,
    decide,
    deploy_attacker,
    refusal,
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
    """Give the attacker its re-entries: exit, join, contribute, withdraw and pay a capital call
    on the core, file a claim (with its bond) on the claims module, and execute ``pending`` (a
    proposal that could otherwise execute) on the governor. Returns how many."""
    core, claims = dao.contract, dao.claims_module
    calls = [
        (core, 0, core.calldata("exit")),
        (core, ETH, core.calldata("join", [])),
        (core, 1, core.calldata("contribute")),
        (core, 0, core.calldata("withdraw")),
        (claims, dao.claim_bond("1 ETH"), claims.calldata("fileClaim", ETH, "re-entered claim")),
        (core, 1, core.calldata("payCapitalCall")),
    ]
    if pending is not None:
        calls.append((dao.governor, 0, dao.governor.calldata("execute", pending)))
    for target, value, data in calls:
        attacker.transact("addReentry", target.address, value, data, sender="Erlan")
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
    """The treasury is the members' shares, plus reserved claims, plus credits not yet withdrawn
    (dust under one wei a member)."""
    treasury = dao.treasury
    credited = int(dao.contract.call("totalCredited"))
    shares = sum(m.share_value for m in dao.members)
    assert 0 <= treasury.balance - treasury.reserved_for_claims - credited - shares < max(1, len(dao.members))
    assert treasury.reserved_for_claims + credited <= treasury.balance


def withdraw_and_reenter(dao: DAO, attacker: Any, owed: int, *, then: Sequence[str] = ()) -> None:
    """The attacker, credited ``owed``, withdraws it; every re-entry it makes from the payment
    fails (on the guard, or with the errors ``then`` names for re-entries added after the armed
    ones), and it is paid exactly once."""
    label = attacker.label
    assert dao.credit_of(label) == owed
    already = received(attacker)
    act(dao, attacker, "withdraw")
    attempts = int(attacker.call("attempts"))
    assert attempt_errors(dao, attacker) == [GUARD] * (attempts - len(then)) + list(then)
    assert int(attacker.call("attempts")) > 0
    assert received(attacker) - already == owed
    assert dao.credit_of(label) == 0


def test_exit_cannot_be_reentered(session, dao, attacker):
    # The payout is pushed with bounded gas: the attacker's re-entries exhaust it, so its
    # payment is refused and credited; it re-enters again when it withdraws.
    pending = pending_payment(dao)
    session.advance(int(dao.spec.grace_period))
    armed = arm(dao, attacker, pending=pending)
    share = dao.member("Attacker").share_value
    balance = dao.treasury.balance
    entry = act(dao, attacker, "exit")
    assert [e.name for e in entry.events] == ["MemberExited", "PaymentCredited"]
    assert attempt_errors(dao, attacker) == []
    assert not dao.member("Attacker").active
    withdraw_and_reenter(dao, attacker, share)
    assert int(attacker.call("attempts")) == armed
    assert dao.treasury.balance == balance - share
    assert dao.state(pending) == "Succeeded"
    assert dao.claims == []
    assert_books_balance(dao)


def test_execute_of_a_payment_cannot_be_reentered(session, dao, attacker):
    other = pending_payment(dao)
    pid = decide(
        dao, [Action.pay("Attacker", "1 ETH"), Action.pay("Erlan", "1 ETH")], "pay the attacker"
    )
    armed = arm(dao, attacker, pending=other)
    attacker.transact(
        "addReentry", dao.governor.address, 0, dao.governor.calldata("execute", pid), sender="Erlan"
    )
    share = dao.member("Attacker").share_value
    balance = dao.treasury.balance
    dao.execute(pid, by="Gulnara")
    assert dao.state(pid) == "Executed"
    assert dao.member("Attacker").share_value < share
    # Re-entered from the withdrawal, executing the same proposal again finds it executed.
    withdraw_and_reenter(dao, attacker, ETH, then=["ProposalNotExecutable"])
    assert int(attacker.call("attempts")) == armed + 1
    assert dao.treasury.balance == balance - 2 * ETH
    assert dao.state(other) == "Succeeded"
    assert dao.claims == []
    assert_books_balance(dao)


def test_claim_settlement_cannot_be_reentered(session, dao, artifacts):
    claimant = deploy_attacker(dao, artifacts, label="Claimant", funds=ETH)
    claim_id = len(dao.claims)
    bond = dao.claim_bond("3 ETH")
    act(dao, claimant, "fileClaim", 3 * ETH, "unpaid invoice", value=bond, on=dao.claims_module)
    other = pending_payment(dao)
    pid = decide(dao, [Action.settle_claim(claim_id)], "settle the claim")
    arm(dao, claimant, pending=other)
    balance = dao.treasury.balance
    dao.execute(pid, by="Gulnara")
    assert attempt_errors(dao, claimant) == []  # credited: nothing was sent to it yet
    assert [(c.status, c.paid) for c in dao.claims] == [("Settled", 3 * ETH)]
    assert dao.treasury.reserved_for_claims == 0
    withdraw_and_reenter(dao, claimant, 3 * ETH + bond)
    assert dao.treasury.balance == balance - 3 * ETH
    assert_books_balance(dao)


def test_expulsion_cannot_be_reentered(session, dao, attacker):
    other = pending_payment(dao)
    pid = decide(dao, [Action.expel(attacker.address, "Attacker")], "expel the attacker")
    armed = arm(dao, attacker, pending=other)
    share = dao.member("Attacker").share_value
    balance = dao.treasury.balance
    dao.execute(pid, by="Gulnara")
    assert attempt_errors(dao, attacker) == []  # credited: nothing was sent to it yet
    assert not dao.member("Attacker").active
    withdraw_and_reenter(dao, attacker, share)
    assert int(attacker.call("attempts")) == armed
    assert dao.treasury.balance == balance - share
    assert dao.state(other) == "Succeeded"
    assert_books_balance(dao)


def _remedy_ruled(dao: DAO, disputer: Any, proposal_id: int, compensation: int) -> int:
    """The disputer opens a dispute on a proposal in grace; Madina grants the remedy; the appeal
    window passes. Returns the dispute id, ready for ``executeRuling``."""
    session = dao.session
    act(dao, disputer, "openDispute", proposal_id, compensation, "ipfs://evidence", on=dao.dispute_clause)
    dispute_id = int(dao.dispute_clause.call("disputeOfProposal", proposal_id))
    court = session.contract("HumanArbitrator")
    Court(session, court).seat_panel(dispute_id, by="Gulnara")  # drawn a block after opening
    court.transact("castRuling", dispute_id, REMEDY, keccak(text="remedy granted"), sender=ARBITER)
    session.advance(3 * 86_400)
    return dispute_id


def test_ruling_that_pays_a_remedy_cannot_be_reentered(session, dao, attacker):
    disputed, other = pending_payments(dao, 2)
    dispute_id = _remedy_ruled(dao, attacker, disputed, 2 * ETH)
    assert dao.state(other) == "Succeeded"
    arm(dao, attacker, pending=other)
    balance = dao.treasury.balance
    session.contract("HumanArbitrator").transact("executeRuling", dispute_id, sender="Gulnara")
    assert dao.state(disputed) == "Voided"
    assert attempt_errors(dao, attacker) == []  # credited: nothing was sent to it yet
    assert dao.member("Attacker").active
    assert [(c.claimant, c.status, c.paid) for c in dao.claims] == [
        ("Attacker", "Settled", 2 * ETH)
    ]
    withdraw_and_reenter(dao, attacker, 2 * ETH)
    assert dao.treasury.balance == balance - 2 * ETH
    assert dao.state(other) == "Succeeded"
    assert_books_balance(dao)


def test_a_foreign_contract_cannot_pose_as_the_successor(session, make_dao, artifacts):
    # The treasury moves only to a successor running the DAO core's own code with the same
    # blueprints; a contract merely claiming this DAO as its predecessor is refused at once,
    # so it never receives the treasury it could re-enter from.
    dao = make_dao()
    successor = deploy_attacker(dao, artifacts, label="Successor", predecessor=dao.address)
    refused = refusal(dao.propose_amendment, "Aigerim", _Successor(successor.address), "move")
    assert refused.error == "SuccessorNotPublished"
    assert dao.proposal_count() == 0
    assert dao.treasury.balance == 20 * ETH


class _Successor:
    """What ``DAO.propose_amendment`` needs of a successor: its address."""

    def __init__(self, address: str) -> None:
        self.address = address


def test_remedy_cannot_be_paid_from_inside_another_execution(session, dao, artifacts):
    # Erlan's 8 ETH and the payee's 1 ETH leave the free treasury at 6 ETH (5 reserved for the
    # claim); a payee that tries to pass on the remedy ruling from inside the execution cannot,
    # and the remedy, passed on afterwards, is credited from what is free: 6 of 10 ETH.
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
    dao.execute(pid, by="Gulnara")
    # Passing the ruling on needs more than the bounded gas of a plain payment: the payee's
    # receive fails, its payment is credited, and nothing it tried happened.
    assert attempt_errors(dao, payee) == []
    assert (received(payee), dao.credit_of("Payee")) == (0, ETH)
    assert dao.treasury.balance == 12 * ETH
    assert dao.treasury.reserved_for_claims == 5 * ETH
    assert dao.claims[claim_id].status == "Filed"
    assert_books_balance(dao)
    court.transact("executeRuling", dispute_id, sender="Gulnara")
    assert dao.credit_of("Kairat") == 6 * ETH
    assert dao.treasury.outstanding_liability == 4 * ETH
    assert dao.credit_of("Payee") == ETH
    assert dao.treasury.reserved_for_claims == 5 * ETH
    assert_books_balance(dao)
