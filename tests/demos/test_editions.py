"""The demo reports under both editions.

Under ``draft-2025`` a report cites only the draft's own articles, as the law catalogue gives
them, and never the Code in force; under ``code-2026``, the default, no draft number appears
as an article of the report's own text, and what the Code in force does not require is never
in the table of what the law requires.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from eth_utils import keccak
from typer.testing import CliRunner

from dao_sim.cli import app
from dao_sim.demos import story_names
from dao_sim.governance import DAOSpec
from dao_sim.law import cite, edition, requirements

CITATION = re.compile(r"DC \d+(?:\.\d+)?")

#: keccak-256 of the charter the stories deployed before editions existed.
DRAFT_CHARTER_HASH = "a3519232ccd36867bbe7c511e73e76d5963f0c35cda50eb037901a9a7d7f7cb7"


def draft_articles() -> set[str]:
    """Every "DC x.y" the catalogue gives a requirement under the draft."""
    found = set()
    for req in requirements():
        cited = cite(req.id, "draft-2025")
        found |= set(CITATION.findall(cited))
    return found


@pytest.fixture(scope="module")
def reports(artifacts, tmp_path_factory):
    """Every demo, played once under each edition through `dao-sim demo`: (report Markdown,
    evidence Markdown or "")."""
    out = {}
    for name in story_names():
        for which in ("draft-2025", "code-2026"):
            folder = tmp_path_factory.mktemp(f"{name}-{which}")
            args = ["demo", name, "--edition", which, "--out", str(folder / "report.md")]
            result = CliRunner().invoke(app, args + (["--ruling", "uphold"] if name == "dispute" else []))
            assert result.exit_code == 0, result.output
            evidence = folder / "report-evidence.md"
            out[name, which] = ((folder / "report.md").read_text(encoding="utf-8"),
                                evidence.read_text(encoding="utf-8") if evidence.exists() else "")
    return out


@pytest.mark.parametrize("name", story_names())
def test_the_draft_cites_only_the_drafts_own_articles(reports, name):
    markdown, evidence = reports[name, "draft-2025"]
    cited = set(CITATION.findall(markdown + evidence))
    assert cited and cited <= draft_articles() | {"DC 20.4"}  # the charter's opening line
    assert "Art. 67" not in markdown + evidence


def test_the_draft_charter_is_the_one_deployed_before_plus_the_line_naming_its_text():
    spec = DAOSpec(name="Steppe Makers", members={"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"},
                   arbitrator="HumanArbitrator",
                   voting_period="3 days", grace_period="2 days", execution_window="7 days")
    text = spec.charter_text("draft-2025")
    body, named = text.rsplit("\n\n", 1)
    assert named == edition("draft-2025").header + ".\n"
    assert keccak(text=body + "\n").hex() == DRAFT_CHARTER_HASH
    assert keccak(text=spec.charter_text("code-2026")).hex() != DRAFT_CHARTER_HASH


@pytest.mark.parametrize("name", story_names())
def test_each_report_names_its_edition_and_whether_it_is_law(reports, name):
    for which in ("draft-2025", "code-2026"):
        markdown, _ = reports[name, which]
        assert markdown.splitlines()[2] == f"**{edition(which).header}**"
    assert "law in force" in reports[name, "code-2026"][0].splitlines()[2]
    assert "not law" in reports[name, "draft-2025"][0].splitlines()[2]


@pytest.mark.parametrize("name", story_names())
def test_the_law_in_force_cites_its_own_articles_and_no_draft_rule_as_law(reports, name):
    markdown, evidence = reports[name, "code-2026"]
    assert not CITATION.search(markdown + evidence)
    rules = markdown[markdown.index("## What the law requires"):markdown.index("## dao-sim defaults")]
    assert "draft Art." not in rules and "dao-sim default" not in rules
    assert "| Art. 67(3) | A smart contract must provide a dispute procedure" in rules
    defaults = markdown[markdown.index("## dao-sim defaults"):markdown.index("## The charter")]
    assert "| dao-sim default (after draft Art. 20.9), related: Art. 67(2) |" in defaults
    assert "| dao-sim default (after draft Art. 20.7) |" in defaults  # decisions by vote


def test_the_dispute_evidence_under_the_law_in_force_cites_evidence_and_signatures(reports):
    _, evidence = reports["dispute", "code-2026"]
    assert f"**{edition('code-2026').header}**" in evidence
    assert "(Art. 49(2))" in evidence and "(Art. 47(4))" in evidence


def test_reports_do_not_depend_on_the_working_folder(reports):
    assert all(Path.cwd().as_posix() not in md for md, _ in reports.values())


@pytest.mark.parametrize("name", story_names())
@pytest.mark.parametrize("which", ["draft-2025", "code-2026"])
def test_every_story_is_checked_by_the_charter_rules_and_the_runtime_monitors(reports, name, which):
    markdown, _ = reports[name, which]
    assert "## Compliance findings" in markdown
    assert "The charter rules read the DAO's spec, and the runtime monitors every transaction" in markdown
    assert "nothing wrong found" in markdown.split("## Outcome", 1)[1].split("##", 1)[0]
