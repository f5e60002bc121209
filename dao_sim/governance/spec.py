"""A DAO described before it exists: the charter's rules, validated, in the domain's words.

A :class:`DAOSpec` is what a developer writes in Python and what a scenario's YAML becomes.
It refuses values the law, dao-sim's defaults or the contract rule out *before* anything is
deployed, with a message that says which field and why (citing the requirement under the
edition in use), so a bad design never reaches the chain half-built.
"""

from __future__ import annotations

import enum
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dao_sim.exceptions import DurationError, SpecError
from dao_sim.governance.sandbox import Sandbox
from dao_sim.governance.units import Wei, format_eth, parse_amount, parse_bps, parse_multiple
from dao_sim.law import Edition, aside, cite, reference, using

__all__ = ["DAOSpec", "Dues", "MemberSpec", "Sandbox", "VotingRule"]

BPS = 10_000
_UINT16 = 2**16 - 1
_UINT32 = 2**32 - 1


class VotingRule(enum.IntEnum):
    """How voting power is counted; the values match the contract's enum."""

    ONE_MEMBER_ONE_VOTE = 0
    CONTRIBUTION_WEIGHTED = 1

    @classmethod
    def parse(cls, value: VotingRule | str | int) -> VotingRule:
        """Accept the enum, its value, or a name such as ``"one-member-one-vote"``."""
        if isinstance(value, VotingRule):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            try:
                return cls(value)
            except ValueError:
                pass
        if isinstance(value, str):
            key = value.strip().upper().replace("-", "_").replace(" ", "_")
            if key in cls.__members__:
                return cls[key]
        names = ", ".join(m.name.lower().replace("_", "-") for m in cls)
        raise SpecError(f"voting_rule: unknown rule {value!r} (choose one of: {names})")

    @property
    def label(self) -> str:
        """Plain-language name."""
        return "one member, one vote" if self is VotingRule.ONE_MEMBER_ONE_VOTE else "weighted by contribution"


@dataclass(frozen=True)
class MemberSpec:
    """A founding member: a name known to the chain session and a contribution (``"5 ETH"``, or
    :class:`~dao_sim.governance.units.Wei` in code; a bare int is refused), stored as ``Wei``."""

    name: str
    contribution: int

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise SpecError(f"members: a member needs a name, got {self.name!r}")
        amount = parse_amount(self.contribution, field=f"members.{self.name}.contribution", units_required=True)
        if amount == 0:
            raise SpecError(f"members.{self.name}.contribution: must be more than 0")
        object.__setattr__(self, "contribution", Wei(amount))


@dataclass(frozen=True)
class Dues:
    """Periodic dues of ``amount`` (``"1 ETH"`` or ``Wei``) every ``period``; missing them suspends
    voting rights automatically (an automated decision:
    automated-decisions-listed, automated-decision-rights)."""

    amount: int
    period: int

    def __post_init__(self) -> None:
        from dao_sim.chain.timeutil import parse_duration

        amount = parse_amount(self.amount, field="dues.amount", units_required=True)
        if amount == 0:
            raise SpecError("dues.amount: must be more than 0 when dues are set")
        try:
            period = parse_duration(self.period)
        except DurationError as exc:  # the parser's own error names the text; add the field
            raise SpecError(f"dues.period: {exc}") from exc
        if period <= 0:
            raise SpecError("dues.period: must be longer than 0 seconds")
        if period > _UINT32:
            raise SpecError(f"dues.period: {period} seconds is out of range")
        object.__setattr__(self, "amount", Wei(amount))
        object.__setattr__(self, "period", period)


def _member(entry: object) -> MemberSpec:
    if isinstance(entry, MemberSpec):
        return entry
    if isinstance(entry, (tuple, list)) and len(entry) == 2:
        return MemberSpec(*entry)
    raise SpecError(f"members: expected (name, contribution) or MemberSpec, got {entry!r}")


def _sandbox(raw: object) -> Sandbox | None:
    if raw is None or isinstance(raw, Sandbox):
        return raw
    if isinstance(raw, Mapping):
        unknown = set(raw) - {"term"}
        if unknown or "term" not in raw:
            raise SpecError(f"sandbox: expected {{term: years}}, got the keys {', '.join(map(str, raw))}")
        return Sandbox(raw["term"])
    return Sandbox(raw)  # type: ignore[arg-type]  # Sandbox names the field in its refusal


def _durations(spec: DAOSpec) -> None:
    from dao_sim.chain.timeutil import parse_duration

    for name in ("voting_delay", "voting_period", "grace_period", "execution_window"):
        raw = getattr(spec, name)
        try:
            seconds = parse_duration(raw)
        except Exception as exc:  # the parser's own error names the text; add the field
            raise SpecError(f"{name}: {exc}") from exc
        if seconds < 0 or seconds > _UINT32:
            raise SpecError(f"{name}: {seconds} seconds is out of range")
        object.__setattr__(spec, name, seconds)
    if spec.voting_period == 0:
        raise SpecError("voting_period: must be longer than zero, or nobody can vote")
    if spec.execution_window == 0:
        raise SpecError("execution_window: must be longer than zero, or nothing can execute")
    if spec.grace_period == 0:
        raise SpecError("grace_period: must be longer than zero: the dispute clause needs a window in which "
                        "a passed proposal can be disputed (and dissenters can leave) before it executes")


@dataclass(frozen=True)
class DAOSpec:
    """The rules of a DAO, as its charter states them.

    Parameters
    ----------
    name : str
        The DAO's name, used in the charter and in reports.
    members : mapping of name to contribution, or sequence of MemberSpec
        Founding members (names of the session's accounts) and their contributions.
    voting_rule : VotingRule or str
        ``"one-member-one-vote"`` (default) or ``"contribution-weighted"``.
    quorum, approval : int (basis points) or str (``"50%"``)
        Quorum: share of all voting power that must vote (For, Against or Abstain).
        Approval: For must be *more than* this share of For + Against; ``"100%"`` means no
        vote Against. Approval must be at least 50%.
    amendment_consent : int or str
        Share of *all* voting power that must vote For an amendment (dao-sim default: 100%,
        unanimity; consent-to-change: a change needs the participants' consent, the threshold is
        the charter's).
    voting_delay, voting_period, grace_period, execution_window : duration
        ``"2 days"``, seconds, or a timedelta.
    liability_cap : str or int
        Cap as a multiple of each member's contribution (``"1x"`` default, liability-cap).
    expulsion_allowed : bool
        Whether the charter lets members expel a member (always with their share paid,
        no-confiscation).
    claim_bond, min_claim_bond : int (basis points) or str, and amount (``"0.01 ETH"`` or ``Wei``)
        What filing a claim against the DAO costs: ``claim_bond`` of the amount claimed
        (default 5%), at least ``min_claim_bond`` (default 0.01 ETH, never 0). The bond goes to
        the treasury if the members reject the claim and back to the claimant if they
        recognise it, so a bogus claim costs its filer.
    dues : Dues or None
        Periodic dues enforced by an automated decision (automated-decisions-listed), reviewed
        by ``reviewer``.
    arbitrator : str or None
        The human dispute procedure (human-dispute): a session label or address of an ERC-792
        arbitrator. Deployment is refused without one.
    arbitrator_panel_size : int
        Panel size asked of the arbitrator for each dispute (1 or 3).
    reviewer : str or None
        The natural person who reviews automated decisions (automated-decision-rights);
        required with dues.
    charter : str or None
        The human-readable charter; generated from these rules when omitted.
    sandbox : Sandbox, int, str, mapping or None
        An experimental legal regime of 1 to 5 years (``Sandbox(term="2 years")``, ``2``, or
        ``{"term": 2}``), which only the draft Code provides: participants acknowledge it before
        joining, and after the term the DAO only winds down (see
        :mod:`dao_sim.governance.sandbox`). Not refused under the Code in force; read
        ``spec.sandbox`` to see whether a charter declares one.

    Raises
    ------
    SpecError
        For any value the law, dao-sim's defaults or the contract rule out.

    Examples
    --------
    >>> spec = DAOSpec(name="Steppe Makers", members={"Aigerim": "10 ETH", "Bolat": "5 ETH"},
    ...                quorum="50%", voting_period="3 days", arbitrator="HumanArbitrator")
    >>> spec.quorum
    5000
    >>> DAOSpec(name="x", members={"A": "1 ETH"}, quorum="120%", arbitrator="a")
    Traceback (most recent call last):
    ...
    dao_sim.exceptions.SpecError: quorum: 120% is over 100%
    """

    name: str
    members: Mapping[str, int | str] | Sequence[MemberSpec]
    voting_rule: VotingRule | str = VotingRule.ONE_MEMBER_ONE_VOTE
    quorum: int | str = "50%"
    approval: int | str = "50%"
    amendment_consent: int | str = "100%"
    voting_delay: int | str = 0
    voting_period: int | str = "3 days"
    grace_period: int | str = "2 days"
    execution_window: int | str = "7 days"
    liability_cap: int | str = "1x"
    expulsion_allowed: bool = False
    claim_bond: int | str = "5%"
    min_claim_bond: int | str = "0.01 ETH"
    dues: Dues | None = None
    arbitrator: str | None = None
    arbitrator_panel_size: int = 1
    reviewer: str | None = None
    charter: str | None = None
    charter_uri: str = ""
    sandbox: Sandbox | None = None
    founders: tuple[MemberSpec, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise SpecError("name: the DAO needs a name")
        self._set_members()
        object.__setattr__(self, "voting_rule", VotingRule.parse(self.voting_rule))
        self._set_shares()
        _durations(self)
        if not isinstance(self.expulsion_allowed, bool):
            raise SpecError(f"expulsion_allowed: expected true or false, got {self.expulsion_allowed!r}")
        self._set_procedures()
        object.__setattr__(self, "sandbox", _sandbox(self.sandbox))

    def _set_members(self) -> None:
        raw = self.members
        if isinstance(raw, Mapping):
            founders = tuple(MemberSpec(name, Wei(parse_amount(amount, field=f"members.{name}.contribution",
                                                               units_required=True)))
                             for name, amount in raw.items())
        elif isinstance(raw, Sequence) and not isinstance(raw, str):
            founders = tuple(_member(m) for m in raw)
        else:
            raise SpecError(f"members: expected a mapping of name to contribution, got {type(raw).__name__}")
        if not founders:
            raise SpecError("members: a DAO needs at least one founding member")
        seen: set[str] = set()
        for member in founders:
            if member.name in seen:
                raise SpecError(f"members: {member.name} is listed twice")
            seen.add(member.name)
        object.__setattr__(self, "founders", founders)
        object.__setattr__(self, "members", {m.name: m.contribution for m in founders})

    def _set_shares(self) -> None:
        quorum = parse_bps(self.quorum, field="quorum")
        approval = parse_bps(self.approval, field="approval")
        consent = parse_bps(self.amendment_consent, field="amendment_consent")
        cap = parse_multiple(self.liability_cap, field="liability_cap")
        if not 0 <= quorum <= BPS:
            raise SpecError(f"quorum: {quorum / 100:g}% is {'over 100%' if quorum > BPS else 'negative'}")
        if not BPS // 2 <= approval <= BPS:
            raise SpecError(f"approval: {approval / 100:g}% must be between 50% and 100%")
        if not BPS // 2 < consent <= BPS:
            raise SpecError(f"amendment_consent: {consent / 100:g}% must be over 50% and at most 100%")
        if cap < BPS:
            raise SpecError(f"liability_cap: {cap / BPS:g}x is below the contribution (1x) "
                            f"{aside('liability-cap')}")
        if cap > _UINT32:
            most = f"{_UINT32 // BPS}.{_UINT32 % BPS:04d}x"
            raise SpecError(f"liability_cap: {cap / BPS:g}x is out of range (at most {most})")
        bond = parse_bps(self.claim_bond, field="claim_bond")
        if not 0 <= bond <= BPS:
            raise SpecError(f"claim_bond: {bond / 100:g}% must be between 0% and 100%")
        min_bond = parse_amount(self.min_claim_bond, field="min_claim_bond", units_required=True)
        if min_bond == 0:
            raise SpecError("min_claim_bond: must be more than 0, or claims against the DAO would cost nothing")
        if min_bond >= 2**128:
            raise SpecError(f"min_claim_bond: {format_eth(min_bond)} is out of range")
        object.__setattr__(self, "min_claim_bond", Wei(min_bond))
        for name, value in (("quorum", quorum), ("approval", approval), ("amendment_consent", consent),
                            ("claim_bond", bond)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "liability_cap", cap)

    def _set_procedures(self) -> None:
        if not self.arbitrator:
            raise SpecError(
                f"arbitrator: {cite('human-dispute')} requires a dispute procedure under which a human "
                "decides; name an arbitrator (e.g. a HumanArbitrator deployed with dao_sim.disputes)"
            )
        if isinstance(self.arbitrator_panel_size, bool) or not isinstance(self.arbitrator_panel_size, int):
            raise SpecError(f"arbitrator_panel_size: expected the number 1 or 3, got {self.arbitrator_panel_size!r}")
        if self.arbitrator_panel_size not in (1, 3):
            raise SpecError(f"arbitrator_panel_size: panels have 1 or 3 arbitrators, not {self.arbitrator_panel_size}")
        if self.dues is not None and not isinstance(self.dues, Dues):
            raise SpecError(f"dues: expected Dues(amount, period), got {self.dues!r}")
        if self.dues is not None and not self.reviewer:
            raise SpecError(
                "reviewer: dues are enforced by an automated decision, whose review by a human the "
                f"member may demand {aside('automated-decision-rights')}: name the reviewer"
            )

    @property
    def total_contribution(self) -> int:
        """Sum of founding contributions, in wei (sent with the deployment)."""
        return sum(m.contribution for m in self.founders)

    def charter_text(self, edition: str | Edition | None = None) -> str:
        """The human-readable charter: the given text, or one generated from these rules,
        citing edition ``edition`` of the Code (the one in use when ``None``)."""
        if self.charter is not None:
            return self.charter
        return render_charter(self, edition)


def _duration_text(seconds: int) -> str:
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds and seconds % size == 0:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{seconds} seconds"


def render_charter(spec: DAOSpec, edition: str | Edition | None = None) -> str:
    """Write the charter a person reads; its keccak hash is stored on-chain (consent-to-change).

    The charter names the edition of the Code its citations come from (``edition``, the one in
    use when ``None``): the same rules cite the law in force, or the draft, or say where they
    are dao-sim's defaults. A different edition is a different text, so a different hash.
    """
    with using(edition) as under:
        return _charter(spec, under)


def _charter(spec: DAOSpec, under: Edition) -> str:
    # The draft's DAO article spoke of a digital community without a legal entity; the Code in
    # force has no such form, so under it the charter describes the arrangement, not a form.
    who = ("A digital community without a legal entity," if not under.in_force else
           "A group of participants holding a common treasury, not a legal entity,")
    opening = textwrap.fill(
        f"{who} governed by its participants through a smart "
        f"contract without central management {aside('no-central-management')}. This charter and "
        "the contract's published source are its rules; they change only with the participants' "
        f"consent {aside('consent-to-change')}.", 90)
    expulsion = ("allowed by vote, always paying the member their share" if spec.expulsion_allowed
                 else "not allowed")
    lines = [
        f"# Charter of {spec.name}",
        "",
        opening,
        "",
        "## Founding members",
        *[f"- {m.name}: contribution {format_eth(m.contribution)}" for m in spec.founders],
        "",
        f"## Decisions {aside('vote-only-decisions')}",
        f"- Voting: {VotingRule.parse(spec.voting_rule).label}.",
        f"- Quorum: {int(spec.quorum) / 100:g}% of all voting power must vote.",
        f"- Approval: more than {int(spec.approval) / 100:g}% of the votes For or Against must be For.",
        (f"- Voting opens {_duration_text(int(spec.voting_delay)) if spec.voting_delay else 'at once'} "
        f"and lasts {_duration_text(int(spec.voting_period))}."),
        (f"- Grace window after a vote passes: {_duration_text(int(spec.grace_period))}; then anyone may "
        f"execute it within {_duration_text(int(spec.execution_window))}."),
        (f"- Amendments: a migration to a new published contract, with the consent of "
        f"{int(spec.amendment_consent) / 100:g}% of all voting power."),
        "",
        f"## Liability {aside('liability-cap')}",
        f"- Each member answers for the DAO's acts up to {int(spec.liability_cap) / BPS:g}x their contribution.",
        "- Claims are paid from the treasury only; a member may exit with their share net of reserved claims.",
        (f"- A claim against the DAO costs a bond of {int(spec.claim_bond) / 100:g}% of the amount claimed, at "
         f"least {format_eth(int(spec.min_claim_bond))}: returned if the claim is recognised, kept by the "
         "treasury if it is rejected."),
        f"- Expulsion: {expulsion} {aside('no-confiscation')}.",
        "",
        f"## Disputes {aside('human-dispute')}",
        f"- A human arbitrator ({spec.arbitrator}, panels of {spec.arbitrator_panel_size}) decides disputes.",
        "- A disputed decision does not execute until the human ruling.",
    ]
    if spec.sandbox is not None:
        years = spec.sandbox.years
        lines += [
            "",
            "## Experimental legal regime (sandbox)",
            (f"- The DAO runs under an experimental legal regime for {years} year{'s' if years != 1 else ''} "
             f"from the block that founds it ({reference('sandbox', 'draft-2025')})."),
            "- Everyone acknowledges these terms with their own key before joining.",
            ("- When the term ends the DAO only winds down: members may exit and withdraw, claims and "
             "disputes are settled, proposals made before the end may be voted on and executed; "
             "nobody may join, contribute or propose."),
        ]
    if spec.dues is not None:
        lines += [
            "",
            f"## Automated decisions {aside('automated-decisions-listed')}",
            (f"- Dues of {format_eth(spec.dues.amount)} every {_duration_text(spec.dues.period)}; "
            "a member whose dues are overdue is suspended from voting automatically."),
            (f"- The DAO uses this decision; {spec.reviewer} reviews it on the member's request "
             f"{aside('automated-decision-rights')}."),
        ]
    lines += ["", f"{under.header}."]
    return "\n".join(lines) + "\n"
