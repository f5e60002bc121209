"""Load a scenario file: parse, validate against the schema, check what the schema cannot
(names of people and of things earlier steps created, choices between fields, the DAO's
rules), and return a frozen :class:`~dao_sim.scenarios.model.Scenario`.

Every problem is raised as one :class:`~dao_sim.scenarios.errors.ScenarioFileError` naming
the file, the line and the field, before anything is deployed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dao_sim.exceptions import SpecError, suggest
from dao_sim.governance import DAOSpec, Dues
from dao_sim.governance.units import Wei
from dao_sim.scenarios.errors import Location, ScenarioFileError
from dao_sim.scenarios.model import ArbitratorPlan, RosterEntry, Scenario, Step
from dao_sim.scenarios.schema import SCHEMA
from dao_sim.scenarios.source import (
    field_name,
    line_of,
    lines_under,
    parse_text,
    plain,
    read_source,
)
from dao_sim.scenarios.validate import FORMATS, check_schema
from dao_sim.scenarios.values import read_amount, read_duration

__all__ = ["load_scenario", "load_text"]

#: Steps that act on the DAO, so need a `found` step before them.
_NEEDS_DAO = frozenset({"join", "contribute", "propose", "vote", "execute", "exit", "claim", "withdraw",
                        "pay_capital", "pay_dues", "enforce_dues", "request_review", "review"})
#: Expectations that read the DAO.
_EXPECT_DAO = frozenset({"treasury", "members", "stakes", "suspended", "liabilities", "credits"})
_THINGS = {"proposal": "proposed", "claim": "filed", "dispute": "opened", "decision": "made",
           "escrow": "made"}
_WEI_PER_ETH = 10**18


def load_scenario(path: str | Path) -> Scenario:
    """Read and check the scenario in ``path``.

    Parameters
    ----------
    path : str or Path
        The YAML file; messages name it as given.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioFileError
        For a missing file, a directory, non-UTF-8 bytes, bad YAML, or any field the format
        refuses: one line, ``file:line: field`` and what is wrong.

    Examples
    --------
    >>> load_scenario("no/such.yaml")
    Traceback (most recent call last):
    ...
    dao_sim.scenarios.errors.ScenarioFileError: no/such.yaml: no such scenario file
    """
    shown = str(path)
    return load_text(read_source(Path(path), shown), shown)


def load_text(text: str, name: str = "<text>") -> Scenario:
    """Check a scenario given as YAML text.

    Parameters
    ----------
    text : str
        The scenario, as a file would hold it.
    name : str
        What messages call the file.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioFileError
        As :func:`load_scenario`.

    Examples
    --------
    >>> load_text("title: x", "x.yaml")
    Traceback (most recent call last):
    ...
    dao_sim.scenarios.errors.ScenarioFileError: x.yaml:1: the scenario: missing required field 'description'
    """
    tree = parse_text(text, name)
    check_schema(tree, name)
    return _Checker(tree, name).scenario()


def _marks(schema: dict[str, Any], node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str, str, Any]]:
    """Every reference (``x-ref``) and definition (``x-defines``) under ``node``, in order."""
    for mark in ("x-ref", "x-defines"):
        if mark in schema:
            yield path, mark, schema[mark], node
    if isinstance(node, dict):
        names = schema.get("propertyNames", {})
        extra = schema.get("additionalProperties")
        for key, value in node.items():
            if "x-ref" in names:
                yield (*path, key), "x-ref", names["x-ref"], key
            sub = schema.get("properties", {}).get(key, extra if isinstance(extra, dict) else None)
            if sub is not None:
                yield from _marks(sub, value, (*path, key))
    elif isinstance(node, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(node):
            yield from _marks(schema["items"], item, (*path, i))


class _Checker:
    """One pass over a schema-valid tree: names, order, choices, and the DAO's rules."""

    def __init__(self, tree: Any, shown: str) -> None:
        self.tree = tree
        self.shown = shown
        self.people = [str(p) for p in tree["people"]]
        self.defined: dict[str, dict[str, tuple[Any, ...]]] = {kind: {} for kind in _THINGS}
        self.kinds: dict[str, str] = {}  # dispute name -> "proposal" | "escrow"

    def fail(self, path: tuple[Any, ...], reason: str) -> ScenarioFileError:
        name = field_name(path)
        return ScenarioFileError(Location(self.shown, line_of(self.tree, path)), f"{name}: {reason}" if name else reason)

    # -- names ------------------------------------------------------------------------------

    def _person(self, path: tuple[Any, ...], name: Any) -> None:
        if name not in self.people:
            raise self.fail(path, f"'{name}' is not one of the people{suggest(str(name), self.people)} "
                            f"(people: {', '.join(self.people)})")

    def _reference(self, path: tuple[Any, ...], kind: str, name: str, step: int) -> None:
        if name in self.defined[kind]:
            return
        later = [p for p in self._definitions(kind, name) if p[1] > step]
        if later:
            raise self.fail(path, f"the {kind} '{name}' is only {_THINGS[kind]} at {field_name(later[0][:2])} "
                            f"(line {line_of(self.tree, later[0])}), after this step")
        known = list(self.defined[kind])
        listed = f" ({kind}s so far: {', '.join(known)})" if known else f" (no {kind} is {_THINGS[kind]} before it)"
        raise self.fail(path, f"no {kind} named '{name}'{suggest(name, known)}{listed}")

    def _definitions(self, kind: str, name: str) -> list[tuple[Any, ...]]:
        return [path for path, mark, what, value in _marks(SCHEMA, self.tree, ())
                if mark == "x-defines" and what == kind and value == name]

    def _names(self) -> None:
        for path, _mark, _kind, value in _marks(SCHEMA, self.tree, ()):
            if _kind == "person" and path[0] != "steps":
                self._person(path, value)
        for index, item in enumerate(self.tree["steps"]):
            marks = list(_marks(SCHEMA["properties"]["steps"]["items"], item, ("steps", index)))
            for path, mark, kind, value in marks:
                if kind == "person":
                    self._person(path, value)
                elif mark == "x-ref":
                    self._reference(path, kind, str(value), index)
            for path, mark, kind, value in marks:
                if mark == "x-defines":
                    if value in self.defined[kind]:
                        first = self.defined[kind][value]
                        raise self.fail(path, f"a {kind} named '{value}' is already {_THINGS[kind]} at "
                                        f"{field_name(first[:2])} (line {line_of(self.tree, first)}); "
                                        "give each one its own name")
                    self.defined[kind][str(value)] = path

    # -- steps ------------------------------------------------------------------------------

    def _steps(self) -> tuple[Step, ...]:
        founded, steps = False, []
        has_dao = "dao" in self.tree
        for index, item in enumerate(self.tree["steps"]):
            kind = next(iter(item))
            value = item[kind]
            at = ("steps", index, kind)
            if kind == "found":
                if not has_dao:
                    raise self.fail(at, "there is no `dao` section to found")
                if founded:
                    raise self.fail(at, "the DAO is already founded by an earlier step")
                founded = True
            elif kind == "acknowledge" and not (self.tree.get("dao") or {}).get("sandbox"):
                raise self.fail(at, "the `dao` section declares no sandbox whose terms to acknowledge")
            elif kind in _NEEDS_DAO and not founded:
                raise self.fail(at, "the DAO does not exist yet: add a `found:` step before this one")
            elif kind == "expect" and not founded and _EXPECT_DAO & set(value or ()):
                first = min(_EXPECT_DAO & set(value), key=lambda k: line_of(self.tree, (*at, k)) or 0)
                raise self.fail((*at, first), "the DAO does not exist yet: add a `found:` step before this one")
            self._choices(kind, value, at)
            steps.append(Step(index=index + 1, kind=kind, value=plain(value),
                              line=line_of(self.tree, at) or 1, path=f"steps[{index + 1}]",
                              lines=dict(lines_under(value))))
        return tuple(steps)

    def _choices(self, kind: str, value: Any, at: tuple[Any, ...]) -> None:
        if kind == "propose" and ("actions" in value) == ("amend" in value):
            raise self.fail(at, "give either `actions` (what the proposal does) or `amend` (a successor "
                            "DAO), not both or neither")
        if kind == "dispute":
            if ("proposal" in value) == ("escrow" in value):
                raise self.fail(at, "name either the `proposal` or the `escrow` disputed, not both or neither")
            self.kinds[str(value["id"])] = "proposal" if "proposal" in value else "escrow"
            if "escrow" in value and "compensation" in value:
                raise self.fail((*at, "compensation"), "compensation is asked only in a proposal's dispute")
        if kind == "rule":
            self._rule(value, at)

    def _rule(self, value: Any, at: tuple[Any, ...]) -> None:
        about = self.kinds.get(str(value["dispute"]), "proposal")
        if value.get("ask"):
            if "ruling" in value or "payee_share" in value:
                raise self.fail(at, "`ask: true` asks the person at the keyboard: give no `ruling` or `payee_share`")
            return
        if about == "proposal":
            if "payee_share" in value:
                raise self.fail((*at, "payee_share"), "payee_share is for an escrow's dispute; a proposal's "
                                "ruling is uphold, void, remedy or refuse")
            if "ruling" not in value:
                raise self.fail(at, "missing `ruling` (uphold, void, remedy or refuse), or `ask: true`")
        elif "ruling" in value and value["ruling"] != "refuse":
            raise self.fail((*at, "ruling"), f"an escrow's ruling is a `payee_share` (or `ruling: refuse`), "
                            f"not '{value['ruling']}'")
        elif "ruling" not in value and "payee_share" not in value:
            raise self.fail(at, "missing `payee_share` (or `ruling: refuse`), or `ask: true`")

    # -- the DAO and the arbitrator --------------------------------------------------------------

    def _rules(self, node: Any, at: tuple[Any, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        props = SCHEMA["properties"]["dao"]["properties"]
        for key, value in node.items():
            fmt = props.get(key, {}).get("format")
            if key == "dues":
                out[key] = Dues(Wei(read_amount(value["amount"])), read_duration(value["period"]))
            elif key == "members":
                out[key] = {str(n): Wei(read_amount(a)) for n, a in value.items()}
            elif fmt == "amount":  # read already: wei, said so
                out[key] = Wei(read_amount(value))
            elif fmt is not None:
                out[key] = FORMATS[fmt](value)
            else:
                out[key] = plain(value)
        return out

    def _spec(self, label: str) -> DAOSpec | None:
        if "dao" not in self.tree:
            return None
        try:
            return DAOSpec(arbitrator=label, **self._rules(self.tree["dao"], ("dao",)))
        except SpecError as exc:
            raise self._spec_error(("dao",), exc) from None

    def _spec_error(self, at: tuple[Any, ...], exc: SpecError) -> ScenarioFileError:
        text = str(exc)
        head, _, rest = text.partition(": ")
        if rest and " " not in head:
            path = (*at, *head.split("."))
            return self.fail(path, rest)
        return self.fail(at, text)

    def _amendments(self, spec: DAOSpec | None) -> dict[str, DAOSpec]:
        out = {}
        for index, item in enumerate(self.tree["steps"]):
            if "propose" in item and "amend" in item["propose"] and spec is not None:
                at = ("steps", index, "propose", "amend")
                try:
                    out[str(item["propose"]["id"])] = dataclasses.replace(spec, **self._rules(item["propose"]["amend"], at))
                except SpecError as exc:
                    raise self._spec_error(at, exc) from None
        return out

    def _arbitrator(self) -> ArbitratorPlan:
        node = self.tree["arbitrator"]
        roster = tuple(RosterEntry(str(p["name"]), str(p["identified"]), str(p["attested_by"]))
                       for p in node["roster"])
        names = [p.name for p in roster]
        for i, name in enumerate(names):
            if name in names[:i]:
                raise self.fail(("arbitrator", "roster", i, "name"), f"'{name}' is on the roster twice")
        return ArbitratorPlan(
            label=str(node.get("label", "HumanArbitrator")), roster=roster,
            fee=read_amount(node.get("fee", "0 ETH")), appeal_fee=read_amount(node.get("appeal_fee", "0 ETH")),
            ruling_period=read_duration(node.get("ruling_period", "7 days")),
            appeal_window=read_duration(node.get("appeal_window", "3 days")))

    def _funding(self) -> int:
        wei = read_amount(self.tree.get("funding", "1000 ETH"))
        if wei % _WEI_PER_ETH or wei == 0:
            raise self.fail(("funding",), "must be a whole number of ETH, more than 0 (e.g. '1000 ETH')")
        return wei // _WEI_PER_ETH

    def scenario(self) -> Scenario:
        self._names()
        steps = self._steps()
        arbitrator = self._arbitrator()
        spec = self._spec(arbitrator.label)
        return Scenario(path=self.shown, title=str(self.tree["title"]), description=str(self.tree["description"]),
                        edition=str(self.tree["edition"]) if "edition" in self.tree else None,
                        people=tuple(self.people), funding_eth=self._funding(), arbitrator=arbitrator,
                        spec=spec, steps=steps, amendments=self._amendments(spec))

