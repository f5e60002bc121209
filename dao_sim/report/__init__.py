"""Run reports: a session's journal told in plain language, for a terminal or as Markdown.

:mod:`.sentences` tells one transaction in words; :class:`Chronicle` interleaves a session's
transactions with a narrator's notes; :class:`Report` holds a run already in words (outcome,
checks, facts, timeline, tables, law and defaults, evidence); :mod:`.console` prints it,
:mod:`.markdown` writes it, citing the law under the edition the report was made in, which
each names at the top; :mod:`.findings` writes compliance findings as text, JSON or a
report section. Renderers need no chain, so any runner (a demo, a scenario) can build a
:class:`Report` and reuse them.
"""

from dao_sim.report import arbitration as _arbitration  # noqa: F401  registers its sentences
from dao_sim.report import money as _money  # noqa: F401  registers its sentences
from dao_sim.report.chronicle import Chronicle, Note, evidence_of, timeline_of
from dao_sim.report.console import print_report, report_text, table_text, timeline_text
from dao_sim.report.findings import (
    findings_check,
    findings_json,
    findings_markdown,
    findings_section,
    findings_summary,
    findings_text,
)
from dao_sim.report.markdown import report_markdown, timeline_markdown, write_report
from dao_sim.report.model import (
    Check,
    EvidenceRow,
    LawNote,
    Report,
    Section,
    Table,
    TimelineItem,
    balance_table,
    basis_text,
    signed_eth,
    utc,
)
from dao_sim.report.progress import contracts_line, load_with_progress, steps_on_stderr
from dao_sim.report.registry import registry_table
from dao_sim.report.scenario_text import scenario_header, scenario_summary, step_lines
from dao_sim.report.sentences import (
    DEFAULT,
    SENTENCES,
    Sentence,
    describe,
    describe_event,
    sentence,
)
from dao_sim.report.verification import verification_lines, verification_text

__all__ = [
    "DEFAULT",
    "SENTENCES",
    "Check",
    "Chronicle",
    "EvidenceRow",
    "LawNote",
    "Note",
    "Report",
    "Section",
    "Sentence",
    "Table",
    "TimelineItem",
    "balance_table",
    "basis_text",
    "contracts_line",
    "describe",
    "describe_event",
    "evidence_of",
    "findings_check",
    "findings_json",
    "findings_markdown",
    "findings_section",
    "findings_summary",
    "findings_text",
    "load_with_progress",
    "print_report",
    "registry_table",
    "report_markdown",
    "report_text",
    "scenario_header",
    "scenario_summary",
    "sentence",
    "signed_eth",
    "step_lines",
    "steps_on_stderr",
    "table_text",
    "timeline_markdown",
    "timeline_of",
    "timeline_text",
    "utc",
    "verification_lines",
    "verification_text",
    "write_report",
]
