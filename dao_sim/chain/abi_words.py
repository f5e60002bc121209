"""ABI words: static values encoded and decoded 32 bytes at a time, without eth_abi's cost.

eth_abi validates and dispatches generically, which costs more than a whole revm transaction
on the fast engine; most calls and events of a DAO carry only static elementary values
(``uint``, ``int``, ``bool``, ``address``, ``bytesN``), each one 32-byte word. These codecs do
only the plain case and raise :class:`Irregular` on anything else, so that eth_abi encodes,
decodes or refuses it exactly as it would have: results never differ, only the cost does.
Also here: :func:`checksum`, a cached checksum-address function, shared by every module.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from eth_hash.auto import keccak
from eth_utils import to_checksum_address

__all__ = ["Irregular", "checksum", "word_decoder", "word_encoder", "word_encoders"]

_HEX = frozenset("0123456789abcdef")


@functools.lru_cache(maxsize=4096)
def checksum(address: Any) -> str:
    """The EIP-55 checksum form of ``address``, as ``eth_utils.to_checksum_address`` gives it.

    A ``0x``-prefixed 40-digit hex string, the form nearly every caller has, is checksummed
    here, at a third of ``eth_utils``' cost (a simulation meets thousands of new members'
    addresses, more than the cache keeps); anything else goes to ``eth_utils``, which
    converts or refuses it.

    Examples
    --------
    >>> checksum("0x52908400098527886e0f7030069857d2e4169ee7")
    '0x52908400098527886E0F7030069857D2E4169EE7'
    """
    if isinstance(address, str) and len(address) == 42 and address[:2] in ("0x", "0X"):
        digits = address[2:].lower()
        if _HEX.issuperset(digits):
            mask = keccak(digits.encode()).hex()
            return "0x" + "".join([d.upper() if m >= "8" else d for d, m in zip(digits, mask)])
    return to_checksum_address(address)


class Irregular(Exception):
    """A value or word the fast codecs will not vouch for; eth_abi decides instead."""


def word_decoder(kind: str) -> Callable[[bytes], Any] | None:
    """A decoder of one 32-byte word of a static elementary type, as a journal shows it.

    Gives what ``eth_abi`` plus :func:`humanize` give (checksum addresses, bytes as ``0x``
    hex), at a fraction of the cost; on a word ``eth_abi`` would refuse (dirty padding, a
    value out of range) it raises :class:`Irregular` so that ``eth_abi`` decides. ``None``
    for a type it does not cover.
    """
    if kind == "address":
        def address(word: bytes) -> str:
            if any(word[:12]):
                raise Irregular
            return checksum("0x" + word[12:].hex())
        return address
    if kind == "bool":
        def boolean(word: bytes) -> bool:
            value = int.from_bytes(word, "big")
            if value > 1:
                raise Irregular
            return value == 1
        return boolean
    if kind.startswith("uint") and kind[4:].isdigit():
        limit = 1 << int(kind[4:])

        def unsigned(word: bytes) -> int:
            value = int.from_bytes(word, "big")
            if value >= limit:
                raise Irregular
            return value
        return unsigned
    if kind.startswith("int") and kind[3:].isdigit():
        half = 1 << (int(kind[3:]) - 1)

        def signed(word: bytes) -> int:
            value = int.from_bytes(word, "big", signed=True)
            if not -half <= value < half:
                raise Irregular
            return value
        return signed
    if kind.startswith("bytes") and kind[5:].isdigit():
        size = int(kind[5:])

        def fixed(word: bytes) -> str:
            if any(word[size:]):
                raise Irregular
            return "0x" + word[:size].hex()
        return fixed
    return None


def word_encoder(kind: str) -> Callable[[Any], bytes] | None:
    """An encoder of one static elementary value into its 32-byte word, as eth_abi encodes it.

    It takes only the plain case (an ``int`` in range, a ``bool``, an address already made 20
    bytes, ``bytesN`` of exactly N bytes) and raises :class:`Irregular` for anything else, so
    that eth_abi encodes it, or refuses it, as before. ``None`` for a type it does not cover.
    """
    if kind == "address":
        def address(value: Any) -> bytes:
            if type(value) is not bytes or len(value) != 20:
                raise Irregular
            return bytes(12) + value
        return address
    if kind == "bool":
        def boolean(value: Any) -> bytes:
            if type(value) is not bool:
                raise Irregular
            return bytes(31) + (b"\x01" if value else b"\x00")
        return boolean
    if kind.startswith("uint") and kind[4:].isdigit():
        limit = 1 << int(kind[4:])

        def unsigned(value: Any) -> bytes:
            if type(value) is not int or not 0 <= value < limit:
                raise Irregular
            return value.to_bytes(32, "big")
        return unsigned
    if kind.startswith("int") and kind[3:].isdigit():
        half = 1 << (int(kind[3:]) - 1)

        def signed(value: Any) -> bytes:
            if type(value) is not int or not -half <= value < half:
                raise Irregular
            return value.to_bytes(32, "big", signed=True)
        return signed
    if kind.startswith("bytes") and kind[5:].isdigit():
        size = int(kind[5:])

        def fixed(value: Any) -> bytes:
            if type(value) is not bytes or len(value) != size:
                raise Irregular
            return value + bytes(32 - size)
        return fixed
    return None


def word_encoders(types: Sequence[str]) -> tuple[Callable[[Any], bytes], ...] | None:
    """Word encoders for every type, or ``None`` unless each has one."""
    encoders = tuple(word_encoder(t) for t in types)
    return encoders if all(e is not None for e in encoders) else None  # type: ignore[return-value]
