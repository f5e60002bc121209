"""What the pytest plugin's fixtures build, usable without pytest: a court and a DAO's rules.

The fixtures of :mod:`dao_sim.testing` (``court``, ``make_dao``) call these functions; a test
that runs its own chain (a hypothesis state machine, a second session) calls them directly.

The people are test people: each arbitrator's identification record is a fixed sentence
with a salt derived from their name, so that a run can be repeated exactly. Never record a
real person's identification this way (see :class:`dao_sim.disputes.IdentityAttestation`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dao_sim.disputes import Court
    from dao_sim.governance import DAOSpec

__all__ = ["ARBITER", "ATTESTER", "COURT_LABEL", "FOUNDERS", "SPEC_DEFAULTS", "dao_spec",
           "human_court"]

#: The arbitrator on the ``court`` fixture's roster, and who attested her identification.
ARBITER, ATTESTER = "Madina", "Saule"

#: The label the ``court`` fixture deploys under, and the arbitrator a default DAO names.
COURT_LABEL = "HumanArbitrator"

#: The founders of a DAO built with no ``members``: name and contribution.
FOUNDERS = {"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"}

#: The rules of a DAO built with no arguments; any keyword of :class:`DAOSpec` overrides one.
SPEC_DEFAULTS: dict[str, Any] = {
    "name": "Steppe Makers",
    "members": FOUNDERS,
    "arbitrator": COURT_LABEL,
    "voting_period": "3 days",
    "grace_period": "2 days",
    "execution_window": "7 days",
}


def human_court(session: Any, roster: Iterable[str] = (ARBITER,), *, attested_by: str = ATTESTER,
                arbitration_fee: int = 0, appeal_fee: int = 0,
                ruling_period: str | int | timedelta = "7 days",
                appeal_window: str | int | timedelta = "3 days", label: str = COURT_LABEL,
                artifacts: Any = None) -> Court:
    """Deploy a HumanArbitrator whose roster is the named test people (human-dispute).

    Parameters
    ----------
    session : ChainSession
        The chain; every name must be one of its accounts.
    roster : iterable of str
        The arbitrators, in roster order (Madina alone by default).
    attested_by : str
        Who attested each arbitrator's identification (Saule by default).
    arbitration_fee, appeal_fee, ruling_period, appeal_window
        As :func:`dao_sim.disputes.deploy_arbitrator` takes them (no fee, 7 days to rule,
        3 days to appeal by default).
    label : str
        The session label of the contract: the name a :class:`DAOSpec` gives as ``arbitrator``.
    artifacts : ArtifactSet, optional
        Compiled contracts (compiled, or read from the cache, when omitted).

    Returns
    -------
    Court

    Examples
    --------
    >>> court = human_court(ChainSession(), ("Madina", "Nurlan"))  # doctest: +SKIP
    >>> court.roster()  # doctest: +SKIP
    ('Madina', 'Nurlan')
    """
    from eth_utils import keccak

    from dao_sim.disputes import Arbitrator, IdentityAttestation, deploy_arbitrator

    people = [Arbitrator(name, IdentityAttestation.make(
        f"identity card of {name} checked in person", attested_by,
        salt=keccak(text=f"dao-sim test person:{name}"))) for name in roster]
    return deploy_arbitrator(session, people, arbitration_fee=arbitration_fee,
                             appeal_fee=appeal_fee, ruling_period=ruling_period,
                             appeal_window=appeal_window, label=label, artifacts=artifacts)


def dao_spec(spec: DAOSpec | None = None, /, **fields: Any) -> DAOSpec:
    """The rules of a test DAO: ``spec`` with ``fields`` changed, or the defaults with them.

    Parameters
    ----------
    spec : DAOSpec, optional
        Your design. Without it, :data:`SPEC_DEFAULTS` (Steppe Makers: Aigerim 10 ETH, Bolat
        6 ETH, Dana 4 ETH; the arbitrator labelled ``HumanArbitrator``; 3 days to vote, 2 of
        grace, 7 to execute) and DAOSpec's own defaults for the rest.
    **fields
        Any keyword of :class:`DAOSpec`: ``members={"Aigerim": "5 ETH", "Erlan": "1 ETH"}``,
        ``quorum="60%"``, ``voting_rule="contribution-weighted"``...

    Returns
    -------
    DAOSpec

    Raises
    ------
    SpecError
        For a rule the law, dao-sim's defaults or the contract rule out.
    TypeError
        For a keyword DAOSpec does not have.

    Examples
    --------
    >>> dao_spec().members  # read in wei, and stored as Wei so that the spec can be re-checked
    {'Aigerim': Wei(10000000000000000000), 'Bolat': Wei(6000000000000000000), 'Dana': Wei(4000000000000000000)}
    >>> dao_spec(quorum="60%", members={"Erlan": "1 ETH"}).quorum
    6000
    >>> dao_spec(dao_spec(name="Oasis"), approval="66%").name
    'Oasis'
    """
    from dao_sim.governance import DAOSpec

    if spec is None:
        return DAOSpec(**{**SPEC_DEFAULTS, **fields})
    return dataclasses.replace(spec, **fields) if fields else spec
