"""The default engine passes the shared engine suite, plus what only it promises."""

from __future__ import annotations

import pytest

from dao_sim.chain.base import TX_GAS, RawTransaction
from dao_sim.chain.eth_tester_engine import ETHER, GENESIS_TIMESTAMP, EthTesterEngine
from dao_sim.exceptions import ChainError, TransactionRejected
from dao_sim.testing import EngineSuite


@pytest.fixture
def engine() -> EthTesterEngine:
    return EthTesterEngine(accounts=4)


class TestEthTesterEngine(EngineSuite):
    pass


def _transfer(engine: EthTesterEngine, sender: str, to: str, value: int) -> str:
    return engine.send(RawTransaction(sender, to, b"", value, TX_GAS)).tx_hash


def test_runs_reproduce_exactly() -> None:
    hashes = []
    for _ in range(2):
        engine = EthTesterEngine(accounts=2)
        a, b = engine.accounts()
        extra = engine.add_account()
        engine.advance_time(3600)
        hashes.append((_transfer(engine, a, extra, ETHER), _transfer(engine, b, a, 1),
                       engine.latest_block()))
    assert hashes[0] == hashes[1]
    assert hashes[0][2].timestamp == GENESIS_TIMESTAMP + 1 + 3600 + 2


def test_clock_and_gas_price_are_configurable() -> None:
    engine = EthTesterEngine(accounts=2, genesis_timestamp=1_800_000_000, block_time=12,
                             gas_price=10**9, balance=10 * ETHER)
    a, b = engine.accounts()
    receipt = engine.send(RawTransaction(a, b, b"", ETHER, 50_000))
    assert receipt.timestamp == 1_800_000_012
    assert engine.balance(a) == 9 * ETHER - receipt.gas_used * 10**9
    assert engine.balance(b) == 11 * ETHER


def test_default_gas_price_leaves_balances_exact() -> None:
    engine = EthTesterEngine(accounts=2)
    a, b = engine.accounts()
    _transfer(engine, a, b, ETHER)
    assert (engine.balance(a), engine.balance(b)) == (999 * ETHER, 1_001 * ETHER)


def test_invalid_transactions_are_rejected_not_mined() -> None:
    engine = EthTesterEngine(accounts=2, balance=ETHER)
    a, b = engine.accounts()
    start = engine.latest_block()
    with pytest.raises(TransactionRejected, match="afford|balance|fund"):
        _transfer(engine, a, b, 2 * ETHER)
    with pytest.raises(TransactionRejected, match="no key"):
        _transfer(engine, "0x" + "12" * 20, b, 1)
    with pytest.raises(TransactionRejected):
        engine.send(RawTransaction(a, b, b"", 1, 10**9))  # over the block gas limit
    assert engine.latest_block() == start
    assert _transfer(engine, a, b, 1)  # the nonce was not burnt


def test_unknown_key_and_block_are_refused() -> None:
    engine = EthTesterEngine(accounts=1)
    with pytest.raises(ChainError):
        engine.private_key("0x" + "00" * 20)
    with pytest.raises(ChainError):
        engine.block(5)


def test_web3_view_shares_the_chain() -> None:
    engine = EthTesterEngine(accounts=3)
    a, b, c = engine.accounts()
    _transfer(engine, a, b, ETHER)
    w3 = engine.web3
    assert w3.eth.block_number == engine.latest_block().number
    assert w3.eth.get_balance(b) == engine.balance(b)
    assert set(w3.eth.accounts) == {a, b, c}
    before = engine.latest_block()
    for _ in range(2):
        w3.eth.send_transaction({"from": a, "to": c, "value": ETHER})
    # web3's blocks follow the engine's clock; the engine then keeps its nonces in step.
    head = engine.latest_block()
    assert (head.number, head.timestamp) == (before.number + 2, before.timestamp + 2)
    assert head.number == w3.eth.block_number
    after = engine.send(RawTransaction(a, c, b"", ETHER, TX_GAS))
    assert after.status and after.block_number == head.number + 1
    assert after.timestamp == head.timestamp + 1
    assert engine.balance(c) == 1_003 * ETHER


def test_a_heavy_block_does_not_break_a_zero_gas_price() -> None:
    heavy = b"\x01" * 400_000  # about 16M gas of calldata: over a 30M block's target
    for limit, base_fee in ((30_000_000, 1), (60_000_000, 0)):
        engine = EthTesterEngine(accounts=2, block_gas_limit=limit)
        a, b = engine.accounts()
        receipt = engine.send(RawTransaction(a, b, heavy, 0, 20_000_000))
        assert receipt.status and 15_000_000 < receipt.gas_used < 20_000_000
        # Past a 30M block's target the base fee rises to 1 wei, and stays there;
        # transactions then pay it rather than being refused. The default limit avoids it.
        after = engine.send(RawTransaction(a, b, b"", ETHER, 21_000))
        assert after.status
        assert engine.balance(a) == 999 * ETHER - base_fee * after.gas_used
