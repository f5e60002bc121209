"""One journal entry, one sentence: the words a lawyer or a class reads in the timeline."""

from __future__ import annotations

from typing import Any

import pytest

from dao_sim.chain import DecodedError
from dao_sim.chain.journal import DecodedEvent, JournalEntry
from dao_sim.governance import Action
from dao_sim.report import DEFAULT, SENTENCES, Sentence, describe, describe_event, sentence

ETH = 10**18
DAO = "0x" + "d0" * 20
PEOPLE = {"0x" + f"{i:02x}" * 20: name
          for i, name in enumerate(["Aigerim", "Bolat", "Dana", "Erlan", "Gulnara", "Nurlan"], 1)}
ADDRESS = {name: address for address, name in PEOPLE.items()}


def name_of(address: str) -> str:
    return PEOPLE.get(address, "Steppe Makers" if address == DAO else address[:8])


def entry(function: str, *events: tuple[str, dict[str, Any]], sender: str = "Bolat",
          args: dict[str, Any] | None = None, error: DecodedError | None = None,
          value: int = 0) -> JournalEntry:
    return JournalEntry(
        index=3, tx_hash="0x" + "ab" * 32, sender=ADDRESS[sender], sender_name=sender, to=DAO,
        to_label="Steppe Makers", function=function, args=args or {}, value=value,
        status=error is None, gas_used=90_000, block=7, timestamp=1_767_225_607,
        events=tuple(DecodedEvent("Steppe Makers", DAO, name, a) for name, a in events),
        error=error)


def test_a_ballot_names_the_voter_the_choice_and_the_weight():
    told = describe(entry("vote", ("VoteCast", {"proposalId": 0, "voter": ADDRESS["Bolat"],
                                                "support": 1, "weight": 1})), name_of)
    assert told == Sentence("Bolat voted For proposal 0 (weight 1)", "DC 20.7")


def test_execution_says_who_triggered_it_and_what_the_contract_paid():
    told = describe(entry(
        "execute",
        ("ActionExecuted", {"proposalId": 0, "index": 0, "target": ADDRESS["Erlan"],
                            "value": 2 * ETH}),
        ("ProposalExecuted", {"proposalId": 0, "executor": ADDRESS["Gulnara"]}),
        sender="Gulnara"), name_of)
    assert told.text == "Gulnara executed proposal 0: paid 2 ETH to Erlan"
    assert told.basis == "DC 20.7"


def test_a_settled_claim_states_the_payment_and_the_liability_left():
    told = describe(entry(
        "execute",
        ("ActionExecuted", {"proposalId": 1, "index": 0, "target": DAO, "value": 0}),
        ("ClaimSettled", {"claimId": 0, "paid": 16 * ETH, "shortfall": 14 * ETH}),
        ("ProposalExecuted", {"proposalId": 1, "executor": ADDRESS["Nurlan"]}),
        sender="Nurlan"), name_of)
    assert told.text == ("Nurlan executed proposal 1: settled claim 0, paying 16 ETH; 14 ETH "
                         "unpaid stays the DAO's outstanding liability")


def test_a_proposal_tells_its_actions_in_words():
    actions = [(ADDRESS["Erlan"], 2 * ETH, b""), (DAO, 0, Action.settle_claim(4).data)]
    told = describe(entry(
        "propose", ("ProposalCreated", {"proposalId": 2, "proposer": ADDRESS["Aigerim"],
                                        "kind": 0, "voteStart": 0, "voteEnd": 1,
                                        "description": "Pay and settle"}),
        sender="Aigerim", args={"actions": actions, "description": "Pay and settle"}), name_of)
    assert told.text == ('Aigerim proposed proposal 2, "Pay and settle": pay 2 ETH to Erlan; '
                         "settle claim 4")


def test_a_refusal_is_told_in_the_daos_words():
    error = DecodedError("AlreadyVoted", {"proposalId": 0, "voter": ADDRESS["Bolat"]},
                         "AlreadyVoted(uint256,address)", "", "0x")
    told = describe(entry("vote", args={"proposalId": 0, "support": 1}, error=error), name_of)
    assert told.text == ("Bolat tried to call vote on Steppe Makers; the contract refused: "
                         "Bolat has already voted on proposal 0")
    assert told.basis == ""


def test_an_exit_is_marked_as_a_dao_sim_default_not_law():
    told = describe(entry("exit", ("MemberExited", {"member": ADDRESS["Dana"], "shares": 4,
                                                    "payout": 4 * ETH}), sender="Dana"), name_of)
    assert told.text == "Dana left Steppe Makers and was paid their share of the treasury, 4 ETH"
    assert told.basis == DEFAULT


def test_an_unknown_function_is_still_told_from_its_events():
    told = describe(entry("giveRuling", ("RulingGiven", {"disputeId": 0}), sender="Gulnara",
                          value=ETH), name_of)
    assert told.text == "Gulnara called giveRuling on Steppe Makers, sending 1 ETH (RulingGiven)"


def test_a_package_can_register_its_own_sentence(monkeypatch):
    monkeypatch.setitem(SENTENCES, "giveRuling", lambda e, names: None)  # undone after the test

    @sentence("giveRuling")
    def _ruling(e: JournalEntry, names: Any) -> Sentence:
        return Sentence(f"{e.sender_name} ruled on dispute {e.events[0].args['disputeId']}",
                        "DC 28.2")

    told = describe(entry("giveRuling", ("RulingGiven", {"disputeId": 5}), sender="Gulnara"),
                    name_of)
    assert told == Sentence("Gulnara ruled on dispute 5", "DC 28.2")


def test_a_teller_that_does_not_recognise_the_entry_falls_back():
    # "execute" on a contract that is not a DAO emits no ProposalExecuted.
    told = describe(entry("execute", ("Released", {"amount": 1})), name_of)
    assert told.text == "Bolat called execute on Steppe Makers (Released)"


@pytest.mark.parametrize(("support", "word"), [(0, "Against"), (1, "For"), (2, "Abstain")])
def test_events_for_evidence_name_addresses_and_choices(support, word):
    event = DecodedEvent("Steppe Makers", DAO, "VoteCast",
                         {"proposalId": 0, "voter": ADDRESS["Dana"], "support": support,
                          "weight": 1})
    assert describe_event(event, name_of) == (f"VoteCast(proposalId=0, voter=Dana, "
                                              f"support={word}, weight=1)")
