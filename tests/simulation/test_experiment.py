"""Experiments: design points from ranges, populations as graphs, files with file:line errors."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from dao_sim.simulation.command import resolve_experiment, shipped_experiments
from dao_sim.simulation.errors import ExperimentFileError, SimulationError
from dao_sim.simulation.experiment import Experiment, load_experiment
from dao_sim.simulation.population import KINDS, generate, load_graph

GOOD = """\
name: small
runs: 3
seed: 5
population: {kind: scale-free, size: 6}
design:
  rounds: 1
ranges:
  quorum: ["30%", "60%"]
  whale: [true, false]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "exp.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_design_points_are_the_product_of_the_ranges(tmp_path):
    experiment = load_experiment(write(tmp_path, GOOD))
    points = experiment.points()
    assert [p.label for p in points] == ["quorum=30%, whale=True", "quorum=30%, whale=False",
                                         "quorum=60%, whale=True", "quorum=60%, whale=False"]
    assert experiment.seeds() == [5, 6, 7] and experiment.total_runs == 12
    assert points[0]["rounds"] == 1 and points[0]["voting_rule"] == "one-member-one-vote"
    assert experiment.with_runs(runs=1, seed=9).seeds() == [9]


@pytest.mark.parametrize(("text", "where", "says"), [
    (GOOD.replace("runs: 3", "rnus: 3"), ":2: rnus:", "did you mean 'runs'?"),
    (GOOD.replace("  rounds: 1", "  rouns: 1"), ":6: design.rouns:", "did you mean 'rounds'?"),
    (GOOD.replace('  quorum: ["30%", "60%"]', "  quorum: 30%"), ":8: ranges.quorum:", "non-empty list"),
    (GOOD.replace('["30%", "60%"]', '["30%", "160%"]'), ":8: ranges.quorum:", "quorum"),
    (GOOD.replace("  rounds: 1", "  rounds: 0"), ":6: design.rounds:", "at least 1"),
    (GOOD.replace("runs: 3", "runs: -1"), ":2: runs:", "at least 1"),
    (GOOD.replace("kind: scale-free", "kind: scale-fre"), ":4: population.kind:", "did you mean 'scale-free'"),
    (GOOD.replace("ranges:", "ranges: ["), ":", "YAML syntax error"),
    ("runs: 3\n", ":1: name:", "missing"),
])
def test_a_bad_experiment_file_is_one_line_naming_file_line_and_field(tmp_path, text, where, says):
    path = write(tmp_path, text)
    with pytest.raises(ExperimentFileError) as info:
        load_experiment(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))
    assert where in message and says in message


def test_a_missing_file_is_named():
    with pytest.raises(ExperimentFileError, match="no/such.yaml: no such experiment file"):
        load_experiment("no/such.yaml")


def test_an_unknown_parameter_in_python_suggests_the_nearest():
    with pytest.raises(SimulationError, match="did you mean 'turnout'"):
        Experiment("x", design={"turnuot": 0.5})


@pytest.mark.parametrize("kind", KINDS)
def test_generated_populations_depend_only_on_their_seed(kind):
    a, b = generate(kind, 12, seed=3), generate(kind, 12, seed=3)
    assert a.members == [f"M{i}" for i in range(1, 13)]
    assert sorted(a.graph.edges) == sorted(b.graph.edges)
    assert a.circle("M1", 4)[0] == "M1" and len(set(a.circle("M1", 4))) == len(a.circle("M1", 4))


def test_a_population_loads_from_a_graph_file(tmp_path):
    graph = nx.path_graph(["ann", "bob", "cat", "dan"])
    path = tmp_path / "people.json"
    path.write_text(json.dumps(nx.node_link_data(graph, edges="links")), encoding="utf-8")
    population = load_graph(path)
    assert population.members == ["M1", "M2", "M3", "M4"]
    assert population.graph.number_of_edges() == 3
    edges = tmp_path / "people.edgelist"
    edges.write_text("a b\nb c\n", encoding="utf-8")
    assert load_graph(edges).members == ["M1", "M2", "M3"]
    with pytest.raises(SimulationError, match="at least 3 members"):
        (tmp_path / "two.edgelist").write_text("a b\n", encoding="utf-8")
        load_graph(tmp_path / "two.edgelist")


def test_the_shipped_experiment_loads_and_is_a_few_hundred_runs():
    assert "whale-and-bloc" in shipped_experiments()
    experiment = load_experiment(resolve_experiment("whale-and-bloc"))
    assert 200 <= experiment.total_runs <= 400
    with pytest.raises(SimulationError, match="did you mean 'whale-and-bloc'"):
        resolve_experiment("whale-and-blob")
