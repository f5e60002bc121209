"""A deployed contract as the session sees it: call its functions by name.

A :class:`ContractHandle` encodes arguments with the contract's parsed ABI, lets an
``address`` argument be given as a member name, a contract label or a handle, and hands
the transaction to its :class:`~dao_sim.chain.session.ChainSession`, which journals it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eth_abi.exceptions import DecodingError

from dao_sim.chain.abi import ContractAbi, EventAbi, FunctionAbi, converter, humanize
from dao_sim.chain.base import RawLog
from dao_sim.chain.journal import DecodedEvent, Events, JournalEntry
from dao_sim.chain.reverts import AbiRegistry, DecodedError
from dao_sim.exceptions import ContractReverted, EngineRevert

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession

__all__ = ["ContractHandle", "decode_logs", "resolve_addresses"]

_Encoder = tuple[FunctionAbi, tuple[Callable[[Any], Any] | None, ...] | None]


class ContractHandle:
    """A contract at an address, with the ABI to talk to it.

    Get one from :meth:`ChainSession.deploy` or :meth:`ChainSession.at`.

    Attributes
    ----------
    address : str
        Checksum address.
    label : str
        The name the session and its journal use for this contract (``"DAO"``).
    interface : ContractAbi
        The parsed ABI.
    """

    def __init__(self, session: ChainSession, interface: ContractAbi, address: str,
                 label: str) -> None:
        self._session = session
        self.interface = interface
        self.address = address
        self.label = label
        self._encoders: dict[tuple[str, int], _Encoder] = {}

    @property
    def abi(self) -> tuple[Mapping[str, Any], ...]:
        """The JSON ABI, entry by entry."""
        return self.interface.entries

    def __repr__(self) -> str:
        return f"<ContractHandle {self.label} at {self.address}>"

    # -- encoding ---------------------------------------------------------------------------

    def _encoder(self, fn: str, count: int) -> _Encoder:
        key = (fn, count)
        found = self._encoders.get(key)
        if found is None:
            function = self.interface.function(fn, count)
            found = (function, _address_converters(function, self._session.address))
            self._encoders[key] = found
        return found

    def _prepare(self, fn: str, args: Sequence[Any]) -> tuple[FunctionAbi, tuple[Any, ...]]:
        function, converters = self._encoder(fn, len(args))
        if converters is not None and len(args) == len(converters):
            args = tuple(a if c is None else c(a) for c, a in zip(converters, args))
        return function, tuple(args)

    def calldata(self, fn: str, *args: Any) -> bytes:
        """Encode a call of ``fn`` with ``args``, for a proposal's action or a raw send.

        Examples
        --------
        The four-byte selector of ``vote(uint256)``, then the argument:

        ``dao.calldata("vote", 1).hex()[:8] == "0121b93f"``
        """
        function, args = self._prepare(fn, args)
        return function.encode(args)

    # -- calls and transactions ---------------------------------------------------------------

    def transact(self, fn: str, *args: Any, sender: Any, value: int = 0,
                 gas: int | None = None) -> JournalEntry:
        """Send a transaction calling ``fn(*args)`` from ``sender`` and journal it.

        Parameters
        ----------
        fn : str
            Function name, or full signature (``"vote(uint256,uint8)"``) for an overload.
        *args
            Arguments; an ``address`` argument may be a name, a label or a handle.
        sender : str or Account
            Member name or address.
        value : int
            Wei to send along.
        gas : int, optional
            Gas limit; the session's generous default when omitted.

        Returns
        -------
        JournalEntry
            The journalled transaction, with its decoded events.

        Raises
        ------
        TransactionReverted
            When the transaction failed; it is still mined and journalled, and the
            exception carries the decoded custom error and the entry.
        UnknownFunctionError
            When the contract has no such function.
        """
        function, args = self._prepare(fn, args)
        data = function.encode(args)
        session = self._session
        entry = session._execute(self.address, self.label, function.name,
                                 function.human_args(args), data, sender, value, gas)
        if not entry.status:
            session._raise_reverted(f"{self.label}.{function.name}", entry)
        return entry

    def call(self, fn: str, *args: Any, sender: Any = None, value: int = 0,
             block: int | None = None) -> Any:
        """Call ``fn(*args)`` without a transaction and return its decoded result.

        One output gives the value itself, several give a tuple, none give ``None``.
        Addresses come back as checksum strings.

        Raises
        ------
        ContractReverted
            When the call reverts, with the decoded error.
        """
        function, args = self._prepare(fn, args)
        session = self._session
        origin = None if sender is None else session.address(sender)
        try:
            output = session.engine.call(origin, self.address, function.encode(args), value,
                                         block)
        except EngineRevert as exc:
            decoded = session.abis.explain(exc.data)
            raise _reverted(f"{self.label}.{function.name}", decoded, exc.data,
                            session.name_of) from None
        if not function.output_types:
            return None
        return function.decode_output(output)

    def events(self, name: str | None = None) -> list[DecodedEvent]:
        """Events this contract emitted, from the session's journal, oldest first."""
        return [e for e in self._session.journal.events(name) if e.address == self.address]


def _address_converters(function: FunctionAbi, resolve: Callable[[Any], str]
                        ) -> tuple[Callable[[Any], Any] | None, ...] | None:
    """Per input, a function that turns names and handles into addresses (None if none)."""

    def leaf(kind: str) -> Callable[[Any], Any] | None:
        return resolve if kind == "address" else None

    converters = tuple(converter(p, leaf) for p in function.inputs)
    return converters if any(converters) else None


def resolve_addresses(function: FunctionAbi, args: Sequence[Any],
                      resolve: Callable[[Any], str]) -> tuple[Any, ...]:
    """Let ``address`` arguments (nested ones too) be names, labels or handles."""
    converters = _address_converters(function, resolve)
    if converters is None or len(args) != len(converters):
        return tuple(args)
    return tuple(a if c is None else c(a) for c, a in zip(converters, args))


def _reverted(function: str, decoded: DecodedError, raw: bytes,
              name_of: Callable[[str], str]) -> ContractReverted:
    known = bool(decoded.signature)
    return ContractReverted(function, decoded.name if known else None,
                            dict(decoded.args) if known else {}, raw,
                            f"{function} reverted: {decoded.describe(name_of)}")


def decode_logs(logs: Sequence[RawLog], handles: Mapping[str, ContractHandle],
                registry: AbiRegistry, name_of: Callable[[str], str]) -> Events:
    """Decode a receipt's logs: by the emitter's own ABI first, then by any known ABI.

    A log no known ABI explains is kept as ``UnknownEvent`` with its raw topics and data,
    so a journal never silently drops what a contract said. Each log's emitter, name and
    ABI are settled now, while the session knows them as they are at this transaction; its
    values are read when first asked for (:class:`~dao_sim.chain.journal.Events`).
    """
    settled = []
    for log in logs:
        handle = handles.get(log.address)
        event = handle.interface.events.get(log.topics[0]) if handle and log.topics else None
        if event is None or len(log.topics) != 1 + len(event.indexed):
            event = registry.event_for(log.topics)
        settled.append((name_of(log.address), log, event))
    return Events(functools.partial(_decode_settled, tuple(settled)))


def _decode_settled(settled: tuple[tuple[str, RawLog, EventAbi | None], ...]
                    ) -> tuple[DecodedEvent, ...]:
    decoded = []
    for label, log, event in settled:
        args = None
        if event is not None:
            try:
                args = event.decode(log.topics, log.data)
            except (DecodingError, ValueError):
                args = None
        if event is None or args is None:
            decoded.append(DecodedEvent(label, log.address, "UnknownEvent", {
                "topics": tuple(humanize(t) for t in log.topics), "data": humanize(log.data)}))
        else:
            decoded.append(DecodedEvent(label, log.address, event.name, args))
    return tuple(decoded)
