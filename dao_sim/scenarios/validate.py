"""Check a parsed scenario against :data:`~dao_sim.scenarios.schema.SCHEMA` and say what is
wrong in one line: file, line, field, and the fix.

jsonschema finds every violation; this module picks the first one in the file (the one a
reader meets first) and rewrites jsonschema's message into a sentence for a person who
writes scenarios, not schemas: ``steps[3].vote.support must be one of for, against, abstain
(got 'yes')``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from dao_sim.exceptions import suggest
from dao_sim.scenarios.errors import Location, ScenarioFileError
from dao_sim.scenarios.schema import SCHEMA
from dao_sim.scenarios.source import field_name, line_of
from dao_sim.scenarios.values import (
    read_amount,
    read_duration,
    read_multiple,
    read_percent,
    read_signed_amount,
)

__all__ = ["FORMATS", "check_schema"]

#: The value formats of the schema and the reader that checks each.
FORMATS: dict[str, Callable[[object], int]] = {
    "amount": read_amount,
    "signed-amount": read_signed_amount,
    "duration": read_duration,
    "percent": read_percent,
    "multiple": read_multiple,
}

_TYPES = {"string": "text", "object": "a mapping (field: value)", "array": "a list",
          "boolean": "true or false", "integer": "a whole number", "number": "a number",
          "null": "empty"}
_PATTERNS = {
    r"^[^\n]*$": "must be one line",
    r"^[A-Za-z0-9][A-Za-z0-9_-]*$": "must be a name of letters, digits, '-' and '_' (no spaces)",
    r"^[A-Z][A-Za-z0-9]*$": "must be an error name such as NotAMember",
}


def _checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, reader in FORMATS.items():
        checker.checks(name, raises=(ValueError, TypeError))(_holds(reader))
    return checker


def _holds(reader: Callable[[object], int]) -> Callable[[object], bool]:
    """A format check that passes whenever ``reader`` reads the value (zero included)."""

    def check(value: object) -> bool:
        reader(value)
        return True

    return check


_VALIDATOR = Draft202012Validator(SCHEMA, format_checker=_checker())


def _got(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value) if isinstance(value, str) else str(value)


def _is_step(path: tuple[Any, ...]) -> bool:
    return len(path) == 2 and path[0] == "steps"


def _is_action(path: tuple[Any, ...]) -> bool:
    return len(path) >= 2 and path[-2] == "actions" and isinstance(path[-1], int)


def _explain(error: ValidationError, tree: Any) -> tuple[tuple[Any, ...], str]:
    """The path to point at and the sentence for one jsonschema error."""
    path = tuple(error.absolute_path)
    name = field_name(path)
    schema, value, kind = error.schema, error.instance, error.validator
    in_names = "propertyNames" in error.relative_schema_path
    if kind == "enum" and in_names:
        known = list(schema["enum"])
        what = "step kind" if _is_step(path) else "action" if _is_action(path) else "field"
        return (*path, value), (f"{name}: unknown {what} '{value}'{suggest(str(value), known)} "
                                f"(known: {', '.join(known)})")
    if kind in ("minProperties", "maxProperties") and (_is_step(path) or _is_action(path)):
        keys = ", ".join(str(k) for k in value) or "none"
        example = "vote: {by: Bolat, proposal: website, support: against}" if _is_step(path) \
            else "pay: {to: Erlan, amount: 2 ETH}"
        return path, f"{name} must be a mapping with exactly one key, such as `{example}` (its keys: {keys})"
    if kind == "type":
        if (_is_step(path) or _is_action(path)) and not isinstance(value, dict):
            return path, (f"{name} must be a one-key mapping such as `wait: 3 days` or "
                          f"`vote: {{...}}` (got {_got(value)})")
        if schema.get("format") in FORMATS and not isinstance(value, (dict, list, bool)) and value is not None:
            try:
                FORMATS[schema["format"]](value)
            except (ValueError, TypeError) as exc:
                return path, f"{name}: {exc}"
        if not path:
            return path, f"the top level must be a mapping of title, description, people, arbitrator, dao and steps (got {_got(value)})"
        wanted = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return path, f"{name} must be {' or '.join(_TYPES[t] for t in wanted)} (got {_got(value)})"
    if kind == "enum":
        shown = ", ".join(str(v) for v in schema["enum"])
        hint = suggest(str(value), [str(v) for v in schema["enum"]]) if isinstance(value, str) else ""
        return path, f"{name} must be one of {shown} (got {_got(value)}){hint}"
    if kind == "required":
        missing = error.message.split("'")[1]
        where = name or "the scenario"
        return path, f"{where}: missing required field '{missing}'"
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        extra = [k for k in value if k not in schema.get("properties", {})]
        first = min(extra, key=lambda k: line_of(tree, (*path, k)) or 0)
        where = f"{name}: unknown field" if path else "unknown top-level key"
        return (*path, first), f"{where} '{first}'{suggest(str(first), known)} (known: {', '.join(known)})"
    if kind == "format":
        return path, f"{name}: {error.cause}"
    if kind == "pattern":
        return path, f"{name} {_PATTERNS.get(str(error.validator_value), 'is not well formed')} (got {_got(value)})"
    if kind == "minItems":
        return path, f"{name} must list at least {error.validator_value} item(s)"
    if kind == "uniqueItems":
        return path, f"{name} lists the same name twice"
    return path, f"{name}: {error.message}"


def check_schema(tree: Any, shown: str) -> None:
    """Validate a parsed scenario; raise the first problem in the file as one line.

    Parameters
    ----------
    tree : Any
        The round-trip YAML tree (:func:`~dao_sim.scenarios.source.parse_text`).
    shown : str
        The file name to put in messages.

    Raises
    ------
    ScenarioFileError
        ``file:line: field`` and what is wrong, for the earliest problem in the file.
    """
    found = []
    for order, error in enumerate(_VALIDATOR.iter_errors(tree)):
        path, reason = _explain(error, tree)
        line = line_of(tree, path) or 1
        found.append((line, -len(path), order, reason))
    if found:
        line, _depth, _order, reason = min(found)
        raise ScenarioFileError(Location(shown, line), reason)
