"""Every automated decision carries its information and explanation, and every review request
gets a human answer.

The decision's event is what the person is told: that a rule decided (its id) and the key
factors (the inputs it read). A review request is answered by the reviewer's own transaction;
one still waiting when the run ends is reported, not hidden.
"""

from __future__ import annotations

from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.monitors.base import JournalMonitor, Run, at

__all__ = ["AutomatedDecisionsExplainedAndReviewed"]


def _names_a_rule(rule: object) -> bool:
    """Whether the event's rule id is set (the journal shows bytes as ``0x`` hex)."""
    raw = rule.hex() if isinstance(rule, bytes | bytearray) else str(rule or "").removeprefix("0x")
    return bool(raw) and int(raw, 16) != 0


class AutomatedDecisionsExplainedAndReviewed(JournalMonitor):
    ID = "automated-decisions-explained-and-reviewed"
    REQUIREMENT = "automated-decision-rights"
    SEVERITY = Severity.ERROR
    TITLE = "Automated decisions say what decided and why, and reviews get a human answer"
    RATIONALE = ("A person subject to an automated decision may learn that a rule decided, hear the "
                 "key factors, and have a person review it.")
    FIX = ("Emit the rule and the inputs with every automated decision, and have the named human "
           "reviewer answer every review request.")

    def check(self, run: Run) -> list[Finding]:
        findings = []
        for entry, ev in run.events("AutomatedDecisionMade"):
            if not _names_a_rule(ev.args.get("rule")) or not int(ev.args.get("decidedAt", 0)):
                findings.append(self.finding(
                    f"automated decision {ev.args.get('decisionId')} does not say which rule decided "
                    f"or when", at(entry, ev.contract_label)))
        answered = {(ev.address, int(ev.args["decisionId"])): (entry, ev)
                    for entry, ev in run.events("ReviewDecided")}
        for entry, ev in run.events("ReviewRequested"):
            key = (ev.address, int(ev.args["decisionId"]))
            if key not in answered:
                findings.append(self.finding(
                    f"{entry.sender_name} asked for review of automated decision {key[1]}; no person "
                    f"has answered yet", at(entry, ev.contract_label), severity=Severity.WARNING))
                continue
            review, decided = answered[key]
            if str(decided.args["reviewer"]).lower() != review.sender.lower():
                findings.append(self.finding(
                    f"the review of decision {key[1]} names {decided.args['reviewer']} but was sent by "
                    f"{review.sender_name}", at(review, decided.contract_label)))
        return findings
