"""A DAO with every module (dues make the core create AutomatedDecisions), published."""

from __future__ import annotations

from dataclasses import dataclass
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
