"""The agents act through the real contracts; the modelled arbitrator says it is a model and
never stands where a person must decide."""

from __future__ import annotations

import random
from pathlib import Path

from dao_sim.simulation.agents import MODEL_LABEL, Disputer, MaliciousProposer, ModelledArbitrator
from dao_sim.simulation.run import world_for

from .conftest import tiny

ROOT = Path(__file__).resolve().parents[2]


def test_a_modelled_ruling_is_recorded_as_a_model_not_a_human_decision():
    experiment = tiny()
    point = experiment.points()[0]
    world = world_for(point, experiment.population, engine=None, edition=None)
    dao, session = world.dao, world.session
    pid = MaliciousProposer("M1", 1.0).propose(dao, 10**18)
    for member in ("M1", "M2", "M3"):
        dao.vote(member, pid, "for")
    dao.vote("M4", pid, "against")
    session.advance(dao.spec.voting_period)
    dispute = Disputer("M4", 1.0).dispute(dao, world.court, pid)
    (ruling,) = dispute.decide(ModelledArbitrator(harmful=True, accuracy=1.0, rng=random.Random(1)))
    assert ruling.channel == "model" and ruling.reason.startswith(MODEL_LABEL)
    assert ruling.ruling == 2 and "not a human decision" in ruling.record()
    assert dispute.finalise(by="Keeper").proposal_state == "Voided"
    session.revert(world.snapshot)


def test_scenarios_and_demos_never_use_the_modelled_arbitrator():
    for folder in ("dao_sim/scenarios", "dao_sim/demos", "scenarios"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".yaml"}:
                text = path.read_text(encoding="utf-8")
                assert "ModelledArbitrator" not in text and "dao_sim.simulation" not in text, path
