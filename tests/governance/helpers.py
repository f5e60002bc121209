"""Helpers shared by the governance contract tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dao_sim.governance import DAORefused


def refusal(session: Any, act: Callable[..., Any], *args: Any, **kwargs: Any) -> DAORefused:
    """Run an act the DAO must refuse; check the attempt is journalled as failed."""
    length = len(session.journal)
    with pytest.raises(DAORefused) as info:
        act(*args, **kwargs)
    assert len(session.journal) == length + 1
    attempt = session.journal.last
    assert attempt.status is False
    assert attempt.error.name == info.value.error
    return info.value


RULE_FIELDS = (
    "charterHash", "charterURI", "votingRule", "quorumBps", "approvalBps", "amendmentConsentBps",
    "votingDelay", "votingPeriod", "gracePeriod", "executionWindow", "liabilityCapBps", "expulsionAllowed",
    "claimBondBps", "minClaimBond", "duesAmount", "duesPeriod", "arbitrator", "arbitratorPanelSize",
    "reviewer", "predecessor", "foundersRoot", "founderCount",
)


def deploy_core_raw(session: Any, artifacts: Any, spec: Any, **rules: Any) -> Any:
    """Deploy the DAO core straight from ``spec``'s rules with some fields changed by their
    contract names (``reviewer=ZERO``), bypassing the library's checks, so that the contract's
    own refusal shows. Returns the handle; a refusal raises ``ContractReverted``."""
    from dao_sim.governance.blueprints import module_blueprints
    from dao_sim.governance.deploy import rules_tuple
    from dao_sim.governance.founders import FoundingList

    founding = FoundingList.of([(session.address(m.name), m.contribution) for m in spec.founders])
    values = list(rules_tuple(spec, session, founders=founding))
    for field, value in rules.items():
        values[RULE_FIELDS.index(field)] = value
    sender = spec.founders[0].name
    blueprints = module_blueprints(session, artifacts, sender=sender)
    return session.deploy(artifacts["DAO"], tuple(values), blueprints, sender=sender)
