"""Steps the attack tests share: found a DAO, vote things through, act as an attacking contract."""

from __future__ import annotations

from typing import Any

from dao_sim.governance import DAO
from tests.participation.helpers import ETH
from tests.participation.helpers import carry as carry_out
from tests.participation.helpers import deploy_attacker as attacker
from tests.participation.helpers import deploy_successor as successor_of
from tests.participation.helpers import refusal as refused
from tests.participation.helpers import vote_through as pass_vote

__all__ = ["ETH", "GAS_CAP", "act", "amend", "attacker", "carry_out", "pass_vote", "refused",
           "successor_of", "voters"]

#: The per-transaction gas cap (EIP-7825): no transaction of the DAO may need more.
GAS_CAP = 2**24


def voters(dao: DAO) -> list[str]:
    """Current members who may vote: hold a key (contracts admitted do not) and are not suspended."""
    return [m.name for m in dao.members if not m.suspended and not dao.session.engine.code(m.address)]


def act(contract: Any, target: Any, fn: str, *args: Any, value: int = 0) -> Any:
    """The attacking contract calls ``target.fn(args)`` as itself, Erlan paying ``value``."""
    return contract.transact("act", target.address, target.calldata(fn, *args), sender="Erlan", value=value)


def amend(dao: DAO, successor: DAO, *, batch: int = 50) -> int:
    """Every member consents to migrate to ``successor``; the amendment executes and carries all."""
    people = voters(dao)
    pid = dao.propose_amendment(people[0], successor, "amend the charter")
    for voter in people:
        dao.vote(voter, pid, "for")
    dao.session.advance(int(dao.spec.voting_period) + int(dao.spec.grace_period))
    dao.execute(pid, by="Gulnara", batch=batch)
    return pid
