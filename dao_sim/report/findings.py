"""Compliance findings, written for a report: what was found, against which text, where.

Each finding already carries the provision of the edition its check ran under, so the
citation printed is that edition's, with its status (law in force, draft text, or a dao-sim
default), and a default is never printed as law.
"""

from __future__ import annotations

from collections.abc import Sequence

from dao_sim.compliance import Finding, Severity
from dao_sim.report.model import Check, Section

__all__ = ["findings_check", "findings_markdown", "findings_section"]


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def findings_markdown(findings: Sequence[Finding]) -> str:
    """A Markdown table of ``findings`` (or a sentence saying there are none)."""
    if not findings:
        return "No finding: every check and monitor held."
    rows = ["| severity | requirement | the text applied | what was found | where |",
            "|---|---|---|---|---|"]
    rows += [f"| {f.severity.value} | `{f.requirement}` | {_cell(f.citation)} | {_cell(f.message)} | "
             f"{_cell(str(f.location))} |" for f in findings]
    return "\n".join(rows)


def findings_section(findings: Sequence[Finding], checked: str) -> Section:
    """The report section: what was checked (``checked``, one sentence) and what was found."""
    return Section("Compliance findings", f"{checked}\n\n{findings_markdown(findings)}")


def findings_check(findings: Sequence[Finding], checked: str) -> Check:
    """A report check that holds when no finding is an error or a warning (notes, such as a
    dispute still open, do not fail it)."""
    serious = [f for f in findings if f.severity is not Severity.NOTE]
    notes = f"{len(findings)} note{'s' if len(findings) != 1 else ''}" if findings else "no finding"
    detail = "; ".join(f"{f.requirement}: {f.message}" for f in serious) or notes
    return Check(f"{checked}: nothing wrong found", not serious, detail)
