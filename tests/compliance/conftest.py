"""Shared fixtures of the compliance tests: a published DAO with every module (for
publication and verification), and the static checks run once per session over each set of
sources (the fixtures per rule and the corpus of violating contracts)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dao_sim.compliance import Publication, PublicationStore, publish

#: One character of DAO.sol that changes its code: a constant the payout path pushes.
HONEST = "PAYMENT_GAS = 100_000;"
ALTERED = "PAYMENT_GAS = 100_001;"
DAO_SOURCE = "contracts/governance/DAO.sol"


@dataclass
class Published:
    session: Any
    dao: Any
    store: PublicationStore
    publication: Publication


@pytest.fixture
def spec_fields() -> dict[str, Any]:
    from dao_sim.governance import Dues

    return {"dues": Dues("0.1 ETH", "30 days"), "reviewer": "Saule"}


@pytest.fixture
def published(make_dao, session, spec_fields, tmp_path) -> Published:
    dao = make_dao(**spec_fields)
    store = PublicationStore(tmp_path / "published")
    return Published(session, dao, store, publish(dao, store))


def overwrite(store: PublicationStore, digest: str, data: bytes) -> None:
    """Change an object in place, as someone editing the store would."""
    path = store.object_path(digest)
    path.chmod(0o644)
    path.write_bytes(data)


def altered_sources(store: PublicationStore, publication: Publication) -> dict[str, str]:
    """The published sources with the one-character change to DAO.sol."""
    sources = {unit: store.get(d).decode("utf-8") for unit, d in publication.sources.items()}
    assert sources[DAO_SOURCE].count(HONEST) == 1
    sources[DAO_SOURCE] = sources[DAO_SOURCE].replace(HONEST, ALTERED)
    return sources

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
CORPUS = HERE / "corpus"
EDITIONS = ("code-2026", "draft-2025")


@pytest.fixture(scope="session")
def fixture_findings():
    """Every registered rule over every fixture (sources and bytecode), under the law in force."""
    from dao_sim.compliance import check_sources

    return check_sources([FIXTURES])


@pytest.fixture(scope="session")
def corpus_analysis():
    """The corpus of violating contracts, parsed and modelled once."""
    from dao_sim.compliance import analyse

    return analyse([CORPUS])


@pytest.fixture(scope="session", params=EDITIONS)
def corpus_findings(request, corpus_analysis):
    """``(edition, findings)`` of the corpus, sources and bytecode, under each edition."""
    return request.param, corpus_analysis.findings(request.param)
