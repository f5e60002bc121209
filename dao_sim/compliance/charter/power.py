"""No single member passes proposals alone."""

from __future__ import annotations

from typing import Any

from dao_sim.compliance.charter.base import CharterRule
from dao_sim.compliance.decentralisation import power_report
from dao_sim.compliance.finding import Finding, Location, Severity

__all__ = ["OneMemberDecidesAlone", "founding_powers", "member_powers"]


def founding_powers(spec: Any) -> dict[str, int]:
    """Each founder's voting power under the spec's voting rule."""
    from dao_sim.governance import VotingRule

    weighted = VotingRule.parse(spec.voting_rule) is VotingRule.CONTRIBUTION_WEIGHTED
    return {m.name: (m.contribution if weighted else 1) for m in spec.founders}


def member_powers(dao: Any) -> dict[str, int]:
    """Each current member's voting power on the chain now (suspended members hold none)."""
    now = dao.session.now()
    powers = {m.name: int(dao.contract.call("powerAt", m.address, now)) for m in dao.members}
    return {name: power for name, power in powers.items() if power}


class OneMemberDecidesAlone(CharterRule):
    ID = "one-member-decides-alone"
    REQUIREMENT = "no-central-management"
    SEVERITY = Severity.WARNING
    TITLE = "No single member can pass proposals alone"
    RATIONALE = ("When one member's votes carry every proposal whatever the others do, the DAO is "
                 "run by that member, whatever its contracts say about voting.")
    FIX = ("Use one-member-one-vote, cap voting weight, or raise the approval threshold above the "
           "largest member's share.")

    def check(self, spec: Any) -> list[Finding]:
        report = power_report(founding_powers(spec), int(spec.quorum), int(spec.approval))
        if not report.one_decides_alone:
            return []
        return [self.finding(
            f"{report.largest} holds {report.largest_share:.0%} of the voting power and passes any "
            f"proposal of {spec.name} alone (Nakamoto coefficient 1, Gini {report.gini:.2f})",
            Location(contract=spec.name, function="voting_rule"))]
