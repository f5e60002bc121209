"""The DAO's refusals in words: every error the contract declares reads as a plain sentence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from eth_abi import encode
from eth_utils import keccak

from dao_sim.chain.session import ChainSession
from dao_sim.exceptions import ContractReverted, DaoSimError, GovernanceError
from dao_sim.governance import DAORefused
from dao_sim.governance.errors import PROPOSAL_STATES, explain_revert
from dao_sim.governance.units import format_eth
from dao_sim.law import using

ETHER = 10**18
SAMPLE = {"address": "Bolat", "uint256": 3 * ETHER, "uint8": 1, "bytes4": b"\xde\xad\xbe\xef",
          "bytes": b"\x01\x02", "string": "quorumBps"}


@pytest.fixture(scope="module")
def chain(artifacts):
    session = ChainSession(names=["Aigerim", "Bolat"])
    session.register_abi(artifacts["DAO"])
    return session


def idao_errors(artifacts: Any) -> list[Mapping[str, Any]]:
    return [e for e in artifacts["IDAO"].abi if e["type"] == "error"]


def explain(chain: ChainSession, entry: Mapping[str, Any], values: list[Any]) -> DAORefused:
    """Encode ``entry`` with ``values`` as revert data, decode it as a session does, explain it."""
    types = [p["type"] for p in entry["inputs"]]
    data = keccak(text=f"{entry['name']}({','.join(types)})")[:4] + encode(types, values)
    decoded = chain.decode_revert(data)
    assert decoded.name == entry["name"]
    return explain_revert(ContractReverted("DAO.act", decoded.name, dict(decoded.args), data),
                          chain.name_of, format_eth)


def sample_values(chain: ChainSession, entry: Mapping[str, Any]) -> list[Any]:
    return [chain.address(SAMPLE["address"]) if p["type"] == "address" else SAMPLE[p["type"]]
            for p in entry["inputs"]]


def test_every_dao_error_has_a_sentence(chain, artifacts):
    errors = idao_errors(artifacts)
    assert len(errors) > 40
    unreadable = {}
    for entry in errors:
        refused = explain(chain, entry, sample_values(chain, entry))
        message = str(refused)
        raw = (entry["name"] in message or "reverted" in message or "{" in message or "}" in message
               or chain.address("Bolat") in message)  # a template missing, unfilled, or hex for a person
        if raw or refused.error != entry["name"]:
            unreadable[entry["name"]] = message
    assert unreadable == {}


@pytest.mark.parametrize(("edition", "own", "other"), [("code-2026", "Art. ", "DC "),
                                                       ("draft-2025", "DC ", "Art. ")])
def test_refusals_cite_the_edition_in_use_when_they_are_written(chain, artifacts, edition, own, other):
    with using(edition):
        messages = [str(explain(chain, e, sample_values(chain, e))) for e in idao_errors(artifacts)]
    assert not [m for m in messages if other in m]
    own_articles = [m for m in messages if own in m.replace("draft Art. ", "")]
    assert len(own_articles) >= 4  # human-dispute, automated-decision-rights...


def test_proposal_states_are_named_in_refusals(chain, artifacts):
    entries = {e["name"]: e for e in idao_errors(artifacts)}
    for state, name in enumerate(PROPOSAL_STATES):
        for error in ("ProposalNotActive", "ProposalNotExecutable", "ProposalNotInGrace"):
            assert f"(it is {name})" in str(explain(chain, entries[error], [7, state]))


@pytest.mark.parametrize(("error", "values", "message"), [
    ("WrongContribution", [3 * ETHER, ETHER // 2], "wrong amount: expected 3 ETH, sent 0.5 ETH"),
    ("ProposalNotInGrace", [7, 6],
     "proposal 7 is not in its grace window (it is Executed); disputes open during grace"),
    ("ClaimNotOpen", [2, 3], "claim 2 is Rejected, not open"),
    ("ReviewNotRequested", [5, 2], "decision 5 has no pending review request (review is Confirmed)"),
    ("ExitBlockedByOwnVote", ["Bolat", 4],
     "Bolat voted For proposal 4, which is still open; they may exit once it is settled"),
    ("CapitalCallExceedsCap", [3_000, 1_000],
     ("a capital call of 30% of each contribution exceeds the 10% the liability cap still allows "
      "(dao-sim default, after draft Art. 20.8)")),
    ("WrongClaimBond", [ETHER // 2, ETHER // 100], "the bond for this claim is 0.5 ETH, sent 0.01 ETH"),
    ("NoCredit", ["Bolat"], "nothing is credited to Bolat: there is no payment to withdraw"),
    ("TooManyActions", [17, 16], "a proposal may carry at most 16 actions; this one has 17"),
    ("ClaimNotOpen", [4, 4], "claim 4 is Carried, not open"),
    ("InvalidRules", ["quorumBps"], "the rule quorumBps is invalid"),
    ("DisputeClauseMissing", [], "no human dispute procedure (arbitrator) was named (Art. 67(3))"),
    ("ReviewerMissing", [], "automated decisions need a named human reviewer (Art. 43(4))"),
])
def test_refusal_reads_as_written(chain, artifacts, error, values, message):
    (entry,) = [e for e in idao_errors(artifacts) if e["name"] == error]
    values = [chain.address(v) if p["type"] == "address" else v for p, v in zip(entry["inputs"], values)]
    assert str(explain(chain, entry, values)) == message


def test_library_error_without_a_sentence_keeps_its_decoded_name(chain):
    data = keccak(text="ReentrancyGuardReentrantCall()")[:4]
    decoded = chain.decode_revert(data)
    refused = explain_revert(ContractReverted("DAO.execute", decoded.name, dict(decoded.args), data),
                             chain.name_of, format_eth)
    assert refused.error == "ReentrancyGuardReentrantCall"
    assert str(refused) == "DAO.execute reverted: ReentrancyGuardReentrantCall()"


def test_undecodable_revert_keeps_its_raw_data(chain):
    refused = explain_revert(ContractReverted("DAO.execute", None, {}, b"\x12\x34"), chain.name_of, format_eth)
    assert (refused.error, refused.details) == (None, {})
    assert str(refused) == "DAO.execute reverted (undecoded revert data 0x1234)"


def test_refusal_is_a_governance_error():
    assert issubclass(DAORefused, GovernanceError)
    assert issubclass(DAORefused, DaoSimError)
