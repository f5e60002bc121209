"""The command line: exit codes and plain text, not decoration."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dao_sim import __version__
from dao_sim.cli import app, one_line
from dao_sim.law import edition


@pytest.fixture
def run(artifacts):
    """Invoke ``dao-sim`` in-process; the contracts are compiled (or cached) beforehand."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args))

    return invoke


def _one_error_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_an_unknown_edition_is_one_line_naming_the_valid_ones_and_exit_1(run, tmp_path):
    for command in (["demo", "--out", str(tmp_path / "r.md")], ["law"]):
        result = run(*command, "--edition", "draft-2026")
        assert result.exit_code == 1
        line = _one_error_line(result)
        assert "did you mean 'draft-2025'?" in line and "code-2026, draft-2025" in line
        assert result.stdout == ""
    assert not (tmp_path / "r.md").exists()


def test_law_prints_the_catalogue_under_either_edition(run):
    text = run("law")
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0] == edition("code-2026").header
    assert "human-dispute: A human makes the final decision in disputes" in lines
    assert lines[lines.index("human-dispute: A human makes the final decision in disputes") + 1] == (
        "  Art. 67(3), law in force")
    assert "  dao-sim default (after draft Art. 20.7)" in lines
    markdown = run("law", "--edition", "draft-2025", "--format", "markdown")
    assert markdown.exit_code == 0
    assert f"**{edition('draft-2025').header}**" in markdown.stdout
    assert "| human-dispute | A human makes the final decision in disputes | DC 28.2, draft text, not law |" in (
        markdown.stdout)
    assert "law in force" not in markdown.stdout.replace("(law in force", "").split("| requirement |")[1]


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"dao-sim {__version__}"


def test_help_lists_the_demo_and_its_stories():
    top = CliRunner().invoke(app, ["--help"])
    assert top.exit_code == 0 and "demo" in top.stdout
    demo = CliRunner().invoke(app, ["demo", "--help"])
    assert demo.exit_code == 0
    assert "governance, dispute, liability" in " ".join(demo.stdout.split())


def test_an_unknown_story_is_one_line_and_exit_1(run):
    result = run("demo", "liabilty")
    assert result.exit_code == 1
    assert "did you mean 'liability'?" in _one_error_line(result)
    assert result.stdout == ""


def test_help_offers_the_editions():
    demo = CliRunner().invoke(app, ["demo", "--help"])
    assert "code-2026|draft-2025" in demo.stdout
    assert "--format" in CliRunner().invoke(app, ["law", "--help"]).stdout


def test_multi_line_messages_become_one_line():
    assert one_line("2 errors:\n  a.sol:3: x\n  a.sol:9: y") == "2 errors: a.sol:3: x; a.sol:9: y"
    assert one_line("first\nsecond") == "first; second"
    assert one_line("\n") == "failed (no message)"


def test_run_plays_a_library_scenario_and_the_monitors_read_it():
    result = CliRunner().invoke(app, ["run", "dispute-voided"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Law applied: Digital Code of the Republic of Kazakhstan No. 255-VIII")
    assert "14. Madina rules in dispute 'objection': void" in out
    assert "18 of 18 steps played; 10 of 10 expectations held." in out
    assert "Charter rules and runtime monitors: nothing wrong found." in out


def test_run_fails_on_a_wrong_expectation_naming_file_and_line(tmp_path):
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "scenarios" / "dispute-voided.yaml").read_text("utf-8")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(text.replace("campaign: Voided", "campaign: Executed", 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(wrong)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"error: {wrong}:49: steps[17].expect.proposals.campaign: "
                                     "expected Executed, found Voided")
    assert "runtime monitors" not in result.stdout, "the monitors did not run; nothing is said of them"


def test_run_refuses_a_malformed_or_missing_file_in_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nsteps: [\n", encoding="utf-8")
    for path, says in ((bad, f"error: {bad}:3: YAML syntax error"),
                       (tmp_path / "none.yaml", f"error: {tmp_path / 'none.yaml'}: no such scenario file")):
        result = CliRunner().invoke(app, ["run", str(path)])
        assert result.exit_code == 1
        assert result.stderr.startswith(says) and result.stderr.count("\n") == 1


def test_scenarios_lists_the_library_with_descriptions():
    result = CliRunner().invoke(app, ["scenarios"])
    assert result.exit_code == 0
    assert "dispute-voided.yaml: Dana disputes a passed payment" in result.stdout
    assert len(result.stdout.splitlines()) >= 6


def test_new_scenario_writes_a_commented_story_that_runs_green(tmp_path):
    result = CliRunner().invoke(app, ["new", "scenario", "first-story", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "first-story.yaml"
    assert written.read_text("utf-8").startswith("# A dao-sim scenario")
    played = CliRunner().invoke(app, ["run", str(written)])
    assert played.exit_code == 0, played.output
    assert "3 of 3 expectations held." in played.stdout


def test_new_scenario_never_overwrites_and_says_why_in_one_line(tmp_path):
    (tmp_path / "taken.yaml").write_text("mine", encoding="utf-8")
    for args, says in ((["taken"], "already exists: dao-sim does not overwrite it"),
                       (["../escape"], "is not a plain file name")):
        result = CliRunner().invoke(app, ["new", "scenario", *args, "--dir", str(tmp_path)])
        assert result.exit_code == 1 and says in result.stderr and result.stderr.count("\n") == 1
    assert (tmp_path / "taken.yaml").read_text("utf-8") == "mine"
