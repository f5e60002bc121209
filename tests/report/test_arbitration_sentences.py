"""The arbitrator's transactions are told as people's acts, with their effect on the DAO."""

from dao_sim.disputes import Arbitrator, ScriptedDecision, deploy_arbitrator
from dao_sim.disputes.lifecycle import ProposalDispute
from dao_sim.governance import Action
from dao_sim.report import describe
from dao_sim.report.arguments import ruling_words


def ruled_entry(session):
    return next(e for e in session.journal if e.function == "submitSignedRuling")


def test_rulings_escalations_and_their_effect_are_told(session, artifacts, make_dao):
    roster = [Arbitrator.identified(n, f"ID of {n}", "Askar") for n in ("Madina", "Nurlan", "Saule")]
    court = deploy_arbitrator(session, roster, artifacts=artifacts)
    dao = make_dao()
    pid = dao.propose("Aigerim", [Action.pay("Erlan", "2 ETH")], "Pay Erlan")
    for voter in ("Aigerim", "Bolat", "Dana"):
        dao.vote(voter, pid, "for")
    session.advance("3 days")
    dispute = ProposalDispute.open(dao, court, pid, by="Dana")
    session.advance("8 days")
    court.escalate(dispute.dispute_id, by="Gulnara")
    dispute.decide(ScriptedDecision(2, "not agreed", relayer="Kairat"))
    dispute.finalise(by="Gulnara")
    told = {e.function: describe(e, session.name_of) for e in session.journal}
    assert told["escalate"].text.startswith("Gulnara escalated dispute 0 after its ruling deadline passed")
    assert "nothing was decided" in told["escalate"].text
    assert told["drawPanel"].text.startswith("Gulnara had the panel of dispute 0 (round 1) drawn: ")
    ruled = told["submitSignedRuling"]
    assert "ruled option 2 in dispute 0 (round 1), by an EIP-712 signature relayed by Kairat" in ruled.text
    with ruling_words(lambda dispute, ruling: ("refused", "uphold", "void")[ruling]):
        assert "ruled 'void' in dispute 0 (round 1)" in describe(ruled_entry(session), session.name_of).text
    assert ruled.basis == "human-dispute"
    assert told["executeRuling"].text.endswith("proposal 0: void: the proposal will never execute")
