"""Why a transaction failed, read from its revert data; which event a log is.

Revert data and logs often come from a contract other than the one called (a DAO's call
into a token that reverts with the token's error, a log from a contract a factory
created), so :class:`AbiRegistry` pools the errors and events that every contract of a
session declares, plus Solidity's own ``Error(string)`` and ``Panic(uint256)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eth_abi import decode
from eth_abi.exceptions import DecodingError

from dao_sim.chain.abi import ContractAbi, ErrorAbi, EventAbi, humanize

__all__ = ["PANIC_CODES", "AbiRegistry", "DecodedError"]

#: What each ``Panic(uint256)`` code means, in Solidity's own words (0.8 and later).
PANIC_CODES: Mapping[int, str] = {
    0x00: "generic compiler-inserted panic",
    0x01: "assert(false): an internal invariant was broken",
    0x11: "arithmetic overflow or underflow",
    0x12: "division or modulo by zero",
    0x21: "conversion of an out-of-range value to an enum",
    0x22: "access to an incorrectly encoded storage byte array",
    0x31: ".pop() on an empty array",
    0x32: "array index out of bounds",
    0x41: "too much memory allocated, or an array too large",
    0x51: "call to a zero-initialised internal function variable",
}


@dataclass(frozen=True)
class DecodedError:
    """A revert reason read from revert data.

    ``message`` is a sentence for people: the string of ``Error(string)``, what a panic
    code means, or the error's signature for a custom error. ``raw`` keeps the revert
    data as ``0x`` hex, as evidence. Data that matches no known error decodes (through
    :meth:`AbiRegistry.explain`) to ``Revert`` when empty and ``UnknownError`` otherwise.
    """

    name: str
    args: dict[str, Any]
    signature: str
    message: str
    raw: str

    def describe(self, name_of: Callable[[str], str] | None = None) -> str:
        """Say what went wrong in one line; ``name_of`` shows addresses as names.

        Examples
        --------
        >>> DecodedError("NotMember", {"who": 7}, "NotMember(uint256)", "", "0x").describe()
        'NotMember(who=7)'
        """
        if not self.signature or self.signature == "Error(string)":
            return self.message
        if self.name == "Panic" and self.signature == "Panic(uint256)":
            return f"Panic: {self.message}"
        shown = ", ".join(f"{k}={_show(v, name_of)}" for k, v in self.args.items())
        return f"{self.name}({shown})"

    def __str__(self) -> str:
        return self.describe()


def _show(value: Any, name_of: Callable[[str], str] | None) -> Any:
    if name_of is not None and isinstance(value, str) and len(value) == 42 and value[:2] == "0x":
        return name_of(value)
    return value


_BUILTIN_ERRORS = (
    ErrorAbi.from_entry({"type": "error", "name": "Error",
                         "inputs": [{"name": "reason", "type": "string"}]}),
    ErrorAbi.from_entry({"type": "error", "name": "Panic",
                         "inputs": [{"name": "code", "type": "uint256"}]}),
)


class AbiRegistry:
    """Every error and event that the contracts of a session declare, pooled.

    Examples
    --------
    >>> registry = AbiRegistry()
    >>> registry.decode_error(bytes.fromhex("4e487b71" + "11".rjust(64, "0"))).message
    'arithmetic overflow or underflow (panic 0x11)'
    """

    def __init__(self) -> None:
        self._errors: dict[bytes, ErrorAbi] = {e.selector: e for e in _BUILTIN_ERRORS}
        self._events: dict[tuple[bytes, int], EventAbi] = {}

    def register(self, contract: ContractAbi) -> None:
        """Add a contract's errors and events; the first contract to declare one wins."""
        for error in contract.errors:
            self._errors.setdefault(error.selector, error)
        for topic, event in contract.events.items():
            self._events.setdefault((topic, 1 + len(event.indexed)), event)

    @property
    def error_signatures(self) -> list[str]:
        """Signatures of every error this registry can decode, builtins first."""
        return [e.signature for e in self._errors.values()]

    def event_for(self, topics: Sequence[bytes]) -> EventAbi | None:
        """Find the event a log's topics belong to (topic 0 and the indexed count)."""
        if not topics:
            return None
        return self._events.get((topics[0], len(topics)))

    def decode_error(self, data: bytes) -> DecodedError | None:
        """Decode revert data, or return ``None`` when it matches no known error.

        Empty data (a bare ``revert()``, an invalid opcode, running out of gas) and data
        whose arguments do not decode also give ``None``.
        """
        error = self._errors.get(bytes(data[:4])) if len(data) >= 4 else None
        if error is None:
            return None
        try:
            values = decode(error.types, data[4:])
        except DecodingError:
            return None
        args = dict(zip(error.names, (humanize(v if c is None else c(v))
                                      for c, v in zip(error.converters, values))))
        if error is _BUILTIN_ERRORS[0]:
            message = str(args["reason"])
        elif error is _BUILTIN_ERRORS[1]:
            code = int(args["code"])
            meaning = PANIC_CODES.get(code, "unknown panic code")
            message = f"{meaning} (panic 0x{code:02x})"
        else:
            message = error.signature
        return DecodedError(error.name, args, error.signature, message, humanize(bytes(data)))

    def explain(self, data: bytes) -> DecodedError:
        """Like :meth:`decode_error`, but always name the failure, even an unknown one."""
        decoded = self.decode_error(data)
        if decoded is not None:
            return decoded
        if not data:
            return DecodedError("Revert", {}, "", "reverted without a reason: a bare "
                                "revert(), an invalid opcode or running out of gas", "0x")
        return DecodedError("UnknownError", {"selector": humanize(bytes(data[:4]))}, "",
                            f"revert data 0x{bytes(data).hex()} matches no error of the "
                            "contracts this session knows", humanize(bytes(data)))
