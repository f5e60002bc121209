"""Runtime code comparison on the real build: immutables masked, metadata compared apart."""

from __future__ import annotations

from dao_sim.compliance.codematch import compare_code, metadata_fields, split_metadata


def _runtime(artifacts, name):
    artifact = artifacts[name]
    return bytes.fromhex(artifact.deployed_bytecode.removeprefix("0x")), artifact.immutable_references


def test_the_real_trailer_splits_off_and_reads(artifacts):
    code, _ = _runtime(artifacts, "DAO")
    executable, trailer = split_metadata(code)
    assert executable + trailer == code and len(trailer) == int.from_bytes(code[-2:], "big") + 2
    fields = metadata_fields(trailer)
    assert fields["solc"] == "0.8.37" and fields["ipfs"].startswith("1220")  # a sha2-256 multihash


def test_filled_immutables_still_match_and_are_counted(artifacts):
    built, refs = _runtime(artifacts, "Governor")
    deployed = bytearray(built)
    for ranges in refs.values():
        for ref in ranges:
            deployed[ref["start"]:ref["start"] + ref["length"]] = b"\x07" * ref["length"]
    result = compare_code("Governor", "0x1", bytes(deployed), built, refs)
    assert result.verdict == "full match"
    assert result.immutables_masked == sum(len(r) for r in refs.values())


def test_a_changed_metadata_hash_is_code_matching_but_not_a_match(artifacts):
    built, refs = _runtime(artifacts, "Claims")
    deployed = bytearray(built)
    deployed[-10] ^= 0xFF  # inside the IPFS hash of the trailer
    result = compare_code("Claims", "0x1", bytes(deployed), built, refs)
    assert result.code_matches and not result.metadata_matches and not result.ok
    assert result.verdict == "code matches, metadata differs"


def test_a_changed_instruction_is_located(artifacts):
    built, refs = _runtime(artifacts, "DAO")
    deployed = bytearray(built)
    deployed[100] ^= 0x01
    result = compare_code("DAO", "0x1", bytes(deployed), built, refs)
    assert result.verdict == "differs" and result.first_difference == 100


def test_an_address_without_code_is_said_so(artifacts):
    built, refs = _runtime(artifacts, "DAO")
    assert compare_code("DAO", "0x1", b"", built, refs).verdict == "no code"
