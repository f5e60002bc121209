"""Shared steps of the participation tests: vote a proposal through, drive an attacker contract."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from dao_sim.governance import DAO, Action, DAORefused
from dao_sim.governance.units import Wei

__all__ = [
    "ETH",
    "ZERO",
    "act",
    "admit_contract",
    "attempt_errors",
    "carry",
    "decide",
    "deploy_attacker",
    "deploy_successor",
    "inner_error",
    "refusal",
    "vote_through",
]

ETH = 10**18
ZERO = "0x" + "00" * 20


def vote_through(
    dao: DAO,
    actions: Sequence[Action],
    description: str = "",
    *,
    against: Iterable[str] = (),
    abstain: Iterable[str] = (),
    proposer: str | None = None,
) -> int:
    """Propose ``actions`` and have every current member vote (For unless named otherwise);
    leave the proposal at the end of its voting period. Returns its id.

    Members that are contracts (an attacker admitted as a member) hold no key and do not vote.
    """
    against, abstain = set(against), set(abstain)
    voters = [m.name for m in dao.members if not dao.session.engine.code(m.address)]
    pid = dao.propose(proposer or voters[0], actions, description or "proposal")
    for voter in voters:
        dao.vote(
            voter, pid, "against" if voter in against else "abstain" if voter in abstain else "for"
        )
    dao.session.advance(int(dao.spec.voting_period))
    return pid


def decide(dao: DAO, actions: Sequence[Action], description: str = "", **ballots: Any) -> int:
    """Vote ``actions`` through and wait out the grace window: the proposal is Succeeded."""
    pid = vote_through(dao, actions, description, **ballots)
    dao.session.advance(int(dao.spec.grace_period))
    return pid


def carry(dao: DAO, actions: Sequence[Action], description: str = "", **ballots: Any) -> int:
    """Vote ``actions`` through, wait out the grace window and execute them."""
    pid = decide(dao, actions, description, **ballots)
    dao.execute(pid, by="Gulnara")
    return pid


def refusal(call: Any, *args: Any, **kwargs: Any) -> DAORefused:
    """Run ``call`` expecting the DAO to refuse; return the refusal (fails the test otherwise)."""
    try:
        call(*args, **kwargs)
    except DAORefused as exc:
        return exc
    raise AssertionError(f"{getattr(call, '__name__', call)} was not refused")


def inner_error(dao: DAO, refused: DAORefused) -> str:
    """The error an ``ActionFailed`` wraps (``"CapitalCallExceedsCap"``...)."""
    assert refused.error == "ActionFailed", refused
    reason = refused.details["reason"]
    raw = bytes.fromhex(reason[2:]) if isinstance(reason, str) else bytes(reason)
    return dao.session.decode_revert(raw).name


def deploy_attacker(
    dao: DAO, artifacts: Any, *, label: str, predecessor: str = ZERO, funds: int = 0
) -> Any:
    """Deploy a ``DAOAttacker`` (from Erlan's key), optionally funded with ``funds`` wei."""
    session = dao.session
    attacker = session.deploy(artifacts["DAOAttacker"], predecessor, sender="Erlan", label=label)
    if funds:
        session.send_value("Erlan", attacker.address, funds)
    return attacker


def admit_contract(dao: DAO, attacker: Any, contribution: int) -> None:
    """Make a contract a member: a passed proposal offers it membership; it joins via ``act``."""
    carry(
        dao,
        [Action.offer_membership(attacker.address, Wei(contribution), attacker.label)],
        "admit a contract",
    )
    act(dao, attacker, "join", [], value=contribution)


def act(dao: DAO, attacker: Any, fn: str, *args: Any, value: int = 0, on: Any = None) -> Any:
    """Have the attacker call ``fn`` on the DAO's core (or on the module ``on``) as itself
    (Erlan sends ``value``; it forwards it)."""
    target = on or dao.contract
    return attacker.transact(
        "act", target.address, target.calldata(fn, *args), sender="Erlan", value=value
    )


def attempt_errors(dao: DAO, attacker: Any) -> list[str]:
    """The decoded error of each re-entry attempt the attacker made ("ok" for a success)."""
    out = []
    for i in range(int(attacker.call("attempts"))):
        ok, data = attacker.call("outcomeOf", i)
        out.append("ok" if ok else dao.session.decode_revert(bytes(data)).name)
    return out


def deploy_successor(
    dao: DAO, artifacts: Any, name: str = "Steppe Makers II", **changes: Any
) -> DAO:
    """Deploy a published successor of ``dao`` for an amendment (rules changed by ``changes``)."""
    from dataclasses import replace

    from dao_sim.governance import deploy

    return deploy(
        replace(dao.spec, name=name, **changes), dao.session, artifacts=artifacts, predecessor=dao
    )
