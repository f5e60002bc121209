"""The simulation package's errors, each one line.

All are :class:`dao_sim.exceptions.DaoSimError`, so the CLI prints any of them as one message
and exits 1. They live here rather than in :mod:`dao_sim.exceptions` while the simulation work
is on its own branch (as the scenario package did); their base is the shared root.
"""

from __future__ import annotations

from dao_sim.exceptions import DaoSimError

__all__ = ["ExperimentFileError", "SimulationError"]


class SimulationError(DaoSimError):
    """Base of the simulation package's errors."""


class ExperimentFileError(SimulationError):
    """An experiment file that cannot be read or checked: ``file:line: field: what is wrong``.

    Examples
    --------
    >>> str(ExperimentFileError("x.yaml", 3, "ranges.quorum", "expected a list"))
    'x.yaml:3: ranges.quorum: expected a list'
    """

    def __init__(self, path: str, line: int | None, field: str, reason: str) -> None:
        self.path, self.line, self.field, self.reason = path, line, field, reason
        head = path if line is None else f"{path}:{line}"
        super().__init__(f"{head}: {field}: {reason}" if field else f"{head}: {reason}")
