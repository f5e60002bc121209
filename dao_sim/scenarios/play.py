"""The state of one run while it plays: the chain, the DAO, and what the steps named.

Proposals, claims, disputes, automated decisions and escrow agreements are known to the
scenario by the names its steps gave them; :class:`Play` keeps what each name stands for on
the chain (a proposal of *which* DAO, with which number), so steps and expectations never
see a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from dao_sim.exceptions import ScenarioError
from dao_sim.report.arguments import ArgumentTypes

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession
    from dao_sim.disputes import Court, DecisionChannel, EscrowAgreement, ProposalDispute, Ruling
    from dao_sim.governance import DAO
    from dao_sim.scenarios.model import Scenario

__all__ = ["EscrowCase", "Play", "ProposalRef"]

_PROPOSAL_NUMBER = re.compile(r"\bproposal (\d+)\b")


@dataclass(frozen=True)
class ProposalRef:
    """A named proposal: the DAO it was made on, its number there, and for an amendment the
    successor it migrates to."""

    dao: DAO
    number: int
    summary: str
    successor: DAO | None = None


class EscrowCase:
    """A dispute over an escrow agreement, driven like a proposal's dispute.

    The escrow needs no lifecycle of its own in :mod:`dao_sim.disputes`: its ruling goes to
    the agreement directly when it becomes final.
    """

    def __init__(self, agreement: EscrowAgreement, court: Court, dispute_id: int) -> None:
        self.agreement = agreement
        self.court = court
        self.dispute_id = dispute_id

    def panel(self) -> tuple[str, ...]:
        """Names of the current panel."""
        return self.court.panel(self.dispute_id)

    def decide(self, channel: DecisionChannel, panelists: list[str]) -> list[Any]:
        """Obtain each panelist's ruling through ``channel``."""
        return [channel.decide(self.court, self.dispute_id, person) for person in panelists]

    def appeal(self, *, by: str) -> Any:
        """Appeal to a larger panel."""
        return self.court.appeal(self.dispute_id, by=by)

    def finalise(self, *, by: str) -> Any:
        """Wait out the appeal window if needed, then pass the ruling to the agreement."""
        info = self.court.dispute(self.dispute_id)
        if not info.decided:
            raise ScenarioError(f"dispute {self.dispute_id} has no ruling yet: a human must decide first")
        remaining = info.appeal_end - self.court.session.now()
        if remaining > 0:
            self.court.session.advance(remaining)
        return self.court.execute_ruling(self.dispute_id, by=by)


class Play:
    """Everything a run holds between steps."""

    def __init__(self, scenario: Scenario, session: ChainSession, artifacts: Any,
                 prompt: DecisionChannel | None) -> None:
        self.scenario = scenario
        self.session = session
        self.artifacts = artifacts
        self.prompt = prompt
        self.court: Court | None = None
        self.dao: DAO | None = None
        self.proposals: dict[str, ProposalRef] = {}
        self.claims: dict[str, tuple[DAO, int]] = {}
        self.disputes: dict[str, ProposalDispute | EscrowCase] = {}
        self.dispute_proposals: dict[str, str] = {}
        self.decisions: dict[str, tuple[DAO, int]] = {}
        self.escrows: dict[str, EscrowAgreement] = {}
        #: Each human ruling as it was made, with the dispute's name: who, what and their reasons.
        self.rulings: list[tuple[str, Ruling]] = []
        #: Whether every ruling is asked of the person at the keyboard (``dao-sim run --interactive``).
        self.ask_rulings = False
        self.start_balances = {name: session.balance(name) for name in scenario.people}

    @cached_property
    def argument_types(self) -> ArgumentTypes:
        """The ABI of the run's contracts by call, for its evidence: built once per run (a
        lesson makes a report after every step)."""
        return ArgumentTypes(self.artifacts)

    def in_names(self, text: str) -> str:
        """``text`` with "proposal 3" written as the scenario names it: "proposal 'website'"."""
        numbers: dict[int, list[str]] = {}
        for name, ref in self.proposals.items():
            if ref.dao is self.dao:
                numbers.setdefault(ref.number, []).append(name)

        def named(match: re.Match[str]) -> str:
            names = numbers.get(int(match.group(1)), [])
            return f"proposal '{names[0]}'" if len(names) == 1 else match.group(0)

        return _PROPOSAL_NUMBER.sub(named, text)

    def need_dao(self) -> DAO:
        """The DAO the steps act on now (the successor, after an amendment executed)."""
        if self.dao is None:
            raise ScenarioError("the DAO has not been founded")
        return self.dao

    def need_court(self) -> Court:
        """The scenario's arbitrator."""
        if self.court is None:
            raise ScenarioError("the arbitrator has not been deployed")
        return self.court

    def _named(self, table: dict[str, Any], kind: str, name: str) -> Any:
        if name not in table:
            raise ScenarioError(f"the {kind} '{name}' does not exist: the step that was to make it was refused")
        return table[name]

    def proposal(self, name: str) -> ProposalRef:
        """The proposal a step named ``name``."""
        return self._named(self.proposals, "proposal", name)

    def claim(self, name: str) -> tuple[DAO, int]:
        """The claim named ``name``: its DAO and number."""
        return self._named(self.claims, "claim", name)

    def dispute(self, name: str) -> ProposalDispute | EscrowCase:
        """The dispute named ``name``."""
        return self._named(self.disputes, "dispute", name)

    def decision(self, name: str) -> tuple[DAO, int]:
        """The automated decision named ``name``: its DAO and number."""
        return self._named(self.decisions, "automated decision", name)

    def escrow(self, name: str) -> EscrowAgreement:
        """The escrow agreement named ``name``."""
        return self._named(self.escrows, "escrow agreement", name)
