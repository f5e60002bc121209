"""Pictures of a sweep, written as SVG files beside its table: the risks' probabilities with
their intervals at each design point, and the Nakamoto coefficient over the rounds.

Drawn by matplotlib without a display; the files carry no date, so the same table draws the
same files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from dao_sim.simulation.risks import RiskEntry

__all__ = ["draw_charts", "nakamoto_chart", "risk_chart"]


def _save(figure: plt.Figure, path: Path) -> Path:
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": path.stem}):
        figure.savefig(path, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return path


def risk_chart(entries: Sequence[RiskEntry], path: Path) -> Path:
    """One row per risk: each design point's probability, with its 95% interval as a bar."""
    labels = [label for label, _ in entries[0].by_point] if entries else []
    figure, axes = plt.subplots(figsize=(9, 0.55 * len(entries) * max(1, len(labels)) ** 0.5 + 1.5))
    height = 0.8 / max(1, len(labels))
    for j, label in enumerate(labels):
        ys = [i + (j - (len(labels) - 1) / 2) * height for i in range(len(entries))]
        est = [e.by_point[j][1] for e in entries]
        axes.errorbar([x.p for x in est], ys, xerr=[[x.p - x.low for x in est], [x.high - x.p for x in est]],
                      fmt="o", capsize=2, label=label)
    axes.set_yticks(range(len(entries)), [e.risk.title for e in entries])
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xlabel("probability per run (95% Wilson interval)")
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    axes.set_title("Risks by design point")
    return _save(figure, path)


def nakamoto_chart(rows: Iterable[Mapping[str, object]], path: Path) -> Path:
    """The mean Nakamoto coefficient at each step (0 before the first round), per design point."""
    values: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if row["metric"] == "nakamoto" and row["status"] == "ok":
            values[str(row["design"])][int(row["step"])].append(float(row["value"]))  # type: ignore[call-overload,arg-type]
    figure, axes = plt.subplots(figsize=(9, 4))
    for label in sorted(values):
        steps = sorted(values[label])
        axes.plot(steps, [sum(values[label][s]) / len(values[label][s]) for s in steps], marker="o", label=label)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("round (0 = before the first)")
    axes.set_ylabel("mean Nakamoto coefficient")
    axes.set_title("Voters needed to pass a proposal alone, over time")
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return _save(figure, path)


def draw_charts(rows: Sequence[Mapping[str, object]], entries: Sequence[RiskEntry], folder: Path) -> list[Path]:
    """Write ``risks.svg`` and ``nakamoto.svg`` into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return [risk_chart(entries, folder / "risks.svg"), nakamoto_chart(rows, folder / "nakamoto.svg")]
