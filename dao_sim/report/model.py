"""What a run report holds, already in words: renderers only lay it out.

Everything here is a frozen value with names resolved and amounts formatted, so the same
report renders identically to a console, to plain text and to Markdown, and a renderer
needs neither the chain nor the session. What the law says is held as requirement ids of the
law catalogue (``human-dispute``), not as articles: a renderer cites them under the report's
edition, so the same run cites the Code in force or the draft by each one's own numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from dao_sim.governance.units import format_eth
from dao_sim.law import (
    Edition,
    Provision,
    Status,
    cite,
    current_edition,
    edition,
    provision,
    requirement,
)
from dao_sim.report.state import Snapshot

__all__ = [
    "DEFAULT",
    "Check",
    "DisputeRecord",
    "EvidenceRow",
    "LawNote",
    "Report",
    "RulingRecord",
    "Section",
    "Table",
    "TimelineItem",
    "balance_table",
    "basis_text",
    "check_basis",
    "law_titles",
    "signed_eth",
    "split_law",
    "utc",
]

#: The basis of an act that dao-sim chose, where the law leaves the choice to the charter.
DEFAULT = "dao-sim default"


def check_basis(basis: str) -> str:
    """``basis`` if it is empty, :data:`DEFAULT` or a requirement the law catalogue knows.

    Raises
    ------
    LawError
        For a requirement id the catalogue does not know (the nearest is suggested).
    """
    if basis and basis != DEFAULT:
        requirement(basis)
    return basis


def basis_text(basis: str, which: str | Edition | None = None) -> str:
    """What a timeline shows beside an act: the citation of requirement ``basis`` under edition
    ``which`` (the one in use when ``None``), ``"dao-sim default"``, or nothing.

    Examples
    --------
    >>> from dao_sim.law import cite
    >>> basis_text("human-dispute", "draft-2025") == cite("human-dispute", "draft-2025")
    True
    >>> basis_text(DEFAULT), basis_text("")
    ('dao-sim default', '')
    """
    if not basis or basis == DEFAULT:
        return basis
    return cite(basis, which)


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
        The requirement the act belongs to (``"vote-only-decisions"``), :data:`DEFAULT`, or
        empty; :meth:`cited` writes it under an edition.
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

    def __post_init__(self) -> None:
        check_basis(self.basis)

    def cited(self, which: str | Edition | None = None) -> str:
        """The basis as edition ``which`` cites it (see :func:`basis_text`)."""
        return basis_text(self.basis, which)

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

    @property
    def when(self) -> str:
        """The time in UTC, as text."""
        return utc(self.timestamp)


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
    """How the run relates to a rule: a requirement of the law catalogue, or a dao-sim default.

    Whether a requirement is the law's, the draft's or a dao-sim default depends on the edition
    the report applies, so a note keeps the requirement's id and a renderer asks the catalogue.

    Attributes
    ----------
    requirement : str
        The law catalogue's id (``"vote-only-decisions"``); empty for a default of dao-sim's own
        that no text speaks of.
    rule : str
        What dao-sim chose, for a note without a requirement; empty for a requirement, whose
        words are the edition's own (:meth:`rule_in`).
    shown : str
        What in this run shows it.
    """

    requirement: str
    rule: str
    shown: str

    def __post_init__(self) -> None:
        if self.requirement:
            requirement(self.requirement)
        elif not self.rule:
            raise ValueError("a law note needs a requirement or the rule dao-sim chose")

    def provision(self, which: str | Edition | None = None) -> Provision | None:
        """What edition ``which`` says about the requirement (``None`` for dao-sim's own rule)."""
        return provision(self.requirement, which) if self.requirement else None

    def rule_in(self, which: str | Edition | None = None) -> str:
        """The rule in words: the edition's statement of the requirement, or dao-sim's choice."""
        found = self.provision(which)
        return self.rule or (found.statement.rstrip(".") if found is not None else "")

    def is_provision(self, which: str | Edition | None = None) -> bool:
        """Whether edition ``which`` states this rule itself (as law, or as the draft's text),
        rather than it being a dao-sim default under that edition."""
        found = self.provision(which)
        return found is not None and found.status in (Status.LAW, Status.DRAFT)

    def cited(self, which: str | Edition | None = None) -> str:
        """The requirement's short citation under edition ``which``; empty for dao-sim's own rule."""
        found = self.provision(which)
        return found.citation if found is not None else ""

    def reference_in(self, which: str | Edition | None = None) -> str:
        """The citation with its status (and any related article); empty for dao-sim's own rule."""
        found = self.provision(which)
        return found.reference if found is not None else ""


@dataclass(frozen=True)
class Section:
    """Extra Markdown for the written report (a charter's text, a scenario's notes)."""

    title: str
    markdown: str


@dataclass(frozen=True)
class RulingRecord:
    """One human's ruling in a dispute, with the reasons they wrote (kept off the chain; their
    hash is on it)."""

    round: int
    decided_by: str
    ruling: str
    reasons: str
    how: str
    tx_hash: str = ""


@dataclass(frozen=True)
class DisputeRecord:
    """A dispute told: what it was about, who opened it, every ruling and how it ended."""

    name: str
    about: str
    opened_by: str
    rulings: tuple[RulingRecord, ...]
    outcome: str


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
    #: Disputes with their rulings and reasons.
    disputes: tuple[DisputeRecord, ...] = ()
    #: The DAO after each step (:class:`~dao_sim.report.state.Snapshot`), for the charts.
    snapshots: tuple[Snapshot, ...] = ()
    #: The edition of the Digital Code the report applies: the one in use when it is made.
    edition: str = field(default_factory=lambda: current_edition().id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "edition", edition(self.edition).id)  # refuses an unknown one

    @property
    def law_applied(self) -> Edition:
        """The edition the report applies."""
        return edition(self.edition)

    @property
    def ok(self) -> bool:
        """Whether every check held (a report with no checks proves nothing, so it is not ok)."""
        return bool(self.checks) and all(c.ok for c in self.checks)

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        """The checks that did not hold."""
        return tuple(c for c in self.checks if not c.ok)


def law_titles(under: Edition) -> tuple[str, str]:
    """The title of the table of rules the edition states, and the words for its column:
    the law's requirements for the Code in force, the draft's text for the draft."""
    if under.in_force:
        return "What the law requires, and what this run shows", "the Code requires"
    return "What the draft says, and what this run shows", "the draft says"


def split_law(notes: Iterable[LawNote], under: Edition) -> tuple[list[LawNote], list[LawNote]]:
    """The notes whose rule edition ``under`` states itself, and dao-sim's defaults under it."""
    notes = list(notes)
    return ([n for n in notes if n.is_provision(under)], [n for n in notes if not n.is_provision(under)])


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
