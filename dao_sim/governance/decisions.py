"""The DAO's decisions as evidence for off-chain records (the joint account, joint-account).

A bank disbursement must cite a decision the members took; this adapter answers, from the
chain and its journal only, whether a proposal was executed, when, by which transaction,
and what it said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dao_sim.governance.joint_account import ExecutedDecision

if TYPE_CHECKING:
    from dao_sim.governance.dao import DAO

__all__ = ["ChainDecisions"]


class ChainDecisions:
    """A :class:`~dao_sim.governance.joint_account.DecisionSource` reading one DAO.

    Parameters
    ----------
    dao : DAO
        The DAO whose decisions the ledger cites; its address is :attr:`address`.
    """

    def __init__(self, dao: DAO) -> None:
        self.dao = dao

    @property
    def address(self) -> str:
        """The DAO contract's address, to bind a ledger to this DAO."""
        return self.dao.address

    def proposal_state(self, proposal_id: int) -> str | None:
        """The proposal's state name, or ``None`` when there is no such proposal."""
        if not 0 <= proposal_id < self.dao.proposal_count():
            return None
        return self.dao.state(proposal_id)

    def executed_proposal(self, proposal_id: int) -> ExecutedDecision | None:
        """The execution record (block time, tx hash, description), if it was executed."""
        if self.proposal_state(proposal_id) != "Executed":
            return None
        description, executed = "", None
        for entry in self.dao.session.journal:
            for event in entry.events:
                if event.address != self.dao.governor.address or event.args.get("proposalId") != proposal_id:
                    continue
                if event.name == "ProposalCreated":
                    description = str(event.args["description"])
                elif event.name == "ProposalExecuted":
                    executed = entry
        if executed is None:
            return None
        return ExecutedDecision(proposal_id, description, executed.timestamp, executed.tx_hash)
