"""The people of the stories, and the human arbitrator every DAO must name (human-dispute).

Names come from the session's default accounts (:data:`dao_sim.chain.DEFAULT_NAMES`), so a
story's timeline and report read as people, not hex. The arbitrator is deployed through
:func:`dao_sim.disputes.deploy_arbitrator`: a roster of natural persons whose identification
stays off-chain, with only its salted hash on-chain (personal-data-off-chain).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from eth_utils import keccak

from dao_sim.disputes import Arbitrator, Court, IdentityAttestation, deploy_arbitrator

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession

__all__ = ["ARBITER", "ATTESTER", "FOUNDERS", "deploy_human_arbitrator"]

#: The natural person on the arbitrator's roster in every story.
ARBITER = "Madina"

#: Who attests the arbitrators' identification in the stories.
ATTESTER = "Saule"

#: Founding members of the stories' DAO and their contributions.
FOUNDERS: dict[str, str] = {"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"}


def deploy_human_arbitrator(session: ChainSession, artifacts: Any,
                            roster: Sequence[str] = (ARBITER,), **terms: Any) -> Court:
    """Deploy a ``HumanArbitrator`` (label ``"HumanArbitrator"``) whose roster is ``roster``.

    The identification records are demo text and their salts are derived from the names,
    so a story's transactions (and their hashes) are the same on every run. A real roster
    uses :meth:`dao_sim.disputes.Arbitrator.identified`, which draws a secret random salt.

    Parameters
    ----------
    session : ChainSession
        Where to deploy; every name in ``roster`` must be one of its accounts.
    artifacts : ArtifactSet
        Compiled project contracts.
    roster : sequence of str
        The arbitrators, by name; the first one sends the deployment (and gains no power).
    **terms
        Fees and periods, passed to :func:`dao_sim.disputes.deploy_arbitrator`.

    Returns
    -------
    Court
    """
    people = [Arbitrator(name, IdentityAttestation.make(
        f"demo: {name}'s identity card checked in person by {ATTESTER}", ATTESTER,
        salt=keccak(text=f"dao-sim demo salt:{name}"))) for name in roster]
    return deploy_arbitrator(session, people, artifacts=artifacts, **terms)
