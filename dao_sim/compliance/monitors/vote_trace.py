"""Every change a DAO makes traces to a passed vote, a human ruling or the member's own act.

Read from the events the DAO's contracts emitted, transaction by transaction. An event that
moves a member's position is accepted only inside a transaction that also carries its
authority: the execution of a passed proposal, a human ruling being enforced, the carrying of
positions after a migration the members voted for, an automated decision the charter lists
(which the automated-decision monitor then holds to its own duties), or the member acting for
themselves. Procedural acts that move nobody's value (a claim filed, a dispute opened) pass.
"""

from __future__ import annotations

from dao_sim.chain.journal import JournalEntry
from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.monitors.base import JournalMonitor, Run, at

__all__ = ["DecisionsTraceToAuthority"]

#: Events that are a member's own act, and the argument naming that member.
_OWN = {"MemberJoined": "member", "ContributionMade": "member", "ContributionHeld": "member",
        "MemberExited": "member", "CapitalPaid": "member", "DuesPaid": "member",
        "PaymentWithdrawn": "to", "VoteCast": "voter", "ProposalCreated": "proposer",
        "ReviewRequested": "by", "PaymentCredited": "to", "MemberReinstated": "member"}
#: Events that change nobody's redeemable value.
_PROCEDURAL = {"ClaimFiled", "ProposalHeldForClaims", "DisputeOpened", "Dispute", "Evidence",
               "MetaEvidence", "CharterPublished", "FoundersPublished", "ModulesWired",
               "MigrationCompleted", "ClaimCarried", "AutomatedDecisionMade", "ReviewDecided"}
#: The event whose presence gives a transaction its authority, and the words for it.
_AUTHORITY = (("ProposalExecuted", "a passed vote"), ("RulingEnforced", "a human ruling"),
              ("ReviewDecided", "a human review"), ("AutomatedDecisionMade",
                                                     "an automated decision the charter lists"))
_CARRY = {"carryMembers", "carryCredits", "carryClaims"}


class DecisionsTraceToAuthority(JournalMonitor):
    ID = "decisions-trace-to-authority"
    REQUIREMENT = "vote-only-decisions"
    SEVERITY = Severity.ERROR
    TITLE = "Every change a DAO makes traces to a vote, a human ruling or the member's own act"
    RATIONALE = ("A DAO is its members' decisions: a change to anyone's position that no vote, no "
                 "human ruling and no act of that member explains is management by someone else.")
    FIX = ("Route the change through a proposal the members vote on, a ruling of the human "
           "arbitrator, or a function only the member concerned can call.")

    def check(self, run: Run) -> list[Finding]:
        contracts = _dao_contracts(run)
        migrated = False
        findings = []
        for entry in run.successful():
            authority = _authority(entry, migrated)
            for event in entry.events:
                if event.address not in contracts or event.name in _PROCEDURAL:
                    continue
                if event.name == "TreasuryMigrated":
                    migrated = True
                if authority or _own_act(entry, event.name, event.args):
                    continue
                shown = ", ".join(f"{k}={v}" for k, v in event.args.items())
                findings.append(self.finding(
                    f"{event.name}({shown}) changed the DAO, but transaction #{entry.index} by "
                    f"{entry.sender_name} carried no passed vote, no human ruling, and was not the "
                    f"act of the member concerned", at(entry, event.contract_label)))
        return findings


def _dao_contracts(run: Run) -> set[str]:
    """The DAO cores (they announce their modules) and the modules they wired."""
    found: set[str] = set()
    for _entry, event in run.events("ModulesWired"):
        found.add(event.address)
        found.update(str(a) for a in event.args.values() if int(str(a), 16))
    return found


def _authority(entry: JournalEntry, migrated: bool) -> str:
    if entry.function == "deploy":
        return "the founding, under the charter the founders paid into"
    names = {e.name for e in entry.events}
    for event, words in _AUTHORITY:
        if event in names:
            return words
    if migrated and entry.function in _CARRY:
        return "the carrying of positions after an amendment the members voted for"
    return ""


def _own_act(entry: JournalEntry, name: str, args: dict) -> bool:
    who = _OWN.get(name)
    return who is not None and str(args.get(who, "")).lower() == entry.sender.lower()
