"""The examples in the simulation package's docstrings run as written."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import dao_sim.simulation

MODULES = sorted(m.name for m in pkgutil.iter_modules(dao_sim.simulation.__path__, "dao_sim.simulation."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
