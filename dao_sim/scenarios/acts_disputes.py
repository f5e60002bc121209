"""The steps of human dispute resolution and of escrow agreements.

A proposal's dispute goes through :class:`~dao_sim.disputes.ProposalDispute`; an escrow's
through :class:`~dao_sim.scenarios.play.EscrowCase`. Rulings are a named person's act: a
scripted ruling (:class:`~dao_sim.disputes.ScriptedDecision`) is recorded as theirs and sent
from their key; ``ask: true`` puts the question to the person at the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dao_sim.disputes import (
    InteractivePrompt,
    ProposalDispute,
    ScriptedDecision,
    deploy_escrow,
    ruling_for_share,
    share_of_ruling,
)
from dao_sim.exceptions import ContractReverted, ScenarioError
from dao_sim.governance.errors import explain_revert
from dao_sim.governance.units import Wei, format_eth
from dao_sim.scenarios.model import Step
from dao_sim.scenarios.play import EscrowCase, Play
from dao_sim.scenarios.values import read_amount, read_duration, read_percent

__all__ = ["DISPUTE_ACTS", "RULINGS"]

#: The words a scenario rules with on a proposal, and the ERC-792 ruling each is.
RULINGS = {"refuse": 0, "uphold": 1, "void": 2, "remedy": 3}


#: A proposal's state as a sentence ends: "proposal 'x' is voided"; the contract's word kept.
_STATE_WORDS = {
    "Succeeded": "has passed and may now be executed (Succeeded)",
    "Executed": "is executed (Executed)",
    "Voided": "is void and will never execute (Voided)",
    "Grace": "is in its grace window (Grace)",
    "Disputed": "waits for a human ruling (Disputed)",
    "Expired": "has expired unexecuted (Expired)",
    "Defeated": "was defeated (Defeated)",
}


def _plain_state(state: str) -> str:
    """``"Succeeded"`` -> ``"has passed and may now be executed (Succeeded)"``."""
    return _STATE_WORDS.get(state, f"is {state}")


def _dispute(play: Play, step: Step) -> str:
    court, name, by = play.need_court(), step.get("id"), step.get("by")
    evidence = step.get("evidence", "")
    if "proposal" in step.fields:
        ref = play.proposal(step.get("proposal"))
        case: Any = ProposalDispute.open(ref.dao, court, ref.number, by=by,
                                         compensation=Wei(read_amount(step.get("compensation", "0 ETH"))),
                                         evidence_uri=evidence)
        play.dispute_proposals[name] = step.get("proposal")
        about = f"proposal '{step.get('proposal')}'"
    else:
        agreement = play.escrow(step.get("escrow"))
        case = EscrowCase(agreement, court, agreement.raise_dispute(by=by))
        if evidence:
            agreement.submit_evidence(evidence, by=by)
        about = f"escrow '{step.get('escrow')}'"
    play.disputes[name] = case
    return f"{by} opens dispute '{name}' on {about}; the panel drawn: {', '.join(case.panel())}"


def _evidence(play: Play, step: Step) -> str:
    case, by, uri = play.dispute(step.get("dispute")), step.get("by"), step.get("uri")
    if isinstance(case, EscrowCase):
        case.agreement.submit_evidence(uri, by=by)
    else:
        try:
            case.dao.dispute_clause.transact("submitEvidence", case.proposal_id, uri, sender=by)
        except ContractReverted as exc:
            raise explain_revert(exc, play.session.name_of, format_eth) from exc
    return f"{by} publishes evidence in dispute '{step.get('dispute')}': {uri}"


def _ruling(step: Step) -> int:
    if step.get("ruling") is not None:
        return RULINGS[step.get("ruling")]
    bps = read_percent(step.get("payee_share"))
    if bps % 100:
        raise ScenarioError(f"payee_share {step.get('payee_share')}: an escrow ruling gives whole percents")
    return ruling_for_share(bps // 100)


def _rule(play: Play, step: Step) -> str:
    case = play.dispute(step.get("dispute"))
    escrow = isinstance(case, EscrowCase)
    person = step.get("by") or case.panel()[0]
    ask = bool(step.get("ask")) or play.ask_rulings
    if ask:
        channel: Any = play.prompt or InteractivePrompt()
    else:
        channel = ScriptedDecision(_ruling(step), step.get("reasons", ""), by=person)
    if isinstance(case, EscrowCase):
        made = case.decide(channel, [person])
    else:
        proposal = play.dispute_proposals[step.get("dispute")]
        shown = f"proposal '{proposal}': {play.proposal(proposal).summary}"
        made = case.decide(channel, [person], evidence=[shown])
    record = made[-1]
    play.rulings.extend((step.get("dispute"), r) for r in made)
    label = (f"{share_of_ruling(record.ruling)}% of the deposit to the payee" if escrow and record.ruling
             else record.ruling_label)
    how = " at the keyboard" if ask else ""
    reasons = f"; reasons: {record.reason}" if record.reason else ""
    return f"{record.decided_by} rules{how} in dispute '{step.get('dispute')}': {label}{reasons}"


def _appeal(play: Play, step: Step) -> str:
    case = play.dispute(step.get("dispute"))
    case.appeal(by=step.get("by"))
    return (f"{step.get('by')} appeals the ruling in dispute '{step.get('dispute')}'; the new panel: "
            f"{', '.join(case.panel())}")


def _finalise(play: Play, step: Step) -> str:
    case, name = play.dispute(step.get("dispute")), step.get("dispute")
    if isinstance(case, EscrowCase):
        case.finalise(by=step.get("by"))
        state = case.agreement.state().name.replace("_", " ").lower()
        return f"the ruling in dispute '{name}' becomes final and reaches the agreement, now {state}"
    outcome = case.finalise(by=step.get("by"))
    proposal = play.dispute_proposals[name]
    return (f"the ruling '{outcome.final_label}' in dispute '{name}' becomes final and reaches the DAO; "
            f"proposal '{proposal}' {_plain_state(outcome.proposal_state)}")


def _enforce(play: Play, step: Step) -> str:
    case, name = play.dispute(step.get("dispute")), step.get("dispute")
    if isinstance(case, EscrowCase):
        raise ScenarioError(f"dispute '{name}' is about an escrow: its final ruling pays out by itself")
    outcome = case.enforce(by=step.get("by"))
    return (f"{step.get('by')} triggers proposal '{play.dispute_proposals[name]}', which the final ruling upheld: "
            f"the contract carries it out as voted, and it {_plain_state(outcome.proposal_state)}")


def _escrow(play: Play, step: Step) -> str:
    name = step.get("id")
    agreement = deploy_escrow(
        play.session, play.need_court(), payer=step.get("payer"), payee=step.get("payee"),
        data_source=step.get("data_source"), amount=read_amount(step.get("amount")),
        deadline=read_duration(step.get("deadline")), terms_uri=step.get("terms"),
        panel_size=step.get("panel_size", 1), label=f"Escrow {name}", artifacts=play.artifacts)
    play.escrows[name] = agreement
    return (f"{step.get('payer')} and {step.get('payee')} make escrow '{name}': {step.get('amount')} deposited, "
            f"released when {step.get('data_source')} confirms delivery within {step.get('deadline')}")


def _confirm_delivery(play: Play, step: Step) -> str:
    agreement = play.escrow(step.get("escrow"))
    agreement.confirm_delivery(by=step.get("by"))
    return (f"{step.get('by') or agreement.terms.data_source} confirms delivery under escrow "
            f"'{step.get('escrow')}'; {agreement.terms.payee} is paid")


def _refund(play: Play, step: Step) -> str:
    agreement = play.escrow(step.get("escrow"))
    agreement.refund(by=step.get("by"))
    return f"{step.get('by')} has the deposit of escrow '{step.get('escrow')}' refunded to {agreement.terms.payer}"


def _agree_division(play: Play, step: Step) -> str:
    bps = read_percent(step.get("payee_share"))
    if bps % 100:
        raise ScenarioError(f"payee_share {step.get('payee_share')}: a division is in whole percents")
    play.escrow(step.get("escrow")).agree_settlement(bps // 100, by=step.get("by"))
    return f"{step.get('by')} agrees to give the payee {step.get('payee_share')} of escrow '{step.get('escrow')}'"


#: Handlers of the dispute and escrow steps, by step kind.
DISPUTE_ACTS: dict[str, Callable[[Play, Step], str]] = {
    "dispute": _dispute, "evidence": _evidence, "rule": _rule, "appeal": _appeal,
    "finalise": _finalise, "enforce": _enforce, "escrow": _escrow,
    "confirm_delivery": _confirm_delivery, "refund": _refund, "agree_division": _agree_division,
}
