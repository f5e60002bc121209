"""Comparing deployed runtime code with a compiler's output, byte by byte, honestly.

Two parts of deployed code are not fixed by the source alone, and each is handled on its own:

- **Immutables.** A constructor writes immutable values into the runtime code; the compiler
  leaves zeros there and lists the offsets (``immutableReferences``). Those ranges are masked
  in both codes before comparing, and counted, so a reader knows how many bytes were not
  compared (they hold the charter's parameters, which the charter hash covers).
- **The metadata trailer.** solc appends CBOR-encoded metadata (the IPFS hash of the metadata
  JSON, which covers every source byte, comments and NatSpec included, and the settings, plus
  the compiler version), its length in the last two bytes. It is split off and compared on
  its own: equal executable code with an equal trailer is a *full match*; equal executable code
  with a different trailer means the published sources differ from the compiled ones only in
  what does not change code (comments, NatSpec, file names), and is reported as such, not as
  a match, because NatSpec is part of the rules a reader is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["CodeComparison", "compare_code", "first_difference", "metadata_fields", "split_metadata"]


def split_metadata(code: bytes) -> tuple[bytes, bytes]:
    """Split runtime code into (executable part, CBOR metadata trailer with its length).

    Code without a well-formed trailer is returned whole, with an empty trailer.

    Examples
    --------
    >>> split_metadata(bytes.fromhex("6001" "a1" "00" "0002"))
    (b'`\\x01', b'\\xa1\\x00\\x00\\x02')
    >>> split_metadata(b"\\x60\\x01")
    (b'`\\x01', b'')
    """
    if len(code) < 2:
        return code, b""
    size = int.from_bytes(code[-2:], "big")
    if size == 0 or size + 2 > len(code):
        return code, b""
    trailer = code[-(size + 2):]
    if not 0xA0 <= trailer[0] <= 0xBF:  # a CBOR map
        return code, b""
    return code[:-(size + 2)], trailer


def metadata_fields(trailer: bytes) -> dict[str, str]:
    """The trailer's fields as hex or text (``ipfs``, ``solc``, ``experimental``...).

    Only the shapes solc writes (a map of text keys to byte strings, text or booleans) are
    read; anything else gives an empty dict rather than a guess.

    Examples
    --------
    >>> metadata_fields(bytes.fromhex("a1" "64736f6c63" "43" "000825" "000a"))
    {'solc': '0.8.37'}
    """
    try:
        return _decode_map(trailer[:-2])
    except (IndexError, ValueError):
        return {}


def _length(data: bytes, at: int) -> tuple[int, int]:
    info = data[at] & 0x1F
    if info < 24:
        return info, at + 1
    if info in (24, 25, 26):
        width = 1 << (info - 24)
        return int.from_bytes(data[at + 1:at + 1 + width], "big"), at + 1 + width
    raise ValueError("unsupported CBOR length")


def _decode_map(data: bytes) -> dict[str, str]:
    if not data or data[0] >> 5 != 5:
        raise ValueError("not a CBOR map")
    count, at = _length(data, 0)
    out: dict[str, str] = {}
    for _ in range(count):
        if data[at] >> 5 != 3:
            raise ValueError("key is not text")
        size, at = _length(data, at)
        key = data[at:at + size].decode("utf-8")
        at += size
        kind = data[at] >> 5
        if kind in (2, 3):
            size, at = _length(data, at)
            raw = data[at:at + size]
            at += size
            if kind == 3:
                out[key] = raw.decode("utf-8")
            elif key == "solc" and len(raw) == 3:
                out[key] = ".".join(str(b) for b in raw)
            else:
                out[key] = raw.hex()
        elif data[at] in (0xF4, 0xF5):
            out[key] = "true" if data[at] == 0xF5 else "false"
            at += 1
        else:
            raise ValueError("unsupported CBOR value")
    if at != len(data):
        raise ValueError("trailing bytes")
    return out


def first_difference(a: bytes, b: bytes) -> int | None:
    """The first offset at which ``a`` and ``b`` differ (the shorter length if one is a
    prefix of the other), or ``None`` when they are equal.

    Examples
    --------
    >>> first_difference(b"abc", b"abd"), first_difference(b"ab", b"abc"), first_difference(b"a", b"a")
    (2, 2, None)
    """
    if a == b:
        return None
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def _mask(code: bytes, references: Mapping[str, Any]) -> tuple[bytes, int]:
    masked = bytearray(code)
    count = 0
    for ranges in references.values():
        for ref in ranges:
            start, length = int(ref["start"]), int(ref["length"])
            if start + length <= len(masked):
                masked[start:start + length] = bytes(length)
                count += 1
    return bytes(masked), count


@dataclass(frozen=True)
class CodeComparison:
    """One deployed contract against the runtime code built from the published sources.

    Attributes
    ----------
    contract : str
        The contract's name in the build (``"DAO"``, ``"Governor"``...).
    address : str
        Where it is deployed.
    code_matches : bool
        Whether the executable code is identical once immutables are masked.
    metadata_matches : bool
        Whether the CBOR metadata trailers are identical.
    first_difference : int or None
        The first differing byte offset in the runtime code (executable part), if any.
    deployed_size, built_size : int
        Lengths of the two runtime codes, in bytes.
    immutables_masked : int
        How many immutable slots (32 bytes each) were masked before comparing.
    deployed_metadata, built_metadata : dict
        The trailers' fields (``ipfs`` hash as hex, ``solc`` version), for the report.
    """

    contract: str
    address: str
    code_matches: bool
    metadata_matches: bool
    first_difference: int | None
    deployed_size: int
    built_size: int
    immutables_masked: int
    deployed_metadata: dict[str, str]
    built_metadata: dict[str, str]

    @property
    def ok(self) -> bool:
        """A full match: the same executable code and the same metadata."""
        return self.code_matches and self.metadata_matches

    @property
    def verdict(self) -> str:
        """``"full match"``, ``"code matches, metadata differs"``, ``"no code"`` or ``"differs"``."""
        if self.deployed_size == 0:
            return "no code"
        if self.ok:
            return "full match"
        return "code matches, metadata differs" if self.code_matches else "differs"


def compare_code(contract: str, address: str, deployed: bytes, built: bytes,
                 immutable_references: Mapping[str, Any] | None = None) -> CodeComparison:
    """Compare ``deployed`` runtime code with the ``built`` runtime code of ``contract``.

    Examples
    --------
    >>> built = bytes.fromhex("7f" + "00" * 32 + "00" + "a1" "00" "0002")
    >>> deployed = bytes.fromhex("7f" + "11" * 32 + "00" + "a1" "00" "0002")
    >>> refs = {"7": [{"start": 1, "length": 32}]}
    >>> result = compare_code("X", "0x1", deployed, built, refs)
    >>> result.verdict, result.immutables_masked
    ('full match', 1)
    >>> compare_code("X", "0x1", deployed, built).first_difference
    1
    """
    deployed_exec, deployed_meta = split_metadata(deployed)
    built_exec, built_meta = split_metadata(built)
    masked_deployed, count = _mask(deployed_exec, immutable_references or {})
    masked_built, _ = _mask(built_exec, immutable_references or {})
    offset = first_difference(masked_built, masked_deployed)
    return CodeComparison(
        contract=contract, address=address, code_matches=bool(deployed) and offset is None,
        metadata_matches=deployed_meta == built_meta, first_difference=offset,
        deployed_size=len(deployed), built_size=len(built), immutables_masked=count,
        deployed_metadata=metadata_fields(deployed_meta), built_metadata=metadata_fields(built_meta))
