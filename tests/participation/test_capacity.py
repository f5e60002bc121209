"""No vote takes a member's share (DC 9.6: forced alienation only by a court): a proposal that
would seize or restrict it is outside the DAO's capacity (DC 20.5) and refused when proposed;
where the charter allows expulsion, the expelled member is paid their share."""

import pytest

from dao_sim.exceptions import ContractReverted
from dao_sim.governance import Action
from tests.participation.helpers import ETH, carry, refusal, vote_through

FORBIDDEN_SELF_CALLS = {
    "seize(address,address)": lambda dao: (
        "DAO",
        Action.call(
            "DAO",
            "seize(address,address)",
            dao.session.address("Dana"),
            dao.session.address("Aigerim"),
        ).data,
    ),
    "expel(address)": lambda dao: ("DAO", dao.contract.calldata("expel", "Dana")),
    "callCapital(uint256)": lambda dao: ("DAO", dao.contract.calldata("callCapital", 5_000)),
    "beginMigration(address)": lambda dao: ("DAO", dao.contract.calldata("beginMigration", "Erlan")),
    "credit(address)": lambda dao: ("DAO", dao.contract.calldata("credit", "Aigerim")),
    "exit()": lambda dao: ("DAO", dao.contract.calldata("exit")),
    "contribute()": lambda dao: ("DAO", dao.contract.calldata("contribute")),
    "rule(uint256,uint256) on the dispute clause": lambda dao: (
        dao.dispute_clause.label, dao.dispute_clause.calldata("rule", 0, 2)),
    "applyRuling(uint256,bool) on the governor": lambda dao: (
        dao.governor.label, dao.governor.calldata("applyRuling", 0, False)),
    "awardRemedy(address,uint256) on the claims module": lambda dao: (
        dao.claims_module.label, dao.claims_module.calldata("awardRemedy", "Aigerim", ETH)),
}


@pytest.mark.parametrize("call", sorted(FORBIDDEN_SELF_CALLS))
def test_self_call_that_would_take_or_restrict_a_share_is_refused_when_proposed(
    session, make_dao, call
):
    dao = make_dao()
    target, data = FORBIDDEN_SELF_CALLS[call](dao)
    refused = refusal(dao.propose, "Aigerim", [Action(target, 0, data, call)], f"call {call}")
    assert refused.error == "ActionOutsideCapacity"
    assert refused.details["selector"] == "0x" + data[:4].hex()
    assert refused.details["target"] == dao._resolve(target)
    assert dao.proposal_count() == 0


def test_plain_transfer_to_the_dao_itself_is_outside_its_capacity(session, make_dao):
    dao = make_dao()
    refused = refusal(dao.propose, "Aigerim", [Action.pay("DAO", "1 ETH")], "pay ourselves")
    assert refused.error == "ActionOutsideCapacity"


def test_expulsion_where_the_charter_allows_it_credits_the_share(session, make_dao):
    # The expelled member's whole share is credited to them for withdrawal, not pushed: a
    # member who refuses ETH cannot block their own expulsion.
    dao = make_dao(expulsion_allowed=True)
    before = session.balance("Dana")
    pid = carry(
        dao, [Action.expel(session.address("Dana"), "Dana")], "expel Dana", against=["Dana"]
    )
    share = 4 * ETH
    expelled = [e.args for e in dao.contract.events("MemberExpelled")]
    assert expelled == [{"member": session.address("Dana"), "shares": 4 * ETH, "payout": share}]
    assert dao.state(pid) == "Executed"
    assert not dao.member("Dana").active
    assert (session.balance("Dana"), dao.credit_of("Dana")) == (before, share)
    assert dao.liability("Dana").lost == 0
    assert (dao.treasury.balance, dao.treasury.free) == (20 * ETH, 16 * ETH)
    assert dao.withdraw("Dana") == share
    assert session.balance("Dana") - before == share
    assert dao.treasury.balance == 20 * ETH - share


def test_expelled_member_who_owes_a_capital_call_is_credited_the_rest_of_their_share(session, make_dao):
    dao = make_dao(expulsion_allowed=True, liability_cap="2x")
    carry(dao, [Action.call_capital(5_000)], "call half of each contribution")
    for name in ("Aigerim", "Bolat"):
        dao.pay_capital_call(name)
    share = dao.member("Dana").share_value
    assert share == 4 * ETH * 28 // 20
    before = session.balance("Dana")
    carry(dao, [Action.expel(session.address("Dana"), "Dana")], "expel Dana", against=["Dana"])
    assert dao.credit_of("Dana") == share - 2 * ETH
    assert dao.withdraw("Dana") == share - 2 * ETH
    assert session.balance("Dana") - before == share - 2 * ETH
    assert dao.liability("Dana").lost == 4 * ETH - (share - 2 * ETH)


def test_expulsion_cannot_be_done_without_a_vote(session, make_dao):
    dao = make_dao(expulsion_allowed=True)
    with pytest.raises(ContractReverted) as refused:
        dao.contract.transact("expel", "Dana", sender="Aigerim")
    assert refused.value.error == "OnlyByVote"
    assert dao.member("Dana").active


def test_expulsion_proposal_leaves_the_share_untouched_until_it_executes(session, make_dao):
    dao = make_dao(expulsion_allowed=True)
    vote_through(
        dao, [Action.expel(session.address("Dana"), "Dana")], "expel Dana", against=["Dana"]
    )
    assert dao.exit("Dana") == 4 * ETH
