"""The fast engine: revm (Rust) through pyrevm, for simulations that run a story many times.

pyrevm 0.3.7 runs message calls on one journal that it never closes, so an account or a
storage slot touched by one call stays warm for every later call, and a slot's "original
value" (which prices ``SSTORE``) stays the one it had when first read. A chain starts every
transaction cold, from values committed by the previous one. This engine restores that
rule: each transaction runs inside a pyrevm checkpoint, its effects (balances, nonces, new
code, changed storage slots) are read back, the checkpoint is reverted (which unloads
everything the transaction touched), and the effects are written to pyrevm's database,
from which the next transaction loads them cold. Gas per transaction is then the chain's.

What revm here lacks, and this engine does not fake (see :attr:`RevmEngine.CAPABILITIES`):
calls against earlier blocks, block hashes (``BlockInfo.hash`` is ``None``), signed
transactions (a receipt's ``tx_hash`` is ``revm-tx-<block>``, plainly not a hash) and a
web3.py view. Inside the EVM, ``BLOCKHASH`` cannot be refused: there revm answers with its
own stand-in, the hash of the block number, so a contract that draws lots from a block hash
(the arbitrator's panel draw) draws differently than on a chain. pyrevm 0.3.7 runs one set of rules whatever ``spec_id`` it is given (Cancun
opcodes and prices); Prague's calldata floor price (EIP-7623), the one Prague rule that
changes what a dao-sim transaction costs, is applied here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import pyrevm
from eth_hash.auto import keccak  # eth_utils.keccak wraps it at several times the cost
from eth_keys import keys

from dao_sim.chain.abi import checksum
from dao_sim.chain.base import (
    CAPABILITIES,
    HISTORICAL_STATE,
    BlockInfo,
    Engine,
    EngineCapabilityError,
    RawLog,
    RawReceipt,
    RawTransaction,
)
from dao_sim.chain.keyring import KeyRing
from dao_sim.chain.revm_state import Effects, changed_slots, read_effects
from dao_sim.exceptions import (
    ChainError,
    DurationError,
    EngineRevert,
    SnapshotError,
    TransactionRejected,
)

__all__ = ["PYREVM_VERSION", "RevmEngine"]

ETHER = 10**18
#: The default engine's genesis time and chain id (eth-tester's), repeated here so that this
#: module loads without py-evm; a test holds the two engines to the same values.
GENESIS_TIMESTAMP = 1_767_225_600
CHAIN_ID = 131_277_322_940_537
PYREVM_VERSION = "0.3.7"
_TRANSFER_GAS = 21_000
_FLOOR_PER_TOKEN = 10  # EIP-7623 (Prague): the least a transaction pays per calldata token
#: The code hash of an account without code (revm's ``KECCAK_EMPTY``).
_NO_CODE = keccak(b"")
_NO_ACCOUNT = (0, 0)  # balance and nonce of an account never written
_REVERT = re.compile(r"^Revert \{ gas_used: \d+, output: 0x([0-9a-f]*) \}$")


def _calldata_floor(data: bytes) -> int:
    zeros = data.count(0)
    return _TRANSFER_GAS + _FLOOR_PER_TOKEN * (zeros + 4 * (len(data) - zeros))


def _account(balance: int, nonce: int, code_hash: bytes | None) -> Any:
    """pyrevm's ``AccountInfo`` for the database: a contract's by its code hash alone.

    The code itself is in the database once, under its hash, as revm analysed it when the
    contract was created (:meth:`RevmEngine._apply`); revm loads it from there. Code given
    here would be stored raw, and revm would analyse it again on every call (for the DAO's
    code, more than the rest of a vote). pyrevm takes ``balance``, which its type stub forgets.
    """
    if code_hash is None:
        return pyrevm.AccountInfo(balance=balance, nonce=nonce)  # type: ignore[call-arg]
    return pyrevm.AccountInfo(balance=balance, nonce=nonce,  # type: ignore[call-arg]
                              code_hash=code_hash)


@functools.lru_cache(maxsize=4096)  # runs from one snapshot mine the same blocks again
def _prevrandao(number: int) -> bytes:
    return keccak(b"dao-sim prevrandao" + number.to_bytes(8, "big"))


class RevmEngine(KeyRing, Engine):
    """A fresh in-memory revm chain with funded accounts, keyed as the default engine's.

    Parameters mean what they mean for :class:`~dao_sim.chain.eth_tester_engine.EthTesterEngine`
    (same keys, genesis time, block time and block gas limit, so the same story gives the same
    addresses, times and gas on both), except that the gas price is always zero.

    Examples
    --------
    >>> engine = RevmEngine(accounts=2)
    >>> engine.balance(engine.accounts()[0]) == 1_000 * ETHER
    True
    >>> engine.latest_block().hash is None
    True
    """

    CAPABILITIES: frozenset[str] = frozenset()

    def __init__(self, accounts: int = 16, *, balance: int = 1_000 * ETHER,
                 genesis_timestamp: int = GENESIS_TIMESTAMP, block_time: int = 1,
                 block_gas_limit: int = 60_000_000, chain_id: int = CHAIN_ID) -> None:
        if accounts < 0 or balance < 0:
            raise ChainError("accounts and balance must not be negative")
        if block_time < 1:
            raise DurationError("block_time must be at least one second")
        self._balance = balance
        self._block_time = block_time
        self._gas_limit = block_gas_limit
        self._chain_id = chain_id
        self._evm = pyrevm.EVM(env=pyrevm.Env(cfg=pyrevm.CfgEnv(chain_id=chain_id)),
                               gas_limit=block_gas_limit)
        self._init_keys()
        #: balance and nonce of every account with either, by lowercase address: the
        #: engine's own record of what it wrote to pyrevm's database.
        self._state: dict[str, tuple[int, int]] = {}
        #: runtime code and its hash, of every contract by lowercase address
        self._code: dict[str, tuple[bytes, bytes]] = {}
        self._times = [genesis_timestamp]
        self._next_time = genesis_timestamp + block_time
        self._env_block = -1
        self._undo: list[tuple[Any, ...]] = []
        self._snapshots: dict[int, tuple[int, int, int, int]] = {}
        self._next_snapshot = 0
        for i in range(1, accounts + 1):
            self._fund(self._remember(keys.PrivateKey(i.to_bytes(32, "big"))), balance)

    # -- description ------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return f"pyrevm {PYREVM_VERSION}"

    @property
    def chain_id(self) -> int:
        return self._chain_id

    def describe(self) -> str:
        lacks = ", ".join(f"no {CAPABILITIES[c]}" for c in self.lacking())
        return (f"pyrevm {PYREVM_VERSION}, revm's rules with Prague's calldata floor (chain id "
                f"{self._chain_id}, {self._block_time} s blocks, gas price 0; {lacks})")

    # -- accounts -------------------------------------------------------------------------

    def add_accounts(self, count: int, balance: int | None = None) -> list[str]:
        """Create ``count`` funded accounts; funding takes a block per 1,428, as on the default
        engine (where a faucet pays them in blocks kept under the gas target)."""
        amount = self._balance if balance is None else balance
        added = [self._remember(self._derive(len(self._accounts) + 1)) for _ in range(count)]
        if amount:
            per_block = self._gas_limit // 2 // _TRANSFER_GAS
            for start in range(0, count, per_block):
                for address in added[start:start + per_block]:
                    self._fund(address, amount)
                self._mine_one()
        return added

    def _fund(self, address: str, amount: int) -> None:
        self._write_account(address.lower(), amount, 0)

    # -- writing pyrevm's database ----------------------------------------------------------

    def _write_account(self, address: str, balance: int, nonce: int) -> None:
        old = self._state.get(address)
        if old == (balance, nonce):
            return
        if self._snapshots:
            self._undo.append(("account", address, old, self._code_hash(address)))
        self._state[address] = (balance, nonce)
        self._evm.insert_account_info(address, _account(balance, nonce, self._code_hash(address)))

    def _code_hash(self, address: str) -> bytes | None:
        contract = self._code.get(address)
        return None if contract is None else contract[1]

    def _apply(self, effects: Effects, sender: str, nonce: int,
               created: dict[str, Any] | None = None) -> None:
        """Write a transaction's effects to the database; the journal holds none of them.

        ``created`` holds pyrevm's ``AccountInfo`` of each contract the transaction created,
        as its journal had it: with the code revm analysed. Written first, it puts that code
        in the database under its hash, where every later load finds it analysed.
        """
        for address, code in effects.created.items():
            if self._snapshots:
                self._undo.append(("code", address))
            info = (created or {}).get(address)
            if info is not None:
                self._evm.insert_account_info(address, info)
                self._code[address] = (code, bytes(info.code_hash))
            else:  # pragma: no cover - the journal holds every account it created
                self._code[address] = (code, keccak(code))
                self._evm.insert_account_info(address, pyrevm.AccountInfo(
                    code=code, code_hash=self._code[address][1]))
            self._state.pop(address, None)  # make sure the account is written
        for address, (balance, account_nonce) in effects.accounts.items():
            self._write_account(address, balance,
                                nonce if address == sender else account_nonce)
        if sender not in effects.accounts:
            self._write_account(sender, self._state.get(sender, (0, 0))[0], nonce)
        if effects.storage:
            if self._snapshots:
                self._undo.extend(("slot", a, k, old) for a, k, old, _ in effects.storage)
            self._write_slots([(a, k, v) for a, k, _, v in effects.storage])

    def _write_slots(self, slots: Iterable[tuple[str, int, int]]) -> None:
        """Write storage slots to the database, after their accounts.

        pyrevm's ``insert_account_storage`` loads the account into the journal, and a slot
        inserted while the account is loaded lands in the journal, not the database. So each
        slot is inserted inside a checkpoint that is then reverted: that unloads the account
        and keeps the database write.
        """
        evm = self._evm
        for address, key, value in slots:
            checkpoint = evm.snapshot()
            evm.insert_account_storage(address, key, value)
            evm.revert(checkpoint)

    # -- transactions -------------------------------------------------------------------------

    def send(self, tx: RawTransaction) -> RawReceipt:
        key = self._keys.get(tx.sender) or self._keys.get(checksum(tx.sender))
        if key is None:
            raise TransactionRejected(f"no key for sender {tx.sender} on this chain")
        sender = tx.sender.lower()
        balance, nonce = self._state.get(sender, (0, 0))
        if tx.value > balance:
            raise TransactionRejected(f"transaction refused before execution: sender balance "
                                      f"{balance} cannot afford value {tx.value}")
        if tx.gas > self._gas_limit:
            raise TransactionRejected(f"transaction refused before execution: gas {tx.gas} is "
                                      f"over the block gas limit {self._gas_limit}")
        floor = _calldata_floor(tx.data)
        if tx.gas < floor:
            raise TransactionRejected(f"transaction refused before execution: gas {tx.gas} is "
                                      f"under the calldata floor {floor}")
        number = len(self._times)
        self._block_env(number, self._next_time)
        evm = self._evm
        checkpoint = evm.snapshot()
        created: str | None = None
        revert_data: bytes | None = None
        try:
            if tx.to is None:
                created = checksum(evm.deploy(tx.sender, tx.data, value=tx.value, gas=tx.gas))
            else:
                evm.message_call(tx.sender, tx.to, tx.data, value=tx.value, gas=tx.gas)
        except RuntimeError as exc:
            message = str(exc)
            if not message.startswith(("Revert {", "Halt {")):
                evm.revert(checkpoint)
                raise TransactionRejected(f"transaction refused before execution: {message}"
                                          ) from None
            found = _REVERT.match(message)
            revert_data = bytes.fromhex(found.group(1)) if found else b""
        result = evm.result
        if result is None:  # pragma: no cover - pyrevm keeps the result of every run
            raise ChainError("pyrevm reported no result for a transaction it ran")
        effects, created_infos = (self._effects() if revert_data is None
                                  else (Effects(), None))
        evm.revert(checkpoint)
        self._apply(effects, sender, nonce + 1, created_infos)
        self._mine_one()
        logs = () if revert_data is not None else tuple([
            RawLog(log.address, tuple(topics), data)
            for log in result.logs for topics, data in (log.data,)])
        return RawReceipt(
            tx_hash=f"revm-tx-{number}",
            status=revert_data is None,
            gas_used=max(result.gas_used, floor),
            block_number=number,
            timestamp=self._times[number],
            contract_address=created,
            logs=logs,
            revert_data=revert_data,
        )

    def _effects(self) -> tuple[Effects, dict[str, Any] | None]:
        """What the transaction just run changed, read before its checkpoint is reverted.

        Balances and nonces come from ``journal_state``, and the journal's copy of every
        known contract is replaced by one without its code, which the revert then discards:
        printed, the code would be most of ``journal_str``, the slots the rest. A transaction
        that created a contract is read from the whole text (:func:`read_effects`), which
        holds the new code; it also gives pyrevm's ``AccountInfo`` of each loaded account.
        """
        evm = self._evm
        loaded = evm.journal_state
        accounts: dict[str, tuple[int, int]] = {}
        created = False
        code, known, keys = self._code, self._state, self._keys
        for address, info in loaded.items():
            lower = address.lower()
            state = (info.balance, info.nonce)
            contract = code.get(lower)
            if contract is not None:
                evm.insert_account_info(address, _account(state[0], state[1], contract[1]))
            elif address not in keys and info.code_hash != _NO_CODE:  # keys: people's accounts
                created = True
            if known.get(lower, _NO_ACCOUNT) != state:  # changed, or new and not empty
                accounts[lower] = state
        if created:
            return (read_effects(evm.journal_str),
                    {a.lower(): i for a, i in loaded.items()})
        return Effects(accounts, changed_slots(evm.journal_str)), None

    def _block_env(self, number: int, timestamp: int) -> None:
        if self._env_block != number:
            self._evm.set_block_env(pyrevm.BlockEnv(
                number=number, timestamp=timestamp, prevrandao=_prevrandao(number),
                gas_limit=self._gas_limit, basefee=0))
            self._env_block = number

    def call(self, sender: str | None, to: str, data: bytes, value: int = 0,
             block: int | None = None) -> bytes:
        head = len(self._times) - 1
        if block is not None and block != head:
            if not 0 <= block < head:
                raise ChainError(f"no block {block}: the latest block is {head}")
            raise EngineCapabilityError(self.name, HISTORICAL_STATE,
                                        f"it keeps only the latest state, not block {block}'s")
        self._block_env(head, self._times[head])
        evm = self._evm
        checkpoint = evm.snapshot()
        try:
            return bytes(evm.message_call(sender or "0x" + "00" * 20, to, data, value=value,
                                          gas=self._gas_limit))
        except RuntimeError as exc:
            message = str(exc)
            if not message.startswith(("Revert {", "Halt {")):
                raise ChainError(f"call refused before execution: {message}") from None
            found = _REVERT.match(message)
            raise EngineRevert(bytes.fromhex(found.group(1)) if found else b"") from None
        finally:
            evm.revert(checkpoint)

    # -- state and blocks -----------------------------------------------------------------

    def balance(self, address: str) -> int:
        return self._state.get(address.lower(), (0, 0))[0]

    def code(self, address: str) -> bytes:
        contract = self._code.get(address.lower())
        return b"" if contract is None else contract[0]

    def latest_block(self) -> BlockInfo:
        number = len(self._times) - 1
        return BlockInfo(number, self._times[number], None)

    def block(self, number: int) -> BlockInfo:
        if not 0 <= number < len(self._times):
            raise ChainError(f"no block {number}: the latest block is {len(self._times) - 1}")
        return BlockInfo(number, self._times[number], None)

    def _mine_one(self) -> None:
        self._times.append(self._next_time)
        self._next_time += self._block_time

    def advance_time(self, seconds: int) -> BlockInfo:
        if seconds < 1:
            raise DurationError(f"time can only move forward, by a second or more, not {seconds}")
        self._next_time = self._times[-1] + seconds
        self._mine_one()
        return self.latest_block()

    def mine(self, blocks: int = 1) -> BlockInfo:
        if blocks < 1:
            raise ChainError(f"mine at least one block, not {blocks}")
        for _ in range(blocks):
            self._mine_one()
        return self.latest_block()

    # -- snapshots ------------------------------------------------------------------------

    def snapshot(self) -> int:
        """Remember this point; from now on every write keeps the value it replaces."""
        snapshot_id = self._next_snapshot
        self._next_snapshot += 1
        self._snapshots[snapshot_id] = (len(self._undo), len(self._times), self._next_time,
                                        len(self._accounts))
        return snapshot_id

    def revert(self, snapshot_id: int) -> None:
        try:
            undo_length, blocks, next_time, account_count = self._snapshots[snapshot_id]
        except KeyError:
            raise SnapshotError(f"no snapshot {snapshot_id} on this chain (reverted past it?)"
                                ) from None
        evm = self._evm
        slots: list[tuple[str, int, int]] = []
        while len(self._undo) > undo_length:
            entry = self._undo.pop()
            if entry[0] == "slot":
                slots.append(entry[1:])
            elif entry[0] == "code":
                self._code.pop(entry[1], None)
            else:
                _, address, old, code = entry
                if old is None:  # the account did not exist: no balance, nonce or code
                    self._state.pop(address, None)
                    old, code = (0, 0), None
                else:
                    self._state[address] = old
                evm.insert_account_info(address, _account(old[0], old[1], code))
        self._write_slots(slots)
        for later in [s for s in self._snapshots if s > snapshot_id]:
            del self._snapshots[later]
        del self._times[blocks:]
        self._next_time = next_time
        self._env_block = -1
        for address in self._accounts[account_count:]:
            del self._keys[address]
        del self._accounts[account_count:]

    def release(self, snapshot_id: int) -> None:
        """Forget a snapshot; with none left, the old values kept for them go too."""
        self._snapshots.pop(snapshot_id, None)
        if not self._snapshots:
            self._undo.clear()
