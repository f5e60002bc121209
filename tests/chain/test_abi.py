"""ABI codecs: revert reasons (custom, Error(string), Panic), events, overloads, shapes."""

from __future__ import annotations

import pytest
from eth_abi import encode
from eth_utils import keccak

from dao_sim.chain.abi import ContractAbi, canonical_type
from dao_sim.chain.reverts import PANIC_CODES, AbiRegistry
from dao_sim.exceptions import ChainError, UnknownFunctionError

ALICE = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"

ABI = [
    {"type": "error", "name": "Overdrawn", "inputs": [
        {"name": "holder", "type": "address"}, {"name": "requested", "type": "uint256"},
        {"name": "tags", "type": "bytes32[]"}]},
    {"type": "event", "name": "Noted", "anonymous": False, "inputs": [
        {"name": "who", "type": "address", "indexed": True},
        {"name": "topic", "type": "string", "indexed": True},
        {"name": "body", "type": "bytes", "indexed": False},
        {"name": "", "type": "uint256", "indexed": False}]},
    {"type": "function", "name": "pay", "stateMutability": "nonpayable", "outputs": [],
     "inputs": [{"name": "to", "type": "address"}]},
    {"type": "function", "name": "pay", "stateMutability": "nonpayable", "outputs": [],
     "inputs": [{"name": "to", "type": "address"}, {"name": "amount", "type": "uint256"}]},
    {"type": "function", "name": "pay", "stateMutability": "nonpayable", "outputs": [],
     "inputs": [{"name": "to", "type": "address"}, {"name": "memo", "type": "string"}]},
    {"type": "function", "name": "get", "stateMutability": "view", "inputs": [],
     "outputs": [{"name": "", "type": "tuple", "components": [
         {"name": "who", "type": "address"}, {"name": "many", "type": "address[]"}]}]},
]


def _registry() -> tuple[AbiRegistry, ContractAbi]:
    registry, contract = AbiRegistry(), ContractAbi(ABI, "Vault")
    registry.register(contract)
    return registry, contract


def _selector(signature: str) -> bytes:
    return keccak(text=signature)[:4]


def test_custom_error_decodes_with_named_readable_args() -> None:
    registry, _ = _registry()
    data = _selector("Overdrawn(address,uint256,bytes32[])") + encode(
        ["address", "uint256", "bytes32[]"], [ALICE.lower(), 5, [b"\x01" * 32]])
    decoded = registry.decode_error(data)
    assert decoded is not None
    assert decoded.name == "Overdrawn"
    assert decoded.args == {"holder": ALICE, "requested": 5, "tags": ("0x" + "01" * 32,)}
    assert decoded.raw == "0x" + data.hex()
    assert decoded.describe(lambda a: "Aigerim") == (
        f"Overdrawn(holder=Aigerim, requested=5, tags={('0x' + '01' * 32,)})")


def test_error_string_gives_its_reason() -> None:
    registry = AbiRegistry()
    decoded = registry.explain(_selector("Error(string)") + encode(["string"], ["no quorum"]))
    assert (decoded.name, decoded.args, decoded.message) == (
        "Error", {"reason": "no quorum"}, "no quorum")
    assert decoded.describe() == "no quorum"


@pytest.mark.parametrize("code", sorted(PANIC_CODES))
def test_every_panic_code_is_explained(code: int) -> None:
    decoded = AbiRegistry().explain(_selector("Panic(uint256)") + encode(["uint256"], [code]))
    assert decoded.name == "Panic" and decoded.args == {"code": code}
    assert decoded.message == f"{PANIC_CODES[code]} (panic 0x{code:02x})"
    assert decoded.describe().startswith("Panic: ")


def test_unknown_panic_code_and_unknown_errors_are_still_named() -> None:
    registry = AbiRegistry()
    assert "unknown panic code" in registry.explain(
        _selector("Panic(uint256)") + encode(["uint256"], [0x99])).message
    assert registry.explain(b"").name == "Revert"
    unknown = registry.explain(b"\xde\xad\xbe\xef" + bytes(32))
    assert unknown.name == "UnknownError" and unknown.args == {"selector": "0xdeadbeef"}
    assert registry.decode_error(b"\xde\xad\xbe\xef") is None
    # A known selector whose arguments do not decode is not passed off as that error.
    assert registry.decode_error(_selector("Error(string)") + b"\x00" * 3) is None


def test_events_decode_indexed_and_data_arguments() -> None:
    registry, contract = _registry()
    topic = keccak(text="Noted(address,string,bytes,uint256)")
    topics = (topic, encode(["address"], [ALICE]), keccak(text="hello"))
    event = registry.event_for(topics)
    assert event is contract.events[topic]
    args = event.decode(topics, encode(["bytes", "uint256"], [b"\xab", 3]))
    # A dynamic indexed argument is only its hash; unnamed arguments get positional names.
    assert args == {"who": ALICE, "topic": "0x" + keccak(text="hello").hex(),
                    "body": "0xab", "arg3": 3}
    assert registry.event_for(topics[:2]) is None


def test_overloads_are_chosen_by_count_or_by_signature() -> None:
    _, contract = _registry()
    assert contract.function("pay", 1).signature == "pay(address)"
    assert contract.function("pay(address,string)").input_names == ("to", "memo")
    with pytest.raises(UnknownFunctionError, match="overloaded .*full signature"):
        contract.function("pay", 2)
    with pytest.raises(UnknownFunctionError, match="did you mean 'pay'"):
        contract.function("pya", 1)


def test_encoding_checks_arguments() -> None:
    _, contract = _registry()
    pay = contract.function("pay(address,uint256)")
    assert pay.encode([ALICE, 7]) == _selector("pay(address,uint256)") + encode(
        ["address", "uint256"], [ALICE, 7])
    with pytest.raises(ChainError, match="takes 2 argument"):
        pay.encode([ALICE])
    with pytest.raises(ChainError, match="cannot encode"):
        pay.encode([ALICE, "seven"])


def test_struct_outputs_decode_with_checksum_addresses() -> None:
    _, contract = _registry()
    get = contract.function("get")
    assert get.output_types == ("(address,address[])",)
    data = encode(["(address,address[])"], [(ALICE.lower(), [ALICE.lower()])])
    assert get.decode_output(data) == (ALICE, (ALICE,))
    with pytest.raises(ChainError, match="does not fit"):
        get.decode_output(b"\x01")


def test_canonical_types_spell_out_nested_tuples() -> None:
    param = {"type": "tuple[2][]", "components": [
        {"type": "uint8"}, {"type": "tuple", "components": [{"type": "bytes"}]}]}
    assert canonical_type(param) == "(uint8,(bytes))[2][]"
