"""A scenario's run as lines for a terminal: what each step did, what was checked, and what
the runtime monitors found.

Kept apart from the runner so the runner writes nothing, and the same lines can serve a
step-by-step view that prints one step at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dao_sim.compliance import Finding
from dao_sim.law import edition as find_edition
from dao_sim.law import provision
from dao_sim.report.model import DEFAULT
from dao_sim.report.sentences import describe

__all__ = ["scenario_header", "scenario_summary", "step_explanation", "step_lines"]


def scenario_header(scenario: Any, edition: str) -> list[str]:
    """The lines before the first step: the law applied, the title and what the story is."""
    return [find_edition(edition).header, "", scenario.title, scenario.description, ""]


def step_lines(outcome: Any) -> list[str]:
    """One step: its number and line in the file, what happened, its checks, why it stopped."""
    head = "set-up" if outcome.index == 0 else f"{outcome.index:>2}."
    lines = [f"{head} {outcome.description}  (line {outcome.line})"]
    lines += [f"      {'ok  ' if c.ok else 'FAIL'} {c.field}: expected {c.expected}, found {c.found}"
              for c in outcome.checks]
    if outcome.refused:
        lines.append(f"      refused, as expected: {outcome.refused}")
    if outcome.failure:
        lines.append(f"      stopped: {outcome.failure}")
    return lines


def step_explanation(outcome: Any, name_of: Callable[[str], str], edition: str) -> list[str]:
    """What a step did on the chain and why, for ``--step``: each transaction in words, and the
    rule it rests on as edition ``edition`` states it (the law, the draft, or dao-sim's own
    default), each rule said once per step."""
    lines, said = [], set()
    for entry in outcome.entries:
        told = describe(entry, name_of)
        lines.append(f"      - {told.text}" + ("" if entry.status else " (refused)"))
        if told.basis and told.basis != DEFAULT and told.basis not in said:
            said.add(told.basis)
            found = provision(told.basis, edition)
            lines.append(f"        why: {found.statement.rstrip('.')} ({found.inline}).")
    if outcome.refused:
        lines.append(f"      why refused: the contract's rule {outcome.refused} stopped it, as the scenario expected.")
    return lines


def scenario_summary(result: Any, findings: Sequence[Finding] | None) -> list[str]:
    """The closing lines: steps played, expectations held, and what the charter rules and the
    runtime monitors found (none said when ``findings`` is ``None``: they did not run)."""
    held = sum(1 for c in result.checks if c.ok)
    lines = ["", (f"{len(result.outcomes)} of {len(result.scenario.steps)} steps played; "
                 f"{held} of {len(result.checks)} expectations held.")]
    if findings is None:
        return lines
    if not findings:
        lines.append("Charter rules and runtime monitors: nothing wrong found.")
    for f in findings:
        lines.append(f"Charter rules and runtime monitors: {f.severity.value}: {f.requirement} ({f.citation}): {f.message}")
    return lines
