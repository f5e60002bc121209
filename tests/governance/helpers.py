"""Helpers shared by the governance contract tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dao_sim.governance import DAORefused


def refusal(session: Any, act: Callable[..., Any], *args: Any, **kwargs: Any) -> DAORefused:
    """Run an act the DAO must refuse; check the attempt is journalled as failed."""
    length = len(session.journal)
    with pytest.raises(DAORefused) as info:
        act(*args, **kwargs)
    assert len(session.journal) == length + 1
    attempt = session.journal.last
    assert attempt.status is False
    assert attempt.error.name == info.value.error
    return info.value
