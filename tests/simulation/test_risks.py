"""The risk register: Wilson intervals, estimates per design point, reducers, the law cited."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dao_sim.law import reference
from dao_sim.simulation.agents import MODEL_LABEL
from dao_sim.simulation.risks import RISKS, register, render_markdown, wilson


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (0, 10, 0.0, 0.2775),       # the textbook values of the Wilson score interval (z = 1.96)
    (5, 10, 0.2366, 0.7634),
    (10, 10, 0.7225, 1.0),
    (81, 263, 0.2553, 0.3662),
])
def test_wilson_matches_published_values(k, n, low, high):
    lo, hi = wilson(k, n)
    assert lo == pytest.approx(low, abs=5e-4) and hi == pytest.approx(high, abs=5e-4)


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_holds_the_observed_share_inside_zero_to_one(kn):
    k, n = kn
    lo, hi = wilson(k, n)
    assert 0.0 <= lo <= k / n <= hi <= 1.0
    assert hi - lo <= 2 * 1.96 * math.sqrt(0.25 / n) + 1e-9  # never wider than the worst case


def rows_for(point: int, design: str, rule: str, captured: list[int]):
    out = []
    for seed, value in enumerate(captured):
        base = {"experiment": "x", "point": point, "design": design, "seed": seed, "status": "ok",
                "error": "", "voting_rule": rule}
        for metric in ("captured_decisions", "malicious_paid", "max_loss_share", "quorum_failures",
                       "exits", "disputes", "disputes_voided", "claim_freezes"):
            out.append({**base, "metric": metric, "step": 0, "value": float(value if metric == "captured_decisions" else 0)})
        out += [{**base, "metric": "nakamoto", "step": s, "value": 2.0} for s in (0, 1)]
    return out


def test_the_register_estimates_each_risk_and_names_what_reduces_it():
    rows = rows_for(0, "voting_rule=a", "a", [1, 1, 0, 1]) + rows_for(1, "voting_rule=b", "b", [0, 0, 0, 1])
    rows.append({"experiment": "x", "point": 1, "design": "voting_rule=b", "seed": 9, "metric": "run_failed",
                 "step": 0, "value": 1.0, "status": "failed", "error": "boom", "voting_rule": "b"})
    entries = {e.risk.id: e for e in register(rows, ["voting_rule"])}
    assert set(entries) == {r.id for r in RISKS}
    captured = entries["captured-decision"]
    assert (captured.overall.events, captured.overall.n) == (4, 8)  # the failed run is left out
    assert [(label, e.events) for label, e in captured.by_point] == [("voting_rule=a", 3), ("voting_rule=b", 1)]
    assert [name for name, _ in captured.reducers] == ["voting_rule=b"]
    assert captured.scale == 1.0
    assert entries["quorum-failure"].scale is None and not entries["quorum-failure"].reducers


@pytest.mark.parametrize("edition", ["code-2026", "draft-2025"])
def test_the_report_cites_the_register_under_its_edition(edition):
    rows = rows_for(0, "base", "a", [1, 0])
    text = render_markdown(register(rows), experiment="x", runs=2, failed=0, edition=edition)
    assert reference("risk-register", edition) in text
    assert MODEL_LABEL in text
    if edition == "code-2026":
        assert "register is a dao-sim default that serves the members' right to information on risks" in text
        assert "law in force" in text.splitlines()[2]
    else:
        assert "draft text, not law" in text
