"""The reference page of the scenario format, written from the schema.

``docs/scenarios.md`` is this module's output, never edited by hand: a test checks that the
committed page equals :func:`render_reference`, so the page cannot drift from the format.
Regenerate it with ``python -m dao_sim.scenarios docs/scenarios.md``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dao_sim.files import write_atomically
from dao_sim.scenarios.schema import (
    ACTIONS,
    ARBITRATOR,
    DAO,
    EXPECTATIONS,
    SCHEMA,
    STEP_GROUPS,
    STEPS,
)

__all__ = ["EXAMPLE", "render_reference", "write_reference"]

#: The worked example on the page (a test loads it, so it is always a valid scenario).
EXAMPLE = """\
title: A payment decided by vote executes itself
description: Three members vote to pay a web designer; after the grace window anyone triggers the payment.
people: [Aigerim, Bolat, Dana, Erlan, Gulnara, Madina, Saule]
arbitrator:
  roster:
    - {name: Madina, identified: identity card checked in person, attested_by: Saule}
dao:
  name: Steppe Makers
  members: {Aigerim: 10 ETH, Bolat: 6 ETH, Dana: 4 ETH}
  voting_period: 3 days
  grace_period: 2 days
steps:
  - found:
  - propose:
      id: website
      by: Aigerim
      description: Pay Erlan for the DAO's website
      actions:
        - pay: {to: Erlan, amount: 2 ETH}
  - vote: {by: Aigerim, proposal: website, support: for}
  - vote: {by: Bolat, proposal: website, support: for}
  - vote: {by: Dana, proposal: website, support: against}
  - wait: 3 days
  - execute: {proposal: website, by: Gulnara, expect_refusal: ProposalNotExecutable}
  - wait: 2 days
  - execute: {proposal: website, by: Gulnara}
  - expect:
      proposals: {website: Executed}
      balance_changes: {Erlan: +2 ETH}
      treasury: {balance: 18 ETH}
"""

_INTRO = """\
A scenario is a story told in a YAML file: who takes part, the DAO they found, what each
of them does, step by step, and what must be true along the way. dao-sim checks the file
before anything runs, plays it on a fresh chain (every step is a transaction from the named
person's own key), and fails, naming the line, when an expectation does not hold.

Rules that hold everywhere:

- **Names.** Everyone who appears is listed under `people`; any other name is an error
  that suggests the nearest listed name. Proposals, claims, disputes, automated decisions
  and escrow agreements get a name from the step that creates them (`id: website`) and are
  referred to by it afterwards, never by number.
- **Amounts** carry a unit: `10 ETH`, `0.5 ETH`, `250 gwei`, `1 wei`. A bare `10` is refused
  (ten what?). Changes carry a sign: `+2 ETH`, `-4 ETH`.
- **Durations** carry a unit: `3 days`, `36 hours`, `1 week 2 days`, `90 minutes`. Months and
  years are refused (they have no fixed length).
- **Percentages** carry `%` (`50%`); **multiples** of a contribution carry `x` (`1.5x`).
- **Steps** are a list; each is a mapping with one key, the step's kind:
  `- vote: {by: Bolat, proposal: website, support: against}`. A step whose fields are all
  optional may be left empty: `- found:`. Steps are numbered from 1 in messages.
- **Refusals.** A step that the DAO or the arbitrator must refuse carries
  `expect_refusal: ErrorName` (the contract's error, such as `NotAMember`); the run fails if
  the step goes through, or is refused for another reason.
- **Errors** name the file, the line and the field, in one line:
  `scenarios/x.yaml:14: steps[3].vote.support must be one of for, against, abstain (got 'yes')`.

Requirements of the law are named by their id (`human-dispute`, `liability-cap`,
`automated-decision-rights`); the article each maps to depends on the edition, chosen with
`edition:` and cited by the reports.
"""

_SECTIONS = ("arbitrator", "dao", "steps")
_FORMATS = {"amount": "amount (`10 ETH`)", "signed-amount": "change (`+2 ETH`)",
            "duration": "duration (`3 days`)", "percent": "percentage (`50%`)",
            "multiple": "multiple (`1x`)"}
_REFS = {"person": "a person's name", "proposal": "a proposal's name", "claim": "a claim's name",
         "dispute": "a dispute's name", "decision": "a decision's name", "escrow": "an escrow's name"}


def _value(schema: dict[str, Any]) -> str:
    """A value's kind, in a few words."""
    if "enum" in schema:
        return "one of " + ", ".join(f"`{v!s}`" for v in schema["enum"])
    if "format" in schema:
        return _FORMATS[schema["format"]]
    if "x-ref" in schema:
        return _REFS[schema["x-ref"]]
    if "x-defines" in schema:
        return "a new name (letters, digits, `-`, `_`)"
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "object" in kinds:
        names = schema.get("propertyNames", {})
        if "x-ref" in names:
            return f"mapping of {_REFS[names['x-ref']]} to {_value(schema['additionalProperties'])}"
        return "mapping (fields below)"
    if "array" in kinds:
        return f"list of {_value(schema['items'])}" if "properties" not in schema["items"] else "list (fields below)"
    return {"string": "text", "boolean": "`true` or `false`"}.get(str(kind), str(kind))


def _rows(schema: dict[str, Any], prefix: str = "", *, deep: bool = True) -> Iterator[str]:
    """Table rows for every field of an object schema, nested fields as ``a.b``."""
    required = set(schema.get("required", ()))
    for name, sub in schema.get("properties", {}).items():
        if name == "expect_refusal":
            continue
        field = f"{prefix}{name}"
        mark = "yes" if name in required else ""
        value = f"see `{name}` below" if not deep and name in _SECTIONS else _value(sub)
        yield f"| `{field}` | {mark} | {value} | {sub['description']} |"
        if not deep:
            continue
        inner = sub.get("additionalProperties") if "x-ref" in sub.get("propertyNames", {}) else sub
        if isinstance(inner, dict) and "properties" in inner and inner is not sub:
            key = sub["propertyNames"]["x-ref"]
            yield from _rows(inner, f"{field}.<{key}>.")
        elif "properties" in sub:
            yield from _rows(sub, f"{field}.")
        elif sub.get("type") == "array" and "properties" in sub.get("items", {}):
            yield from _rows(sub["items"], f"{field}[].")


def _table(schema: dict[str, Any], *, deep: bool = True) -> list[str]:
    rows = list(_rows(schema, deep=deep))
    if not rows:
        return []
    return ["| field | required | value | meaning |", "|---|---|---|---|", *rows, ""]


def _step(kind: str, schema: dict[str, Any]) -> list[str]:
    lines = [f"#### `{kind}`", "", schema["description"], ""]
    if "properties" not in schema:
        lines += [f"Its value is {_value({k: v for k, v in schema.items() if k != 'description'})}.", ""]
    elif kind == "expect":
        lines += ["Any of the checks listed under [Expectations](#expectations).", ""]
    else:
        lines += _table(schema)
        if "expect_refusal" in schema["properties"]:
            lines += ["Takes `expect_refusal` too.", ""]
    return lines


def render_reference() -> str:
    """The reference page of the scenario format, in Markdown.

    Returns
    -------
    str
        The page, generated from :data:`~dao_sim.scenarios.schema.SCHEMA`.

    Examples
    --------
    >>> render_reference().splitlines()[0]
    '# Scenario files: the reference'
    """
    out = ["# Scenario files: the reference", "",
           ("<!-- Generated from dao_sim/scenarios/schema.py by "
           "`python -m dao_sim.scenarios docs/scenarios.md`; do not edit by hand. -->"), "",
           _INTRO, "## A worked example", "", "```yaml", EXAMPLE.rstrip(), "```", "",
           ("Aigerim proposes to pay Erlan; the members vote; three days later the vote has "
           "passed, and executing it at once is refused because the grace window is open (members "
           "who voted against may leave, a dispute may be opened). Two days later Gulnara, who is "
           "not a member, triggers the payment; the last step checks it happened."), "",
           "## The top level", "", *_table(SCHEMA, deep=False),
           "## `arbitrator`", "", ARBITRATOR["description"], "", *_table(ARBITRATOR),
           "## `dao`", "", DAO["description"], "", *_table(DAO),
           "## Steps", "", ("Each step below is one item of `steps`. A step that says it *takes `expect_refusal` too* may "
           "carry `expect_refusal: ErrorName` (the contract's error, such as `NotAMember`, or a dao-sim error "
           "class such as `DisputeError`): the step must then be refused with that error, and the run fails "
           "if it goes through or is refused for another reason."), ""]
    for heading, kinds in STEP_GROUPS:
        out += [f"### {heading}", ""]
        for kind in kinds:
            out += _step(kind, STEPS[kind])
    out += ["## Actions", "", "What a proposal does, under `propose.actions`; each is a one-key mapping.", ""]
    for kind, schema in ACTIONS.items():
        out += [f"#### `{kind}`", "", schema["description"], "", *_table(schema)]
    out += ["## Expectations", "", "The checks an `expect` step may hold, in any combination.", "",
            *_table({"properties": EXPECTATIONS})]
    return "\n".join(out).rstrip() + "\n"


def write_reference(path: str | Path) -> None:
    """Write the page to ``path`` in one step (a temporary file renamed over it)."""
    write_atomically(path, render_reference())

