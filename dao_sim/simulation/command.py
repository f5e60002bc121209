"""``dao-sim sweep``: run an experiment's Monte Carlo runs and write the table, the charts and
the risk register.

This module is imported when the CLI starts, so it imports nothing heavy at module level.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dao_sim.law import DEFAULT_EDITION, EDITIONS

__all__ = ["EXPERIMENTS_DIR", "resolve_experiment", "shipped_experiments", "sweep"]

#: The experiments that ship with dao-sim.
EXPERIMENTS_DIR = Path(__file__).resolve().parents[2] / "experiments"


def shipped_experiments() -> list[str]:
    """Names of the shipped experiments (``experiments/NAME.yaml``)."""
    return sorted(p.stem for p in EXPERIMENTS_DIR.glob("*.yaml")) if EXPERIMENTS_DIR.is_dir() else []


def resolve_experiment(name: str) -> Path:
    """A file path as given, or a shipped experiment's file.

    Raises
    ------
    SimulationError
        For neither, naming the shipped experiments and the nearest one.
    """
    from dao_sim.exceptions import suggest
    from dao_sim.simulation.errors import SimulationError

    path = Path(name)
    if path.is_file():
        return path
    shipped = EXPERIMENTS_DIR / f"{name}.yaml"
    if shipped.is_file():
        return shipped
    known = shipped_experiments()
    raise SimulationError(f"no experiment file or shipped experiment called {name!r}{suggest(name, known)} "
                          f"(shipped: {', '.join(known) or 'none'})")


def sweep(
    experiment: Annotated[str, typer.Argument(help="An experiment file (YAML) or a shipped experiment's name.",
                                              show_default=False)],
    runs: Annotated[int | None, typer.Option(help="Monte Carlo runs per design point (the file's by default).",
                                             min=1)] = None,
    seed: Annotated[int | None, typer.Option(help="The first run's seed (the file's by default).", min=0)] = None,
    workers: Annotated[int | None, typer.Option(
        help="Local processes (one per core by default; 1 runs in this process).", min=1)] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="A Dask scheduler's address (tcp://host:8786): run on that cluster instead.")] = None,
    out: Annotated[Path, typer.Option("--out", file_okay=False,
                                      help="Where the table, the charts and the register go.")] = Path("sweep-out"),
    engine: Annotated[str, typer.Option(
        "--engine", help="The chain engine: eth-tester (the default, every capability) or revm "
                         "(pyrevm: much faster; no historical state, block hashes or signatures, "
                         "which a sweep does not use).")] = "eth-tester",
    edition: Annotated[str, typer.Option(
        "--edition", metavar="|".join(EDITIONS),
        help=f"Which text of the Digital Code to cite: {DEFAULT_EDITION} (the law in force, the "
             "default) or draft-2025 (the draft dao-sim started from; not law).")] = DEFAULT_EDITION,
) -> None:
    """Run an experiment's Monte Carlo runs; write the results table (Parquet), the charts and
    the risk register. A sweep started again with the same --out resumes where it stopped."""
    from dao_sim.chain.session import ENGINES
    from dao_sim.exceptions import suggest
    from dao_sim.law import edition as find_edition
    from dao_sim.simulation.charts import draw_charts
    from dao_sim.simulation.experiment import load_experiment
    from dao_sim.simulation.risks import register, render_markdown
    from dao_sim.simulation.sweep import sweep as run_sweep

    applied = find_edition(edition).id
    from dao_sim.simulation.errors import SimulationError

    if engine not in ENGINES:
        raise SimulationError(f"--engine {engine!r}{suggest(engine, ENGINES)}: choose {' or '.join(ENGINES)}")
    design = load_experiment(resolve_experiment(experiment)).with_runs(runs, seed)
    points = design.points()
    typer.echo(f"Experiment {design.name}: {len(points)} design points x {design.runs} runs = "
               f"{design.total_runs} runs, on "
               + (f"the Dask cluster at {scheduler}" if scheduler else
                  "this process" if workers == 1 else f"{workers or 'all local'} cores"))
    table = out / "results.parquet"
    try:
        result = run_sweep(design, workers=workers, scheduler=scheduler, table=table, engine=engine,
                           edition=applied)
    except KeyboardInterrupt:
        typer.echo(f"interrupted: the runs finished so far are in {table}; run the same command "
                   "again to resume", err=True)
        raise typer.Exit(130) from None
    entries = register(result.rows, tuple(design.ranges))
    report = out / "risks.md"
    report.write_text(render_markdown(entries, experiment=design.name, runs=design.total_runs,
                                      failed=result.failed, edition=applied), encoding="utf-8")
    charts = draw_charts(result.rows, entries, out)
    typer.echo(f"Ran {result.ran} runs in {result.seconds:.0f} s ({result.runs_per_minute:.0f} runs/min); "
               f"{result.resumed} already in the table; {result.failed} failed.")
    typer.echo(f"Table: {result.path}")
    typer.echo(f"Risk register: {report}")
    typer.echo(f"Charts: {', '.join(str(c) for c in charts)}")
    for entry in entries:
        typer.echo(f"  {entry.risk.title}: {entry.overall.text()}")
