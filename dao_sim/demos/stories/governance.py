"""The flagship story: a payment decided by the members' vote executes itself (vote-only-decisions).

Aigerim, Bolat and Dana found "Steppe Makers", paying in 10, 6 and 4 ETH. Aigerim proposes
to pay Erlan, a web designer who is not a member, 2 ETH for the DAO's website. Aigerim and
Bolat vote For, Dana Against. Three days later the vote has closed and passed; Gulnara, who
is not a member either, tries to execute it at once and is refused: the grace window is
still open (dissenters may leave with their share, a dispute may be opened). Two days later
she tries again, and the contract pays Erlan. Gulnara only triggered it: what was paid, and
to whom, is what the members voted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dao_sim.compliance import checked_deploy
from dao_sim.demos.cast import ARBITER, FOUNDERS, deploy_human_arbitrator
from dao_sim.demos.common import (
    charter_check,
    charter_law,
    charter_section,
    compliance_review,
    dao_facts,
    dispute_clause_law,
    duration_text,
    wallets,
)
from dao_sim.demos.publishing import publish_for_story
from dao_sim.demos.story import Story
from dao_sim.governance import Action, DAORefused, DAOSpec
from dao_sim.governance.units import format_eth, parse_amount
from dao_sim.law import aside
from dao_sim.report import DEFAULT, Check, Chronicle, LawNote, Report, balance_table

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession
    from dao_sim.compiler import ArtifactSet

__all__ = ["AMOUNT", "EXECUTOR", "PAYEE", "STORY", "tell"]

DAO_NAME = "Steppe Makers"
PROPOSER = "Aigerim"
PAYEE = "Erlan"
EXECUTOR = "Gulnara"
AMOUNT = "2 ETH"
BALLOTS = (("Aigerim", "for"), ("Bolat", "for"), ("Dana", "against"))


def tell(session: ChainSession, artifacts: ArtifactSet, *, store_dir: Path | None = None,
         deployment_record: Path | None = None) -> Report:
    """Play the story on ``session`` and report it, with its outcome checked on the chain.

    With ``store_dir`` and ``deployment_record``, the DAO's rules are published in that store
    and its deployment record written, so the DAO can be verified after the run.
    """
    amount = parse_amount(AMOUNT)
    story = Chronicle(session)
    deploy_human_arbitrator(session, artifacts, (ARBITER,))
    spec = DAOSpec(name=DAO_NAME, members=FOUNDERS, arbitrator="HumanArbitrator",
                   voting_period="3 days", grace_period="2 days", execution_window="7 days")
    people = [*FOUNDERS, PAYEE, EXECUTOR]
    at_start = wallets(session, people)
    dao = checked_deploy(spec, session, artifacts=artifacts)
    published = (publish_for_story(dao, store_dir, deployment_record)
                 if store_dir is not None and deployment_record is not None else None)
    story.note(f"The founders have paid in: the treasury holds {format_eth(dao.treasury.balance)}."
               " The contract stores the charter's hash, so anyone can check the published "
               "charter against it", "consent-to-change")
    before = wallets(session, [*people, dao.name])
    stakes_before = {m.name: m.share_value for m in dao.members}

    pid = dao.propose(PROPOSER, [Action.pay(PAYEE, AMOUNT)],
                      "Pay Erlan for designing the DAO's website")
    for voter, ballot in BALLOTS:
        dao.vote(voter, pid, ballot)
    session.advance(spec.voting_period)
    closed = dao.proposal(pid)
    story.note(f"{duration_text(int(spec.voting_period))} pass: the vote is closed "
               f"({closed.for_votes} For, {closed.against_votes} Against); proposal {pid} passed "
               f"and is in its grace window (state: {closed.state}): members who voted against may "
               "still leave with their share, and a dispute may be opened", DEFAULT)
    try:
        dao.execute(pid, by=EXECUTOR)
        early_refused = False
    except DAORefused as exc:  # expected: the refusal is journalled and shown in the timeline
        early_refused = exc.error == "ProposalNotExecutable"
    session.advance(spec.grace_period)
    story.note(f"Another {duration_text(int(spec.grace_period))}: the grace window is over; "
               f"proposal {pid} is {dao.state(pid)} and anyone may trigger its execution",
               "vote-only-decisions")
    dao.execute(pid, by=EXECUTOR)

    after = wallets(session, [*people, dao.name])
    stakes_after = {m.name: m.share_value for m in dao.members}
    state = dao.state(pid)
    paid = after[PAYEE] - before[PAYEE]
    spent = before[dao.name] - after[dao.name]
    executed = state == "Executed" and paid == amount and spent == amount
    checks = (
        Check(f"proposal {pid} is Executed on the chain", state == "Executed", f"state: {state}"),
        Check(f"{PAYEE}'s balance rose by exactly {AMOUNT}", paid == amount,
              f"change: {format_eth(paid)}"),
        Check(f"the treasury fell by exactly {AMOUNT}", spent == amount,
              f"{format_eth(before[dao.name])} -> {format_eth(after[dao.name])}"),
        Check("executing during the grace window was refused", early_refused),
        Check(f"{EXECUTOR}, who triggered execution, is not a member",
              not dao.member(EXECUTOR).active),
        charter_check(dao),
        *((published.check,) if published else ()),
    )
    labels = {**{n: f"{n} (member)" for n in FOUNDERS}, PAYEE: f"{PAYEE} (payee)",
              EXECUTOR: f"{EXECUTOR} (triggered execution)", dao.name: "Treasury (DAO contract)"}
    money = balance_table(
        "Wallets and treasury", ["at the start", "after joining", "after the payment"],
        {labels[n]: [at_start.get(n, 0), before[n], after[n]] for n in [*people, dao.name]},
        "Gas costs nothing on this chain (gas price 0), so balances move only by what people "
        "and the contract send.")
    stakes = balance_table(
        "Members' shares of the treasury", ["before the payment", "after the payment"],
        {n: [stakes_before[n], stakes_after[n]] for n in stakes_before},
        "What each member would take out on leaving: the payment is shared pro rata.")
    outcome = (f"The payment executed: the contract paid {AMOUNT} to {PAYEE}." if executed else
               f"The payment did NOT execute: proposal {pid} is {state}, "
               f"{PAYEE} received {format_eth(paid)}.")
    reviewed, findings = compliance_review(session, [dao], [spec])
    return Report(
        title=f"{DAO_NAME}: a payment decided by vote executes itself",
        summary=(f"Members pay in, {PROPOSER} proposes to pay {PAYEE} (not a member) {AMOUNT}, "
                 "the members vote, time passes, and the contract carries out the result; "
                 f"{EXECUTOR}, who is not a member, triggers it."),
        outcome=outcome,
        checks=(*checks, reviewed),
        facts=dao_facts(dao, session) + ((published.fact,) if published else ()),
        timeline=story.timeline(),
        tables=(money, stakes),
        law=(
            LawNote("vote-only-decisions", "",
                    f"The payment was voted ({closed.for_votes} For, {closed.against_votes} "
                    f"Against) and the contract paid exactly what was voted. Executing before the "
                    f"grace window ended was refused; {EXECUTOR}, not a member, could trigger "
                    "execution but not change it."),
            charter_law(dao),
            dispute_clause_law(session, dao),
            LawNote("", "A passed vote waits out a grace window before it executes, so members "
                    "who voted against may leave with their share and a dispute may be opened",
                    f"{duration_text(int(spec.grace_period))}; Dana voted against and could have "
                    f"left with {format_eth(stakes_before['Dana'])} before the payment."),
            LawNote("", "Voting rule, quorum and approval threshold, which the participants set "
                    + aside("voluntary-formation"),
                    "one member, one vote; quorum 50%; approval more than 50% (dao-sim's "
                    "default values)."),
        ),
        evidence=story.evidence(),
        sections=(charter_section(dao), findings, *((published.section,) if published else ())),
        chain=session.engine.describe(),
    )


STORY = Story("governance", "members vote to pay a web designer; the payment executes itself",
              tell, report_file="out/demo-report.md", options=("store_dir", "deployment_record"))
