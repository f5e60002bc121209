"""Steps the attack tests share: found a DAO, vote things through, act as an attacking contract."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from dao_sim.governance import DAO, Action, DAORefused, deploy

ETH = 10**18
#: The per-transaction gas cap (EIP-7825): no transaction of the DAO may need more.
GAS_CAP = 2**24
ZERO = "0x" + "00" * 20


def voters(dao: DAO) -> list[str]:
    """Current members who may vote: hold a key (contracts admitted do not) and are not suspended."""
    return [m.name for m in dao.members if not m.suspended and not dao.session.engine.code(m.address)]


def pass_vote(dao: DAO, actions: Sequence[Action], *, against: Iterable[str] = (),
              proposer: str | None = None) -> int:
    """Propose ``actions``; every keyed member votes (For unless named); the vote closes."""
    against = set(against)
    people = voters(dao)
    pid = dao.propose(proposer or people[0], actions, "proposal")
    for voter in people:
        dao.vote(voter, pid, "against" if voter in against else "for")
    dao.session.advance(int(dao.spec.voting_period))
    return pid


def carry_out(dao: DAO, actions: Sequence[Action], **ballots: Any) -> int:
    """Pass ``actions``, wait out the grace window and execute them."""
    pid = pass_vote(dao, actions, **ballots)
    dao.session.advance(int(dao.spec.grace_period))
    dao.execute(pid, by="Gulnara")
    return pid


def refused(call: Any, *args: Any, **kwargs: Any) -> DAORefused:
    """Run ``call``, which the DAO must refuse; return the refusal."""
    try:
        call(*args, **kwargs)
    except DAORefused as exc:
        return exc
    raise AssertionError(f"{getattr(call, '__name__', call)} was not refused")


def attacker(dao: DAO, artifacts: Any, label: str, *, predecessor: str = ZERO, funds: int = 0) -> Any:
    """A ``DAOAttacker`` contract deployed from Erlan's key (who then funds and drives it)."""
    handle = dao.session.deploy(artifacts["DAOAttacker"], predecessor, sender="Erlan", label=label)
    if funds:
        dao.session.send_value("Erlan", handle.address, funds)
    return handle


def act(contract: Any, target: Any, fn: str, *args: Any, value: int = 0) -> Any:
    """The attacking contract calls ``target.fn(args)`` as itself, Erlan paying ``value``."""
    return contract.transact("act", target.address, target.calldata(fn, *args), sender="Erlan", value=value)


def successor_of(dao: DAO, artifacts: Any, name: str = "Steppe Makers II", **changes: Any) -> DAO:
    """A published successor of ``dao`` (same code and blueprints, rules changed by ``changes``)."""
    return deploy(replace(dao.spec, name=name, **changes), dao.session, artifacts=artifacts, predecessor=dao)


def amend(dao: DAO, successor: DAO, *, batch: int = 50) -> int:
    """Every member consents to migrate to ``successor``; the amendment executes and carries all."""
    people = voters(dao)
    pid = dao.propose_amendment(people[0], successor, "amend the charter")
    for voter in people:
        dao.vote(voter, pid, "for")
    dao.session.advance(int(dao.spec.voting_period) + int(dao.spec.grace_period))
    dao.execute(pid, by="Gulnara", batch=batch)
    return pid
