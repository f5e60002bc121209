"""No member loses more than their cap.

For a member who has left, the journal alone tells the loss: what they paid in (joining,
contributions, capital calls) less what they took out (their exit or expulsion payout and what
was credited to them). For a member still in, the DAO's own books are read when the run's
chain is live. The cap is the charter's multiple of the member's contribution.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dao_sim.compliance.finding import Finding, Location, Severity
from dao_sim.compliance.monitors.base import JournalMonitor, Run

__all__ = ["NoLossBeyondTheCap"]

#: (A held contribution emits ContributionHeld beside ContributionMade: counted once.)
_CONTRIBUTED = {"MemberJoined": "contribution", "ContributionMade": "amount"}
_OUT = {"MemberExited": "payout", "MemberExpelled": "payout", "PaymentCredited": "amount"}


class NoLossBeyondTheCap(JournalMonitor):
    ID = "no-loss-beyond-the-cap"
    REQUIREMENT = "liability-cap"
    SEVERITY = Severity.ERROR
    TITLE = "No member lost more than their cap"
    RATIONALE = "A member risks what the charter caps, their contribution by default, and no more."
    FIX = "Pay claims from the treasury only, and bound capital calls by each member's cap."

    def check(self, run: Run) -> list[Finding]:
        findings = []
        for dao in run.daos:
            # Per member: contributed (the cap's base), capital paid on calls, taken out.
            flows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
            departed: set[str] = set()
            for entry in run.successful():
                # An exit or expulsion payout the member's account refused is credited instead:
                # one payment, not two.
                leaving = {str(ev.args["member"]) for ev in entry.events
                           if ev.name in ("MemberExited", "MemberExpelled")}
                for ev in entry.events:
                    if ev.address != dao.address:
                        continue
                    who = str(ev.args.get("member", ev.args.get("to", "")))
                    if ev.name == "PaymentCredited" and who in leaving:
                        continue
                    if ev.name in _CONTRIBUTED:
                        flows[who][0] += int(ev.args[_CONTRIBUTED[ev.name]])
                    elif ev.name == "CapitalPaid":
                        flows[who][1] += int(ev.args["amount"])
                    elif ev.name in _OUT:
                        flows[who][2] += int(ev.args[_OUT[ev.name]])
                        departed |= {who} if ev.name != "PaymentCredited" else set()
                    if ev.name == "MemberJoined":
                        departed.discard(who)
            findings += self._departed(dao, flows, departed)
            findings += self._present(dao)
        return findings

    def _departed(self, dao: Any, flows: dict, departed: set[str]) -> list[Finding]:
        multiple = int(dao.spec.liability_cap)
        out = []
        for who in sorted(departed):
            contributed, capital, taken = flows[who]
            loss, cap = contributed + capital - taken, contributed * multiple // 10_000
            if loss > cap:
                out.append(self.finding(
                    f"{dao.session.name_of(who)} left {dao.name} having lost {loss} wei, more than "
                    f"their cap of {cap} wei", Location(contract=dao.name)))
        return out

    def _present(self, dao: Any) -> list[Finding]:
        out = []
        for member in dao.members:
            liability = dao.liability(member.name)
            if liability.lost > liability.cap:
                out.append(self.finding(
                    f"{member.name} has lost {liability.lost} wei in {dao.name}, more than their cap "
                    f"of {liability.cap} wei", Location(contract=dao.name)))
        return out
