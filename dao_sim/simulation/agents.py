"""The agents of a simulation: people who act on a DAO through its real contracts.

Every act is a transaction from the agent's own key, through :class:`dao_sim.governance.DAO`
and :mod:`dao_sim.disputes`; an agent holds only its dispositions (how likely it is to vote,
whom it follows) and draws every choice from the run's own random generator, never from a
global one, so a run depends only on its design point and its seed.

The arbitrator here is a **model**: :class:`ModelledArbitrator` rules as a configured
accuracy says, and every ruling it casts is recorded with the channel ``"model"`` and reasons
that begin with :data:`MODEL_LABEL`. It exists to estimate how often disputes end which way; it
is never a decision channel where a person must decide (the scenarios and demos use the human
channels of :mod:`dao_sim.disputes.channels`).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dao_sim.disputes.channels import DecisionChannel, Ruling, ruling_label
from dao_sim.governance.units import Wei

if TYPE_CHECKING:
    from dao_sim.disputes.arbitrator import Court
    from dao_sim.governance.dao import DAO

__all__ = [
    "MODEL_LABEL",
    "ApatheticMember",
    "BlocMember",
    "BogusClaimant",
    "Disputer",
    "MaliciousProposer",
    "Member",
    "ModelledArbitrator",
    "Whale",
]

#: How every modelled ruling is labelled, in its record and in reports.
MODEL_LABEL = "modelled arbitrator, not a human decision"

#: ERC-792 rulings a DAO's dispute clause understands (dao_sim.disputes.DAO_RULINGS).
UPHOLD, VOID = 1, 2


@dataclass
class Member:
    """A member who votes their interest when they turn out.

    Attributes
    ----------
    name : str
        Their account.
    turnout : float
        Chance they vote on a proposal.
    """

    name: str
    turnout: float

    def ballot(self, interest: bool, rng: random.Random, ballots: Mapping[str, str]) -> str | None:
        """``"for"``, ``"against"``, or ``None`` (stays away), given their interest."""
        if rng.random() >= self.turnout:
            return None
        return "for" if interest else "against"

    def vote(self, dao: DAO, proposal_id: int, interest: bool, rng: random.Random,
             ballots: dict[str, str]) -> None:
        """Cast the ballot :meth:`ballot` chose, if any, and remember it in ``ballots``."""
        choice = self.ballot(interest, rng, ballots)
        if choice is not None:
            dao.vote(self.name, proposal_id, choice)
            ballots[self.name] = choice


@dataclass
class ApatheticMember(Member):
    """A member who rarely votes; with a ``delegate``, they cast the ballot their delegate cast
    (delegation between people: the ballot still comes from their own key)."""

    delegate: str | None = None

    def ballot(self, interest: bool, rng: random.Random, ballots: Mapping[str, str]) -> str | None:
        if self.delegate is not None and self.delegate in ballots:
            return ballots[self.delegate]
        return super().ballot(interest, rng, ballots)


@dataclass
class BlocMember(Member):
    """A member of a colluding bloc: always turns out, votes For whatever the bloc's leader
    proposes, and votes their own interest on anything else."""

    leader: str = ""


@dataclass
class Whale(Member):
    """A member who buys voting weight by contributing more (it counts under a contribution-
    weighted rule; under one member, one vote it buys nothing)."""

    def buy_weight(self, dao: DAO, amount: int) -> None:
        """Contribute ``amount`` wei more."""
        dao.contribute(self.name, Wei(amount))


@dataclass
class MaliciousProposer(Member):
    """A member who proposes paying treasury money to an accomplice outside the DAO."""

    accomplice: str = "Accomplice"

    def propose(self, dao: DAO, amount: int) -> int:
        """Propose the payment; return its id."""
        from dao_sim.governance import Action

        return dao.propose(self.name, [Action.pay(self.accomplice, Wei(amount))],
                           "Consulting fee (simulated malicious payment)")


@dataclass
class BogusClaimant:
    """An outsider who files a claim with no basis, paying its bond, and asks for the DAO's
    pending payment to be held until the claim is decided."""

    name: str

    def file(self, dao: DAO, amount: int) -> int:
        """File the claim; return its id."""
        return dao.file_claim(self.name, Wei(amount), "Damages for an order never placed (simulated)")

    def freeze(self, dao: DAO, proposal_id: int) -> None:
        """Hold ``proposal_id`` for the open claim."""
        dao.hold_for_claims(proposal_id, by=self.name)


@dataclass
class Disputer:
    """A member who disputes a passed proposal against their interest, with probability ``rate``."""

    name: str
    rate: float

    def wants_to(self, rng: random.Random) -> bool:
        """Whether they dispute this time."""
        return rng.random() < self.rate

    def dispute(self, dao: DAO, court: Court, proposal_id: int) -> Any:
        """Open the dispute (paying the fee) and have the panel drawn; returns the
        :class:`dao_sim.disputes.ProposalDispute`."""
        from dao_sim.disputes import ProposalDispute

        return ProposalDispute.open(dao, court, proposal_id, by=self.name,
                                    evidence_uri="sim://the-payment-serves-a-few")


class ModelledArbitrator(DecisionChannel):
    """A **model** of an arbitrator, for Monte Carlo estimates only: rules correctly (void a
    harmful payment, uphold a sound one) with probability ``accuracy``.

    Its rulings are cast from the key of the roster's modelled panelist and recorded with the
    channel ``"model"``; their label ends and their reasons begin with :data:`MODEL_LABEL`. Not a human decision:
    never use it where the law requires a person to decide (human-dispute).

    Parameters
    ----------
    harmful : bool
        Whether the disputed payment is, in the run's truth, harmful to the members.
    accuracy : float
        Chance of the correct ruling.
    rng : random.Random
        The run's generator.
    """

    CHANNEL = "model"
    LABEL = MODEL_LABEL

    def __init__(self, harmful: bool, accuracy: float, rng: random.Random) -> None:
        self.harmful = harmful
        self.accuracy = accuracy
        self.rng = rng

    def decide(self, court: Court, dispute_id: int, panelist: str | None = None, *,
               labels: Mapping[int, str] | None = None, evidence: Sequence[Any] = ()
               ) -> Ruling:
        correct = VOID if self.harmful else UPHOLD
        ruling = correct if self.rng.random() < self.accuracy else (UPHOLD + VOID - correct)
        person = panelist or court.panel(dispute_id)[0]
        reason = (f"{MODEL_LABEL}: simulated ruling drawn with accuracy {self.accuracy:g}; "
                  "no person decided this dispute")
        entry = court.cast(dispute_id, ruling, by=person, reason=reason)
        marked = {ruling: f"{ruling_label(ruling, labels)} [{MODEL_LABEL}]"}
        return self._record(court, entry, self.CHANNEL, marked, reason, None)
