"""The examples in the scenario package's docstrings run as written."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import dao_sim.scenarios

MODULES = sorted(m.name for m in pkgutil.iter_modules(dao_sim.scenarios.__path__, "dao_sim.scenarios.")
                 if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
