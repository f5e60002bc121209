"""Compliance findings for people (plain text, a report's section) and for programs (JSON);
SARIF lives in :mod:`dao_sim.compliance.sarif`.

The text names, for each finding, where it is, how much it weighs, which rule found it, what
is wrong, the requirement with the article and status of the edition applied (law in force,
draft text, or a dao-sim default), and what to change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from dao_sim.compliance import Finding, Severity
from dao_sim.law import Edition
from dao_sim.law import edition as find_edition
from dao_sim.report.model import Check, Section

__all__ = ["findings_check", "findings_json", "findings_markdown", "findings_section", "findings_summary",
           "findings_text"]


def findings_summary(findings: Sequence[Finding]) -> str:
    """``"3 findings: 2 errors, 1 warning"`` or ``"No findings."``.

    Examples
    --------
    >>> findings_summary([])
    'No findings.'
    """
    if not findings:
        return "No findings."
    counts = Counter(f.severity for f in findings)
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}"
             for s in Severity if counts[s]]
    return f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: {', '.join(parts)}."


def findings_text(findings: Sequence[Finding], edition: str | Edition | None = None) -> str:
    """Plain text: the law applied, then each finding on its own lines, then the counts."""
    lines = [find_edition(edition).header, ""]
    for f in findings:
        where = str(f.location) or "(no location)"
        lines.append(f"{where}: {f.severity.value} [{f.rule}]")
        lines.append(f"  {f.message}")
        lines.append(f"  requirement {f.requirement}: {f.citation}")
        if f.fix:
            lines.append(f"  fix: {f.fix}")
        lines.append("")
    lines.append(findings_summary(findings))
    return "\n".join(lines)


def findings_json(findings: Sequence[Finding],
                  edition: str | Edition | None = None) -> dict[str, Any]:
    """A JSON-ready dict: the edition, each finding's fields, the counts by severity."""
    which = find_edition(edition)
    counts = Counter(f.severity.value for f in findings)
    return {
        "edition": which.id,
        "law": which.header,
        "findings": [{
            "rule": f.rule,
            "severity": f.severity.value,
            "requirement": f.requirement,
            "article": f.provision.edition.article(f.provision.article)
            if f.provision.article else "",
            "status": f.provision.status.value,
            "citation": f.citation,
            "message": f.message,
            "fix": f.fix,
            "file": f.location.file,
            "line": f.location.line,
            "contract": f.location.contract,
            "function": f.location.function,
            "evidence": f.location.evidence,
        } for f in findings],
        "counts": {s.value: counts.get(s.value, 0) for s in Severity},
    }


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
