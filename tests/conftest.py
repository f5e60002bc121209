"""The suite's hypothesis profiles, and a fixture for read-only folders. The fixtures (``artifacts``, ``session``, ``court``,
``make_dao``) are dao-sim's pytest plugin's (:mod:`dao_sim.testing`), as any project gets them."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("thorough", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def read_only(monkeypatch):
    """``read_only(folder)`` makes ``folder`` read-only for dao-sim. root ignores permission
    bits, so as root (as the tests run here and in CI) the access check is told the folder is
    read-only; for anyone else chmod does it, and is undone afterwards."""
    import dao_sim.files

    locked = []

    def lock(folder):
        if os.geteuid() == 0:
            real = os.access
            monkeypatch.setattr(dao_sim.files.os, "access", lambda path, mode: (
                False if os.fspath(path) == os.fspath(folder) else real(path, mode)))
        else:
            folder.chmod(0o555)
            locked.append(folder)

    yield lock
    for folder in locked:
        folder.chmod(0o755)
