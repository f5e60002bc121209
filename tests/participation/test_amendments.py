"""Rule changes (DC 20.9): only by migrating to a published successor with the participants'
consent; the treasury and the members move, the old contract acts no more, and nothing a member
owes or has already paid under the liability cap is lost on the way."""

import pytest

from dao_sim.exceptions import ContractReverted
from dao_sim.governance import Action, DAORefused
from tests.participation.helpers import ETH, carry, decide, deploy_successor, inner_error, refusal

FOUNDERS = {"Aigerim": 10 * ETH, "Bolat": 6 * ETH, "Dana": 4 * ETH}


def _amend(dao, successor, *, against=()):
    pid = dao.propose_amendment("Aigerim", successor, "move to the new charter")
    for member in dao.members:
        dao.vote(member.name, pid, "against" if member.name in against else "for")
    dao.session.advance(int(dao.spec.voting_period))
    return pid


def _finish(dao, pid):
    dao.session.advance(int(dao.spec.grace_period))
    dao.execute(pid, by="Gulnara")


def test_amendment_without_every_members_consent_is_defeated(session, make_dao, artifacts):
    dao = make_dao()
    successor = deploy_successor(dao, artifacts)
    pid = _amend(dao, successor, against=["Dana"])
    assert dao.state(pid) == "Defeated"
    assert refusal(dao.execute, pid, by="Gulnara").error == "ProposalNotExecutable"
    assert dao.migrated_to is None
    assert dao.treasury.balance == 20 * ETH
    assert successor.members == []
    assert dao.exit("Dana") == 4 * ETH


def test_amendment_with_an_abstention_is_defeated(session, make_dao, artifacts):
    dao = make_dao()
    successor = deploy_successor(dao, artifacts)
    pid = dao.propose_amendment("Aigerim", successor, "move to the new charter")
    dao.vote("Aigerim", pid, "for")
    dao.vote("Bolat", pid, "for")
    dao.vote("Dana", pid, "abstain")
    session.advance(int(dao.spec.voting_period))
    assert dao.state(pid) == "Defeated"


def test_unanimous_amendment_migrates_the_treasury_and_the_members(session, make_dao, artifacts):
    dao = make_dao()
    successor = deploy_successor(dao, artifacts)
    shares = {name: dao.member(name).shares for name in FOUNDERS}
    pid = _amend(dao, successor)
    _finish(dao, pid)
    assert dao.state(pid) == "Executed"
    assert dao.migrated_to == successor.address
    assert dao.treasury.balance == 0
    assert successor.treasury.balance == 20 * ETH
    assert [m.name for m in successor.members] == list(FOUNDERS)
    for name, contribution in FOUNDERS.items():
        member = successor.member(name)
        assert (member.shares, member.contributed, member.share_value) == (
            shares[name],
            contribution,
            contribution,
        )
    assert successor.exit("Dana") == 4 * ETH


OLD_DAO_ACTS = {
    "exit": lambda dao: dao.exit("Dana"),
    "join": lambda dao: dao.join("Kairat"),
    "contribute": lambda dao: dao.contribute("Dana", "1 ETH"),
    "propose": lambda dao: dao.propose("Aigerim", [Action.pay("Erlan", "1 ETH")], "pay"),
    "vote": lambda dao: dao.vote("Aigerim", 0, "for"),
    "file_claim": lambda dao: dao.file_claim("Gulnara", "1 ETH", "invoice"),
    "donation": lambda dao: dao.session.send_value("Erlan", dao.address, ETH),
}


@pytest.mark.parametrize("act", sorted(OLD_DAO_ACTS))
def test_old_dao_refuses_every_act_after_migrating(session, make_dao, artifacts, act):
    dao = make_dao()
    carry(
        dao, [Action.offer_membership(session.address("Kairat"), "1 ETH", "Kairat")], "admit Kairat"
    )
    successor = deploy_successor(dao, artifacts)
    _finish(dao, _amend(dao, successor))
    with pytest.raises((ContractReverted, DAORefused)) as refused:
        OLD_DAO_ACTS[act](dao)
    assert refused.value.error == "DAOMigrated"
    assert dao.treasury.balance == 0
    assert successor.treasury.balance == 20 * ETH


def test_amendment_with_an_open_claim_carries_it_with_its_bond_and_its_reservation(
    session, make_dao, artifacts
):
    # An open claim no longer blocks an amendment: the treasury moves at once with the DAO-wide
    # books (the reservation for open claims among them), then the claim itself is carried, bond
    # and all, to the successor's claims module, where the members decide it.
    dao = make_dao()
    successor = deploy_successor(dao, artifacts)
    claim_id = dao.file_claim("Gulnara", "3 ETH", "invoice")
    bond = dao.claims[claim_id].bond
    pid = _amend(dao, successor)
    _finish(dao, pid)
    assert dao.state(pid) == "Executed"
    assert dao.migrated_to == successor.address
    assert dao.claims[claim_id].status == "Carried"
    assert session.balance(dao.claims_module.address) == 0
    (carried,) = successor.claims
    assert (carried.claimant, carried.status, carried.amount, carried.bond, carried.paid) == (
        "Gulnara", "Filed", 3 * ETH, bond, 0)
    assert [e.args for e in successor.claims_module.events("ClaimCarried")] == [
        {"claimId": claim_id, "successor": successor.address, "successorClaimId": carried.id}]
    assert session.balance(successor.claims_module.address) == bond
    assert successor.treasury.balance == 20 * ETH
    assert successor.treasury.reserved_for_claims == 3 * ETH
    carry(successor, [Action.settle_claim(carried.id)], "pay the invoice")
    assert successor.credit_of("Gulnara") == 3 * ETH + bond
    assert successor.treasury.free == 17 * ETH


def test_member_who_does_not_consent_exits_before_the_migration(session, make_dao, artifacts):
    dao = make_dao(amendment_consent="60%")
    successor = deploy_successor(dao, artifacts)
    pid = _amend(dao, successor, against=["Dana"])
    assert dao.state(pid) == "Grace"
    assert refusal(dao.exit, "Bolat").error == "ExitBlockedByOwnVote"
    assert dao.exit("Dana") == 4 * ETH
    _finish(dao, pid)
    assert [m.name for m in successor.members] == ["Aigerim", "Bolat"]
    assert successor.treasury.balance == 16 * ETH


def test_capital_already_paid_counts_against_the_cap_after_migrating(session, make_dao, artifacts):
    dao = make_dao(liability_cap="2x")
    carry(dao, [Action.call_capital(10_000)], "call one more contribution")
    for name in FOUNDERS:
        dao.pay_capital_call(name)
    successor = deploy_successor(dao, artifacts)
    _finish(dao, _amend(dao, successor))
    for name, contribution in FOUNDERS.items():
        assert successor.liability(name).contributed == 2 * contribution
    pid = decide(successor, [Action.call_capital(1)], "call again")
    assert (
        inner_error(successor, refusal(successor.execute, pid, by="Gulnara"))
        == "CapitalCallExceedsCap"
    )


def test_capital_owed_is_not_forgiven_by_migrating(session, make_dao, artifacts):
    dao = make_dao(liability_cap="2x")
    carry(dao, [Action.call_capital(10_000)], "call one more contribution")
    dao.pay_capital_call("Aigerim")
    dao.pay_capital_call("Bolat")
    successor = deploy_successor(dao, artifacts)
    _finish(dao, _amend(dao, successor))
    share = successor.member("Dana").share_value
    assert share == 4 * ETH * 36 // 20
    assert successor.exit("Dana") == share - 4 * ETH


def test_successor_with_a_lower_cap_refuses_calls_beyond_what_was_already_called(
    session, make_dao, artifacts
):
    dao = make_dao(liability_cap="2x")
    carry(dao, [Action.call_capital(10_000)], "call one more contribution")
    successor = deploy_successor(dao, artifacts, liability_cap="1.5x")
    _finish(dao, _amend(dao, successor))
    pid = decide(successor, [Action.call_capital(1)], "call again")
    refused = refusal(successor.execute, pid, by="Gulnara")
    assert inner_error(successor, refused) == "CapitalCallExceedsCap"
    for name, contribution in FOUNDERS.items():
        dao.session.advance(1)
        assert successor.pay_capital_call(name).status
        assert successor.liability(name).contributed == 2 * contribution


def test_member_who_left_and_came_back_keeps_their_new_membership_record_after_migrating(
    session, make_dao, artifacts
):
    dao = make_dao()
    claim_id = dao.file_claim("Gulnara", "10 ETH", "damages")
    carry(dao, [Action.settle_claim(claim_id)], "pay the damages")
    assert dao.exit("Dana") == 2 * ETH
    carry(
        dao, [Action.offer_membership(session.address("Dana"), "3 ETH", "Dana")], "take Dana back"
    )
    dao.join("Dana")
    before = dao.liability("Dana")
    # Admitted again, Dana starts a new membership: the 2 ETH lost before belong to the old one.
    assert (before.contributed, before.lost) == (3 * ETH, 0)
    successor = deploy_successor(dao, artifacts)
    _finish(dao, _amend(dao, successor))
    assert successor.liability("Dana") == before
