"""A report on a terminal (rich) or as plain text (logs, tests, pipes).

The rich layout is for people watching a demo: the timeline as a table, notes in italics,
refused transactions in red, each line's legal basis in its own column. The plain layout
carries the same words, one line per item, so a test or a log can read them. Both open with
the edition of the Code the report applies and cite the law under it.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from dao_sim.law import Edition
from dao_sim.law import edition as _edition
from dao_sim.report.model import Check, LawNote, Report, Table, TimelineItem, law_titles, split_law

__all__ = [
    "check_mark",
    "print_report",
    "report_text",
    "rich_table",
    "rich_timeline",
    "table_text",
    "timeline_text",
]


def check_mark(check: Check) -> str:
    """``"[ok]"`` or ``"[FAILED]"``: plain words rather than symbols a terminal may not draw."""
    return "[ok]" if check.ok else "[FAILED]"


def _line(item: TimelineItem, under: Edition) -> str:
    cited = item.cited(under)
    basis = f"  [{cited}]" if cited else ""
    marker = "  --" if item.is_note else ("  ! " if not item.ok else "    ")
    return f"{item.when}{marker} {item.text}{basis}"


def timeline_text(items: Iterable[TimelineItem], edition: str | Edition | None = None) -> str:
    """One line per item: time (UTC), a marker (``--`` note, ``!`` refused), the sentence, and
    its basis as edition ``edition`` (the one in use when ``None``) cites it.

    Examples
    --------
    >>> print(timeline_text([TimelineItem(1_767_225_606, 6, "Bolat voted For proposal 0 "
    ...                                   "(weight 1)", "dao-sim default", "Bolat", "0xab")]))
    2026-01-01 00:00:06     Bolat voted For proposal 0 (weight 1)  [dao-sim default]
    """
    under = _edition(edition)
    return "\n".join(_line(item, under) for item in items)


def table_text(table: Table) -> str:
    """A table as aligned plain text, its title first."""
    widths = [max(len(str(c)) for c in col) for col in zip(table.columns, *table.rows)]
    lines = [table.title]
    for row in (table.columns, *table.rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    if table.note:
        lines.append(table.note)
    return "\n".join(lines)


def _law_lines(notes: Iterable[LawNote], under: Edition) -> list[str]:
    stated, defaults = split_law(notes, under)
    lines = []
    if stated:
        lines.append(law_titles(under)[0] + ":")
        lines += [f"  {n.cited(under)}: {n.rule_in(under)} -- {n.shown}" for n in stated]
    if defaults:
        lines.append("dao-sim defaults (design choices a charter may change; not law):")
        for n in defaults:
            basis = n.reference_in(under)
            lines.append(f"  {n.rule_in(under)}" + (f" [{basis}]" if basis else "") + f" -- {n.shown}")
    return lines


def report_text(report: Report) -> str:
    """The whole report as plain text (no evidence table: that is for the written report),
    citing the law under the report's edition, which its second line names."""
    under = report.law_applied
    parts = [report.title, under.header, report.summary, ""]
    parts += [f"{label}: {value}" for label, value in report.facts]
    parts += ["", "Timeline (UTC, chain time):", timeline_text(report.timeline, under), ""]
    for table in report.tables:
        parts += [table_text(table), ""]
    parts += ["Checks on the chain:"]
    parts += [f"  {check_mark(c)} {c.label}" + (f": {c.detail}" if c.detail else "")
              for c in report.checks]
    parts += ["", *_law_lines(report.law, under), "", report.outcome]
    return "\n".join(parts)


def rich_timeline(items: Iterable[TimelineItem], edition: str | Edition | None = None) -> RichTable:
    """The timeline as a rich table: when, what happened, basis (cited under ``edition``)."""
    under = _edition(edition)
    table = RichTable(box=box.SIMPLE_HEAD, title="Timeline", title_justify="left",
                      title_style="bold", expand=False, pad_edge=False)
    table.add_column("when (UTC)", style="dim", no_wrap=True)
    table.add_column("what happened", overflow="fold")
    table.add_column("basis", style="cyan", max_width=16)  # a default's citation wraps
    for item in items:
        if item.is_note:
            text = Text(item.text, style="italic yellow")
        elif not item.ok:
            text = Text(item.text, style="red")
        else:
            text = Text(item.text)
        table.add_row(item.when, text, item.cited(under))
    return table


def rich_table(table: Table) -> RichTable:
    """A report table as a rich table (numbers right-aligned)."""
    out = RichTable(box=box.SIMPLE_HEAD, title=table.title, title_justify="left",
                    title_style="bold", caption=table.note or None, caption_justify="left",
                    pad_edge=False)
    for i, column in enumerate(table.columns):
        out.add_column(column, justify="left" if i == 0 else "right", no_wrap=i == 0)
    for row in table.rows:
        out.add_row(*row)
    return out


def _rich_law(notes: Iterable[LawNote], under: Edition) -> list[RichTable]:
    stated, defaults = split_law(notes, under)
    out = []
    if stated:
        title, says = law_titles(under)
        t = RichTable(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold",
                      pad_edge=False)
        t.add_column("article", style="cyan", no_wrap=True)
        t.add_column(says, overflow="fold")
        t.add_column("this run shows", overflow="fold")
        for n in stated:
            t.add_row(n.cited(under), n.rule_in(under), n.shown)
        out.append(t)
    if defaults:
        t = RichTable(box=box.SIMPLE_HEAD, title="dao-sim defaults (not law: a charter may choose "
                      "otherwise)", title_justify="left", title_style="bold", pad_edge=False)
        cited = any(n.requirement for n in defaults)
        t.add_column("default", overflow="fold")
        if cited:
            t.add_column("basis", style="cyan", overflow="fold")
        t.add_column("here", overflow="fold")
        for n in defaults:
            cells = (n.rule_in(under), n.reference_in(under)) if cited else (n.rule_in(under),)
            t.add_row(*cells, n.shown)
        out.append(t)
    return out


def print_report(console: Console, report: Report) -> None:
    """Print ``report`` for people at a terminal, citing the law under the report's edition,
    which the line under the opening panel names; the last line is the outcome."""
    under = report.law_applied
    console.print(Panel(Text(report.summary), title=Text(report.title, style="bold"),
                        title_align="left", border_style="blue"))
    console.print(Text(under.header, style="bold"))
    if report.facts:
        facts = RichTable.grid(padding=(0, 2))
        facts.add_column(style="bold", max_width=30)  # a default's citation makes a long label
        facts.add_column(overflow="fold")
        for label, value in report.facts:
            facts.add_row(label, value)
        console.print(facts)
        console.print()
    console.print(rich_timeline(report.timeline, under))
    for table in report.tables:
        console.print(rich_table(table))
    checks = [Text.assemble((check_mark(c), "green" if c.ok else "bold red"), " ", c.label,
                            (f": {c.detail}" if c.detail else "", "dim")) for c in report.checks]
    console.print(Panel(Group(*checks), title="Checked on the chain", title_align="left",
                        border_style="green" if report.ok else "red"))
    for law_table in _rich_law(report.law, under):
        console.print(law_table)
    console.print(Text(report.outcome, style="bold green" if report.ok else "bold red"))
