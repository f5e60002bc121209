"""A report on a terminal (rich) or as plain text (logs, tests, pipes).

The rich layout is for people watching a demo: the timeline as a table, notes in italics,
refused transactions in red, each line's legal basis in its own column. The plain layout
carries the same words, one line per item, so a test or a log can read them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from dao_sim.report.model import Check, LawNote, Report, Table, TimelineItem

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


def _line(item: TimelineItem) -> str:
    basis = f"  [{item.basis}]" if item.basis else ""
    marker = "  --" if item.is_note else ("  ! " if not item.ok else "    ")
    return f"{item.when}{marker} {item.text}{basis}"


def timeline_text(items: Iterable[TimelineItem]) -> str:
    """One line per item: time (UTC), a marker (``--`` note, ``!`` refused), the sentence.

    Examples
    --------
    >>> print(timeline_text([TimelineItem(1_767_225_606, 6, "Bolat voted For proposal 0 "
    ...                                   "(weight 1)", "DC 20.7", "Bolat", "0xab")]))
    2026-01-01 00:00:06     Bolat voted For proposal 0 (weight 1)  [DC 20.7]
    """
    return "\n".join(_line(item) for item in items)


def table_text(table: Table) -> str:
    """A table as aligned plain text, its title first."""
    widths = [max(len(str(c)) for c in col) for col in zip(table.columns, *table.rows)]
    lines = [table.title]
    for row in (table.columns, *table.rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    if table.note:
        lines.append(table.note)
    return "\n".join(lines)


def _law_lines(notes: Iterable[LawNote]) -> list[str]:
    law = [n for n in notes if n.is_law]
    defaults = [n for n in notes if not n.is_law]
    lines = []
    if law:
        lines.append("What the law requires, and what this run shows:")
        lines += [f"  {n.article}: {n.rule} -- {n.shown}" for n in law]
    if defaults:
        lines.append("dao-sim defaults (design choices a charter may change; not law):")
        lines += [f"  {n.rule} -- {n.shown}" for n in defaults]
    return lines


def report_text(report: Report) -> str:
    """The whole report as plain text (no evidence table: that is for the written report)."""
    parts = [report.title, report.summary, ""]
    parts += [f"{label}: {value}" for label, value in report.facts]
    parts += ["", "Timeline (UTC, chain time):", timeline_text(report.timeline), ""]
    for table in report.tables:
        parts += [table_text(table), ""]
    parts += ["Checks on the chain:"]
    parts += [f"  {check_mark(c)} {c.label}" + (f": {c.detail}" if c.detail else "")
              for c in report.checks]
    parts += ["", *_law_lines(report.law), "", report.outcome]
    return "\n".join(parts)


def rich_timeline(items: Iterable[TimelineItem]) -> RichTable:
    """The timeline as a rich table: when, what happened, basis."""
    table = RichTable(box=box.SIMPLE_HEAD, title="Timeline", title_justify="left",
                      title_style="bold", expand=False, pad_edge=False)
    table.add_column("when (UTC)", style="dim", no_wrap=True)
    table.add_column("what happened", overflow="fold")
    table.add_column("basis", style="cyan", no_wrap=True)
    for item in items:
        if item.is_note:
            text = Text(item.text, style="italic yellow")
        elif not item.ok:
            text = Text(item.text, style="red")
        else:
            text = Text(item.text)
        table.add_row(item.when, text, item.basis)
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


def _rich_law(notes: Iterable[LawNote]) -> list[RichTable]:
    notes = list(notes)
    out = []
    law = [n for n in notes if n.is_law]
    if law:
        t = RichTable(box=box.SIMPLE_HEAD, title="What the law requires, and what this run shows",
                      title_justify="left", title_style="bold", pad_edge=False)
        t.add_column("article", style="cyan", no_wrap=True)
        t.add_column("the Code requires", overflow="fold")
        t.add_column("this run shows", overflow="fold")
        for n in law:
            t.add_row(n.article, n.rule, n.shown)
        out.append(t)
    defaults = [n for n in notes if not n.is_law]
    if defaults:
        t = RichTable(box=box.SIMPLE_HEAD, title="dao-sim defaults (not law: a charter may choose "
                      "otherwise)", title_justify="left", title_style="bold", pad_edge=False)
        t.add_column("default", overflow="fold")
        t.add_column("here", overflow="fold")
        for n in defaults:
            t.add_row(n.rule, n.shown)
        out.append(t)
    return out


def print_report(console: Console, report: Report) -> None:
    """Print ``report`` for people at a terminal; the last line is the outcome."""
    console.print(Panel(Text(report.summary), title=Text(report.title, style="bold"),
                        title_align="left", border_style="blue"))
    if report.facts:
        facts = RichTable.grid(padding=(0, 2))
        facts.add_column(style="bold", no_wrap=True)
        facts.add_column(overflow="fold")
        for label, value in report.facts:
            facts.add_row(label, value)
        console.print(facts)
        console.print()
    console.print(rich_timeline(report.timeline))
    for table in report.tables:
        console.print(rich_table(table))
    checks = [Text.assemble((check_mark(c), "green" if c.ok else "bold red"), " ", c.label,
                            (f": {c.detail}" if c.detail else "", "dim")) for c in report.checks]
    console.print(Panel(Group(*checks), title="Checked on the chain", title_align="left",
                        border_style="green" if report.ok else "red"))
    for law_table in _rich_law(report.law):
        console.print(law_table)
    console.print(Text(report.outcome, style="bold green" if report.ok else "bold red"))
