"""Breaks found while attacking the rewritten contracts, each kept as a test."""

from __future__ import annotations

from dao_sim.governance import Action
from tests.security.helpers import ETH, carry_out


def test_a_member_who_leaves_and_rejoins_starts_a_new_membership(make_dao, session):
    dao = make_dao(voting_rule="contribution-weighted")
    assert dao.exit("Dana") == 4 * ETH
    carry_out(dao, [Action.offer_membership(session.address("Dana"), "2.5 ETH", "Dana")])
    dao.join("Dana")
    member = dao.member("Dana")
    assert member.contributed == int(2.5 * ETH), "the old membership's contribution is not counted again"
    assert int(dao.contract.call("powerAt", member.address, session.now())) == int(2.5 * ETH)
    assert int(dao.contract.call("activeContributed")) == int(18.5 * ETH)
    dao.exit("Aigerim")
    dao.exit("Bolat")
    assert dao.exit("Dana") == int(2.5 * ETH)
    assert int(dao.contract.call("activeContributed")) == 0


def test_a_rejected_claims_bond_is_not_shared_with_money_held_during_it(make_dao):
    dao = make_dao()
    claim = dao.file_claim("Kairat", "10 ETH", "rejected later")
    bond = dao.claims[claim].bond
    dao.contribute("Dana", "20 ETH")  # held while the claim is open
    carry_out(dao, [Action.reject_claim(claim)])
    # The bond compensates the 20 ETH that carried the risk; Dana's 20 ETH bought in after it.
    assert abs(dao.member("Aigerim").share_value - (10 * ETH + bond // 2)) <= 2
    assert abs(dao.member("Dana").share_value - (24 * ETH + bond * 4 // 20)) <= 2
