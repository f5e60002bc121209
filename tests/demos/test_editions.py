"""The demo reports under both editions.

Under ``draft-2025`` a report must carry exactly the citations dao-sim printed before it knew
the Code in force: the same "DC x.y" in the same sections, each timeline line with the same
basis (frozen below from the reports of that time). Under ``code-2026``, the default, no draft
number appears as an article of the report's own text, and what the Code in force does not
require is never in the table of what the law requires.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from eth_utils import keccak

from dao_sim.chain.session import ChainSession
from dao_sim.demos import get_story
from dao_sim.demos.cast import FOUNDERS
from dao_sim.governance import DAOSpec
from dao_sim.law import edition
from dao_sim.report import report_markdown

CITATION = re.compile(r"DC \d+(?:\.\d+)?")

#: Section titles that differ between editions, by what the section is.
ROLES = {"What the law requires, and what this run shows": "rules",
         "What the draft says, and what this run shows": "rules"}

CHARTER = ["DC 20.4", "DC 20.9", "DC 20.7", "DC 20.8", "DC 9.6", "DC 28.2"]
RULES_FIRST = ["DC 28.2", "", "", "", "", "DC 20.9", "", "", ""]

#: Per story: the "DC" citations of each report section, in order, and the timeline's basis
#: column, line by line, as the reports of the draft-only dao-sim printed them.
FROZEN = {
    "governance": (
        {"The DAO": ["DC 20.9", "DC 28.2"],
         "Timeline": ["DC 28.2", "DC 20.9", "DC 20.9", *["DC 20.7"] * 6],
         "rules": ["DC 20.7", "DC 20.9", "DC 28.2"],
         "dao-sim defaults": ["DC 20.1"],
         "The charter": CHARTER},
        [*RULES_FIRST, "DC 20.9", *["DC 20.7"] * 4, "dao-sim default", "", "DC 20.7", "DC 20.7"]),
    "liability": (
        {"": ["DC 20.8"],
         "The DAO": ["DC 20.9", "DC 28.2"],
         "Timeline": ["DC 28.2", "DC 20.9", "DC 20.8", *["DC 20.7"] * 5],
         "Money": ["DC 20.8"],
         "rules": ["DC 20.8", "DC 20.7", "DC 20.9", "DC 28.2"],
         "dao-sim defaults": ["DC 20.8"],
         "The charter": CHARTER},
        [*RULES_FIRST, "dao-sim default", "dao-sim default", "DC 20.8", "dao-sim default",
         "dao-sim default", "DC 20.7", "DC 20.7", "DC 20.7", "", "DC 20.7", "DC 20.7",
         "dao-sim default", ""]),
    "dispute": (
        {"The DAO": ["DC 20.9", "DC 28.2", "DC 26.3"],
         "Timeline": ["DC 28.2", "DC 20.9", *["DC 20.7"] * 4, *["DC 28.2"] * 6, "DC 20.7"],
         "Money": ["DC 25.3"],
         "rules": ["DC 28.2", "DC 26.3", "DC 20.9"],
         "The charter": CHARTER,
         "The ruling, as recorded": ["DC 25.3"]},
        [*RULES_FIRST, *["DC 20.7"] * 4, "dao-sim default", *["DC 28.2"] * 6, "DC 20.7"]),
}

#: The dispute story's evidence package, by section.
FROZEN_EVIDENCE = {"Rulings": ["DC 25.3"], "Charter and code": ["DC 20.9"],
                   "What the signatures prove": ["DC 25.3", "DC 25.2"]}

#: keccak-256 of the charter the stories deployed before editions existed.
DRAFT_CHARTER_HASH = "a3519232ccd36867bbe7c511e73e76d5963f0c35cda50eb037901a9a7d7f7cb7"


def citations_by_section(markdown: str) -> dict[str, list[str]]:
    """The "DC" citations of each ``## `` section (headings inside code blocks are not sections;
    a citation in a heading counts for its section)."""
    found: dict[str, list[str]] = {}
    title, fenced = "", False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            title = re.sub(r"\s*\([^()]*\)$", "", line[3:].strip())
            title = ROLES.get(title, title)
        found.setdefault(title, []).extend(CITATION.findall(line))
    return {k: v for k, v in found.items() if v}


def timeline_basis(markdown: str) -> list[str]:
    """The basis column of the report's timeline, line by line."""
    part = markdown[markdown.index("## Timeline"):]
    part = part[:part.index("\n## ", 5)]
    return [row.split(" | ")[2] for row in part.splitlines() if row.startswith("| 20")]


@pytest.fixture(scope="module")
def reports(artifacts, tmp_path_factory):
    """Every story, played once under each edition: (report Markdown, evidence Markdown)."""
    out = {}
    for name in FROZEN:
        for which in ("draft-2025", "code-2026"):
            folder = tmp_path_factory.mktemp(f"{name}-{which}")
            report = get_story(name).play(ChainSession(), artifacts, edition=which,
                                          ruling="uphold", evidence_dir=folder)
            assert report.ok and report.edition == which
            evidence = folder / "demo-dispute-evidence.md"
            out[name, which] = (report_markdown(report),
                                evidence.read_text(encoding="utf-8") if evidence.exists() else "")
    return out


@pytest.mark.parametrize("name", FROZEN)
def test_the_draft_reproduces_the_citations_of_every_section(reports, name):
    markdown, _ = reports[name, "draft-2025"]
    sections, _basis = FROZEN[name]
    assert citations_by_section(markdown) == sections


@pytest.mark.parametrize("name", FROZEN)
def test_the_draft_reproduces_the_basis_of_every_timeline_line(reports, name):
    markdown, _ = reports[name, "draft-2025"]
    assert timeline_basis(markdown) == FROZEN[name][1]


def test_the_draft_reproduces_the_evidence_packages_citations(reports):
    _, evidence = reports["dispute", "draft-2025"]
    assert citations_by_section(evidence) == FROZEN_EVIDENCE
    assert f"**{edition('draft-2025').header}**" in evidence


def test_the_draft_charter_is_the_one_deployed_before_plus_the_line_naming_its_text():
    spec = DAOSpec(name="Steppe Makers", members=FOUNDERS, arbitrator="HumanArbitrator",
                   voting_period="3 days", grace_period="2 days", execution_window="7 days")
    text = spec.charter_text("draft-2025")
    body, named = text.rsplit("\n\n", 1)
    assert named == edition("draft-2025").header + ".\n"
    assert keccak(text=body + "\n").hex() == DRAFT_CHARTER_HASH
    assert keccak(text=spec.charter_text("code-2026")).hex() != DRAFT_CHARTER_HASH


@pytest.mark.parametrize("name", FROZEN)
def test_each_report_names_its_edition_and_whether_it_is_law(reports, name):
    for which in ("draft-2025", "code-2026"):
        markdown, _ = reports[name, which]
        assert markdown.splitlines()[2] == f"**{edition(which).header}**"
    assert "law in force" in reports[name, "code-2026"][0].splitlines()[2]
    assert "not law" in reports[name, "draft-2025"][0].splitlines()[2]


@pytest.mark.parametrize("name", FROZEN)
def test_the_law_in_force_cites_its_own_articles_and_no_draft_rule_as_law(reports, name):
    markdown, evidence = reports[name, "code-2026"]
    assert not CITATION.search(markdown + evidence)
    assert "| Art. 67(3) |" in markdown
    rules = markdown[markdown.index("## What the law requires"):markdown.index("## dao-sim defaults")]
    assert "draft Art." not in rules and "dao-sim default" not in rules
    assert "| Art. 67(3) | A smart contract must provide a dispute procedure" in rules
    defaults = markdown[markdown.index("## dao-sim defaults"):markdown.index("## The charter")]
    assert "| dao-sim default (after draft Art. 20.9), related: Art. 67(2) |" in defaults
    if name != "dispute":  # decisions by vote: in the draft, not in the law in force
        assert "| dao-sim default (after draft Art. 20.7) |" in defaults


def test_the_dispute_under_the_law_in_force_cites_evidence_and_signatures(reports):
    markdown, evidence = reports["dispute", "code-2026"]
    assert "| Art. 44(1) |" in markdown
    assert "handwritten signature (Art. 49(2))" in markdown
    assert f"**{edition('code-2026').header}**" in evidence
    assert "(Art. 49(2))" in evidence and "(Art. 47(4))" in evidence


def test_the_demos_default_is_the_law_in_force(artifacts):
    report = get_story("governance").play(ChainSession(), artifacts)
    assert report.edition == "code-2026"


def test_reports_do_not_depend_on_the_working_folder(reports):
    assert all(Path.cwd().as_posix() not in md for md, _ in reports.values())


@pytest.mark.parametrize("name", FROZEN)
@pytest.mark.parametrize("which", ["draft-2025", "code-2026"])
def test_every_story_is_checked_by_the_charter_rules_and_the_runtime_monitors(reports, name, which):
    markdown, _ = reports[name, which]
    assert "## Compliance findings" in markdown
    assert "runtime monitors read the spec and the" in markdown
    assert "- ✅ the charter rules and runtime monitors: nothing wrong found" in markdown
