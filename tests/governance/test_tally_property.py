"""The contract counts votes as the charter says: its outcome equals the plain-Python tally.

Each example deploys a DAO on one chain and reverts to a snapshot taken after the arbitrator
was deployed, so an example costs a deployment and a few votes (about 0.15 s). Ballots and
thresholds are drawn to land on the exact boundaries (ties, a quorum met exactly, consent
exactly reached), where a ``>`` written for a ``>=`` would show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import given, note
from hypothesis import strategies as st

from dao_sim.chain.accounts import DEFAULT_NAMES
from dao_sim.governance import DAORefused, DAOSpec, Support, Tally, VotingRule, deploy, tally
from dao_sim.governance.units import Wei
from dao_sim.testing.factories import human_court

ETHER = 10**18
BPS = 10_000
PROPOSAL_ID = 0

# Whole ETH amounts make exact shares (and ties) common; any wei amount is still drawn.
amounts = st.integers(1, 5).map(lambda k: k * ETHER) | st.integers(1, 100 * ETHER)
choices = st.sampled_from([None, Support.FOR, Support.AGAINST, Support.ABSTAIN])


@st.composite
def thresholds(draw: Any, low: int, high: int, part: int, whole: int) -> int:
    """Basis points in ``[low, high]``: at random, or within one of ``part / whole``.

    Random thresholds almost never meet the votes' exact share, where ``>`` and ``>=`` differ;
    three examples in four aim there.
    """
    aim = draw(st.sampled_from(["at", "just above", "just below", "anywhere"]))
    if whole == 0 or aim == "anywhere":
        return draw(st.sampled_from(sorted({low, (low + high) // 2, high})) | st.integers(low, high))
    share = part * BPS // whole  # rounded down: "at" is exact whenever the share is whole bps
    return min(high, max(low, share + {"at": 0, "just above": 1, "just below": -1}[aim]))


def power_of(contributions: dict[str, int], rule: VotingRule) -> dict[str, int]:
    """Voting power as the charter states it: one each, or the contribution (= shares)."""
    if rule is VotingRule.ONE_MEMBER_ONE_VOTE:
        return dict.fromkeys(contributions, 1)
    return dict(contributions)


def weight_of(power: dict[str, int], ballots: dict[str, Support], *supports: Support) -> int:
    return sum(power.get(voter, 0) for voter, choice in ballots.items() if choice in supports)


@dataclass(frozen=True)
class Election:
    """A DAO's founders and rules, and the ballots cast on its first proposal."""

    contributions: dict[str, int]
    rule: VotingRule
    quorum: int
    approval: int
    ballots: dict[str, Support]

    @property
    def power(self) -> dict[str, int]:
        return power_of(self.contributions, self.rule)

    @property
    def members(self) -> dict[str, Wei]:
        """The contributions as a spec takes them: drawn in wei, and said so."""
        return {n: Wei(c) for n, c in self.contributions.items()}

    def dao(self, make_dao: Any, **rules: Any) -> Any:
        # Shares go in as percentages: a bare number under 100 is refused (it reads as a mistake).
        return make_dao(members=self.members, voting_rule=self.rule, quorum=percent(self.quorum),
                        approval=percent(self.approval), **rules)


def percent(bps: int) -> str:
    """Basis points written as the percentage a charter states (``"0.6%"`` for 60)."""
    return f"{bps / 100:.2f}%"


@st.composite
def free_ballots(draw: Any) -> tuple[dict[str, int], dict[str, Support]]:
    """1 to 8 founders, each voting For (twice as likely), Against, Abstain or not at all."""
    names = draw(st.lists(st.sampled_from(DEFAULT_NAMES), min_size=1, max_size=8, unique=True))
    contributions = {n: draw(amounts) for n in names}
    leaning = st.sampled_from([Support.FOR, Support.FOR, Support.AGAINST, Support.ABSTAIN, None])
    return contributions, {n: choice for n in names if (choice := draw(leaning)) is not None}


@st.composite
def tied_ballots(draw: Any) -> tuple[dict[str, int], dict[str, Support]]:
    """Founders in pairs of equal contribution; a pair splits For/Against, abstains or stays away.

    For then equals Against under either voting rule: the tie the charter says does not pass.
    """
    names = draw(st.lists(st.sampled_from(DEFAULT_NAMES), min_size=1, max_size=4, unique=True))
    others = [n for n in DEFAULT_NAMES if n not in names]
    contributions: dict[str, int] = {}
    ballots: dict[str, Support] = {}
    for name, partner in zip(names, others):
        contributions[name] = contributions[partner] = draw(amounts)
        pair = draw(st.sampled_from([(Support.FOR, Support.AGAINST), (Support.AGAINST, Support.FOR),
                                     (Support.ABSTAIN, Support.ABSTAIN), None]))
        if pair is not None:
            ballots[name], ballots[partner] = pair
    return contributions, ballots


@st.composite
def elections(draw: Any, founders_and_ballots: Any = None) -> Election:
    """Founders, a voting rule and ballots, then thresholds (mostly at the votes' shares)."""
    if founders_and_ballots is None:
        founders_and_ballots = st.one_of(free_ballots(), tied_ballots())
    contributions, ballots = draw(founders_and_ballots)
    outsider = draw(st.sampled_from([n for n in DEFAULT_NAMES if n not in contributions]))
    if (choice := draw(choices)) is not None:
        ballots[outsider] = choice
    rule = draw(st.sampled_from(VotingRule))
    power = power_of(contributions, rule)
    quorum = draw(thresholds(0, BPS, weight_of(power, ballots, *Support), sum(power.values())))
    approval = draw(thresholds(BPS // 2, BPS, weight_of(power, ballots, Support.FOR),
                               weight_of(power, ballots, Support.FOR, Support.AGAINST)))
    return Election(contributions, rule, quorum, approval, ballots)


def consents(election: Election) -> Any:
    """Amendment consent thresholds, mostly at the For votes' share of all power."""
    power = election.power
    return thresholds(BPS // 2 + 1, BPS, weight_of(power, election.ballots, Support.FOR), sum(power.values()))


def base_snapshot(session: Any, artifacts: Any) -> Any:
    """The chain with an arbitrator deployed (once per test, the first example does it)."""
    if "HumanArbitrator" not in session.address_book.contracts():
        human_court(session, artifacts=artifacts)
    return session.snapshot()


def cast(dao: Any, election: Election, proposal_id: int) -> None:
    """Cast every ballot; an outsider's must be refused as a non-member's."""
    for voter, support in election.ballots.items():
        if voter in election.contributions:
            dao.vote(voter, proposal_id, support)
            continue
        try:
            dao.vote(voter, proposal_id, support)
        except DAORefused as refused:
            assert refused.error == "NotAMember"
        else:
            raise AssertionError(f"{voter}, not a member, was allowed to vote")


def counted(dao: Any, proposal_id: int) -> tuple[str, int, int, int, int]:
    """The contract's outcome once voting has ended: state, the three sums, the total power."""
    info = dao.proposal(proposal_id)
    total = dao.contract.call("totalPowerAt", info.vote_start - 1)
    return info.state, info.for_votes, info.against_votes, info.abstain_votes, total


def expected(reference: Tally) -> tuple[str, int, int, int, int]:
    """The same, as the reference tally has it."""
    return ("Grace" if reference.passed else "Defeated", reference.for_votes, reference.against_votes,
            reference.abstain_votes, reference.total_power)


@given(election=elections())
def test_contract_outcome_equals_the_reference_tally(session, artifacts, make_dao, election):
    base = base_snapshot(session, artifacts)
    try:
        dao = election.dao(make_dao)
        proposal_id = dao.propose(next(iter(election.contributions)), [], "Adopt the annual plan")
        assert proposal_id == PROPOSAL_ID
        cast(dao, election, proposal_id)
        session.advance(dao.spec.voting_period)
        reference = tally(election.power, election.ballots, quorum_bps=election.quorum,
                          approval_bps=election.approval)
        note(f"reference: {reference}")
        assert counted(dao, proposal_id) == expected(reference)
    finally:
        session.revert(base)


@given(data=st.data())
def test_amendment_passes_exactly_with_the_consent_the_charter_asks(session, artifacts, make_dao, data):
    election = data.draw(elections(free_ballots()), label="election")
    consent = data.draw(consents(election), label="consent")
    base = base_snapshot(session, artifacts)
    try:
        dao = election.dao(make_dao, amendment_consent=percent(consent))
        successor = deploy(DAOSpec(name="Steppe Makers II", members=election.members,
                                   voting_rule=election.rule, arbitrator="HumanArbitrator"),
                           session, artifacts=artifacts, predecessor=dao)
        proposal_id = dao.propose_amendment(next(iter(election.contributions)), successor,
                                            "Move to the revised charter")
        cast(dao, election, proposal_id)
        session.advance(dao.spec.voting_period)
        reference = tally(election.power, election.ballots, quorum_bps=election.quorum,
                          approval_bps=election.approval, consent_bps=consent)
        note(f"reference: {reference}")
        assert counted(dao, proposal_id) == expected(reference)
    finally:
        session.revert(base)
