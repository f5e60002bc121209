"""What one transaction changed, read from pyrevm's journal before it is reverted.

pyrevm 0.3.7 shows its journal only as text (``EVM.journal_str``, Rust's debug form of
revm's ``JournaledState``). :class:`~dao_sim.chain.revm_engine.RevmEngine` runs each
transaction in a checkpoint that starts with an empty journal, so that text holds exactly
the accounts the transaction loaded; :func:`read_effects` picks out those it changed:
balances and nonces of touched accounts, and storage slots whose value moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Effects", "read_effects"]

_HEAD = ": Account { info: AccountInfo { balance: "
_NONCE = ", nonce: "
_STORAGE = "}, storage: {"
_STATUS = "}, status: AccountStatus("
_SLOT = re.compile(r"(\d+): StorageSlot \{ previous_or_original_value: (\d+), "
                   r"present_value: (\d+) \}")
_CODE = re.compile(r"code: Some\(Bytecode \{ bytecode: 0x([0-9a-f]*), state: "
                   r"(?:Analysed \{ len: (\d+)|Raw)")


@dataclass
class Effects:
    """A transaction's effects, by lowercase address.

    ``accounts`` holds balance and nonce of every account the transaction touched;
    ``storage`` holds ``(address, slot, old value, new value)`` of every slot it changed;
    ``created`` holds the runtime code of each contract the transaction created (a
    deployment, or a contract made by another). revm pads the code it has analysed with
    zeros; the journal text gives the original length, so the code here is exact.
    """

    accounts: dict[str, tuple[int, int]] = field(default_factory=dict)
    storage: list[tuple[str, int, int, int]] = field(default_factory=list)
    created: dict[str, bytes] = field(default_factory=dict)


def read_effects(journal: str) -> Effects:
    """Read the accounts and slots a transaction changed from ``EVM.journal_str``.

    Examples
    --------
    >>> text = ("JournaledState { state: {0x00000000000000000000000000000000000000c0: Account "
    ...         "{ info: AccountInfo { balance: 5, nonce: 1, code_hash: 0x00, code: None }, "
    ...         "storage: {7: StorageSlot { previous_or_original_value: 0, present_value: 9 }}, "
    ...         "status: AccountStatus(Touched) }}, transient_storage: {} }")
    >>> effects = read_effects(text)
    >>> effects.accounts, effects.storage
    ({'0x00000000000000000000000000000000000000c0': (5, 1)}, \
[('0x00000000000000000000000000000000000000c0', 7, 0, 9)])
    """
    # Plain ``str.find`` from one landmark to the next: the text is mostly contract code in
    # hex, which a regular expression would crawl through character by character.
    end = journal.find("}, transient_storage: ")
    if end < 0:
        end = len(journal)
    effects = Effects()
    at = journal.find(_HEAD)
    while 0 <= at < end:
        address = journal[at - 42:at]
        balance_at = at + len(_HEAD)
        nonce_at = journal.index(_NONCE, balance_at)
        nonce_end = journal.index(",", nonce_at + len(_NONCE))
        storage_at = journal.index(_STORAGE, nonce_end)
        status_at = journal.index(_STATUS, storage_at)
        status_end = journal.index(")", status_at)
        status = journal[status_at + len(_STATUS):status_end]
        if "Touched" in status:
            effects.accounts[address] = (int(journal[balance_at:nonce_at]),
                                         int(journal[nonce_at + len(_NONCE):nonce_end]))
            for slot in _SLOT.finditer(journal, storage_at, status_at):
                old, new = slot.group(2), slot.group(3)
                if old != new:
                    effects.storage.append((address, int(slot.group(1)), int(old), int(new)))
            if "Created" in status:
                code = _CODE.search(journal, nonce_end, storage_at)
                if code is None:  # pragma: no cover - a created account always shows its code
                    raise ValueError(f"pyrevm's journal shows no code for {address}")
                raw = bytes.fromhex(code.group(1))
                effects.created[address] = raw[:int(code.group(2))] if code.group(2) else raw
        at = journal.find(_HEAD, status_end)
    return effects
