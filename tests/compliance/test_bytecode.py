"""Bytecode rules read the code as the EVM runs it: push data and metadata are not opcodes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dao_sim.compliance import check_bytecode, check_sources
from dao_sim.compliance.bytecode import instructions, metadata_ranges, runtime_code
from dao_sim.exceptions import ComplianceError

from .conftest import CORPUS

#: A CBOR metadata block as solc appends it, whose "hash" is all 0xff and 0xf4 bytes.
METADATA = (bytes.fromhex("a2646970667358221220") + bytes([0xFF, 0xF4] * 16)
            + bytes.fromhex("64736f6c6343000825") + bytes.fromhex("0033"))

_instruction = st.one_of(
    st.integers(0x00, 0x5F).map(lambda op: bytes([op])),
    st.integers(0x80, 0xFF).map(lambda op: bytes([op])),
    st.integers(1, 32).flatmap(lambda n: st.binary(min_size=n, max_size=n).map(
        lambda data, n=n: bytes([0x5F + n]) + data)),
)


@given(st.lists(_instruction, max_size=60), st.booleans())
def test_instructions_are_exactly_those_assembled(assembled, with_metadata):
    code = b"".join(assembled) + (METADATA if with_metadata else b"")
    walked = [op for _pc, op in instructions(code)]
    assert walked == [chunk[0] for chunk in assembled]


def test_the_metadata_block_is_found_and_skipped():
    code = bytes.fromhex("6080604052") + METADATA
    assert metadata_ranges(code) == [(5, len(code))]
    assert check_bytecode(code) == []


def test_opcodes_in_push_data_are_not_instructions():
    assert check_bytecode("0x7f" + "ff" * 32 + "63f4f4f4f4") == []
    assert [f.rule for f in check_bytecode("0x6000f4")] == ["bytecode-delegatecall"]
    assert [f.rule for f in check_bytecode("3360ff5bff")] == ["bytecode-selfdestruct"]


def test_findings_give_the_offset_as_evidence_and_cite_the_edition():
    (found,) = check_bytecode(bytes.fromhex("6001600033ff"), name="Vault", edition="draft-2025")
    assert found.location.evidence == "runtime code offset 0x5"
    assert found.location.contract == "Vault"
    assert found.citation == "DC 9.6, draft text, not law"
    assert "Vault contains the SELFDESTRUCT opcode at offset 0x5" in found.message


def test_library_placeholders_read_as_addresses():
    code = runtime_code("0x73__$" + "ab" * 17 + "$__f4")
    assert [op for _pc, op in code.instructions] == [0x73, 0xF4]


def test_not_hex_is_refused_in_words():
    with pytest.raises(ComplianceError, match="not hex"):
        check_bytecode("0xzz")


FACTORY = """\
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Doomed {
    function end() external {
        selfdestruct(payable(msg.sender));
    }
}

contract Factory {
    function make() external returns (address) {
        return address(new Doomed());
    }
}
"""


def test_embedded_creation_code_is_data_of_the_factory(tmp_path, monkeypatch):
    # Factory's runtime code carries Doomed's creation code (for `new`) as data after its own
    # instructions; the source map bounds the walk, so only Doomed is reported.
    (tmp_path / "Factory.sol").write_text(FACTORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    findings = check_sources(["Factory.sol"])
    bytecode = [(f.location.contract, f.location.line) for f in findings
                if f.rule == "bytecode-selfdestruct"]
    assert bytecode == [("Doomed", 6)]


def test_code_read_from_the_chain_is_checked_as_deployed(session):
    from dao_sim.compiler import compile_sources

    built = compile_sources([CORPUS / "KillSwitchVault.sol", CORPUS / "EscrowNoDispute.sol"])
    vault = session.deploy(built["KillSwitchVault"], sender="Aigerim")
    escrow = session.deploy(built["EscrowNoDispute"], session.address("Bolat"), 10**10,
                            sender="Aigerim")
    on_chain = check_bytecode(session.engine.code(vault.address), name="KillSwitchVault")
    assert [f.rule for f in on_chain] == ["bytecode-selfdestruct"]
    assert check_bytecode(session.engine.code(escrow.address)) == []
