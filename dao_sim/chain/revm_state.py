"""What one transaction changed, read from pyrevm's journal before it is reverted.

pyrevm 0.3.7 shows its journal only as text (``EVM.journal_str``, Rust's debug form of
revm's ``JournaledState``). :class:`~dao_sim.chain.revm_engine.RevmEngine` runs each
transaction in a checkpoint that starts with an empty journal, so that text holds exactly
the accounts the transaction loaded; :func:`read_effects` picks out those it changed:
balances and nonces of touched accounts, and storage slots whose value moved.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Effects", "read_effects"]

_HEAD = ": Account { info: AccountInfo { balance: "
_SOME_CODE = ", code: Some(Bytecode { bytecode: 0x"
#: From the end of the nonce: the code hash (64 hex digits after its name), then the code.
_CODE_AT = len(", code_hash: 0x") + 64
_HEX_AT = _CODE_AT + len(_SOME_CODE)
_MAP_END = '" } } }) }, storage: {'
_NONCE = ", nonce: "
_STORAGE = "}, storage: {"
_STATUS = "}, status: AccountStatus("
_SLOT = ": StorageSlot { previous_or_original_value: "
_PRESENT = ", present_value: "
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


def _past_code(journal: str, hex_at: int, size: int) -> int:
    """Where to look for an account's status, given where its code's hex starts and its size.

    revm shows analysed code padded with 33 zero bytes, then its jump map in hex, one bit per
    byte of padded code. Both lengths follow from the size; the text at each end is checked,
    and where it is not as expected, only the code's own hex (two characters a byte, a lower
    bound either way) is skipped.
    """
    head, code_chars, map_chars = _analysed(size)
    head_at = hex_at + code_chars
    if size and journal.startswith(head, head_at):
        end = head_at + len(head) + map_chars
        if journal.startswith(_MAP_END, end):
            return end
    return hex_at + 2 * size


@functools.lru_cache(maxsize=1024)
def _analysed(size: int) -> tuple[str, int, int]:
    """For code of ``size`` bytes as revm analysed it: the text between its hex and its jump
    map, and the lengths of both hex strings (code padded by 33 bytes; a bit a padded byte)."""
    padded = size + 33
    return (f", state: Analysed {{ len: {size}, jump_map: JumpMap {{ map: \"", 2 * padded,
            2 * ((padded + 7) // 8))


def read_effects(journal: str, code_sizes: Mapping[str, int] | None = None) -> Effects:
    """Read the accounts and slots a transaction changed from ``EVM.journal_str``.

    ``code_sizes`` (lowercase address to runtime code size) lets the search jump over the
    code of known contracts: the journal writes each loaded contract's code in hex, at least
    two characters a byte, and that text is most of the journal.

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
    # hex, which is crossed once per account (to its status) and never by a regular
    # expression. The accounts come first; the journal after them names none this way.
    effects = Effects()
    at = journal.find(_HEAD)
    while at >= 0:
        address = journal[at - 42:at]
        balance_at = at + len(_HEAD)
        nonce_at = journal.index(_NONCE, balance_at)
        nonce_end = journal.index(",", nonce_at + len(_NONCE))
        skip = nonce_end
        if code_sizes and journal.startswith(_SOME_CODE, nonce_end + _CODE_AT):
            skip = _past_code(journal, nonce_end + _HEX_AT, code_sizes.get(address, 0))
        status_at = journal.index(_STATUS, skip)
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
