"""The fast engine against the default one, measured in the same run.

Run it (``make bench-engine`` does)::

    .venv/bin/python benchmarks/engine_speed.py                  # 300 voters, 5 rounds
    .venv/bin/python benchmarks/engine_speed.py --voters 100 --rounds 1 --seconds 5

Two measures, each through dao-sim's own API (``ChainSession`` and the ``DAO`` driven by name,
journal kept), with nothing but the engine changed between the paths:

- **the vote path**: a one-member-one-vote DAO of ``--voters`` founders, one open proposal,
  every founder votes For it, first through ``dao.vote`` (what a simulation does: encoding,
  journal entry, events), then as the same vote transactions handed to the engine's ``send``
  alone (the engines' own cost, without the dao-sim work both paths share). Only the votes
  are timed; each path's chain must then count exactly ``--voters`` votes For. Printed: votes
  per second on each engine and their ratio, for each way (the goal: 100x or more).
- **the 10-member story**: ten founders pay in and a DAO opens; three payments are proposed,
  each voted on by all ten (some against), each executed after its grace window (the first
  after an execution refused during its grace window). Arbitrator and module blueprints are
  deployed once; each run starts from a snapshot taken after them and ends reverting to it.
  Printed: runs per minute on each engine, and their ratio (the goal for the fast engine:
  3,000 runs per minute on one core; the benchmark is one single-threaded process).

Each engine runs in a worker process of its own (as in a simulation, no engine's rounds run
with the other's chains and garbage in their heap). Each measure keeps the best of
``--rounds`` rounds, the two workers taking turns so that both meet the same load: on a
shared machine noise only ever slows a round down. Numbers are printed as measured, whether or not they reach the goals.
"""

from __future__ import annotations

import argparse
import functools
import gc
import multiprocessing
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vote_throughput import build

__all__ = ["main", "story_runs_per_minute", "votes_per_second"]

STORY_MEMBERS = ("Aigerim", "Bolat", "Dana", "Erlan", "Gulnara", "Kairat", "Madina", "Nurlan",
                 "Saule", "Timur")
PAYEES = ("Zhanna", "Askar", "Botagoz")
ENGINES = ("eth-tester", "revm")


def _vote_setup(engine: str, voters: int, artifacts: Any) -> tuple[Any, int, list[str]]:
    """The vote benchmark's chain (``vote_throughput.build``), on ``engine``."""
    _session, dao, pid, names = build(voters, engine, artifacts)
    return dao, pid, names


def votes_per_second(engine: str, voters: int, artifacts: Any, *, through: str = "dao") -> float:
    """Votes per second on a fresh chain of ``engine``: through ``dao.vote`` (``through="dao"``)
    or as the same transactions handed straight to the engine (``through="engine"``)."""
    from dao_sim.chain.base import RawTransaction

    dao, pid, names = _vote_setup(engine, voters, artifacts)
    gc.collect()  # the garbage of this worker's earlier rounds is not this round's
    if through == "dao":
        start = time.perf_counter()
        for name in names:
            dao.vote(name, pid, "for")
        rate = voters / (time.perf_counter() - start)
    else:
        session, governor = dao.session, dao.governor
        data = governor.calldata("vote", pid, 1)
        sent = [RawTransaction(session.address(name), governor.address, data, 0, session.gas)
                for name in names]
        send = session.engine.send
        start = time.perf_counter()
        receipts = [send(tx) for tx in sent]
        rate = voters / (time.perf_counter() - start)
        if not all(r.status for r in receipts):
            raise SystemExit(f"{engine}: a vote sent to the engine failed")
    counted = dao.proposal(pid).for_votes
    if counted != voters:
        raise SystemExit(f"{engine}: the chain counted {counted} votes For, expected {voters}")
    return rate


def _story_baseline(engine: str, artifacts: Any) -> Any:
    from dao_sim.chain.session import ChainSession
    from dao_sim.governance.blueprints import module_blueprints
    from dao_sim.testing.factories import human_court

    session = ChainSession(engine, names=[*STORY_MEMBERS, *PAYEES], funding_eth=100)
    human_court(session, ("Madina",), artifacts=artifacts)
    module_blueprints(session, artifacts, sender="Aigerim")
    return session


def play_story(session: Any, artifacts: Any) -> int:
    """The 10-member story on ``session``; returns how many transactions it sent."""
    from dao_sim.governance import Action, DAORefused, DAOSpec, deploy

    start = len(session.journal)
    spec = DAOSpec(name="Steppe Makers", members={n: "2 ETH" for n in STORY_MEMBERS},
                   arbitrator="HumanArbitrator", voting_period="3 days", grace_period="2 days")
    dao = deploy(spec, session, artifacts=artifacts)
    for round_, payee in enumerate(PAYEES):
        pid = dao.propose(STORY_MEMBERS[round_], [Action.pay(payee, "1 ETH")],
                          f"pay {payee} for work done")
        for i, voter in enumerate(STORY_MEMBERS):
            dao.vote(voter, pid, "against" if i % 4 == 3 else "for")
        session.advance("3 days")
        if round_ == 0:
            try:
                dao.execute(pid, by="Zhanna")
            except DAORefused:
                pass
            else:
                raise SystemExit("the story's early execution was not refused")
        session.advance("2 days")
        dao.execute(pid, by="Zhanna")
        if dao.state(pid) != "Executed":
            raise SystemExit(f"the story's proposal {pid} ended {dao.state(pid)}, not Executed")
    return len(session.journal) - start


def story_runs_per_minute(engine: str, artifacts: Any, seconds: float) -> tuple[float, int]:
    """Runs per minute of the story, each from the same snapshot; and its transactions."""
    session = _story_baseline(engine, artifacts)
    baseline = session.snapshot()
    runs, sent = 0, 0
    start = time.perf_counter()
    while runs == 0 or time.perf_counter() - start < seconds:
        sent = play_story(session, artifacts)
        session.revert(baseline)
        runs += 1
    return runs * 60 / (time.perf_counter() - start), sent


@functools.cache
def _artifacts() -> Any:
    from dao_sim.compiler import compile_project

    return compile_project()


def _vote_round(engine: str, voters: int, through: str) -> float:
    """One round of the vote measure, in a worker process."""
    return votes_per_second(engine, voters, _artifacts(), through=through)


def _story_round(engine: str, seconds: float) -> tuple[float, int]:
    """One round of the story measure, in a worker process."""
    return story_runs_per_minute(engine, _artifacts(), seconds)


def main(argv: list[str] | None = None) -> int:
    """Measure both engines on both measures and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=300, help="voters, each casting one vote")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per measure; best counts")
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="seconds of story runs per round on the fast engine")
    options = parser.parse_args(argv)
    if options.voters < 1 or options.rounds < 1 or options.seconds <= 0:
        parser.error("--voters and --rounds must be at least 1, --seconds above 0")

    from dao_sim.chain.revm_engine import RevmEngine

    print(f"fast engine: {RevmEngine(accounts=1).describe()}")
    # Each engine runs in a worker process of its own, as a simulation would: no engine's
    # rounds run with the other's chains and garbage in their heap. The workers take turns,
    # never running at once, so that both meet the same load.
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(1) as slow, spawn.Pool(1) as fast:
        workers = {"eth-tester": slow, "revm": fast}
        print(f"vote path: {options.voters} voters, one vote each; best of {options.rounds}, "
              "each engine in its own process")
        for through, how in (("dao", "through dao.vote (dao-sim's API, journal kept)"),
                             ("engine", "the same transactions handed to the engine alone")):
            rates = {"eth-tester": 0.0, "revm": 0.0}
            for _ in range(options.rounds):
                for engine in ENGINES:
                    rates[engine] = max(rates[engine], workers[engine].apply(
                        _vote_round, (engine, options.voters, through)))
            print(f"  {how}:")
            for engine, rate in rates.items():
                print(f"    {engine}: {rate:,.0f} votes/s")
            print(f"    ratio: {rates['revm'] / rates['eth-tester']:.1f}x (goal 100x)")

        print(f"10-member story: best of {options.rounds}, each engine in one process on one "
              "core")
        runs = {"eth-tester": 0.0, "revm": 0.0}
        sent = {"eth-tester": 0, "revm": 0}
        seconds = {"eth-tester": min(options.seconds, 5.0), "revm": options.seconds}
        for _ in range(options.rounds):
            for engine in ENGINES:
                rate, sent[engine] = workers[engine].apply(_story_round, (engine, seconds[engine]))
                runs[engine] = max(runs[engine], rate)
    for engine, best in runs.items():
        print(f"  {engine}: {best:,.0f} runs/min ({sent[engine]} transactions a run)")
    print(f"  story ratio: {runs['revm'] / runs['eth-tester']:.1f}x; fast engine "
          f"{runs['revm']:,.0f} runs/min per core (goal 3,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
