"""Sweeps: the same seeds give the same table however they run; failures are rows; an
interrupted sweep resumes without playing a run twice."""

from __future__ import annotations

import pytest

import dao_sim.simulation.run as run_module
from dao_sim.simulation.errors import SimulationError
from dao_sim.simulation.run import METRICS
from dao_sim.simulation.sweep import COLUMNS, read_table, sweep

from .conftest import tiny


def test_a_sweep_is_a_tidy_table_one_row_per_run_metric_and_step(tiny_sequential):
    rows = tiny_sequential.rows
    assert tiny_sequential.ran == 4 and tiny_sequential.failed == 0
    assert all(set(COLUMNS) <= set(r) for r in rows)
    runs = {(r["point"], r["seed"]) for r in rows}
    assert runs == {(p, s) for p in (0, 1) for s in (7, 8)}
    for run in runs:
        metrics = [(r["metric"], r["step"]) for r in rows if (r["point"], r["seed"]) == run]
        assert {m for m, _ in metrics} == set(METRICS)
        assert sorted(s for m, s in metrics if m == "nakamoto") == [0, 1]  # before and after the round
    assert rows == sorted(rows, key=lambda r: (r["point"], r["seed"], r["metric"], r["step"]))


def test_the_same_seeds_give_the_same_table(tiny_sequential, tmp_path):
    again = sweep(tiny(), workers=1, table=tmp_path / "t.parquet", progress=None)
    assert again.rows == tiny_sequential.rows
    assert read_table(tmp_path / "t.parquet") == tiny_sequential.rows


def test_local_processes_give_the_table_of_a_sequential_sweep(tiny_sequential):
    parallel = sweep(tiny(), workers=2, progress=None)
    assert parallel.rows == tiny_sequential.rows


def test_the_fast_engine_gives_the_table_of_the_default_engine(tiny_sequential):
    fast = sweep(tiny(), workers=1, engine="revm", progress=None)
    assert fast.rows == tiny_sequential.rows


def test_a_failing_run_is_recorded_with_its_seed_and_error_and_the_sweep_goes_on():
    broken = tiny(design={"rounds": 1, "malicious_rate": 0.5, "malicious_payment": "1000 ETH"}, runs=4,
                  ranges={})
    result = sweep(broken, workers=1, progress=None)
    failed = [r for r in result.rows if r["status"] == "failed"]
    played = {r["seed"] for r in result.rows if r["status"] == "ok"}
    assert failed and played, "the seeds should give both malicious and sound rounds"
    assert result.failed == len(failed) and {r["seed"] for r in failed} | played == {7, 8, 9, 10}
    for row in failed:
        assert row["metric"] == "run_failed" and row["value"] == 1.0
        assert row["error"].startswith("DAORefused: a payment of 1000 ETH exceeds")


class Interrupted(Exception):
    pass


def test_an_interrupted_sweep_resumes_from_its_table_without_replaying_runs(tiny_sequential, tmp_path,
                                                                               monkeypatch):
    played: list[tuple[str, int]] = []
    real = run_module.run_once

    def counted(point, population, seed, **kwargs):
        played.append((point.label, seed))
        return real(point, population, seed, **kwargs)

    monkeypatch.setattr(run_module, "run_once", counted)
    table = tmp_path / "results.parquet"

    def stop(done, total, failed, seconds):
        raise Interrupted

    with pytest.raises(Interrupted):
        sweep(tiny(runs=3), workers=1, table=table, progress=stop)
    first = list(played)
    assert len(first) == 2 and len({(r["design"], r["seed"]) for r in read_table(table)}) == 2
    resumed = sweep(tiny(runs=3), workers=1, table=table, progress=None)
    assert (resumed.resumed, resumed.ran) == (2, 4)
    assert len(played) == 6 and len(set(played)) == 6  # no run played twice
    old = [r for r in resumed.rows if r["seed"] in (7, 8)]
    assert old == tiny_sequential.rows
    again = sweep(tiny(runs=3), workers=1, table=table, progress=None)
    assert (again.resumed, again.ran, len(played)) == (6, 0, 6)


def test_a_table_of_another_experiment_is_not_resumed(tiny_sequential, tmp_path):
    from dao_sim.simulation.sweep import write_table

    write_table(tiny_sequential.rows, tmp_path / "r.parquet")
    with pytest.raises(SimulationError, match="holds the runs of tiny, not other"):
        sweep(tiny(name="other"), workers=1, table=tmp_path / "r.parquet", progress=None)


def test_an_interrupted_parallel_sweep_stops_and_resumes(tiny_sequential, tmp_path):
    table = tmp_path / "results.parquet"

    def stop(done, total, failed, seconds):
        raise Interrupted

    with pytest.raises(Interrupted):
        sweep(tiny(), workers=2, table=table, progress=stop)
    kept = {(r["design"], r["seed"]) for r in read_table(table)}
    assert 1 <= len(kept) < 4
    resumed = sweep(tiny(), workers=2, table=table, progress=None)
    assert resumed.resumed == len(kept) and resumed.ran == 4 - len(kept)
    assert resumed.rows == tiny_sequential.rows
