"""A report as one self-contained HTML page: styles, charts and graph inside the file, so it
opens anywhere with no network and can be mailed or archived as it is.

The words are the same as the Markdown report's (the law tables and extra sections are that
Markdown, rendered); what the page adds are the pictures, drawn by :mod:`.charts` from the
report's snapshots. The lesson view reuses the same parts (:func:`lesson_parts`) so a class
sees, step by step, what the final report shows.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt

from dao_sim import __version__
from dao_sim.files import write_atomically
from dao_sim.law import Edition
from dao_sim.report.charts import member_graph_chart, stakes_chart, tallies_chart, treasury_chart
from dao_sim.report.markdown import _law_markdown
from dao_sim.report.model import Report
from dao_sim.report.state import Snapshot

__all__ = ["charts_of", "lesson_page", "lesson_parts", "report_html", "write_html"]


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("dao_sim.report", "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def markdown_html(text: str) -> str:
    """Markdown (a report's own, never user HTML: raw HTML is escaped) as HTML."""
    md = _markdown()
    md.options["html"] = False
    return md.render(text)


def charts_of(snapshots: tuple[Snapshot, ...] | list[Snapshot], *, placeholders: bool = False) -> dict[str, str]:
    """The four pictures of a run (``treasury``, ``tallies``, ``stakes``, ``graph``), as SVG
    markup; none for a run without a DAO, unless ``placeholders`` (a lesson before the DAO is
    founded) asks for each picture saying what it is still waiting for."""
    if not snapshots or not (placeholders or any(s.members for s in snapshots)):
        return {}
    last = snapshots[-1]
    return {"treasury": treasury_chart(snapshots), "tallies": tallies_chart(last),
            "stakes": stakes_chart(last), "graph": member_graph_chart(last)}


def _context(report: Report, *, placeholders: bool = False) -> dict[str, Any]:
    under = report.law_applied
    law = "\n".join(_law_markdown(report.law, under))
    return {"report": report, "edition": under, "version": __version__,
            "charts": charts_of(report.snapshots, placeholders=placeholders),
            "law_html": jinja2.utils.markupsafe.Markup(markdown_html(law)) if law.strip() else "",
            "sections": [(s.title, jinja2.utils.markupsafe.Markup(markdown_html(s.markdown)))
                         for s in report.sections]}


def report_html(report: Report) -> str:
    """The whole report as one HTML document."""
    return _environment().get_template("report.html.j2").render(**_context(report))


def write_html(report: Report, path: str | Path) -> Path:
    """Write the report's HTML page to ``path`` at once (a reader never sees half a page).

    Raises
    ------
    OSError
        When the file cannot be written; nothing is left half-written.
    """
    return write_atomically(Path(path), report_html(report))


def lesson_parts(report: Report, step: int, total: int) -> dict[str, str]:
    """The parts of the lesson page that change at each step, as HTML fragments."""
    env = _environment()
    context = {**_context(report, placeholders=True), "step": step, "total": total}
    return {name: env.get_template(f"lesson_{name}.html.j2").render(**context)
            for name in ("timeline", "money", "charts", "status")}


def lesson_page(title: str, summary: str, edition: Edition, total: int) -> str:
    """The lesson page itself: a frame whose parts :func:`lesson_parts` fills at each click."""
    return _environment().get_template("lesson.html.j2").render(
        title=title, summary=summary, edition=edition, total=total, version=__version__)
