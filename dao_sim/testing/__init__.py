"""dao-sim's pytest plugin: fixtures to test a DAO design in a few lines, from any project.

pytest loads this module at start-up through the ``pytest11`` entry point, for every test
run in an environment where dao-sim is installed, so it imports nothing heavy: py-evm,
web3 and the compiler load inside a fixture, when a test asks for it.

Fixtures
--------
artifacts
    Every dao-sim contract, compiled once per test run (read from the artifact cache after
    the first run ever). Session-scoped.
session
    A fresh :class:`~dao_sim.chain.session.ChainSession` for each test: an embedded chain
    whose named accounts (Aigerim, Bolat, Dana, Erlan, Gulnara, Kairat, Madina, Nurlan,
    Saule...) hold 1,000 ether each.
court
    A :class:`~dao_sim.disputes.Court` on ``session``: a HumanArbitrator whose roster is one
    natural person, Madina (identity card checked in person, attested by Saule); no fee,
    7 days to rule, 3 days to appeal (human-dispute).
make_dao
    A factory: ``make_dao(spec=None, /, **fields)`` founds a DAO on ``session``, every
    founder paying in, and returns its :class:`~dao_sim.governance.DAO`. Give your own
    :class:`~dao_sim.governance.DAOSpec`, or keywords of DAOSpec over the defaults (Steppe
    Makers; ``members={"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"}``; 3 days to
    vote, 2 of grace, 7 to execute), or both (the keywords change your spec). A DAO names
    the arbitrator labelled ``"HumanArbitrator"`` unless the spec says otherwise: the
    ``court`` fixture's when the test asks for it, else one like it, deployed when needed.
chain_session
    A fresh chain session, for the chain layer's own tests.

``artifacts`` and ``session`` are the same objects as ``dao_sim_artifacts`` and
``dao_sim_session``, on which ``make_dao`` and ``court`` build. A fixture of the same name in
your own ``conftest.py`` or test module overrides dao-sim's where it is visible (pytest's
rule): your own ``session`` (a database session, say) leaves ``make_dao`` on dao-sim's chain,
which you then reach as ``dao_sim_session``. To change the chain ``make_dao`` builds on,
override ``dao_sim_session`` itself. Turn the plugin off with ``-p no:dao_sim``.

For tests that run a chain of their own (a hypothesis state machine, a second session),
the functions behind ``court`` and ``make_dao`` are
:func:`dao_sim.testing.factories.human_court` and :func:`dao_sim.testing.factories.dao_spec`.
:class:`EngineSuite` is the test suite every chain engine passes (subclass it with an
``engine`` fixture).

Examples
--------
A test file in any project where dao-sim is installed, with no ``conftest.py``::

    from dao_sim.governance import Action

    def test_the_payment_voted_is_the_payment_made(make_dao, session):
        dao = make_dao(members={"Aigerim": "6 ETH", "Bolat": "4 ETH"}, quorum="100%")
        pid = dao.propose("Aigerim", [Action.pay("Erlan", "1 ETH")], "Pay Erlan")
        dao.vote("Aigerim", pid, "for")
        dao.vote("Bolat", pid, "for")
        session.advance("5 days")  # the vote, then the grace window
        dao.execute(pid, by="Gulnara")
        assert dao.treasury.balance == 9 * 10**18

The README's section "Testing your own DAO design" has a longer one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession
    from dao_sim.compiler import ArtifactSet
    from dao_sim.disputes import Court
    from dao_sim.governance import DAO, DAOSpec

__all__ = [
    "EngineSuite",
    "artifacts",
    "chain_session",
    "court",
    "dao_sim_artifacts",
    "dao_sim_session",
    "make_dao",
    "session",
]


@pytest.fixture(scope="session")
def dao_sim_artifacts() -> ArtifactSet:
    """Every dao-sim contract, compiled once per run (or read from the artifact cache)."""
    from dao_sim.compiler import compile_project

    return compile_project()


@pytest.fixture(scope="session")
def artifacts(dao_sim_artifacts: ArtifactSet) -> ArtifactSet:
    """Every dao-sim contract, compiled once per run: the same object as ``dao_sim_artifacts``."""
    return dao_sim_artifacts


@pytest.fixture
def dao_sim_session() -> ChainSession:
    """A fresh chain for each test: default engine, named accounts, 1,000 ether each."""
    from dao_sim.chain.session import ChainSession

    return ChainSession()


@pytest.fixture
def session(dao_sim_session: ChainSession) -> ChainSession:
    """A fresh chain for each test: the same object as ``dao_sim_session``."""
    return dao_sim_session


@pytest.fixture
def court(dao_sim_session: ChainSession, dao_sim_artifacts: ArtifactSet) -> Court:
    """A HumanArbitrator whose roster is Madina, attested by Saule; no fee, 7 days to rule,
    3 to appeal."""
    from dao_sim.testing.factories import human_court

    return human_court(dao_sim_session, artifacts=dao_sim_artifacts)


@pytest.fixture
def make_dao(dao_sim_session: ChainSession, dao_sim_artifacts: ArtifactSet
             ) -> Callable[..., DAO]:
    """``make_dao(spec=None, /, **fields)``: found a DAO on the test's chain and return it.

    Without ``spec``, the keywords of :class:`~dao_sim.governance.DAOSpec` change the defaults
    (three founders, Aigerim 10 ETH, Bolat 6 ETH, Dana 4 ETH); with it, they change ``spec``.
    A court like ``court``'s is deployed first if the spec names the arbitrator
    ``"HumanArbitrator"`` and no contract on the chain has that label yet.
    """
    from dao_sim.governance import deploy
    from dao_sim.testing.factories import COURT_LABEL, dao_spec, human_court

    def build(spec: DAOSpec | None = None, /, **fields: Any) -> DAO:
        rules = dao_spec(spec, **fields)
        if (rules.arbitrator == COURT_LABEL
                and COURT_LABEL not in dao_sim_session.address_book.contracts()):
            human_court(dao_sim_session, artifacts=dao_sim_artifacts)
        return deploy(rules, dao_sim_session, artifacts=dao_sim_artifacts)

    return build


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
