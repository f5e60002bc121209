"""What a person sees while the contracts load or compile: the files, a spinner with the time
spent, then one line saying what happened.

A cold compile through solc-js takes about half a minute when a core is free for it, and over
a minute under load (the README gives the measurements); without a sign of life a first-time
user would think the demo hung. The compiler is one standard-JSON run over every file, silent until it is done: what is
shown is which files it compiles and for how long, never a per-contract progress that nothing
reports. A cache hit takes milliseconds, and the line after it says no compiler was started.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from rich.console import Console
from rich.status import Status
from rich.text import Text

if TYPE_CHECKING:
    from dao_sim.compiler import ArtifactSet, CompileJob

__all__ = ["compile_files_line", "compiles_shown", "contracts_line", "load_with_progress",
           "steps_on_stderr"]

T = TypeVar("T")


def contracts_line(artifacts: ArtifactSet, seconds: float) -> str:
    """One line: were the contracts compiled (and how long it took), or read from the cache?

    Examples
    --------
    >>> class Cached:
    ...     from_cache = True
    >>> contracts_line(Cached(), 0.01)
    'Contracts: read from the artifact cache (no compiler started).'
    """
    if artifacts.from_cache:
        return "Contracts: read from the artifact cache (no compiler started)."
    return (f"Contracts: compiled in {seconds:.1f} s and cached; "
            "later runs start no compiler.")


def compile_files_line(job: CompileJob) -> str:
    """Which files a compiler run compiles, by name, and that it is one run.

    Examples
    --------
    >>> from dao_sim.compiler import CompileJob
    >>> compile_files_line(CompileJob(("contracts/a/DAO.sol", "contracts/b/Governor.sol",
    ...                                "@openzeppelin/contracts/utils/Panic.sol"), "solc-js 0.8.37"))
    'Compiling 2 Solidity files (and 1 library file they import) in one solc-js 0.8.37 run: DAO.sol, Governor.sol'
    """
    own, libraries = job.own, len(job.libraries)
    verb = "Rebuilding the published sources:" if job.rebuild else "Compiling"
    imported = (f" (and {libraries} library file{'s' if libraries != 1 else ''} they import)"
                if libraries else "")
    names = ", ".join(PurePosixPath(unit).name for unit in own)
    return (f"{verb} {len(own)} Solidity file{'s' if len(own) != 1 else ''}{imported} in one "
            f"{job.compiler} run: {names}")


class _Ticking:
    """The spinner's text, redrawn with the seconds spent at every refresh."""

    def __init__(self, job: CompileJob) -> None:
        self.job = job
        self.started = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def __rich__(self) -> Text:
        verb = "Rebuilding" if self.job.rebuild else "Compiling"
        return Text(f"{verb} with {self.job.compiler}: {self.seconds:.0f} s (the compiler reports "
                    "no progress per contract)...")


@contextmanager
def compiles_shown(console: Console, status: Status | None = None) -> Iterator[None]:
    """While active, each compiler run that starts (a cache miss) is shown as it runs.

    Its files are printed in one line, then a spinner counts the seconds: in ``status`` when
    one is already spinning, else in a spinner of its own, followed by a line with the time
    it took. A build read from the cache shows nothing.
    """
    from dao_sim.compiler import compiles_observed

    @contextmanager
    def show(job: CompileJob) -> Iterator[None]:
        console.print(compile_files_line(job), style="dim", highlight=False)
        ticking = _Ticking(job)
        if status is not None:
            status.update(ticking)
            yield
            return
        with console.status(ticking, spinner="dots"):
            yield
        console.print(f"{'Rebuilt' if job.rebuild else 'Compiled'} in {ticking.seconds:.1f} s.",
                      style="dim", highlight=False)

    with compiles_observed(show):
        yield


def load_with_progress(console: Console, load: Callable[[], ArtifactSet]) -> ArtifactSet:
    """Run ``load`` (compile or read the cache) under a spinner, then print what happened."""
    started = time.perf_counter()
    with console.status("Loading the contracts...", spinner="dots") as status, \
            compiles_shown(console, status):
        artifacts = load()
    console.print(contracts_line(artifacts, time.perf_counter() - started), style="dim")
    return artifacts


@contextmanager
def steps_on_stderr(title: str) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr while a long job runs; the job reports each step to the callable.

    Nothing is drawn when stderr is not a terminal (a pipe, a CI log), so a report on stdout
    stays clean and errors stay one line.
    """
    console = Console(stderr=True)
    with console.status(title, spinner="dots") as status:
        yield lambda step: status.update(f"{title}: {step}...")
