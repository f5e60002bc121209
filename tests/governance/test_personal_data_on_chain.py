"""Only addresses and salted hashes reach the chain: every transaction's calldata and every log
of a full DAO life (identities recorded, a sandbox acknowledged, founding, a vote, a payment, an
exit) is scanned for the members' names and numbers, and none is found."""

from __future__ import annotations

import pytest

from dao_sim.governance import (
    Action,
    DAOSpec,
    MemberRegistry,
    ParticipantRecords,
    Sandbox,
    acknowledge_sandbox,
    deploy,
)

PEOPLE = {  # handle: (name, scheme, number)
    "Aigerim": ("Aigerim Sultanbekova", "iin", "850521400124"),
    "Bolat": ("Bolat Zhaksylykov", "iin", "921203500992"),
    "Dana": ("Dana Ospanova", "iin", "010715600335"),
    "Nurlan": ("Steppe Tech LLP", "bin", "051140004939"),
}


def _chain_bytes(session) -> tuple[list[bytes], list[bytes]]:
    """Every transaction's calldata (init code for deployments) and every log's topics and data,
    read from the chain itself, block by block."""
    tester = session.engine.tester
    calldata, logs = [], []
    for number in range(session.latest_block().number + 1):
        block = tester.get_block_by_number(number, full_transactions=True)
        for tx in block["transactions"]:
            calldata.append(bytes.fromhex(tx["data"].removeprefix("0x")))
            for log in tester.get_transaction_receipt(tx["hash"])["logs"]:
                logs.append(b"".join(bytes.fromhex(t.removeprefix("0x")) for t in log["topics"])
                            + bytes.fromhex(log["data"].removeprefix("0x")))
    return calldata, logs


def _needles(name: str, number: str) -> list[bytes]:
    return [name.encode("utf-8"), name.encode("utf-16-be"), number.encode("ascii"),
            int(number).to_bytes(32, "big"), int(number).to_bytes(8, "big"), bytes.fromhex(number)]


@pytest.fixture
def lived(session, artifacts, tmp_path, court):
    registry = MemberRegistry(tmp_path / "registry.json")
    for handle, (name, scheme, number) in PEOPLE.items():
        registry.register(handle, session.address(handle), name=name, **{scheme: number})
    records = ParticipantRecords.on(session, artifacts)
    for handle in PEOPLE:
        records.record_identity(handle, registry)
    spec = DAOSpec(name="Steppe Lab", members={"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"},
                   arbitrator="HumanArbitrator", sandbox=Sandbox(term=2))
    for handle in spec.members:
        acknowledge_sandbox(spec, session, handle, registry=registry)
    dao = deploy(spec, session, artifacts=artifacts)
    pid = dao.propose("Aigerim", [Action.pay("Nurlan", "1 ETH")], "Pay the supplier for the website")
    for voter in ("Aigerim", "Bolat", "Dana"):
        dao.vote(voter, pid, "for")
    session.advance(spec.voting_period + spec.grace_period)
    dao.execute(pid, by="Nurlan")
    dao.exit("Dana")
    return session, registry, records


def test_no_name_or_number_is_in_any_calldata_or_log(lived):
    session, registry, records = lived
    calldata, logs = _chain_bytes(session)
    assert len(calldata) == len(session.journal) > 15
    everything = calldata + logs
    for handle, (name, _, number) in PEOPLE.items():
        for needle in _needles(name, number):
            assert not any(needle in blob for blob in everything), (handle, needle)
        salt = registry[handle].salt
        assert not any(salt in blob for blob in everything), handle
        # the scan does see what was sent: each member's salted hash is there
        digest = bytes.fromhex(registry[handle].identity_hash[2:])
        assert any(digest in blob for blob in calldata) and any(digest in blob for blob in logs)
        assert records.identity_of(handle) == digest


def test_after_erasure_the_hash_on_chain_points_to_nobody(lived, tmp_path):
    _, registry, records = lived
    entry = registry["Dana"]
    left = registry.erase("Dana")
    assert records.identity_of("Dana").hex() == left.identity_hash[2:]  # the chain keeps the hash
    held = (tmp_path / "registry.json").read_bytes()
    for needle in _needles(entry.name, entry.number) + [entry.salt.hex().encode(), b'"Dana"']:
        assert needle not in held
    assert left.acknowledgments and left.acknowledgments[0].charter_hash.startswith("0x")
