"""The pictures of a run, drawn by matplotlib as SVG text to put straight into a page.

Each function takes snapshots (plain values, see :mod:`.state`) and returns one ``<svg>``
element: no file, no network, nothing to fetch when the page opens. Text stays text (not
glyph outlines) so the page is small and searchable, and each chart gets its own id prefix
so several charts can share a page without their clip paths clashing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from dao_sim.report.state import Snapshot, member_graph

__all__ = ["member_graph_chart", "stakes_chart", "tallies_chart", "treasury_chart"]

WEI = 10**18
_FOR, _AGAINST, _ABSTAIN = "#2e7d32", "#c62828", "#9e9e9e"
_BLUE, _LIGHT = "#1565c0", "#90caf9"


def _svg(figure: Figure, name: str) -> str:
    """The figure as an ``<svg>`` element (no XML prolog), ids salted with ``name``."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": name}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    start = text.find("<svg")
    return f'<div class="chart" data-chart="{name}">' + text[start:] + "</div>"


def _figure(width: float = 7.0, height: float = 3.0) -> tuple[Figure, plt.Axes]:
    figure, axes = plt.subplots(figsize=(width, height))
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _empty(axes: plt.Axes, text: str) -> None:
    """An empty chart: its message, no axes to read nothing from."""
    axes.cla()
    axes.set_axis_off()
    axes.text(0.5, 0.5, text, ha="center", va="center", transform=axes.transAxes, color="#5f6b7a")


def treasury_chart(snapshots: Sequence[Snapshot]) -> str:
    """The treasury and its free part after each step."""
    figure, axes = _figure()
    steps = [s.step for s in snapshots]
    axes.step(steps, [s.treasury / WEI for s in snapshots], where="post", color=_BLUE, label="treasury")
    axes.step(steps, [s.free / WEI for s in snapshots], where="post", color=_LIGHT, linestyle="--",
              label="free (not reserved for claims)")
    axes.set_xlabel("step")
    axes.set_ylabel("ETH")
    axes.set_ylim(bottom=0)
    axes.set_title("Treasury after each step")
    if not any(s.members for s in snapshots):
        _empty(axes, "no DAO yet")
        return _svg(figure, "treasury")
    axes.legend(frameon=False, loc="best")
    if steps:
        axes.set_xticks(steps if len(steps) <= 25 else steps[:: max(1, len(steps) // 20)])
    return _svg(figure, "treasury")


def tallies_chart(snapshot: Snapshot) -> str:
    """Each proposal's votes for, against and abstaining, as stacked bars."""
    tallies = snapshot.proposals
    figure, axes = _figure(7.0, max(1.6, 0.6 * len(tallies) + 1.0))
    scale = WEI if snapshot.weighted else 1
    names = [t.name for t in tallies]
    values = [(t.for_votes / scale, t.against_votes / scale, t.abstain_votes / scale) for t in tallies]
    left = [0.0] * len(tallies)
    for column, (label, colour) in enumerate((("for", _FOR), ("against", _AGAINST), ("abstain", _ABSTAIN))):
        widths = [v[column] for v in values]
        axes.barh(names, widths, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.invert_yaxis()
    if not snapshot.weighted:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("ETH of contribution" if snapshot.weighted else "votes")
    axes.set_title("Votes on each proposal")
    axes.legend(frameon=False, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.35 if len(tallies) < 3 else -0.15))
    if not tallies:
        _empty(axes, "no proposal yet")
    return _svg(figure, "tallies")


def stakes_chart(snapshot: Snapshot) -> str:
    """Each member's contribution: what is still theirs and what was lost under the cap."""
    members = snapshot.members
    figure, axes = _figure(7.0, max(1.6, 0.5 * len(members) + 1.0))
    names = [m.name + ("" if m.active else " (left)") for m in members]
    lost = [m.lost / WEI for m in members]
    kept = [max(m.contributed - m.lost, 0) / WEI for m in members]
    axes.barh(names, kept, color=_BLUE, label="contribution not lost")
    axes.barh(names, lost, left=kept, color=_AGAINST, label="lost (never more than the cap)")
    axes.invert_yaxis()
    axes.set_xlabel("ETH")
    axes.set_title("Each member's stake and liability")
    axes.legend(frameon=False, ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.3 if len(members) < 4 else -0.15))
    if not members:
        _empty(axes, "no member yet")
    return _svg(figure, "stakes")


def member_graph_chart(snapshot: Snapshot) -> str:
    """Members sized by voting power, joined where they voted alike (thicker: more often)."""
    graph = member_graph(snapshot)
    figure, axes = plt.subplots(figsize=(5.0, 4.0))
    axes.set_axis_off()
    axes.set_title("Members and voting power")
    if graph.number_of_nodes():
        where = nx.circular_layout(graph)
        active = [n for n, d in graph.nodes(data=True) if d["active"]]
        former = [n for n, d in graph.nodes(data=True) if not d["active"]]
        sizes = [300 + 2400 * graph.nodes[n]["share"] for n in active]
        nx.draw_networkx_nodes(graph, where, nodelist=active, node_size=sizes, node_color=_LIGHT,
                               edgecolors=_BLUE, ax=axes)
        nx.draw_networkx_nodes(graph, where, nodelist=former, node_size=200, node_color="white",
                               edgecolors=_ABSTAIN, ax=axes)
        widths = [1.0 + 1.5 * d["agreed"] for _, _, d in graph.edges(data=True)]
        nx.draw_networkx_edges(graph, where, width=widths, edge_color=_ABSTAIN, ax=axes)
        labels = {n: (f"{n}\n{d['share']:.0%}" if d["active"] else f"{n}\n(left)")
                  for n, d in graph.nodes(data=True)}
        nx.draw_networkx_labels(graph, where, labels=labels, font_size=9, ax=axes)
        axes.margins(0.25)
    else:
        axes.text(0.5, 0.5, "no member yet", ha="center", va="center", transform=axes.transAxes)
    return _svg(figure, "graph")
