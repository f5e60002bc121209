"""A parsed YAML tree (ruamel's commented maps and sequences, scalars with their own types) as
plain Python, for every reader of a user's YAML file: scenarios and experiments alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["plain"]


def plain(node: Any) -> Any:
    """The tree as plain Python: dict, list, str, int, float, bool, None.

    Examples
    --------
    >>> plain({"a": [1, True, None, 2.5, "x"]})
    {'a': [1, True, None, 2.5, 'x']}
    """
    if isinstance(node, Mapping):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)
