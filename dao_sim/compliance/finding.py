"""What a check reports: a finding, tied to a requirement and to the edition's article.

A finding keeps the rule that raised it, the requirement it serves, and the provision of the
edition the check ran under, so a report can give the edition's article and whether it is law
in force, the draft's text or a dao-sim default, without knowing any article itself.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from dao_sim.law import Provision

__all__ = ["Finding", "Location", "Severity"]


class Severity(enum.Enum):
    """How much a finding weighs: an error refuses a deployment and fails ``dao-sim check``."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Location:
    """Where the finding points: a file and line, a contract and function, or a journal entry."""

    file: str = ""
    line: int = 0
    contract: str = ""
    function: str = ""
    #: A transaction hash or journal index when the finding comes from a run.
    evidence: str = ""

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.file and self.line else "")
        if self.contract:
            what = self.contract + (f".{self.function}" if self.function else "")
            where = f"{where} ({what})" if where else what
        if self.evidence:
            where = f"{where} [{self.evidence}]" if where else self.evidence
        return where


@dataclass(frozen=True)
class Finding:
    """One thing a rule found, with the law it is measured against."""

    rule: str
    severity: Severity
    provision: Provision
    message: str
    location: Location = Location()
    fix: str = ""

    @property
    def requirement(self) -> str:
        """The requirement id (``human-dispute``)."""
        return self.provision.requirement

    @property
    def citation(self) -> str:
        """The edition's article with its status (:attr:`dao_sim.law.Provision.reference`)."""
        return self.provision.reference

    def __str__(self) -> str:
        where = f"{self.location}: " if str(self.location) else ""
        return f"{where}{self.severity.value}: {self.requirement} ({self.citation}): {self.message}"
