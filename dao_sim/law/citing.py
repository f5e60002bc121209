"""Which edition a run applies, and citations written under it.

A run, a report or a check chooses its edition once (``using("draft-2025")`` or
``edition=``); everything that cites the law inside it, error messages included, then reads
the same text without the edition being threaded through every call.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from dao_sim.law.catalogue import provision, requirements
from dao_sim.law.editions import DEFAULT_EDITION, EDITIONS, Edition, edition

__all__ = ["aside", "cite", "current_edition", "reference", "using", "with_citations"]

_IN_USE: contextvars.ContextVar[str] = contextvars.ContextVar("dao_sim_edition", default=DEFAULT_EDITION)


def current_edition() -> Edition:
    """The edition in use: ``code-2026`` unless a caller chose another with :func:`using`."""
    return EDITIONS[_IN_USE.get()]


@contextlib.contextmanager
def using(which: str | Edition | None) -> Iterator[Edition]:
    """Apply edition ``which`` inside the block (``None`` keeps the one in use).

    Examples
    --------
    >>> with using("draft-2025"):
    ...     cite("vote-only-decisions")
    'DC 20.7'
    >>> cite("vote-only-decisions")
    'dao-sim default (after draft Art. 20.7)'
    """
    chosen = edition(which)
    token = _IN_USE.set(chosen.id)
    try:
        yield chosen
    finally:
        _IN_USE.reset(token)


def cite(rid: str, which: str | Edition | None = None) -> str:
    """The short citation for requirement ``rid``: ``Art. 67(3)``, ``DC 28.2`` or a default's."""
    return provision(rid, which).citation


def reference(rid: str, which: str | Edition | None = None) -> str:
    """The citation with its status: ``Art. 67(3), law in force``."""
    return provision(rid, which).reference


def aside(rid: str, which: str | Edition | None = None) -> str:
    """The citation in brackets, for the end of a sentence.

    Examples
    --------
    >>> aside("human-dispute")
    '(Art. 67(3))'
    >>> aside("vote-only-decisions")
    '(dao-sim default, after draft Art. 20.7)'
    >>> aside("vote-only-decisions", "draft-2025")
    '(DC 20.7)'
    """
    return provision(rid, which).aside


class _Lookup(Mapping[str, str]):
    """``citations["human-dispute"]``: one kind of citation, under one edition, for ``str.format``."""

    def __init__(self, how: Callable[[str, Edition], str], under: Edition) -> None:
        self._how, self._under = how, under

    def __getitem__(self, rid: str) -> str:
        return self._how(rid, self._under)

    def __iter__(self) -> Iterator[str]:
        return iter(r.id for r in requirements())

    def __len__(self) -> int:
        return sum(1 for _ in self)


def with_citations(template: str, which: str | Edition | None = None, /, **values: Any) -> str:
    """Fill ``template``, whose citations name requirements: ``{cite[human-dispute]}``,
    ``{aside[liability-cap]}``, ``{reference[human-dispute]}``, under edition ``which`` (the one
    in use when ``None``), now: a message written with it cites the edition it is read under.

    Raises
    ------
    LawError
        When the template names a requirement the catalogue does not know.

    Examples
    --------
    >>> with_citations("{who} cannot do this: only a passed proposal can {aside[vote-only-decisions]}",
    ...                "draft-2025", who="Dana")
    'Dana cannot do this: only a passed proposal can (DC 20.7)'
    """
    under = edition(which)
    return template.format(**values, cite=_Lookup(cite, under), aside=_Lookup(aside, under),
                           reference=_Lookup(reference, under))
