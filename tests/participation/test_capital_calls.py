"""Capital calls (DC 20.8): a charter may set the cap above the contribution; calls reach it and
never pass it, and what a member owes is settled from their share when they leave."""

from dao_sim.governance import Action
from dao_sim.governance.units import Wei
from tests.participation.helpers import ETH, carry, decide, inner_error, refusal

FOUNDERS = {"Aigerim": 10 * ETH, "Bolat": 6 * ETH, "Dana": 4 * ETH}


def _called(dao, name):
    called, paid = dao.contract.call("capitalOf", dao.session.address(name))
    return int(called), int(paid)


def _calls(dao):
    return [(e.args["bpsOfContribution"], e.args["cumulativeBps"]) for e in dao.contract.events("CapitalCalled")]


def test_capital_call_is_one_cumulative_figure_owed_by_every_member(session, make_dao):
    # A call is recorded once, as basis points of every contribution (constant gas whatever the
    # membership); each member owes their part of it from then on.
    dao = make_dao(liability_cap="2x")
    pid = carry(dao, [Action.call_capital(10_000)], "call one more contribution")
    assert _calls(dao) == [(10_000, 10_000)]
    executed = session.journal.by_function("execute")[-1]
    assert [e.name for e in executed.events if e.name.startswith("Capital")] == ["CapitalCalled"]
    assert dao.state(pid) == "Executed"
    for name, contribution in FOUNDERS.items():
        assert _called(dao, name) == (contribution, 0)
        before = session.balance(name)
        dao.pay_capital_call(name)
        assert before - session.balance(name) == contribution
        assert _called(dao, name) == (contribution, contribution)
        assert dao.liability(name).contributed == 2 * contribution
    assert dao.treasury.balance == 40 * ETH


def test_capital_call_beyond_the_cap_is_refused_whole(session, make_dao):
    dao = make_dao(liability_cap="2x")
    pid = decide(dao, [Action.call_capital(10_001)], "call more than the cap")
    refused = refusal(dao.execute, pid, by="Gulnara")
    assert inner_error(dao, refused) == "CapitalCallExceedsCap"
    assert _inner_args(dao, refused) == {"requestedBps": 10_001, "headroomBps": 10_000}
    assert _calls(dao) == []
    for name in FOUNDERS:
        assert _called(dao, name) == (0, 0)


def test_capital_calls_add_up_to_the_cap_and_no_further(session, make_dao):
    dao = make_dao(liability_cap="1.5x")
    carry(dao, [Action.call_capital(3_000)], "first call")
    carry(dao, [Action.call_capital(2_000)], "second call")
    assert _calls(dao) == [(3_000, 3_000), (2_000, 5_000)]
    assert _called(dao, "Aigerim") == (5 * ETH, 0)
    pid = decide(dao, [Action.call_capital(1)], "third call")
    refused = refusal(dao.execute, pid, by="Gulnara")
    assert inner_error(dao, refused) == "CapitalCallExceedsCap"
    assert _inner_args(dao, refused) == {"requestedBps": 1, "headroomBps": 0}


def _inner_args(dao, refused):
    reason = refused.details["reason"]
    raw = bytes.fromhex(reason[2:]) if isinstance(reason, str) else bytes(reason)
    return dict(dao.session.decode_revert(raw).args)


def test_capital_call_is_outside_the_capacity_of_a_charter_capped_at_the_contribution(
    session, make_dao
):
    dao = make_dao()
    refused = refusal(dao.propose, "Aigerim", [Action.call_capital(1)], "call capital")
    assert refused.error == "ActionOutsideCapacity"


def test_paying_more_than_is_owed_is_refused(session, make_dao):
    dao = make_dao(liability_cap="2x")
    assert refusal(dao.pay_capital_call, "Dana", "1 wei").error == "NothingOwed"
    carry(dao, [Action.call_capital(5_000)], "call half a contribution")
    refused = refusal(dao.pay_capital_call, "Dana", Wei(2 * ETH + 1))
    assert refused.error == "WrongContribution"
    dao.pay_capital_call("Dana", "1 ETH")
    dao.pay_capital_call("Dana", "1 ETH")
    assert _called(dao, "Dana") == (2 * ETH, 2 * ETH)


def test_member_who_leaves_owing_a_call_pays_it_from_their_share(session, make_dao):
    dao = make_dao(liability_cap="2x")
    carry(dao, [Action.call_capital(10_000)], "call one more contribution")
    dao.pay_capital_call("Aigerim")
    share = dao.member("Dana").share_value
    assert share == 4 * ETH * 30 // 20
    payout = dao.exit("Dana")
    assert payout == share - 4 * ETH
    liability = dao.liability("Dana")
    assert liability.lost == 4 * ETH - payout
    assert liability.lost <= liability.cap


def test_member_whose_share_cannot_cover_the_call_loses_no_more_than_the_cap(session, make_dao):
    dao = make_dao(liability_cap="2x")
    claim_id = dao.file_claim("Gulnara", "15 ETH", "damages")
    carry(
        dao,
        [Action.settle_claim(claim_id), Action.call_capital(10_000)],
        "pay damages, call capital",
    )
    assert dao.member("Dana").share_value == 4 * ETH * 5 // 20
    assert dao.exit("Dana") == 0
    liability = dao.liability("Dana")
    assert liability.lost == 4 * ETH
    assert liability.lost <= liability.cap


def test_member_joining_after_a_call_is_not_called(session, make_dao):
    dao = make_dao(liability_cap="2x")
    carry(dao, [Action.call_capital(10_000)], "call one more contribution")
    carry(
        dao, [Action.offer_membership(session.address("Kairat"), "5 ETH", "Kairat")], "admit Kairat"
    )
    dao.join("Kairat")
    assert _called(dao, "Kairat") == (0, 0)
    assert refusal(dao.pay_capital_call, "Kairat", "1 wei").error == "NothingOwed"
