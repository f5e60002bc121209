"""The scenarios that ship in scenarios/ run green, and their expectations bite."""

from __future__ import annotations

from pathlib import Path

import pytest

from dao_sim.disputes import ScriptedDecision
from dao_sim.scenarios import ScenarioExpectationFailed, load_scenario, run_scenario

LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"
FILES = sorted(LIBRARY.glob("*.yaml"))


def test_the_library_is_there():
    assert len(FILES) >= 6


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_library_scenario_runs_green(path, artifacts):
    asks = any(step.kind == "rule" and step.get("ask") for step in load_scenario(path).steps)
    # A ruling asked of the person at the keyboard is scripted here (the demos test each one).
    prompt = ScriptedDecision(1, "the person at the keyboard upholds it") if asks else None
    result = run_scenario(path, artifacts=artifacts, prompt=prompt)
    assert result.ok
    assert [o.index for o in result.outcomes] == [s.index for s in result.scenario.steps]
    assert result.checks and all(c.ok for c in result.checks)
    played = sum(len(o.entries) for o in result.outcomes) + len(result.setup.entries)
    assert played == len(result.session.journal)
    assert all(o.description and "\n" not in o.description for o in result.outcomes)


def test_a_wrong_expectation_fails_with_its_file_and_line(tmp_path, artifacts):
    text = (LIBRARY / "decision-executes.yaml").read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(text.replace("{Erlan: +2 ETH,", "{Erlan: +3 ETH,"), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "Erlan: +2 ETH" in row)
    step = len(load_scenario(wrong).steps)
    with pytest.raises(ScenarioExpectationFailed) as info:
        run_scenario(wrong, artifacts=artifacts)
    assert str(info.value) == (f"{wrong}:{line}: steps[{step}].expect.balance_changes.Erlan: "
                               "expected +3 ETH, found +2 ETH")
    result = info.value.result
    assert result is not None and not result.ok
    assert result.outcomes[-1].failure == str(info.value)
    assert len(result.outcomes) == step


def test_the_voided_payment_would_fail_if_the_ruling_let_it_stand(tmp_path, artifacts):
    text = (LIBRARY / "dispute-voided.yaml").read_text(encoding="utf-8")
    upheld = tmp_path / "upheld.yaml"
    upheld.write_text(text.replace("ruling: void\n", "ruling: uphold\n"), encoding="utf-8")
    with pytest.raises(ScenarioExpectationFailed, match=r"disputes\.objection\.ruling: expected void, found uphold"):
        run_scenario(upheld, artifacts=artifacts)


def test_the_upheld_payment_would_fail_if_the_ruling_voided_it(tmp_path, artifacts):
    text = (LIBRARY / "dispute-upheld.yaml").read_text(encoding="utf-8")
    assert text.count("ruling: uphold\n") == 1  # the rule step; the expectations keep 'uphold'
    voided = tmp_path / "voided.yaml"
    voided.write_text(text.replace("ruling: uphold\n", "ruling: void\n"), encoding="utf-8")
    with pytest.raises(ScenarioExpectationFailed, match=r"disputes\.objection\.ruling: expected uphold, found void"):
        run_scenario(voided, artifacts=artifacts)
