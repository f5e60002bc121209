"""Which edition a run applies, and citations written under it.

A run, a report or a check chooses its edition once (``using("draft-2025")`` or
``edition=``); everything that cites the law inside it, error messages included, then reads
the same text without the edition being threaded through every call.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from dao_sim.law.catalogue import provision
from dao_sim.law.editions import DEFAULT_EDITION, EDITIONS, Edition, edition

__all__ = ["cite", "current_edition", "reference", "using"]

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
