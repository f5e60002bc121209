"""What a run report holds, already in words: renderers only lay it out.

Everything here is a frozen value with names resolved and amounts formatted, so the same
report renders identically to a console, to plain text and to Markdown, and a renderer
needs neither the chain nor the session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from dao_sim.governance.units import format_eth

__all__ = [
    "Check",
    "EvidenceRow",
    "LawNote",
    "Report",
    "Section",
    "Table",
    "TimelineItem",
    "balance_table",
    "signed_eth",
    "utc",
]


def utc(timestamp: int) -> str:
    """A chain timestamp as ``2026-01-04 00:00:06`` (UTC).

    Examples
    --------
    >>> utc(1_767_225_600)
    '2026-01-01 00:00:00'
    """
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S")


def signed_eth(wei: int) -> str:
    """A change of balance: ``+2 ETH``, ``-10 ETH``, ``0 ETH``.

    Examples
    --------
    >>> signed_eth(-10**18), signed_eth(0)
    ('-1 ETH', '0 ETH')
    """
    if wei > 0:
        return "+" + format_eth(wei)
    if wei < 0:
        return "-" + format_eth(-wei)
    return format_eth(0)


@dataclass(frozen=True)
class TimelineItem:
    """One line of a timeline: a transaction told in words, or a narrator's note.

    Attributes
    ----------
    timestamp, block : int
        When, on the chain's clock (notes take the chain's time when they were written).
    text : str
        The sentence.
    basis : str
        ``"DC 20.7"``, ``"dao-sim default"``, or empty.
    actor : str
        Who sent the transaction; empty for a note.
    tx_hash : str
        The transaction's hash; empty for a note.
    ok : bool
        ``False`` when the transaction was refused (it is still part of what happened).
    """

    timestamp: int
    block: int
    text: str
    basis: str = ""
    actor: str = ""
    tx_hash: str = ""
    ok: bool = True

    @property
    def is_note(self) -> bool:
        """Whether this line is narration rather than a transaction."""
        return not self.tx_hash

    @property
    def when(self) -> str:
        """The time in UTC, as text."""
        return utc(self.timestamp)


@dataclass(frozen=True)
class EvidenceRow:
    """A transaction as evidence: hash, block, time, sender, call, outcome and events."""

    index: int
    tx_hash: str
    block: int
    timestamp: int
    sender: str
    call: str
    status: str
    gas_used: int
    events: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A titled table of text cells (balances, liabilities, facts)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"table '{self.title}': row {row} has {len(row)} cells, "
                                 f"expected {len(self.columns)}")


@dataclass(frozen=True)
class Check:
    """A fact the run verified on the chain; a report is good only if every check holds."""

    label: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class LawNote:
    """How the run relates to a rule: the law's (``article`` set) or a dao-sim default.

    Attributes
    ----------
    article : str
        ``"DC 20.7"`` for what the Code requires; empty for a dao-sim default.
    rule : str
        What the law requires, or what dao-sim chose.
    shown : str
        What in this run shows it.
    """

    article: str
    rule: str
    shown: str

    @property
    def is_law(self) -> bool:
        """Whether this is the law's requirement rather than a default."""
        return bool(self.article)


@dataclass(frozen=True)
class Section:
    """Extra Markdown for the written report (a charter's text, a scenario's notes)."""

    title: str
    markdown: str


@dataclass(frozen=True)
class Report:
    """A run, told: outcome, checks, facts, timeline, tables, law and defaults, evidence."""

    title: str
    summary: str
    outcome: str
    checks: tuple[Check, ...]
    facts: tuple[tuple[str, str], ...] = ()
    timeline: tuple[TimelineItem, ...] = ()
    tables: tuple[Table, ...] = ()
    law: tuple[LawNote, ...] = ()
    evidence: tuple[EvidenceRow, ...] = ()
    sections: tuple[Section, ...] = ()
    chain: str = ""

    @property
    def ok(self) -> bool:
        """Whether every check held (a report with no checks proves nothing, so it is not ok)."""
        return bool(self.checks) and all(c.ok for c in self.checks)

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        """The checks that did not hold."""
        return tuple(c for c in self.checks if not c.ok)


def balance_table(title: str, columns: Sequence[str], balances: Mapping[str, Sequence[int]],
                  note: str = "") -> Table:
    """Balances at several moments, in ETH, with the change from the first to the last.

    Examples
    --------
    >>> t = balance_table("Wallets", ["before", "after"], {"Erlan": [10**21, 10**21 + 2 * 10**18]})
    >>> t.rows
    (('Erlan', '1000 ETH', '1002 ETH', '+2 ETH'),)
    """
    rows = []
    for name, values in balances.items():
        if len(values) != len(columns):
            raise ValueError(f"{name}: {len(values)} balances for {len(columns)} columns")
        cells = [format_eth(v) for v in values]
        rows.append((name, *cells, signed_eth(values[-1] - values[0])))
    return Table(title, ("", *columns, "change"), tuple(rows), note)
