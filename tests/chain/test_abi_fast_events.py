"""Events of static types decode word by word; the result is eth_abi's, dirty words included."""

from __future__ import annotations

import dataclasses

import pytest
from eth_abi import encode
from eth_utils import to_checksum_address
from hypothesis import given
from hypothesis import strategies as st

from dao_sim.chain.abi import EventAbi
from dao_sim.chain.abi_words import checksum

KINDS = {
    "uint8": st.integers(0, 2**8 - 1),
    "uint64": st.integers(0, 2**64 - 1),
    "uint256": st.integers(0, 2**256 - 1),
    "int16": st.integers(-(2**15), 2**15 - 1),
    "int256": st.integers(-(2**255), 2**255 - 1),
    "bool": st.booleans(),
    "address": st.binary(min_size=20, max_size=20).map(lambda b: "0x" + b.hex()),
    "bytes4": st.binary(min_size=4, max_size=4),
    "bytes32": st.binary(min_size=32, max_size=32),
}


@st.composite
def events(draw: st.DrawFn) -> tuple[EventAbi, list[bytes], bytes]:
    kinds = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=5))
    indexed = [draw(st.booleans()) and i < 3 for i in range(len(kinds))]
    values = [draw(KINDS[k]) for k in kinds]
    event = EventAbi.from_entry({"type": "event", "name": "Seen", "inputs": [
        {"name": f"a{i}", "type": k, "indexed": x} for i, (k, x) in enumerate(zip(kinds, indexed))]})
    topics = [event.topic] + [encode([k], [v]) for k, v, x in zip(kinds, values, indexed) if x]
    data = encode([k for k, x in zip(kinds, indexed) if not x],
                  [v for v, x in zip(values, indexed) if not x])
    if draw(st.booleans()) and data:  # dirty a word now and then: eth_abi must decide
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
    return event, topics, data


def _slow(event: EventAbi, topics: list[bytes], data: bytes) -> object:
    try:
        return _without_fast(event).decode(topics, data)
    except Exception as exc:  # noqa: BLE001 - compare failures too
        return type(exc)


def _without_fast(event: EventAbi) -> EventAbi:
    plain = dataclasses.replace(event)
    object.__setattr__(plain, "_fast", None)
    return plain


@given(events())
def test_word_decoding_equals_eth_abi(case: tuple[EventAbi, list[bytes], bytes]) -> None:
    event, topics, data = case
    assert event._fast is not None
    try:
        fast: object = event.decode(topics, data)
    except Exception as exc:  # noqa: BLE001 - compare failures too
        fast = type(exc)
    assert fast == _slow(event, topics, data)


def test_dynamic_data_is_left_to_eth_abi() -> None:
    event = EventAbi.from_entry({"type": "event", "name": "Noted", "inputs": [
        {"name": "note", "type": "string", "indexed": False}]})
    assert event._fast is None
    assert event.decode([event.topic], encode(["string"], ["hi"])) == {"note": "hi"}


def test_addresses_encode_as_before() -> None:
    import pytest

    from dao_sim.chain.abi import FunctionAbi
    from dao_sim.exceptions import ChainError

    pay = FunctionAbi.from_entry({"type": "function", "name": "pay", "inputs": [
        {"name": "to", "type": "address"}, {"name": "all", "type": "address[]"}]})
    good = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
    expected = pay.selector + encode(["address", "address[]"], [good, [good, good.lower()]])
    assert pay.encode([good, [good, good.lower()]]) == expected
    # eth_abi encodes a mixed-case address whatever its checksum (names are checked before).
    typo = "0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf"
    assert pay.encode([typo, []]) == pay.selector + encode(["address", "address[]"], [good, []])
    for bad in ("0x12", "0x" + "zz" * 20, "nobody", 7):
        with pytest.raises(ChainError):
            pay.encode([bad, []])
    with pytest.raises(ChainError):
        pay.encode([good, 5])


CALL_KINDS = {k: v for k, v in KINDS.items() if k != "address"}


@given(st.lists(st.sampled_from(sorted(CALL_KINDS)), min_size=1, max_size=5).flatmap(
    lambda kinds: st.tuples(st.just(kinds), st.tuples(*(CALL_KINDS[k] for k in kinds)))))
def test_word_encoding_equals_eth_abi(case: tuple[list[str], tuple[object, ...]]) -> None:
    from dao_sim.chain.abi import FunctionAbi

    kinds, values = case
    fn = FunctionAbi.from_entry({"type": "function", "name": "f", "inputs": [
        {"name": f"a{i}", "type": k} for i, k in enumerate(kinds)]})
    assert fn._words is not None
    assert fn.encode(list(values)) == fn.selector + encode(kinds, list(values))


def test_irregular_values_go_to_eth_abi() -> None:
    import pytest

    from dao_sim.chain.abi import FunctionAbi
    from dao_sim.exceptions import ChainError

    fn = FunctionAbi.from_entry({"type": "function", "name": "f", "inputs": [
        {"name": "n", "type": "uint8"}, {"name": "tag", "type": "bytes4"}]})
    assert fn.encode([1, b"ab"]) == fn.selector + encode(["uint8", "bytes4"], [1, b"ab"])
    for bad in ([256, b"abcd"], [True, b"abcd"], [-1, b"abcd"], [1, b"abcde"], [1.0, b"abcd"]):
        with pytest.raises(ChainError):
            fn.encode(bad)


@given(st.binary(min_size=20, max_size=20), st.sampled_from(["lower", "upper", "0X"]))
def test_the_fast_checksum_is_eth_utils_checksum(raw: bytes, case: str) -> None:
    text = "0x" + raw.hex()
    given_as = {"lower": text, "upper": "0x" + raw.hex().upper(), "0X": "0X" + raw.hex()}[case]
    assert checksum.__wrapped__(given_as) == to_checksum_address(text)


def test_the_fast_checksum_leaves_other_forms_to_eth_utils() -> None:
    assert checksum.__wrapped__(b"\x01" * 20) == "0x" + "01" * 20
    for bad in ("0x12", "0x" + "zz" * 20, 5):
        with pytest.raises(ValueError):
            checksum.__wrapped__(bad)
