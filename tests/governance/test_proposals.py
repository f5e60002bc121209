"""A proposal's life on the chain: every state it reaches, and who may propose what (DC 20.5, 20.7)."""

from __future__ import annotations

from typing import Any

import pytest

from dao_sim.governance import Action, DAORefused
from dao_sim.governance.actions import CLAIMS
from tests.governance.helpers import deploy_core_raw, refusal

DAY = 86_400



def at(session: Any, timestamp: int) -> None:
    """Let time pass so that the latest block, the one views read, is at ``timestamp``."""
    session.advance(timestamp - session.now())


def pay_erlan(dao: Any) -> int:
    return dao.propose("Aigerim", [Action.pay("Erlan", "1 ETH")], "Pay Erlan for the website")


def passed(dao: Any) -> int:
    pid = pay_erlan(dao)
    for voter in ("Aigerim", "Bolat"):
        dao.vote(voter, pid, "for")
    return pid


# ---- states ---------------------------------------------------------------------------------


def test_proposal_is_pending_for_the_voting_delay_then_active(session, make_dao):
    dao = make_dao(voting_delay="1 day")
    pid = pay_erlan(dao)
    info = dao.proposal(pid)
    assert info.state == "Pending"
    assert info.vote_start == session.now() + DAY
    assert info.vote_end == info.vote_start + 3 * DAY
    at(session, info.vote_start - 1)
    assert dao.state(pid) == "Pending"
    at(session, info.vote_start)
    assert dao.state(pid) == "Active"


def test_proposal_without_delay_is_active_at_once(session, make_dao):
    dao = make_dao()
    pid = pay_erlan(dao)
    info = dao.proposal(pid)
    assert (info.state, info.vote_start) == ("Active", session.now())


def test_passed_proposal_moves_through_grace_and_succeeded_to_expired(session, make_dao):
    dao = make_dao()
    pid = passed(dao)
    info = dao.proposal(pid)
    assert (info.grace_end, info.execute_by) == (info.vote_end + 2 * DAY, info.vote_end + 9 * DAY)
    seen = []
    for moment in (info.vote_end - 1, info.vote_end, info.grace_end - 1, info.grace_end,
                   info.execute_by - 1, info.execute_by):
        at(session, moment)
        seen.append(dao.state(pid))
    assert seen == ["Active", "Grace", "Grace", "Succeeded", "Succeeded", "Expired"]


def test_a_charter_without_a_grace_window_is_refused_by_the_spec_and_the_contract(session, artifacts, make_dao):
    # DC 28.2: a passed proposal must be open to dispute (and dissenters free to leave) before
    # it executes, so no charter may let it execute the moment voting ends.
    from dao_sim.exceptions import ContractReverted, SpecError
    from dao_sim.governance import DAOSpec

    make_dao()  # deploys the arbitrator
    with pytest.raises(SpecError, match="grace_period: must be longer than zero"):
        make_dao(grace_period=0)
    spec = DAOSpec(name="x", members={"Aigerim": "1 ETH"}, arbitrator="HumanArbitrator")
    with pytest.raises(ContractReverted) as refused:
        deploy_core_raw(session, artifacts, spec, gracePeriod=0)
    assert (refused.value.error, refused.value.error_args) == ("InvalidRules", {"field": "gracePeriod"})


def test_executed_proposal_stays_executed(session, make_dao):
    dao = make_dao()
    pid = passed(dao)
    session.advance("5 days")
    dao.execute(pid, by="Bolat")
    assert dao.state(pid) == "Executed"
    session.advance("30 days")
    assert dao.state(pid) == "Executed"


DEFEATS = {
    "quorum missed": {"Aigerim": "for"},
    "approval missed": {"Aigerim": "for", "Bolat": "against", "Dana": "against"},
    "tie": {"Aigerim": "for", "Bolat": "against", "Dana": "abstain"},
    "nobody voted": {},
}


@pytest.mark.parametrize("ballots", DEFEATS.values(), ids=DEFEATS.keys())
def test_proposal_is_defeated(session, make_dao, ballots):
    dao = make_dao(quorum="50%", approval="50%")
    pid = pay_erlan(dao)
    for voter, ballot in ballots.items():
        dao.vote(voter, pid, ballot)
    at(session, dao.proposal(pid).vote_end)
    assert dao.state(pid) == "Defeated"
    session.advance("30 days")
    assert dao.state(pid) == "Defeated"


def test_nothing_passes_without_a_vote_for_even_with_no_quorum(session, make_dao):
    dao = make_dao(quorum=0)
    pid = pay_erlan(dao)
    dao.vote("Bolat", pid, "abstain")
    at(session, dao.proposal(pid).vote_end)
    assert dao.state(pid) == "Defeated"


def test_unknown_proposal_is_refused_by_name(session, make_dao):
    dao = make_dao()
    with pytest.raises(DAORefused) as info:
        dao.state(7)
    assert (info.value.error, str(info.value)) == ("UnknownProposal", "there is no proposal 7")
    refused = refusal(session, dao.vote, "Aigerim", 7, "for")
    assert str(refused) == "there is no proposal 7"


# ---- who proposes ----------------------------------------------------------------------------


def test_proposal_records_its_proposer_actions_and_description(session, make_dao):
    dao = make_dao()
    pid = dao.propose("Dana", [Action.pay("Erlan", "2 ETH"), Action.pay("Gulnara", "1 ETH")], "Pay the team")
    created = session.journal.last.event("ProposalCreated").args
    assert (created["proposalId"], created["description"]) == (pid, "Pay the team")
    info = dao.proposal(pid)
    assert (info.proposer, info.kind) == ("Dana", "Ordinary")
    assert info.actions == (("Erlan", 2 * 10**18, b""), ("Gulnara", 10**18, b""))
    assert dao.proposal_count() == 1


def test_non_member_cannot_propose(session, make_dao):
    dao = make_dao()
    refused = refusal(session, dao.propose, "Erlan", [Action.pay("Erlan", "1 ETH")], "Pay me")
    assert refused.error == "NotAMember"
    assert str(refused) == "Erlan is not a member"
    assert dao.proposal_count() == 0


def test_member_who_exited_cannot_propose(session, make_dao):
    dao = make_dao()
    dao.exit("Dana")
    refused = refusal(session, dao.propose, "Dana", [], "Come back")
    assert str(refused) == "Dana is not a member"
    assert dao.proposal_count() == 0


def _raw(selector: str) -> Action:
    return Action("DAO", 0, bytes.fromhex(selector) + bytes(32))


OUTSIDE_CAPACITY = {
    "an arbitrary selector": lambda s: _raw("deadbeef"),
    "exit on a member's behalf": lambda s: Action.call("DAO", "exit()"),
    "join on someone's behalf": lambda s: Action.call("DAO", "join()"),
    "a plain payment to the DAO itself": lambda s: Action.pay("DAO", "1 ETH"),
    "expulsion the charter does not allow": lambda s: Action.expel(s.address("Dana"), "Dana"),
    "a capital call with a 1x cap": lambda s: Action.call_capital(5_000),
}


@pytest.mark.parametrize("build", OUTSIDE_CAPACITY.values(), ids=OUTSIDE_CAPACITY.keys())
def test_self_call_outside_the_capacity_is_refused_when_proposed(session, make_dao, build):
    dao = make_dao()
    action = build(session)
    actions = [Action.pay("Erlan", "1 ETH"), action]
    refused = refusal(session, dao.propose, "Aigerim", actions, "Overreach")
    assert refused.error == "ActionOutsideCapacity"
    selector = "0x" + action.data[:4].hex().ljust(8, "0")
    assert refused.details == {"index": 1, "target": dao.address, "selector": selector}
    assert str(refused) == (f"action 1 calls {selector} on Steppe Makers, which is outside the DAO's "
                            "capacity (dao-sim default, after draft Art. 20.5); no vote can take or "
                            "restrict a member's share (dao-sim default, after draft Art. 9.6)")
    assert dao.proposal_count() == 0


WITHIN_CAPACITY = {
    "offer membership": (lambda s: Action.offer_membership(s.address("Erlan"), "1 ETH", "Erlan"), {}),
    "settle a claim": (lambda s: Action.settle_claim(0), {}),
    "reject a claim": (lambda s: Action.reject_claim(0), {}),
    "expel when the charter allows": (lambda s: Action.expel(s.address("Dana"), "Dana"),
                                      {"expulsion_allowed": True}),
    "call capital under a 2x cap": (lambda s: Action.call_capital(5_000), {"liability_cap": "2x"}),
}


@pytest.mark.parametrize(("build", "charter"), WITHIN_CAPACITY.values(), ids=WITHIN_CAPACITY.keys())
def test_self_call_within_the_capacity_may_be_proposed(session, make_dao, build, charter):
    dao = make_dao(**charter)
    action = build(session)
    if action.target == CLAIMS:
        dao.file_claim("Gulnara", "1 ETH", "an invoice")  # a claims action must name a filed claim
    pid = dao.propose("Aigerim", [action], action.summary)
    target = dao.claims_module if action.target == CLAIMS else dao.contract
    assert dao.proposal(pid).actions == ((target.label, 0, action.data),)

