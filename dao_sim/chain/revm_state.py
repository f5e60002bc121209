"""What one transaction changed, read from pyrevm's journal before it is reverted.

pyrevm 0.3.7 shows its journal only as text (``EVM.journal_str``, Rust's debug form of
revm's ``JournaledState``). :class:`~dao_sim.chain.revm_engine.RevmEngine` runs each
transaction in a checkpoint that starts with an empty journal, so that text holds exactly
the accounts the transaction loaded; :func:`read_effects` picks out those it changed:
balances and nonces of touched accounts, and storage slots whose value moved.

Most of that text is the code of the contracts called, in hex. Where the engine knows every
loaded contract, it takes balances and nonces from ``EVM.journal_state`` and drops the code
from the journal's copy of each account before printing it; :func:`changed_slots` then reads
the slots from the much shorter text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Effects", "changed_slots", "read_effects"]

_HEAD = ": Account { info: AccountInfo { balance: "
_NONCE = ", nonce: "
_STORAGE = "}, storage: {"
_STATUS = "}, status: AccountStatus("
_SLOT = ": StorageSlot { previous_or_original_value: "
_PRESENT = ", present_value: "
#: A slot whose present value differs from its value before the transaction: the
#: lookahead refuses a present value that repeats the earlier one. It begins with text,
#: which the regular expression engine searches for quickly, not with the slot's number.
_CHANGED = re.compile(r": StorageSlot \{ previous_or_original_value: (\d+), "
                      r"present_value: (?!\1 \})(\d+) \}")
_ACCOUNT_AT = ": Account { info: "
_STATE_END = "}, transient_storage: "  # the accounts end here; the journal's own list follows
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

    The engine reads a transaction this way when it created a contract, whose code it
    does not know yet; the code of the contracts it knows is dropped from the journal's copy
    before the text is made (see the module's note), since crossing it is most of the work.

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
    # Plain ``str.find`` from one landmark to the next: new code in hex is crossed once (to
    # its account's status) and never by a regular expression. The accounts come first; the
    # journal after them names none this way.
    effects = Effects()
    at = journal.find(_HEAD)
    while at >= 0:
        address = journal[at - 42:at]
        balance_at = at + len(_HEAD)
        nonce_at = journal.index(_NONCE, balance_at)
        nonce_end = journal.index(",", nonce_at + len(_NONCE))
        status_at = journal.index(_STATUS, nonce_end)
        storage_at = journal.rfind(_STORAGE, nonce_end, status_at)
        status_end = journal.index(")", status_at)
        status = journal[status_at + len(_STATUS):status_end]
        if "Touched" in status:
            effects.accounts[address] = (int(journal[balance_at:nonce_at]),
                                         int(journal[nonce_at + len(_NONCE):nonce_end]))
            slots = journal[storage_at + len(_STORAGE):status_at]
            # "K: StorageSlot { previous_or_original_value: V, present_value: W }, ..."; split
            # rather than a regular expression, which backtracks through every long number.
            for item in slots.removesuffix(" }").split(" }, ") if slots else ():
                key, _, values = item.partition(_SLOT)
                old, _, new = values.partition(_PRESENT)
                if old != new:
                    effects.storage.append((address, int(key), int(old), int(new)))
            if "Created" in status:
                code = _CODE.search(journal, nonce_end, storage_at)
                if code is None:  # pragma: no cover - a created account always shows its code
                    raise ValueError(f"pyrevm's journal shows no code for {address}")
                raw = bytes.fromhex(code.group(1))
                effects.created[address] = raw[:int(code.group(2))] if code.group(2) else raw
        at = journal.find(_HEAD, status_end)
    return effects


def changed_slots(journal: str) -> list[tuple[str, int, int, int]]:
    """``(address, slot, old value, new value)`` of every slot whose value moved.

    For a journal text holding no contract code (see the module's note): a search through
    code would be slow, and code in hex could not be told from the slots' text.

    Examples
    --------
    >>> text = ("JournaledState { state: {0x00000000000000000000000000000000000000c0: Account "
    ...         "{ info: AccountInfo { balance: 5, nonce: 1, code_hash: 0x00, code: None }, "
    ...         "storage: {7: StorageSlot { previous_or_original_value: 0, present_value: 9 }, "
    ...         "8: StorageSlot { previous_or_original_value: 4, present_value: 4 }, "
    ...         "9: StorageSlot { previous_or_original_value: 4, present_value: 40 }}, "
    ...         "status: AccountStatus(Touched) }}, transient_storage: {} }")
    >>> [slot[1:] for slot in changed_slots(text)]
    [(7, 0, 9), (9, 4, 40)]
    """
    slots = []
    end = journal.find(_STATE_END)
    for found in _CHANGED.finditer(journal, 0, len(journal) if end < 0 else end):
        at = found.start()
        head = journal.rfind(_ACCOUNT_AT, 0, at)
        key = journal[journal.rfind(" ", head, at) + 1:at].lstrip("{")
        slots.append((journal[head - 42:head], int(key), int(found.group(1)),
                      int(found.group(2))))
    return slots
