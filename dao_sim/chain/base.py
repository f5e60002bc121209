"""What any chain engine must do, in raw bytes.

An engine runs transactions and answers questions about state; it knows nothing of ABIs,
member names or journals. Those live once, above every engine, in
:class:`~dao_sim.chain.session.ChainSession`, so a new engine (pyrevm, a JSON-RPC node) is
one module that implements :class:`Engine` and passes :class:`dao_sim.testing.EngineSuite`.

Addresses cross this boundary as checksum strings and hashes as ``0x`` hex strings, because
that is what every engine (and a JSON-RPC node in particular) can give cheaply; calldata,
return data, topics and revert data cross it as ``bytes``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from dao_sim.exceptions import ChainError

__all__ = [
    "TX_GAS",
    "BlockInfo",
    "Engine",
    "RawLog",
    "RawReceipt",
    "RawTransaction",
]

#: Gas given to a transaction that names none: 2**24, the per-transaction cap EIP-7825
#: sets from Osaka on. Generous for any DAO call, and explicit so that no engine spends a
#: second execution estimating gas.
TX_GAS = 2**24


@dataclass(frozen=True, slots=True)
class RawTransaction:
    """A transaction as an engine runs it: who, to whom, which bytes, how much, how much gas.

    ``to`` is ``None`` for a contract creation, whose ``data`` is the init code.
    """

    sender: str
    to: str | None
    data: bytes
    value: int
    gas: int


@dataclass(frozen=True, slots=True)
class RawLog:
    """One log entry: the emitting contract, its topics and its data, undecoded."""

    address: str
    topics: tuple[bytes, ...]
    data: bytes


@dataclass(frozen=True, slots=True)
class RawReceipt:
    """What became of a mined transaction.

    ``status`` is ``False`` when execution failed; then ``revert_data`` holds the bytes the
    contract reverted with (empty for a bare ``revert()``, an invalid opcode or running
    out of gas), and is ``None`` on success.
    """

    tx_hash: str
    status: bool
    gas_used: int
    block_number: int
    timestamp: int
    contract_address: str | None
    logs: tuple[RawLog, ...]
    revert_data: bytes | None


@dataclass(frozen=True, slots=True)
class BlockInfo:
    """A mined block's number, timestamp (seconds since the epoch) and hash."""

    number: int
    timestamp: int
    hash: str


class Engine(ABC):
    """A chain that runs raw transactions for a set of funded accounts whose keys it holds.

    Implementations mine every transaction in a block of its own (so a receipt is final
    when :meth:`send` returns) and never raise on a failed transaction: failure is a
    receipt with ``status == False`` and the revert bytes.
    """

    @property
    @abstractmethod
    def chain_id(self) -> int:
        """The EIP-155 chain id, needed to sign transactions and EIP-712 domains."""

    @abstractmethod
    def accounts(self) -> list[str]:
        """Return the funded accounts this engine can sign for, oldest first."""

    @abstractmethod
    def private_key(self, address: str) -> bytes:
        """Return the 32-byte private key of one of :meth:`accounts`.

        Raises
        ------
        ChainError
            When the engine holds no key for ``address``.
        """

    @abstractmethod
    def add_account(self, balance: int | None = None) -> str:
        """Create a new account, fund it with ``balance`` wei (an engine default if None)."""

    def add_accounts(self, count: int, balance: int | None = None) -> list[str]:
        """Create ``count`` funded accounts; engines override this to fund them in one go."""
        return [self.add_account(balance) for _ in range(count)]

    @abstractmethod
    def send(self, tx: RawTransaction) -> RawReceipt:
        """Sign ``tx`` with the sender's key, mine it in a block of its own, return the receipt.

        Raises
        ------
        TransactionRejected
            When the transaction cannot be included at all (no key for the sender, not
            enough funds for the value). A transaction that runs and fails is *not*
            rejected: its receipt has ``status == False``.
        """

    @abstractmethod
    def call(self, sender: str | None, to: str, data: bytes, value: int = 0,
             block: int | None = None) -> bytes:
        """Run a read-only message call against block ``block`` (latest if None).

        Raises
        ------
        EngineRevert
            When the call reverts; it carries the raw revert bytes.
        """

    @abstractmethod
    def balance(self, address: str) -> int:
        """Return the balance of ``address`` in wei at the latest block."""

    @abstractmethod
    def code(self, address: str) -> bytes:
        """Return the runtime code at ``address`` (empty for an account without code)."""

    @abstractmethod
    def latest_block(self) -> BlockInfo:
        """Return the latest mined block."""

    @abstractmethod
    def block(self, number: int) -> BlockInfo:
        """Return mined block ``number``.

        Raises
        ------
        ChainError
            When no such block has been mined.
        """

    @abstractmethod
    def advance_time(self, seconds: int) -> BlockInfo:
        """Mine one empty block ``seconds`` after the latest one and return it.

        Raises
        ------
        DurationError
            When ``seconds`` is below one (block timestamps must increase).
        """

    @abstractmethod
    def mine(self, blocks: int = 1) -> BlockInfo:
        """Mine ``blocks`` empty blocks and return the last one."""

    @abstractmethod
    def snapshot(self) -> int:
        """Remember the current state (chain and accounts) and return an id for it."""

    @abstractmethod
    def revert(self, snapshot_id: int) -> None:
        """Return to snapshot ``snapshot_id``; snapshots taken after it are forgotten.

        The snapshot itself stays valid, so a simulation can return to one baseline many
        times.

        Raises
        ------
        SnapshotError
            When the id is unknown or was forgotten by an earlier revert.
        """

    @property
    def web3(self) -> Any:
        """A ``web3.Web3`` over the same chain, for code that wants web3.py.

        Engines without one raise :class:`~dao_sim.exceptions.ChainError`.
        """
        raise ChainError(f"{type(self).__name__} offers no web3.py view of its chain")

    def describe(self) -> str:
        """One line naming the engine and its chain, for reports."""
        return f"{type(self).__name__} (chain id {self.chain_id})"

