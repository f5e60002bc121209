"""The DAO's money told in words: executions, exits, claims, credits, withdrawals, migration.

A payment the DAO owes someone who could refuse it (a settled claim, a remedy, an expelled
member's share, a returned bond, a payment an account refused) is *credited*: it leaves the
free treasury at once and stays in the contract until its recipient withdraws it. These
sentences say so, because for a reader "credited" and "paid" are different facts: the money is
owed and set aside, but not yet in the recipient's hands.

Importing the module registers its sentences (see :func:`dao_sim.report.sentences.sentence`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dao_sim.governance.units import format_eth
from dao_sim.report.sentences import DEFAULT, NameOf, Sentence, dao_name, first_event, sentence

if TYPE_CHECKING:
    from dao_sim.chain.journal import DecodedEvent, JournalEntry

__all__: list[str] = []

_WITHDRAW = "for them to withdraw"


def _credit_at(events: Sequence[DecodedEvent], index: int, used: set[int], to: str | None = None,
               amount: int | None = None) -> DecodedEvent | None:
    """The ``PaymentCredited`` at ``index``, if it is one (and matches), marking it told."""
    if not 0 <= index < len(events) or index in used:
        return None
    event = events[index]
    if event.name != "PaymentCredited":
        return None
    if to is not None and event.args["to"] != to:
        return None
    if amount is not None and int(event.args["amount"]) != amount:
        return None
    used.add(index)
    return event


def _owned_credits(events: Sequence[DecodedEvent]) -> tuple[dict[int, dict[str, DecodedEvent]], set[int]]:
    """Which ``PaymentCredited`` events belong to which act (a settlement's payment and bond, an
    expulsion's share, a refused payment), so each is told once, with its act."""
    owned: dict[int, dict[str, DecodedEvent]] = {}
    used: set[int] = set()
    for i, event in enumerate(events):
        args = event.args
        if event.name == "ClaimSettled" and int(args["paid"]):
            for j in range(i - 1, max(-1, i - 4), -1):  # the credit precedes it (pricing may come between)
                paid = _credit_at(events, j, used, amount=int(args["paid"]))
                if paid is not None:
                    owned[i] = {"paid": paid}
                    bond = _credit_at(events, i + 1, used, to=paid.args["to"])
                    if bond is not None:
                        owned[i]["bond"] = bond
                    break
        elif event.name == "ActionExecuted" and args["value"]:
            refused = _credit_at(events, i - 1, used, to=args["target"], amount=int(args["value"]))
            if refused is not None:
                owned[i] = {"refused": refused}
        elif event.name == "MemberExpelled":
            _credit_at(events, i + 1, used, to=args["member"])
    return owned, used


def _settled(args: dict, mine: dict[str, DecodedEvent], name_of: NameOf) -> str:
    paid, shortfall = int(args["paid"]), int(args["shortfall"])
    part = f"settled claim {args['claimId']}"
    if "paid" in mine:
        part += f": {format_eth(paid)} credited to {name_of(mine['paid'].args['to'])} {_WITHDRAW}"
        if "bond" in mine:
            part += f", with the bond of {format_eth(mine['bond'].args['amount'])} returned"
    else:
        part += f", paying {format_eth(paid)}"
    if shortfall:
        part += f"; {format_eth(shortfall)} unpaid stays the DAO's outstanding liability"
    return part


def _told(event: DecodedEvent, mine: dict[str, DecodedEvent], name_of: NameOf) -> str | None:
    """One event of an execution in words, or ``None`` when it is told with another."""
    args = event.args
    if event.name == "ActionExecuted" and args["value"]:
        if "refused" in mine:
            return (f"credited {format_eth(args['value'])} to {name_of(args['target'])}, whose account "
                    f"refused the payment, {_WITHDRAW}")
        return f"paid {format_eth(args['value'])} to {name_of(args['target'])}"
    if event.name == "ClaimSettled":
        return _settled(args, mine, name_of)
    if event.name == "ClaimRejected":
        return (f"rejected claim {args['claimId']}; its bond of {format_eth(args['bondForfeited'])} "
                "went to the treasury")
    if event.name == "HeldContributionsPriced":
        return (f"with no claim left open, the {format_eth(args['amount'])} contributed meanwhile "
                "joined the treasury at its value now")
    if event.name == "MembershipOffered":
        return (f"offered membership to {name_of(args['candidate'])} for "
                f"{format_eth(args['contribution'])}")
    if event.name == "MemberExpelled":
        return (f"expelled {name_of(args['member'])}, crediting their share of "
                f"{format_eth(args['payout'])} {_WITHDRAW}")
    if event.name == "CapitalCalled":
        return (f"called {int(args['bpsOfContribution']) / 100:g}% of each member's contribution as "
                f"capital ({int(args['cumulativeBps']) / 100:g}% called so far)")
    if event.name == "TreasuryMigrated":
        return (f"moved the treasury, {format_eth(args['amount'])}, to {name_of(args['successor'])}; "
                f"the positions of its {args['members']} members follow in batches")
    if event.name == "PaymentCredited":
        return f"credited {format_eth(args['amount'])} to {name_of(args['to'])} {_WITHDRAW}"
    return None


@sentence("execute")
def _execute(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    done = first_event(entry, "ProposalExecuted")
    if done is None:
        return None
    owned, used = _owned_credits(entry.events)
    parts = [part for i, event in enumerate(entry.events)
             if i not in used and (part := _told(event, owned.get(i, {}), name_of)) is not None]
    what = "; ".join(parts) or "its actions ran"
    return Sentence(f"{name_of(done.args['executor'])} executed proposal "
                    f"{done.args['proposalId']}: {what}", "vote-only-decisions")


@sentence("exit")
def _exit(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    exited = first_event(entry, "MemberExited")
    if exited is None:
        return None
    who, payout = name_of(exited.args["member"]), format_eth(exited.args["payout"])
    if first_event(entry, "PaymentCredited") is not None:
        return Sentence(f"{who} left {entry.to_label}; their account refused the payment of their "
                        f"share, {payout}, so it is credited {_WITHDRAW}", DEFAULT)
    return Sentence(f"{who} left {entry.to_label} and was paid their share of the treasury, {payout}",
                    DEFAULT)


@sentence("withdraw")
def _withdraw(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    taken = first_event(entry, "PaymentWithdrawn")
    if taken is None:
        return None
    return Sentence(f"{name_of(taken.args['to'])} withdrew {format_eth(taken.args['amount'])} that "
                    f"{entry.to_label} had credited to them")


@sentence("fileClaim")
def _file_claim(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    filed = first_event(entry, "ClaimFiled")
    if filed is None:
        return None
    args = filed.args
    bond = f", paying a bond of {format_eth(entry.value)}" if entry.value else ""
    return Sentence(f"{name_of(args['claimant'])} filed claim {args['claimId']} against "
                    f"{dao_name(entry.to_label)} for {format_eth(args['amount'])} "
                    f"(\"{args['description']}\"){bond}; the treasury now reserves "
                    f"{format_eth(args['reserved'])} for open claims", "liability-cap")


@sentence("carryMembers")
def _carry_members(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    carried = [e for e in entry.events if e.name == "MemberJoined"]
    if not carried:
        return None
    people = ", ".join(name_of(e.args["member"]) for e in carried)
    return Sentence(f"{entry.sender_name} carried the positions of {people} to {entry.to_label} "
                    "(shares, contributions, capital called and paid, dues standing), whole", "consent-to-change")


@sentence("carryCredits")
def _carry_credits(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    carried = [e for e in entry.events if e.name == "PaymentCredited"]
    if not carried:
        return Sentence(f"{entry.sender_name} checked for credits to carry to {entry.to_label}: none")
    owed = ", ".join(f"{format_eth(e.args['amount'])} to {name_of(e.args['to'])}" for e in carried)
    return Sentence(f"{entry.sender_name} carried credits not yet withdrawn to {entry.to_label}: {owed}")


@sentence("carryClaims")
def _carry_claims(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    carried = [e for e in entry.events if e.name == "ClaimCarried"]
    if not carried:
        return None
    ids = ", ".join(f"{e.args['claimId']} (now {e.args['successorClaimId']})" for e in carried)
    return Sentence(f"{entry.sender_name} carried open claim(s) {ids} with their bonds to "
                    f"{dao_name(entry.to_label)}, where the members decide them", "liability-cap")
