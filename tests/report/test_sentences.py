"""One journal entry, one sentence: the words a lawyer or a class reads in the timeline."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from dao_sim.chain import DecodedError
from dao_sim.chain.journal import DecodedEvent, JournalEntry
from dao_sim.exceptions import LawError
from dao_sim.governance import Action
from dao_sim.report import DEFAULT, SENTENCES, Sentence, describe, describe_event, sentence

ETH = 10**18
DAO = "0x" + "d0" * 20
GOVERNOR = "0x" + "d1" * 20
CLAIMS = "0x" + "d2" * 20
OTHER = "0x" + "e2" * 20
SUCCESSOR = "0x" + "d9" * 20
CONTRACTS = {DAO: "Steppe Makers", GOVERNOR: "Steppe Makers governor", CLAIMS: "Steppe Makers claims",
             OTHER: "Other DAO claims", SUCCESSOR: "Steppe Makers II"}
PEOPLE = {"0x" + f"{i:02x}" * 20: name
          for i, name in enumerate(["Aigerim", "Bolat", "Dana", "Erlan", "Gulnara", "Nurlan"], 1)}
ADDRESS = {name: address for address, name in PEOPLE.items()}


def name_of(address: str) -> str:
    return PEOPLE.get(address, CONTRACTS.get(address, address[:8]))


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
    assert told == Sentence("Bolat voted For proposal 0 (weight 1)", "vote-only-decisions")


def test_execution_says_who_triggered_it_and_what_the_contract_paid():
    told = describe(entry(
        "execute",
        ("ActionExecuted", {"proposalId": 0, "index": 0, "target": ADDRESS["Erlan"],
                            "value": 2 * ETH}),
        ("ProposalExecuted", {"proposalId": 0, "executor": ADDRESS["Gulnara"]}),
        sender="Gulnara"), name_of)
    assert told.text == "Gulnara executed proposal 0: paid 2 ETH to Erlan"
    assert told.basis == "vote-only-decisions"


def test_a_settled_claim_states_the_credit_the_bond_and_the_liability_left():
    told = describe(entry(
        "execute",
        ("PaymentCredited", {"to": ADDRESS["Nurlan"], "amount": 16 * ETH}),
        ("ClaimSettled", {"claimId": 0, "paid": 16 * ETH, "shortfall": 14 * ETH}),
        ("PaymentCredited", {"to": ADDRESS["Nurlan"], "amount": 3 * ETH // 2}),
        ("ActionExecuted", {"proposalId": 1, "index": 0, "target": CLAIMS, "value": 0}),
        ("ProposalExecuted", {"proposalId": 1, "executor": ADDRESS["Nurlan"]}),
        sender="Nurlan"), name_of)
    assert told.text == ("Nurlan executed proposal 1: settled claim 0: 16 ETH credited to Nurlan for "
                         "them to withdraw, with the bond of 1.5 ETH returned; 14 ETH unpaid stays the "
                         "DAO's outstanding liability")


def test_a_rejected_claim_says_where_its_bond_went():
    told = describe(entry(
        "execute",
        ("ClaimRejected", {"claimId": 2, "bondForfeited": ETH // 4}),
        ("ProposalExecuted", {"proposalId": 3, "executor": ADDRESS["Gulnara"]}),
        sender="Gulnara"), name_of)
    assert told.text == "Gulnara executed proposal 3: rejected claim 2; its bond of 0.25 ETH went to the treasury"


def test_a_payment_the_payee_refused_is_told_as_credited():
    told = describe(entry(
        "execute",
        ("PaymentCredited", {"to": ADDRESS["Erlan"], "amount": ETH}),
        ("ActionExecuted", {"proposalId": 0, "index": 0, "target": ADDRESS["Erlan"], "value": ETH}),
        ("ProposalExecuted", {"proposalId": 0, "executor": ADDRESS["Gulnara"]}),
        sender="Gulnara"), name_of)
    assert told.text == ("Gulnara executed proposal 0: credited 1 ETH to Erlan, whose account refused the "
                         "payment, for them to withdraw")


def test_an_expulsion_and_a_capital_call_read_as_credits_and_cumulative_calls():
    told = describe(entry(
        "execute",
        ("MemberExpelled", {"member": ADDRESS["Dana"], "shares": 4 * ETH, "payout": 3 * ETH}),
        ("PaymentCredited", {"to": ADDRESS["Dana"], "amount": 3 * ETH}),
        ("CapitalCalled", {"bpsOfContribution": 2_500, "cumulativeBps": 7_500}),
        ("ProposalExecuted", {"proposalId": 4, "executor": ADDRESS["Gulnara"]}),
        sender="Gulnara"), name_of)
    assert told.text == ("Gulnara executed proposal 4: expelled Dana, crediting their share of 3 ETH for "
                         "them to withdraw; called 25% of each member's contribution as capital (75% "
                         "called so far)")


def test_held_contributions_and_withdrawals_are_told():
    held = describe(entry("contribute", ("ContributionHeld", {"member": ADDRESS["Dana"], "amount": ETH,
                                                              "epoch": 0}),
                          ("ContributionMade", {"member": ADDRESS["Dana"], "amount": ETH, "shares": 0}),
                          sender="Dana", value=ETH), name_of)
    assert held.text == ("Dana added 1 ETH to their contribution (and so to their liability cap); it is "
                         "held apart until the open claims are decided, then priced")
    taken = describe(entry("withdraw", ("PaymentWithdrawn", {"to": ADDRESS["Nurlan"], "amount": 17 * ETH}),
                           sender="Nurlan"), name_of)
    assert taken.text == "Nurlan withdrew 17 ETH that Steppe Makers had credited to them"


def test_a_migration_moves_the_treasury_then_carries_positions():
    moved = describe(entry(
        "execute",
        ("TreasuryMigrated", {"successor": SUCCESSOR, "amount": 20 * ETH, "members": 3}),
        ("MigrationCompleted", {"predecessor": DAO, "amount": 20 * ETH}),
        ("ProposalExecuted", {"proposalId": 5, "executor": ADDRESS["Gulnara"]}),
        sender="Gulnara"), name_of)
    assert moved.text == ("Gulnara executed proposal 5: moved the treasury, 20 ETH, to Steppe Makers II; "
                          "the positions of its 3 members follow in batches")
    carried = describe(entry("carryMembers", ("MemberJoined", {"member": ADDRESS["Aigerim"],
                                                               "contribution": 10 * ETH, "shares": 10 * ETH}),
                             ("MemberJoined", {"member": ADDRESS["Bolat"], "contribution": 6 * ETH,
                                               "shares": 6 * ETH}),
                             sender="Gulnara"), name_of)
    assert carried.text == ("Gulnara carried the positions of Aigerim, Bolat to Steppe Makers (shares, "
                            "contributions, capital called and paid, dues standing), whole")


def test_a_weighted_ballot_weighs_wei_contributed():
    told = describe(entry("vote", ("VoteCast", {"proposalId": 0, "voter": ADDRESS["Aigerim"],
                                                "support": 1, "weight": 10 * ETH})), name_of)
    assert told.text == "Aigerim voted For proposal 0 (weight 10 ETH contributed)"


def test_a_proposal_tells_its_actions_on_any_of_the_daos_contracts_in_words():
    # The proposal goes to the governor; settling a claim targets the claims module and offering
    # membership the core: both are the DAO's own, so both are told in words. The same
    # settleClaim call on a stranger's contract is told by its selector only.
    actions = [(ADDRESS["Erlan"], 2 * ETH, b""), (CLAIMS, 0, Action.settle_claim(4).data),
               (DAO, 0, Action.offer_membership(ADDRESS["Nurlan"], "3 ETH").data),
               (OTHER, 0, Action.settle_claim(4).data)]
    proposal = entry(
        "propose", ("ProposalCreated", {"proposalId": 2, "proposer": ADDRESS["Aigerim"],
                                        "kind": 0, "voteStart": 0, "voteEnd": 1,
                                        "description": "Pay and settle"}),
        sender="Aigerim", args={"actions": actions, "description": "Pay and settle"})
    proposal = replace(proposal, to=GOVERNOR, to_label="Steppe Makers governor")
    told = describe(proposal, name_of)
    assert told.text == ('Aigerim proposed proposal 2, "Pay and settle": pay 2 ETH to Erlan; '
                         "settle claim 4; offer membership to Nurlan for 3 ETH; call 0xe406f1d8 on "
                         "Other DAO claims")


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
                        "human-dispute")

    told = describe(entry("giveRuling", ("RulingGiven", {"disputeId": 5}), sender="Gulnara"),
                    name_of)
    assert told == Sentence("Gulnara ruled on dispute 5", "human-dispute")


def test_a_sentence_names_a_requirement_the_catalogue_knows():
    with pytest.raises(LawError, match="did you mean 'human-dispute'"):
        Sentence("Gulnara ruled", "human-disputes")
    with pytest.raises(LawError, match="no requirement 'DC 28.2'"):
        Sentence("Gulnara ruled", "DC 28.2")  # an article is not a requirement


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
