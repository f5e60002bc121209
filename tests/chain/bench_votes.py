"""Vote throughput: web3.py done naively against dao-sim's session path.

Run it as a script (it is not collected by pytest)::

    .venv/bin/python tests/chain/bench_votes.py --votes 300 --rounds 3

Each path casts ``--votes`` votes from as many distinct accounts on a fresh chain with the
tiny ``Ballot`` contract beside this file, and prints transactions per second:

- ``naive web3``: ``contract.functions.vote(i).transact({"from": a})`` through the
  engine's web3 view (gas estimated, eth-tester signs with its own key lookup);
- ``session``: ``ballot.transact("vote", i, sender=name)``, journal kept;
- ``session, no journal``: the same with ``keep_journal=False``;
- ``engine.send``: raw calldata straight to the engine, the floor under the session.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from dao_sim.chain import ChainSession, EthTesterEngine, RawTransaction
from dao_sim.chain.base import TX_GAS
from dao_sim.compiler import compile_sources

HERE = Path(__file__).parent


def _fresh(votes: int, keep_journal: bool = True) -> tuple[ChainSession, object, list[str]]:
    artifact = compile_sources([HERE / "contracts" / "Ballot.sol"])["Ballot"]
    session = ChainSession(EthTesterEngine(accounts=16), keep_journal=keep_journal)
    ballot = session.deploy(artifact, 3, sender="Aigerim")
    voters = [a.name for a in session.add_accounts(votes)]
    return session, ballot, voters


def _timed(label: str, votes: int, run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    rate = votes / (time.perf_counter() - start)
    print(f"{label:<24} {rate:8.1f} tx/s")
    return rate


def bench(votes: int, rounds: int = 1) -> dict[str, float]:
    """Run every path ``rounds`` times, interleaved; return the best tx/s by path name.

    The best of several rounds, because on a shared machine the noise only ever slows a
    round down.
    """
    best: dict[str, float] = {}
    for _ in range(rounds):
        for path, rate in _round(votes).items():
            best[path] = max(rate, best.get(path, 0.0))
    if rounds > 1:
        print(f"best of {rounds}: " + ", ".join(f"{p} {r:.1f}" for p, r in best.items()))
    print(f"session / naive web3: {best['session'] / best['naive web3']:.1f}x")
    return best


def _round(votes: int) -> dict[str, float]:
    rates = {}

    session, ballot, voters = _fresh(votes)
    w3 = session.engine.web3
    contract = w3.eth.contract(address=ballot.address, abi=list(ballot.abi))
    addresses = [session.address(v) for v in voters]

    def naive() -> None:
        for i, a in enumerate(addresses):
            contract.functions.vote(i % 3).transact({"from": a})

    rates["naive web3"] = _timed("naive web3", votes, naive)
    assert ballot.call("tally", 0) + ballot.call("tally", 1) + ballot.call("tally", 2) == votes

    for keep in (True, False):
        session, ballot, voters = _fresh(votes, keep_journal=keep)

        def via_session() -> None:
            for i, v in enumerate(voters):  # noqa: B023  called at once, within this iteration
                ballot.transact("vote", i % 3, sender=v)  # noqa: B023

        label = "session" if keep else "session, no journal"
        rates[label] = _timed(label, votes, via_session)
        assert len(session.journal) == (votes + 1 if keep else 0)

    session, ballot, voters = _fresh(votes)
    engine = session.engine
    calls = [(session.address(v), ballot.calldata("vote", i % 3)) for i, v in enumerate(voters)]

    def raw() -> None:
        for sender, data in calls:
            engine.send(RawTransaction(sender, ballot.address, data, 0, TX_GAS))

    rates["engine.send"] = _timed("engine.send", votes, raw)
    return rates


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--votes", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    bench(options.votes, options.rounds)
