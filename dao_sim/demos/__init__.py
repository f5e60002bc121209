"""The demos: library scenarios that ``dao-sim demo`` plays, reports and publishes.

A demo is a scenario of ``scenarios/`` (one mechanism, not two): :data:`DEMOS` names which,
and where its report goes by default. ``dao-sim demo`` plays it like ``dao-sim run``, then
writes its report as Markdown and as an HTML page, publishes the DAO's rules with a deployment
record so ``dao-sim verify`` can check it after the chain is gone, and, for a story with a
dispute, writes the dispute's evidence package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dao_sim.exceptions import ScenarioError, suggest

__all__ = ["DEFAULT_STORY", "DEMOS", "Demo", "get_demo", "story_names"]


@dataclass(frozen=True)
class Demo:
    """A demo: its name on the command line, a one-line title, its scenario, its report.

    Attributes
    ----------
    name : str
        ``dao-sim demo <name>``.
    title : str
        One line for ``--help``.
    scenario : str
        The library scenario's file name (in ``scenarios/``).
    report_file : str
        Where its Markdown report goes by default; the HTML page goes beside it.
    """

    name: str
    title: str
    scenario: str
    report_file: str

    @property
    def default_report(self) -> Path:
        """The Markdown report's default path."""
        return Path(self.report_file)


#: The demos, the flagship first.
DEMOS: dict[str, Demo] = {demo.name: demo for demo in (
    Demo("governance", "members vote to pay a web designer; the payment executes itself",
         "decision-executes.yaml", "out/demo-report.md"),
    Demo("dispute", "a passed payment is disputed; you, at the keyboard, are the human arbitrator",
         "dispute-at-the-keyboard.yaml", "out/demo-dispute-report.md"),
    Demo("liability", "a claim bigger than the treasury meets the members' liability caps",
         "claim-meets-cap.yaml", "out/demo-liability-report.md"),
)}

#: What ``dao-sim demo`` plays with no story named: the flagship.
DEFAULT_STORY = "governance"


def story_names() -> tuple[str, ...]:
    """The demos' names, the flagship first.

    Examples
    --------
    >>> story_names()
    ('governance', 'dispute', 'liability')
    """
    return tuple(DEMOS)


def get_demo(name: str) -> Demo:
    """The demo called ``name``.

    Raises
    ------
    ScenarioError
        When there is no such demo (the nearest name is suggested).
    """
    if name not in DEMOS:
        raise ScenarioError(f"no demo story '{name}'{suggest(name, DEMOS)} (stories: {', '.join(DEMOS)})")
    return DEMOS[name]
