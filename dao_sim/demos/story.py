"""A demo story: a named function that plays a scenario on a fresh chain and returns a Report.

A story does the chain work through the library (governance, disputes...), checks the
outcome *on the chain* (a payment executed only if the payee's balance and the proposal's
state say so), and hands back a :class:`~dao_sim.report.Report`; printing and writing it is
the CLI's and the report package's business. :meth:`Story.play` plays it under an edition of
the Code: the charter it deploys, its sentences and its report all cite that text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dao_sim.law import Edition, using

if TYPE_CHECKING:
    from dao_sim.report import Report

__all__ = ["Story", "Teller"]

Teller = Callable[..., "Report"]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Story:
    """A demo: its name on the command line, a one-line title, and the function that plays it.

    Parameters
    ----------
    name : str
        ``dao-sim demo <name>``; also the name of the module in :mod:`dao_sim.demos.stories`
        that defines it.
    title : str
        One line for ``--help`` and listings.
    tell : callable
        ``tell(session, artifacts) -> Report`` on a fresh session.
    report_file : str
        Where its report goes by default (relative to the current folder).
    options : tuple of str
        Keyword options ``tell`` accepts beyond the session and artifacts (``"ruling"``,
        ``"evidence_dir"`` with ``"evidence_name"``, ``"console"``, and ``"store_dir"`` with
        ``"deployment_record"`` for a story that publishes its DAO); the CLI passes only these.
    """

    name: str
    title: str
    tell: Teller
    report_file: str = ""
    options: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"story name {self.name!r}: use lower-case letters, digits and _")
        if not self.title.strip():
            raise ValueError(f"story {self.name!r} needs a title")
        if not self.report_file:
            object.__setattr__(self, "report_file", f"out/demo-{self.name}-report.md")

    @property
    def default_report(self) -> Path:
        """The report's default path."""
        return Path(self.report_file)

    def play(self, session: Any, artifacts: Any, *, edition: str | Edition | None = None,
             **options: Any) -> Report:
        """Play the story under ``edition`` of the Code (the one in use when ``None``).

        Parameters
        ----------
        session, artifacts : ChainSession, ArtifactSet
            A fresh session and the compiled contracts.
        edition : str or Edition, optional
            ``"code-2026"`` (the law in force) or ``"draft-2025"``.
        **options
            Offered options; only those the story accepts (:attr:`options`) are passed on.

        Returns
        -------
        Report
            Made under ``edition``, which it names.

        Raises
        ------
        LawError
            For an edition dao-sim does not know.
        """
        with using(edition):
            return self.tell(session, artifacts,
                             **{k: v for k, v in options.items() if k in self.options})
