"""What a runtime monitor reads: a run's journal, and the DAOs deployed in it.

A monitor is a rule whose target is the journal. It works from the events the contracts
emitted, which are the evidence a lawyer can cite by transaction; a live DAO handle, when the
run still has one, lets a monitor also read state the events do not carry (a member's cap).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dao_sim.chain.journal import DecodedEvent, JournalEntry
from dao_sim.compliance.finding import Finding, Location
from dao_sim.compliance.rule import Rule, Target

__all__ = ["JournalMonitor", "Run", "at"]


@dataclass(frozen=True)
class Run:
    """A run to monitor: its journal and, where the chain is still live, its DAOs."""

    journal: Sequence[JournalEntry]
    daos: tuple[Any, ...] = field(default=())

    def successful(self) -> list[JournalEntry]:
        """The transactions that went through (a refused one changed nothing)."""
        return [e for e in self.journal if e.status]

    def events(self, name: str) -> list[tuple[JournalEntry, DecodedEvent]]:
        """Every event called ``name``, with the transaction that emitted it."""
        return [(e, ev) for e in self.journal if e.status for ev in e.events if ev.name == name]


def at(entry: JournalEntry, contract: str = "", function: str = "") -> Location:
    """A finding's location: the transaction (by index and hash) and what it called."""
    return Location(contract=contract or entry.to_label, function=function or entry.function,
                    evidence=f"tx #{entry.index} {entry.tx_hash}")


class JournalMonitor(Rule, abstract=True):
    """A rule over a run's journal."""

    TARGET = Target.JOURNAL

    def check(self, run: Run) -> list[Finding]:
        """Every finding this monitor makes on ``run``."""
        raise NotImplementedError
