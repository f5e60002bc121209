"""Rules read from a DAO's spec and charter before anything is deployed."""

from __future__ import annotations

from typing import Any

from dao_sim.compliance.finding import Finding
from dao_sim.compliance.rule import Rule, Target

__all__ = ["CharterRule"]


class CharterRule(Rule, abstract=True):
    """A rule over a ``DAOSpec`` (its coded terms and its charter text)."""

    TARGET = Target.SPEC

    def check(self, spec: Any) -> list[Finding]:
        """Every finding this rule makes on ``spec``."""
        raise NotImplementedError
