"""Reading a scenario file: bytes to text to a YAML tree that remembers its line numbers.

ruamel.yaml's round-trip loader keeps, for every mapping key and sequence item, the line and
column it came from; :func:`line_of` turns a path in the tree (``("steps", 2, "vote")``)
into a 1-based line, and :func:`field_name` into the words an error message uses
(``steps[3].vote``: people count steps from 1).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from dao_sim.plain import plain
from dao_sim.scenarios.errors import Location, ScenarioFileError

__all__ = ["field_name", "line_of", "lines_under", "parse_text", "plain", "read_source"]

PathItem = str | int


def read_source(path: Path, shown: str) -> str:
    """The file's text, decoded as UTF-8.

    Raises
    ------
    ScenarioFileError
        For a path that does not exist or is not a file, and for bytes that are not UTF-8
        (with the line of the first bad byte).
    """
    if not path.exists():
        raise ScenarioFileError(Location(shown, None), "no such scenario file")
    if not path.is_file():
        raise ScenarioFileError(Location(shown, None), "is a directory, not a scenario file")
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScenarioFileError(Location(shown, line), f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                                "save it as UTF-8") from None


def parse_text(text: str, shown: str) -> Any:
    """Parse YAML text into a round-trip tree (mappings and lists that know their lines).

    Raises
    ------
    ScenarioFileError
        For YAML that does not parse (with the line the parser stopped at) and for an empty file.
    """
    loader = YAML(typ="rt")
    try:
        tree = loader.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(str(exc.problem or exc.context or "cannot parse").split())
        raise ScenarioFileError(Location(shown, line), f"YAML syntax error: {what}") from None
    except YAMLError as exc:
        raise ScenarioFileError(Location(shown, None), f"YAML syntax error: {' '.join(str(exc).split())}") from None
    if tree is None:
        raise ScenarioFileError(Location(shown, 1), "the file is empty: a scenario needs at least a title, "
                                "a description, people, an arbitrator and steps")
    return tree


def _position(node: Any, key: PathItem) -> int | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        return int(lc.item(key)[0] if isinstance(node, list) else lc.key(key)[0]) + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return None


def line_of(tree: Any, path: Sequence[PathItem]) -> int | None:
    """The 1-based line of the deepest element of ``path`` that the file has.

    A path that ends inside a missing field gives the line of the nearest existing parent.
    """
    line = getattr(getattr(tree, "lc", None), "line", None)
    best = None if line is None else int(line) + 1
    node = tree
    for key in path:
        inside = (key in node if isinstance(node, dict) else
                  isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node))
        if not inside:
            break
        found = _position(node, key)
        best = found if found is not None else best
        node = node[key]
    return best


def field_name(path: Sequence[PathItem]) -> str:
    """``("steps", 2, "vote", "support")`` -> ``"steps[3].vote.support"`` (lists from 1).

    Examples
    --------
    >>> field_name(("steps", 0, "propose", "actions", 1, "pay"))
    'steps[1].propose.actions[2].pay'
    """
    text = ""
    for key in path:
        if isinstance(key, int):
            text += f"[{key + 1}]"
        else:
            text += f".{key}" if text else str(key)
    return text


def lines_under(node: Any, prefix: tuple[PathItem, ...] = ()) -> Iterator[tuple[str, int]]:
    """Every field under ``node`` with its line: (``"actions[1].pay.amount"``, 14)..."""
    if isinstance(node, dict):
        keys: list[PathItem] = list(node)
    elif isinstance(node, list):
        keys = list(range(len(node)))
    else:
        return
    for key in keys:
        line = _position(node, key)
        if line is not None:
            yield field_name((*prefix, key)), line
        yield from lines_under(node[key], (*prefix, key))
