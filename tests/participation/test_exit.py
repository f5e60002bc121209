"""Exit with one's share (DC 20.9 default): dissenters leave before a decision they opposed,
those who voted For stay until it is settled, and nobody leaves with money a claim may need."""

from dao_sim.governance import Action
from tests.participation.helpers import ETH, carry, refusal, vote_through


def test_dissenter_exits_during_grace_with_the_pre_payment_share(session, make_dao):
    dao = make_dao()
    pid = vote_through(dao, [Action.pay("Erlan", "8 ETH")], "pay Erlan", against=["Dana"])
    assert dao.state(pid) == "Grace"
    share = dao.member("Dana").share_value
    assert share == 4 * ETH
    before = session.balance("Dana")
    payout = dao.exit("Dana")
    assert payout == share
    assert session.balance("Dana") - before == share
    session.advance(int(dao.spec.grace_period))
    dao.execute(pid, by="Gulnara")
    assert dao.treasury.balance == 20 * ETH - 4 * ETH - 8 * ETH
    assert dao.member("Aigerim").share_value == 5 * ETH
    assert dao.member("Bolat").share_value == 3 * ETH


def test_for_voter_cannot_exit_until_the_payment_executes(session, make_dao):
    dao = make_dao()
    pid = vote_through(dao, [Action.pay("Erlan", "8 ETH")], "pay Erlan", against=["Dana"])
    assert refusal(dao.exit, "Bolat").error == "ExitBlockedByOwnVote"
    session.advance(int(dao.spec.grace_period))
    assert dao.state(pid) == "Succeeded"
    assert refusal(dao.exit, "Bolat").details["proposalId"] == pid
    dao.execute(pid, by="Gulnara")
    assert dao.exit("Bolat") == 6 * ETH * 12 // 20


def test_for_voter_may_exit_once_the_proposal_is_defeated(session, make_dao):
    dao = make_dao()
    pid = vote_through(
        dao, [Action.pay("Erlan", "8 ETH")], "pay Erlan", against=["Aigerim", "Dana"]
    )
    assert dao.state(pid) == "Defeated"
    assert dao.exit("Bolat") == 6 * ETH


def test_abstainer_is_not_blocked_from_exit(session, make_dao):
    dao = make_dao()
    vote_through(dao, [Action.pay("Erlan", "1 ETH")], "pay Erlan", abstain=["Dana"])
    assert dao.exit("Dana") == 4 * ETH


def test_member_cannot_dodge_a_pending_claim_by_exiting(session, make_dao):
    dao = make_dao()
    claim_id = dao.file_claim("Gulnara", "5 ETH", "unpaid invoice")
    assert dao.treasury.reserved_for_claims == 5 * ETH
    payout = dao.exit("Aigerim")
    assert payout == 10 * ETH * 15 // 20
    bond = dao.claims[claim_id].bond
    carry(dao, [Action.settle_claim(claim_id)], "pay the invoice")
    assert dao.claims[claim_id].paid == 5 * ETH
    assert dao.credit_of("Gulnara") == 5 * ETH + bond  # credited in full, the bond back with it
    assert dao.treasury.outstanding_liability == 0
    before = session.balance("Gulnara")
    dao.withdraw("Gulnara")
    assert session.balance("Gulnara") - before == 5 * ETH + bond
    assert dao.treasury.balance == 20 * ETH - payout - 5 * ETH


def test_exit_then_vote_for_cannot_escape_ones_own_decision(session, make_dao):
    dao = make_dao()
    pid = dao.propose("Aigerim", [Action.pay("Erlan", "8 ETH")], "pay Erlan")
    dao.vote("Aigerim", pid, "for")
    dao.exit("Bolat")
    refusal(dao.vote, "Bolat", pid, "for")
    session.advance(int(dao.spec.voting_period))
    assert dao.proposal(pid).for_votes == 1


def test_exit_is_refused_to_a_non_member(session, make_dao):
    dao = make_dao()
    assert refusal(dao.exit, "Erlan").error == "NotAMember"
