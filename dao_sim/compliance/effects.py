"""What an entry point does that the rules care about: pays, destroys, delegates, tells.

Read from Slither's IR over everything the entry point reaches (its modifiers, internal and
library calls): payments in ether (``transfer``, ``send``, a call with value) and in tokens
(``transfer``/``transferFrom`` and their ``safe`` forms), ``selfdestruct``, ``delegatecall``
(Solidity's and inline assembly's), and the events it emits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slither.core.declarations import Function
from slither.slithir.operations import (
    EventCall,
    HighLevelCall,
    LibraryCall,
    LowLevelCall,
    Send,
    SolidityCall,
    Transfer,
)

__all__ = ["Effect", "delegatecalls", "events", "payments", "selfdestructs"]

#: Calls that move tokens, or ether through OpenZeppelin's ``Address`` library.
_PAYING_CALLS = frozenset({
    "transfer", "transferFrom", "safeTransfer", "safeTransferFrom", "sendValue",
    "functionCallWithValue",
})


@dataclass(frozen=True)
class Effect:
    """One effect at one place: what (``"ether"``, ``"token"``, ``"selfdestruct"``...),
    the IR value it acts on (a payment's recipient, a delegatecall's code address), and the
    IR node holding it (its ``function`` and ``source_mapping`` say where)."""

    kind: str
    target: Any
    node: Any
    name: str = ""

    @property
    def function(self) -> Function:
        """The function (or modifier) whose code holds the effect."""
        return self.node.function


def _name(op: Any) -> str:
    return str(getattr(op, "function_name", "") or getattr(op.function, "name", ""))


def payments(entry: Function) -> list[Effect]:
    """Where ``entry`` sends ether or tokens, with the recipient (or token contract)."""
    found = []
    for node in entry.all_nodes():
        for op in node.irs:
            plain = isinstance(op, (Transfer, Send)) or (
                isinstance(op, LowLevelCall) and op.call_value is not None
                and str(op.function_name) == "call")
            if plain:
                found.append(Effect("ether", op.destination, node))
            elif isinstance(op, LibraryCall) and _name(op) in _PAYING_CALLS:
                target = op.arguments[0] if op.arguments else None
                kind = "ether" if "Value" in _name(op) else "token"
                found.append(Effect(kind, target, node, _name(op)))
            elif isinstance(op, HighLevelCall) and not isinstance(op, LibraryCall):
                if op.call_value is not None:
                    found.append(Effect("ether", op.destination, node, _name(op)))
                elif _name(op) in _PAYING_CALLS:
                    found.append(Effect("token", op.destination, node, _name(op)))
    return found


def selfdestructs(entry: Function) -> list[Effect]:
    """Where ``entry`` reaches ``selfdestruct`` (or ``suicide``), with the beneficiary."""
    return [Effect("selfdestruct", op.arguments[0] if op.arguments else None, node)
            for node in entry.all_nodes() for op in node.irs
            if isinstance(op, SolidityCall)
            and op.function.name.startswith(("selfdestruct(", "suicide("))]


def delegatecalls(entry: Function) -> list[Effect]:
    """Where ``entry`` reaches ``delegatecall``, with the address whose code runs."""
    found = []
    for node in entry.all_nodes():
        for op in node.irs:
            if isinstance(op, LowLevelCall) and str(op.function_name) == "delegatecall":
                found.append(Effect("delegatecall", op.destination, node))
            elif isinstance(op, SolidityCall) and op.function.name.startswith("delegatecall("):
                target = op.arguments[1] if len(op.arguments) > 1 else None
                found.append(Effect("delegatecall", target, node))
    return found


def events(entry: Function) -> list[EventCall]:
    """The events ``entry`` emits (directly or through what it calls)."""
    return [op for node in entry.all_nodes() for op in node.irs if isinstance(op, EventCall)]
