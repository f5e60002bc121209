"""The journal: every transaction of a session, decoded, in order.

Runtime monitors read it (does every state change trace to a vote?), reports render it
("Bolat voted against proposal 1"), evidence packages cite it (tx hashes, events). It
records transactions that failed as well, with their decoded reason, because "the DAO
refused Dana's vote: AlreadyVoted" is part of what happened.

Entries are built by :class:`~dao_sim.chain.session.ChainSession` from data it already has
for the transaction, so keeping a journal costs little on the vote path.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, overload

from dao_sim.chain.reverts import DecodedError

__all__ = ["DecodedEvent", "Events", "Journal", "JournalEntry"]


@dataclass(frozen=True)
class DecodedEvent:
    """An event log, decoded: which contract emitted what, with which arguments."""

    contract_label: str
    address: str
    name: str
    args: dict[str, Any]

    def __str__(self) -> str:
        shown = ", ".join(f"{k}={v}" for k, v in self.args.items())
        return f"{self.contract_label}.{self.name}({shown})"


class Events(Sequence[DecodedEvent]):
    """A transaction's events, read into values the first time anyone looks.

    Which contract emitted each log, under which name, and by which ABI it is to be read are
    settled when the transaction is journalled (:func:`~dao_sim.chain.contract.decode_logs`);
    only turning its words into values waits, since a simulation journals many more
    transactions than anyone reads. Equal to any sequence holding the same events.
    """

    __slots__ = ("_decode", "_events")

    def __init__(self, decode: Callable[[], tuple[DecodedEvent, ...]]) -> None:
        self._decode: Callable[[], tuple[DecodedEvent, ...]] | None = decode
        self._events: tuple[DecodedEvent, ...] = ()

    @classmethod
    def of(cls, events: Sequence[DecodedEvent]) -> Events:
        """Events already decoded."""
        held = tuple(events)
        return cls(lambda: held)

    def _read(self) -> tuple[DecodedEvent, ...]:
        if self._decode is not None:
            self._events, self._decode = self._decode(), None
        return self._events

    @overload
    def __getitem__(self, index: int) -> DecodedEvent: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[DecodedEvent, ...]: ...

    def __getitem__(self, index: int | slice) -> DecodedEvent | tuple[DecodedEvent, ...]:
        return self._read()[index]

    def __len__(self) -> int:
        return len(self._read())

    def __iter__(self) -> Iterator[DecodedEvent]:
        return iter(self._read())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Events | tuple | list):
            return self._read() == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._read())

    def __reduce__(self) -> tuple[Any, ...]:
        return (Events.of, (self._read(),))


@dataclass(frozen=True)
class JournalEntry:
    """One mined transaction, as people and monitors read it.

    Attributes
    ----------
    index : int
        Position in the journal, from 0.
    sender, to : str
        Checksum addresses (``to`` is the new contract for a deployment, ``None`` when
        a deployment failed).
    sender_name, to_label : str
        The names the session knows them by, or short hex.
    function : str
        The function called, ``"deploy"`` for a deployment, ``"transfer"`` for a plain
        payment.
    args : dict
        Arguments by name, readable: checksum addresses, bytes as ``0x`` hex.
    value : int
        Wei sent along.
    status : bool
        ``False`` when the transaction reverted; ``error`` then says why.
    events : Events (a sequence of DecodedEvent)
        Logs emitted, in order (none when the transaction failed).
    """

    index: int
    tx_hash: str
    sender: str
    sender_name: str
    to: str | None
    to_label: str
    function: str
    args: dict[str, Any]
    value: int
    status: bool
    gas_used: int
    block: int
    timestamp: int
    events: Sequence[DecodedEvent]
    error: DecodedError | None

    @classmethod
    def of(cls, fields_: dict[str, Any]) -> JournalEntry:
        """An entry from a dict of all its fields, as the session journals each transaction.

        The dataclass constructor sets a frozen entry's fields one at a time, which on the
        fast engine costs more than the rest of journalling a transaction; this sets them
        at once, after checking that they are exactly the entry's fields.
        """
        if fields_.keys() != _ENTRY_FIELDS:
            raise TypeError(f"a journal entry has the fields {sorted(_ENTRY_FIELDS)}, "
                            f"not {sorted(fields_)}")
        entry = object.__new__(cls)
        entry.__dict__.update(fields_)
        return entry

    def describe(self) -> str:
        """One line for a log or a console: who did what, and whether it worked."""
        if self.function == "transfer":
            head = f"#{self.index} {self.sender_name} sent {self.value} wei to {self.to_label}"
        else:
            shown = ", ".join(f"{k}={v}" for k, v in self.args.items())
            head = f"#{self.index} {self.sender_name}: {self.to_label}.{self.function}({shown})"
        if self.error is None:
            return head
        return f"{head} FAILED: {self.error.describe()}"

    def event(self, name: str) -> DecodedEvent:
        """Return this transaction's only event called ``name``.

        Raises
        ------
        LookupError
            When the transaction emitted no such event, or more than one.
        """
        found = [e for e in self.events if e.name == name]
        if len(found) != 1:
            names = ", ".join(e.name for e in self.events) or "none"
            raise LookupError(f"transaction #{self.index} emitted {len(found)} '{name}' "
                              f"events (its events: {names})")
        return found[0]

    def to_record(self) -> dict[str, Any]:
        """A plain dict of this entry, ready for JSON."""
        record = {f.name: getattr(self, f.name) for f in fields(self)}
        record["events"] = [asdict(event) for event in self.events]
        record["error"] = None if self.error is None else asdict(self.error)
        return _plain(record)


_ENTRY_FIELDS = frozenset(f.name for f in fields(JournalEntry))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bytes | bytearray):
        return "0x" + bytes(value).hex()
    return value


class Journal(Sequence[JournalEntry]):
    """An append-only list of :class:`JournalEntry`, with the questions people ask of it.

    Only a snapshot revert removes entries (:meth:`rewind`): what was undone on the chain
    is undone in the journal.
    """

    def __init__(self) -> None:
        self._entries: list[JournalEntry] = []

    def append(self, entry: JournalEntry) -> None:
        """Add the entry for the next transaction; its index must be the next one."""
        if entry.index != len(self._entries):
            raise ValueError(f"journal entry {entry.index} appended at {len(self._entries)}")
        self._entries.append(entry)

    def rewind(self, length: int) -> None:
        """Drop every entry after the first ``length`` (a snapshot was restored)."""
        del self._entries[length:]

    @overload
    def __getitem__(self, index: int) -> JournalEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[JournalEntry]: ...

    def __getitem__(self, index: int | slice) -> JournalEntry | list[JournalEntry]:
        return self._entries[index]

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[JournalEntry]:
        return iter(self._entries)

    @property
    def last(self) -> JournalEntry:
        """The most recent entry.

        Raises
        ------
        LookupError
            When the journal is empty.
        """
        if not self._entries:
            raise LookupError("the journal is empty")
        return self._entries[-1]

    def by_function(self, name: str) -> list[JournalEntry]:
        """Entries that called ``name`` (``"deploy"`` and ``"transfer"`` included)."""
        return [e for e in self._entries if e.function == name]

    def by_sender(self, name_or_address: str) -> list[JournalEntry]:
        """Entries sent by an account, given by its name or its address."""
        return [e for e in self._entries
                if name_or_address in (e.sender_name, e.sender)]

    def failures(self) -> list[JournalEntry]:
        """Entries whose transaction reverted."""
        return [e for e in self._entries if not e.status]

    def events(self, name: str | None = None, contract: str | None = None
               ) -> list[DecodedEvent]:
        """Every event emitted, oldest first, optionally by name and contract label."""
        return [ev for e in self._entries for ev in e.events
                if (name is None or ev.name == name)
                and (contract is None or ev.contract_label == contract)]

    def to_records(self) -> list[dict[str, Any]]:
        """Every entry as a plain dict."""
        return [e.to_record() for e in self._entries]

    def to_json(self, indent: int | None = None) -> str:
        """The journal as JSON (a list of entries); integers stay exact."""
        return json.dumps(self.to_records(), indent=indent, ensure_ascii=False)
