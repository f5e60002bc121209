"""The arbitrator's refusals in plain words.

The HumanArbitrator refuses with custom errors carrying the values involved
(``PanelistInterested(3, 0x…)``); people read "Madina has an interest in dispute 3 and may
not rule on it". :func:`explain_refusal` turns a decoded revert into an
:class:`~dao_sim.exceptions.ArbitratorRefused` whose message is that sentence, keeping the
error's name and values for code that checks them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dao_sim.exceptions import ArbitratorRefused, ContractReverted

__all__ = ["explain_refusal"]

_STATUSES = ("Waiting", "Appealable", "Solved")
_AMOUNTS = {"required", "paid", "amount"}

_TEMPLATES: dict[str, str] = {
    "DisputeUnknown": "there is no dispute {disputeId} at this arbitrator",
    "NoChoices": "a dispute needs at least one ruling option",
    "PanelSizeInvalid": (
        "a panel of {panelSize} cannot be drawn: it must be odd and at most the {eligible} roster "
        "members who are neither parties nor interested in the dispute"
    ),
    "FeeTooLow": "the fee is {required}, only {paid} was paid",
    "NotOnPanel": "{arbitrator} does not sit on the panel of dispute {disputeId}, round {round}",
    "AlreadyVoted": "{arbitrator} has already ruled in dispute {disputeId}, round {round}",
    "RoundClosed": "round {round} of dispute {disputeId} is closed (the current round is {currentRound})",
    "RulingOutOfRange": "ruling {ruling} is not an option of dispute {disputeId} (0..{choices})",
    "SignatureInvalid": "the signature for dispute {disputeId}, round {round} does not recover to a key",
    "RulingDeadlinePassed": (
        "the ruling deadline of dispute {disputeId}, round {round} has passed ({deadline}): a late "
        "ruling is not taken and earns no fee"
    ),
    "RulingDeadlineNotPassed": (
        "the panel of dispute {disputeId}, round {round} still has until {deadline} to rule"
    ),
    "NotAppealable": "dispute {disputeId} has no appealable ruling (it is {status})",
    "AppealWindowClosed": (
        "the appeal window of dispute {disputeId} closed at {appealEnd}: the ruling is final and no "
        "more rulings are taken"
    ),
    "AppealWindowOpen": "the ruling of dispute {disputeId} may still be appealed until {appealEnd}",
    "NoLargerPanel": "dispute {disputeId} cannot go to a panel larger than {panelSize} ({eligible} eligible)",
    "AlreadyDecided": "round {round} of dispute {disputeId} is already decided; it can only be appealed",
    "DisputeSolved": "dispute {disputeId} is already solved",
    "NothingToWithdraw": "{arbitrator} has no fees to withdraw",
    "PaymentFailed": "sending {amount} to {to} failed",
    "NotAnArbitrable": (
        "{caller} is not a contract: only an arbitrable contract may open a dispute, so that the "
        "ruling can be delivered and the fee is not locked"
    ),
    "PanelistInterested": (
        "{arbitrator} has an interest in dispute {disputeId} (a party, a member or former member "
        "of the arbitrable organisation, or paid by the outcome) and may not rule on it"
    ),
    "PanelNotDrawn": (
        "the panel of dispute {disputeId}, round {round} is not drawn yet (draw block {drawBlock}); "
        "draw it first"
    ),
    "PanelAlreadyDrawn": "the panel of dispute {disputeId}, round {round} is already drawn",
    "PanelDrawTooEarly": (
        "the panel of dispute {disputeId}, round {round} is drawn from block {drawBlock}'s hash; "
        "wait until that block is mined"
    ),
    "InterestCheckUnderfunded": (
        "too little gas ({gasLeft}) to ask the arbitrable contract who has an interest; send "
        "the transaction with more gas"
    ),
    "RulingNotFinal": "dispute {disputeId} has no executed ruling to deliver (it is {status})",
    "RulingAlreadyDelivered": "the ruling of dispute {disputeId} was already delivered",
    "RulingNotDelivered": (
        "the arbitrable contract refused the ruling of dispute {disputeId} again; the fees are "
        "credited, and delivery may be retried"
    ),
    "NotOnRoster": "{account} is not on the arbitrator's roster",
}


def explain_refusal(exc: ContractReverted, name_of: Callable[[str], str],
                    format_amount: Callable[[int], str]) -> ContractReverted:
    """Turn a decoded revert of the arbitrator into an :class:`ArbitratorRefused` in words.

    An error this module does not know (another contract's, say) is returned unchanged.

    Parameters
    ----------
    exc : ContractReverted
        The decoded revert.
    name_of : callable
        Address -> the name people know it by.
    format_amount : callable
        Wei -> text.

    Returns
    -------
    ContractReverted
        An :class:`ArbitratorRefused` for the arbitrator's errors, else ``exc``.

    Examples
    --------
    >>> raw = ContractReverted("castRuling", "DisputeSolved", {"disputeId": 4}, b"")
    >>> str(explain_refusal(raw, str, str))
    'castRuling refused: dispute 4 is already solved'
    """
    if exc.error is None or exc.error not in _TEMPLATES:
        return exc
    shown: dict[str, Any] = {}
    for key, value in exc.error_args.items():
        if key == "status":
            shown[key] = _STATUSES[int(str(value))]
        elif isinstance(value, str) and value.startswith("0x") and len(value) == 42:
            shown[key] = name_of(value)
        elif key in _AMOUNTS:
            shown[key] = format_amount(int(str(value)))
        else:
            shown[key] = value
    function = exc.function.rsplit(".", 1)[-1]
    message = f"{function} refused: {_TEMPLATES[exc.error].format(**shown)}"
    return ArbitratorRefused(exc.function, exc.error, dict(exc.error_args), exc.raw, message,
                             getattr(exc, "entry", None))
