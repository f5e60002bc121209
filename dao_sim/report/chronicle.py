"""A session's story as it happens: its journal, with a narrator's notes between transactions.

The journal records transactions; it cannot record that "3 days pass" or why a step was
taken. A :class:`Chronicle` keeps such notes at their place among the transactions, so a
timeline reads in order: notes and transactions interleaved exactly as they happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dao_sim.governance.units import format_eth
from dao_sim.report.arguments import ArgumentTypes, RulingWords, show_typed
from dao_sim.report.model import EvidenceRow, TimelineItem, check_basis
from dao_sim.report.sentences import describe, describe_event

if TYPE_CHECKING:
    from dao_sim.chain.journal import JournalEntry
    from dao_sim.chain.session import ChainSession

__all__ = ["Chronicle", "Note", "evidence_of", "timeline_of"]


@dataclass(frozen=True)
class Note:
    """Narration placed before the journal entry at ``position`` (or after the last one)."""

    position: int
    timestamp: int
    block: int
    text: str
    basis: str = ""


class Chronicle:
    """Notes and transactions of one session, from the moment the chronicle starts.

    Parameters
    ----------
    session : ChainSession
        The session whose journal is told; transactions before now are left out.

    Examples
    --------
    >>> from dao_sim.chain.session import ChainSession
    >>> session = ChainSession(names=["Aigerim", "Bolat"])
    >>> story = Chronicle(session)
    >>> _ = session.send_value("Aigerim", "Bolat", 10**18)
    >>> _ = session.advance("3 days")
    >>> story.note("3 days pass")
    >>> [item.text for item in story.timeline()]
    ['Aigerim sent 1 ETH to Bolat', '3 days pass']
    """

    def __init__(self, session: ChainSession) -> None:
        self._session = session
        self._start = len(session.journal)
        self._notes: list[Note] = []

    def note(self, text: str, basis: str = "") -> None:
        """Add narration here, at the chain's current time: ``"3 days pass: the vote closes"``.

        ``basis`` is the requirement of the law catalogue the step shows (``"human-dispute"``),
        ``"dao-sim default"``, or empty; an id the catalogue does not know raises ``LawError``.
        """
        check_basis(basis)
        head = self._session.latest_block()
        self._notes.append(Note(len(self._session.journal), head.timestamp, head.number, text,
                                basis))

    @property
    def entries(self) -> list[JournalEntry]:
        """The journal entries since the chronicle started."""
        return list(self._session.journal[self._start:])

    def timeline(self) -> tuple[TimelineItem, ...]:
        """Every transaction and note since the start, in the order they happened."""
        return timeline_of(self.entries, self._notes, self._session.name_of)

    def evidence(self) -> tuple[EvidenceRow, ...]:
        """Every transaction since the start, as evidence rows."""
        return evidence_of(self.entries, self._session.name_of)


def timeline_of(entries: list[JournalEntry], notes: list[Note],
                name_of: Callable[[str], str]) -> tuple[TimelineItem, ...]:
    """Interleave ``entries`` and ``notes`` (by position) and tell each in words."""
    by_position: dict[int, list[Note]] = {}
    for note in notes:
        by_position.setdefault(note.position, []).append(note)
    items: list[TimelineItem] = []

    def add_notes(position: int) -> None:
        for n in by_position.pop(position, ()):
            items.append(TimelineItem(n.timestamp, n.block, n.text, n.basis))

    for entry in entries:
        add_notes(entry.index)
        told = describe(entry, name_of)
        items.append(TimelineItem(entry.timestamp, entry.block, told.text, told.basis,
                                  entry.sender_name, entry.tx_hash, entry.status))
    for position in sorted(by_position):
        add_notes(position)
    return tuple(items)


def evidence_of(entries: list[JournalEntry], name_of: Callable[[str], str],
                ruling_words: RulingWords | None = None, types: ArgumentTypes | None = None
                ) -> tuple[EvidenceRow, ...]:
    """Each entry as an :class:`EvidenceRow`: addresses named, amounts in ETH, times as
    dates, enum values and rulings in words, events decoded; with ``types`` (the build's ABI)
    the fields of structs are named and shown by kind too."""
    rows = []
    for e in entries:
        dispute = e.args.get("disputeId")
        inputs = types.of(e.function, e.args) if types is not None else {}
        args = ", ".join(f"{k}={show_typed(inputs.get(k), k, v, name_of, ruling_words=ruling_words, dispute=dispute)}"
                         for k, v in e.args.items())
        call = (f"{e.to_label}.{e.function}({args})" if e.function != "transfer"
                else f"transfer to {e.to_label}")
        if e.value:
            call += f" with {format_eth(e.value)}"
        status = "ok" if e.status else f"reverted: {e.error.describe(name_of) if e.error else '?'}"
        rows.append(EvidenceRow(e.index, e.tx_hash, e.block, e.timestamp, e.sender_name, call,
                                status, e.gas_used,
                                tuple(describe_event(ev, name_of, ruling_words) for ev in e.events)))
    return tuple(rows)
