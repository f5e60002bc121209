"""Runtime monitors on real runs (nothing wrong is reported) and on forged journals (it is)."""

from __future__ import annotations

import dataclasses

import pytest

from dao_sim.chain.journal import DecodedEvent
from dao_sim.compliance import Severity
from dao_sim.compliance.monitors import MONITORS, monitor
from dao_sim.governance import Action, Dues
from tests.participation.helpers import vote_through

pytestmark = pytest.mark.usefixtures("session")


@pytest.fixture
def lived(session, make_dao, court):
    """A DAO that lived: a payment voted through with a dissenter who left, a capital call, a
    payment disputed and voided by a human, dues missed, suspended and reviewed by a person."""
    from dao_sim.disputes import ProposalDispute, ScriptedDecision

    dao = make_dao(dues=Dues("0.1 ETH", "30 days"), reviewer="Saule", liability_cap="2x",
                   members={"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH", "Kairat": "2 ETH"})
    pid = vote_through(dao, [Action.pay("Erlan", "2 ETH")], against=["Kairat"])
    dao.exit("Kairat")
    session.advance(int(dao.spec.grace_period))
    dao.execute(pid, by="Gulnara")
    call = vote_through(dao, [Action.call_capital(5_000)])
    session.advance(int(dao.spec.grace_period))
    dao.execute(call, by="Gulnara")
    dao.pay_capital_call("Bolat")
    disputed = vote_through(dao, [Action.pay("Nurlan", "1 ETH")])
    dispute = ProposalDispute.open(dao, court, disputed, by="Dana")
    dispute.decide(ScriptedDecision(2, "never delivered"))
    dispute.finalise(by="Gulnara")
    session.advance("31 days")
    decision = dao.enforce_dues("Dana", by="Gulnara")
    dao.request_review("Dana", decision)
    dao.decide_review("Saule", decision, reverse=True, reasons="the bank delayed the payment")
    return dao


def test_a_lawful_run_gives_no_error_or_warning(lived, session):
    findings = monitor(session.journal, [lived])
    assert [f for f in findings if f.severity is not Severity.NOTE] == [], "\n".join(map(str, findings))
    assert len({rule.ID for rule in MONITORS}) == len(MONITORS) == 5


def _forge(entry, **changes):
    return dataclasses.replace(entry, **changes)


def test_a_member_moved_by_someone_else_is_reported(lived, session):
    journal = list(session.journal)
    exit_entry = next(e for e in journal if e.function == "exit")
    journal[exit_entry.index] = _forge(exit_entry, sender=session.address("Gulnara"), sender_name="Gulnara")
    findings = monitor(journal, [lived], edition="code-2026")
    (finding,) = [f for f in findings if f.rule == "decisions-trace-to-authority"]
    assert "MemberExited" in finding.message and "Gulnara" in finding.message
    assert finding.citation.startswith("dao-sim default")
    assert f"tx #{exit_entry.index}" in str(finding.location)
    (draft,) = [f for f in monitor(journal, [lived], edition="draft-2025")
                if f.rule == "decisions-trace-to-authority"]
    assert draft.citation.startswith("DC 20.7")


def test_an_expulsion_without_a_vote_is_reported(lived, session):
    journal = list(session.journal)
    executed = next(e for e in journal if e.function == "execute" and e.status)
    stripped = tuple(ev for ev in executed.events if ev.name != "ProposalExecuted")
    journal[executed.index] = _forge(executed, events=stripped)
    findings = [f for f in monitor(journal, [lived]) if f.rule == "decisions-trace-to-authority"]
    assert findings and all(f"#{executed.index}" in f.message for f in findings)


def _ruling_entry(journal):
    return next(e for e in journal if any(ev.name == "Ruling" for ev in e.events))


def test_a_ruling_no_person_cast_is_reported(lived, session):
    journal = list(session.journal)
    cast = next(e for e in journal if any(ev.name == "RulingCast" for ev in e.events))
    forged = tuple(dataclasses.replace(ev, args={**ev.args, "arbitrator": session.address("Gulnara")})
                   if ev.name == "RulingCast" else ev for ev in cast.events)
    journal[cast.index] = _forge(cast, events=forged)
    (finding,) = [f for f in monitor(journal, [lived]) if f.rule == "disputes-end-with-a-human"]
    assert "without being registered as a person" in finding.message
    assert finding.citation == "Art. 67(3), law in force"


def test_a_ruling_no_panel_gave_is_reported(lived, session):
    journal = list(session.journal)
    given = next(e for e in journal if any(ev.name == "RulingGiven" for ev in e.events))
    journal[given.index] = _forge(given, events=tuple(ev for ev in given.events if ev.name != "RulingGiven"))
    (finding,) = [f for f in monitor(journal, [lived]) if f.rule == "disputes-end-with-a-human"]
    assert "no panel of the arbitrator gave" in finding.message


def test_an_open_dispute_is_a_note_not_an_error(session, make_dao, court):
    from dao_sim.disputes import ProposalDispute

    dao = make_dao()
    pid = vote_through(dao, [Action.pay("Nurlan", "1 ETH")])
    ProposalDispute.open(dao, court, pid, by="Dana")
    (finding,) = [f for f in monitor(session.journal, [dao]) if f.rule == "disputes-end-with-a-human"]
    assert finding.severity is Severity.NOTE and "still open" in finding.message


def test_an_unanswered_review_and_an_unexplained_decision_are_reported(lived, session):
    journal = list(session.journal)
    reviewed = next(e for e in journal if e.function == "decideReview")
    decided = next(e for e in journal if any(ev.name == "AutomatedDecisionMade" for ev in e.events))
    journal[decided.index] = _forge(decided, events=tuple(
        dataclasses.replace(ev, args={**ev.args, "rule": b"\0" * 32}) if ev.name == "AutomatedDecisionMade"
        else ev for ev in decided.events))
    del journal[reviewed.index:]
    findings = {f.severity: f for f in monitor(journal, [])
                if f.rule == "automated-decisions-explained-and-reviewed"}
    assert "does not say which rule decided" in findings[Severity.ERROR].message
    assert "no person has answered yet" in findings[Severity.WARNING].message
    assert findings[Severity.ERROR].citation.startswith("Art. 43(4)")


def test_a_loss_beyond_the_cap_is_reported(lived, session):
    journal = list(session.journal)
    left = next(e for e in journal if e.function == "exit")
    forged = tuple(dataclasses.replace(ev, args={**ev.args, "payout": 0}) if ev.name == "MemberExited" else ev
                   for ev in left.events)
    paid = DecodedEvent(lived.name, lived.address, "CapitalPaid",
                        {"member": session.address("Kairat"), "amount": 5 * 10**18})
    journal[left.index] = _forge(left, events=(paid, *forged))
    (finding,) = [f for f in monitor(journal, [lived]) if f.rule == "no-loss-beyond-the-cap"]
    assert "Kairat left" in finding.message and "more than their cap of 4000000000000000000" in finding.message
