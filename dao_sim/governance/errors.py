"""The DAO's refusals in plain words.

The contract refuses with custom errors carrying the values involved (``NotAMember(0x…)``);
people read "Dana is not a member". Each template names the requirement of the law catalogue
it enforces where there is one (``{aside[vote-only-decisions]}``), cited when the message is
written, under the edition in use then, so the refusal itself explains the law (or says that
the rule is dao-sim's default).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dao_sim.exceptions import ContractReverted, GovernanceError
from dao_sim.law import with_citations

__all__ = ["PROPOSAL_STATES", "DAORefused", "explain_revert"]

PROPOSAL_STATES = (
    "Pending", "Active", "Defeated", "Succeeded", "Grace", "Disputed", "Executed", "Voided", "Expired",
)
_CLAIM_STATES = ("None", "Filed", "Settled", "Rejected", "Carried")
_REVIEW_STATES = ("None", "Requested", "Confirmed", "Reversed")

_TEMPLATES: dict[str, str] = {
    "NotAMember": "{account} is not a member",
    "AlreadyAMember": "{account} is already a member",
    "MemberIsSuspended": "{member} is suspended from voting by an automated decision (they may ask for review {aside[automated-decision-rights]})",
    "NoMembershipOffer": "{candidate} has no membership offer: admission needs a passed proposal {aside[vote-only-decisions]}",
    "NotAFounder": (
        "{account} is not on the founding list with a contribution of {contribution} (or has already used "
        "their founding seat); others join only when a passed proposal admits them {aside[vote-only-decisions]}"
    ),
    "WrongContribution": "wrong amount: expected {expected}, sent {sent}",
    "ZeroContribution": "the amount must be more than zero",
    "TreasuryEmpty": (
        "the free treasury is empty while {shares} shares are outstanding, so a contribution cannot be "
        "priced fairly; it is refused"
    ),
    "DAOHasNoMembers": (
        "every member has left, so nobody could ever redeem {amount}: the transfer is refused"
    ),
    "SharesOverflow": "{shares} shares would be more than the DAO can count",
    "OnlyByVote": "{caller} cannot do this: only a passed proposal can {aside[vote-only-decisions]}",
    "OnlyModule": "{caller} cannot do this: only the DAO's own contracts call each other this way",
    "OnlyArbitrator": "{caller} is not the DAO's arbitrator",
    "OnlyReviewer": "{caller} is not the reviewer the charter names {aside[automated-decision-rights]}",
    "OnlyPredecessor": "{caller} is not the contract this DAO succeeds",
    "OnlySuccessor": "{caller} is not the contract this DAO migrated to",
    "UnknownProposal": "there is no proposal {proposalId}",
    "ProposalNotActive": "proposal {proposalId} is not open for voting (it is {state})",
    "ProposalNotExecutable": "proposal {proposalId} cannot be executed (it is {state})",
    "ProposalNotInGrace": "proposal {proposalId} is not in its grace window (it is {state}); disputes open during grace",
    "AlreadyVoted": "{voter} has already voted on proposal {proposalId}",
    "NoVotingPower": "{voter} had no vote on proposal {proposalId}: they were not a member when voting opened",
    "TooManyActions": "a proposal may carry at most {limit} actions; this one has {count}",
    "ActionOutsideCapacity": (
        "action {index} calls {selector} on {target}, which is outside the DAO's capacity "
        "{aside[capacity]}; no vote can take or restrict a member's share {aside[no-confiscation]}"
    ),
    "ActionFailed": "action {index} of proposal {proposalId} failed",
    "TreasuryInsufficient": (
        "a payment of {needed} exceeds the {available} left in the free treasury (what open claims reserve "
        "and what is credited to others is never spent)"
    ),
    "TransferFailed": "sending {amount} to {to} failed",
    "NoCredit": "nothing is credited to {account}: there is no payment to withdraw",
    "SuccessorNotPublished": "{successor} is not a published successor of this DAO (deploy it with this DAO as predecessor)",
    "ExitBlockedByOwnVote": "{member} voted For proposal {proposalId}, which is still open; they may exit once it is settled",
    "CapitalCallExceedsCap": (
        "a capital call of {requestedBps} of each contribution exceeds the {headroomBps} the liability cap "
        "still allows {aside[liability-cap]}"
    ),
    "NothingOwed": "{member} owes no capital call",
    "ExpulsionNotInCharter": "the charter does not allow expulsion",
    "UnknownClaim": "there is no claim {claimId}",
    "ClaimNotOpen": "claim {claimId} is {status}, not open",
    "WrongClaimBond": "the bond for this claim is {expected}, sent {sent}",
    "ClaimTooLarge": "a claim (or compensation) of {amount} is more than the DAO can record",
    "NoOpenClaims": "proposal {proposalId} cannot be held: no claim against the DAO is open",
    "AlreadyHeld": "proposal {proposalId} was already held for claims once; a hold cannot be renewed",
    "ClaimsPending": (
        "{openClaims} of claims are undecided: their reservation would cut the share an expelled member "
        "is credited, so expulsion waits until they are decided"
    ),
    "DisputesPending": "{open} dispute(s) are still open; an amendment waits until humans have ruled on them",
    "DAOMigrated": "this DAO has migrated to {successor} after an amendment",
    "MigrationInProgress": "this DAO has not opened yet: it is waiting for the treasury of {predecessor}",
    "MigrationNotStarted": "this DAO succeeds no other, so there is nothing to carry over",
    "MigrationAlreadyDone": "the migration has already happened",
    "WrongArbitrationFee": "the arbitration fee is {expected}, sent {sent}",
    "UnknownDispute": "there is no open dispute {disputeId} at this DAO",
    "InvalidRuling": "ruling {ruling} is not one of the options for dispute {disputeId}",
    "UnknownDecision": "there is no automated decision {decisionId}",
    "DuesNotOverdue": "{member}'s dues are not overdue (paid until {paidUntil})",
    "NotTheAffectedPerson": "{caller} is not the person decision {decisionId} affects",
    "ReviewNotRequested": "decision {decisionId} has no pending review request (review is {status})",
    "ReviewAlreadyRequested": "review of decision {decisionId} was already requested (it is {status})",
    "DisputeClauseMissing": "no human dispute procedure (arbitrator) was named {aside[human-dispute]}",
    "ReviewerMissing": (
        "automated decisions need a named human reviewer {aside[automated-decision-rights]}"
    ),
    "InvalidRules": "the rule {field} is invalid",
    "NoFoundingMembers": "a DAO needs founding members",
    "BlueprintMissing": "no module blueprint is published at {blueprint}, so the DAO cannot create its modules",
}

_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("ProposalNotActive", "state"): PROPOSAL_STATES,
    ("ProposalNotExecutable", "state"): PROPOSAL_STATES,
    ("ProposalNotInGrace", "state"): PROPOSAL_STATES,
    ("ClaimNotOpen", "status"): _CLAIM_STATES,
    ("ReviewNotRequested", "status"): _REVIEW_STATES,
    ("ReviewAlreadyRequested", "status"): _REVIEW_STATES,
}


_AMOUNTS = frozenset({"expected", "sent", "needed", "available", "amount", "contribution", "openClaims"})
_BPS = frozenset({"requestedBps", "headroomBps"})


class DAORefused(GovernanceError):
    """The DAO contract refused an act; ``error`` and ``details`` keep the decoded values."""

    def __init__(self, message: str, error: str | None, details: dict[str, Any]) -> None:
        super().__init__(message)
        self.error = error
        self.details = details


def explain_revert(exc: ContractReverted, name_of: Callable[[str], str],
                   format_amount: Callable[[int], str]) -> DAORefused:
    """Turn a decoded revert into a :class:`DAORefused` with a readable message, citing the
    law under the edition in use."""
    if exc.error is None or exc.error not in _TEMPLATES:
        return DAORefused(str(exc), exc.error, dict(exc.error_args))
    shown: dict[str, Any] = {}
    for key, value in exc.error_args.items():
        if (exc.error, key) in _ENUMS:
            shown[key] = _ENUMS[(exc.error, key)][int(str(value))]
        elif isinstance(value, str) and value.startswith("0x") and len(value) == 42:
            shown[key] = name_of(value)
        elif isinstance(value, (bytes, bytearray)):
            shown[key] = "0x" + bytes(value).hex()
        elif key in _AMOUNTS:
            shown[key] = format_amount(int(str(value)))
        elif key in _BPS:
            shown[key] = f"{int(str(value)) / 100:g}%"
        else:
            shown[key] = value
    return DAORefused(with_citations(_TEMPLATES[exc.error], **shown), exc.error, dict(exc.error_args))
