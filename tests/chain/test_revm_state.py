"""Reading a transaction's effects from pyrevm's journal text: the short reading (known code
dropped) finds what the whole text shows."""

from __future__ import annotations

from typing import Any

import pytest

from dao_sim.chain import revm_engine, revm_state
from dao_sim.chain.session import ChainSession


def _play_probe(probe: Any) -> None:
    session = ChainSession("revm", names=["Aigerim", "Bolat"])
    contract = session.deploy(probe["Probe"], 0, sender="Aigerim", label="Probe", value=3)
    for key in range(3):
        contract.transact("store", key, key + 7, "note", sender="Bolat")
    contract.transact("spawn", sender="Bolat")
    contract.transact("pay", "Bolat", 1, sender="Aigerim")


def test_the_short_reading_finds_what_the_whole_journal_shows(
        probe: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every transaction read the quick way (code dropped from the journal, balances from
    ``journal_state``) gives the changes the whole journal text gives."""
    seen: list[tuple[revm_state.Effects, revm_state.Effects, dict[str, Any]]] = []
    quick = revm_engine.RevmEngine._effects

    def both(engine: revm_engine.RevmEngine) -> Any:
        whole = revm_state.read_effects(engine._evm.journal_str)
        before = dict(engine._state)
        effects, infos = quick(engine)
        seen.append((effects, whole, before))
        return effects, infos

    monkeypatch.setattr(revm_engine.RevmEngine, "_effects", both)
    _play_probe(probe)
    assert len(seen) == 6
    for effects, whole, before in seen:
        assert sorted(effects.storage) == sorted(whole.storage)
        assert effects.created == whole.created
        if not whole.created:
            assert effects.accounts == {a: v for a, v in whole.accounts.items()
                                        if before.get(a, (0, 0)) != v}
    assert sum(bool(effects.storage) for effects, _, _ in seen) >= 3  # the three stores


def test_between_transactions_the_journal_holds_only_the_coinbase(probe: Any) -> None:
    session = ChainSession("revm", names=["Aigerim", "Bolat"])
    contract = session.deploy(probe["Probe"], 0, sender="Aigerim", label="Probe", value=3)
    contract.transact("store", 1, 8, "note", sender="Bolat")
    # revm keeps the block's coinbase (here the zero address) loaded outside any checkpoint;
    # it is warm at the start of every transaction anyway (EIP-3651)
    assert set(session.engine._evm.journal_state) == {"0x" + "00" * 20}


def test_raw_code_of_a_created_contract_is_crossed() -> None:
    code = "ab" * 4
    text = ("JournaledState { state: {0x00000000000000000000000000000000000000c0: Account { info: "
            "AccountInfo { balance: 5, nonce: 1, code_hash: 0x" + "11" * 32 + ", code: Some("
            "Bytecode { bytecode: 0x" + code + ", state: Raw }) }, storage: {7: StorageSlot { "
            "previous_or_original_value: 1, present_value: 2 }}, status: AccountStatus(Touched "
            "| Created) }}, transient_storage: {} }")
    address = "0x00000000000000000000000000000000000000c0"
    effects = revm_state.read_effects(text)
    assert effects.storage == [(address, 7, 1, 2)]
    assert effects.accounts == {address: (5, 1)}
    assert effects.created == {address: bytes.fromhex(code)}
