"""Sweep runs per minute: sequential (one process) against local processes, in the same run.

Run it::

    .venv/bin/python benchmarks/sweep_speed.py                 # 60 runs, 2 workers, best of 2
    .venv/bin/python benchmarks/sweep_speed.py --runs 30 --workers 2 --rounds 1

Both paths play the same sweep: the shipped experiment ``whale-and-bloc`` cut to one design
point (its defaults) and ``--runs`` runs, with no table written. The clock covers everything a
user waits for: starting the worker processes, each process deploying the point's DAO, the
runs. Before timing, one run is played in this process so the contracts are compiled (or read
from the cache) and the modules imported; the worker processes are forked from it.

The two tables must be equal (same seeds, same rows) or the benchmark fails. Each path keeps
its best round: on a shared machine noise only ever slows a round down. The last line printed
is ``ratio: N.NNx``, parallel runs per minute over sequential.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dao_sim.simulation.command import resolve_experiment
from dao_sim.simulation.experiment import Experiment, load_experiment
from dao_sim.simulation.sweep import sweep


def experiment(runs: int, rounds: int) -> Experiment:
    """The shipped experiment at one design point, with ``runs`` runs of ``rounds`` rounds."""
    shipped = load_experiment(resolve_experiment("whale-and-bloc"))
    return Experiment(f"{shipped.name}-bench", design={**shipped.design, "rounds": rounds},
                      population=shipped.population, runs=runs, seed=shipped.seed)


def _cpu() -> float:
    """CPU seconds used by this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(design: Experiment, workers: int) -> tuple[float, float, list[dict[str, object]]]:
    """Runs per minute of one sweep (wall clock), CPU seconds per run, and its rows."""
    started, cpu = time.perf_counter(), _cpu()
    result = sweep(design, workers=workers, progress=None)
    seconds = time.perf_counter() - started
    if result.failed:
        raise SystemExit(f"{result.failed} runs failed; the benchmark measures working runs")
    return design.total_runs * 60 / seconds, (_cpu() - cpu) / design.total_runs, result.rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    design = experiment(args.runs, args.rounds)
    sweep(design.with_runs(1), workers=1, progress=None)  # compile or read the cache; import everything
    best_seq = best_par = 0.0
    cpu_seq = cpu_par = float("inf")
    reference = None
    for _ in range(args.repeat):
        seq, seq_cpu, rows = timed(design, 1)
        par, par_cpu, parallel_rows = timed(design, args.workers)
        if rows != parallel_rows or (reference is not None and rows != reference):
            raise SystemExit("the parallel table differs from the sequential one")
        reference = rows
        best_seq, best_par = max(best_seq, seq), max(best_par, par)
        cpu_seq, cpu_par = min(cpu_seq, seq_cpu), min(cpu_par, par_cpu)
        print(f"round: sequential {seq:.1f} runs/min, {args.workers} workers {par:.1f} runs/min")
    print(f"cores: {os.cpu_count()}; load average (1, 5, 15 min) at the end: "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} (other programs' load slows the parallel path most)")
    print(f"CPU seconds per run: sequential {cpu_seq:.3f}, parallel {cpu_par:.3f} (includes starting the "
          "workers and each one deploying the DAO)")
    print(f"parallel on idle cores, projected from CPU time (not measured): "
          f"{args.workers * cpu_seq / cpu_par:.2f}x at most")
    print(f"sequential: {best_seq:.1f} runs/min")
    print(f"parallel ({args.workers} workers): {best_par:.1f} runs/min")
    print(f"ratio: {best_par / best_seq:.2f}x")


if __name__ == "__main__":
    main()
