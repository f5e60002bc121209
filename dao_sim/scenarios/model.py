"""A scenario once loaded: frozen records of what the file says, with where it says it.

Values stay in the writer's words (``"10 ETH"``, ``"3 days"``), already checked; the steps
read them into wei and seconds as they play. Every step keeps the line of each of its fields,
so the runner can name the exact line of a failed expectation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dao_sim.scenarios.errors import Location

if TYPE_CHECKING:
    from dao_sim.governance import DAOSpec

__all__ = ["ArbitratorPlan", "RosterEntry", "Scenario", "Step"]


@dataclass(frozen=True)
class RosterEntry:
    """A person on the arbitrator's roster and how they were identified."""

    name: str
    identified: str
    attested_by: str


@dataclass(frozen=True)
class ArbitratorPlan:
    """The human arbitrator the scenario deploys before its first step."""

    label: str
    roster: tuple[RosterEntry, ...]
    fee: int
    appeal_fee: int
    ruling_period: int
    appeal_window: int


@dataclass(frozen=True)
class Step:
    """One step: its kind, its fields as written, and the line of each field.

    Attributes
    ----------
    index : int
        Position in the scenario, counted from 1.
    kind : str
        ``"vote"``, ``"wait"``...
    value : Any
        The step's value as plain Python: a mapping of fields, or text for ``wait``/``note``.
    line : int
        The line of the step's key.
    lines : mapping of str to int
        The line of each field below the step (``"support"``, ``"actions[1].pay.amount"``).
    """

    index: int
    kind: str
    value: Any
    line: int
    path: str
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def fields(self) -> Mapping[str, Any]:
        """The step's fields (empty for a step whose value is text or empty)."""
        return self.value if isinstance(self.value, dict) else {}

    def get(self, name: str, default: Any = None) -> Any:
        """One field's value, or ``default``."""
        return self.fields.get(name, default)

    @property
    def expect_refusal(self) -> str | None:
        """The error this step must be refused with, if any."""
        return self.fields.get("expect_refusal")

    def where(self, path: str, sub: str = "") -> Location:
        """The location of the step (``sub=""``) or of one of its fields, in file ``path``."""
        name = f"{self.path}.{self.kind}" + (f".{sub}" if sub else "")
        return Location(path, self.lines.get(sub, self.line) if sub else self.line, name)


@dataclass(frozen=True)
class Scenario:
    """A loaded, checked scenario.

    Attributes
    ----------
    path : str
        The file as the caller named it (used in every message); ``"<text>"`` for text.
    spec : DAOSpec or None
        The DAO the ``found`` step deploys (``None`` without a ``dao`` section).
    amendments : mapping of str to DAOSpec
        The successor's rules of each amendment proposal, by proposal name.
    """

    path: str
    title: str
    description: str
    edition: str | None
    people: tuple[str, ...]
    funding_eth: int
    arbitrator: ArbitratorPlan
    spec: DAOSpec | None
    steps: tuple[Step, ...]
    amendments: Mapping[str, DAOSpec] = field(default_factory=dict)

    def where(self, step: Step, sub: str = "") -> Location:
        """Location of ``step`` (or one of its fields) in this scenario's file."""
        return step.where(self.path, sub)
