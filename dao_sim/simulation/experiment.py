"""An experiment: a DAO design, the ranges of its parameters to explore, a population, and how
many Monte Carlo runs with which seeds.

In Python::

    Experiment("whales", ranges={"voting_rule": ("one-member-one-vote", "contribution-weighted")},
               runs=20)

or in YAML (see ``experiments/``), read by :func:`load_experiment`, whose errors name the file,
the line and the field in one line. The design points are the product of the ranges; every
other parameter takes the experiment's fixed value or its default (:data:`DEFAULTS`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dao_sim.exceptions import DaoSimError, suggest
from dao_sim.plain import plain
from dao_sim.simulation.errors import ExperimentFileError, SimulationError
from dao_sim.simulation.population import KINDS, Population, generate, load_graph, member_names

__all__ = ["DEFAULTS", "DesignPoint", "Experiment", "PopulationSpec", "load_experiment"]

#: Every parameter a design point has, with its default. The first group are the charter's
#: (they go into the DAOSpec); the rest describe how the agents behave.
DEFAULTS: dict[str, Any] = {
    "voting_rule": "one-member-one-vote",
    "quorum": "40%",
    "approval": "50%",
    "claim_bond": "5%",
    "contribution": "5 ETH",
    "rounds": 2,
    "turnout": 0.8,
    "apathy": 0.3,
    "whale": True,
    "whale_buy": "20 ETH",
    "bloc_size": 3,
    "malicious_rate": 0.5,
    "payment": "2 ETH",
    "malicious_payment": "8 ETH",
    "claim_rate": 0.3,
    "dispute_rate": 0.7,
    "exit_rate": 0.5,
    "arbitrator_accuracy": 0.9,
}
_SPEC_FIELDS = ("voting_rule", "quorum", "approval", "claim_bond")
_RATES = ("turnout", "apathy", "malicious_rate", "claim_rate", "dispute_rate", "exit_rate",
          "arbitrator_accuracy")


@dataclass(frozen=True)
class PopulationSpec:
    """How the members are made: a generator (``kind``, ``size``, ``degree``) or a graph ``file``."""

    kind: str = "small-world"
    size: int = 7
    degree: int = 4
    file: str | None = None

    def build(self, seed: int) -> Population:
        """The population of a run with ``seed`` (a file's graph ignores the seed)."""
        if self.file is not None:
            return load_graph(self.file)
        return generate(self.kind, self.size, seed, degree=self.degree)

    @property
    def members(self) -> list[str]:
        """The founders' names (a file is read to count them)."""
        return self.build(0).members if self.file is not None else member_names(self.size)


@dataclass(frozen=True)
class DesignPoint:
    """One combination of parameter values.

    Attributes
    ----------
    index : int
        Its place among the experiment's points.
    params : tuple of (name, value)
        Every parameter, sorted by name.
    varied : tuple of str
        The names the experiment's ranges vary (they make the point's :attr:`label`).
    """

    index: int
    params: tuple[tuple[str, Any], ...]
    varied: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> Any:
        return dict(self.params)[name]

    @property
    def label(self) -> str:
        """``"quorum=30%, voting_rule=contribution-weighted"``: the varied values (``"base"`` when none)."""
        values = dict(self.params)
        return ", ".join(f"{n}={values[n]}" for n in self.varied) or "base"

    def spec(self, members: Sequence[str], arbitrator: str) -> Any:
        """The DAOSpec of this point for ``members``, each contributing ``contribution``."""
        from dao_sim.governance import DAOSpec
        from dao_sim.governance.units import Wei, parse_amount

        values = dict(self.params)
        contribution = Wei(parse_amount(values["contribution"], field="contribution"))
        return DAOSpec(name="Simulated DAO", members={m: contribution for m in members},
                       arbitrator=arbitrator, voting_period="3 days", grace_period="2 days",
                       execution_window="7 days", **{k: values[k] for k in _SPEC_FIELDS})


@dataclass(frozen=True)
class Experiment:
    """A design to explore.

    Parameters
    ----------
    name : str
        Names the results.
    design : mapping
        Fixed parameter values (see :data:`DEFAULTS`).
    ranges : mapping of name to sequence
        Values to explore; the design points are their product, in the order given.
    population : PopulationSpec
        How the members are made.
    runs : int
        Monte Carlo runs per design point; run ``i`` uses seed ``seed + i`` at every point, so
        the points are compared on the same random draws.
    seed : int
        The first seed.
    description : str
        What the experiment asks.

    Raises
    ------
    SimulationError
        For an unknown parameter or a value the charter or the agents cannot take.

    Examples
    --------
    >>> e = Experiment("x", ranges={"quorum": ["30%", "60%"]}, runs=2)
    >>> [p.label for p in e.points()], e.total_runs
    (['quorum=30%', 'quorum=60%'], 4)
    """

    name: str
    design: Mapping[str, Any] = field(default_factory=dict)
    ranges: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    population: PopulationSpec = PopulationSpec()
    runs: int = 10
    seed: int = 0
    description: str = ""

    def __post_init__(self) -> None:
        for name in [*self.design, *self.ranges]:
            if name not in DEFAULTS:
                raise SimulationError(f"unknown parameter {name!r}{suggest(name, DEFAULTS)}")
        for name, values in self.ranges.items():
            if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or not values:
                raise SimulationError(f"ranges.{name}: expected a non-empty list of values")
        if self.runs < 1:
            raise SimulationError(f"runs: at least 1, not {self.runs}")
        if self.population.kind not in KINDS and self.population.file is None:
            raise SimulationError(f"population.kind: unknown kind {self.population.kind!r}"
                                  f"{suggest(self.population.kind, KINDS)}")
        members = self.population.members
        for point in self.points():
            check_point(point, members)

    def points(self) -> list[DesignPoint]:
        """The design points: every combination of the ranges, over the fixed values."""
        names = tuple(self.ranges)
        combos = itertools.product(*(self.ranges[n] for n in names)) if names else [()]
        out = []
        for i, combo in enumerate(combos):
            values = {**DEFAULTS, **self.design, **dict(zip(names, combo))}
            out.append(DesignPoint(i, tuple(sorted(values.items())), names))
        return out

    def seeds(self) -> list[int]:
        """The seed of each run, the same at every design point."""
        return [self.seed + i for i in range(self.runs)]

    @property
    def total_runs(self) -> int:
        """Runs over all design points."""
        return len(self.points()) * self.runs

    def with_runs(self, runs: int | None = None, seed: int | None = None) -> Experiment:
        """The same experiment with another number of runs or first seed."""
        from dataclasses import replace

        return replace(self, runs=self.runs if runs is None else runs,
                       seed=self.seed if seed is None else seed)


def check_point(point: DesignPoint, members: Sequence[str]) -> None:
    """Refuse a point whose values the charter or the agents cannot take (one clear message)."""
    from dao_sim.governance.units import parse_amount

    values = dict(point.params)
    where = f"design point {point.label}"
    for rate in _RATES:
        v = values[rate]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
            raise SimulationError(f"{where}: {rate} must be a number from 0 to 1, not {v!r}")
    for whole in ("rounds", "bloc_size"):
        v = values[whole]
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise SimulationError(f"{where}: {whole} must be a whole number of at least 0, not {v!r}")
    if values["rounds"] < 1:
        raise SimulationError(f"{where}: rounds must be at least 1")
    if not isinstance(values["whale"], bool):
        raise SimulationError(f"{where}: whale must be true or false, not {values['whale']!r}")
    if values["bloc_size"] > len(members):
        raise SimulationError(f"{where}: bloc_size {values['bloc_size']} is more than the "
                              f"{len(members)} members")
    try:
        for amount in ("whale_buy", "payment", "malicious_payment", "contribution"):
            parse_amount(values[amount], field=amount)
        point.spec(members, "0x" + "11" * 20)
    except DaoSimError as exc:
        raise SimulationError(f"{where}: {exc}") from None


# ---- YAML ----------------------------------------------------------------------------------

_TOP = ("name", "description", "population", "runs", "seed", "design", "ranges")
_POPULATION = ("kind", "size", "degree", "file")


def _line(node: Any, key: Any) -> int | None:
    lc = getattr(node, "lc", None)
    try:
        return int(lc.key(key)[0]) + 1 if lc is not None else None
    except (KeyError, TypeError, AttributeError):
        return None


def load_experiment(path: str | Path) -> Experiment:
    """Read and check the experiment in a YAML file.

    Raises
    ------
    ExperimentFileError
        For a missing file, bad YAML, an unknown field or parameter (with the nearest known
        name), or a value refused: one line, ``file:line: field: what is wrong``.

    Examples
    --------
    >>> load_experiment("no/such.yaml")
    Traceback (most recent call last):
    ...
    dao_sim.simulation.errors.ExperimentFileError: no/such.yaml: no such experiment file
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    shown, file = str(path), Path(path)
    if not file.is_file():
        raise ExperimentFileError(shown, None, "", "no such experiment file")
    try:
        tree = YAML(typ="rt").load(file.read_text(encoding="utf-8"))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ExperimentFileError(shown, None if mark is None else mark.line + 1, "",
                                  f"YAML syntax error: {' '.join(str(exc.problem).split())}") from None
    except (YAMLError, UnicodeDecodeError) as exc:
        raise ExperimentFileError(shown, None, "", f"cannot read: {' '.join(str(exc).split())}") from None
    if not isinstance(tree, Mapping):
        raise ExperimentFileError(shown, 1, "", "expected a mapping with name, runs, design and ranges")

    def refuse(node: Any, key: Any, fieldname: str, reason: str) -> ExperimentFileError:
        return ExperimentFileError(shown, _line(node, key) or 1, fieldname, reason)

    for key in tree:
        if key not in _TOP:
            raise refuse(tree, key, str(key), f"unknown field{suggest(str(key), _TOP)}")
    if "name" not in tree:
        raise ExperimentFileError(shown, 1, "name", "missing required field")
    for section, known in (("design", DEFAULTS), ("ranges", DEFAULTS), ("population", _POPULATION)):
        node = tree.get(section, {})
        if not isinstance(node, Mapping):
            raise refuse(tree, section, section, "expected a mapping")
        for key in node:
            if key not in known:
                raise refuse(node, key, f"{section}.{key}", f"unknown parameter{suggest(str(key), known)}")
    ranges = tree.get("ranges", {})
    for key, values in ranges.items():
        if not isinstance(values, list) or not values:
            raise refuse(ranges, key, f"ranges.{key}", "expected a non-empty list of values")
    for key in ("runs", "seed"):
        value = tree.get(key, 10 if key == "runs" else 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < (1 if key == "runs" else 0):
            raise refuse(tree, key, key, f"expected a whole number{' of at least 1' if key == 'runs' else ''}, "
                         f"not {value!r}")
    raw_population = plain(tree.get("population", {}))
    if raw_population.get("file") is not None:
        raw_population["file"] = str((file.parent / raw_population["file"]).resolve())
    population = PopulationSpec(**raw_population)
    try:
        return Experiment(name=str(tree["name"]), design=plain(tree.get("design", {})),
                          ranges=plain(ranges), population=population, runs=int(tree.get("runs", 10)),
                          seed=int(tree.get("seed", 0)), description=str(tree.get("description", "")))
    except SimulationError as exc:
        text = str(exc)
        for section in ("design", "ranges", "population"):
            node = tree.get(section, {})
            for key in node:
                if str(key) in text:
                    raise refuse(node, key, f"{section}.{key}", text) from None
        raise ExperimentFileError(shown, None, "", text) from None
