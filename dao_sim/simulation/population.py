"""Who the members are and how they relate: a networkx graph, generated or read from a file.

A population is an undirected graph of acquaintance (``kind="knows"``) between members named
``M1``, ``M2``...; from it a run derives its relations: apathetic members delegate to the
best-connected person they know, and a colluding bloc forms around its leader among the
people the leader knows. Delegation in dao-sim's DAO is a relation between people, not a
contract feature: a delegating member casts, from their own key, the ballot their delegate
casts.

Generators: ``random`` (Erdos-Renyi), ``small-world`` (Watts-Strogatz) and ``scale-free``
(Barabasi-Albert). A file may hold any graph networkx reads (GraphML, GML, node-link JSON,
an edge list); its nodes are renamed ``M1``... in sorted order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from dao_sim.simulation.errors import SimulationError

__all__ = ["KINDS", "Population", "generate", "load_graph", "member_names"]

#: The generators this module knows, by the name an experiment uses.
KINDS = ("random", "small-world", "scale-free")


def member_names(size: int) -> list[str]:
    """``["M1", "M2", ...]``: the members' account names in a simulation."""
    return [f"M{i}" for i in range(1, size + 1)]


@dataclass(frozen=True, eq=False)
class Population:
    """The members and whom each knows.

    Attributes
    ----------
    graph : networkx.Graph
        A node per member (``M1``...), an edge per acquaintance.
    """

    graph: nx.Graph

    @property
    def members(self) -> list[str]:
        """Member names, in order (``M1``, ``M2``...)."""
        return sorted(self.graph.nodes, key=lambda n: int(str(n)[1:]))

    def delegate_of(self, member: str, excluded: set[str]) -> str | None:
        """The best-connected acquaintance of ``member`` outside ``excluded`` (ties by name)."""
        known = [n for n in self.graph.neighbors(member) if n not in excluded]
        if not known:
            return None
        return min(known, key=lambda n: (-self.graph.degree(n), int(n[1:])))

    def circle(self, leader: str, size: int) -> list[str]:
        """``leader`` and up to ``size - 1`` people nearest to them (breadth first, by name)."""
        order = [leader]
        for _parent, child in nx.bfs_edges(self.graph, leader,
                                           sort_neighbors=lambda ns: sorted(ns, key=lambda n: int(n[1:]))):
            if len(order) >= size:
                break
            order.append(child)
        return order[:size]


def generate(kind: str, size: int, seed: int, *, degree: int = 4, rewire: float = 0.2) -> Population:
    """A population of ``size`` members whose acquaintances follow ``kind``.

    Parameters
    ----------
    kind : str
        ``"random"``, ``"small-world"`` or ``"scale-free"``.
    size : int
        Number of members (at least 3).
    seed : int
        The graph depends on nothing else (no global random state).
    degree : int
        Mean number of acquaintances (random, small-world) or links per newcomer / 2
        (scale-free).
    rewire : float
        Small-world rewiring probability.

    Raises
    ------
    SimulationError
        For an unknown kind or a size below 3.

    Examples
    --------
    >>> generate("small-world", 6, seed=1).members
    ['M1', 'M2', 'M3', 'M4', 'M5', 'M6']
    """
    if size < 3:
        raise SimulationError(f"a population needs at least 3 members, not {size}")
    degree = max(2, min(int(degree), size - 1))
    if kind == "random":
        graph = nx.gnp_random_graph(size, degree / (size - 1), seed=seed)
    elif kind == "small-world":
        graph = nx.connected_watts_strogatz_graph(size, degree, rewire, seed=seed)
    elif kind == "scale-free":
        graph = nx.barabasi_albert_graph(size, max(1, degree // 2), seed=seed)
    else:
        raise SimulationError(f"unknown population kind {kind!r} (choose one of: {', '.join(KINDS)})")
    return Population(nx.relabel_nodes(graph, {i: f"M{i + 1}" for i in range(size)}))


def load_graph(path: str | Path) -> Population:
    """Read a population from a graph file: ``.graphml``, ``.gml``, ``.json`` (node-link) or an
    edge list (any other suffix); nodes are renamed ``M1``... in sorted order of their ids.

    Raises
    ------
    SimulationError
        For a missing file, one networkx cannot read, or fewer than 3 members.
    """
    file = Path(path)
    if not file.is_file():
        raise SimulationError(f"{path}: no such population file")
    try:
        if file.suffix == ".graphml":
            graph = nx.Graph(nx.read_graphml(file))
        elif file.suffix == ".gml":
            graph = nx.Graph(nx.read_gml(file))
        elif file.suffix == ".json":
            graph = nx.Graph(nx.node_link_graph(json.loads(file.read_text(encoding="utf-8")), edges="links"))
        else:
            graph = nx.Graph(nx.read_edgelist(file))
    except Exception as exc:  # noqa: BLE001  networkx raises many kinds; the message is what matters
        raise SimulationError(f"{path}: not a graph networkx can read ({exc})") from None
    if graph.number_of_nodes() < 3:
        raise SimulationError(f"{path}: a population needs at least 3 members, "
                              f"the file has {graph.number_of_nodes()}")
    order = sorted(graph.nodes, key=str)
    return Population(nx.relabel_nodes(graph, {n: f"M{i + 1}" for i, n in enumerate(order)}))
