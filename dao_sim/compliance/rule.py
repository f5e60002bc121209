"""The shape every compliance rule takes, checked when the rule class is defined.

As Slither structures its detectors: one class per rule, one module per rule, metadata as
class attributes, and an explicit registry (``dao_sim.compliance.registry``). A rule whose
metadata is missing, whose requirement the law catalogue does not know, or whose id repeats
another's fails at import, not in a user's report.
"""

from __future__ import annotations

import enum
import re
from typing import Any, ClassVar

from dao_sim.compliance.finding import Finding, Location, Severity
from dao_sim.exceptions import ComplianceError
from dao_sim.law import Edition, provision, requirement

__all__ = ["Rule", "Target"]

_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Target(enum.Enum):
    """What a rule reads."""

    SOURCE = "source"      # Solidity sources, through Slither's model
    BYTECODE = "bytecode"  # deployed runtime code
    SPEC = "spec"          # a DAOSpec / charter before deployment
    JOURNAL = "journal"    # a run's journal, after the fact


class Rule:
    """Base of every rule. Subclasses set the metadata and implement their target's method.

    Attributes
    ----------
    ID : str
        Stable, kebab-case, unique (``"no-owner"``); findings and SARIF carry it.
    REQUIREMENT : str
        The law catalogue's requirement id the rule serves (``"no-central-management"``).
    SEVERITY : Severity
    TARGET : Target
    TITLE : str
        One line, for a list of rules.
    RATIONALE : str
        Why it matters, in plain language, for a lawyer.
    FIX : str
        What to change, for a developer.
    """

    ID: ClassVar[str]
    REQUIREMENT: ClassVar[str]
    SEVERITY: ClassVar[Severity]
    TARGET: ClassVar[Target]
    TITLE: ClassVar[str]
    RATIONALE: ClassVar[str]
    FIX: ClassVar[str]

    _ids: ClassVar[dict[str, type[Rule]]] = {}

    def __init_subclass__(cls, abstract: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if abstract:
            return
        name = cls.__name__
        for attr in ("ID", "REQUIREMENT", "SEVERITY", "TARGET", "TITLE", "RATIONALE", "FIX"):
            if not getattr(cls, attr, None):
                raise ComplianceError(f"rule {name} has no {attr}")
        if not _ID.match(cls.ID):
            raise ComplianceError(f"rule {name}: id {cls.ID!r} is not kebab-case")
        if not isinstance(cls.SEVERITY, Severity) or not isinstance(cls.TARGET, Target):
            raise ComplianceError(f"rule {name}: SEVERITY and TARGET must be Severity and Target members")
        requirement(cls.REQUIREMENT)  # raises LawError for a requirement the catalogue lacks
        other = Rule._ids.get(cls.ID)
        if other is not None and other.__qualname__ != cls.__qualname__:
            raise ComplianceError(f"rule {name}: id {cls.ID!r} is already {other.__name__}'s")
        Rule._ids[cls.ID] = cls

    def __init__(self, edition: str | Edition | None = None) -> None:
        self.provision = provision(self.REQUIREMENT, edition)

    def finding(self, message: str, location: Location | None = None,
                severity: Severity | None = None) -> Finding:
        """A finding of this rule under the edition the rule was built for."""
        return Finding(self.ID, severity or self.SEVERITY, self.provision, message,
                       location or Location(), self.FIX)
