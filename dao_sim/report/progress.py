"""What a person sees while the contracts load: a spinner, then one line saying what happened.

A cold compile through solc-js takes 15 to 30 s; without a sign of life a first-time user
would think the demo hung. A cache hit takes milliseconds, and the line after it says no
compiler was started.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from rich.console import Console

if TYPE_CHECKING:
    from dao_sim.compiler import ArtifactSet

__all__ = ["contracts_line", "load_with_progress", "steps_on_stderr"]

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


def load_with_progress(console: Console, load: Callable[[], ArtifactSet]) -> ArtifactSet:
    """Run ``load`` (compile or read the cache) under a spinner, then print what happened."""
    started = time.perf_counter()
    with console.status("Loading the contracts (a first run compiles them: 15 to 30 s)...",
                        spinner="dots"):
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
