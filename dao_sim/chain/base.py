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
from typing import Any, NamedTuple

from dao_sim.exceptions import ChainError

__all__ = [
    "BLOCK_HASHES",
    "CAPABILITIES",
    "HISTORICAL_STATE",
    "SIGNED_TRANSACTIONS",
    "TX_GAS",
    "WEB3",
    "BlockInfo",
    "Engine",
    "EngineCapabilityError",
    "RawLog",
    "RawReceipt",
    "RawTransaction",
]

#: Gas given to a transaction that names none: 2**24, the per-transaction cap EIP-7825
#: sets from Osaka on. Generous for any DAO call, and explicit so that no engine spends a
#: second execution estimating gas.
TX_GAS = 2**24

#: Calls against the state of an earlier block (``call(..., block=n)``).
HISTORICAL_STATE = "historical-state"
#: Blocks with real hashes (``BlockInfo.hash``), chained from a genesis block.
BLOCK_HASHES = "block-hashes"
#: Transactions signed with the sender's key, named by the hash of the signed transaction.
SIGNED_TRANSACTIONS = "signed-transactions"
#: A ``web3.Web3`` over the same chain (:attr:`Engine.web3`).
WEB3 = "web3"
#: Every capability an engine may lack, with what it means, for messages and reports.
CAPABILITIES: dict[str, str] = {
    HISTORICAL_STATE: "historical state",
    BLOCK_HASHES: "block hashes",
    SIGNED_TRANSACTIONS: "signed transactions",
    WEB3: "web3.py view",
}


class EngineCapabilityError(ChainError):
    """The engine cannot do what was asked: it lacks ``capability`` (it never fakes it)."""

    def __init__(self, engine: str, capability: str, detail: str = "") -> None:
        self.engine = engine
        self.capability = capability
        what = CAPABILITIES.get(capability, capability)
        super().__init__(f"{engine} lacks the capability '{capability}' ({what})"
                         + (f": {detail}" if detail else ""))


class RawTransaction(NamedTuple):
    """A transaction as an engine runs it: who, to whom, which bytes, how much, how much gas.

    The raw records are named tuples: made once per transaction on the fast engine's hot
    path, where a frozen dataclass costs twice as much to build.

    ``to`` is ``None`` for a contract creation, whose ``data`` is the init code.
    """

    sender: str
    to: str | None
    data: bytes
    value: int
    gas: int


class RawLog(NamedTuple):
    """One log entry: the emitting contract, its topics and its data, undecoded."""

    address: str
    topics: tuple[bytes, ...]
    data: bytes


class RawReceipt(NamedTuple):
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
    """A mined block's number, timestamp (seconds since the epoch) and hash.

    ``hash`` is ``None`` on an engine without the :data:`BLOCK_HASHES` capability: it has
    no block hashes and says so rather than inventing one.
    """

    number: int
    timestamp: int
    hash: str | None


class Engine(ABC):
    """A chain that runs raw transactions for a set of funded accounts whose keys it holds.

    Implementations mine every transaction in a block of its own (so a receipt is final
    when :meth:`send` returns) and never raise on a failed transaction: failure is a
    receipt with ``status == False`` and the revert bytes.

    What an engine can do beyond that core is declared in :attr:`CAPABILITIES` (names from
    :data:`CAPABILITIES`); asked for one it lacks, an engine raises
    :class:`EngineCapabilityError`, or (for block and transaction hashes) gives ``None``
    or a name that is plainly not a hash, never an invented value.
    """

    #: The optional capabilities this engine has; see :data:`CAPABILITIES`.
    CAPABILITIES: frozenset[str] = frozenset()

    def has(self, capability: str) -> bool:
        """Whether this engine has ``capability`` (a name from :data:`CAPABILITIES`)."""
        return capability in self.CAPABILITIES

    def require(self, capability: str, detail: str = "") -> None:
        """Raise :class:`EngineCapabilityError` unless this engine has ``capability``."""
        if capability not in self.CAPABILITIES:
            raise EngineCapabilityError(self.name, capability, detail)

    @property
    def name(self) -> str:
        """A short name of the engine for messages (its class name unless it says better)."""
        return type(self).__name__

    def lacking(self) -> tuple[str, ...]:
        """The capabilities of :data:`CAPABILITIES` this engine lacks, in their order."""
        return tuple(c for c in CAPABILITIES if c not in self.CAPABILITIES)

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
        EngineCapabilityError
            For an earlier block, on an engine without :data:`HISTORICAL_STATE`.
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

    def release(self, snapshot_id: int) -> None:
        """Forget snapshot ``snapshot_id``, which will not be returned to.

        An engine may then free what it kept to return there (the fast engine keeps the old
        value of every write while any snapshot is held). Unknown ids are ignored.
        """

    @property
    def web3(self) -> Any:
        """A ``web3.Web3`` over the same chain, for code that wants web3.py.

        Engines without one (no :data:`WEB3` capability) raise
        :class:`EngineCapabilityError`.
        """
        raise EngineCapabilityError(self.name, WEB3)

    def describe(self) -> str:
        """One line naming the engine, its chain and what it lacks, for reports."""
        lacks = ", ".join(f"no {CAPABILITIES[c]}" for c in self.lacking())
        return f"{self.name} (chain id {self.chain_id}{'; ' + lacks if lacks else ''})"

