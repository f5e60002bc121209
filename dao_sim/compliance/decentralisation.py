"""Who can decide alone: the voting-power graph and the figures read from it.

Members hold voting power; a member may delegate it (where a DAO allows that) and members may
vote as a bloc (colluders, a family, a company and its staff). The graph follows delegations to
whoever finally casts the votes and merges each bloc into one voter; from the effective powers
come the smallest coalition that passes a proposal whatever everyone else does (the Nakamoto
coefficient), the largest share and the Gini coefficient.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from dao_sim.exceptions import ComplianceError

__all__ = ["PowerReport", "effective_power", "gini", "power_report", "smallest_passing_coalition",
           "voting_power_graph"]

BPS = 10_000


def voting_power_graph(powers: Mapping[str, int], delegations: Mapping[str, str] | None = None,
                       blocs: Mapping[str, Iterable[str]] | None = None) -> nx.DiGraph:
    """The graph: a node per member (``power``), an edge per delegation (``kind="delegates"``)
    and per bloc membership (``kind="votes-with"``, to a node ``kind="bloc"``).

    Raises
    ------
    ComplianceError
        When a delegation or bloc names someone who holds no voting power.
    """
    graph = nx.DiGraph()
    for name, power in powers.items():
        graph.add_node(name, kind="member", power=int(power))
    for source, target in (delegations or {}).items():
        for who in (source, target):
            if who not in powers:
                raise ComplianceError(f"delegation {source} -> {target}: {who} holds no voting power")
        graph.add_edge(source, target, kind="delegates")
    for bloc, names in (blocs or {}).items():
        graph.add_node(bloc, kind="bloc", power=0)
        for name in names:
            if name not in powers:
                raise ComplianceError(f"bloc {bloc}: {name} holds no voting power")
            graph.add_edge(name, bloc, kind="votes-with")
    return graph


def effective_power(graph: nx.DiGraph) -> dict[str, int]:
    """Voting power by who finally casts it: delegations followed, blocs merged.

    Raises
    ------
    ComplianceError
        When delegations run in a cycle (nobody would cast those votes).

    Examples
    --------
    >>> g = voting_power_graph({"A": 5, "B": 3, "C": 2}, delegations={"C": "B"})
    >>> effective_power(g)
    {'A': 5, 'B': 5}
    """
    delegation = nx.DiGraph([(u, v) for u, v, k in graph.edges(data="kind") if k == "delegates"])
    if delegation.number_of_nodes() and not nx.is_directed_acyclic_graph(delegation):
        cycle = " -> ".join(u for u, _v in nx.find_cycle(delegation))
        raise ComplianceError(f"delegations run in a cycle ({cycle}): nobody casts those votes")
    voters: dict[str, int] = {}
    for name, data in graph.nodes(data=True):
        if data["kind"] != "member":
            continue
        caster = name
        while True:
            nxt = [v for v in graph.successors(caster) if graph.edges[caster, v]["kind"] == "delegates"]
            if not nxt:
                break
            caster = nxt[0]
        bloc = [v for v in graph.successors(caster) if graph.edges[caster, v]["kind"] == "votes-with"]
        caster = bloc[0] if bloc else caster
        voters[caster] = voters.get(caster, 0) + int(data["power"])
    return {k: v for k, v in voters.items() if v}


def smallest_passing_coalition(powers: Mapping[str, int], quorum_bps: int, approval_bps: int
                               ) -> tuple[str, ...]:
    """The fewest voters who pass a proposal on their own, whatever the others do.

    The coalition votes For. If everyone else stays away it must still meet the quorum; if
    everyone else votes Against it must still carry the approval threshold. The largest powers
    first give the fewest members for any sum, so taking them in that order is exact.

    Examples
    --------
    >>> smallest_passing_coalition({"A": 60, "B": 30, "C": 10}, 5_000, 5_000)
    ('A',)
    >>> smallest_passing_coalition({"A": 1, "B": 1, "C": 1}, 5_000, 5_000)
    ('A', 'B')
    """
    total = sum(powers.values())
    chosen: list[str] = []
    weight = 0
    for name, power in sorted(powers.items(), key=lambda kv: (-kv[1], kv[0])):
        chosen.append(name)
        weight += power
        if weight * BPS >= quorum_bps * total and weight * BPS > approval_bps * total:
            return tuple(chosen)
    return tuple(chosen)


def gini(values: Iterable[int]) -> float:
    """The Gini coefficient of ``values``: 0 when all are equal, towards 1 when one holds all.

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> round(gini([0, 0, 0, 10]), 2)
    0.75
    """
    xs = sorted(int(v) for v in values)
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return 0.0
    ranked = sum((i + 1) * x for i, x in enumerate(xs))
    return (2 * ranked) / (n * total) - (n + 1) / n


@dataclass(frozen=True)
class PowerReport:
    """The figures of one DAO's voting power."""

    powers: dict[str, int]
    coalition: tuple[str, ...]
    largest: str
    largest_share: float
    gini: float

    @property
    def nakamoto(self) -> int:
        """How many voters it takes to pass a proposal alone."""
        return len(self.coalition)

    @property
    def one_decides_alone(self) -> bool:
        """Whether a single voter (a member, a delegate or a bloc) passes proposals alone."""
        return self.nakamoto == 1 and len(self.powers) > 1


def power_report(powers: Mapping[str, int], quorum_bps: int, approval_bps: int,
                 delegations: Mapping[str, str] | None = None,
                 blocs: Mapping[str, Iterable[str]] | None = None) -> PowerReport:
    """The figures for ``powers`` under a charter's quorum and approval, after delegations and
    blocs."""
    effective = effective_power(voting_power_graph(powers, delegations, blocs))
    if not effective:
        raise ComplianceError("nobody holds voting power")
    total = sum(effective.values())
    largest = max(effective, key=lambda k: (effective[k], k))
    return PowerReport(effective, smallest_passing_coalition(effective, quorum_bps, approval_bps),
                       largest, effective[largest] / total, gini(effective.values()))
