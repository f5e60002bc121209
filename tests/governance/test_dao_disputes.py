"""DC 28.2 in the DAO: a dispute freezes a passed proposal until a human rules."""

import pytest

from dao_sim.disputes import Court
from dao_sim.exceptions import ContractReverted
from dao_sim.governance import Action, DAORefused
from dao_sim.testing.factories import human_court
from tests.governance.helpers import deploy_core_raw

UPHOLD, VOID, REMEDY = 1, 2, 3
ROSTER = ("Madina", "Nurlan", "Saule", "Timur", "Zhanna")


@pytest.fixture
def court(session, artifacts):
    return human_court(session, ROSTER, artifacts=artifacts).handle


@pytest.fixture
def disputed(session, court, make_dao):
    """A payment to Erlan passed 2:1, Dana (against) disputes it in the grace window."""
    dao = make_dao()
    pid = dao.propose("Aigerim", [Action.pay("Erlan", "2 ETH")], "Pay Erlan for the website")
    for voter, ballot in (("Aigerim", "for"), ("Bolat", "for"), ("Dana", "against")):
        dao.vote(voter, pid, ballot)
    session.advance("3 days")
    dispute_id = dao.open_dispute("Dana", pid, compensation="1 ETH", evidence_uri="ipfs://dana-objection")
    Court(session, court).seat_panel(dispute_id, by="Dana")  # drawn a block after opening
    return dao, pid, dispute_id


def _rule(session, court, dispute_id, ruling, votes=None):
    Court(session, court).seat_panel(dispute_id, by="Gulnara")  # drawn a block after opening
    status = court.call("getDispute", dispute_id)
    round_ = status[2] if isinstance(status, tuple) else status["round"]
    panel = court.call("panelOf", dispute_id, round_)
    for arbitrator in panel[: votes or len(panel) // 2 + 1]:
        court.transact("castRuling", dispute_id, ruling, b"\x00" * 32, sender=session.name_of(arbitrator))


def _finalise(session, court, dispute_id):
    session.advance("3 days")
    court.transact("executeRuling", dispute_id, sender="Gulnara")


def test_dispute_freezes_execution_past_the_grace_window(session, disputed):
    dao, pid, _ = disputed
    assert dao.state(pid) == "Disputed"
    session.advance("30 days")
    assert dao.state(pid) == "Disputed"
    with pytest.raises(DAORefused) as refused:
        dao.execute(pid, by="Gulnara")
    assert refused.value.error == "ProposalNotExecutable"
    assert "Disputed" in str(refused.value)


def test_uphold_lets_the_proposal_execute(session, court, disputed):
    dao, pid, dispute_id = disputed
    _rule(session, court, dispute_id, UPHOLD)
    _finalise(session, court, dispute_id)
    assert dao.state(pid) == "Succeeded"
    before = session.balance("Erlan")
    dao.execute(pid, by="Gulnara")
    assert session.balance("Erlan") - before == 2 * 10**18


def test_void_means_it_never_executes(session, court, disputed):
    dao, pid, dispute_id = disputed
    _rule(session, court, dispute_id, VOID)
    _finalise(session, court, dispute_id)
    assert dao.state(pid) == "Voided"
    with pytest.raises(DAORefused):
        dao.execute(pid, by="Gulnara")


def test_remedy_voids_and_credits_the_compensation_from_the_treasury_for_withdrawal(session, court, disputed):
    # The remedy is credited to Dana (pull), so a disputer who refuses ETH blocks nobody; it
    # leaves the free treasury at once and the contract's balance when she withdraws it.
    dao, pid, dispute_id = disputed
    _rule(session, court, dispute_id, REMEDY)
    before = session.balance("Dana")
    _finalise(session, court, dispute_id)
    assert dao.state(pid) == "Voided"
    (claim,) = dao.claims
    assert (claim.claimant, claim.status, claim.amount, claim.bond, claim.paid) == (
        "Dana", "Settled", 10**18, 0, 10**18)
    assert (session.balance("Dana"), dao.credit_of("Dana")) == (before, 10**18)
    assert (dao.treasury.balance, dao.treasury.free) == (20 * 10**18, 19 * 10**18)
    assert dao.withdraw("Dana") == 10**18
    assert (session.balance("Dana") - before, dao.credit_of("Dana")) == (10**18, 0)
    assert (dao.treasury.balance, dao.treasury.free) == (19 * 10**18, 19 * 10**18)


def test_refusal_to_arbitrate_leaves_the_vote_standing(session, court, disputed):
    dao, pid, dispute_id = disputed
    _rule(session, court, dispute_id, 0)
    _finalise(session, court, dispute_id)
    assert dao.state(pid) == "Succeeded"


def test_appeal_overturns_a_ruling(session, court, disputed):
    dao, pid, dispute_id = disputed
    _rule(session, court, dispute_id, UPHOLD)
    court.transact("appeal", dispute_id, b"", sender="Dana")
    assert len(Court(session, court).seat_panel(dispute_id, by="Dana")) == 3
    _rule(session, court, dispute_id, VOID)
    _finalise(session, court, dispute_id)
    assert dao.state(pid) == "Voided"


def test_a_missed_deadline_escalates_and_decides_nothing(session, court, disputed):
    dao, pid, dispute_id = disputed
    session.advance("8 days")
    entry = Court(session, court).escalate(dispute_id, by="Gulnara")  # and draws the new panel
    assert {"RulingDeadlineMissed", "PanelReplaced"} <= {e.name for e in entry.events}
    assert court.call("currentRuling", dispute_id) == 0
    assert court.call("disputeStatus", dispute_id) == 0  # Waiting
    assert dao.state(pid) == "Disputed"
    session.advance("60 days")
    assert dao.state(pid) == "Disputed"
    Court(session, court).escalate(dispute_id, by="Gulnara")
    assert court.call("currentRuling", dispute_id) == 0
    _rule(session, court, dispute_id, UPHOLD)
    _finalise(session, court, dispute_id)
    assert dao.state(pid) == "Succeeded"


def test_a_third_party_may_dispute_and_only_during_grace(session, court, make_dao):
    dao = make_dao()
    pid = dao.propose("Aigerim", [Action.pay("Erlan", "2 ETH")], "Pay Erlan")
    with pytest.raises(DAORefused) as early:
        dao.open_dispute("Kairat", pid)
    assert early.value.error == "ProposalNotInGrace"
    for voter in ("Aigerim", "Bolat", "Dana"):
        dao.vote(voter, pid, "for")
    session.advance("3 days")
    dao.open_dispute("Kairat", pid)
    assert dao.state(pid) == "Disputed"


def test_only_the_arbitrator_can_rule(session, disputed):
    dao, _, dispute_id = disputed
    with pytest.raises(DAORefused) as refused:
        dao._transact("rule", dispute_id, VOID, sender="Aigerim", on=dao.dispute_clause)
    assert refused.value.error == "OnlyArbitrator"


def test_the_contract_refuses_a_dao_without_a_dispute_procedure(session, artifacts, court):
    from dao_sim.governance import DAOSpec

    spec = DAOSpec(name="x", members={"Aigerim": "1 ETH"}, arbitrator="HumanArbitrator")
    with pytest.raises(ContractReverted) as refused:
        deploy_core_raw(session, artifacts, spec, arbitrator="0x" + "00" * 20)
    assert refused.value.error == "DisputeClauseMissing"
