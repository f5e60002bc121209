"""Every library scenario played on both engines: the same story must leave the same trace.

Compared per run: the final balance of every named person and contract, the DAO's treasury,
each transaction (who called what with which arguments, whether it was refused and with which
error, its gas, block and time), the events each emitted with their decoded arguments, and
what each step did (refusals met, failures). Gas is compared exactly: the fast engine runs
every transaction from cold state, as a chain does.

Arbitrators' identity attestations carry a random salt (``secrets.token_bytes``); both runs get
the same salts here, so that both send the same bytes.

A scenario that needs a capability the fast engine lacks is listed in :data:`NEEDS` with that
capability; for it, the test checks that the runs agree up to the step that needs it and
differ first exactly there (for block hashes: the panel drawn).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from dao_sim.chain.base import BLOCK_HASHES
from dao_sim.chain.revm_engine import RevmEngine
from dao_sim.chain.session import ChainSession

SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.yaml"))

#: Scenarios the fast engine cannot play as the default engine does, and the capability each
#: needs. appeal-overturns draws an appeal panel of several arbitrators, seeded by a block
#: hash; revm has no block hashes (its BLOCKHASH gives a stand-in), so it draws another panel.
NEEDS: dict[str, str] = {
    "appeal-overturns.yaml": BLOCK_HASHES,
}


def _play(path: Path, engine: str, artifacts: Any, monkeypatch: pytest.MonkeyPatch
          ) -> dict[str, Any]:
    from dao_sim.disputes import ScriptedDecision
    from dao_sim.scenarios.loader import load_scenario
    from dao_sim.scenarios.runner import run_scenario

    salts = random.Random(path.name)
    monkeypatch.setattr("dao_sim.disputes.arbitrator.secrets.token_bytes",
                        lambda n: salts.randbytes(n))
    scenario = load_scenario(path)
    session = ChainSession(engine, names=scenario.people, funding_eth=scenario.funding_eth)
    asks = any(step.kind == "rule" and step.get("ask") for step in scenario.steps)
    # A ruling asked at the keyboard is scripted here, the same on both engines.
    prompt = ScriptedDecision(3, "the person at the keyboard grants a remedy") if asks else None
    result = run_scenario(scenario, session=session, artifacts=artifacts, prompt=prompt)
    journal = session.journal
    return {
        "ok": result.ok,
        "steps": [(o.index, o.kind, o.refused, o.failure) for o in result.outcomes],
        "transactions": [
            (e.sender_name, e.to_label, e.function, e.args, e.value, e.status,
             (e.error.name, e.error.args) if e.error else None, e.gas_used, e.block, e.timestamp)
            for e in journal],
        "events": [[(ev.contract_label, ev.name, ev.args) for ev in e.events] for e in journal],
        "balances": {name: session.balance(name) for name in session.address_book.known()},
        "treasury": result.dao.treasury if result.dao is not None else None,
    }


def _differences(default: dict[str, Any], fast: dict[str, Any]) -> list[str]:
    found = []
    for key, expected in default.items():
        got = fast[key]
        if got == expected:
            continue
        if isinstance(expected, list) and isinstance(got, list):
            at = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b),
                      min(len(expected), len(got)))
            found.append(f"{key}[{at}]: eth-tester {expected[at:at + 1]} / revm {got[at:at + 1]}"
                         f" (lengths {len(expected)}, {len(got)})")
        else:
            found.append(f"{key}: eth-tester {expected} / revm {got}")
    return found


def _cases(lacking: bool) -> list[Path]:
    """The library's scenarios both engines can play alike, or (``lacking``) those that need a
    capability revm lacks."""
    return [path for path in SCENARIOS if (path.name in NEEDS) == lacking]


def test_the_needs_list_names_real_scenarios_and_missing_capabilities() -> None:
    names = {p.name for p in SCENARIOS}
    assert len(names) >= 12
    for name, capability in NEEDS.items():
        assert name in names
        assert capability not in RevmEngine.CAPABILITIES


@pytest.mark.parametrize("path", _cases(lacking=False), ids=lambda p: p.stem)
def test_scenario_is_the_same_on_both_engines(path: Path, artifacts: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    default = _play(path, "eth-tester", artifacts, monkeypatch)
    fast = _play(path, "revm", artifacts, monkeypatch)
    assert default["transactions"], "the scenario sent no transaction"
    assert _differences(default, fast) == []


@pytest.mark.parametrize("path", _cases(lacking=True), ids=lambda p: p.stem)
def test_a_scenario_drawing_from_block_hashes_differs_first_at_the_draw(path: Path, artifacts: Any,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Where revm lacks block hashes, everything up to the panel draw is the same, and the
    first difference is the panel drawn: the stand-in block hash drew someone else."""
    default = _play(path, "eth-tester", artifacts, monkeypatch)
    fast = _play(path, "revm", artifacts, monkeypatch)
    assert default["ok"] and fast["ok"]
    first = next(i for i, (a, b) in enumerate(zip(default["events"], fast["events"], strict=True)) if a != b)
    assert default["transactions"][:first] == fast["transactions"][:first]
    drawn = [(ev[1], {k: v for k, v in ev[2].items() if k != "panel"}) for ev in default["events"][first]]
    assert drawn == [(ev[1], {k: v for k, v in ev[2].items() if k != "panel"}) for ev in fast["events"][first]]
    assert [name for name, _ in drawn] == ["PanelDrawn"]
