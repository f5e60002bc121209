"""The risk register of a sweep: each risk's estimated probability with a confidence interval,
its scale when it happens, and the parameter values that make it rarer.

A risk is an event a run either shows or not (a decision passed against the majority of the
members, a member lost more than a tenth of their contribution...). Its probability at a
design point is the share of runs that showed it, with a Wilson score interval (which stays
inside 0..1 and behaves for 0 or n events out of n, unlike the normal approximation).

Which edition's law the register answers comes from the law catalogue (risk-register): under
the Code in force it is a dao-sim default serving the members' right to information on risks;
under the draft it is the register of risks the draft asked of an owner.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from dao_sim.simulation.agents import MODEL_LABEL

__all__ = ["RISKS", "Estimate", "Risk", "RiskEntry", "register", "render_markdown", "wilson"]

Run = Mapping[tuple[str, int], float]


def wilson(events: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``events / n`` (95% by default).

    Examples
    --------
    >>> [round(x, 3) for x in wilson(0, 10)]
    [0.0, 0.278]
    >>> [round(x, 3) for x in wilson(5, 10)]
    [0.237, 0.763]
    >>> wilson(0, 0)
    (0.0, 1.0)
    """
    if n == 0:
        return (0.0, 1.0)
    p = events / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # the interval always holds p (rounding could put p = 1 a hair above centre + half)
    return (max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half)))


def _steps(run: Run, metric: str) -> list[float]:
    return [v for (m, _s), v in sorted(run.items()) if m == metric]


@dataclass(frozen=True)
class Risk:
    """One risk: whether a run shows it, and how large it was when it did."""

    id: str
    title: str
    happens: Callable[[Run], bool]
    scale: Callable[[Run], float]
    scale_unit: str


RISKS: tuple[Risk, ...] = (
    Risk("captured-decision", "A decision passes against the majority of the members",
         lambda r: r[("captured_decisions", 0)] > 0, lambda r: r[("captured_decisions", 0)],
         "captured decisions per affected run"),
    Risk("malicious-payment", "A malicious payment leaves the treasury",
         lambda r: r[("malicious_paid", 0)] > 0, lambda r: r[("max_loss_share", 0)],
         "largest share of a contribution lost, in affected runs"),
    Risk("member-loss", "A member loses more than 10% of their contribution",
         lambda r: r[("max_loss_share", 0)] > 0.10, lambda r: r[("max_loss_share", 0)],
         "largest share of a contribution lost, in affected runs"),
    Risk("one-decides-alone", "One voter (a member, a delegate or a bloc) can pass proposals alone",
         lambda r: min(_steps(r, "nakamoto")) <= 1,
         lambda r: sum(v <= 1 for v in _steps(r, "nakamoto")) / len(_steps(r, "nakamoto")),
         "share of the run's time it lasts"),
    Risk("quorum-failure", "A proposal fails for lack of quorum",
         lambda r: r[("quorum_failures", 0)] > 0, lambda r: r[("quorum_failures", 0)],
         "quorum failures per affected run"),
    Risk("dissenters-exit", "Members leave after being outvoted",
         lambda r: r[("exits", 0)] > 0, lambda r: r[("exits", 0)], "exits per affected run"),
    Risk("dispute", "A decision is disputed",
         lambda r: r[("disputes", 0)] > 0,
         lambda r: r[("disputes_voided", 0)] / max(1.0, r[("disputes", 0)]),
         f"share voided by the {MODEL_LABEL}"),
    Risk("claim-freeze", "A bogus claim holds a payment",
         lambda r: r[("claim_freezes", 0)] > 0, lambda r: r[("claim_freezes", 0)],
         "payments held per affected run"),
)


@dataclass(frozen=True)
class Estimate:
    """A probability estimated from ``events`` out of ``n`` runs, with its 95% interval."""

    events: int
    n: int
    low: float
    high: float

    @property
    def p(self) -> float:
        """The observed share."""
        return self.events / self.n if self.n else 0.0

    def text(self) -> str:
        """``"31% (95% CI 22-41%, 25/80)"``."""
        return f"{self.p:.0%} (95% CI {self.low:.0%}-{self.high:.0%}, {self.events}/{self.n})"


def estimate(flags: Sequence[bool]) -> Estimate:
    """The estimate from one flag per run."""
    k = sum(flags)
    return Estimate(k, len(flags), *wilson(k, len(flags)))


@dataclass(frozen=True)
class RiskEntry:
    """A risk as the register lists it.

    Attributes
    ----------
    risk : Risk
    overall : Estimate
        Over every run of the sweep.
    by_point : tuple of (design label, Estimate)
        At each design point.
    scale : float or None
        The mean of the risk's scale over the runs that showed it (``None`` if none did).
    reducers : tuple of (parameter=value, Estimate)
        Parameter values under which the risk is rarer than overall, rarest first (pooled over
        the design points with that value).
    """

    risk: Risk
    overall: Estimate
    by_point: tuple[tuple[str, Estimate], ...]
    scale: float | None
    reducers: tuple[tuple[str, Estimate], ...]


def _runs(rows: Iterable[Mapping[str, object]]) -> tuple[dict[tuple[int, int], dict[tuple[str, int], float]],
                                                          dict[int, dict[str, str]], dict[int, str]]:
    runs: dict[tuple[int, int], dict[tuple[str, int], float]] = defaultdict(dict)
    params: dict[int, dict[str, str]] = {}
    labels: dict[int, str] = {}
    for row in rows:
        if row["status"] != "ok":
            continue
        point = int(row["point"])  # type: ignore[call-overload]
        runs[(point, int(row["seed"]))][(str(row["metric"]), int(row["step"]))] = float(row["value"])  # type: ignore[call-overload,arg-type]
        labels[point] = str(row["design"])
        if point not in params:
            params[point] = {k: str(v) for k, v in row.items() if k not in _FIXED}
    return runs, params, labels


_FIXED = {"experiment", "point", "design", "seed", "metric", "step", "value", "status", "error"}


def register(rows: Iterable[Mapping[str, object]], varied: Sequence[str] = ()) -> list[RiskEntry]:
    """The register of a sweep's table: one entry per risk of :data:`RISKS`.

    Parameters
    ----------
    rows : iterable of mapping
        The sweep's rows (failed runs are left out of the estimates).
    varied : sequence of str
        The parameters the experiment varied (where reducers are looked for).
    """
    runs, params, labels = _runs(rows)
    entries = []
    for risk in RISKS:
        flags = {key: risk.happens(run) for key, run in runs.items()}
        overall = estimate(list(flags.values()))
        by_point = tuple((labels[p], estimate([f for (q, _s), f in sorted(flags.items()) if q == p]))
                         for p in sorted(labels))
        scales = [risk.scale(runs[k]) for k, f in sorted(flags.items()) if f]
        reducers = []
        for name in varied:
            for value in sorted({params[p][name] for p in params}):
                pooled = estimate([f for (q, _s), f in sorted(flags.items()) if params[q][name] == value])
                if pooled.p < overall.p:
                    reducers.append((f"{name}={value}", pooled))
        reducers.sort(key=lambda kv: (kv[1].p, kv[0]))
        entries.append(RiskEntry(risk, overall, by_point, sum(scales) / len(scales) if scales else None,
                                 tuple(reducers)))
    return entries


def render_markdown(entries: Sequence[RiskEntry], *, experiment: str, runs: int, failed: int,
                    edition: str | None = None) -> str:
    """The register as a Markdown page, citing the law under ``edition`` (catalogue: risk-register)."""
    from dao_sim.law import Status, current_edition, provision, reference, using

    with using(edition):
        law = provision("risk-register")
        header = current_edition().header
        cited = reference("risk-register")
    why = (f"{law.statement} Under this edition the register is a dao-sim default that serves the "
           f"members' right to information on risks ({cited})." if law.status is Status.DEFAULT
           else f"{law.statement} ({cited})")
    lines = [f"# Risk register: {experiment}", "", header, "", f"**Why a register**: {why}", "",
             (f"Estimated from {runs} Monte Carlo runs ({failed} failed and left out). Probabilities "
              "are shares of runs with a 95% Wilson interval. Dispute outcomes come from a "
              f"{MODEL_LABEL}: they estimate how disputes might end, they decide nothing."), ""]
    for entry in entries:
        lines += [f"## {entry.risk.title}", "",
                  f"- Probability per run: {entry.overall.text()}",
                  "- Scale: " + ("not observed" if entry.scale is None
                                 else f"{entry.scale:.3g} ({entry.risk.scale_unit})")]
        if entry.reducers:
            lines.append("- Parameters that reduce it: " + "; ".join(
                f"{name}: {est.text()}" for name, est in entry.reducers))
        else:
            lines.append("- Parameters that reduce it: none of the values explored")
        lines += ["", "| design point | probability |", "|---|---|"]
        lines += [f"| {label} | {est.text()} |" for label, est in entry.by_point]
        lines.append("")
    return "\n".join(lines)
