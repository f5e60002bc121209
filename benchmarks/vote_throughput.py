"""Votes per second on the embedded chain: dao-sim's DAO API against a naive web3.py baseline.

Run it (``make bench`` does)::

    .venv/bin/python benchmarks/vote_throughput.py            # 300 voters, best of 2 rounds
    .venv/bin/python benchmarks/vote_throughput.py --voters 100 --rounds 1

Both paths do the same work: a one-member-one-vote DAO whose founders are ``--voters`` fresh
accounts (``session.add_accounts``) is deployed on a fresh eth-tester chain, one proposal is
made, and every founder casts one vote For it. Only the votes are timed, and after each path
the chain must count exactly ``--voters`` votes For, or the benchmark fails.

- **dao-sim API**: ``dao.vote(name, proposal_id, "for")``, journal kept, in this process.
- **naive web3.py**: ``w3.eth.contract(governor, abi).functions.vote(pid, 1).transact({"from": a})``
  through the engine's ``web3`` (the same ``EthereumTester`` underneath), gas estimated by web3,
  eth-tester signing. It runs in a child process started with ``DAO_SIM_BENCH_NO_COINCURVE=1``;
  the child's first act, before anything else is imported, is to put a finder on
  ``sys.meta_path`` that makes ``import coincurve`` fail, so ``eth_keys`` falls back to its
  pure-Python backend as it would on a machine without coincurve. The child checks that fallback
  (the backend eth_keys picked must be ``NativeECCBackend``) and refuses to measure otherwise. It
  also hashes with eth-hash's own default backend instead of the pysha3 one dao-sim selects.

Each path keeps its best round: on a shared machine noise only ever slows a round down. The
last line printed is ``ratio: N.Nx``, the API's votes per second over the naive path's.
"""

from __future__ import annotations

import os
import sys

_HIDE = "DAO_SIM_BENCH_NO_COINCURVE"

if os.environ.get(_HIDE) == "1":  # the naive child: hide coincurve before anything imports it

    class _NoCoincurve:
        """A meta path finder that refuses ``coincurve`` (and its submodules)."""

        @staticmethod
        def find_spec(name: str, path: object = None, target: object = None) -> None:
            if name == "coincurve" or name.startswith("coincurve."):
                raise ModuleNotFoundError(f"No module named '{name}' (hidden by the benchmark)",
                                          name=name)

    sys.meta_path.insert(0, _NoCoincurve())
    os.environ.setdefault("ETH_HASH_BACKEND", "pycryptodome")

import argparse
import json
import subprocess
import time
from collections.abc import Callable
from typing import Any

__all__ = ["build", "main", "time_api", "time_naive"]


def build(voters: int, engine: str | None = None, artifacts: Any = None) -> tuple[Any, Any, int, list[str]]:
    """A fresh chain on ``engine`` (the default when ``None``), a one-member-one-vote DAO of
    ``voters`` founders, one open proposal.

    Returns the session, the DAO, the proposal id and the voters' names.
    """
    from dao_sim.chain.session import ChainSession
    from dao_sim.compiler import compile_project
    from dao_sim.governance import Action, DAOSpec, deploy
    from dao_sim.testing.factories import human_court

    artifacts = artifacts or compile_project()
    session = ChainSession(engine, funding_eth=100)
    human_court(session, ("Madina",), artifacts=artifacts)
    names = [a.name for a in session.add_accounts(voters, funding_eth=2)]
    # web3's gas estimation through eth-tester runs at the wall clock's time, not the engine's
    # clock (which starts on 2026-01-01): a 3-day vote would look long closed to it and every
    # naive vote would fail. The vote stays open for ten years, on both paths alike.
    spec = DAOSpec(name="Benchmark DAO", members={n: "1 ETH" for n in names},
                   voting_rule="one-member-one-vote", voting_period="3650 days",
                   arbitrator="HumanArbitrator")
    dao = deploy(spec, session, artifacts=artifacts)
    pid = dao.propose(names[0], [Action.pay("Erlan", "1 ETH")], "a payment to vote on")
    return session, dao, pid, names


def _counted(dao: Any, pid: int, expected: int, path: str) -> None:
    counted = dao.proposal(pid).for_votes
    if counted != expected:
        raise SystemExit(f"{path}: the chain counted {counted} votes For, expected {expected}")


def time_api(voters: int) -> float:
    """Votes per second through ``dao.vote`` (this process, coincurve as installed)."""
    _session, dao, pid, names = build(voters)
    start = time.perf_counter()
    for name in names:
        dao.vote(name, pid, "for")
    rate = voters / (time.perf_counter() - start)
    _counted(dao, pid, voters, "dao-sim API")
    return rate


def time_naive(voters: int) -> float:
    """Votes per second through naive web3.py; call only in the coincurve-less child."""
    import eth_keys.backends as eth_keys_backends

    backend = type(eth_keys_backends.get_backend()).__name__
    if backend != "NativeECCBackend" or "coincurve" in sys.modules:
        raise SystemExit(f"naive path: eth_keys uses {backend}, not the pure-Python fallback; "
                         "coincurve was not hidden")
    session, dao, pid, names = build(voters)
    w3 = session.engine.web3
    contract = w3.eth.contract(address=dao.governor.address, abi=list(dao.governor.abi))
    addresses = [session.address(n) for n in names]
    start = time.perf_counter()
    for address in addresses:
        contract.functions.vote(pid, 1).transact({"from": address})
    rate = voters / (time.perf_counter() - start)
    _counted(dao, pid, voters, "naive web3.py")
    return rate


def _best(rounds: int, measure: Callable[[], float]) -> float:
    return max(measure() for _ in range(rounds))


def _naive_in_child(voters: int, rounds: int) -> dict[str, Any]:
    env = dict(os.environ, **{_HIDE: "1"})
    env.pop("ETH_HASH_BACKEND", None)
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--voters", str(voters), "--rounds", str(rounds)],
        env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the naive child failed:\n{done.stderr.strip() or done.stdout.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Measure both paths and print them; the last line is ``ratio: N.Nx``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=300, help="voters, each casting one vote")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per path; the best counts")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.voters < 1 or options.rounds < 1:
        parser.error("--voters and --rounds must be at least 1")
    if options.child:
        if os.environ.get(_HIDE) != "1":
            parser.error(f"--child runs only with {_HIDE}=1 (coincurve hidden)")
        rate = _best(options.rounds, lambda: time_naive(options.voters))
        print(json.dumps({"rate": rate, "hash": os.environ.get("ETH_HASH_BACKEND", "auto")}))
        return 0

    import eth_keys.backends as eth_keys_backends

    print(f"{options.voters} voters, one vote each, one-member-one-vote DAO; "
          f"best of {options.rounds} round(s) per path")
    naive = _naive_in_child(options.voters, options.rounds)
    print(f"naive web3.py: {naive['rate']:.1f} tx/s (child process, coincurve hidden, eth_keys "
          f"NativeECCBackend, keccak {naive['hash']})")
    api = _best(options.rounds, lambda: time_api(options.voters))
    backend = type(eth_keys_backends.get_backend()).__name__
    print(f"dao-sim API dao.vote: {api:.1f} tx/s (this process, eth_keys {backend}, keccak "
          f"{os.environ.get('ETH_HASH_BACKEND', 'auto')})")
    print(f"ratio: {api / naive['rate']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
