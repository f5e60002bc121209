"""The tests every chain engine must pass, written once.

An engine's test file is a fixture and a one-line subclass::

    @pytest.fixture
    def engine():
        return MyEngine(accounts=4)

    class TestMyEngine(EngineSuite):
        pass

The fixture must return a fresh engine with at least three funded accounts. Tests speak
to the engine in raw bytes first (what :class:`~dao_sim.chain.base.Engine` promises),
then through a :class:`~dao_sim.chain.session.ChainSession` on top of it (what the rest
of dao-sim relies on).

A test of an optional capability (``Engine.CAPABILITIES``) checks, on an engine that lacks
it, that the engine says so (an ``EngineCapabilityError`` naming the capability, or no hash
where a hash would be) instead: no test is skipped.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

__all__ = ["EngineSuite"]

ETHER = 10**18
DAY = 86_400


def _selector(signature: str) -> bytes:
    from eth_utils import keccak

    return keccak(text=signature)[:4]


def _encode(types: list[str], values: list[Any]) -> bytes:
    from eth_abi import encode

    return encode(types, values)


class EngineSuite:
    """Shared tests for :class:`~dao_sim.chain.base.Engine` implementations."""

    # -- helpers ------------------------------------------------------------------------------

    @pytest.fixture
    def probe(self) -> Any:
        """The compiled probe contracts (``Probe``, ``Child``, ``Refuser``)."""
        from dao_sim.testing.probe import probe_artifacts

        return probe_artifacts()

    @staticmethod
    def _deploy_raw(engine: Any, artifact: Any, sender: str, *init: bytes,
                    value: int = 0) -> Any:
        from dao_sim.chain.base import TX_GAS, RawTransaction

        code = bytes.fromhex(artifact.bytecode[2:]) + b"".join(init)
        return engine.send(RawTransaction(sender, None, code, value, TX_GAS))

    @staticmethod
    def _send(engine: Any, sender: str, to: str, data: bytes, value: int = 0) -> Any:
        from dao_sim.chain.base import TX_GAS, RawTransaction

        return engine.send(RawTransaction(sender, to, data, value, TX_GAS))

    # -- accounts -----------------------------------------------------------------------------

    def test_accounts_are_funded_and_keys_match(self, engine: Any) -> None:
        from eth_keys import keys

        accounts = engine.accounts()
        assert len(accounts) >= 3
        assert len(set(accounts)) == len(accounts)
        assert isinstance(engine.chain_id, int) and engine.chain_id > 0
        for address in accounts:
            assert engine.balance(address) > 0
            key = keys.PrivateKey(engine.private_key(address))
            assert key.public_key.to_checksum_address() == address

    def test_added_accounts_are_funded_and_can_send(self, engine: Any) -> None:
        before = engine.accounts()
        added = engine.add_accounts(2, 3 * ETHER)
        single = engine.add_account(ETHER)
        assert engine.accounts() == before + added + [single]
        assert [engine.balance(a) for a in added] == [3 * ETHER, 3 * ETHER]
        receipt = self._send(engine, single, before[0], b"", ETHER // 2)
        assert receipt.status
        assert engine.balance(single) <= ETHER // 2

    # -- deploy, call, transact -----------------------------------------------------------------

    def test_deploy_call_and_transact(self, engine: Any, probe: Any) -> None:
        owner, other = engine.accounts()[:2]
        deployed = self._deploy_raw(engine, probe["Probe"], owner, _encode(["uint256"], [0]))
        assert deployed.status and deployed.revert_data is None
        probe_address = deployed.contract_address
        assert probe_address is not None and engine.code(probe_address)
        assert engine.code(other) == b""

        result = engine.call(owner, probe_address, _selector("ownerOnly()"))
        assert result == _encode(["address"], [owner])
        stored = self._send(engine, other, probe_address,
                            _selector("store(uint256,uint256,string)")
                            + _encode(["uint256", "uint256", "string"], [7, 42, "hello"]))
        assert stored.status and stored.gas_used > 21_000
        assert stored.contract_address is None
        assert stored.block_number == engine.latest_block().number
        value = engine.call(None, probe_address,
                            _selector("values(uint256)") + _encode(["uint256"], [7]))
        assert value == _encode(["uint256"], [42])

    def test_calls_see_the_sender_and_the_latest_block(self, engine: Any, probe: Any) -> None:
        owner = engine.accounts()[0]
        address = self._deploy_raw(engine, probe["Probe"], owner,
                                   _encode(["uint256"], [0])).contract_address
        engine.mine(2)
        out = engine.call(owner, address, _selector("whoAndWhen()"))
        latest = engine.latest_block()
        assert out == _encode(["address", "uint256", "uint256"],
                              [owner, latest.timestamp, latest.number])
        assert engine.call(owner, address, _selector("whoAndWhen()"), block=latest.number) == out

    def test_calls_see_past_blocks(self, engine: Any, probe: Any) -> None:
        from dao_sim.chain.base import HISTORICAL_STATE, EngineCapabilityError

        owner = engine.accounts()[0]
        address = self._deploy_raw(engine, probe["Probe"], owner,
                                   _encode(["uint256"], [0])).contract_address
        stored = self._send(engine, owner, address,
                            _selector("store(uint256,uint256,string)")
                            + _encode(["uint256", "uint256", "string"], [1, 5, ""]))
        engine.mine(2)
        read = _selector("values(uint256)") + _encode(["uint256"], [1])
        if not engine.has(HISTORICAL_STATE):
            with pytest.raises(EngineCapabilityError) as refused:
                engine.call(None, address, read, block=stored.block_number - 1)
            assert refused.value.capability == HISTORICAL_STATE
            assert HISTORICAL_STATE in str(refused.value)
            return
        assert engine.call(None, address, read, block=stored.block_number - 1) == bytes(32)
        assert engine.call(None, address, read, block=stored.block_number) == _encode(
            ["uint256"], [5])

    # -- failures -------------------------------------------------------------------------------

    def test_failed_transaction_is_mined_with_its_revert_data(self, engine: Any,
                                                              probe: Any) -> None:
        owner, other = engine.accounts()[:2]
        address = self._deploy_raw(engine, probe["Probe"], owner,
                                   _encode(["uint256"], [0])).contract_address
        before = engine.latest_block().number
        failed = self._send(engine, other, address, _selector("ownerOnly()"))
        assert failed.status is False
        assert failed.block_number == before + 1 and failed.logs == ()
        assert failed.revert_data == (_selector("NotOwner(address,address)")
                                      + _encode(["address", "address"], [other, owner]))
        # The failed transaction used a nonce: the sender's next one still goes through.
        assert self._send(engine, other, owner, b"", 1).status

    def test_failed_deployment_has_no_address(self, engine: Any, probe: Any) -> None:
        owner = engine.accounts()[0]
        failed = self._deploy_raw(engine, probe["Refuser"], owner, value=ETHER)
        assert failed.status is False and failed.contract_address is None

    def test_call_reverts_carry_raw_data(self, engine: Any, probe: Any) -> None:
        from dao_sim.exceptions import EngineRevert

        owner, other = engine.accounts()[:2]
        address = self._deploy_raw(engine, probe["Probe"], owner,
                                   _encode(["uint256"], [0])).contract_address
        cases = {
            _selector("ownerOnly()"): _selector("NotOwner(address,address)")
            + _encode(["address", "address"], [other, owner]),
            _selector("fail(string)") + _encode(["string"], ["no quorum"]):
            _selector("Error(string)") + _encode(["string"], ["no quorum"]),
            _selector("divide(uint256,uint256)") + _encode(["uint256", "uint256"], [1, 0]):
            _selector("Panic(uint256)") + _encode(["uint256"], [0x12]),
            _selector("bare()"): b"",
        }
        for calldata, expected in cases.items():
            with pytest.raises(EngineRevert) as caught:
                engine.call(other, address, calldata)
            assert caught.value.data == expected

    # -- time and blocks ------------------------------------------------------------------------

    def test_time_advances_by_exactly_the_duration(self, engine: Any, probe: Any) -> None:
        from dao_sim.exceptions import DurationError, EngineRevert

        owner = engine.accounts()[0]
        address = self._deploy_raw(engine, probe["Probe"], owner,
                                   _encode(["uint256"], [3 * DAY])).contract_address
        with pytest.raises(EngineRevert):
            engine.call(owner, address, _selector("open()"))
        start = engine.latest_block()
        advanced = engine.advance_time(3 * DAY)
        assert advanced.number == start.number + 1
        assert advanced.timestamp == start.timestamp + 3 * DAY
        assert engine.latest_block() == advanced
        assert engine.call(owner, address, _selector("open()")) == _encode(["bool"], [True])
        with pytest.raises(DurationError):
            engine.advance_time(0)

    def test_blocks_are_mined_in_order(self, engine: Any) -> None:
        from dao_sim.exceptions import ChainError

        start = engine.latest_block()
        last = engine.mine(3)
        assert last.number == start.number + 3
        blocks = [engine.block(n) for n in range(start.number, last.number + 1)]
        assert blocks[-1] == last and blocks[0] == start
        assert all(a.timestamp < b.timestamp for a, b in itertools.pairwise(blocks))
        with pytest.raises(ChainError):
            engine.block(last.number + 1)

    def test_block_hashes(self, engine: Any) -> None:
        from dao_sim.chain.base import BLOCK_HASHES

        start = engine.latest_block()
        last = engine.mine(3)
        hashes = [engine.block(n).hash for n in range(start.number, last.number + 1)]
        if not engine.has(BLOCK_HASHES):  # no hash rather than an invented one
            assert hashes == [None] * 4 and last.hash is None
            return
        assert len(set(hashes)) == 4
        assert all(h is not None and len(h) == 66 and h.startswith("0x") for h in hashes)

    def test_transaction_hashes(self, engine: Any) -> None:
        from dao_sim.chain.base import SIGNED_TRANSACTIONS

        a, b = engine.accounts()[:2]
        names = [self._send(engine, a, b, b"", 1).tx_hash for _ in range(2)]
        assert len(set(names)) == 2
        if not engine.has(SIGNED_TRANSACTIONS):  # a name, plainly not a hash
            assert not any(n.startswith("0x") for n in names)
            return
        assert all(len(n) == 66 and n.startswith("0x") for n in names)

    def test_web3_view(self, engine: Any) -> None:
        from dao_sim.chain.base import WEB3, EngineCapabilityError

        if not engine.has(WEB3):
            with pytest.raises(EngineCapabilityError) as refused:
                _ = engine.web3
            assert refused.value.capability == WEB3
            return
        assert engine.web3.eth.block_number == engine.latest_block().number

    def test_describe_names_what_the_engine_lacks(self, engine: Any) -> None:
        from dao_sim.chain.base import CAPABILITIES

        described = engine.describe()
        assert str(engine.chain_id) in described
        for capability in engine.lacking():
            assert CAPABILITIES[capability] in described
        assert set(engine.lacking()) | engine.CAPABILITIES == set(CAPABILITIES)

    # -- snapshots ------------------------------------------------------------------------------

    def test_snapshot_and_revert(self, engine: Any) -> None:
        from dao_sim.exceptions import SnapshotError

        a, b = engine.accounts()[:2]
        accounts, balance_b, block = engine.accounts(), engine.balance(b), engine.latest_block()
        baseline = engine.snapshot()
        for _ in range(2):  # a snapshot can be returned to more than once
            self._send(engine, a, b, b"", 2 * ETHER)
            engine.add_account(ETHER)
            engine.advance_time(DAY)
            later = engine.snapshot()
            engine.revert(baseline)
            assert engine.accounts() == accounts
            assert engine.balance(b) == balance_b
            assert engine.latest_block() == block
            with pytest.raises(SnapshotError):
                engine.revert(later)
        assert self._send(engine, a, b, b"", ETHER).status
        assert engine.balance(b) == balance_b + ETHER

    def test_a_released_snapshot_is_gone(self, engine: Any) -> None:
        from dao_sim.exceptions import SnapshotError

        a, b = engine.accounts()[:2]
        kept, released = engine.snapshot(), engine.snapshot()
        self._send(engine, a, b, b"", ETHER)
        engine.release(released)
        with pytest.raises(SnapshotError):
            engine.revert(released)
        engine.release(released)  # twice is harmless
        engine.revert(kept)
        assert self._send(engine, a, b, b"", ETHER).status

    # -- money and logs -------------------------------------------------------------------------

    def test_value_moves_between_accounts_and_contracts(self, engine: Any, probe: Any) -> None:
        a, b = engine.accounts()[:2]
        address = self._deploy_raw(engine, probe["Probe"], a, _encode(["uint256"], [0]),
                                   value=2 * ETHER).contract_address
        refuser = self._deploy_raw(engine, probe["Refuser"], a).contract_address
        assert engine.balance(address) == 2 * ETHER
        before = engine.balance(b)
        assert self._send(engine, a, b, b"", 3 * ETHER).status
        assert engine.balance(b) == before + 3 * ETHER
        paid = self._send(engine, a, address, b"", ETHER)
        assert paid.status and engine.balance(address) == 3 * ETHER
        assert [log.address for log in paid.logs] == [address]
        refused = self._send(engine, a, refuser, b"", ETHER)
        assert refused.status is False and engine.balance(refuser) == 0
        sent = self._send(engine, a, address, _selector("pay(address,uint256)")
                          + _encode(["address", "uint256"], [b, ETHER]))
        assert sent.status and engine.balance(b) == before + 4 * ETHER

    def test_logs_carry_topics_and_data(self, engine: Any, probe: Any) -> None:
        owner = engine.accounts()[0]
        address = self._deploy_raw(engine, probe["Probe"], owner,
                                   _encode(["uint256"], [0])).contract_address
        receipt = self._send(engine, owner, address,
                             _selector("store(uint256,uint256,string)")
                             + _encode(["uint256", "uint256", "string"], [9, 3, "note"]))
        (log,) = receipt.logs
        from eth_utils import keccak

        assert log.address == address
        assert log.topics == (keccak(text="Stored(address,uint256,string,uint256)"),
                              _encode(["address"], [owner]), _encode(["uint256"], [9]))
        assert log.data == _encode(["string", "uint256"], ["note", 3])
        spawned = self._send(engine, owner, address, _selector("spawn()"))
        assert [len(log.topics) for log in spawned.logs] == [2, 1]
        assert spawned.logs[0].address != address

    # -- through a session ----------------------------------------------------------------------

    def test_a_session_runs_on_this_engine(self, engine: Any, probe: Any) -> None:
        from dao_sim.chain.session import ChainSession
        from dao_sim.exceptions import ContractReverted, TransactionReverted

        session = ChainSession(engine, names=["Aigerim", "Bolat", "Dana"])
        contract = session.deploy(probe["Probe"], 0, sender="Aigerim", label="Probe")
        session.register_abi(probe["Child"])
        entry = contract.transact("store", 1, 2, "first", sender="Bolat")
        assert entry.status and entry.sender_name == "Bolat" and entry.to_label == "Probe"
        assert entry.event("Stored").args == {"by": session.address("Bolat"), "key": 1,
                                              "note": "first", "value": 2}
        assert contract.call("whoAndWhen", sender="Dana")[0] == session.address("Dana")
        with pytest.raises(TransactionReverted) as caught:
            contract.transact("ownerOnly", sender="Dana")
        assert caught.value.error == "NotOwner"
        assert caught.value.error_args == {"caller": session.address("Dana"),
                                           "owner": session.address("Aigerim")}
        assert session.journal.last.status is False
        child = contract.transact("spawn", sender="Dana").event("Spawned").args["child"]
        with pytest.raises(ContractReverted) as nested:
            contract.call("poke", child, sender="Dana")
        assert nested.value.error == "Refused"
        assert [e.function for e in session.journal] == ["deploy", "store", "ownerOnly",
                                                         "spawn"]
