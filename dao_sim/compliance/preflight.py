"""The orchestrator's gate: a spec is checked before it is deployed, and refused on an error.

A run that means to show a violation (a lesson on what the law forbids) says so with
``demonstration=True``: the findings are still returned, and the deployment goes ahead.
"""

from __future__ import annotations

from typing import Any

from dao_sim.compliance.charter import CHARTER_RULES
from dao_sim.compliance.finding import Finding, Severity
from dao_sim.exceptions import ComplianceError
from dao_sim.law import Edition

__all__ = ["ComplianceRefused", "checked_deploy", "preflight"]


class ComplianceRefused(ComplianceError):
    """A spec had error findings and the run was not a demonstration; ``findings`` has them."""

    def __init__(self, name: str, findings: list[Finding]) -> None:
        self.findings = findings
        first = findings[0]
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        super().__init__(f"{name} was not deployed: {first.requirement}, {first.citation}: "
                         f"{first.message}{more}")


def preflight(spec: Any, *, edition: str | Edition | None = None) -> list[Finding]:
    """Every charter rule's findings on ``spec`` under ``edition`` (the one in use if ``None``)."""
    return [f for rule in CHARTER_RULES for f in rule(edition).check(spec)]


def checked_deploy(spec: Any, session: Any, *, edition: str | Edition | None = None,
                   demonstration: bool = False, **kwargs: Any) -> Any:
    """Check ``spec`` (the charter rules) and the contracts it will run (the static rules, on
    the build's own sources), then deploy it with :func:`dao_sim.governance.deploy`.

    Raises
    ------
    ComplianceRefused
        When a rule found an error and ``demonstration`` is false; nothing is deployed.
    """
    from dao_sim.compiler import compile_project
    from dao_sim.compliance.gate import source_findings
    from dao_sim.governance import deploy

    artifacts = kwargs.pop("artifacts", None) or compile_project()
    findings = preflight(spec, edition=edition) + source_findings(artifacts, edition=edition)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors and not demonstration:
        raise ComplianceRefused(spec.name, errors)
    return deploy(spec, session, artifacts=artifacts, **kwargs)
