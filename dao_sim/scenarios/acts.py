"""The steps that act on the DAO: found, join, money, proposals, votes, claims, dues, review.

Each handler plays one step through the governance API (one transaction, or a few) and
returns a plain one-line description of what happened, in the scenario's names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dao_sim.chain.timeutil import format_duration
from dao_sim.compliance import checked_deploy
from dao_sim.exceptions import ScenarioError
from dao_sim.governance import Action, acknowledge_sandbox
from dao_sim.governance.units import Wei, format_eth
from dao_sim.scenarios.model import Step
from dao_sim.scenarios.play import Play, ProposalRef
from dao_sim.scenarios.values import read_amount, read_duration, read_percent

__all__ = ["DAO_ACTS", "action_of"]


def _found(play: Play, step: Step) -> str:
    spec = play.scenario.spec
    if spec is None:  # the loader refuses this; a Scenario built by hand may not
        raise ScenarioError("the scenario has no `dao` section to found")
    play.dao = checked_deploy(spec, play.session, artifacts=play.artifacts, deployer=step.get("by"))
    founders = ", ".join(f"{m.name} {format_eth(m.contribution)}" for m in spec.founders)
    return (f"{spec.name} is founded ({founders}); the treasury holds "
            f"{format_eth(play.dao.treasury.balance)}")


def _acknowledge(play: Play, step: Step) -> str:
    spec = play.dao.spec if play.dao is not None else play.scenario.spec
    if spec is None:  # the loader refuses this; a Scenario built by hand may not
        raise ScenarioError("the scenario has no `dao` section whose sandbox to acknowledge")
    acknowledge_sandbox(spec, play.session, step.get("by"), artifacts=play.artifacts)
    return f"{step.get('by')} acknowledges the sandbox terms of {spec.name}'s charter"


def _join(play: Play, step: Step) -> str:
    dao = play.need_dao()
    entry = dao.join(step.get("by"))
    return f"{step.get('by')} joins {dao.name}, paying in {format_eth(entry.value)}"


def _contribute(play: Play, step: Step) -> str:
    play.need_dao().contribute(step.get("by"), Wei(read_amount(step.get("amount"))))
    return f"{step.get('by')} contributes {step.get('amount')} more"


def action_of(play: Play, item: dict[str, Any]) -> Action:
    """The :class:`~dao_sim.governance.Action` a scenario's action mapping describes."""
    kind, args = next(iter(item.items()))
    if kind == "pay":
        return Action.pay(args["to"], Wei(read_amount(args["amount"])))
    if kind == "admit":
        who = args["candidate"]
        return Action.offer_membership(play.session.address(who), Wei(read_amount(args["contribution"])), who)
    if kind == "call_capital":
        return Action.call_capital(read_percent(args["share"]))
    if kind == "expel":
        return Action.expel(play.session.address(args["member"]), args["member"])
    _dao, number = play.claim(args["claim"])
    built = Action.settle_claim(number) if kind == "settle_claim" else Action.reject_claim(number)
    verb = "settle" if kind == "settle_claim" else "reject"
    return Action(built.target, built.value, built.data, f"{verb} claim '{args['claim']}'")


def _propose(play: Play, step: Step) -> str:
    dao, name, by = play.need_dao(), step.get("id"), step.get("by")
    description = step.get("description") or name
    if "amend" in step.fields:
        spec = play.scenario.amendments[name]
        successor = checked_deploy(spec, play.session, artifacts=play.artifacts, predecessor=dao, deployer=by)
        number = dao.propose_amendment(by, successor, description)
        summary = f"migrate to {spec.name}, deployed and published with the amended rules"
        play.proposals[name] = ProposalRef(dao, number, summary, successor)
    else:
        actions = [action_of(play, item) for item in step.get("actions")]
        number = dao.propose(by, actions, description)
        summary = "; ".join(a.summary for a in actions)
        play.proposals[name] = ProposalRef(dao, number, summary)
    return f"{by} proposes '{name}': {summary}"


def _vote(play: Play, step: Step) -> str:
    ref = play.proposal(step.get("proposal"))
    ref.dao.vote(step.get("by"), ref.number, step.get("support"))
    verb = "abstains on" if step.get("support") == "abstain" else f"votes {step.get('support')}"
    return f"{step.get('by')} {verb} '{step.get('proposal')}'"


def _wait(play: Play, step: Step) -> str:
    seconds = read_duration(step.value)
    play.session.advance(seconds)
    return f"{format_duration(seconds)} pass"


def _execute(play: Play, step: Step) -> str:
    name, by = step.get("proposal"), step.get("by")
    ref = play.proposal(name)
    ref.dao.execute(ref.number, by=by)
    told = f"{by} triggers the execution of '{name}': {ref.summary}"
    if ref.successor is not None and ref.dao.state(ref.number) == "Executed":
        play.dao = ref.successor
        told += f"; from now on the DAO is {ref.successor.name}"
    return told


def _exit(play: Play, step: Step) -> str:
    payout = play.need_dao().exit(step.get("by"))
    return f"{step.get('by')} leaves the DAO with {format_eth(payout)}"


def _claim(play: Play, step: Step) -> str:
    dao, name, by = play.need_dao(), step.get("id"), step.get("by")
    number = dao.file_claim(by, Wei(read_amount(step.get("amount"))), step.get("description") or name)
    play.claims[name] = (dao, number)
    bond = dao.claims[number].bond
    return f"{by} files claim '{name}' for {step.get('amount')} against {dao.name}, paying a bond of {format_eth(bond)}"


def _withdraw(play: Play, step: Step) -> str:
    amount = play.need_dao().withdraw(step.get("by"))
    return f"{step.get('by')} withdraws {format_eth(amount)} credited by the DAO"


def _pay_capital(play: Play, step: Step) -> str:
    amount = step.get("amount")
    entry = play.need_dao().pay_capital_call(step.get("by"), None if amount is None else Wei(read_amount(amount)))
    return f"{step.get('by')} pays {format_eth(entry.value)} of a capital call"


def _pay_dues(play: Play, step: Step) -> str:
    entry = play.need_dao().pay_dues(step.get("by"))
    return f"{step.get('by')} pays {format_eth(entry.value)} of dues"


def _enforce_dues(play: Play, step: Step) -> str:
    dao, member = play.need_dao(), step.get("member")
    number = dao.enforce_dues(member, by=step.get("by"))
    play.decisions[step.get("id")] = (dao, number)
    return (f"{step.get('by')} applies the dues rule to {member}: automated decision '{step.get('id')}' "
            f"suspends {member} from voting")


def _request_review(play: Play, step: Step) -> str:
    dao, number = play.decision(step.get("decision"))
    dao.request_review(step.get("by"), number)
    return f"{step.get('by')} asks for a human review of decision '{step.get('decision')}'"


def _review(play: Play, step: Step) -> str:
    dao, number = play.decision(step.get("decision"))
    reverse = step.get("outcome") == "reverse"
    dao.decide_review(step.get("by"), number, reverse=reverse, reasons=step.get("reasons"))
    verb = "reverses" if reverse else "confirms"
    return f"{step.get('by')}, the reviewer, {verb} decision '{step.get('decision')}': {step.get('reasons')}"


#: Handlers of the steps that act on the DAO, by step kind.
DAO_ACTS: dict[str, Callable[[Play, Step], str]] = {
    "found": _found, "acknowledge": _acknowledge, "join": _join, "contribute": _contribute, "propose": _propose, "vote": _vote,
    "wait": _wait, "execute": _execute, "exit": _exit, "claim": _claim, "withdraw": _withdraw,
    "pay_capital": _pay_capital, "pay_dues": _pay_dues, "enforce_dues": _enforce_dues,
    "request_review": _request_review, "review": _review,
}
