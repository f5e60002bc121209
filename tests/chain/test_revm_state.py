"""Reading a transaction's effects from pyrevm's journal text: jumping over known code reads
exactly what a full search reads."""

from __future__ import annotations

from typing import Any

import pytest

from dao_sim.chain import revm_engine, revm_state
from dao_sim.chain.session import ChainSession


def test_skipping_known_code_reads_the_same_effects(probe: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[revm_state.Effects, revm_state.Effects]] = []

    def both(journal: str, code_sizes: Any = None) -> revm_state.Effects:
        fast = revm_state.read_effects(journal, code_sizes)
        seen.append((fast, revm_state.read_effects(journal)))
        return fast

    monkeypatch.setattr(revm_engine, "read_effects", both)
    session = ChainSession("revm", names=["Aigerim", "Bolat"])
    contract = session.deploy(probe["Probe"], 0, sender="Aigerim", label="Probe", value=3)
    for key in range(3):
        contract.transact("store", key, key + 7, "note", sender="Bolat")
    contract.transact("spawn", sender="Bolat")
    contract.transact("pay", "Bolat", 1, sender="Aigerim")
    assert len(seen) == 6
    assert all(fast == full for fast, full in seen)
    assert any(fast.storage for fast, _ in seen) and any(fast.created for fast, _ in seen)


def test_code_of_unexpected_shape_is_still_crossed() -> None:
    code = "ab" * 4
    text = ("JournaledState { state: {0x00000000000000000000000000000000000000c0: Account { info: "
            "AccountInfo { balance: 5, nonce: 1, code_hash: 0x" + "11" * 32 + ", code: Some("
            "Bytecode { bytecode: 0x" + code + ", state: Raw }) }, storage: {7: StorageSlot { "
            "previous_or_original_value: 1, present_value: 2 }}, status: AccountStatus(Touched) "
            "}}, transient_storage: {} }")
    address = "0x00000000000000000000000000000000000000c0"
    for sizes in (None, {address: 4}, {address: 3}):
        effects = revm_state.read_effects(text, sizes)
        assert effects.storage == [(address, 7, 1, 2)]
        assert effects.accounts == {address: (5, 1)}
