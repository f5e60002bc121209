"""A charter written by hand still states every term the contract codes.

dao-sim writes the charter from the spec, so its own rendering states every coded term. A
charter the user supplies instead must still let a person read those terms: each one (voting
rule figures, periods, cap, bond, the arbitrator, dues) must appear in it.
"""

from __future__ import annotations

from typing import Any

from dao_sim.compliance.charter.base import CharterRule
from dao_sim.compliance.finding import Finding, Location, Severity

__all__ = ["CodedTermsReadable", "coded_terms"]


def _durations(seconds: int) -> tuple[str, ...]:
    forms = []
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds and seconds % size == 0:
            n = seconds // size
            forms.append(f"{n} {unit}{'s' if n != 1 else ''}")
    return (*forms, f"{seconds} seconds")


def _percent(bps: int) -> tuple[str, ...]:
    return (f"{int(bps) / 100:g}%",)


def coded_terms(spec: Any) -> dict[str, tuple[str, ...]]:
    """Each term the contract codes, with the ways a charter may write its value."""
    from dao_sim.governance.units import format_eth

    terms = {
        "quorum": _percent(spec.quorum),
        "approval": _percent(spec.approval),
        "amendment consent": _percent(spec.amendment_consent),
        "voting period": _durations(int(spec.voting_period)),
        "grace window": _durations(int(spec.grace_period)),
        "execution window": _durations(int(spec.execution_window)),
        "liability cap": (f"{int(spec.liability_cap) / 10_000:g}x",),
        "claim bond": _percent(spec.claim_bond),
        "arbitrator": (str(spec.arbitrator),),
    }
    if spec.dues is not None:
        terms["dues"] = (format_eth(spec.dues.amount),)
        terms["dues reviewer"] = (str(spec.reviewer),)
    return terms


class CodedTermsReadable(CharterRule):
    ID = "coded-terms-readable"
    REQUIREMENT = "readable-terms"
    SEVERITY = Severity.ERROR
    TITLE = "Every coded term appears in the charter a person reads"
    RATIONALE = ("Terms expressed as code must be reproducible in a form a person can read; a term "
                 "the contract enforces but the charter does not state cannot be read there.")
    FIX = "State the term in the charter, or let dao-sim write the charter from the spec."

    def check(self, spec: Any) -> list[Finding]:
        text = getattr(spec, "charter", None)
        if not text:
            return []  # dao-sim writes it from the spec, every term included
        missing = [name for name, forms in coded_terms(spec).items()
                   if not any(form in text for form in forms)]
        return [self.finding(
            f"the charter of {spec.name} does not state the {name} the contract enforces "
            f"({coded_terms(spec)[name][0]})", Location(contract=spec.name, function="charter"))
            for name in missing]
