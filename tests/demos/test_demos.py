"""`dao-sim demo`: the library's stories played, reported (Markdown and an HTML page),
published and verifiable; the dispute story's outcome follows the human ruling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import dao_sim.demos
from dao_sim.cli import app
from dao_sim.demos import DEFAULT_STORY, DEMOS, Demo, get_demo, story_names
from dao_sim.exceptions import ScenarioError
from dao_sim.law import edition

LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture
def run(artifacts):
    """``dao-sim ...`` in-process; the contracts are compiled (or cached) beforehand."""
    runner = CliRunner()
    return lambda *args, stdin=None: runner.invoke(app, list(args), input=stdin)


def one_error_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_every_demo_is_a_scenario_of_the_library():
    assert story_names()[0] == DEFAULT_STORY == "governance"
    assert set(story_names()) == {"governance", "dispute", "liability"}
    for demo in DEMOS.values():
        assert (LIBRARY / demo.scenario).is_file(), demo
    with pytest.raises(ScenarioError, match="no demo story 'liabilty'; did you mean 'liability'"):
        get_demo("liabilty")


def test_the_flagship_executes_the_payment_writes_both_reports_and_verifies(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "Gulnara triggers the execution of 'website': pay 2 ETH to Erlan" in result.stdout
    assert "16 of 16 steps played; 14 of 14 expectations held." in result.stdout
    assert "Report written to out/demo-report.md and out/demo-report.html" in result.stdout
    markdown = (tmp_path / "out" / "demo-report.md").read_text(encoding="utf-8")
    assert "## Evidence" in markdown and "## Published rules, and how to check them" in markdown
    assert "| Gulnara executed proposal 0: paid 2 ETH to Erlan | dao-sim default (after draft Art. 20.7) |" in markdown
    page = (tmp_path / "out" / "demo-report.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.count("<svg") == 4
    checked = run("verify", "out/demo-deployment.json")
    assert checked.exit_code == 0, checked.output
    assert "Verified: the deployed code and charter are the published ones." in checked.stdout


def test_the_demo_names_the_law_in_force_by_default_and_the_draft_when_asked(run, tmp_path):
    in_force, draft = tmp_path / "in-force.md", tmp_path / "draft.md"
    assert run("demo", "--out", str(in_force)).exit_code == 0
    result = run("demo", "--edition", "draft-2025", "--out", str(draft))
    assert result.exit_code == 0, result.output
    assert edition("draft-2025").header in " ".join(result.stdout.split())
    written = in_force.read_text(encoding="utf-8")
    assert f"**{edition('code-2026').header}**" in written and "DC 2" not in written
    assert "| Art. 67(3) |" in written
    written = draft.read_text(encoding="utf-8")
    assert f"**{edition('draft-2025').header}**" in written and "Art. 67" not in written
    assert "| Gulnara executed proposal 0: paid 2 ETH to Erlan | DC 20.7 |" in written
    assert edition("draft-2025").header in draft.with_suffix(".html").read_text(encoding="utf-8")


def test_liability_shows_the_cap_holding(run, tmp_path):
    out = tmp_path / "liability.md"
    result = run("demo", "liability", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "ok   treasury.outstanding_liability: expected 14 ETH, found 14 ETH" in result.stdout
    assert "| Aigerim | member | 10 ETH | 0 ETH | 10 ETH | 10 ETH | 0 ETH |" in out.read_text(encoding="utf-8")


def test_verbose_says_the_compiler_was_not_started_on_a_cache_hit(run, tmp_path):
    result = run("demo", "--verbose", "--out", str(tmp_path / "r.md"))
    assert result.exit_code == 0, result.output
    assert "artifact cache hit" in result.stderr and "compiler not started" in result.stderr


def _story_with(tmp_path: Path, monkeypatch, old: str, new: str) -> Path:
    text = (LIBRARY / "decision-executes.yaml").read_text(encoding="utf-8")
    assert old in text
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.setitem(dao_sim.demos.DEMOS, "governance",
                        Demo("governance", "changed", str(changed), "out/demo-report.md"))
    return changed


def test_a_payment_the_vote_refused_fails_the_demo_and_its_report_says_so(run, tmp_path, monkeypatch):
    _story_with(tmp_path, monkeypatch, "{by: Bolat, proposal: website, support: for}",
                "{by: Bolat, proposal: website, support: against}")
    out = tmp_path / "r.md"
    result = run("demo", "--out", str(out))
    assert result.exit_code == 1
    assert "expected Grace, found Defeated" in one_error_line(result)
    assert "The run failed:" in out.read_text(encoding="utf-8")  # nothing lost
    assert "The run failed:" in out.with_suffix(".html").read_text(encoding="utf-8")


def test_an_unwritable_report_path_is_one_line_and_nothing_is_played(run, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("demo", "--out", str(blocker / "report.md"))
    assert result.exit_code == 1
    assert "cannot write the report to" in one_error_line(result)
    assert "steps played" not in result.stdout


@pytest.mark.parametrize(("ruling", "state", "erlan", "dana"), [
    ("uphold", "Executed", "+5 ETH", "+0 ETH"), ("void", "Voided", "+0 ETH", "+0 ETH"),
    ("remedy", "Voided", "+0 ETH", "+1 ETH"), ("refuse", "Executed", "+5 ETH", "+0 ETH")])
def test_the_dispute_outcome_follows_the_human_ruling(run, tmp_path, ruling, state, erlan, dana):
    out = tmp_path / "report.md"
    result = run("demo", "dispute", "--ruling", ruling, "--out", str(out))
    assert result.exit_code == 0, result.output
    evidence = json.loads((tmp_path / "report-evidence.json").read_text(encoding="utf-8"))
    assert evidence["proposal"]["state"] == state
    assert evidence["rulings"][0]["decided_by"] == "Madina"
    words = " ".join(result.stdout.split())
    if ruling == "refuse":
        assert "Madina refused to arbitrate, so the members' vote decided." in words
        assert "ruling decided" not in words
    else:
        assert f"The ruling is final: {ruling}." in words
    written = out.read_text(encoding="utf-8")
    assert ("executed proposal 0: paid 5 ETH to Erlan" in written) == (erlan == "+5 ETH")
    assert "given on the command line with --ruling" in written  # the ruling's recorded reasons
    if dana != "+0 ETH":
        assert "Dana withdraws 1 ETH credited by the DAO" in result.stdout


def test_the_person_at_the_keyboard_rules_with_reasons(run, tmp_path):
    out = tmp_path / "report.md"
    result = run("demo", "dispute", "--out", str(out), stdin="2\nthe campaign was never agreed\ny\n")
    assert result.exit_code == 0, result.output
    assert "The ruling is final: void." in " ".join(result.stdout.split())
    assert "not the legal equal of a handwritten signature" in " ".join(result.stdout.split())
    assert "Reasons: \u201cthe campaign was never agreed\u201d" in out.read_text(encoding="utf-8")


def test_without_a_keyboard_or_ruling_nothing_is_decided_and_the_error_says_how(run, tmp_path):
    result = run("demo", "dispute", "--out", str(tmp_path / "r.md"), stdin="")
    assert result.exit_code == 1
    assert "--ruling" in one_error_line(result)


def test_an_unknown_ruling_is_one_line(run, tmp_path):
    result = run("demo", "dispute", "--ruling", "maybe", "--out", str(tmp_path / "r.md"))
    assert result.exit_code == 1
    assert one_error_line(result).startswith("error: --ruling 'maybe'")


def test_ruling_belongs_to_the_dispute_story_only(run):
    result = run("demo", "governance", "--ruling", "void")
    assert result.exit_code == 1
    assert "applies to the dispute story" in one_error_line(result)
