"""Shared fixtures: compiled artifacts once per run, a fresh chain per test, a DAO factory."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("thorough", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ARBITER = "Madina"


@pytest.fixture(scope="session")
def artifacts():
    """Every project contract, compiled once (or read from the artifact cache)."""
    from dao_sim.compiler import compile_project

    return compile_project()


@pytest.fixture
def session():
    """A fresh eth-tester chain with the default named, funded accounts."""
    from dao_sim.chain.session import ChainSession

    return ChainSession()


def deploy_arbitrator(session: Any, artifacts: Any, roster: tuple[str, ...] = (ARBITER,),
                      fee: int = 0, ruling_period: int = 7 * 86_400, appeal_window: int = 3 * 86_400):
    """A HumanArbitrator whose roster is the named people, each attested by themselves."""
    from eth_utils import keccak

    founders = [(session.address(n), keccak(text=f"id-record:{n}"), session.address(n)) for n in roster]
    return session.deploy(artifacts["HumanArbitrator"], founders, fee, fee, ruling_period, appeal_window,
                          sender=roster[0], label="HumanArbitrator")


@pytest.fixture
def make_dao(session, artifacts) -> Callable[..., Any]:
    """Build a DAO: ``make_dao(members={"Aigerim": "10 ETH"}, quorum="50%")``; an arbitrator
    (Madina) is deployed first unless the spec names another."""
    from dao_sim.governance import DAOSpec, deploy

    def build(**overrides: Any):
        if "arbitrator" not in overrides and "HumanArbitrator" not in session.address_book.contracts():
            deploy_arbitrator(session, artifacts)
        fields: dict[str, Any] = {
            "name": "Steppe Makers",
            "members": {"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"},
            "arbitrator": "HumanArbitrator",
            "voting_period": "3 days",
            "grace_period": "2 days",
            "execution_window": "7 days",
        }
        fields.update(overrides)
        return deploy(DAOSpec(**fields), session, artifacts=artifacts)

    return build
