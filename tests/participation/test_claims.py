"""Claims against the DAO (DC 20.8): paid from the treasury only, members' losses stop at their
caps, what the treasury cannot pay stays the DAO's outstanding liability."""

import pytest

from dao_sim.exceptions import ContractReverted
from dao_sim.governance import Action, Treasury
from tests.participation.helpers import ETH, carry, decide, inner_error, refusal

FOUNDERS = {"Aigerim": 10 * ETH, "Bolat": 6 * ETH, "Dana": 4 * ETH}


def test_claim_larger_than_the_treasury_stops_every_loss_at_the_cap(session, make_dao):
    dao = make_dao()
    bond = dao.claim_bond("50 ETH")
    assert bond == 5 * ETH // 2  # 5% of the amount claimed
    before = session.balance("Gulnara")
    claim_id = dao.file_claim("Gulnara", "50 ETH", "damages")
    assert dao.claims[claim_id].bond == bond
    assert dao.treasury.reserved_for_claims == 20 * ETH
    assert dao.treasury.free == 0
    carry(dao, [Action.settle_claim(claim_id)], "recognise the damages")
    # The settlement and the returned bond are credited; Gulnara withdraws them.
    assert dao.credit_of("Gulnara") == 20 * ETH + bond
    assert dao.withdraw("Gulnara") == 20 * ETH + bond
    assert session.balance("Gulnara") - before == 20 * ETH  # the bond came back
    assert dao.treasury.balance == 0
    assert dao.treasury.outstanding_liability == 30 * ETH
    assert (dao.claims[claim_id].status, dao.claims[claim_id].paid) == ("Settled", 20 * ETH)
    for name, contribution in FOUNDERS.items():
        liability = dao.liability(name)
        assert (liability.lost, liability.cap, liability.remaining) == (
            contribution,
            contribution,
            0,
        )
        assert dao.member(name).share_value == 0


def test_shortfall_is_never_called_from_members_beyond_their_cap(session, make_dao):
    dao = make_dao(liability_cap="2x")
    carry(dao, [Action.call_capital(10_000)], "call capital up to the cap")
    for name in FOUNDERS:
        dao.pay_capital_call(name)
    assert dao.treasury.balance == 40 * ETH
    claim_id = dao.file_claim("Gulnara", "100 ETH", "damages")
    carry(dao, [Action.settle_claim(claim_id)], "recognise the damages")
    assert dao.treasury.outstanding_liability == 60 * ETH
    for name, contribution in FOUNDERS.items():
        liability = dao.liability(name)
        assert (liability.lost, liability.cap, liability.remaining) == (
            2 * contribution,
            2 * contribution,
            0,
        )
    pid = decide(dao, [Action.call_capital(1)], "call the shortfall from the members")
    assert inner_error(dao, refusal(dao.execute, pid, by="Gulnara")) == "CapitalCallExceedsCap"


def test_rejected_claim_releases_its_reservation_and_its_bond_goes_to_the_treasury(session, make_dao):
    dao = make_dao()
    claim_id = dao.file_claim("Gulnara", "5 ETH", "doubtful invoice")
    bond = dao.claims[claim_id].bond
    assert bond == ETH // 4
    assert dao.member("Aigerim").share_value == 10 * ETH * 15 // 20
    carry(dao, [Action.reject_claim(claim_id)], "reject the invoice")
    rejected = [e.args for e in dao.claims_module.events("ClaimRejected")]
    assert rejected == [{"claimId": claim_id, "bondForfeited": bond}]
    assert dao.claims[claim_id].status == "Rejected"
    assert dao.treasury.reserved_for_claims == 0
    assert dao.treasury.balance == 20 * ETH + bond
    assert dao.credit_of("Gulnara") == 0
    assert dao.member("Aigerim").share_value == 10 * (20 * ETH + bond) // 20


def test_claim_cannot_be_settled_without_a_vote(session, make_dao):
    dao = make_dao()
    claim_id = dao.file_claim("Gulnara", "5 ETH", "invoice")
    with pytest.raises(ContractReverted) as refused:
        dao.claims_module.transact("settleClaim", claim_id, sender="Aigerim")
    assert refused.value.error == "OnlyByVote"
    assert dao.claims[claim_id].status == "Filed"


def test_settled_claim_cannot_be_settled_again(session, make_dao):
    dao = make_dao()
    claim_id = dao.file_claim("Gulnara", "5 ETH", "invoice")
    carry(dao, [Action.settle_claim(claim_id)], "pay the invoice")
    pid = decide(dao, [Action.settle_claim(claim_id)], "pay it twice")
    refused = refusal(dao.execute, pid, by="Gulnara")
    assert inner_error(dao, refused) == "ClaimNotOpen"
    assert dao.credit_of("Gulnara") == 5 * ETH + ETH // 4  # paid once, with the bond back
    assert dao.treasury.free == 15 * ETH


def test_payment_after_a_settlement_in_the_same_proposal_cannot_spend_another_reserved_claim(
    session, make_dao
):
    # Two open claims (30 and 4 ETH) reserve the whole 20 ETH treasury. Settling the big one
    # pays it from everything but the small one's reserve (16 ETH), so a payment after it in
    # the same proposal finds nothing free. A contribution made meanwhile is held apart until
    # the claims are decided, so it cannot be spent either.
    dao = make_dao()
    big = dao.file_claim("Gulnara", "30 ETH", "damages")
    assert dao.treasury.reserved_for_claims == 20 * ETH
    entry = dao.contribute("Aigerim", "10 ETH")
    assert [e.name for e in entry.events] == ["ContributionHeld", "ContributionMade"]
    small = dao.file_claim("Kairat", "4 ETH", "invoice")
    assert dao.treasury == Treasury(balance=30 * ETH, reserved_for_claims=20 * ETH, free=0,
                                    outstanding_liability=0)
    pid = decide(dao, [Action.settle_claim(big), Action.pay("Erlan", "4 ETH")], "settle and pay")
    refused = refusal(dao.execute, pid, by="Gulnara")
    assert refused.error == "TreasuryInsufficient"
    assert refused.details == {"needed": 4 * ETH, "available": 0}
    assert dao.treasury == Treasury(balance=30 * ETH, reserved_for_claims=20 * ETH, free=0,
                                    outstanding_liability=0)
    assert dao.claims[big].status == dao.claims[small].status == "Filed"


def test_no_expulsion_while_a_claim_is_reserved_so_the_whole_proposal_waits(session, make_dao):
    # An expulsion credits the member's share; while a claim is open its reservation would cut
    # that share (and a rejection would hand the cut to those who stayed), so it is refused and
    # the payment in the same proposal is undone with it.
    dao = make_dao(expulsion_allowed=True)
    dao.file_claim("Gulnara", "5 ETH", "invoice")
    pid = decide(
        dao,
        [Action.expel(session.address("Dana"), "Dana"), Action.pay("Erlan", "15 ETH")],
        "expel Dana and pay Erlan",
        against=["Dana"],
    )
    refused = refusal(dao.execute, pid, by="Gulnara")
    assert inner_error(dao, refused) == "ClaimsPending"
    assert dao.treasury.balance == 20 * ETH
    assert dao.treasury.reserved_for_claims == 5 * ETH
    assert dao.member("Dana").active