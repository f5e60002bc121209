"""A tiny experiment, and its sequential sweep played once per test session."""

from __future__ import annotations

import pytest

from dao_sim.simulation.experiment import Experiment, PopulationSpec


def tiny(**changes) -> Experiment:
    """Two design points x two runs of one round, five members: a few seconds of chain."""
    fields = {"name": "tiny", "design": {"rounds": 1, "claim_rate": 0.5},
              "ranges": {"voting_rule": ["one-member-one-vote", "contribution-weighted"]},
              "population": PopulationSpec(kind="small-world", size=5, degree=2), "runs": 2, "seed": 7}
    fields.update(changes)
    return Experiment(**fields)


@pytest.fixture(scope="session")
def tiny_sequential():
    """The tiny experiment's table, played in this process."""
    from dao_sim.simulation.sweep import sweep

    return sweep(tiny(), workers=1, progress=None)
