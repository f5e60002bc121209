"""ChainSession: the chain as the rest of dao-sim uses it.

One session is one chain with named members, the contracts deployed on it, a clock, and
a journal of every transaction. Governance, disputes, scenarios and simulations all go
through a session; none of them touches an engine, so the engine can change (a faster
one for sweeps, a real node for a demo) without them noticing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from dao_sim.chain import signing
from dao_sim.chain.abi import ContractAbi
from dao_sim.chain.accounts import DEFAULT_NAMES, Account, AddressBook, default_names
from dao_sim.chain.base import TX_GAS, BlockInfo, Engine, RawTransaction
from dao_sim.chain.contract import ContractHandle, decode_logs, resolve_addresses
from dao_sim.chain.journal import Journal, JournalEntry
from dao_sim.chain.reverts import AbiRegistry, DecodedError
from dao_sim.chain.timeutil import parse_duration
from dao_sim.exceptions import (
    ChainError,
    DurationError,
    SnapshotError,
    TransactionReverted,
    suggest,
)

# ContractHandle is re-exported: callers get handles from a session and name their type.
__all__ = ["ENGINES", "ETHER", "ChainSession", "ContractHandle", "Snapshot", "make_engine"]

#: The engines a session can be asked for by name, with what each is for.
ENGINES: dict[str, str] = {
    "eth-tester": "py-evm inside eth-tester: the default, with every capability",
    "revm": "pyrevm: fast, for simulations; no historical state, block hashes, signed "
            "transactions or web3",
}

#: 9999-12-31 23:59:59 UTC: the last moment a report can write as a date.
_LAST_TIMESTAMP = 253_402_300_799

ETHER = 10**18


@dataclass(frozen=True)
class Snapshot:
    """A point to come back to: the chain's state, the journal's length, the names known."""

    id: int
    block: int
    journal_length: int
    names_length: int


class ChainSession:
    """A chain with named, funded accounts, deployed contracts, a clock and a journal.

    Parameters
    ----------
    engine : Engine or str, optional
        What runs the transactions: an :class:`Engine`, or the name of one in
        :data:`ENGINES` (``"eth-tester"``, the default, or ``"revm"``) to start fresh.
    names : sequence of str or int
        Names of the first accounts, in order (:data:`DEFAULT_NAMES` by default), or a
        count of default names (``40`` gives the sixteen names, then ``"Member 17"``...).
    funding_eth : int
        Ether given to each account the session creates. Accounts a given engine already
        has keep the balances it gave them.
    keep_journal : bool
        Record every transaction in :attr:`journal`. Entries are still built and
        returned when this is off (their ``index`` is then -1); only memory is saved.
    gas : int
        Gas limit of every transaction that names none.

    Examples
    --------
    >>> session = ChainSession(names=["Aigerim", "Bolat"])
    >>> session.balance("Aigerim") // ETHER
    1000
    >>> entry = session.send_value("Aigerim", "Bolat", 5 * ETHER)
    >>> entry.describe()
    '#0 Aigerim sent 5000000000000000000 wei to Bolat'
    """

    def __init__(self, engine: Engine | str | None = None, *,
                 names: Sequence[str] | int = DEFAULT_NAMES, funding_eth: int = 1_000,
                 keep_journal: bool = True, gas: int = TX_GAS) -> None:
        wanted = default_names(names) if isinstance(names, int) else tuple(names)
        self._funding = funding_eth * ETHER
        if not isinstance(engine, Engine):
            engine = make_engine(engine or "eth-tester", accounts=len(wanted),
                                 balance=self._funding)
        self.engine = engine
        self.gas = gas
        self.abis = AbiRegistry()
        self.journal = Journal()
        self._keep = keep_journal
        self._book = AddressBook()
        self._interfaces: dict[int, tuple[Any, ContractAbi]] = {}
        self._handles: dict[str, ContractHandle] = {}
        addresses = engine.accounts()
        if len(addresses) < len(wanted):
            addresses += engine.add_accounts(len(wanted) - len(addresses), self._funding)
        for i, address in enumerate(addresses):
            self._book.add_account(wanted[i] if i < len(wanted) else self._next_name(),
                                   address)

    # -- names and accounts -------------------------------------------------------------------

    def _next_name(self) -> str:
        n = self._book.account_count + 1
        while f"Member {n}" in self._book:
            n += 1
        return f"Member {n}"

    def account(self, name: str) -> Account:
        """Return the account called ``name`` (case-sensitive).

        Raises
        ------
        UnknownMemberError
            With the nearest name as a suggestion.
        """
        return self._book.account(name)

    def accounts(self) -> list[Account]:
        """Every named account, in order."""
        return self._book.accounts()

    def address(self, who: Any) -> str:
        """Return the checksum address of a name, a contract label, an address or a handle."""
        return self._book.resolve(who)

    def name_of(self, address: str) -> str:
        """Return who ``address`` is: a member's name, a contract's label, or short hex."""
        return self._book.name_of(address)

    @property
    def address_book(self) -> AddressBook:
        """The address book (names and labels), for lookups that need more than one name."""
        return self._book

    def add_account(self, name: str | None = None, *, funding_eth: int | None = None
                    ) -> Account:
        """Create a funded account, named ``name`` (``"Member N"`` when omitted).

        For a third party such as a supplier: ``session.add_account("Supplier LLP")``.
        """
        funding = self._funding if funding_eth is None else funding_eth * ETHER
        name = self._next_name() if name is None else name
        if name in self._book:
            raise ChainError(f"the name '{name}' is already in use")
        return self._book.add_account(name, self.engine.add_account(funding))

    def add_accounts(self, count: int, *, funding_eth: int | None = None) -> list[Account]:
        """Create ``count`` funded accounts named ``"Member N"``, cheaply (for simulations)."""
        funding = self._funding if funding_eth is None else funding_eth * ETHER
        return [self._book.add_account(self._next_name(), address)
                for address in self.engine.add_accounts(count, funding)]

    # -- contracts --------------------------------------------------------------------------

    def interface(self, artifact_or_abi: Any, label: str = "contract") -> ContractAbi:
        """Parse an artifact's (or a bare) ABI once and register its errors and events."""
        abi = getattr(artifact_or_abi, "abi", artifact_or_abi)
        cached = self._interfaces.get(id(abi))
        if cached is not None and cached[0] is abi:
            return cached[1]
        parsed = ContractAbi(abi, getattr(artifact_or_abi, "name", label))
        self._interfaces[id(abi)] = (abi, parsed)
        self.abis.register(parsed)
        return parsed

    def register_abi(self, artifact_or_abi: Any) -> None:
        """Make reverts and events of a contract decodable before it is ever deployed here.

        Useful for contracts a factory creates, or for errors a library declares. A whole
        ``ArtifactSet`` (any mapping of artifacts) registers every contract in it.
        """
        if isinstance(artifact_or_abi, Mapping):
            for artifact in artifact_or_abi.values():
                self.interface(artifact)
        else:
            self.interface(artifact_or_abi)

    @property
    def error_abis(self) -> AbiRegistry:
        """The registry that decodes revert data (and logs) of every known contract."""
        return self.abis

    def deploy(self, artifact: Any, *args: Any, sender: Any, value: int = 0,
               label: str | None = None, gas: int | None = None) -> ContractHandle:
        """Deploy ``artifact`` with constructor ``args`` and return its handle.

        Parameters
        ----------
        artifact
            Anything with ``name``, ``abi`` and ``bytecode`` (hex, ``0x`` optional).
        sender : str or Account
            Who deploys.
        label : str, optional
            What the journal and reports call the contract; the artifact's name when
            omitted (numbered if taken: ``"Ballot #2"``). An explicit label must be new.

        Raises
        ------
        TransactionReverted
            When the constructor reverts (the attempt is journalled).
        ChainError
            When the artifact has no bytecode or needs libraries linked.
        """
        if label is not None and label in self._book:
            raise ChainError(f"the label '{label}' is already in use")
        interface = self.interface(artifact)
        name = str(getattr(artifact, "name", "contract"))
        code = _bytecode(artifact, name)
        ctor = interface.constructor
        resolved = resolve_addresses(ctor, args, self.address)
        data = code + ctor.encode(resolved)
        wanted = label or name
        entry = self._execute(None, wanted, "deploy", ctor.human_args(resolved), data, sender,
                              value, gas, deploy=(interface, label is not None))
        if not entry.status:
            self._raise_reverted(f"{wanted}.deploy", entry)
        return self._handles[str(entry.to)]

    def at(self, artifact: Any, address: str, label: str | None = None) -> ContractHandle:
        """Attach to a contract already at ``address`` (deployed by a factory, say).

        An address already known keeps its first label for :meth:`name_of`; a new
        ``label`` becomes an alias that :meth:`address` understands.
        """
        address = self.address(address)
        interface = self.interface(artifact)
        known = self._book.label_of(address)
        if label is None:
            used = known or self._book.add_contract(interface.label, address)
        elif label in self._book:
            if self._book.resolve(label) != address:
                raise ChainError(f"the label '{label}' already names another address")
            used = label
        else:
            used = self._book.add_contract(label, address, unique=True)
        handle = ContractHandle(self, interface, address, used)
        self._handles.setdefault(address, handle)
        return handle

    def contract(self, label: str) -> ContractHandle:
        """Return the handle of a contract this session deployed or attached, by label."""
        address = self.address(label)
        handle = self._handles.get(address)
        if handle is None:
            raise ChainError(f"'{label}' is not a contract this session knows")
        return handle

    # -- transactions ---------------------------------------------------------------------------

    def send_value(self, sender: Any, to: Any, value: int, gas: int | None = None
                   ) -> JournalEntry:
        """Send ``value`` wei from ``sender`` to a member, a contract or an address.

        Raises
        ------
        TransactionReverted
            When the recipient is a contract that refuses the payment.
        """
        address = self.address(to)
        entry = self._execute(address, self.name_of(address), "transfer", {}, b"", sender,
                              value, gas)
        if not entry.status:
            self._raise_reverted(f"{entry.to_label}.transfer", entry)
        return entry

    def _execute(self, to: str | None, to_label: str, function: str, args: dict[str, Any],
                 data: bytes, sender: Any, value: int, gas: int | None,
                 deploy: tuple[ContractAbi, bool] | None = None) -> JournalEntry:
        """Send one transaction and build (and keep) its journal entry: the hot path."""
        origin = self._book.resolve(sender)
        receipt = self.engine.send(RawTransaction(origin, to, data, value, gas or self.gas))
        error: DecodedError | None = None
        if deploy is not None and receipt.status:
            to = receipt.contract_address
            if to is None:
                raise ChainError(f"{type(self.engine).__name__} reported a deployment "
                                 "without a contract address")
            to_label = self._book.add_contract(to_label, to, unique=deploy[1])
            self._handles[to] = ContractHandle(self, deploy[0], to, to_label)
        if not receipt.status:
            error = self.abis.explain(receipt.revert_data or b"")
        entry = JournalEntry.of({
            "index": len(self.journal) if self._keep else -1,
            "tx_hash": receipt.tx_hash,
            "sender": origin,
            "sender_name": self._book.name_of(origin),
            "to": to,
            "to_label": to_label,
            "function": function,
            "args": args,
            "value": value,
            "status": receipt.status,
            "gas_used": receipt.gas_used,
            "block": receipt.block_number,
            "timestamp": receipt.timestamp,
            "events": decode_logs(receipt.logs, self._handles, self.abis, self._book.name_of)
            if receipt.logs else (),
            "error": error,
        })
        if self._keep:
            self.journal.append(entry)
        return entry

    def _raise_reverted(self, function: str, entry: JournalEntry) -> None:
        decoded = entry.error or self.abis.explain(b"")
        known = bool(decoded.signature)
        raise TransactionReverted(
            function, decoded.name if known else None, dict(decoded.args) if known else {},
            bytes.fromhex(decoded.raw[2:]), entry,
            f"{function} reverted: {decoded.describe(self.name_of)}")

    def decode_revert(self, data: bytes) -> DecodedError:
        """Name the error in revert data against every contract this session knows."""
        return self.abis.explain(data)

    # -- balances and time ----------------------------------------------------------------------

    def balance(self, who: Any) -> int:
        """Balance in wei of a member, a contract or an address."""
        return self.engine.balance(self.address(who))

    def latest_block(self) -> BlockInfo:
        """The latest mined block."""
        return self.engine.latest_block()

    def now(self) -> int:
        """The latest block's timestamp: the chain's "now", as a view function sees it."""
        return self.engine.latest_block().timestamp

    def advance(self, duration: str | int | timedelta) -> int:
        """Let ``duration`` pass ("3 days", 3600, a timedelta): mine one block that much later.

        Returns the new :meth:`now`.

        Raises
        ------
        DurationError
            For a duration that does not read, is shorter than a second, or would pass the
            year 9999.
        """
        seconds = parse_duration(duration)
        if seconds < 1:
            raise DurationError(f"advance by at least one second, not {duration!r}")
        if self.now() + seconds > _LAST_TIMESTAMP:
            raise DurationError(f"advancing by {duration!r} would pass the year 9999, beyond any date "
                                "a report can write; advance by less")
        return self.engine.advance_time(seconds).timestamp

    def mine(self, blocks: int = 1) -> BlockInfo:
        """Mine ``blocks`` empty blocks (each one block-time later) and return the last."""
        return self.engine.mine(blocks)

    # -- snapshots ------------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Remember the chain, the journal and the names as they are now."""
        return Snapshot(self.engine.snapshot(), self.engine.latest_block().number,
                        len(self.journal), len(self._book))

    def revert(self, snapshot: Snapshot) -> None:
        """Go back to ``snapshot``: chain state, journal and names.

        Raises
        ------
        SnapshotError
            When the snapshot is from another session or was forgotten by an earlier
            revert to a point before it.
        """
        if not isinstance(snapshot, Snapshot):
            raise SnapshotError(f"{snapshot!r} is not a Snapshot of a session")
        self.engine.revert(snapshot.id)
        self.journal.rewind(snapshot.journal_length)
        self._book.rewind(snapshot.names_length)
        known = set(self._book.contracts().values())
        for address in [a for a in self._handles if a not in known]:
            del self._handles[address]

    def release(self, snapshot: Snapshot) -> None:
        """Forget ``snapshot``, which will not be returned to, so the engine can free what it
        kept for it (on the fast engine, the old value of every write since)."""
        self.engine.release(snapshot.id)

    @contextlib.contextmanager
    def isolated(self) -> Iterator[ChainSession]:
        """Run a block of code, then undo everything it did on the chain.

        Examples
        --------
        >>> session = ChainSession(names=["Aigerim", "Bolat"])
        >>> with session.isolated():
        ...     _ = session.send_value("Aigerim", "Bolat", ETHER)
        >>> len(session.journal)
        0
        """
        snapshot = self.snapshot()
        try:
            yield self
        finally:
            self.revert(snapshot)
            self.release(snapshot)

    # -- signatures ------------------------------------------------------------------------------

    def sign_typed_data(self, who: Any, domain: Mapping[str, Any],
                        types: Mapping[str, Any], primary_type: str,
                        message: Mapping[str, Any]) -> bytes:
        """Sign EIP-712 typed data with a named account's key; return ``r || s || v``.

        A human arbitrator's ruling is such a signature: the contract checks it with
        ``ecrecover``. See :func:`dao_sim.chain.signing.sign_typed_data`.
        """
        return signing.sign_typed_data(self._key(who), domain, types, primary_type, message)

    def sign_message(self, who: Any, message: str | bytes) -> bytes:
        """Sign an EIP-191 personal message with a named account's key; ``r || s || v``."""
        return signing.sign_message(self._key(who), message)

    def _key(self, who: Any) -> bytes:
        return self.engine.private_key(self.address(who))


def make_engine(name: str, *, accounts: int = 16, balance: int = 1_000 * ETHER) -> Engine:
    """Start a fresh engine by its name in :data:`ENGINES`.

    Raises
    ------
    ChainError
        For a name that is not in :data:`ENGINES`, naming the choices.

    Examples
    --------
    >>> make_engine("revm", accounts=2).name
    'pyrevm 0.3.7'
    """
    if name == "eth-tester":
        from dao_sim.chain.eth_tester_engine import EthTesterEngine

        return EthTesterEngine(accounts=accounts, balance=balance)
    if name == "revm":
        from dao_sim.chain.revm_engine import RevmEngine

        return RevmEngine(accounts=accounts, balance=balance)
    raise ChainError(f"no engine '{name}'; choose one of: {', '.join(ENGINES)}"
                     f"{suggest(str(name), ENGINES)}")


def _bytecode(artifact: Any, name: str) -> bytes:
    code = getattr(artifact, "bytecode", b"")
    if isinstance(code, str):
        if "__$" in code:
            raise ChainError(f"{name} uses libraries that must be linked before deployment")
        code = bytes.fromhex(code.removeprefix("0x"))
    if not code:
        raise ChainError(f"{name} has no bytecode: an interface or an abstract contract "
                         "cannot be deployed")
    return bytes(code)
