"""Contract ABIs, read once: function calls, event logs and custom errors.

An ABI is parsed into :class:`ContractAbi` when a contract is deployed or attached, so a
transaction pays only for ``eth_abi`` encoding and decoding, never for parsing JSON or
hashing signatures. :mod:`dao_sim.chain.reverts` pools the errors and events of every
contract of a session to read revert data and logs.

Values come in two shades: *raw* (what ``eth_abi`` gives, with checksum addresses) for
code, and *human* (bytes as ``0x`` hex, lists as tuples) for journals and reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eth_abi import decode, encode
from eth_abi.exceptions import DecodingError, EncodingError
from eth_utils import keccak

from dao_sim.chain.abi_words import Irregular, checksum, word_decoder, word_encoders
from dao_sim.exceptions import ChainError, UnknownFunctionError

__all__ = [
    "ContractAbi",
    "ErrorAbi",
    "EventAbi",
    "FunctionAbi",
    "canonical_type",
    "checksum",
    "converter",
    "humanize",
]

Converter = Callable[[Any], Any]


def canonical_type(param: Mapping[str, Any]) -> str:
    """Return the canonical ABI type of a JSON ABI parameter (``tuple`` spelled out).

    Examples
    --------
    >>> canonical_type({"type": "tuple[]", "components": [{"type": "uint256"},
    ...                                                   {"type": "address"}]})
    '(uint256,address)[]'
    """
    kind = param["type"]
    if kind.startswith("tuple"):
        inner = ",".join(canonical_type(c) for c in param.get("components", ()))
        return f"({inner}){kind[5:]}"
    return str(kind)


def converter(param: Mapping[str, Any], leaf: Callable[[str], Converter | None]
              ) -> Converter | None:
    """Build a function that rewrites the leaves of a value shaped like ``param``.

    ``leaf(type)`` returns the rewrite for one elementary type, or ``None`` to keep such
    values as they are. The result is ``None`` when nothing in ``param`` needs rewriting,
    so that the common case (``uint256`` arguments) costs nothing per transaction.
    """
    kind = param["type"]
    if kind.endswith("]"):
        inner = converter({**param, "type": kind[: kind.rindex("[")]}, leaf)
        if inner is None:
            return None
        return lambda values: tuple(inner(v) for v in values)
    if kind == "tuple":
        parts = [converter(c, leaf) for c in param.get("components", ())]
        if all(p is None for p in parts):
            return None
        return lambda values: tuple(v if p is None else p(v) for p, v in zip(parts, values))
    return leaf(kind)




def _hex(value: bytes) -> str:
    return "0x" + bytes(value).hex()


def _raw_leaf(kind: str) -> Converter | None:
    return checksum if kind == "address" else None


def _address_bytes(value: Any) -> Any:
    """An address as eth_abi encodes it fastest: 20 bytes (given a ``0x`` string, eth_abi
    hashes it to look at its checksum, every time, and then encodes any 40 hex digits alike).
    Anything else passes unchanged, for eth_abi to judge as before."""
    if isinstance(value, str) and len(value) == 42 and value[:2] == "0x":
        try:
            return bytes.fromhex(value[2:])
        except ValueError:
            return value
    return value


def _encode_leaf(kind: str) -> Converter | None:
    return _address_bytes if kind == "address" else None


def _human_leaf(kind: str) -> Converter | None:
    if kind == "address":
        return checksum
    if kind.startswith("bytes"):
        return _hex
    return None


def humanize(value: Any) -> Any:
    """Make a raw value readable and JSON-friendly: bytes to ``0x`` hex, lists to tuples."""
    if isinstance(value, bytes | bytearray):
        return _hex(bytes(value))
    if isinstance(value, list | tuple):
        return tuple(humanize(v) for v in value)
    return value


def _names(params: Sequence[Mapping[str, Any]], prefix: str) -> tuple[str, ...]:
    return tuple(p.get("name") or f"{prefix}{i}" for i, p in enumerate(params))


def _some(converters: tuple[Converter | None, ...]) -> tuple[Converter | None, ...] | None:
    """The converters, or ``None`` when none of them converts anything."""
    return converters if any(converters) else None


def _apply(converters: Sequence[Converter | None], values: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(v if c is None else c(v) for c, v in zip(converters, values))


@dataclass(frozen=True)
class FunctionAbi:
    """One function (or the constructor, named ``"constructor"``) with its codecs ready."""

    name: str
    signature: str
    selector: bytes
    inputs: tuple[Mapping[str, Any], ...]
    input_types: tuple[str, ...]
    input_names: tuple[str, ...]
    output_types: tuple[str, ...]
    output_names: tuple[str, ...]
    mutability: str
    _raw_out: tuple[Converter | None, ...] = field(repr=False, compare=False)
    _human_in: tuple[Converter | None, ...] = field(repr=False, compare=False)
    _encode_in: tuple[Converter | None, ...] | None = field(repr=False, compare=False)
    _words: tuple[Callable[[Any], bytes], ...] | None = field(repr=False, compare=False)

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any]) -> FunctionAbi:
        """Read one ``function`` or ``constructor`` entry of a JSON ABI."""
        name = entry.get("name") or entry["type"]
        inputs = tuple(entry.get("inputs", ()))
        outputs = tuple(entry.get("outputs", ()))
        types = tuple(canonical_type(p) for p in inputs)
        signature = f"{name}({','.join(types)})"
        return cls(
            name=name,
            signature=signature,
            selector=keccak(text=signature)[:4] if entry["type"] == "function" else b"",
            inputs=inputs,
            input_types=types,
            input_names=_names(inputs, "arg"),
            output_types=tuple(canonical_type(p) for p in outputs),
            output_names=_names(outputs, "out"),
            mutability=entry.get("stateMutability", "nonpayable"),
            _raw_out=tuple(converter(p, _raw_leaf) for p in outputs),
            _human_in=tuple(converter(p, _human_leaf) for p in inputs),
            _encode_in=_some(tuple(converter(p, _encode_leaf) for p in inputs)),
            _words=word_encoders(types),
        )

    def encode(self, args: Sequence[Any]) -> bytes:
        """Return the calldata: selector and ABI-encoded ``args``.

        Raises
        ------
        ChainError
            When the number or the types of ``args`` do not fit the signature.
        """
        if len(args) != len(self.input_types):
            raise ChainError(f"{self.signature} takes {len(self.input_types)} argument(s), "
                             f"got {len(args)}")
        try:
            if self._encode_in is not None:
                args = _apply(self._encode_in, args)
            if self._words is not None:
                try:
                    return self.selector + b"".join(
                        [word(a) for word, a in zip(self._words, args)])
                except Irregular:
                    pass
            return self.selector + encode(self.input_types, args)
        except (EncodingError, TypeError, ValueError, OverflowError) as exc:
            raise ChainError(f"cannot encode arguments for {self.signature}: {exc}") from exc

    def decode_output(self, data: bytes) -> Any:
        """Decode return data: one output gives the value, several give a tuple."""
        try:
            values = _apply(self._raw_out, decode(self.output_types, data))
        except DecodingError as exc:
            raise ChainError(f"{self.signature} returned data that does not fit its "
                             f"outputs {self.output_types}: 0x{data.hex()}") from exc
        if len(values) == 1:
            return values[0]
        return values

    def human_args(self, args: Sequence[Any]) -> dict[str, Any]:
        """Name the (already encodable) ``args`` and make them readable for the journal."""
        if any(self._human_in):
            args = _apply(self._human_in, args)
        return {name: humanize(value) for name, value in zip(self.input_names, args)}


def _hashed(kind: str) -> bool:
    """Whether an indexed argument of this type is stored as the hash of its value."""
    return kind in ("string", "bytes") or kind.endswith("]") or kind.startswith("(")


@dataclass(frozen=True)
class EventAbi:
    """One non-anonymous event, identified by its topic 0."""

    name: str
    signature: str
    topic: bytes
    indexed: tuple[tuple[str, str, Converter | None], ...] = field(repr=False)
    data: tuple[tuple[str, str, Converter | None], ...] = field(repr=False)
    order: tuple[str, ...] = field(repr=False)
    _fast: tuple[tuple[tuple[str, Callable[[bytes], Any] | None], ...],
                 tuple[tuple[str, Callable[[bytes], Any]], ...]] | None = field(
        default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Prepare word decoders when every data argument has a static elementary type."""
        data = [(n, word_decoder(t)) for n, t, _ in self.data]
        indexed = [(n, None if _hashed(t) else word_decoder(t)) for n, t, _ in self.indexed]
        if all(d is not None for _, d in data) and all(
                d is not None or _hashed(t) for (_, d), (_, t, _) in zip(indexed, self.indexed)):
            fast = (tuple(indexed), tuple((n, d) for n, d in data if d is not None))
            object.__setattr__(self, "_fast", fast)

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any]) -> EventAbi:
        """Read one ``event`` entry of a JSON ABI."""
        inputs = entry.get("inputs", ())
        names = _names(inputs, "arg")
        parts = [(n, canonical_type(p), converter(p, _human_leaf), bool(p.get("indexed")))
                 for n, p in zip(names, inputs)]
        signature = f"{entry['name']}({','.join(t for _, t, _, _ in parts)})"
        return cls(
            name=entry["name"],
            signature=signature,
            topic=keccak(text=signature),
            indexed=tuple((n, t, c) for n, t, c, i in parts if i),
            data=tuple((n, t, c) for n, t, c, i in parts if not i),
            order=names,
        )

    def decode(self, topics: Sequence[bytes], data: bytes) -> dict[str, Any]:
        """Decode a log into human values by argument name, in declaration order.

        An indexed argument of a dynamic type (``string``, ``bytes``, arrays, structs) is
        stored only as its hash; it comes back as that hash in hex.
        """
        if self._fast is not None and len(data) == 32 * len(self._fast[1]):
            try:
                return self._decode_words(topics, data)
            except Irregular:
                pass
        values: dict[str, Any] = {}
        for (name, kind, conv), topic in zip(self.indexed, topics[1:]):
            if kind in ("string", "bytes") or kind.endswith("]") or kind.startswith("("):
                values[name] = _hex(topic)
            else:
                value = decode((kind,), topic)[0]
                values[name] = value if conv is None else conv(value)
        if self.data:
            decoded = decode(tuple(t for _, t, _ in self.data), data)
            for (name, _, conv), value in zip(self.data, decoded):
                values[name] = humanize(value if conv is None else conv(value))
        return {name: values[name] for name in self.order}

    def _decode_words(self, topics: Sequence[bytes], data: bytes) -> dict[str, Any]:
        """:meth:`decode` for events of static elementary types, word by word."""
        assert self._fast is not None
        indexed, words = self._fast
        values: dict[str, Any] = {}
        for (name, word), topic in zip(indexed, topics[1:]):
            values[name] = _hex(topic) if word is None else word(topic)
        for i, (name, word) in enumerate(words):
            values[name] = word(data[32 * i:32 * i + 32])
        return {name: values[name] for name in self.order}


@dataclass(frozen=True)
class ErrorAbi:
    """One custom error (or ``Error(string)`` / ``Panic(uint256)``) and its selector."""

    name: str
    signature: str
    selector: bytes
    types: tuple[str, ...]
    names: tuple[str, ...]
    converters: tuple[Converter | None, ...] = field(repr=False, compare=False)

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any]) -> ErrorAbi:
        """Read one ``error`` entry of a JSON ABI."""
        inputs = entry.get("inputs", ())
        types = tuple(canonical_type(p) for p in inputs)
        signature = f"{entry['name']}({','.join(types)})"
        return cls(entry["name"], signature, keccak(text=signature)[:4], types,
                   _names(inputs, "arg"), tuple(converter(p, _human_leaf) for p in inputs))


class ContractAbi:
    """A contract's JSON ABI, parsed: functions by name, events by topic, its errors.

    Parameters
    ----------
    abi : sequence of dict
        The ABI as the compiler emits it.
    label : str
        The contract's name, for messages.
    """

    def __init__(self, abi: Iterable[Mapping[str, Any]], label: str = "contract") -> None:
        self.label = label
        self.entries = tuple(abi)
        self.constructor = FunctionAbi.from_entry({"type": "constructor", "inputs": []})
        self.functions: dict[str, list[FunctionAbi]] = {}
        self.by_signature: dict[str, FunctionAbi] = {}
        self.events: dict[bytes, EventAbi] = {}
        self.errors: list[ErrorAbi] = []
        for entry in self.entries:
            kind = entry.get("type", "function")
            if kind == "function":
                fn = FunctionAbi.from_entry(entry)
                self.functions.setdefault(fn.name, []).append(fn)
                self.by_signature[fn.signature] = fn
            elif kind == "constructor":
                self.constructor = FunctionAbi.from_entry(entry)
            elif kind == "event" and not entry.get("anonymous"):
                event = EventAbi.from_entry(entry)
                self.events[event.topic] = event
            elif kind == "error":
                self.errors.append(ErrorAbi.from_entry(entry))

    def function(self, name: str, arg_count: int | None = None) -> FunctionAbi:
        """Find a function by name or full signature; pick an overload by argument count.

        Raises
        ------
        UnknownFunctionError
            When no function has that name, or several overloads take ``arg_count``.
        """
        found = self.by_signature.get(name) if "(" in name else None
        if found is not None:
            return found
        overloads = self.functions.get(name)
        if not overloads:
            raise UnknownFunctionError(self.label, name, self.functions)
        if len(overloads) == 1:
            return overloads[0]
        fitting = [f for f in overloads if arg_count is None or len(f.input_types) == arg_count]
        if len(fitting) == 1:
            return fitting[0]
        shown = ", ".join(f.signature for f in (fitting or overloads))
        raise UnknownFunctionError(self.label, name, self.functions,
                                   f"{self.label}.{name} is overloaded ({shown}): "
                                   "name it by its full signature")
