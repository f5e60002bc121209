"""The default engine: py-evm inside eth-tester, one fresh chain per session.

Speed is why this module talks to py-evm's chain (``PyEVMBackend.chain``) rather than
through ``EthereumTester`` or web3: it signs each transaction itself with cached keys
(eth-tester rebuilds an address -> key table, a keccak per known account, on every
transaction it signs), gives every transaction an explicit gas limit (no estimation run),
applies and mines it in one step with ``MiningChain.mine_all``, and reads the revert bytes
from the computation that step returns, so a failed transaction costs no second run.
The ``EthereumTester`` over the same backend stays available for web3.py through
:attr:`EthTesterEngine.web3`.

Runs reproduce exactly: keys are eth-tester's well-known ones (1, 2, 3, ...), the genesis
time is fixed, each block is ``block_time`` seconds after its parent unless time is
advanced, and ``prevrandao`` is derived from the block number.
"""

from __future__ import annotations

from typing import Any

from eth.exceptions import HeaderNotFound
from eth.vm.spoof import SpoofTransaction
from eth_keys import keys
from eth_tester import EthereumTester, PyEVMBackend
from eth_tester.backends.pyevm.main import get_default_genesis_params
from eth_utils import ValidationError as EvmValidationError
from eth_utils import keccak, to_checksum_address

from dao_sim.chain.base import (
    BLOCK_HASHES,
    HISTORICAL_STATE,
    SIGNED_TRANSACTIONS,
    WEB3,
    BlockInfo,
    Engine,
    RawLog,
    RawReceipt,
    RawTransaction,
)
from dao_sim.chain.keyring import KeyRing
from dao_sim.exceptions import (
    ChainError,
    DurationError,
    EngineRevert,
    SnapshotError,
    TransactionRejected,
)

__all__ = ["ETHER", "GENESIS_TIMESTAMP", "EthTesterEngine"]

ETHER = 10**18
#: 2026-01-01 00:00:00 UTC, the genesis time unless a session asks for another.
GENESIS_TIMESTAMP = 1_767_225_600
_TRANSFER_GAS = 21_000
_FAUCET_KEY = keccak(b"dao-sim faucet")
_FAUCET_BALANCE = 10**9 * ETHER
_ZERO = b"\x00" * 20


def _canonical(address: str) -> bytes:
    """The 20 raw bytes of a ``0x`` address (checksum or not)."""
    raw = bytes.fromhex(address[2:] if address[:2] in ("0x", "0X") else address)
    if len(raw) != 20:
        raise ChainError(f"'{address}' is not a 20-byte address")
    return raw


class EthTesterEngine(KeyRing, Engine):
    """A fresh in-process py-evm chain (Prague rules) with funded, named-later accounts.

    Parameters
    ----------
    accounts : int
        Accounts funded at genesis (more can be added later, cheaply).
    balance : int
        Wei given to each genesis account and, by default, to each added account.
    genesis_timestamp : int
        Seconds since the epoch at block 0; fixed by default so runs reproduce.
    block_time : int
        Seconds between consecutive blocks when time is not advanced explicitly.
    gas_price : int
        Wei per gas. 0 by default so that balances move only by what contracts and
        members send; gas is still metered and reported in each receipt.
    block_gas_limit : int
        Twice eth-tester's 30M by default, so that the EIP-1559 target (half the limit)
        stays above :data:`~dao_sim.chain.base.TX_GAS`: a block of one transaction then
        never raises the base fee, and a zero gas price stays valid.

    Examples
    --------
    >>> engine = EthTesterEngine(accounts=2)
    >>> engine.balance(engine.accounts()[0]) == 1_000 * ETHER
    True
    """

    CAPABILITIES = frozenset({HISTORICAL_STATE, BLOCK_HASHES, SIGNED_TRANSACTIONS, WEB3})

    def __init__(self, accounts: int = 16, *, balance: int = 1_000 * ETHER,
                 genesis_timestamp: int = GENESIS_TIMESTAMP, block_time: int = 1,
                 gas_price: int = 0, block_gas_limit: int = 60_000_000) -> None:
        if accounts < 0 or balance < 0 or gas_price < 0:
            raise ChainError("accounts, balance and gas_price must not be negative")
        if block_time < 1:
            raise DurationError("block_time must be at least one second")
        self._balance = balance
        self._block_time = block_time
        self._gas_price = gas_price
        self._init_keys()
        self._nonces: dict[bytes, int] = {}
        self._snapshots: dict[int, tuple[bytes, int, int]] = {}
        self._next_snapshot = 0

        genesis_keys = [self._derive(i) for i in range(1, accounts + 1)]
        faucet = keys.PrivateKey(_FAUCET_KEY)
        self._faucet = faucet.public_key.to_canonical_address()
        state = {key.public_key.to_canonical_address(): _account_state(balance)
                 for key in genesis_keys}
        state[self._faucet] = _account_state(_FAUCET_BALANCE)
        params = get_default_genesis_params({"timestamp": genesis_timestamp,
                                             "gas_limit": block_gas_limit})
        params["base_fee_per_gas"] = gas_price
        self._backend = PyEVMBackend(genesis_parameters=params, genesis_state=state)
        # eth-tester guessed keys 1..len(state); the faucet is ours alone.
        self._backend.account_keys = tuple(genesis_keys)
        self._faucet_key = faucet
        self._tester = EthereumTester(self._backend)
        self._web3: Any = None
        self._read_vm: tuple[tuple[int, bytes], Any] | None = None
        self._chain = self._install_clock()
        self._chain_id = self._chain.chain_id
        for key in genesis_keys:
            self._remember(key)
        self._set_next_timestamp(self._chain.get_canonical_head().timestamp + block_time)

    def _install_clock(self) -> Any:
        """Make every new pending block ``block_time`` after its parent, whoever mines it.

        py-evm stamps a new block with the wall clock; eth-tester's chain class offers no
        hook, so this engine overrides ``create_header_from_parent`` on its own chain
        object. Blocks mined through :attr:`web3` then follow the same clock.
        """
        chain = self._backend.chain
        create = chain.create_header_from_parent
        block_time = self._block_time

        def create_header_from_parent(parent_header: Any, **params: Any) -> Any:
            params.setdefault("timestamp", parent_header.timestamp + block_time)
            return create(parent_header, **params)

        chain.create_header_from_parent = create_header_from_parent
        return chain

    # -- accounts -------------------------------------------------------------------------

    def _remember(self, key: Any) -> str:
        """Hold a new account's key; it has sent nothing yet, so its nonce is 0."""
        address = super()._remember(key)
        self._nonces[_canonical(address)] = 0
        return address

    @property
    def chain_id(self) -> int:
        return self._chain_id

    def add_accounts(self, count: int, balance: int | None = None) -> list[str]:
        """Create ``count`` accounts, funded from a genesis faucet, many per block."""
        amount = self._balance if balance is None else balance
        new_keys = [self._derive(len(self._accounts) + i + 1) for i in range(count)]
        if amount:
            self._sync()
            # Stay under the block's gas target, so the base fee does not move.
            per_block = self._chain.header.gas_limit // 2 // _TRANSFER_GAS
            for start in range(0, len(new_keys), per_block):
                nonce = self._nonce(self._faucet)
                transfers = [
                    self._chain.create_unsigned_transaction(
                        nonce=nonce + i, gas_price=self._price(), gas=_TRANSFER_GAS,
                        to=key.public_key.to_canonical_address(), value=amount, data=b"",
                    ).as_signed_transaction(self._faucet_key, chain_id=self._chain_id)
                    for i, key in enumerate(new_keys[start:start + per_block])]
                self._mine_transactions(transfers, self._faucet)
        added = []
        for key in new_keys:
            self._backend.add_account(key.to_bytes())
            added.append(self._remember(key))
        return added

    # -- transactions ---------------------------------------------------------------------

    def send(self, tx: RawTransaction) -> RawReceipt:
        key = self._keys.get(tx.sender)
        if key is None:
            key = self._keys.get(to_checksum_address(tx.sender))
            if key is None:
                raise TransactionRejected(f"no key for sender {tx.sender} on this chain")
        sender = key.public_key.to_canonical_address()
        self._sync()
        unsigned = self._chain.create_unsigned_transaction(
            nonce=self._nonce(sender), gas_price=self._price(), gas=tx.gas,
            to=b"" if tx.to is None else _canonical(tx.to), value=tx.value, data=tx.data)
        signed = unsigned.as_signed_transaction(key, chain_id=self._chain_id)
        block, receipts, computations = self._mine_transactions([signed], sender)
        receipt, computation = receipts[0], computations[0]
        failed = computation.is_error
        created = None
        if tx.to is None and not failed:
            created = to_checksum_address(computation.msg.storage_address)
        header = block.header
        return RawReceipt(
            tx_hash="0x" + signed.hash.hex(),
            status=not failed,
            gas_used=receipt.gas_used,
            block_number=header.block_number,
            timestamp=header.timestamp,
            contract_address=created,
            logs=tuple(RawLog(to_checksum_address(log.address),
                              tuple(t.to_bytes(32, "big") for t in log.topics),
                              bytes(log.data))
                       for log in receipt.logs),
            revert_data=bytes(computation.output) if failed else None,
        )

    def _mine_transactions(self, signed: list[Any], sender: bytes) -> tuple[Any, Any, Any]:
        """Apply ``signed`` (all from ``sender``) and mine them as the next block."""
        chain = self._chain
        number = chain.header.block_number
        try:
            result, receipts, computations = chain.mine_all(
                signed, mix_hash=_prevrandao(number), blob_gas_used=0)
        except EvmValidationError as exc:
            self._nonces.pop(sender, None)
            raise TransactionRejected(f"transaction refused before execution: {exc}") from exc
        self._nonces[sender] = self._nonces[sender] + len(signed)
        self._pending = self._chain.header
        return result.imported_block, receipts, computations

    def _price(self) -> int:
        """The configured gas price, or the base fee if a heavy block pushed it higher."""
        return max(self._gas_price, self._chain.header.base_fee_per_gas)

    def _nonce(self, sender: bytes) -> int:
        nonce = self._nonces.get(sender)
        if nonce is None:
            nonce = self._chain.get_vm().state.get_nonce(sender)
            self._nonces[sender] = nonce
        return nonce

    def _set_next_timestamp(self, timestamp: int) -> None:
        chain = self._chain
        chain.header = chain.header.copy(timestamp=timestamp)
        self._pending = chain.header

    def _sync(self) -> None:
        """Notice blocks mined behind the engine's back (through :attr:`web3`).

        Their senders' nonces moved, so the cached nonces are forgotten.
        """
        if self._chain.header is not self._pending:
            self._nonces.clear()
            self._pending = self._chain.header

    def call(self, sender: str | None, to: str, data: bytes, value: int = 0,
             block: int | None = None) -> bytes:
        vm = self._call_vm(self._header(block))
        state = vm.state
        origin = _ZERO if sender is None else _canonical(sender)
        unsigned = vm.create_unsigned_transaction(
            nonce=state.get_nonce(origin), gas_price=0, gas=vm.get_header().gas_limit,
            to=_canonical(to), value=value, data=data)
        snapshot = state.snapshot()
        try:
            computation = state.apply_transaction(SpoofTransaction(unsigned, from_=origin))
        except EvmValidationError as exc:
            raise ChainError(f"call refused before execution: {exc}") from exc
        finally:
            state.revert(snapshot)
        if computation.is_error:
            raise EngineRevert(bytes(computation.output))
        return bytes(computation.output)

    def _call_vm(self, header: Any) -> Any:
        """The VM calls run on at ``header``: one per block, kept while that block is asked
        about, so a run of reads shares its caches of accounts and storage (each call is undone
        by its own snapshot). A block hash names its state, so a stale entry cannot be served."""
        key = (id(self._chain), header.hash)
        if self._read_vm is not None and self._read_vm[0] == key:
            return self._read_vm[1]
        if header.base_fee_per_gas:
            # A call pays nothing: run it as if the block's base fee were zero.
            header = header.copy(base_fee_per_gas=0)
        vm = self._chain.get_vm(header)
        self._read_vm = (key, vm)
        return vm

    # -- state and blocks -----------------------------------------------------------------

    def _header(self, number: int | None) -> Any:
        chain = self._chain
        head = chain.get_canonical_head()
        if number is None or number == head.block_number:
            return head
        if not 0 <= number < head.block_number:
            raise ChainError(f"no block {number}: the latest block is {head.block_number}")
        try:
            return chain.get_canonical_block_header_by_number(number)
        except HeaderNotFound as exc:
            raise ChainError(f"no block {number} on this chain") from exc

    def balance(self, address: str) -> int:
        return self._chain.get_vm(self._header(None)).state.get_balance(_canonical(address))

    def code(self, address: str) -> bytes:
        return bytes(self._chain.get_vm(self._header(None)).state.get_code(_canonical(address)))

    def latest_block(self) -> BlockInfo:
        return _info(self._header(None))

    def block(self, number: int) -> BlockInfo:
        return _info(self._header(number))

    def advance_time(self, seconds: int) -> BlockInfo:
        if seconds < 1:
            raise DurationError(f"time can only move forward, by a second or more, not {seconds}")
        self._sync()
        self._set_next_timestamp(self._chain.get_canonical_head().timestamp + seconds)
        return self._mine_one()

    def mine(self, blocks: int = 1) -> BlockInfo:
        if blocks < 1:
            raise ChainError(f"mine at least one block, not {blocks}")
        self._sync()
        for _ in range(blocks):
            info = self._mine_one()
        return info

    def _mine_one(self) -> BlockInfo:
        chain = self._chain
        block = chain.mine_block(mix_hash=_prevrandao(chain.header.block_number),
                                 blob_gas_used=0)
        self._pending = chain.header
        return _info(block.header)

    # -- snapshots ------------------------------------------------------------------------

    def snapshot(self) -> int:
        self._sync()
        snapshot_id = self._next_snapshot
        self._next_snapshot += 1
        head = self._chain.get_canonical_head()
        self._snapshots[snapshot_id] = (head.hash, self._pending.timestamp, len(self._accounts))
        return snapshot_id

    def revert(self, snapshot_id: int) -> None:
        try:
            block_hash, next_timestamp, account_count = self._snapshots[snapshot_id]
        except KeyError:
            raise SnapshotError(f"no snapshot {snapshot_id} on this chain (reverted past it?)"
                                ) from None
        self._backend.revert_to_snapshot(block_hash)
        if self._backend.chain is not self._chain:  # reverting to genesis builds a new chain
            self._chain = self._install_clock()
        for later in [s for s in self._snapshots if s > snapshot_id]:
            del self._snapshots[later]
        for address in self._accounts[account_count:]:
            del self._keys[address]
        del self._accounts[account_count:]
        self._backend.account_keys = self._backend.account_keys[:account_count]
        self._nonces.clear()
        self._set_next_timestamp(next_timestamp)

    def release(self, snapshot_id: int) -> None:
        self._snapshots.pop(snapshot_id, None)

    # -- web3 -----------------------------------------------------------------------------

    @property
    def tester(self) -> EthereumTester:
        """The ``EthereumTester`` over this engine's chain."""
        return self._tester

    @property
    def web3(self) -> Any:
        """A ``Web3`` over this chain, built on first use (web3 takes a while to import).

        Transactions sent through it are mined by eth-tester and seen by the engine;
        web3 log *filters* do not see blocks the engine mines (``get_logs`` does).
        """
        if self._web3 is None:
            from web3 import Web3
            from web3.providers.eth_tester import EthereumTesterProvider

            self._web3 = Web3(EthereumTesterProvider(self._tester))
        return self._web3

    def describe(self) -> str:
        return (f"eth-tester with py-evm, Prague rules (chain id {self._chain_id}, "
                f"{self._block_time} s blocks, gas price {self._gas_price} wei)")


def _account_state(balance: int) -> dict[str, Any]:
    return {"balance": balance, "storage": {}, "code": b"", "nonce": 0}


def _prevrandao(number: int) -> bytes:
    return keccak(b"dao-sim prevrandao" + number.to_bytes(8, "big"))


def _info(header: Any) -> BlockInfo:
    return BlockInfo(header.block_number, header.timestamp, "0x" + header.hash.hex())
