"""An experimental legal regime is claimed only where the text applied has one."""

from __future__ import annotations

from typing import Any

from dao_sim.compliance.charter.base import CharterRule
from dao_sim.compliance.finding import Finding, Location, Severity
from dao_sim.law import Status

__all__ = ["SandboxHasALegalBasis"]


class SandboxHasALegalBasis(CharterRule):
    ID = "sandbox-has-a-legal-basis"
    REQUIREMENT = "sandbox"
    SEVERITY = Severity.ERROR
    TITLE = "A sandbox is declared only under a text that provides one"
    RATIONALE = ("Only the draft provided an experimental legal regime; a charter that relies on one "
                 "under the Code in force relies on a regime that does not exist.")
    FIX = "Remove the sandbox from the charter, or run under the draft edition for teaching."

    def check(self, spec: Any) -> list[Finding]:
        if getattr(spec, "sandbox", None) is None or self.provision.status is not Status.ABSENT:
            return []
        return [self.finding(
            f"{spec.name} declares a sandbox, but {self.provision.edition.id} has no experimental "
            f"legal regime: {self.provision.statement}",
            Location(contract=spec.name, function="sandbox"))]
