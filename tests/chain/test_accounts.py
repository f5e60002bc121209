"""Named accounts and labelled contracts."""

from __future__ import annotations

import pytest

from dao_sim.chain.accounts import DEFAULT_NAMES, AddressBook, default_names
from dao_sim.chain.session import ETHER, ChainSession
from dao_sim.exceptions import ChainError, UnknownMemberError


def test_default_members_in_order_and_funded(chain_session: ChainSession) -> None:
    names = [a.name for a in chain_session.accounts()]
    assert names == list(DEFAULT_NAMES) == [
        "Aigerim", "Bolat", "Dana", "Erlan", "Gulnara", "Kairat", "Madina", "Nurlan",
        "Saule", "Timur", "Zhanna", "Askar", "Botagoz", "Daniyar", "Aruzhan", "Yerlan"]
    assert all(chain_session.balance(n) == 1_000 * ETHER for n in names)
    assert len({chain_session.address(n) for n in names}) == 16


def test_more_members_than_names_are_numbered() -> None:
    assert default_names(18)[15:] == ("Yerlan", "Member 17", "Member 18")
    session = ChainSession(names=18, funding_eth=5)
    assert session.account("Member 18").address == session.address("Member 18")
    assert session.balance("Member 17") == 5 * ETHER
    added = session.add_accounts(2)
    assert [a.name for a in added] == ["Member 19", "Member 20"]


def test_names_are_case_sensitive_and_typos_get_a_suggestion(
        chain_session: ChainSession) -> None:
    with pytest.raises(UnknownMemberError, match="no member or account named 'aigerim'; "
                                                 "did you mean 'Aigerim'"):
        chain_session.account("aigerim")
    with pytest.raises(UnknownMemberError, match="did you mean 'Gulnara'"):
        chain_session.address("Gulnra")
    with pytest.raises(UnknownMemberError) as caught:
        chain_session.address("Xyzzy")
    assert "did you mean" not in str(caught.value)


def test_addresses_resolve_and_name_back(chain_session: ChainSession) -> None:
    aigerim = chain_session.account("Aigerim")
    assert chain_session.address(aigerim) == aigerim.address
    assert chain_session.address(aigerim.address.lower()) == aigerim.address
    assert chain_session.name_of(aigerim.address.lower()) == "Aigerim"
    stranger = "0x" + "ab" * 20
    assert chain_session.name_of(stranger) == "0xABaB…ABaB"
    # eth-tester's key 1: mixed case, so a flipped letter is a checksum error.
    assert aigerim.address == "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
    with pytest.raises(ChainError, match="wrong checksum; did you mean '0x7E5F"):
        chain_session.address("0x7E5F4552091A69125d5DfCb7b8C2659029395BdF")
    with pytest.raises(ChainError, match="which address"):
        chain_session.address(42)


def test_third_parties_join_funded_under_their_name(chain_session: ChainSession) -> None:
    supplier = chain_session.add_account("Supplier LLP", funding_eth=3)
    assert chain_session.balance("Supplier LLP") == 3 * ETHER
    assert chain_session.name_of(supplier.address) == "Supplier LLP"
    with pytest.raises(ChainError, match="already in use"):
        chain_session.add_account("Supplier LLP")
    assert chain_session.add_account().name == "Member 18"


def test_contract_labels_are_numbered_or_must_be_unique(chain_session: ChainSession,
                                                         chain_artifacts: object) -> None:
    ballot = chain_artifacts["Ballot"]  # type: ignore[index]
    first = chain_session.deploy(ballot, 2, sender="Aigerim")
    second = chain_session.deploy(ballot, 2, sender="Aigerim")
    named = chain_session.deploy(ballot, 2, sender="Aigerim", label="Budget vote")
    assert (first.label, second.label, named.label) == ("Ballot", "Ballot #2", "Budget vote")
    assert chain_session.name_of(second.address) == "Ballot #2"
    assert chain_session.address("Budget vote") == named.address
    assert chain_session.contract("Ballot #2").address == second.address
    deployed = len(chain_session.journal)
    with pytest.raises(ChainError, match="already in use"):
        chain_session.deploy(ballot, 2, sender="Aigerim", label="Budget vote")
    assert len(chain_session.journal) == deployed  # refused before anything was sent
    with pytest.raises(ChainError, match="not a contract"):
        chain_session.contract("Aigerim")


def test_address_book_refuses_bad_names_and_rewinds() -> None:
    book = AddressBook()
    book.add_account("Aigerim", "0x" + "11" * 20)
    for bad in ("", "  ", "0xabc"):
        with pytest.raises(ChainError):
            book.add_account(bad, "0x" + "22" * 20)
    with pytest.raises(ChainError, match="already named"):
        book.add_account("Bolat", "0x" + "11" * 20)
    book.add_contract("DAO", "0x" + "33" * 20)
    book.add_contract("IArbitrable", "0x" + "33" * 20)  # an alias of the same address
    assert book.name_of("0x" + "33" * 20) == "DAO"
    book.rewind(1)
    assert book.known() == ["Aigerim"]
    assert book.label_of("0x" + "33" * 20) is None
