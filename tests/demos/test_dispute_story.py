"""`dao-sim demo dispute`: the outcome follows the human ruling, whichever it is."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dao_sim.cli import app


@pytest.fixture
def run(artifacts, tmp_path):
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):
        return runner.invoke(app, ["demo", "dispute", "--out", str(tmp_path / "report.md"), *args], input=stdin)

    return invoke


@pytest.mark.parametrize(("ruling", "state"), [("uphold", "Executed"), ("void", "Voided"),
                                               ("remedy", "Voided")])
def test_the_ruling_decides_whether_the_payment_executes(run, tmp_path, ruling, state):
    result = run("--ruling", ruling)
    assert result.exit_code == 0, result.output
    assert f"The proposal is {state}, as Madina's ruling decided." in " ".join(result.stdout.split())
    evidence = json.loads((tmp_path / "report-evidence.json").read_text(encoding="utf-8"))
    assert evidence["proposal"]["state"] == state
    assert evidence["rulings"][0]["decided_by"] == "Madina"


def test_the_person_at_the_keyboard_rules(run, tmp_path):
    result = run(stdin="2\nthe campaign was never agreed\ny\n")
    assert result.exit_code == 0, result.output
    assert "The proposal is Voided" in result.stdout
    assert "not the legal equal of a handwritten signature" in result.stdout


def test_without_a_keyboard_or_ruling_nothing_is_decided_and_the_error_says_how(run):
    result = run(stdin="")
    assert result.exit_code == 1
    assert "--ruling" in result.stderr.splitlines()[-1]


def test_an_unknown_ruling_is_refused_in_one_line(run):
    result = run("--ruling", "maybe")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error: --ruling 'maybe'")


def test_ruling_belongs_to_the_dispute_story_only(artifacts):
    result = CliRunner().invoke(app, ["demo", "governance", "--ruling", "void"])
    assert result.exit_code == 1
    assert "applies to the dispute story" in result.stderr


def test_after_a_refusal_the_report_says_the_vote_decided_not_a_ruling(run, tmp_path):
    result = run("--ruling", "refuse")
    assert result.exit_code == 0, result.output
    words = " ".join(result.stdout.split())
    assert "The proposal is Executed: Madina refused to arbitrate, so the members' vote decided." in words
    written = " ".join((tmp_path / "report.md").read_text(encoding="utf-8").split())
    assert ("Dana disputed it; Madina refused to arbitrate, so the members' vote stands (a dao-sim "
            "default).") in written
    assert "Madina refused to arbitrate (ruling 0: " in written  # the ruling as recorded
    for text in (words, written):
        assert "ruling decided" not in text and "Madina ruled '" not in text
    evidence = json.loads((tmp_path / "report-evidence.json").read_text(encoding="utf-8"))
    assert (evidence["proposal"]["state"], evidence["rulings"][0]["ruling"]) == ("Executed", 0)
