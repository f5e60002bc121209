"""Sentences for the human arbitrator's transactions (human-dispute): who ruled, how, with what effect.

A ruling is a person's act, so the sentence names the person and how the act reached the
chain (from their own key, or signed and relayed); passing the ruling on is told with what it
did to the disputed proposal. Registered on import of :mod:`dao_sim.report`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dao_sim.governance.units import format_eth
from dao_sim.report.arguments import ruling_text
from dao_sim.report.sentences import NameOf, Sentence, sentence
from dao_sim.report.sentences import first_event as _first

if TYPE_CHECKING:
    from dao_sim.chain.journal import JournalEntry

__all__: list[str] = []

_DAO_OUTCOMES = (
    "refused to arbitrate: the vote stands",
    "uphold: the proposal may execute",
    "void: the proposal will never execute",
    "remedy: the proposal is void and compensation is paid",
)


def _quoted(dispute: int, ruling: int) -> str:
    """A ruling as a sentence names it: its words when the report knows them (``'void'``)."""
    text = ruling_text(dispute, ruling)
    return f"'{text}'" if not text.startswith(("option ", "refused")) else text


def _ruled(entry: JournalEntry, name_of: NameOf, how: str) -> Sentence | None:
    cast = _first(entry, "RulingCast")
    if cast is None:
        return None
    args = cast.args
    dispute = int(args["disputeId"])
    text = (f"{name_of(args['arbitrator'])} ruled {_quoted(dispute, int(args['ruling']))} in dispute {dispute} "
            f"(round {args['round']}), {how}")
    given = _first(entry, "RulingGiven")
    if given is not None:
        text += (f"; the panel's majority is reached: {_quoted(dispute, int(given.args['ruling']))}, "
                 "open to appeal")
    return Sentence(text, "human-dispute")


@sentence("castRuling")
def _cast(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    return _ruled(entry, name_of, "with a transaction from their own key")


@sentence("submitSignedRuling")
def _signed(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    return _ruled(entry, name_of, f"by an EIP-712 signature relayed by {entry.sender_name}")


@sentence("appeal")
def _appeal(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    scheduled = _first(entry, "PanelDrawScheduled")
    if scheduled is None:
        return None
    return Sentence(f"{entry.sender_name} appealed dispute {scheduled.args['disputeId']}; a larger "
                    f"panel will be drawn from the hash of block {scheduled.args['drawBlock']}",
                    "human-dispute")


@sentence("escalate")
def _escalate(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    scheduled = _first(entry, "PanelDrawScheduled")
    if scheduled is None:
        return None
    return Sentence(f"{entry.sender_name} escalated dispute {scheduled.args['disputeId']} after its "
                    "ruling deadline passed: a new panel will be drawn from the hash of block "
                    f"{scheduled.args['drawBlock']} and nothing was decided", "human-dispute")


@sentence("drawPanel")
def _draw(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    drawn = _first(entry, "PanelDrawn")
    if drawn is not None:
        panel = ", ".join(name_of(a) for a in drawn.args["panel"])
        return Sentence(f"{entry.sender_name} had the panel of dispute {drawn.args['disputeId']} "
                        f"(round {drawn.args['round']}) drawn: {panel}", "human-dispute")
    scheduled = _first(entry, "PanelDrawScheduled")
    if scheduled is None:
        return None
    return Sentence(f"the draw block of dispute {scheduled.args['disputeId']} was too old to read; "
                    f"{entry.sender_name} re-armed the draw on block {scheduled.args['drawBlock']}")


@sentence("deliverRuling")
def _deliver(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    ruled = _first(entry, "Ruling")
    if ruled is None:
        return None
    dispute = int(ruled.args["_disputeID"])
    return Sentence(f"{entry.sender_name} delivered the final ruling {_quoted(dispute, int(ruled.args['_ruling']))} of "
                    f"dispute {dispute} to {name_of(ruled.address)}, which had "
                    "refused it before", "human-dispute")


@sentence("executeRuling")
def _execute_ruling(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    done = _first(entry, "RulingExecuted")
    if done is None:
        return None
    dispute = int(done.args["disputeId"])
    text = (f"{entry.sender_name} passed the human ruling {_quoted(dispute, int(done.args['ruling']))} of dispute "
            f"{dispute} on, the appeal window being over")
    enforced = _first(entry, "RulingEnforced")
    if enforced is not None:
        outcome = int(enforced.args["ruling"])
        text += (f"; proposal {enforced.args['proposalId']}: "
                 f"{_DAO_OUTCOMES[outcome] if outcome < len(_DAO_OUTCOMES) else outcome}")
    settled = _first(entry, "ClaimSettled")
    if settled is not None:
        credited = _first(entry, "PaymentCredited")
        to = f" to {name_of(credited.args['to'])}" if credited is not None else ""
        text += (f" ({format_eth(settled.args['paid'])} credited{to} from the treasury, for them to "
                 "withdraw")
        if settled.args["shortfall"]:
            text += f"; {format_eth(settled.args['shortfall'])} unpaid stays the DAO's outstanding liability"
        text += ")"
    if _first(entry, "RulingDeliveryFailed") is not None:
        text += "; the arbitrable contract refused it, so its delivery waits to be retried"
    return Sentence(text, "human-dispute")


@sentence("withdrawFees")
def _withdraw_fees(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    paid = _first(entry, "FeesWithdrawn")
    if paid is None:
        return None
    return Sentence(f"{name_of(paid.args['arbitrator'])} withdrew {format_eth(paid.args['amount'])} "
                    "of arbitration fees")
