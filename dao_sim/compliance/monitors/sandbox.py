"""In a sandbox, every participant acknowledged the regime before joining.

The draft's experimental regime admits only participants who consented to it; dao-sim's
orchestrator refuses a join without an acknowledgment, but a join sent straight to the
contract goes round it. The journal shows every join; the participant records show who
acknowledged.
"""

from __future__ import annotations

from dao_sim.compliance.finding import Finding, Location, Severity
from dao_sim.compliance.monitors.base import JournalMonitor, Run

__all__ = ["SandboxJoinsAcknowledged"]


class SandboxJoinsAcknowledged(JournalMonitor):
    ID = "sandbox-joins-acknowledged"
    REQUIREMENT = "sandbox"
    SEVERITY = Severity.ERROR
    TITLE = "Every participant of a sandbox acknowledged it before joining"
    RATIONALE = ("An experimental legal regime binds only participants who consented to it; a "
                 "member who joined without acknowledging it never did.")
    FIX = "Join through dao-sim (it records the acknowledgment first), or record it before joining."

    def check(self, run: Run) -> list[Finding]:
        from dao_sim.governance.sandbox import unacknowledged_members

        return [self.finding(f"{name} joined {dao.name} without acknowledging its sandbox",
                             Location(contract=dao.name, function="join"))
                for dao in run.daos if getattr(dao.spec, "sandbox", None) is not None
                for name in unacknowledged_members(dao)]
