"""The scenario package's errors, each one line that names the file, the line and the field.

All are :class:`dao_sim.exceptions.ScenarioError`, so the CLI prints any of them as one
message and exits 1. They live here rather than in :mod:`dao_sim.exceptions` only while the
scenario work is on its own branch; their base is the shared one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dao_sim.exceptions import ScenarioError

if TYPE_CHECKING:
    from dao_sim.scenarios.runner import ScenarioResult

__all__ = [
    "Location",
    "ScenarioExpectationFailed",
    "ScenarioFileError",
    "ScenarioStepFailed",
]


@dataclass(frozen=True)
class Location:
    """Where something is in a scenario file: the path as given, a 1-based line, a field.

    Examples
    --------
    >>> str(Location("scenarios/x.yaml", 14, "steps[3].vote.support"))
    'scenarios/x.yaml:14: steps[3].vote.support'
    >>> str(Location("x.yaml", None, ""))
    'x.yaml'
    """

    path: str
    line: int | None
    field: str = ""

    def __str__(self) -> str:
        head = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{head}: {self.field}" if self.field else head


class ScenarioFileError(ScenarioError):
    """A scenario file that cannot be read, parsed or validated.

    Attributes
    ----------
    location : Location
        File, line and field of the problem.
    reason : str
        What is wrong, in words.
    """

    def __init__(self, location: Location, reason: str) -> None:
        self.location = location
        self.reason = reason
        super().__init__(f"{location}: {reason}")


class ScenarioStepFailed(ScenarioError):
    """A step the scenario expected to work was refused, or could not be played.

    Attributes
    ----------
    location : Location
        The step.
    cause : Exception
        The refusal (a :class:`~dao_sim.governance.DAORefused`, a dispute error...); the
        message tells it with the scenario's names for proposals (``said``) when given.
    result : ScenarioResult or None
        What had happened up to the failing step, for a report of a failed run.
    """

    def __init__(self, location: Location, cause: BaseException, result: Any = None,
                 said: str | None = None) -> None:
        self.location = location
        self.cause = cause
        self.result: ScenarioResult | None = result
        super().__init__(f"{location}: {_one_line(said or str(cause))}")


class ScenarioExpectationFailed(ScenarioError):
    """An expectation of the scenario did not hold: what was expected and what was found.

    Attributes
    ----------
    location : Location
        The expectation (the file:line of its field).
    expected, found : str
        Both in the scenario's own words ("Executed", "2 ETH").
    result : ScenarioResult or None
        What had happened up to and including the failing step.
    """

    def __init__(self, location: Location, expected: str, found: str, result: Any = None) -> None:
        self.location = location
        self.expected = expected
        self.found = found
        self.result: ScenarioResult | None = result
        super().__init__(f"{location}: expected {expected}, found {found}")


def _one_line(text: str) -> str:
    return " ".join(text.split())
