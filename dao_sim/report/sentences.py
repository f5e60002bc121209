"""One journal entry, one sentence: "Bolat voted For proposal 0 (weight 1)".

A report's reader is a lawyer or a class, not a developer: each transaction is told by who
did what, read from the events the contract emitted (what the chain says happened), not from
the arguments sent (what someone asked for). Each sentence may carry its *basis*: the
requirement of the law catalogue the act belongs to (``"vote-only-decisions"``), cited when the
report is rendered under its edition, or ``"dao-sim default"`` when it is a design choice of
dao-sim that no text of the Code speaks of.

Sentences are found by the called function's name in :data:`SENTENCES`. A package that adds
contracts (disputes, agreements) registers its own with :func:`sentence`; a function nobody
registered is still told, plainly, from its decoded events.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eth_abi import decode as abi_decode
from eth_abi.exceptions import DecodingError
from eth_utils import function_signature_to_4byte_selector

from dao_sim.governance.units import format_eth
from dao_sim.report.arguments import RulingWords, show_argument, show_plain
from dao_sim.report.model import DEFAULT, check_basis

if TYPE_CHECKING:
    from dao_sim.chain.journal import DecodedEvent, JournalEntry

__all__ = [
    "DEFAULT",
    "MODULE_SUFFIXES",
    "SENTENCES",
    "NameOf",
    "Sentence",
    "action_summary",
    "dao_addresses_of",
    "dao_name",
    "describe",
    "describe_event",
    "first_event",
    "sentence",
]

NameOf = Callable[[str], str]

_SUPPORT = ("Against", "For", "Abstain")
#: The DAO's own functions a proposal may call, told in words; ``{0}``... are the arguments.
_DAO_CALLS = {
    "settleClaim(uint256)": "settle claim {0}",
    "rejectClaim(uint256)": "reject claim {0}",
    "offerMembership(address,uint256)": "offer membership to {0} for {1}",
    "expel(address)": "expel {0}",
    "callCapital(uint256)": "call {0} of each contribution as capital",
}
_SELECTORS = {"0x" + function_signature_to_4byte_selector(sig).hex(): (sig, text)
              for sig, text in _DAO_CALLS.items()}


@dataclass(frozen=True)
class Sentence:
    """What a transaction did, in words, and the requirement (or default) it belongs to.

    Examples
    --------
    >>> Sentence("Bolat voted", "vote-only-decisions").basis
    'vote-only-decisions'
    >>> Sentence("Bolat voted", "vote-only-decision")
    Traceback (most recent call last):
    ...
    dao_sim.exceptions.LawError: no requirement 'vote-only-decision' in the law catalogue; did you mean 'vote-only-decisions'?
    """

    text: str
    basis: str = ""

    def __post_init__(self) -> None:
        check_basis(self.basis)


Teller = Callable[["JournalEntry", NameOf], "Sentence | None"]

#: Function name -> teller. A teller returns ``None`` when the entry is not its kind (another
#: contract may have a function of the same name); the generic sentence is used then.
SENTENCES: dict[str, Teller] = {}


def sentence(function: str) -> Callable[[Teller], Teller]:
    """Register a teller for transactions calling ``function``.

    Examples
    --------
    >>> @sentence("ping")
    ... def _ping(entry, name_of):
    ...     return Sentence(f"{entry.sender_name} pinged {entry.to_label}")
    >>> "ping" in SENTENCES
    True
    >>> del SENTENCES["ping"]
    """

    def register(teller: Teller) -> Teller:
        SENTENCES[function] = teller
        return teller

    return register


def describe(entry: JournalEntry, name_of: NameOf) -> Sentence:
    """Tell ``entry`` in one sentence; a refused transaction says who was refused and why.

    Parameters
    ----------
    entry : JournalEntry
        A journalled transaction.
    name_of : callable
        Address -> the name people know it by (``session.name_of``).
    """
    if not entry.status:
        return Sentence(f"{entry.sender_name} tried to call {entry.function} on "
                        f"{entry.to_label}; the contract refused: {_refusal(entry, name_of)}")
    teller = SENTENCES.get(entry.function)
    told = teller(entry, name_of) if teller is not None else None
    return told if told is not None else _generic(entry, name_of)


def _refusal(entry: JournalEntry, name_of: NameOf) -> str:
    """The DAO's own words for a refusal when it is one of its errors, else the decoded error."""
    error = entry.error
    if error is None:
        return "with no reason given"
    if error.signature:
        from dao_sim.exceptions import ContractReverted
        from dao_sim.governance.errors import explain_revert

        explained = explain_revert(ContractReverted(entry.function, error.name, dict(error.args),
                                                    b""), name_of, format_eth)
        if explained.error is not None and not str(explained).startswith(entry.function):
            return str(explained)
    return error.describe(name_of)


def describe_event(event: DecodedEvent, name_of: NameOf, ruling_words: RulingWords | None = None) -> str:
    """``VoteCast(proposalId=0, voter=Bolat, support=For, weight=1)``: an event for evidence,
    amounts in ETH, times as dates and enum values and rulings in words (:mod:`.arguments`)."""
    dispute = event.args.get("disputeId", event.args.get("_disputeID"))
    shown = [f"{key}={show_argument(key, value, name_of, ruling_words=ruling_words, dispute=dispute)}"
             for key, value in event.args.items()]
    return f"{event.name}({', '.join(shown)})"


def _generic(entry: JournalEntry, name_of: NameOf) -> Sentence:
    if entry.function == "transfer":
        return Sentence(f"{entry.sender_name} sent {format_eth(entry.value)} to {entry.to_label}")
    if entry.function == "deploy":
        return Sentence(f"{entry.sender_name} deployed {entry.to_label}")
    paid = f", sending {format_eth(entry.value)}" if entry.value else ""
    events = ", ".join(dict.fromkeys(e.name for e in entry.events))
    emitted = f" ({events})" if events else ""
    return Sentence(f"{entry.sender_name} called {entry.function} on {entry.to_label}{paid}"
                    f"{emitted}")


def _events(entry: JournalEntry, name: str) -> list[DecodedEvent]:
    return [e for e in entry.events if e.name == name]


def first_event(entry: JournalEntry, name: str) -> DecodedEvent | None:
    """The first event called ``name`` that ``entry`` emitted, or ``None``."""
    found = _events(entry, name)
    return found[0] if found else None


_first = first_event


def _names(addresses: Iterable[str], name_of: NameOf) -> str:
    return ", ".join(name_of(a) for a in addresses)


def _short(hex_text: str) -> str:
    """``0x776dbc81…a816``: a hash short enough for a sentence (evidence keeps it whole)."""
    return hex_text if len(hex_text) <= 20 else f"{hex_text[:10]}…{hex_text[-4:]}"


def _weight(weight: int) -> str:
    """A ballot's weight: a count of members, or the wei contributed under a weighted rule."""
    return str(weight) if weight < 10**12 else f"{format_eth(weight)} contributed"


#: Suffixes of the labels dao-sim gives a DAO's modules: ``"Steppe Makers governor"``...
MODULE_SUFFIXES = (" governor", " claims", " dispute clause", " automated decisions")


def dao_name(label: str) -> str:
    """The DAO a contract label belongs to: ``"Steppe Makers claims"`` -> ``"Steppe Makers"``."""
    for suffix in MODULE_SUFFIXES:
        if label.endswith(suffix):
            return label[: -len(suffix)]
    return label


def dao_addresses_of(label: str, candidates: Iterable[str], name_of: NameOf) -> frozenset[str]:
    """Those of ``candidates`` that are the DAO called ``label``'s own contracts (its core or a
    module), recognised by the labels dao-sim gives them when it deploys the DAO."""
    name = dao_name(label)
    own = {name, *(name + suffix for suffix in MODULE_SUFFIXES)}
    return frozenset(a for a in candidates if name_of(a) in own)


def action_summary(action: Sequence[Any], dao_addresses: str | Collection[str] | None,
                   name_of: NameOf) -> str:
    """One proposed action ``(target, value, calldata)`` in words.

    ``dao_addresses`` are the DAO's own contracts (its core and modules; one address is
    accepted too): a call on one of them of a function the DAO knows (settle a claim, offer
    membership...) is told in words, the same call on any other contract only by its selector.
    """
    target, value, data = action[0], int(action[1]), action[2]
    own = {dao_addresses} if isinstance(dao_addresses, str) else set(dao_addresses or ())
    raw = data if isinstance(data, bytes | bytearray) else bytes.fromhex(str(data)[2:])
    if not raw and value:
        return f"pay {format_eth(value)} to {name_of(target)}"
    selector = "0x" + bytes(raw[:4]).hex()
    known = _SELECTORS.get(selector) if target in own else None
    if known is not None:
        signature, text = known
        types = signature[signature.index("(") + 1 : -1].split(",")
        try:
            values = abi_decode(types, bytes(raw[4:]))
        except DecodingError:  # malformed calldata is told as a raw call below
            values = None
        if values is not None:
            shown = [name_of(v) if t == "address" else
                     format_eth(v) if signature.startswith("offerMembership") else
                     f"{v / 100:g}%" if signature.startswith("callCapital") else str(v)
                     for t, v in zip(types, values)]
            return text.format(*shown)
    return f"call {selector} on {name_of(target)}" + (f" with {format_eth(value)}" if value else "")


# ---- the DAO's functions ---------------------------------------------------------------------


@sentence("deploy")
def _deploy(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    charter = _first(entry, "CharterPublished")
    if charter is not None:
        founders = _first(entry, "FoundersPublished")
        if founders is not None:
            count = int(founders.args["founderCount"])
            founding = (f"a founding list of {count} founder{'s' if count != 1 else ''} (Merkle root "
                        f"{_short(show_plain(founders.args['foundersRoot'], name_of))})")
        else:
            founding = "no founders of its own (its members arrive from its predecessor)"
        wired = _first(entry, "ModulesWired")
        modules = ""
        if wired is not None:
            present = [name_of(a) for a in wired.args.values() if int(str(a), 16)]
            modules = f"; it created its modules {', '.join(present)}"
        return Sentence(f"{entry.sender_name} deployed the DAO contract {entry.to_label}, with "
                        f"its charter's hash {_short(show_plain(charter.args['charterHash'], name_of))} "
                        f"and {founding}{modules}", "consent-to-change")
    if " blueprint " in entry.to_label:
        module = entry.to_label.split(" blueprint ")[0]
        return Sentence(f"{entry.sender_name} published the {module} blueprint: the module's code, "
                        "which cannot run itself, from which each DAO core creates its own "
                        f"{module} (one per chain, shared by every DAO)")
    roster = _events(entry, "ArbitratorRegistered")
    if roster:
        people = _names((e.args["arbitrator"] for e in roster), name_of)
        attesters = _names(dict.fromkeys(e.args["attestedBy"] for e in roster), name_of)
        return Sentence(f"{entry.sender_name} deployed {entry.to_label}, a human dispute "
                        f"procedure whose roster is {people} (identification attested by "
                        f"{attesters}; only its salted hash is on chain)", "human-dispute")
    return None


def _held(entry: JournalEntry) -> str:
    return ("; it is held apart until the open claims are decided, then priced"
            if _first(entry, "ContributionHeld") is not None else "")


@sentence("join")
def _join(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    joined = _first(entry, "MemberJoined")
    if joined is None:
        return None
    return Sentence(f"{name_of(joined.args['member'])} joined {entry.to_label}, paying in "
                    f"{format_eth(joined.args['contribution'])}{_held(entry)}")


@sentence("contribute")
def _contribute(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    made = _first(entry, "ContributionMade")
    if made is None:
        return None
    return Sentence(f"{name_of(made.args['member'])} added {format_eth(made.args['amount'])} "
                    f"to their contribution (and so to their liability cap){_held(entry)}", "liability-cap")


@sentence("propose")
def _propose(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    created = _first(entry, "ProposalCreated")
    if created is None:
        return None
    actions = entry.args.get("actions", ())
    known = {str(a[0]) for a in actions} | ({entry.to} if entry.to else set())
    own = dao_addresses_of(entry.to_label, known, name_of)
    what = "; ".join(action_summary(a, own, name_of) for a in actions) or "no action"
    return Sentence(f"{name_of(created.args['proposer'])} proposed proposal "
                    f"{created.args['proposalId']}, \"{created.args['description']}\": {what}",
                    "vote-only-decisions")


@sentence("proposeAmendment")
def _propose_amendment(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    created = _first(entry, "ProposalCreated")
    if created is None:
        return None
    successor = entry.args.get("successor", "")
    return Sentence(f"{name_of(created.args['proposer'])} proposed amendment "
                    f"{created.args['proposalId']}: migrate to {show_plain(successor, name_of)}",
                    "consent-to-change")


@sentence("vote")
def _vote(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    cast = _first(entry, "VoteCast")
    if cast is None:
        return None
    support = int(cast.args["support"])
    return Sentence(f"{name_of(cast.args['voter'])} voted {_SUPPORT[support]} proposal "
                    f"{cast.args['proposalId']} (weight {_weight(int(cast.args['weight']))})",
                    "vote-only-decisions")


@sentence("openDispute")
def _open_dispute(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    opened = _first(entry, "DisputeOpened")
    if opened is None:
        return None
    args = opened.args
    return Sentence(f"{name_of(args['by'])} opened dispute {args['disputeId']} on proposal "
                    f"{args['proposalId']}; it cannot execute until a human rules", "human-dispute")


@sentence("enforceDues")
def _enforce_dues(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    made = _first(entry, "AutomatedDecisionMade")
    if made is None:
        return None
    return Sentence(f"{entry.sender_name} applied the dues rule: automated decision "
                    f"{made.args['decisionId']} suspends {name_of(made.args['subject'])} from "
                    "voting", "automated-decisions-listed")


@sentence("requestReview")
def _request_review(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    asked = _first(entry, "ReviewRequested")
    if asked is None:
        return None
    return Sentence(f"{name_of(asked.args['by'])} asked for a human review of automated "
                    f"decision {asked.args['decisionId']}", "automated-decision-rights")


@sentence("decideReview")
def _decide_review(entry: JournalEntry, name_of: NameOf) -> Sentence | None:
    decided = _first(entry, "ReviewDecided")
    if decided is None:
        return None
    outcome = "reversed" if decided.args["reversed"] else "confirmed"
    return Sentence(f"{name_of(decided.args['reviewer'])} reviewed automated decision "
                    f"{decided.args['decisionId']} and {outcome} it", "automated-decision-rights")
