"""`dao-sim run` writes the run's report (HTML or Markdown), lets the person at the keyboard
make the rulings, and refuses a report path it cannot write before playing anything."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dao_sim.cli import app

LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"


def test_run_writes_a_self_contained_html_report(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "dispute.html"
    result = CliRunner().invoke(app, ["run", "dispute-voided", "--report", str(target)])
    assert result.exit_code == 0, result.output
    assert f"Report written to {target}" in result.stdout
    page = target.read_text("utf-8")
    assert page.startswith("<!doctype html>")
    assert page.count("<svg") == 4  # treasury, votes, stakes, member graph
    assert "The minutes show the campaign was never agreed with Erlan." in page  # the ruling's reasons
    # Nothing to fetch: no stylesheet, script, image or font from elsewhere (XML namespaces are
    # names, not addresses).
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)|@import|url\(\s*["']?(https?:|//)""", page)


def test_run_writes_markdown_with_disputes_and_reasons(tmp_path: Path) -> None:
    target = tmp_path / "dispute.md"
    result = CliRunner().invoke(app, ["run", "dispute-voided", "--report", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert text.startswith("# ") and "## Disputes" in text and "### Proposals and votes" in text
    assert "Reasons: \u201cThe minutes show the campaign was never agreed with Erlan.\u201d" in text


def test_a_failed_run_still_writes_its_report_saying_where_it_failed(tmp_path: Path) -> None:
    text = (LIBRARY / "dispute-voided.yaml").read_text("utf-8")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(text.replace("campaign: Voided", "campaign: Executed", 1), encoding="utf-8")
    target = tmp_path / "wrong.html"
    result = CliRunner().invoke(app, ["run", str(wrong), "--report", str(target)])
    assert result.exit_code == 1
    assert "expected Executed, found Voided" in result.stderr
    assert "The run failed:" in target.read_text("utf-8")


@pytest.mark.parametrize("name, says", [
    ("report.txt", "name the file .html (a page with pictures) or .md (Markdown)"),
    ("blocker/report.html", "blocker is a file, not a folder"),
    ("folder.html", "that is a folder; name the report's file"),
])
def test_a_report_path_that_cannot_be_written_is_refused_before_the_run(tmp_path: Path, name: str,
                                                                      says: str) -> None:
    (tmp_path / "blocker").write_text("a file where a folder would go", encoding="utf-8")
    (tmp_path / "folder.html").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(app, ["run", "dispute-voided", "--report", str(tmp_path / name)])
    assert result.exit_code == 1
    assert says in result.stderr and result.stderr.count("\n") == 1
    assert "Law applied" not in result.stdout, "nothing was played"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_interactive_puts_each_ruling_to_the_person_at_the_keyboard(tmp_path: Path) -> None:
    target = tmp_path / "asked.md"
    typed = "2\nI read the minutes: nobody agreed a price.\ny\n"
    result = CliRunner().invoke(app, ["run", "dispute-voided", "--interactive", "--report", str(target)], input=typed)
    assert result.exit_code == 0, result.output
    assert "Madina rules at the keyboard in dispute 'objection': void" in result.stdout
    assert "I read the minutes: nobody agreed a price." in target.read_text("utf-8")


def test_interactive_rulings_are_checked_by_the_scenarios_expectations(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", "dispute-voided", "--interactive"],
                                input="1\nThe vote was properly held.\ny\n")
    assert result.exit_code == 1
    assert "expected void, found uphold" in result.stderr


def test_step_explains_each_transaction_and_the_rule_it_rests_on_under_the_edition() -> None:
    from dao_sim.law import provision

    for edition in ("code-2026", "draft-2025"):
        result = CliRunner().invoke(app, ["run", "dispute-voided", "--step", "--edition", edition])
        assert result.exit_code == 0, result.output
        human = provision("human-dispute", edition)
        why = f"why: {human.statement.rstrip('.')} ({human.inline})."
        lines = result.stdout.splitlines()
        opened = next(i for i, line in enumerate(lines) if "Dana opened dispute 0 on proposal 0" in line)
        assert lines[opened + 1].strip() == why
        assert any("why refused: the contract's rule ProposalNotExecutable stopped it" in line for line in lines)


def test_run_on_the_fast_engine_says_which_engine_and_what_it_lacks() -> None:
    result = CliRunner().invoke(app, ["run", "decision-executes", "--engine", "revm"])
    assert result.exit_code == 0, result.output
    assert "Engine: revm (pyrevm: fast, for simulations; no historical state, block hashes" in result.stdout
    assert "16 of 16 steps played; 14 of 14 expectations held." in result.stdout
    wrong = CliRunner().invoke(app, ["run", "decision-executes", "--engine", "rev"])
    assert wrong.exit_code == 1
    assert wrong.stderr.strip() == "error: no engine 'rev'; choose one of: eth-tester, revm; did you mean 'revm'?"
