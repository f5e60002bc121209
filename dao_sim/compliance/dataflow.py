"""Where a value in Slither's IR comes from: the caller, the contract itself, storage, a call.

The rules ask questions such as "is ``msg.sender`` compared with a stored address here?",
"who chooses where this payment goes?" or "what does the constructor store in ``owner``?".
Each needs the origin of an IR value through temporaries, conversions, local assignments,
internal calls (their return values) and the parameters of modifiers and helpers (bound at
their call sites). :class:`Resolver` answers that for the functions reachable from one entry
point; it follows no storage writes and no external calls (an external call's result is a
:attr:`Origin.CALL`: another contract decides it).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from slither.core.declarations import Function, SolidityVariable
from slither.core.variables.local_variable import LocalVariable
from slither.core.variables.state_variable import StateVariable
from slither.slithir.operations import (
    Assignment,
    HighLevelCall,
    Index,
    InternalCall,
    LibraryCall,
    Member,
    Operation,
    Return,
    TypeConversion,
    Unary,
)
from slither.slithir.variables import Constant

__all__ = ["Origin", "Resolver", "Source"]

_MAX_DEPTH = 12


class Origin(enum.Enum):
    """What an IR value was derived from."""

    SENDER = "the caller"              # msg.sender, tx.origin, _msgSender()
    SELF = "the contract itself"       # this, address(this)
    STATE = "a state variable"
    CALL = "another contract's answer"  # the result of an external call
    PARAM = "an argument of the call"  # a parameter of the entry point
    CONST = "a constant"
    ELEMENT = "a record"               # a mapping, array or struct element
    OTHER = "a computation"


@dataclass(frozen=True)
class Source:
    """One origin of a value; ``item`` is the state variable, parameter or constant value."""

    origin: Origin
    item: Any = None

    @property
    def name(self) -> str:
        """The variable's name, or the origin's words."""
        return str(getattr(self.item, "name", self.item)) if self.item is not None \
            else self.origin.value

    def is_zero(self) -> bool:
        """Whether the source is the constant 0 (``address(0)``)."""
        return self.origin is Origin.CONST and str(self.item) in ("0", "0x0")


# An environment binds a callee's parameters to the call site that reached it.
_Env = dict[int, tuple[Any, Function, "_Env | None"]]


class Resolver:
    """Origins of IR values in the functions reachable from one entry point.

    Parameters
    ----------
    entry : Function
        The public or external function (or constructor) the analysis starts from; its own
        parameters are :attr:`Origin.PARAM`.
    """

    def __init__(self, entry: Function) -> None:
        self.entry = entry
        self._sites: dict[Function, list[tuple[Operation, Function]]] = {}
        for node in entry.all_nodes():
            for op in node.irs:
                if isinstance(op, (InternalCall, LibraryCall)) and isinstance(op.function, Function):
                    self._sites.setdefault(op.function, []).append((op, node.function))
        self._defs: dict[Function, dict[str, list[Operation]]] = {}

    def _definitions(self, function: Function) -> dict[str, list[Operation]]:
        found = self._defs.get(function)
        if found is None:
            found = {}
            for node in function.nodes:
                for op in node.irs:
                    lvalue = getattr(op, "lvalue", None)
                    if lvalue is not None and not isinstance(lvalue, StateVariable):
                        found.setdefault(str(lvalue.name), []).append(op)
            self._defs[function] = found
        return found

    def sources(self, value: Any, function: Function | None = None) -> frozenset[Source]:
        """The origins of ``value`` as used in ``function`` (the entry point by default)."""
        return frozenset(self._sources(value, function or self.entry, None, 0, frozenset()))

    def sources_of_all(self, values: Iterable[Any], function: Function) -> frozenset[Source]:
        """The union of the origins of several values."""
        out: set[Source] = set()
        for value in values:
            out |= self.sources(value, function)
        return frozenset(out)

    def _sources(self, value: Any, function: Function, env: _Env | None, depth: int,
                 seen: frozenset[tuple[int, str]]) -> set[Source]:
        if depth > _MAX_DEPTH:
            return {Source(Origin.OTHER)}
        if isinstance(value, SolidityVariable):
            if value.name in ("msg.sender", "tx.origin"):
                return {Source(Origin.SENDER)}
            return {Source(Origin.SELF)} if value.name == "this" else {Source(Origin.OTHER)}
        if isinstance(value, Constant):
            return {Source(Origin.CONST, value.value)}
        if isinstance(value, StateVariable):
            return {Source(Origin.STATE, value)}
        if isinstance(value, LocalVariable) and value in function.parameters:
            return self._parameter(value, function, env, depth, seen)
        key = (id(function), str(getattr(value, "name", value)))
        if key in seen:
            return set()
        defs = self._definitions(function).get(key[1], [])
        if not defs:
            return {Source(Origin.OTHER)}
        out: set[Source] = set()
        for op in defs:
            out |= self._from_op(op, function, env, depth + 1, seen | {key})
        return out

    def _parameter(self, param: LocalVariable, function: Function, env: _Env | None,
                   depth: int, seen: frozenset[tuple[int, str]]) -> set[Source]:
        index = function.parameters.index(param)
        if env is not None and index in env:
            arg, caller, caller_env = env[index]
            return self._sources(arg, caller, caller_env, depth + 1, seen)
        if function is self.entry:
            return {Source(Origin.PARAM, param)}
        out: set[Source] = set()
        for op, caller in self._sites.get(function, []):
            args = op.arguments
            if index < len(args):
                out |= self._sources(args[index], caller, None, depth + 1, seen)
        return out or {Source(Origin.OTHER)}

    def _from_op(self, op: Operation, function: Function, env: _Env | None, depth: int,
                 seen: frozenset[tuple[int, str]]) -> set[Source]:
        if isinstance(op, Assignment):
            return self._sources(op.rvalue, function, env, depth, seen)
        if isinstance(op, TypeConversion):
            return self._sources(op.variable, function, env, depth, seen)
        if isinstance(op, Unary):
            return self._sources(op.rvalue, function, env, depth, seen)
        if isinstance(op, (InternalCall, LibraryCall)) and isinstance(op.function, Function) \
                and op.function.nodes:
            callee = op.function
            bound: _Env = {i: (arg, function, env) for i, arg in enumerate(op.arguments)}
            out: set[Source] = set()
            for value in self._returned(callee):
                out |= self._sources(value, callee, bound, depth, seen)
            return out or {Source(Origin.OTHER)}
        if isinstance(op, HighLevelCall):
            return {Source(Origin.CALL, op.destination)}
        if isinstance(op, (Index, Member)):
            return {Source(Origin.ELEMENT)}
        return {Source(Origin.OTHER)}

    @staticmethod
    def _returned(callee: Function) -> Sequence[Any]:
        values = [v for node in callee.nodes for op in node.irs if isinstance(op, Return)
                  for v in op.values]
        return values or list(callee.returns)
