"""One dispute over a DAO proposal, from opening to the enforced human ruling (human-dispute).

The steps are the contract's; this module only strings them together in the order a person
follows them, and refuses to skip one: nothing is final before a human has ruled and the
appeal window has passed, and no step decides for a human when a deadline is missed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dao_sim.disputes.arbitrator import Court, DisputeStatus
from dao_sim.disputes.channels import DecisionChannel, Ruling
from dao_sim.disputes.options import DAO_RULINGS
from dao_sim.exceptions import DisputeError
from dao_sim.law import aside

if TYPE_CHECKING:
    from dao_sim.chain.journal import JournalEntry
    from dao_sim.governance.dao import DAO
    from dao_sim.governance.units import Wei

__all__ = ["DAO_RULINGS", "DisputeOutcome", "ProposalDispute"]


@dataclass(frozen=True)
class DisputeOutcome:
    """How a dispute ended: the final ruling and what became of the proposal."""

    proposal_id: int
    dispute_id: int
    final_ruling: int
    final_label: str
    proposal_state: str
    rulings: tuple[Ruling, ...]
    executed_by_tx: str | None


class ProposalDispute:
    """A dispute about one proposal of one DAO, heard by one HumanArbitrator.

    Parameters
    ----------
    dao : DAO
        The DAO whose proposal is disputed.
    court : Court
        The charter's arbitrator.
    proposal_id, dispute_id : int
        The contested proposal and its dispute id at the arbitrator.
    """

    def __init__(self, dao: DAO, court: Court, proposal_id: int, dispute_id: int) -> None:
        if court.address != dao.arbitrator.address:
            raise DisputeError(f"{dao.name}'s charter names the arbitrator at {dao.arbitrator.address}, "
                               f"not {court.address}")
        self.dao = dao
        self.court = court
        self.proposal_id = proposal_id
        self.dispute_id = dispute_id
        self.rulings: list[Ruling] = []

    @classmethod
    def open(cls, dao: DAO, court: Court, proposal_id: int, *, by: str, compensation: str | Wei = "0 ETH",
             evidence_uri: str = "") -> ProposalDispute:
        """``by`` opens a dispute on a proposal in its grace window, paying the fee.

        The panel is drawn one block later (``by`` sends the draw); read it with :meth:`panel`.
        """
        dispute_id = dao.open_dispute(by, proposal_id, compensation=compensation, evidence_uri=evidence_uri)
        opened = cls(dao, court, proposal_id, dispute_id)
        court.seat_panel(dispute_id, by=by)
        return opened

    @property
    def session(self) -> Any:
        """The chain session both contracts live on."""
        return self.dao.session

    def panel(self) -> tuple[str, ...]:
        """Names of the panelists of the current round."""
        return self.court.panel(self.dispute_id)

    def decide(self, channel: DecisionChannel, panelists: Sequence[str] | None = None,
               evidence: Sequence[Any] = ()) -> list[Ruling]:
        """Obtain rulings through ``channel`` from ``panelists`` (default: a bare majority).

        Each ruling is a human act cast on-chain; the record of each is kept for the report.
        """
        panel = self.panel()
        chosen = list(panelists) if panelists is not None else list(panel[: len(panel) // 2 + 1])
        unknown = [p for p in chosen if p not in panel]
        if unknown:
            raise DisputeError(f"{', '.join(unknown)} not on the panel of dispute {self.dispute_id} "
                               f"({', '.join(panel)})")
        made = [channel.decide(self.court, self.dispute_id, person, labels=DAO_RULINGS, evidence=evidence)
                for person in chosen]
        self.rulings.extend(made)
        return made

    def appeal(self, *, by: str) -> JournalEntry:
        """Appeal the current ruling to a larger panel during the appeal window."""
        return self.court.appeal(self.dispute_id, by=by)

    def finalise(self, *, by: str, wait: bool = True) -> DisputeOutcome:
        """Pass the human ruling to the DAO once the appeal window is over.

        Parameters
        ----------
        by : str
            Who sends the transaction; anyone may.
        wait : bool
            Advance the chain's clock to the end of the appeal window if it is still open.

        Raises
        ------
        DisputeError
            When no ruling has been given yet: a dispute is never settled without one.
        """
        info = self.court.dispute(self.dispute_id)
        if not info.decided:
            raise DisputeError(f"dispute {self.dispute_id} has no ruling yet: a human must decide "
                               f"{aside('human-dispute')}; a missed deadline escalates, it does not "
                               "decide")
        if info.status is DisputeStatus.APPEALABLE and wait:
            remaining = info.appeal_end - self.session.now()
            if remaining > 0:
                self.session.advance(remaining)
        self.court.execute_ruling(self.dispute_id, by=by)
        return self.outcome()

    def enforce(self, *, by: str) -> DisputeOutcome:
        """Execute the proposal if the ruling let it stand (execution is the DAO's: vote-only-decisions)."""
        state = self.dao.state(self.proposal_id)
        if state != "Succeeded":
            raise DisputeError(f"proposal {self.proposal_id} is {state}; only an upheld proposal executes")
        entry = self.dao.execute(self.proposal_id, by=by)
        return self.outcome(executed_by_tx=entry.tx_hash)

    def outcome(self, executed_by_tx: str | None = None) -> DisputeOutcome:
        """The dispute's state now, read from the chain."""
        ruling = self.court.current_ruling(self.dispute_id)
        return DisputeOutcome(self.proposal_id, self.dispute_id, ruling, DAO_RULINGS.get(ruling, str(ruling)),
                              self.dao.state(self.proposal_id), tuple(self.rulings), executed_by_tx)
