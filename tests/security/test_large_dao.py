"""A thousand members: founding and amending stay under the per-transaction gas cap.

The founding list is one Merkle root, so deployment does not grow with the founders; each
founder joins with their own transaction. An amendment moves the treasury at once and
carries positions in batches, so no transaction grows with the membership either.
"""

from __future__ import annotations

from tests.security.helpers import GAS_CAP, amend, successor_of

MEMBERS = 1_000


def test_a_thousand_founders_deploy_and_amend_by_migration(make_dao, artifacts, session, capsys):
    founders = {a.name: "1 ETH" for a in session.add_accounts(MEMBERS, funding_eth=5)}
    start = len(session.journal)
    dao = make_dao(members=founders)
    founding = session.journal[start:]
    assert len(dao.members) == MEMBERS
    successor = successor_of(dao, artifacts)
    records = {m.name: (m.shares, m.contributed, m.share_value) for m in dao.members}
    start = len(session.journal)
    amend(dao, successor, batch=50)
    amending = session.journal[start:]
    carried = {m.name: (m.shares, m.contributed, m.share_value) for m in successor.members}
    assert carried == records, "every position carried whole"
    assert successor.treasury.balance == MEMBERS * 10**18 and dao.treasury.balance == 0
    largest = max([*founding, *amending], key=lambda e: e.gas_used)
    with capsys.disabled():
        print(f"\n{MEMBERS} members: largest transaction {largest.gas_used:,} gas "
              f"({largest.to_label}.{largest.function}; cap {GAS_CAP:,})")
    assert largest.gas_used < GAS_CAP
    carrying = [e.gas_used for e in amending if e.function == "carryMembers"]
    assert len(carrying) == MEMBERS // 50 and max(carrying) < GAS_CAP // 2


def test_a_deployment_that_cannot_fit_says_why_in_words(make_dao, session):
    import pytest

    from dao_sim.exceptions import SpecError

    make_dao()  # the arbitrator and the blueprints exist
    before = len(session.journal)
    with pytest.raises(SpecError, match=r"charter_uri: .* over the 49,152 bytes one deployment may carry"):
        make_dao(name="Too Big", charter_uri="ipfs://" + "x" * 60_000)
    assert len(session.journal) == before, "nothing was sent"
