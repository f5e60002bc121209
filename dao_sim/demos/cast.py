"""The people of the stories, and the human arbitrator every DAO must name (DC 28.2).

Names come from the session's default accounts (:data:`dao_sim.chain.DEFAULT_NAMES`), so a
story's timeline and report read as people, not hex. The arbitrator is deployed the way the
test fixtures deploy it: a roster of natural persons, each identity record kept off-chain and
only its hash on-chain (DC 21.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eth_utils import keccak

__all__ = ["ARBITER", "FOUNDERS", "deploy_human_arbitrator"]

#: The natural person on the arbitrator's roster in every story.
ARBITER = "Madina"

#: Founding members of the stories' DAO and their contributions.
FOUNDERS: dict[str, str] = {"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"}


def deploy_human_arbitrator(session: Any, artifacts: Any, roster: Sequence[str] = (ARBITER,),
                            *, fee: int = 0, ruling_period: int = 7 * 86_400,
                            appeal_window: int = 3 * 86_400) -> Any:
    """Deploy a ``HumanArbitrator`` labelled ``"HumanArbitrator"`` whose roster is ``roster``.

    Each person attests their own identity record here; the record's hash, not the record,
    goes on-chain, so erasing the record off-chain leaves nothing personal behind.

    Parameters
    ----------
    session : ChainSession
        Where to deploy; every name in ``roster`` must be one of its accounts.
    artifacts : ArtifactSet
        Compiled project contracts.
    roster : sequence of str
        The arbitrators, by name; the first one sends the deployment (and gains no power).
    fee : int
        Arbitration and appeal fee per panelist, in wei.
    ruling_period, appeal_window : int
        Seconds a panel has to rule, and a ruling stays open to appeal.

    Returns
    -------
    ContractHandle
    """
    founders = [(session.address(n), keccak(text=f"id-record:{n}"), session.address(n))
                for n in roster]
    return session.deploy(artifacts["HumanArbitrator"], founders, fee, fee, ruling_period,
                          appeal_window, sender=roster[0], label="HumanArbitrator")
