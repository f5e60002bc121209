"""Every dispute ends in a human's final decision, or is still open.

Read from the arbitrator's events: a ruling an arbitrable received (ERC-792 ``Ruling``) must be
one a panel gave (``RulingGiven``) in a round where each vote cast came from a person on the
arbitrator's roster (``ArbitratorRegistered``). A ruling with no such trail, or cast by an
account nobody registered as a person, is a machine or a stranger deciding.
"""

from __future__ import annotations

from collections import defaultdict

from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.monitors.base import JournalMonitor, Run, at

__all__ = ["DisputesEndWithAHuman"]


class DisputesEndWithAHuman(JournalMonitor):
    ID = "disputes-end-with-a-human"
    REQUIREMENT = "human-dispute"
    SEVERITY = Severity.ERROR
    TITLE = "Every dispute got a human's final decision, or is still open"
    RATIONALE = ("The smart contract's dispute procedure must end in a decision made by a person; "
                 "a ruling that no registered person cast is not that decision.")
    FIX = ("Deliver rulings only from an arbitrator whose panelists are registered natural persons, "
           "and never let a timeout or a contract produce the ruling.")

    def check(self, run: Run) -> list[Finding]:
        people = {ev.args["arbitrator"] for _e, ev in run.events("ArbitratorRegistered")}
        casts: dict[tuple, list[str]] = defaultdict(list)
        for _e, ev in run.events("RulingCast"):
            casts[(ev.address, int(ev.args["disputeId"]), int(ev.args["round"]))].append(
                str(ev.args["arbitrator"]))
        given = {(ev.address, int(ev.args["disputeId"])): (int(ev.args["round"]), int(ev.args["ruling"]))
                 for _e, ev in run.events("RulingGiven")}
        findings = []
        delivered: set[tuple] = set()
        for entry, ev in run.events("Ruling"):
            key = (str(ev.args["_arbitrator"]), int(ev.args["_disputeID"]))
            delivered.add(key)
            ruling = int(ev.args["_ruling"])
            if key not in given:
                findings.append(self.finding(
                    f"dispute {key[1]} at {entry.to_label} received ruling {ruling} that no panel of "
                    f"the arbitrator gave", at(entry, ev.contract_label)))
                continue
            rnd, gave = given[key]
            voters = casts[(key[0], key[1], rnd)]
            strangers = [v for v in voters if v not in people]
            if gave != ruling or not voters or strangers:
                why = (f"the panel gave {gave}" if gave != ruling else
                       "no panelist cast it" if not voters else
                       f"{', '.join(strangers)} cast it without being registered as a person")
                findings.append(self.finding(
                    f"dispute {key[1]} received ruling {ruling}, but {why}", at(entry, ev.contract_label)))
        for entry, ev in run.events("DisputeCreation"):
            key = (ev.address, int(ev.args["_disputeID"]))
            if key not in delivered:
                findings.append(self.finding(
                    f"dispute {key[1]} is still open: no final decision yet", at(entry, ev.contract_label),
                    severity=Severity.NOTE))
        return findings
