"""Run an experiment's Monte Carlo runs: in this process, on the local cores, or on a Dask
cluster, into one tidy table (one row per run, metric and step) kept as Parquet.

- Sequential with ``workers=1``; by default one process per local core
  (:class:`multiprocessing.pool.Pool`, stopped at once on Ctrl-C); on a Dask cluster when a ``scheduler``
  address (``tcp://host:8786``) is given.
- Runs go out in chunks of one design point, so each process deploys a point's DAO once and
  reverts to its snapshot per run.
- A run that raises is recorded as a ``failed`` row with its seed and error; the others go on.
- The table is rewritten (atomically) after every chunk; a sweep started again on the same
  table skips the runs it holds, so an interrupted sweep resumes where it stopped.
- However it ran, the table is sorted by design point, seed, metric and step, so the same
  experiment and seeds give the same table sequentially, in parallel and on Dask.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dao_sim.simulation.errors import SimulationError
from dao_sim.simulation.experiment import DEFAULTS, DesignPoint, Experiment, PopulationSpec

__all__ = ["COLUMNS", "SweepResult", "read_table", "run_chunk", "sweep"]

#: The table's fixed columns; one string column per parameter (:data:`DEFAULTS`) follows them.
COLUMNS = ("experiment", "point", "design", "seed", "metric", "step", "value", "status", "error")

Row = dict[str, Any]
Task = tuple[str, DesignPoint, PopulationSpec, tuple[int, ...], str | None, str | None]


@dataclass(frozen=True)
class SweepResult:
    """What a sweep did.

    Attributes
    ----------
    rows : list of dict
        The whole table (resumed rows included), sorted.
    path : Path or None
        Where the Parquet table is.
    ran, resumed, failed : int
        Runs played now, runs found already in the table, runs that failed (now or before).
    seconds : float
        Time spent playing runs now.
    """

    rows: list[Row]
    path: Path | None
    ran: int
    resumed: int
    failed: int
    seconds: float

    @property
    def runs_per_minute(self) -> float:
        """Runs played now per minute of wall-clock time."""
        return self.ran * 60 / self.seconds if self.seconds else 0.0


def run_chunk(task: Task) -> list[Row]:
    """Play the runs of one chunk (one design point, some seeds); a failing run becomes one
    ``failed`` row with its error. Top-level so that worker processes can unpickle it."""
    name, point, population, seeds, engine, edition = task
    from dao_sim.simulation.run import run_once

    rows: list[Row] = []
    for seed in seeds:
        base = {"experiment": name, "point": point.index, "design": point.label, "seed": seed,
                **{k: str(v) for k, v in point.params}}
        try:
            triples = run_once(point, population, seed, engine=engine, edition=edition)
        except Exception as exc:  # noqa: BLE001  a failed run is data: recorded, and the sweep goes on
            rows.append({**base, "metric": "run_failed", "step": 0, "value": 1.0, "status": "failed",
                         "error": f"{type(exc).__name__}: {' '.join(str(exc).split())}"})
            continue
        rows += [{**base, "metric": m, "step": s, "value": v, "status": "ok", "error": ""}
                 for m, s, v in triples]
    return rows


def _sort(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r["point"], r["seed"], r["metric"], r["step"]))


def _schema() -> Any:
    import pyarrow as pa

    fields = [("experiment", pa.string()), ("point", pa.int64()), ("design", pa.string()),
              ("seed", pa.int64()), ("metric", pa.string()), ("step", pa.int64()),
              ("value", pa.float64()), ("status", pa.string()), ("error", pa.string())]
    return pa.schema(fields + [(k, pa.string()) for k in sorted(DEFAULTS)])


def write_table(rows: list[Row], path: Path) -> None:
    """Write ``rows`` (sorted) as Parquet to ``path``, atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    pq.write_table(pa.Table.from_pylist(_sort(rows), schema=_schema()), partial)
    os.replace(partial, path)


def read_table(path: str | Path) -> list[Row]:
    """The rows of a sweep's Parquet table.

    Raises
    ------
    SimulationError
        When the file is not a sweep table.
    """
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # noqa: BLE001  pyarrow raises several types for a damaged file
        raise SimulationError(f"{path}: not a readable Parquet table ({exc})") from None
    missing = [c for c in COLUMNS if c not in table.column_names]
    if missing:
        raise SimulationError(f"{path}: not a sweep table (no column {', '.join(missing)})")
    return [dict(r) for r in table.to_pylist()]


def _chunks(experiment: Experiment, todo: dict[int, list[int]], workers: int,
            engine: str | None, edition: str | None) -> list[Task]:
    points = {p.index: p for p in experiment.points()}
    total = sum(len(s) for s in todo.values())
    size = max(1, min(25, math.ceil(total / max(1, workers * 4))))
    tasks: list[Task] = []
    for index, seeds in todo.items():
        for start in range(0, len(seeds), size):
            tasks.append((experiment.name, points[index], experiment.population,
                          tuple(seeds[start:start + size]), engine, edition))
    return tasks


def _ignore_interrupts() -> None:
    """In a worker process: leave Ctrl-C to the parent, which stops the workers itself."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _local(tasks: list[Task], workers: int) -> Iterator[list[Row]]:
    if workers <= 1:
        for task in tasks:
            yield run_chunk(task)
        return
    import multiprocessing

    pool = multiprocessing.get_context().Pool(processes=min(workers, len(tasks)) or 1,
                                              initializer=_ignore_interrupts)
    try:
        yield from pool.imap_unordered(run_chunk, tasks)
    except BaseException:  # interrupted (Ctrl-C, or the caller stopped): stop the workers now
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()


def _dask(tasks: list[Task], scheduler: str) -> Iterator[list[Row]]:
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - a pinned dependency
        raise SimulationError("--scheduler needs dask[distributed] (pip install 'dask[distributed]')") from None
    try:
        client = Client(scheduler, timeout="20s")
    except OSError as exc:
        raise SimulationError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        futures = client.map(run_chunk, tasks, pure=False)
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()


def _stderr_progress(done: int, total: int, failed: int, elapsed: float) -> None:
    left = (total - done) * elapsed / done if done else 0.0
    sys.stderr.write(f"sweep: {done}/{total} runs ({failed} failed), {elapsed:.0f} s, "
                     f"about {left:.0f} s left\n")
    sys.stderr.flush()


def sweep(experiment: Experiment, *, workers: int | None = None, scheduler: str | None = None,
          table: str | Path | None = None, engine: str | None = None, edition: str | None = None,
          progress: Callable[[int, int, int, float], None] | None = _stderr_progress) -> SweepResult:
    """Play every run of ``experiment`` not already in ``table``.

    Parameters
    ----------
    experiment : Experiment
        The design, its ranges, the population and the runs.
    workers : int, optional
        Local processes (the number of cores by default; 1 plays in this process).
    scheduler : str, optional
        A Dask scheduler's address (``tcp://host:8786``): the runs go to its workers instead.
    table : path, optional
        The Parquet table to resume from and write to (rewritten after every chunk).
    engine : str, optional
        The chain engine's name (the default engine when ``None``).
    edition : str, optional
        The edition of the Code applied to the deployments (``code-2026`` by default).
    progress : callable, optional
        Called with (runs done, runs to do, failed, seconds) after every chunk; ``None`` is
        silent. By default one line on stderr.

    Returns
    -------
    SweepResult

    Raises
    ------
    SimulationError
        When ``table`` holds another experiment's runs, or the scheduler cannot be reached.
    """
    path = None if table is None else Path(table)
    rows: list[Row] = []
    if path is not None and path.exists():
        rows = read_table(path)
        names = {r["experiment"] for r in rows}
        if names - {experiment.name}:
            raise SimulationError(f"{path} holds the runs of {', '.join(sorted(names))}, not "
                                  f"{experiment.name}: choose another --out")
    done = {(r["design"], r["seed"]) for r in rows}
    todo: dict[int, list[int]] = {}
    for point in experiment.points():
        seeds = [s for s in experiment.seeds() if (point.label, s) not in done]
        if seeds:
            todo[point.index] = seeds
    resumed = experiment.total_runs - sum(len(s) for s in todo.values())
    workers = workers or os.cpu_count() or 1
    tasks = _chunks(experiment, todo, 1 if scheduler is None and workers <= 1 else workers, engine, edition)
    total = sum(len(t[3]) for t in tasks)
    if tasks and scheduler is None:
        from dao_sim.compiler import compile_project

        compile_project()  # compiled (or read) once here, so the workers all read the cache
    started, ran = time.perf_counter(), 0
    chunks: Iterable[list[Row]] = _dask(tasks, scheduler) if scheduler else _local(tasks, workers)
    for chunk in chunks:
        rows += chunk
        ran += len({r["seed"] for r in chunk})
        if path is not None:
            write_table(rows, path)
        if progress is not None:
            progress(ran, total, _failed(rows), time.perf_counter() - started)
    seconds = time.perf_counter() - started
    if path is not None and not tasks:
        write_table(rows, path)
    return SweepResult(_sort(rows), path, ran, resumed, _failed(rows), seconds)


def _failed(rows: Iterable[Row]) -> int:
    return sum(1 for r in rows if r["status"] == "failed")
