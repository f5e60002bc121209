"""Deployed runtime code as instructions: what the EVM would run, whatever the source says.

Walking the code byte by byte would read the data of ``PUSH1``..``PUSH32`` as opcodes, and the
CBOR metadata solc appends (with a 32-byte IPFS hash of random-looking bytes) as code. Both
are skipped: push data by the push's width, and every metadata block, the final one and
those of contracts embedded for ``new`` (found by solc's ``solc`` version key and the
two-byte length that closes each block). Given solc's source map, the walk stops after the
instructions the map describes (data sections follow them) and each instruction gets the
source line it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from dao_sim.exceptions import ComplianceError

__all__ = ["DELEGATECALL", "SELFDESTRUCT", "RuntimeCode", "decode_source_map", "instructions",
           "metadata_ranges", "runtime_code"]

DELEGATECALL = 0xF4
SELFDESTRUCT = 0xFF

# A metadata block ends with the CBOR key "solc" (0x64 + 4 bytes), a 3-byte version
# (0x43 + 3 bytes) and the block's length as two bytes.
_SOLC_KEY = re.compile(rb"\x64solc\x43[\s\S]{3}[\s\S]{2}")
_LINK_PLACEHOLDER = re.compile(r"__\$[0-9a-fA-F]{34}\$__")


def _hex_to_bytes(code: bytes | str) -> bytes:
    if isinstance(code, bytes):
        return code
    text = code[2:] if code.startswith(("0x", "0X")) else code
    text = _LINK_PLACEHOLDER.sub("0" * 40, text.strip())
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise ComplianceError("bytecode is not hex (0x-prefixed or not)") from None


def metadata_ranges(code: bytes) -> list[tuple[int, int]]:
    """``(start, end)`` of every CBOR metadata block solc put into ``code``.

    Examples
    --------
    >>> block = bytes.fromhex("a164736f6c6343000825") + bytes.fromhex("000a")
    >>> metadata_ranges(bytes.fromhex("6001") + block)
    [(2, 14)]
    """
    ranges = []
    for match in _SOLC_KEY.finditer(code):
        end = match.end()
        length = int.from_bytes(code[end - 2:end], "big")
        start = end - 2 - length
        if start >= 0 and 0xA1 <= code[start] <= 0xA5:
            ranges.append((start, end))
    return ranges


def instructions(code: bytes, limit: int | None = None) -> Iterator[tuple[int, int]]:
    """``(offset, opcode)`` of each instruction, push data and metadata blocks skipped.

    Parameters
    ----------
    code : bytes
        Runtime code.
    limit : int, optional
        Stop after this many instructions (the length of solc's source map).

    Examples
    --------
    >>> [hex(op) for _, op in instructions(bytes.fromhex("60ff5b7f" + "f4" * 32 + "ff"))]
    ['0x60', '0x5b', '0x7f', '0xff']
    """
    skip = dict(metadata_ranges(code))
    pc, count = 0, 0
    while pc < len(code) and (limit is None or count < limit):
        if pc in skip:
            pc = skip[pc]
            continue
        op = code[pc]
        yield pc, op
        count += 1
        pc += 1 + (op - 0x5F if 0x60 <= op <= 0x7F else 0)


def decode_source_map(source_map: str) -> list[tuple[int, int]]:
    """Decode solc's compressed source map into ``(file index, byte offset)`` per instruction.

    Fields left empty repeat the previous entry's, as solc compresses them.

    Examples
    --------
    >>> decode_source_map("10:5:0:-:0;;20:3:1")
    [(0, 10), (0, 10), (1, 20)]
    """
    out = []
    start, index = -1, -1
    for entry in source_map.split(";") if source_map else []:
        fields = entry.split(":")
        if fields and fields[0]:
            start = int(fields[0])
        if len(fields) > 2 and fields[2]:
            index = int(fields[2])
        out.append((index, start))
    return out


@dataclass(frozen=True)
class RuntimeCode:
    """A contract's runtime code, read as instructions.

    Attributes
    ----------
    name : str
        The contract's name ("" for code given alone).
    file : str
        Its source file, as findings show it ("" when unknown).
    line : int
        The contract's declaration line (0 when unknown): where a finding points when no
        source line is known for the instruction.
    instructions : tuple of (int, int)
        ``(offset, opcode)`` of each instruction.
    lines : dict
        Offset -> source line, for instructions the source map places in ``file``.
    """

    name: str
    file: str
    line: int
    instructions: tuple[tuple[int, int], ...]
    lines: Mapping[int, int]

    def find(self, opcode: int) -> list[int]:
        """Offsets of every instruction with this opcode."""
        return [pc for pc, op in self.instructions if op == opcode]


def runtime_code(code: bytes | str, *, name: str = "", file: str = "", line: int = 0,
                 source_map: str = "", file_index: int | None = None,
                 line_at: Callable[[int], int] | None = None) -> RuntimeCode:
    """Read runtime code (hex or bytes) as instructions.

    Parameters
    ----------
    code : bytes or str
        Runtime code (``eth_getCode``'s answer, or an artifact's ``deployed_bytecode``);
        library placeholders are read as zero addresses.
    name, file, line : optional
        The contract, its file and declaration line, for findings.
    source_map : str, optional
        solc's runtime source map: bounds the walk to the code (data sections follow it).
    file_index : int, optional
        The source map's index of ``file``; with ``line_at`` it gives instructions a line.
    line_at : callable, optional
        Byte offset in ``file`` -> line (:meth:`~dao_sim.compiler.SourceFile.line_at`).

    Raises
    ------
    ComplianceError
        The code is not hex.
    """
    raw = _hex_to_bytes(code)
    entries = decode_source_map(source_map) if source_map else []
    walked = tuple(instructions(raw, len(entries) if entries else None))
    lines: dict[int, int] = {}
    if entries and file_index is not None and line_at is not None:
        for (pc, _op), (index, start) in zip(walked, entries, strict=False):
            if index == file_index and start >= 0:
                lines[pc] = line_at(start)
    return RuntimeCode(name, file, line, walked, lines)
