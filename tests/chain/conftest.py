"""Fixtures for the chain layer's tests: its own small contracts, compiled once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CONTRACTS = Path(__file__).parent / "contracts"


@pytest.fixture(scope="session")
def chain_artifacts() -> Any:
    """``Ballot`` and ``Registry`` from ``tests/chain/contracts``, plus the engine probes."""
    from dao_sim.compiler import compile_sources

    return compile_sources(sorted(CONTRACTS.glob("*.sol")))


@pytest.fixture(scope="session")
def probe() -> Any:
    """The engine suite's probe contracts (``Probe``, ``Child``, ``Refuser``)."""
    from dao_sim.testing.probe import probe_artifacts

    return probe_artifacts()
