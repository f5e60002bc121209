"""Importing the chain package and the pytest plugin is cheap and picks the fast keccak."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _run(code: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "ETH_HASH_BACKEND"}
    environment.update(env)
    done = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True,
                          text=True, check=True)
    return done.stdout.strip()


PROBE = ("import os, sys, dao_sim.chain, dao_sim.testing; "
         "print(os.environ.get('ETH_HASH_BACKEND'), "
         "sorted(m for m in ('web3', 'eth_tester', 'eth', 'eth_abi') if m in sys.modules))")


def test_import_selects_pysha3_and_loads_nothing_heavy() -> None:
    pytest.importorskip("sha3")
    assert _run(PROBE) == "pysha3 []"


def test_a_users_hash_backend_is_kept() -> None:
    assert _run(PROBE, ETH_HASH_BACKEND="pycryptodome") == "pycryptodome []"


def test_public_names_load_on_first_use() -> None:
    from dao_sim import chain

    for name in chain.__all__:
        assert getattr(chain, name) is not None
    with pytest.raises(AttributeError):
        chain.NoSuchThing  # noqa: B018
