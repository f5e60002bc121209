"""The fast engine passes the shared engine suite, plus what only it promises."""

from __future__ import annotations

import pytest

from dao_sim.chain.base import TX_GAS, RawTransaction
from dao_sim.chain.eth_tester_engine import EthTesterEngine
from dao_sim.chain.revm_engine import ETHER, RevmEngine
from dao_sim.chain.session import ChainSession
from dao_sim.exceptions import ChainError, DaoSimError, TransactionRejected
from dao_sim.testing import EngineSuite


@pytest.fixture
def engine() -> RevmEngine:
    return RevmEngine(accounts=4)


class TestRevmEngine(EngineSuite):
    pass


def test_same_keys_addresses_and_clock_as_the_default_engine() -> None:
    fast, default = RevmEngine(accounts=3), EthTesterEngine(accounts=3)
    assert fast.accounts() == default.accounts()
    assert fast.chain_id == default.chain_id
    assert fast.latest_block().timestamp == default.latest_block().timestamp
    assert fast.add_accounts(2) == default.add_accounts(2)
    fast.advance_time(3600)
    default.advance_time(3600)
    a, b = fast.accounts()[:2]
    sent = [e.send(RawTransaction(a, b, b"", ETHER, TX_GAS)) for e in (fast, default)]
    assert [(r.block_number, r.timestamp, r.gas_used) for r in sent] == [
        (sent[1].block_number, sent[1].timestamp, sent[1].gas_used)] * 2
    assert fast.balance(b) == default.balance(b)


def test_calldata_floor_is_prague_s() -> None:
    heavy = b"\x01" * 1000
    fast, default = RevmEngine(accounts=2), EthTesterEngine(accounts=2)
    a, b = fast.accounts()
    used = [e.send(RawTransaction(a, b, heavy, 0, 100_000)).gas_used for e in (fast, default)]
    assert used[0] == used[1] == 21_000 + 10 * 4 * 1000
    with pytest.raises(TransactionRejected, match="floor"):
        fast.send(RawTransaction(a, b, heavy, 0, 50_000))


def test_invalid_transactions_are_rejected_not_mined() -> None:
    engine = RevmEngine(accounts=2, balance=ETHER)
    a, b = engine.accounts()
    start = engine.latest_block()
    with pytest.raises(TransactionRejected, match="afford"):
        engine.send(RawTransaction(a, b, b"", 2 * ETHER, TX_GAS))
    with pytest.raises(TransactionRejected, match="no key"):
        engine.send(RawTransaction("0x" + "12" * 20, b, b"", 1, TX_GAS))
    with pytest.raises(TransactionRejected):
        engine.send(RawTransaction(a, b, b"", 1, 10**9))
    with pytest.raises(TransactionRejected):
        engine.send(RawTransaction(a, b, b"", 1, 100))
    assert engine.latest_block() == start
    assert engine.send(RawTransaction(a, b, b"", 1, TX_GAS)).status


def test_sessions_choose_engines_by_name() -> None:
    session = ChainSession("revm", names=["Aigerim", "Bolat"])
    assert isinstance(session.engine, RevmEngine)
    assert session.engine.describe().startswith("pyrevm 0.3.7")
    assert isinstance(ChainSession("eth-tester", names=["Aigerim"]).engine, EthTesterEngine)
    with pytest.raises(DaoSimError, match="eth-tester, revm; did you mean 'revm'") as caught:
        ChainSession("revn", names=["Aigerim"])
    assert isinstance(caught.value, ChainError) and "\n" not in str(caught.value)


def test_unknown_key_and_block_are_refused() -> None:
    engine = RevmEngine(accounts=1)
    with pytest.raises(ChainError):
        engine.private_key("0x" + "00" * 20)
    with pytest.raises(ChainError):
        engine.block(5)


def test_a_revert_undoes_storage_code_and_balances_so_a_replay_is_identical(probe) -> None:
    session = ChainSession("revm", names=["Aigerim", "Bolat", "Dana"])
    baseline = session.snapshot()

    def story() -> list[tuple[object, ...]]:
        contract = session.deploy(probe["Probe"], 0, sender="Aigerim", label="Probe", value=5)
        contract.transact("store", 1, 2, "first", sender="Bolat")
        contract.transact("store", 1, 3, "again", sender="Dana")
        child = contract.transact("spawn", sender="Dana").event("Spawned").args["child"]
        contract.transact("pay", "Bolat", 2, sender="Aigerim")
        return [(e.function, e.gas_used, e.block, e.timestamp, e.to, str(e.events))
                for e in session.journal] + [
            (session.balance("Bolat"), contract.call("values", 1),
             len(session.engine.code(child)))]

    first = story()
    session.revert(baseline)
    assert session.engine.code(first[0][4]) == b""  # the Probe is gone with its code
    assert story() == first
