"""A transaction's or an event's arguments as people read them: names for addresses, ETH for
amounts, dates for times, words for enum values and rulings.

The contracts' ABI says ``uint256`` for an amount, a time and a ruling alike, so the meaning
is read from the argument's name, which dao-sim's contracts keep consistent (a test runs every
event and call argument of the contracts through :func:`kind_of`, so a new name is either
classified here or deliberately left a plain number).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from dao_sim.governance.units import format_eth

__all__ = ["AMOUNTS", "DURATIONS", "ENUMS", "PERCENTS", "PLAIN", "TIMES", "ArgumentTypes", "RulingWords", "kind_of", "show_argument", "show_typed"]

NameOf = Callable[[str], str]
#: The words of ruling ``ruling`` in dispute ``dispute`` (``None`` when the call or event
#: does not say which dispute).
RulingWords = Callable[[int | None, int], str]

#: Arguments that are amounts of wei.
AMOUNTS = frozenset({
    "amount", "value", "contribution", "payout", "paid", "shortfall", "reserved", "compensation",
    "feePaid", "bondForfeited", "toPayee", "toPayer", "appealFee_", "arbitrationFee_", "duesAmount",
    "minClaimBond",
})
#: Arguments that are moments (seconds since 1970).
TIMES = frozenset({"appealEnd", "deadline", "decidedAt", "dueSince", "paidUntil", "rulingDeadline",
                   "voteEnd", "voteStart", "timepoint", "deliveryDeadline_"})
#: Arguments that are lengths of time, in seconds.
DURATIONS = frozenset({"appealWindow_", "rulingPeriod_", "duesPeriod", "executionWindow", "gracePeriod",
                       "votingDelay", "votingPeriod"})
#: Arguments in basis points, and in whole percents.
PERCENTS = frozenset({"amendmentConsentBps", "approvalBps", "bpsOfContribution", "claimBondBps",
                      "cumulativeBps", "liabilityCapBps", "quorumBps"})
WHOLE_PERCENTS = frozenset({"payeePercent"})
#: Enum arguments, with the words for each value: the contracts' own names, in order (a test
#: compares them with the Solidity source).
ENUMS: Mapping[str, tuple[str, ...]] = {
    "support": ("Against", "For", "Abstain"),
    "kind": ("Ordinary", "Amendment"),
    "votingRule": ("OneMemberOneVote", "ContributionWeighted"),
}
#: Shares, which the contracts count in units of 10^18 (one share per ETH at the first price).
SHARES = frozenset({"shares"})
#: Vote weights: one per member, or the member's contribution in wei under weighted voting.
WEIGHTS = frozenset({"weight"})
#: Numbers that are just numbers: ids, counts, rounds, blocks.
PLAIN = frozenset({
    "", "_choices", "_disputeID", "_evidenceGroupID", "_metaEvidenceID", "arbitratorPanelSize", "books",
    "claimEpoch", "claimId", "decisionId", "disputeID", "disputeId", "drawBlock", "epoch", "founderCount",
    "index", "members", "motionId", "newRound", "oldRound", "predecessorClaimIds", "proposalId", "round",
    "successorClaimId",
})
#: A weight this large is a contribution in wei, not a count of members.
_WEI_WEIGHT = 10**15


_RULING_WORDS: ContextVar[RulingWords | None] = ContextVar("ruling_words", default=None)


@contextmanager
def ruling_words(words: RulingWords | None) -> Iterator[None]:
    """Within the block, rulings are told with ``words`` wherever no other words are given
    (the timeline's sentences as well as the evidence): a report maker knows each dispute's
    options, a sentence about one transaction does not."""
    token = _RULING_WORDS.set(words)
    try:
        yield
    finally:
        _RULING_WORDS.reset(token)


def ruling_text(dispute: int | None, ruling: int) -> str:
    """Ruling ``ruling`` of ``dispute`` in the words in use (see :func:`ruling_words`), else
    ``option 2`` (``refused to arbitrate`` for 0, which means that in every dispute).

    Examples
    --------
    >>> ruling_text(0, 2), ruling_text(0, 0)
    ('option 2', 'refused to arbitrate')
    >>> with ruling_words(lambda d, r: "void"):
    ...     ruling_text(0, 2)
    'void'
    """
    words = _RULING_WORDS.get()
    if words is not None:
        return words(dispute, ruling)
    return "refused to arbitrate" if ruling == 0 else f"option {ruling}"


def kind_of(name: str) -> str:
    """What an argument called ``name`` holds: ``amount``, ``time``, ``duration``, ``bps``,
    ``percent``, ``enum``, ``ruling``, ``shares``, ``weight``, ``plain``, or ``unknown`` for
    a name dao-sim has not classified (shown as a plain number).

    Examples
    --------
    >>> kind_of("compensation"), kind_of("appealEnd"), kind_of("proposalId")
    ('amount', 'time', 'plain')
    """
    kinds = ((AMOUNTS, "amount"), (TIMES, "time"), (DURATIONS, "duration"), (PERCENTS, "bps"),
             (WHOLE_PERCENTS, "percent"), (ENUMS, "enum"), (SHARES, "shares"), (WEIGHTS, "weight"),
             (PLAIN, "plain"), (("ruling", "_ruling"), "ruling"))
    return next((kind for names, kind in kinds if name in names), "unknown")


def duration_text(seconds: int) -> str:
    """A length of time in the largest whole unit.

    Examples
    --------
    >>> duration_text(259_200), duration_text(3_600), duration_text(90)
    ('3 days', '1 hour', '90 seconds')
    """
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}" + ("" if count == 1 else "s")
    return f"{seconds} second" + ("" if seconds == 1 else "s")


class ArgumentTypes:
    """The ABI inputs of every function and constructor of a build, found by the call's name
    and argument names: what tells a struct's fields apart (a ``rules`` tuple's ``quorumBps``
    from its ``gracePeriod``), which the journal's plain tuples no longer name.

    Parameters
    ----------
    artifacts : mapping of name to Artifact
    """

    def __init__(self, artifacts: Mapping[str, Any]) -> None:
        self._inputs: dict[tuple[str, frozenset[str]], dict[str, dict[str, Any]]] = {}
        for name in artifacts:
            for item in artifacts[name].abi:
                kind = item.get("type")
                if kind not in ("function", "constructor"):
                    continue
                function = item.get("name", "deploy") if kind == "function" else "deploy"
                inputs = {i["name"]: i for i in item.get("inputs", ())}
                self._inputs.setdefault((function, frozenset(inputs)), inputs)

    def of(self, function: str, names: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The ABI input of each argument of ``function`` called with arguments ``names``
        (empty when the build has no such function)."""
        return self._inputs.get((function, frozenset(names)), {})


def show_typed(abi_input: Mapping[str, Any] | None, name: str, value: Any, name_of: NameOf, *,
               ruling_words: RulingWords | None = None, dispute: int | None = None) -> str:
    """Like :func:`show_argument`, with a struct's (or an array of structs') fields named and
    each shown by its own kind, when its ABI input is known."""
    known: Mapping[str, Any] = abi_input or {}
    components = known.get("components")
    if components and isinstance(value, list | tuple):
        if str(known.get("type", "")).endswith("]"):
            element = {**known, "type": str(known["type"]).rsplit("[", 1)[0]}
            return "(" + ", ".join(show_typed(element, name, v, name_of, ruling_words=ruling_words,
                                              dispute=dispute) for v in value) + ")"
        fields = [f"{c['name']}={show_typed(c, c['name'], v, name_of, ruling_words=ruling_words, dispute=dispute)}"
                  for c, v in zip(components, value, strict=False)]
        return "(" + ", ".join(fields) + ")"
    return show_argument(name, value, name_of, ruling_words=ruling_words, dispute=dispute)


def show_plain(value: Any, name_of: NameOf) -> str:
    """A value with no kind of its own: addresses as names, bytes as hex, tuples in brackets."""
    if isinstance(value, str) and len(value) == 42 and value[:2] == "0x":
        return name_of(value)
    if isinstance(value, bytes | bytearray):
        return "0x" + bytes(value).hex()
    if isinstance(value, list | tuple):
        return "(" + ", ".join(show_plain(v, name_of) for v in value) + ")"
    return str(value)


def show_argument(name: str, value: Any, name_of: NameOf, *, ruling_words: RulingWords | None = None,
                  dispute: int | None = None) -> str:
    """``value`` of the argument ``name`` in words.

    Parameters
    ----------
    ruling_words : callable, optional
        The words of a ruling number in a dispute (``(0, 2)`` -> ``"void"``); without it, the
        words in use (:func:`ruling_words`), else ``option 2``.
    dispute : int, optional
        The dispute the call or event is about, for ``ruling_words``.

    Examples
    --------
    >>> show_argument("amount", 5 * 10**18, str)
    '5 ETH'
    >>> show_argument("support", 1, str)
    'For'
    >>> show_argument("deadline", 1_767_225_600, str)
    '2026-01-01 00:00:00 UTC'
    >>> show_argument("cumulativeBps", 2500, str)
    '25%'
    """
    if not isinstance(value, int) or isinstance(value, bool):
        return show_plain(value, name_of)
    kind = kind_of(name)
    if kind == "amount":
        return format_eth(value)
    if kind == "time":
        return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if value else "none"
    if kind == "duration":
        return duration_text(value)
    if kind == "shares":
        return f"{value / 10**18:g} shares"
    if kind == "weight":
        return format_eth(value) if value >= _WEI_WEIGHT else str(value)
    if kind == "bps":
        return f"{value / 100:g}%"
    if kind == "percent":
        return f"{value}%"
    if kind == "enum":
        words = ENUMS[name]
        return words[value] if 0 <= value < len(words) else f"unknown ({value})"
    if kind == "ruling":
        return ruling_words(dispute, value) if ruling_words is not None else ruling_text(dispute, value)
    return str(value)
