"""dao-sim's pytest plugin: fixtures for chain sessions, and the suite every engine passes.

pytest loads this module at start-up through the ``pytest11`` entry point, for every test
run in an environment where dao-sim is installed, so it imports nothing heavy: py-evm,
web3 and the compiler load inside the fixtures that need them.

Fixtures
--------
chain_session
    A fresh :class:`~dao_sim.chain.session.ChainSession` on the default engine, with the
    sixteen default members funded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession

__all__ = ["EngineSuite", "chain_session"]


@pytest.fixture
def chain_session() -> ChainSession:
    """A fresh chain session: default engine, default members, 1,000 ether each."""
    from dao_sim.chain.session import ChainSession

    return ChainSession()


def __getattr__(name: str) -> Any:
    """Load :class:`EngineSuite` on first use; it is for engine authors, not every run."""
    if name == "EngineSuite":
        from dao_sim.testing.suite import EngineSuite

        return EngineSuite
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
