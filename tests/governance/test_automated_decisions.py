"""DC 29: an automated suspension for missed dues, and its human review applied on-chain."""

import pytest

from dao_sim.governance import Action, DAORefused, Dues
from dao_sim.law import using
from tests.governance.helpers import deploy_core_raw


@pytest.fixture
def dao(make_dao):
    return make_dao(dues=Dues("0.1 ETH", "30 days"), reviewer="Saule")


def test_missed_dues_suspend_automatically_with_inputs_recorded(session, dao):
    with pytest.raises(DAORefused) as early:
        dao.enforce_dues("Dana", by="Gulnara")
    assert early.value.error == "DuesNotOverdue"
    session.advance("31 days")
    decision_id = dao.enforce_dues("Dana", by="Gulnara")
    record = dao.decision(decision_id)
    assert (record.subject, record.rule, record.review) == ("Dana", "missed-dues-suspension", "None")
    assert record.decided_at > record.due_since
    assert record.explanation.startswith("Automated decision 0 (Art. 43(3)): Dana's voting rights were suspended")
    assert "at Dana's request (Art. 43(4))" in record.explanation
    with using("draft-2025"):
        assert dao.decision(decision_id).explanation.startswith("Automated decision 0 (DC 29.1): Dana's")
    assert "dues of 0.1 ETH every 30 days" in record.explanation
    assert "Saule, the reviewer the charter names" in record.explanation
    assert dao.member("Dana").suspended
    pid = dao.propose("Aigerim", [Action.pay("Erlan", "1 ETH")], "pay Erlan")
    with pytest.raises(DAORefused, match="Dana is suspended"):
        dao.vote("Dana", pid, "for")


def test_review_reversal_reinstates_the_member_on_chain(session, dao):
    session.advance("31 days")
    decision_id = dao.enforce_dues("Dana", by="Gulnara")
    with pytest.raises(DAORefused) as not_requested:
        dao.decide_review("Saule", decision_id, reverse=True, reasons="bank delay")
    assert not_requested.value.error == "ReviewNotRequested"
    with pytest.raises(DAORefused) as stranger:
        dao.request_review("Bolat", decision_id)
    assert stranger.value.error == "NotTheAffectedPerson"
    dao.request_review("Dana", decision_id)
    with pytest.raises(DAORefused, match="not the reviewer the charter names"):
        dao.decide_review("Aigerim", decision_id, reverse=True, reasons="friend")
    entry = dao.decide_review("Saule", decision_id, reverse=True, reasons="the bank delayed Dana's payment")
    assert [e.name for e in entry.events] == ["ReviewDecided", "MemberReinstated"]
    assert dao.decision(decision_id).review == "Reversed"
    assert not dao.member("Dana").suspended
    pid = dao.propose("Dana", [Action.pay("Erlan", "1 ETH")], "Dana may propose again")
    dao.vote("Dana", pid, "for")


def test_review_may_confirm_and_paying_dues_lifts_the_suspension(session, dao):
    session.advance("31 days")
    decision_id = dao.enforce_dues("Dana", by="Gulnara")
    dao.request_review("Dana", decision_id)
    dao.decide_review("Saule", decision_id, reverse=False, reasons="dues were simply not paid")
    assert dao.decision(decision_id).review == "Confirmed"
    assert dao.member("Dana").suspended
    dao.pay_dues("Dana")
    assert not dao.member("Dana").suspended


def test_dues_without_a_reviewer_are_refused_by_the_contract_too(session, artifacts, make_dao):
    make_dao()  # deploys the arbitrator
    from dao_sim.exceptions import ContractReverted
    from dao_sim.governance import DAOSpec

    spec = DAOSpec(name="x", members={"Aigerim": "1 ETH"}, arbitrator="HumanArbitrator",
                   dues=Dues("1 ETH", "30 days"), reviewer="Saule")
    with pytest.raises(ContractReverted) as refused:
        deploy_core_raw(session, artifacts, spec, reviewer="0x" + "00" * 20)
    assert refused.value.error == "ReviewerMissing"
