"""A DAO's state at one moment, read from the chain: what a lesson shows after each step and
what a report's charts are drawn from.

A :class:`Snapshot` is a plain value (amounts in wei, names resolved), so the charts, the
HTML page and the lesson view need no chain; :func:`capture` takes one. Ballots come from
the ``VoteCast`` events in the journal rather than from one call per member and proposal,
so a snapshot costs a few calls per member whatever the number of proposals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from dao_sim.governance.units import format_eth

if TYPE_CHECKING:
    from dao_sim.governance import DAO

__all__ = ["Ballot", "MemberStake", "ProposalTally", "Snapshot", "capture", "member_graph"]

_SUPPORT = ("against", "for", "abstain")


@dataclass(frozen=True)
class MemberStake:
    """One member's place in the DAO: power, money put in, and liability under the cap (wei)."""

    name: str
    active: bool
    power: int
    contributed: int
    share_value: int
    lost: int
    cap: int
    remaining: int


@dataclass(frozen=True)
class Ballot:
    """One vote as cast: who, which way, with what weight."""

    voter: str
    support: str
    weight: int


@dataclass(frozen=True)
class ProposalTally:
    """A proposal as the scenario names it, its state and its votes so far."""

    name: str
    number: int
    summary: str
    state: str
    for_votes: int
    against_votes: int
    abstain_votes: int
    ballots: tuple[Ballot, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    """The DAO after one step.

    Attributes
    ----------
    step : int
        The step's number (0 before the first).
    label : str
        What the step did, in a few words.
    timestamp, block : int
        The chain's clock and head.
    treasury, free, reserved : int
        All the DAO holds, what may be spent or shared, and what is reserved for claims (wei).
    members : tuple of MemberStake
        Everyone who was ever a member, in order of joining.
    proposals : tuple of ProposalTally
        The proposals made so far.
    """

    step: int
    label: str
    timestamp: int
    block: int
    treasury: int = 0
    free: int = 0
    reserved: int = 0
    members: tuple[MemberStake, ...] = ()
    proposals: tuple[ProposalTally, ...] = ()
    #: Whether votes weigh by contribution (in wei) rather than one per member.
    weighted: bool = False

    def votes(self, weight: int) -> str:
        """A vote weight as people read it: ``3 votes``, or ``10 ETH`` when votes weigh by
        contribution.

        Examples
        --------
        >>> Snapshot(0, "", 0, 0).votes(1), Snapshot(0, "", 0, 0, weighted=True).votes(10**19)
        ('1 vote', '10 ETH')
        """
        if self.weighted:
            return format_eth(weight)
        return f"{weight} vote" + ("" if weight == 1 else "s")

    @property
    def powers(self) -> dict[str, int]:
        """Voting power of each current member who holds some."""
        return {m.name: m.power for m in self.members if m.active and m.power}


def _ballots(dao: DAO) -> dict[int, list[Ballot]]:
    found: dict[int, list[Ballot]] = {}
    governor = dao.governor.address.lower()
    for entry in dao.session.journal:
        for event in entry.events:
            if event.name == "VoteCast" and event.address.lower() == governor:
                support = int(event.args["support"])
                found.setdefault(int(event.args["proposalId"]), []).append(Ballot(
                    dao.session.name_of(event.args["voter"]),
                    _SUPPORT[support] if 0 <= support < 3 else str(support), int(event.args["weight"])))
    return found


def capture(dao: DAO | None, session: Any, *, step: int = 0, label: str = "",
            proposals: Mapping[str, tuple[int, str]] | None = None) -> Snapshot:
    """The state of ``dao`` now; only the clock when there is no DAO yet.

    Parameters
    ----------
    dao : DAO or None
    session : ChainSession
    step, label : int, str
        Which step this follows, and what it did.
    proposals : mapping, optional
        The scenario's names of this DAO's proposals: name -> (number, summary). Proposals
        it does not name are shown as ``proposal N``.
    """
    head = session.latest_block()
    if dao is None:
        return Snapshot(step, label, head.timestamp, head.number)
    treasury = dao.treasury
    now = head.timestamp
    members = []
    for address in dao.contract.call("memberList"):
        info = dao.member(session.name_of(address))
        liability = dao.liability(info.name)
        power = int(dao.contract.call("powerAt", address, now)) if info.active else 0
        members.append(MemberStake(info.name, info.active, power, info.contributed, info.share_value,
                                   liability.lost, liability.cap, liability.remaining))
    named = {number: (name, summary) for name, (number, summary) in (proposals or {}).items()}
    ballots = _ballots(dao)
    tallies = []
    for number in range(dao.proposal_count()):
        record = dao.proposal(number)
        name, summary = named.get(number, (f"proposal {number}", ""))
        tallies.append(ProposalTally(name, number, summary, record.state, record.for_votes,
                                     record.against_votes, record.abstain_votes,
                                     tuple(ballots.get(number, ()))))
    return Snapshot(step, label, head.timestamp, head.number, treasury.balance, treasury.free,
                    treasury.reserved_for_claims, tuple(members), tuple(tallies),
                    weighted=int(dao.contract.call("votingRule")) != 0)


def member_graph(snapshot: Snapshot) -> nx.Graph:
    """Members as nodes (``power``, ``share`` of all power, ``active``), joined by an edge
    weighted by how many times two of them voted the same way on a proposal.

    Examples
    --------
    >>> s = Snapshot(1, "", 0, 0, members=(MemberStake("A", True, 3, 0, 0, 0, 0, 0),
    ...                                    MemberStake("B", True, 1, 0, 0, 0, 0, 0)),
    ...              proposals=(ProposalTally("p", 0, "", "Executed", 4, 0, 0,
    ...                                       (Ballot("A", "for", 3), Ballot("B", "for", 1))),))
    >>> g = member_graph(s)
    >>> g.nodes["A"]["share"], g.edges["A", "B"]["agreed"]
    (0.75, 1)
    """
    graph = nx.Graph()
    total = sum(m.power for m in snapshot.members if m.active) or 1
    for m in snapshot.members:
        graph.add_node(m.name, power=m.power, share=m.power / total if m.active else 0.0, active=m.active)
    for tally in snapshot.proposals:
        for i, a in enumerate(tally.ballots):
            for b in tally.ballots[i + 1:]:
                if a.support == b.support and a.voter != b.voter and a.voter in graph and b.voter in graph:
                    agreed = graph.edges[a.voter, b.voter]["agreed"] + 1 if graph.has_edge(a.voter, b.voter) else 1
                    graph.add_edge(a.voter, b.voter, agreed=agreed)
    return graph
