"""A disputed payment decided by a human (human-dispute): the person at the keyboard rules.

Aigerim proposes to pay Erlan 5 ETH for a marketing campaign; Aigerim and Bolat vote For,
Dana Against. In the grace window Dana opens a dispute: she says the campaign was never
agreed, and asks 1 ETH in compensation if the arbitrator grants a remedy. The payment is
frozen. Madina, the natural person on the arbitrator's roster, sees the evidence and rules:
uphold (the payment may execute), void (it never executes), remedy (void, and Dana's
compensation is paid from the treasury) or refuse to arbitrate (the vote stands). The person
at the keyboard plays Madina; ``--ruling`` records a decision given on the command line
instead, as Madina's. After the appeal window the ruling reaches the DAO, and the payment
executes or not accordingly. Waiting never decides anything.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dao_sim.compliance import checked_deploy
from dao_sim.demos.cast import ARBITER, FOUNDERS, deploy_human_arbitrator
from dao_sim.demos.common import (
    charter_check,
    charter_law,
    charter_section,
    compliance_review,
    dao_facts,
    duration_text,
    wallets,
)
from dao_sim.demos.publishing import publish_for_story
from dao_sim.demos.story import Story
from dao_sim.disputes import REFUSED, InteractivePrompt, ScriptedDecision
from dao_sim.disputes.evidence import build_evidence
from dao_sim.disputes.lifecycle import DAO_RULINGS, ProposalDispute
from dao_sim.exceptions import DisputeError, RulingRefusedError
from dao_sim.governance import Action, DAOSpec
from dao_sim.governance.units import format_eth, parse_amount
from dao_sim.law import aside
from dao_sim.report import DEFAULT, Check, Chronicle, LawNote, Report, Section, Table, balance_table

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession
    from dao_sim.compiler import ArtifactSet

__all__ = ["RULING_NAMES", "STORY", "parse_ruling", "tell"]

DAO_NAME = "Steppe Makers"
PAYEE = "Erlan"
AMOUNT = "5 ETH"
DISPUTER = "Dana"
COMPENSATION = "1 ETH"
KEEPER = "Gulnara"
#: The evidence package's file name (``.json`` and ``.md``) when the caller names none.
EVIDENCE_NAME = "demo-dispute-evidence"
BALLOTS = (("Aigerim", "for"), ("Bolat", "for"), ("Dana", "against"))

#: Words accepted by ``--ruling``, and the ERC-792 ruling each means for the DAO.
RULING_NAMES = {"refuse": 0, "uphold": 1, "void": 2, "remedy": 3}


def parse_ruling(text: str) -> int:
    """``"void"`` or ``"2"`` -> 2; a clear error for anything else."""
    key = text.strip().lower()
    if key in RULING_NAMES:
        return RULING_NAMES[key]
    if key.isdigit() and int(key) in DAO_RULINGS:
        return int(key)
    raise DisputeError(f"--ruling {text!r}: choose one of {', '.join(RULING_NAMES)} (or 0-3)")


def _expected(ruling: int, state: str, erlan_gain: int, dana_gain: int) -> Check:
    amount, compensation = parse_amount(AMOUNT), parse_amount(COMPENSATION)
    if ruling in (0, 1):
        ok = state == "Executed" and erlan_gain == amount and dana_gain == 0
        why = "as the ruling allowed" if ruling else "as the members' vote decided, the arbitrator having refused"
        return Check(f"the payment executed, {why}", ok,
                     f"proposal {state}; {PAYEE} received {format_eth(erlan_gain)}")
    if ruling == 2:
        ok = state == "Voided" and erlan_gain == 0 and dana_gain == 0
        return Check("the payment never executed, as the ruling voided it", ok,
                     f"proposal {state}; {PAYEE} received {format_eth(erlan_gain)}")
    ok = state == "Voided" and erlan_gain == 0 and dana_gain == compensation
    return Check(f"the payment was voided and {DISPUTER}'s compensation credited from the treasury, "
                 "then withdrawn by her", ok,
                 f"proposal {state}; {DISPUTER} received {format_eth(dana_gain)}")


def _outcome(state: str, refused: bool, ok: bool) -> str:
    """The report's outcome line: what decided the proposal, a ruling or, after a refusal to
    arbitrate, the members' vote.

    Examples
    --------
    >>> _outcome("Voided", False, True)
    "The proposal is Voided, as Madina's ruling decided."
    >>> _outcome("Executed", True, True)
    "The proposal is Executed: Madina refused to arbitrate, so the members' vote decided."
    """
    if not ok:
        return "The outcome did NOT follow the ruling: see the failed checks."
    if refused:
        return f"The proposal is {state}: {ARBITER} refused to arbitrate, so the members' vote decided."
    return f"The proposal is {state}, as {ARBITER}'s ruling decided."


def tell(session: ChainSession, artifacts: ArtifactSet, *, ruling: str | None = None,
         evidence_dir: Path | None = None, evidence_name: str = EVIDENCE_NAME, console: Any = None,
         store_dir: Path | None = None, deployment_record: Path | None = None) -> Report:
    """Play the story; the ruling comes from ``ruling`` or from the person at the keyboard.

    The evidence package is written to ``<evidence_dir>/<evidence_name>.json`` and ``.md``
    (``out/demo-dispute-evidence.*`` by default; the CLI names it after the report). With
    ``store_dir`` and ``deployment_record``, the DAO's rules are published and its
    deployment record written, so it can be verified after the run.
    """
    chosen = None if ruling is None else parse_ruling(ruling)
    story = Chronicle(session)
    court = deploy_human_arbitrator(session, artifacts, (ARBITER,))
    spec = DAOSpec(name=DAO_NAME, members=FOUNDERS, arbitrator="HumanArbitrator",
                   voting_period="3 days", grace_period="2 days", execution_window="7 days")
    dao = checked_deploy(spec, session, artifacts=artifacts)
    published = (publish_for_story(dao, store_dir, deployment_record)
                 if store_dir is not None and deployment_record is not None else None)
    people = [*FOUNDERS, PAYEE]
    before = wallets(session, [*people, dao.name])

    pid = dao.propose("Aigerim", [Action.pay(PAYEE, AMOUNT)], "Pay Erlan for a marketing campaign")
    for voter, ballot in BALLOTS:
        dao.vote(voter, pid, ballot)
    session.advance(spec.voting_period)
    story.note(f"{duration_text(int(spec.voting_period))} pass: proposal {pid} passed and is in its "
               "grace window, when a dispute may be opened", DEFAULT)
    dispute = ProposalDispute.open(dao, court, pid, by=DISPUTER, compensation=COMPENSATION,
                                   evidence_uri="ipfs://dana/the-campaign-was-never-agreed")
    session.advance(int(spec.grace_period) + 86_400)
    frozen = dao.state(pid)
    story.note(f"The grace window has long passed; the proposal is still {frozen}: time alone "
               "decides nothing", "human-dispute")

    shown = build_evidence(dao, court, pid, dispute.dispute_id, artifacts=artifacts)
    evidence = [f"Proposal {pid}: pay {AMOUNT} to {PAYEE}, \"Pay Erlan for a marketing campaign\"",
                f"Votes: For {shown.proposal['for_votes']}, Against {shown.proposal['against_votes']}",
                (f"{DISPUTER}'s evidence: ipfs://dana/the-campaign-was-never-agreed; compensation asked: "
                f"{COMPENSATION}"),
                f"Charter hash matches the published charter: {shown.charter['matches']}"]
    if chosen is None:
        channel: Any = InteractivePrompt(stream=sys.stdin, console=console)
    else:
        channel = ScriptedDecision(chosen, "given on the command line with --ruling", by=ARBITER)
    try:
        dispute.decide(channel, [ARBITER], evidence=evidence)
    except RulingRefusedError as exc:
        raise RulingRefusedError(f"{exc}; with nobody at the keyboard, give the ruling with "
                                 f"--ruling ({', '.join(RULING_NAMES)})") from exc
    outcome = dispute.finalise(by=KEEPER)
    refused = outcome.final_ruling == REFUSED
    story.note("The appeal window passed without appeal; "
               + ("the refusal to arbitrate reached the DAO: the members' vote stands" if refused
                  else f"the ruling '{outcome.final_label}' reached the DAO"), "human-dispute")
    if outcome.proposal_state == "Succeeded":
        outcome = dispute.enforce(by=KEEPER)
    owed = dao.credit_of(DISPUTER)
    if owed:
        story.note(f"The remedy was credited to {DISPUTER} from the treasury ({format_eth(owed)}), to be "
                   "withdrawn by her, so nobody's refusal of a payment could block the ruling; she "
                   "withdraws it", DEFAULT)
        dao.withdraw(DISPUTER)
    after = wallets(session, [*people, dao.name])
    package = build_evidence(dao, court, pid, dispute.dispute_id, rulings=dispute.rulings, artifacts=artifacts)
    json_path, md_path = package.write(evidence_dir or Path("out"), evidence_name)

    record = dispute.rulings[0]
    checks = (
        Check("the disputed proposal could not execute before the human ruling", frozen == "Disputed",
              f"state after the grace window: {frozen}"),
        Check(f"the ruling was cast by {ARBITER}, a person on the roster, from her own key",
              record.decided_by == ARBITER and record.relayer is None, record.tx_hash),
        _expected(outcome.final_ruling, outcome.proposal_state,
                  after[PAYEE] - before[PAYEE], after[DISPUTER] - before[DISPUTER]),
        charter_check(dao),
        *((published.check,) if published else ()),
    )
    ok = all(c.ok for c in checks)
    reviewed, findings = compliance_review(session, [dao], [spec])
    return Report(
        title=f"{DAO_NAME}: a disputed payment, decided by a human",
        summary=(f"A payment of {AMOUNT} to {PAYEE} passed 2 to 1; {DISPUTER} disputed it; "
                 + (f"{ARBITER} refused to arbitrate, so the members' vote stands (a dao-sim "
                    "default)." if refused else f"{ARBITER} ruled '{outcome.final_label}'.")),
        outcome=_outcome(outcome.proposal_state, refused, ok),
        checks=(*checks, reviewed),
        facts=(*dao_facts(dao, session),
               (f"Evidence package {aside('digital-evidence')}", f"{json_path}, {md_path}"),
               *((published.fact,) if published else ())),
        timeline=story.timeline(),
        tables=(balance_table("Wallets and treasury", ["before the proposal", "at the end"],
                              {n: [before[n], after[n]] for n in [*people, dao.name]},
                              "Gas costs nothing on this chain (gas price 0)."),
                Table("The ruling", ("who", "ruling", "channel", "key", "identity attested by"),
                      ((record.decided_by, f"{record.ruling}: {record.ruling_label}", record.channel,
                        record.key, record.attested_by),),
                      "A wallet key proves which key acted, not who held it; it is not the legal "
                      f"equal of a handwritten signature {aside('signature-not-handwritten')}.")),
        law=(
            LawNote("human-dispute", "", f"{ARBITER}, a natural person on the arbitrator's roster, "
                    f"{'refused to arbitrate' if refused else 'ruled'}; until she did, the payment "
                    "stayed frozen, however long it took."),
            LawNote("digital-evidence", "", f"The evidence package ({md_path.name}) carries the transactions, "
                    "blocks, balances, charter and source hashes."),
            LawNote("", "An open dispute freezes the contested execution; a refusal to arbitrate "
                    "leaves the vote standing", "dao-sim defaults, set in the charter."),
            charter_law(dao),
        ),
        evidence=story.evidence(),
        sections=(charter_section(dao), findings, Section("The ruling, as recorded", record.record())),
        chain=session.engine.describe(),
    )


STORY = Story("dispute", "a member disputes a passed payment; a human arbitrator rules on it", tell,
              options=("ruling", "evidence_dir", "evidence_name", "console", "store_dir",
                       "deployment_record"))
