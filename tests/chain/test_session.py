"""ChainSession: contracts by name, reverts decoded, time, snapshots, signatures."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from eth_account import Account as EthAccount
from eth_account.messages import encode_defunct, encode_typed_data

from dao_sim.chain.eth_tester_engine import EthTesterEngine
from dao_sim.chain.session import ETHER, ChainSession, Snapshot
from dao_sim.exceptions import (
    ChainError,
    ContractReverted,
    DurationError,
    SnapshotError,
    TransactionReverted,
    UnknownFunctionError,
    UnknownMemberError,
)

DAY = 86_400


@pytest.fixture
def registry(chain_session: ChainSession, chain_artifacts: Any) -> Any:
    return chain_session.deploy(chain_artifacts["Registry"], sender="Aigerim")


def test_address_arguments_take_names_labels_and_handles(chain_session: ChainSession,
                                                         registry: Any, probe: Any) -> None:
    other = chain_session.deploy(probe["Probe"], 0, sender="Aigerim", label="Probe")
    registry.transact("register", "Bolat", 5, sender="Aigerim")
    registry.transact("register", ("Dana", 7, b"\x01" * 32), sender="Aigerim")
    registry.transact("register", other, 1, sender="Aigerim")
    registry.transact("register(address,uint256)", "Probe", 1, sender="Aigerim")
    entry = registry.transact("group", ["Erlan", chain_session.account("Timur")], "board",
                              sender="Aigerim")
    address = chain_session.address
    assert registry.call("amounts", "Bolat") == 5
    assert registry.call("amounts", address("Dana")) == 7
    assert registry.call("amounts", other.address) == 2
    assert registry.call("entry", 1) == (address("Dana"), 7, b"\x01" * 32)
    assert registry.call("summary") == (4, other.address, bytes(32))
    assert entry.event("Grouped").args == {"members": (address("Erlan"), address("Timur")),
                                           "name": "board"}
    with pytest.raises(UnknownMemberError, match="did you mean 'Bolat'"):
        registry.transact("register", "Bolta", 1, sender="Aigerim")
    with pytest.raises(LookupError, match="emitted 0 'Registered'"):
        entry.event("Registered")


def test_reverts_name_the_error_and_the_people(chain_session: ChainSession,
                                               registry: Any, probe: Any) -> None:
    with pytest.raises(TransactionReverted) as caught:
        registry.transact("withdraw", "Dana", 3, sender="Bolat")
    error = caught.value
    assert isinstance(error, ContractReverted)
    assert (error.function, error.error) == (registry.label + ".withdraw", "Overdrawn")
    assert error.error_args == {"holder": chain_session.address("Dana"), "requested": 3,
                                "available": 0}
    assert str(error) == "Registry.withdraw reverted: Overdrawn(holder=Dana, requested=3, " \
                         "available=0)"
    with pytest.raises(TransactionReverted, match="Panic: arithmetic overflow"):
        registry.transact("bump", 200, sender="Bolat")
        registry.transact("bump", 100, sender="Bolat")
    with pytest.raises(ContractReverted, match="Registry.group reverted: EmptyList()"):
        registry.call("group", [], "nobody")
    contract = chain_session.deploy(probe["Probe"], 0, sender="Aigerim")
    with pytest.raises(ContractReverted) as by_call:
        contract.call("fail", "quorum not reached")
    assert (by_call.value.error, by_call.value.error_args) == (
        "Error", {"reason": "quorum not reached"})
    assert str(by_call.value) == "Probe.fail reverted: quorum not reached"
    with pytest.raises(ContractReverted, match="without a reason") as bare:
        contract.call("bare")
    assert bare.value.error is None and bare.value.raw == b""
    with pytest.raises(UnknownFunctionError, match="did you mean 'withdraw'"):
        registry.call("withdrw", "Dana", 1)


def test_deploy_refusals(chain_session: ChainSession, probe: Any) -> None:
    with pytest.raises(TransactionReverted, match="Refuser.deploy reverted"):
        chain_session.deploy(probe["Refuser"], sender="Aigerim", value=1)
    assert chain_session.journal.last.to is None
    assert chain_session.journal.last.to_label == "Refuser"
    interface = SimpleNamespace(name="IThing", abi=(), bytecode="0x")
    with pytest.raises(ChainError, match="no bytecode"):
        chain_session.deploy(interface, sender="Aigerim")
    unlinked = SimpleNamespace(name="UsesLib", abi=(), bytecode="0x60__$abc$__")
    with pytest.raises(ChainError, match="linked"):
        chain_session.deploy(unlinked, sender="Aigerim")


def test_payments_and_balances(chain_session: ChainSession, probe: Any) -> None:
    contract = chain_session.deploy(probe["Probe"], 0, sender="Aigerim", value=ETHER)
    refuser = chain_session.deploy(probe["Refuser"], sender="Aigerim")
    paid = chain_session.send_value("Bolat", contract, 2 * ETHER)
    assert paid.event("Paid").args == {"from": chain_session.address("Bolat"),
                                       "amount": 2 * ETHER}
    assert chain_session.balance(contract.label) == 3 * ETHER
    assert chain_session.balance("Bolat") == 998 * ETHER
    assert chain_session.balance("Aigerim") == 999 * ETHER
    with pytest.raises(TransactionReverted, match="Refuser.transfer reverted: no payments"):
        chain_session.send_value("Bolat", refuser, 1)


def test_time_passes_as_told(chain_session: ChainSession, probe: Any) -> None:
    contract = chain_session.deploy(probe["Probe"], 3 * DAY, sender="Aigerim")
    start = chain_session.now()
    with pytest.raises(ContractReverted, match="TooEarly"):
        contract.call("open")
    assert chain_session.advance("2 days 23 hours") == start + 3 * DAY - 3600
    with pytest.raises(ContractReverted, match="TooEarly"):
        contract.call("open")
    chain_session.advance(3600)
    assert contract.call("open") is True
    block = chain_session.mine()
    assert chain_session.latest_block() == block and block.timestamp == chain_session.now()
    with pytest.raises(DurationError):
        chain_session.advance("0 s")


def test_snapshots_rewind_chain_journal_and_names(chain_session: ChainSession,
                                                  chain_artifacts: Any) -> None:
    ballot = chain_session.deploy(chain_artifacts["Ballot"], 2, sender="Aigerim")
    ballot.transact("vote", 0, sender="Bolat")
    snapshot = chain_session.snapshot()
    assert isinstance(snapshot, Snapshot) and snapshot.journal_length == 2
    ballot.transact("vote", 1, sender="Dana")
    chain_session.add_account("Supplier LLP")
    chain_session.deploy(chain_artifacts["Ballot"], 2, sender="Aigerim", label="Later")
    chain_session.advance("1 day")
    chain_session.revert(snapshot)
    assert len(chain_session.journal) == 2
    assert ballot.call("tally", 1) == 0
    assert chain_session.now() == chain_session.journal.last.timestamp
    for gone in ("Supplier LLP", "Later"):
        with pytest.raises(UnknownMemberError):
            chain_session.address(gone)
    # The same vote can be cast again: the chain forgot it, and so did the journal.
    assert ballot.transact("vote", 1, sender="Dana").index == 2
    with pytest.raises(SnapshotError):
        chain_session.revert("not a snapshot")  # type: ignore[arg-type]


def test_isolated_undoes_everything_even_on_error(chain_session: ChainSession) -> None:
    before = (chain_session.balance("Bolat"), chain_session.latest_block())
    with pytest.raises(RuntimeError), chain_session.isolated() as inside:
        inside.send_value("Aigerim", "Bolat", ETHER)
        inside.advance("1 week")
        raise RuntimeError("scenario step failed")
    assert (chain_session.balance("Bolat"), chain_session.latest_block()) == before
    assert len(chain_session.journal) == 0


def test_attach_to_a_contract_a_factory_created(chain_session: ChainSession,
                                                probe: Any) -> None:
    factory = chain_session.deploy(probe["Probe"], 0, sender="Aigerim", label="Factory")
    child_address = factory.transact("spawn", sender="Aigerim").event("Spawned").args["child"]
    child = chain_session.at(probe["Child"], child_address, label="Child of Factory")
    assert chain_session.name_of(child_address) == "Child of Factory"
    assert child.transact("ping", sender="Bolat").event("Pinged").contract_label == \
        "Child of Factory"
    assert chain_session.at(probe["Child"], child_address).label == "Child of Factory"
    with pytest.raises(ChainError, match="another address"):
        chain_session.at(probe["Child"], factory.address, label="Child of Factory")
    assert factory.calldata("poke", child) == factory.interface.function("poke").encode(
        [child_address])


def test_signatures_recover_to_the_named_account(chain_session: ChainSession) -> None:
    domain = {"name": "HumanArbitrator", "version": "1", "chainId": 1,
              "verifyingContract": "0x" + "00" * 19 + "01"}
    types = {"Ruling": [{"name": "disputeId", "type": "uint256"},
                        {"name": "ruling", "type": "uint256"}]}
    message = {"disputeId": 4, "ruling": 2}
    signature = chain_session.sign_typed_data("Madina", domain, types, "Ruling", message)
    assert len(signature) == 65
    signable = encode_typed_data(full_message={"types": types, "primaryType": "Ruling",
                                               "domain": domain, "message": message})
    assert EthAccount.recover_message(signable, signature=signature) == \
        chain_session.address("Madina")
    personal = chain_session.sign_message("Dana", "I consent to the migration")
    assert EthAccount.recover_message(encode_defunct(text="I consent to the migration"),
                                      signature=personal) == chain_session.address("Dana")
    raw = chain_session.sign_message("Dana", b"\x01\x02")
    assert EthAccount.recover_message(encode_defunct(primitive=b"\x01\x02"),
                                      signature=raw) == chain_session.address("Dana")


def test_a_given_engine_gets_the_accounts_the_names_need() -> None:
    engine = EthTesterEngine(accounts=1, balance=7 * ETHER)
    session = ChainSession(engine, names=["Aigerim", "Bolat"], funding_eth=2)
    assert session.balance("Aigerim") == 7 * ETHER
    assert session.balance("Bolat") == 2 * ETHER
    assert session.engine is engine and session.error_abis is session.abis


def test_advancing_past_any_date_a_report_can_write_is_refused(chain_session):
    start = chain_session.now()
    with pytest.raises(DurationError, match="would pass the year 9999"):
        chain_session.advance(10**30)
    assert chain_session.now() == start, "the clock did not move"
    chain_session.advance("3650 days")
