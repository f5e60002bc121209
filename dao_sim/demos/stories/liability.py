"""Limited liability (liability-cap): a claim larger than the treasury hits the members' caps.

Aigerim, Bolat and Dana found "Steppe Makers" with 10, 6 and 4 ETH. Dana leaves, taking her
share. Then Nurlan, a supplier, claims 30 ETH, more than the 16 ETH left; what the treasury
holds is reserved for the claim at once (Nurlan pays a bond with the claim, returned if it is
recognised). The members recognise the claim by vote (``Action.settle_claim``) and the
contract credits Nurlan what the treasury has, with his bond; he withdraws it. The 14 ETH it
cannot pay stay the DAO's outstanding liability: nothing more is taken from anyone, and each
member's loss is shown against their cap.
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
from dao_sim.governance import Action, DAOSpec
from dao_sim.governance.units import format_eth
from dao_sim.law import aside
from dao_sim.report import (
    DEFAULT,
    Check,
    Chronicle,
    LawNote,
    Report,
    Table,
    balance_table,
    signed_eth,
)

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession
    from dao_sim.compiler import ArtifactSet
    from dao_sim.governance import DAO, Liability

__all__ = ["CLAIM", "CLAIMANT", "STORY", "tell"]

DAO_NAME = "Steppe Makers"
LEAVER = "Dana"
CLAIMANT = "Nurlan"
CLAIM = "30 ETH"
STAYERS = ("Aigerim", "Bolat")


def _liability_table(rows: list[Liability], wallet_change: dict[str, int]) -> Table:
    return Table(
        f"Each member's loss against their cap {aside('liability-cap')}",
        ("member", "contributed", "lost", "cap", "could still lose", "wallet since the start"),
        tuple((r.member, format_eth(r.contributed), format_eth(r.lost), format_eth(r.cap),
               format_eth(r.remaining), signed_eth(wallet_change[r.member])) for r in rows),
        "Lost = paid in, minus taken out, minus what their share is still worth. The cap is "
        "1x the contribution (this charter's choice). A wallet falls only by what its owner "
        "paid in.")


def _checks(dao: DAO, claim_id: int, liabilities: list[Liability], start: dict[str, int],
            end: dict[str, int], exit_payout: int, left_before_claim: int,
            withdrawn: int) -> tuple[Check, ...]:
    claim = dao.claims[claim_id]
    treasury = dao.treasury
    shortfall = claim.amount - claim.paid
    checks = [
        Check(f"{LEAVER} left with her share before the claim",
              exit_payout == left_before_claim and not dao.member(LEAVER).active,
              f"paid {format_eth(exit_payout)}"),
        Check(f"claim {claim_id} is Settled on the chain, paying what the treasury had",
              claim.status == "Settled" and claim.paid == end[CLAIMANT] - start[CLAIMANT] > 0,
              f"{format_eth(claim.paid)} of {format_eth(claim.amount)} credited to {CLAIMANT}, who "
              "withdrew it (his bond came back with it)"),
        Check(f"{CLAIMANT} withdrew everything credited to him",
              withdrawn == claim.paid + claim.bond and dao.credit_of(CLAIMANT) == 0,
              f"withdrew {format_eth(withdrawn)}: {format_eth(claim.paid)} and the "
              f"{format_eth(claim.bond)} bond"),
        Check("the unpaid part is the DAO's outstanding liability",
              shortfall > 0 and treasury.outstanding_liability == shortfall,
              f"outstanding: {format_eth(treasury.outstanding_liability)}"),
        Check("the treasury is empty", treasury.balance == 0,
              f"balance: {format_eth(treasury.balance)}"),
    ]
    for row in liabilities:
        paid_in = start[row.member] - end[row.member]
        checks.append(Check(
            f"{row.member} lost no more than their contribution",
            row.lost <= row.contributed and row.lost <= row.cap and paid_in <= row.contributed,
            f"lost {format_eth(row.lost)} of a {format_eth(row.cap)} cap"))
    return tuple(checks)


def tell(session: ChainSession, artifacts: ArtifactSet, *, store_dir: Path | None = None,
         deployment_record: Path | None = None) -> Report:
    """Play the story on ``session`` and report it, with the caps checked on the chain."""
    story = Chronicle(session)
    deploy_human_arbitrator(session, artifacts, (ARBITER,))
    spec = DAOSpec(name=DAO_NAME, members=FOUNDERS, arbitrator="HumanArbitrator",
                   voting_period="3 days", grace_period="2 days", execution_window="7 days")
    people = [*FOUNDERS, CLAIMANT]
    start = wallets(session, people)
    dao = checked_deploy(spec, session, artifacts=artifacts)
    published = (publish_for_story(dao, store_dir, deployment_record)
                 if store_dir is not None and deployment_record is not None else None)
    joined = wallets(session, [*people, dao.name])

    share = dao.member(LEAVER).share_value
    payout = dao.exit(LEAVER)
    left = dao.treasury.balance
    story.note(f"{LEAVER} has left with {format_eth(payout)}; the treasury holds "
               f"{format_eth(left)} for the two members who stay", DEFAULT)

    claim_id = dao.file_claim(CLAIMANT, CLAIM, "damages for a cancelled equipment order")
    bond = dao.claims[claim_id].bond
    story.note(f"{CLAIMANT} paid a bond of {format_eth(bond)} with the claim: he gets it back if "
               "the members recognise the claim, the treasury keeps it if they reject it",
               DEFAULT)
    exposed = {n: dao.member(n).share_value for n in STAYERS}
    story.note(f"While claim {claim_id} is open, the reserved money is not anyone's to take: "
               + ", ".join(f"{n}'s exit share is now {format_eth(v)}" for n, v in exposed.items()),
               DEFAULT)
    pid = dao.propose("Aigerim", [Action.settle_claim(claim_id)],
                      f"Recognise {CLAIMANT}'s claim and pay it from the treasury")
    for voter in STAYERS:
        dao.vote(voter, pid, "for")
    session.advance(spec.voting_period)
    story.note(f"{duration_text(int(spec.voting_period))} pass: the vote is closed; "
               f"proposal {pid} is in its grace window")
    session.advance(spec.grace_period)
    story.note(f"Another {duration_text(int(spec.grace_period))}: anyone may execute proposal "
               f"{pid}; {CLAIMANT} does", "vote-only-decisions")
    dao.execute(pid, by=CLAIMANT)
    credited = dao.credit_of(CLAIMANT)
    story.note(f"The contract credited {CLAIMANT} {format_eth(credited)} (what the treasury had, and "
               f"his bond back); he withdraws it, as anyone owed money by the DAO does",
               DEFAULT)
    withdrawn = dao.withdraw(CLAIMANT)

    end = wallets(session, [*people, dao.name])
    liabilities = [dao.liability(n) for n in FOUNDERS]
    treasury = dao.treasury
    claim = dao.claims[claim_id]
    checks = _checks(dao, claim_id, liabilities, start, end, payout, share, withdrawn)
    ok = all(c.ok for c in checks)
    outcome = (f"The cap held: the treasury paid {CLAIMANT} {format_eth(claim.paid)} of {CLAIM}, "
               f"{format_eth(treasury.outstanding_liability)} stays the DAO's liability, and no "
               "member lost more than they put in." if ok else
               "The liability numbers did NOT hold: see the failed checks.")
    labels = {**{n: f"{n} (member)" for n in FOUNDERS}, CLAIMANT: f"{CLAIMANT} (claimant)",
              dao.name: "Treasury (DAO contract)"}
    money = balance_table(
        "Wallets and treasury", ["at the start", "after joining", "at the end"],
        {labels[n]: [start.get(n, 0), joined[n], end[n]] for n in [*people, dao.name]},
        "Gas costs nothing on this chain (gas price 0).")
    reviewed, findings = compliance_review(session, [dao], [spec])
    return Report(
        title=f"{DAO_NAME}: a claim bigger than the treasury meets the liability cap",
        summary=(f"{LEAVER} leaves with her share; {CLAIMANT} claims {CLAIM} from a treasury of "
                 f"{format_eth(left)}; the members recognise the claim by vote and the contract "
                 "credits him what it has, which he withdraws. Members lose at most what they put "
                 f"in {aside('liability-cap')}."),
        outcome=outcome,
        checks=(*checks, charter_check(dao), reviewed, *((published.check,) if published else ())),
        facts=dao_facts(dao, session) + ((published.fact,) if published else ()),
        timeline=story.timeline(),
        tables=(money, _liability_table(liabilities, {n: end[n] - start[n] for n in FOUNDERS})),
        law=(
            LawNote("liability-cap", "",
                    "The claim was paid from the treasury only. "
                    + "; ".join(f"{r.member} lost {format_eth(r.lost)} with a cap of "
                                f"{format_eth(r.cap)}" for r in liabilities)
                    + f". The {format_eth(treasury.outstanding_liability)} unpaid was not taken "
                    "from any member: it is recorded as the DAO's outstanding liability."),
            LawNote("vote-only-decisions", "", f"The claim was recognised by proposal {pid} (Aigerim and "
                    f"Bolat For) and credited by the contract, for {CLAIMANT} to withdraw, when he "
                    "triggered execution."),
            charter_law(dao),
            dispute_clause_law(session, dao),
            LawNote("", "A member may leave with their pro-rata share of the treasury net of "
                    "claims already filed (not while a proposal they voted For is still open)", f"{LEAVER} left with {format_eth(payout)} "
                    "before the claim was filed."),
            LawNote("", "A filed claim reserves what the treasury can cover at once, so nobody "
                    "exits with money that may be owed",
                    f"{format_eth(min(left, claim.amount))} reserved; "
                    + ", ".join(f"{n}'s exit share fell to {format_eth(v)}"
                                for n, v in exposed.items()) + "."),
            LawNote("", f"A claim costs its filer a bond ({int(spec.claim_bond) / 100:g}% of the "
                    f"amount, at least {format_eth(int(spec.min_claim_bond))}), returned if the claim "
                    "is recognised and kept by the treasury if it is rejected",
                    f"{CLAIMANT} paid {format_eth(claim.bond)} and got it back with the settlement."),
            LawNote("", "What the DAO owes someone who could refuse a payment (a settled claim, a "
                    "remedy, an expelled member's share) is credited for them to withdraw, so no "
                    "refusal blocks anyone else",
                    f"{CLAIMANT} was credited {format_eth(credited)} and withdrew "
                    f"{format_eth(withdrawn)}."),
            LawNote("", "The liability cap is 1x the contribution; the charter may set another, "
                    f"stated cap {aside('liability-cap')}", "each member's cap equals what they paid in."),
        ),
        evidence=story.evidence(),
        sections=(charter_section(dao), findings, *((published.section,) if published else ())),
        chain=session.engine.describe(),
    )


STORY = Story("liability", "a member exits; a claim bigger than the treasury meets the cap",
              tell, options=("store_dir", "deployment_record"))
