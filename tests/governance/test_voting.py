"""Ballots on the chain: who may vote, with what weight, and how abstentions and approval count."""

from __future__ import annotations

from typing import Any

import pytest

from dao_sim.exceptions import GovernanceError
from dao_sim.governance import Action, Support
from tests.governance.helpers import refusal

ETHER = 10**18



def pay_erlan(dao: Any) -> int:
    return dao.propose("Aigerim", [Action.pay("Erlan", "1 ETH")], "Pay Erlan for the website")


# ---- refusals ---------------------------------------------------------------------------


def test_second_ballot_is_refused_and_the_first_stands(session, make_dao):
    dao = make_dao()
    pid = pay_erlan(dao)
    dao.vote("Bolat", pid, "for")
    before = dao.proposal(pid)
    refused = refusal(session, dao.vote, "Bolat", pid, "against")
    assert refused.error == "AlreadyVoted"
    assert str(refused) == "Bolat has already voted on proposal 0"
    assert dao.proposal(pid) == before
    assert dao.ballot(pid, "Bolat") is Support.FOR


def test_non_member_ballot_is_refused(session, make_dao):
    dao = make_dao()
    pid = pay_erlan(dao)
    before = dao.proposal(pid)
    refused = refusal(session, dao.vote, "Erlan", pid, "for")
    assert refused.error == "NotAMember"
    assert str(refused) == "Erlan is not a member"
    assert refused.details == {"account": session.address("Erlan")}
    assert dao.proposal(pid) == before
    assert dao.ballot(pid, "Erlan") is None


def test_ballot_after_the_deadline_is_refused(session, make_dao):
    dao = make_dao()
    pid = pay_erlan(dao)
    dao.vote("Aigerim", pid, "for")
    session.advance("3 days")
    before = dao.proposal(pid)
    refused = refusal(session, dao.vote, "Bolat", pid, "for")
    assert refused.error == "ProposalNotActive"
    assert str(refused) == "proposal 0 is not open for voting (it is Defeated)"
    assert dao.proposal(pid) == before


def test_ballot_before_voting_opens_is_refused(session, make_dao):
    dao = make_dao(voting_delay="1 day")
    pid = pay_erlan(dao)
    refused = refusal(session, dao.vote, "Bolat", pid, "for")
    assert refused.error == "ProposalNotActive"
    assert str(refused) == "proposal 0 is not open for voting (it is Pending)"
    assert dao.ballot(pid, "Bolat") is None
    session.advance("1 day")
    dao.vote("Bolat", pid, "for")
    assert dao.ballot(pid, "Bolat") is Support.FOR


def test_ballot_is_accepted_in_the_last_second_of_voting_and_refused_at_its_end(session, make_dao):
    dao = make_dao()
    pid = pay_erlan(dao)
    end = dao.proposal(pid).vote_end
    session.advance(end - 2 - session.now())  # the next transaction is mined at end - 1
    dao.vote("Aigerim", pid, "for")
    assert session.journal.last.timestamp == end - 1
    refused = refusal(session, dao.vote, "Bolat", pid, "for")
    assert session.journal.last.timestamp == end
    assert refused.error == "ProposalNotActive"
    assert dao.proposal(pid).for_votes == 1


def test_unknown_ballot_is_refused_before_any_transaction(session, make_dao):
    dao = make_dao()
    pid = pay_erlan(dao)
    length = len(session.journal)
    with pytest.raises(GovernanceError, match="unknown ballot 'maybe'"):
        dao.vote("Bolat", pid, "maybe")
    assert len(session.journal) == length


def test_member_admitted_after_voting_opened_has_no_vote_on_that_proposal_only(session, make_dao):
    dao = make_dao()
    admit = dao.propose("Aigerim", [Action.offer_membership(session.address("Erlan"), "5 ETH", "Erlan")],
                        "Admit Erlan for 5 ETH")
    for voter in ("Aigerim", "Bolat"):
        dao.vote(voter, admit, "for")
    session.advance("5 days")
    dao.execute(admit, by="Aigerim")
    old = dao.propose("Bolat", [Action.pay("Gulnara", "1 ETH")], "Pay Gulnara")
    dao.join("Erlan")
    assert [m.name for m in dao.members] == ["Aigerim", "Bolat", "Dana", "Erlan"]

    refused = refusal(session, dao.vote, "Erlan", old, "for")
    assert refused.error == "NoVotingPower"
    assert str(refused) == "Erlan had no vote on proposal 1: they were not a member when voting opened"
    assert dao.proposal(old).for_votes == 0

    new = dao.propose("Dana", [Action.pay("Gulnara", "1 ETH")], "Pay Gulnara again")
    dao.vote("Erlan", new, "for")
    assert dao.proposal(new).for_votes == 1
    opened = {pid: dao.proposal(pid).vote_start - 1 for pid in (old, new)}
    assert [dao.contract.call("totalPowerAt", opened[pid]) for pid in (old, new)] == [3, 4]


def test_member_who_exited_cannot_vote_on_a_proposal_opened_before_they_left(session, make_dao):
    dao = make_dao()
    pid = pay_erlan(dao)
    dao.exit("Dana")
    before = dao.proposal(pid)
    refused = refusal(session, dao.vote, "Dana", pid, "for")
    assert refused.error == "NotAMember"
    assert str(refused) == "Dana is not a member"
    assert dao.proposal(pid) == before


def test_dissenter_who_voted_against_may_exit_in_grace_and_their_ballot_still_counts(session, make_dao):
    dao = make_dao()
    pid = pay_erlan(dao)
    for voter, ballot in (("Aigerim", "for"), ("Bolat", "for"), ("Dana", "against")):
        dao.vote(voter, pid, ballot)
    session.advance("3 days")
    assert dao.exit("Dana") == 4 * ETHER
    info = dao.proposal(pid)
    assert (info.state, info.for_votes, info.against_votes) == ("Grace", 2, 1)


# ---- voting rules -------------------------------------------------------------------------


def test_one_member_one_vote_gives_every_member_a_weight_of_one(session, make_dao):
    dao = make_dao()
    pid = pay_erlan(dao)
    for voter, ballot in (("Aigerim", "for"), ("Bolat", "against"), ("Dana", "abstain")):
        entry = dao.vote(voter, pid, ballot)
        assert entry.event("VoteCast").args["weight"] == 1
    info = dao.proposal(pid)
    assert (info.for_votes, info.against_votes, info.abstain_votes) == (1, 1, 1)


def test_contribution_weighted_voting_weighs_ballots_by_shares(session, make_dao):
    dao = make_dao(voting_rule="contribution-weighted")
    pid = pay_erlan(dao)
    for voter, ballot in (("Aigerim", "for"), ("Bolat", "against"), ("Dana", "abstain")):
        entry = dao.vote(voter, pid, ballot)
        assert entry.event("VoteCast").args["weight"] == dao.member(voter).shares
    assert {m.name: m.shares for m in dao.members} == {"Aigerim": 10 * ETHER, "Bolat": 6 * ETHER,
                                                        "Dana": 4 * ETHER}
    info = dao.proposal(pid)
    assert (info.for_votes, info.against_votes, info.abstain_votes) == (10 * ETHER, 6 * ETHER, 4 * ETHER)


@pytest.mark.parametrize(("rule", "state"), [("one-member-one-vote", "Defeated"),
                                             ("contribution-weighted", "Grace")])
def test_largest_contributor_alone_meets_the_quorum_only_when_weighted(session, make_dao, rule, state):
    dao = make_dao(voting_rule=rule, quorum="50%")
    pid = pay_erlan(dao)
    dao.vote("Aigerim", pid, "for")  # 10 of 20 ETH, 1 of 3 members
    session.advance("3 days")
    assert dao.state(pid) == state


@pytest.mark.parametrize(("rule", "state"), [("one-member-one-vote", "Grace"),
                                             ("contribution-weighted", "Defeated")])
def test_two_smaller_contributors_outvote_the_largest_only_per_head(session, make_dao, rule, state):
    dao = make_dao(voting_rule=rule)
    pid = pay_erlan(dao)
    for voter, ballot in (("Aigerim", "against"), ("Bolat", "for"), ("Dana", "for")):
        dao.vote(voter, pid, ballot)  # weighted: 10 ETH for, 10 ETH against, a tie
    session.advance("3 days")
    assert dao.state(pid) == state


def test_weight_on_an_open_proposal_is_fixed_when_voting_opened(session, make_dao):
    dao = make_dao(voting_rule="contribution-weighted")
    open_before = pay_erlan(dao)
    dao.contribute("Dana", "6 ETH")
    opened_after = dao.propose("Bolat", [Action.pay("Erlan", "1 ETH")], "Pay Erlan again")
    dao.vote("Dana", open_before, "for")
    dao.vote("Dana", opened_after, "for")
    assert dao.proposal(open_before).for_votes == 4 * ETHER
    assert dao.proposal(opened_after).for_votes == 10 * ETHER
    assert dao.member("Dana").shares == 10 * ETHER


# ---- abstentions and approval -----------------------------------------------------------------


@pytest.mark.parametrize(("abstainers", "state"), [((), "Defeated"), (("Bolat", "Dana"), "Grace")])
def test_abstentions_count_towards_the_quorum(session, make_dao, abstainers, state):
    dao = make_dao(quorum="100%")
    pid = pay_erlan(dao)
    dao.vote("Aigerim", pid, "for")
    for voter in abstainers:
        dao.vote(voter, pid, "abstain")
    session.advance("3 days")
    assert dao.state(pid) == state


def test_abstentions_do_not_count_towards_approval(session, make_dao):
    dao = make_dao(quorum="100%", approval="50%")
    pid = pay_erlan(dao)
    for voter, ballot in (("Aigerim", "for"), ("Bolat", "against"), ("Dana", "abstain")):
        dao.vote(voter, pid, ballot)
    session.advance("3 days")
    info = dao.proposal(pid)
    assert (info.state, info.abstain_votes) == ("Defeated", 1)


@pytest.mark.parametrize(("third_ballot", "state"), [("against", "Defeated"), ("abstain", "Grace"),
                                                     (None, "Grace")])
def test_approval_of_100_percent_means_no_vote_against(session, make_dao, third_ballot, state):
    dao = make_dao(approval="100%")
    pid = pay_erlan(dao)
    dao.vote("Aigerim", pid, "for")
    dao.vote("Bolat", pid, "for")
    if third_ballot is not None:
        dao.vote("Dana", pid, third_ballot)
    session.advance("3 days")
    assert dao.state(pid) == state
