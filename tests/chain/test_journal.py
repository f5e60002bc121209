"""The journal: what happened, decoded, in order; cheap to keep, easy to question."""

from __future__ import annotations

import dataclasses
import json
import pickle
from typing import Any

import pytest

from dao_sim.chain.journal import Events, Journal, JournalEntry
from dao_sim.chain.session import ETHER, ChainSession
from dao_sim.exceptions import TransactionReverted


@pytest.fixture
def ballot(chain_session: ChainSession, chain_artifacts: Any) -> Any:
    return chain_session.deploy(chain_artifacts["Ballot"], 3, sender="Aigerim", label="Vote")


def test_entries_record_who_did_what(chain_session: ChainSession, ballot: Any) -> None:
    journal = chain_session.journal
    deploy = journal[0]
    assert (deploy.index, deploy.function, deploy.args, deploy.to, deploy.to_label) == (
        0, "deploy", {"options": 3}, ballot.address, "Vote")
    vote = ballot.transact("vote", 2, sender="Bolat")
    assert vote is journal.last and vote.index == 1
    assert (vote.sender, vote.sender_name) == (chain_session.address("Bolat"), "Bolat")
    assert (vote.function, vote.args, vote.value, vote.status, vote.error) == (
        "vote", {"option": 2}, 0, True, None)
    assert vote.block == deploy.block + 1 and vote.timestamp == deploy.timestamp + 1
    assert vote.gas_used > 21_000 and vote.tx_hash.startswith("0x")
    (event,) = vote.events
    assert (event.contract_label, event.address, event.name) == ("Vote", ballot.address,
                                                                 "VoteCast")
    assert event.args == {"voter": chain_session.address("Bolat"), "option": 2, "weight": 1}
    assert vote.describe() == "#1 Bolat: Vote.vote(option=2)"


def test_failed_transactions_are_journalled_with_their_reason(chain_session: ChainSession,
                                                              ballot: Any) -> None:
    ballot.transact("vote", 0, sender="Dana")
    with pytest.raises(TransactionReverted) as caught:
        ballot.transact("vote", 1, sender="Dana")
    failed = chain_session.journal.last
    assert caught.value.entry is failed
    assert failed.status is False and failed.events == ()
    assert failed.error is not None and failed.error.name == "AlreadyVoted"
    assert failed.error.args == {"voter": chain_session.address("Dana")}
    assert failed.describe().endswith(
        f"FAILED: AlreadyVoted(voter={chain_session.address('Dana')})")
    assert str(caught.value) == "Vote.vote reverted: AlreadyVoted(voter=Dana)"
    assert chain_session.journal.failures() == [failed]


def test_questions_people_ask(chain_session: ChainSession, ballot: Any) -> None:
    for name, option in (("Bolat", 0), ("Dana", 1), ("Erlan", 1)):
        ballot.transact("vote", option, sender=name)
    chain_session.send_value("Aigerim", "Bolat", ETHER)
    journal = chain_session.journal
    assert [e.sender_name for e in journal.by_function("vote")] == ["Bolat", "Dana", "Erlan"]
    assert [e.function for e in journal.by_sender("Bolat")] == ["vote"]
    assert journal.by_sender(chain_session.address("Aigerim")) == [journal[0], journal[4]]
    transfer = journal.by_function("transfer")[0]
    assert (transfer.to_label, transfer.value, transfer.args) == ("Bolat", ETHER, {})
    assert transfer.describe() == f"#4 Aigerim sent {ETHER} wei to Bolat"
    assert [e.args["option"] for e in journal.events("VoteCast", contract="Vote")] == [0, 1, 1]
    assert journal.events("VoteCast", contract="Other") == []
    assert journal[-1] is journal.last and len(journal[1:3]) == 2


def test_json_keeps_everything_readable_and_exact(chain_session: ChainSession,
                                                  chain_artifacts: Any) -> None:
    registry = chain_session.deploy(chain_artifacts["Registry"], sender="Aigerim")
    tag = b"\x07" * 32
    registry.transact("register", "Dana", 2**200, tag, sender="Bolat")
    with pytest.raises(TransactionReverted):
        registry.transact("withdraw", "Dana", 2**201, sender="Dana")
    records = json.loads(chain_session.journal.to_json())
    register, withdraw = records[1], records[2]
    assert register["args"] == {"holder": chain_session.address("Dana"), "amount": 2**200,
                                "tag": "0x" + tag.hex()}
    assert register["events"][0]["args"]["tag"] == "0x" + tag.hex()
    assert withdraw["status"] is False
    assert withdraw["error"]["name"] == "Overdrawn"
    assert withdraw["error"]["args"]["requested"] == 2**201
    assert withdraw["error"]["raw"].startswith("0x")


def test_logs_of_unknown_contracts_are_kept_then_decoded_once_known(
        chain_session: ChainSession, probe: Any) -> None:
    contract = chain_session.deploy(probe["Probe"], 0, sender="Aigerim")
    unknown, spawned = contract.transact("spawn", sender="Aigerim").events
    assert unknown.name == "UnknownEvent" and len(unknown.args["topics"]) == 2
    assert spawned.name == "Spawned"
    chain_session.register_abi(probe)  # the whole artifact set
    pinged = contract.transact("spawn", sender="Aigerim").events[0]
    assert pinged.name == "Pinged"
    assert pinged.contract_label == chain_session.name_of(pinged.address)
    assert pinged.args == {"caller": contract.address}


def test_journal_can_be_switched_off(chain_artifacts: Any) -> None:
    session = ChainSession(names=["Aigerim"], keep_journal=False)
    ballot = session.deploy(chain_artifacts["Ballot"], 2, sender="Aigerim")
    entry = ballot.transact("vote", 1, sender="Aigerim")
    assert entry.status and entry.index == -1 and entry.events[0].name == "VoteCast"
    assert len(session.journal) == 0


def test_journal_indexes_are_checked() -> None:
    journal = Journal()
    with pytest.raises(LookupError):
        journal.last  # noqa: B018  the property access is what raises
    entry: Any = type("E", (), {"index": 3})()
    with pytest.raises(ValueError, match="appended at 0"):
        journal.append(entry)


def test_an_entry_made_at_once_is_the_entry_the_constructor_makes(
        chain_session: ChainSession, ballot: Any) -> None:
    vote = ballot.transact("vote", 2, sender="Bolat")
    values = {f.name: getattr(vote, f.name) for f in dataclasses.fields(vote)}
    built = JournalEntry(**values)
    assert JournalEntry.of(values) == built == vote and repr(built) == repr(vote)
    with pytest.raises(dataclasses.FrozenInstanceError):
        vote.status = False  # type: ignore[misc]
    for wrong in ({k: v for k, v in values.items() if k != "error"}, {**values, "extra": 1}):
        with pytest.raises(TypeError, match="a journal entry has the fields"):
            JournalEntry.of(wrong)


def test_events_are_read_once_and_compare_as_a_sequence(
        chain_session: ChainSession, ballot: Any) -> None:
    vote = ballot.transact("vote", 2, sender="Bolat")
    events = vote.events
    assert isinstance(events, Events) and len(events) == 1
    assert events == tuple(events) and events == list(events) and events[0] is events[0]
    assert events[0].name == "VoteCast" and events[0].args["option"] == 2
    assert pickle.loads(pickle.dumps(events)) == events
    assert json.loads(json.dumps(vote.to_record()))["events"][0]["name"] == "VoteCast"
