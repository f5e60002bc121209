"""Execution: anyone may execute a passed proposal, which does exactly what was voted (DC 20.7)."""

from __future__ import annotations

from typing import Any

import pytest

from dao_sim.exceptions import TransactionReverted
from dao_sim.governance import Action, Treasury
from dao_sim.governance.errors import explain_revert
from dao_sim.governance.units import format_eth
from dao_sim.law import using
from tests.governance.helpers import refusal

ETHER = 10**18



def at(session: Any, timestamp: int) -> None:
    """Let time pass so that the next transaction is mined at ``timestamp``."""
    session.advance(timestamp - 1 - session.now())


def propose_and_vote(dao: Any, actions: list[Action], ballots: dict[str, str]) -> int:
    pid = dao.propose("Aigerim", actions, "Pay the team")
    for voter, ballot in ballots.items():
        dao.vote(voter, pid, ballot)
    return pid


PASS = {"Aigerim": "for", "Bolat": "for", "Dana": "against"}


def money(session: Any, dao: Any, *names: str) -> dict[str, int]:
    return {"DAO": dao.treasury.balance, **{n: session.balance(n) for n in names}}


def test_non_member_executes_exactly_the_voted_actions(session, make_dao):
    dao = make_dao()
    pid = propose_and_vote(dao, [Action.pay("Erlan", "2 ETH"), Action.pay("Kairat", "0.5 ETH")], PASS)
    session.advance("5 days")
    before = money(session, dao, "Erlan", "Kairat", "Gulnara")
    entry = dao.execute(pid, by="Gulnara")
    after = money(session, dao, "Erlan", "Kairat", "Gulnara")
    assert {k: after[k] - before[k] for k in before} == {
        "DAO": -5 * ETHER // 2, "Erlan": 2 * ETHER, "Kairat": ETHER // 2, "Gulnara": 0}
    assert entry.status is True
    assert [(e.name, e.args) for e in entry.events] == [
        ("ActionExecuted", {"proposalId": pid, "index": 0, "target": session.address("Erlan"), "value": 2 * ETHER}),
        ("ActionExecuted", {"proposalId": pid, "index": 1, "target": session.address("Kairat"), "value": ETHER // 2}),
        ("ProposalExecuted", {"proposalId": pid, "executor": session.address("Gulnara")}),
    ]
    assert [e.args for e in session.journal.events("ProposalExecuted")] == [
        {"proposalId": pid, "executor": session.address("Gulnara")}]
    assert dao.state(pid) == "Executed"


def test_passed_offer_of_membership_executes_and_the_candidate_joins(session, make_dao):
    dao = make_dao()
    pid = propose_and_vote(dao, [Action.offer_membership(session.address("Erlan"), "3 ETH", "Erlan")], PASS)
    session.advance("5 days")
    entry = dao.execute(pid, by="Erlan")
    assert entry.event("MembershipOffered").args == {"candidate": session.address("Erlan"), "contribution": 3 * ETHER}
    dao.join("Erlan")
    erlan = dao.member("Erlan")
    assert (erlan.active, erlan.contributed) == (True, 3 * ETHER)
    assert dao.treasury.balance == 23 * ETHER


def test_direct_offer_of_membership_is_refused(session, make_dao):
    dao = make_dao()
    length = len(session.journal)
    with pytest.raises(TransactionReverted) as info:
        dao.contract.transact("offerMembership", "Erlan", ETHER, sender="Aigerim")
    refused = explain_revert(info.value, session.name_of, format_eth)
    assert refused.error == "OnlyByVote"
    assert str(refused) == ("Aigerim cannot do this: only a passed proposal can "
                            "(dao-sim default, after draft Art. 20.7)")
    with using("draft-2025"):
        again = explain_revert(info.value, session.name_of, format_eth)
    assert str(again) == "Aigerim cannot do this: only a passed proposal can (DC 20.7)"
    assert len(session.journal) == length + 1
    assert session.journal.last.status is False
    assert dao.contract.call("membershipOffers", session.address("Erlan")) == 0


@pytest.mark.parametrize(("wait", "state"), [("1 day", "Active"), ("4 days", "Grace")])
def test_execution_before_the_grace_window_ends_is_refused(session, make_dao, wait, state):
    dao = make_dao()
    pid = propose_and_vote(dao, [Action.pay("Erlan", "2 ETH")], PASS)
    session.advance(wait)
    before = money(session, dao, "Erlan")
    refused = refusal(session, dao.execute, pid, by="Bolat")
    assert refused.error == "ProposalNotExecutable"
    assert str(refused) == f"proposal {pid} cannot be executed (it is {state})"
    assert money(session, dao, "Erlan") == before
    assert dao.state(pid) == state


def test_execution_is_refused_in_the_last_second_of_grace_and_accepted_when_it_ends(session, make_dao):
    dao = make_dao()
    pid = propose_and_vote(dao, [Action.pay("Erlan", "2 ETH")], PASS)
    grace_end = dao.proposal(pid).grace_end
    at(session, grace_end - 1)
    refused = refusal(session, dao.execute, pid, by="Bolat")
    assert session.journal.last.timestamp == grace_end - 1
    assert str(refused) == f"proposal {pid} cannot be executed (it is Grace)"
    dao.execute(pid, by="Bolat")
    assert session.journal.last.timestamp == grace_end
    assert dao.state(pid) == "Executed"


def test_defeated_proposal_cannot_be_executed(session, make_dao):
    dao = make_dao()
    pid = propose_and_vote(dao, [Action.pay("Erlan", "2 ETH")], {"Aigerim": "for", "Bolat": "against"})
    session.advance("5 days")
    before = money(session, dao, "Erlan")
    refused = refusal(session, dao.execute, pid, by="Aigerim")
    assert str(refused) == f"proposal {pid} cannot be executed (it is Defeated)"
    assert money(session, dao, "Erlan") == before


def test_proposal_executes_only_once(session, make_dao):
    dao = make_dao()
    pid = propose_and_vote(dao, [Action.pay("Erlan", "2 ETH")], PASS)
    session.advance("5 days")
    dao.execute(pid, by="Aigerim")
    before = money(session, dao, "Erlan")
    refused = refusal(session, dao.execute, pid, by="Erlan")
    assert str(refused) == f"proposal {pid} cannot be executed (it is Executed)"
    assert money(session, dao, "Erlan") == before
    assert len(session.journal.events("ProposalExecuted")) == 1


def test_proposal_not_executed_within_the_window_expires(session, make_dao):
    dao = make_dao()
    pid = propose_and_vote(dao, [Action.pay("Erlan", "2 ETH")], PASS)
    at(session, dao.proposal(pid).execute_by)
    before = money(session, dao, "Erlan")
    refused = refusal(session, dao.execute, pid, by="Aigerim")
    assert str(refused) == f"proposal {pid} cannot be executed (it is Expired)"
    assert money(session, dao, "Erlan") == before
    assert dao.state(pid) == "Expired"


def test_payment_beyond_the_treasury_is_refused_whole(session, make_dao):
    # Each payment is checked against what the free treasury still holds when it is due: the
    # first (15 of 20 ETH) fits, the second (10 of the 5 left) does not, and the whole
    # execution is undone.
    dao = make_dao()
    pid = propose_and_vote(dao, [Action.pay("Erlan", "15 ETH"), Action.pay("Kairat", "10 ETH")], PASS)
    session.advance("5 days")
    before = money(session, dao, "Erlan", "Kairat")
    refused = refusal(session, dao.execute, pid, by="Aigerim")
    assert refused.error == "TreasuryInsufficient"
    assert refused.details == {"needed": 10 * ETHER, "available": 5 * ETHER}
    assert str(refused) == ("a payment of 10 ETH exceeds the 5 ETH left in the free treasury (what open "
                            "claims reserve and what is credited to others is never spent)")
    assert money(session, dao, "Erlan", "Kairat") == before
    assert dao.state(pid) == "Succeeded"


def test_reserved_claims_are_not_spent_by_a_payment(session, make_dao):
    # The claim is filed before the vote opens and nobody holds the proposal for it, so it
    # leaves grace as usual; the claim reserves 8 ETH of the 20, and a payment may only use the
    # other 12.
    dao = make_dao()
    dao.file_claim("Saule", "8 ETH", "Unpaid invoice")
    pid = propose_and_vote(dao, [Action.pay("Erlan", "15 ETH")], PASS)
    session.advance("5 days")
    assert dao.state(pid) == "Succeeded"
    refused = refusal(session, dao.execute, pid, by="Aigerim")
    assert refused.details == {"needed": 15 * ETHER, "available": 12 * ETHER}
    assert dao.treasury == Treasury(balance=20 * ETHER, reserved_for_claims=8 * ETHER, free=12 * ETHER,
                                    outstanding_liability=0)


def test_claim_filed_after_the_vote_opened_holds_the_proposal_until_decided_and_a_grace_period_more(
        session, make_dao):
    dao = make_dao()
    pid = propose_and_vote(dao, [Action.pay("Erlan", "2 ETH")], PASS)
    claim = dao.file_claim("Saule", "8 ETH", "Unpaid invoice")
    dao.hold_for_claims(pid, by="Dana")
    session.advance("1 day")  # the hold lasts at most twice a 5-day rejection vote
    assert dao.state(pid) == "Active"
    assert dao.governor.call("windows", pid)[2] is True  # held until the claim is decided
    settle = propose_and_vote(dao, [Action.reject_claim(claim)], PASS)
    session.advance("5 days")
    assert dao.state(settle) == "Succeeded"  # deciding claims is never held
    dao.execute(settle, by="Bolat")
    decided = session.now()
    info = dao.proposal(pid)
    assert (dao.state(pid), info.grace_end) == ("Grace", decided + 2 * 86_400)
    session.advance(info.grace_end - 1 - session.now())
    assert dao.state(pid) == "Grace"
    session.advance(1)
    assert dao.state(pid) == "Succeeded"
    dao.execute(pid, by="Gulnara")
    assert dao.state(pid) == "Executed"


def test_failing_call_undoes_the_whole_execution(session, make_dao):
    # A call with data that reverts (here: a function the arbitrator does not have) fails the
    # whole proposal; the 2 ETH paid by the first action is undone.
    dao = make_dao()
    failing = Action.call("HumanArbitrator", "donate()", value="1 ETH")
    pid = propose_and_vote(dao, [Action.pay("Erlan", "2 ETH"), failing], PASS)
    session.advance("5 days")
    before = money(session, dao, "Erlan", "HumanArbitrator")
    refused = refusal(session, dao.execute, pid, by="Aigerim")
    assert refused.error == "ActionFailed"
    assert str(refused) == f"action 1 of proposal {pid} failed"
    assert money(session, dao, "Erlan", "HumanArbitrator") == before
    assert dao.state(pid) == "Succeeded"


def test_plain_payment_the_payee_refuses_is_credited_and_the_rest_executes(session, make_dao):
    # A payee that refuses ETH (the arbitrator contract has no receive function) blocks nobody:
    # its payment is credited for it to withdraw and the proposal executes whole.
    dao = make_dao()
    pid = propose_and_vote(dao, [Action.pay("Erlan", "2 ETH"), Action.pay("HumanArbitrator", "1 ETH")], PASS)
    session.advance("5 days")
    before = money(session, dao, "Erlan", "HumanArbitrator")
    entry = dao.execute(pid, by="Aigerim")
    credited = [(session.name_of(e.args["to"]), e.args["amount"]) for e in entry.events
                if e.name == "PaymentCredited"]
    assert credited == [("HumanArbitrator", ETHER)]
    assert money(session, dao, "Erlan", "HumanArbitrator") == {
        "DAO": before["DAO"] - 2 * ETHER, "Erlan": before["Erlan"] + 2 * ETHER,
        "HumanArbitrator": before["HumanArbitrator"]}
    assert dao.credit_of("HumanArbitrator") == ETHER
    assert dao.treasury.free == 17 * ETHER
    assert dao.state(pid) == "Executed"
