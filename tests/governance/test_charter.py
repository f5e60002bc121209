"""Public rules, no owner: the charter's hash is on the chain (DC 20.9), and nobody holds a
power over the DAO that a vote or a named human role does not give (DC 20.4, 20.7)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

import pytest
from eth_utils import keccak

from dao_sim.exceptions import TransactionReverted
from dao_sim.governance import DAOSpec, Dues, charter_hash

# Names that mean a central manager: an owner or admin, a pauser, an upgrade path, a setter.
PRIVILEGED = re.compile(
    r"^(owner|pendingOwner|transferOwnership|acceptOwnership|renounceOwnership|admin|getAdmin|"
    r"changeAdmin|guardian|pauser|pause|unpause|paused|upgradeTo|upgradeToAndCall|"
    r"proxiableUUID|implementation|grantRole|revokeRole|renounceRole|hasRole|getRoleAdmin|"
    r"kill|destroy|selfDestruct|withdrawAll|sweep|rescue\w*|set[A-Z_]\w*|update[A-Z]\w*)$"
)

# Every function that changes state, contract by contract, by who may call it. A new one must
# be placed here. The DAO is a core and modules the core created; calls they make on one another
# (OnlyModule) and the hand-over of an amendment (OnlySuccessor, OnlyPredecessor) are no power a
# person holds.
OPEN_TO_ANYONE_OR_OWN_ACT: dict[str, frozenset[str]] = {
    "DAO": frozenset({"join", "contribute", "exit", "withdraw", "payCapitalCall", "carryMembers",
                      "carryCredits"}),
    "Governor": frozenset({"propose", "proposeAmendment", "vote", "execute", "holdForClaims"}),
    "Claims": frozenset({"fileClaim", "carryClaims"}),
    "DisputeClause": frozenset({"openDispute", "submitEvidence"}),
    "AutomatedDecisions": frozenset({"payDues", "enforceDues", "requestReview"}),
}
NEEDS_A_VOTE_OR_A_NAMED_HUMAN: dict[tuple[str, str], str] = {
    ("DAO", "offerMembership"): "OnlyByVote",
    ("DAO", "expel"): "OnlyByVote",
    ("DAO", "callCapital"): "OnlyByVote",
    ("DAO", "executeActions"): "OnlyModule",
    ("DAO", "beginMigration"): "OnlyModule",
    ("DAO", "claimOpened"): "OnlyModule",
    ("DAO", "claimClosed"): "OnlyModule",
    ("DAO", "payRemedy"): "OnlyModule",
    ("DAO", "credit"): "OnlyModule",
    ("DAO", "recordDuesStanding"): "OnlyModule",
    ("DAO", "contributeFor"): "OnlyModule",
    ("DAO", "releaseMember"): "OnlySuccessor",
    ("DAO", "releaseCredit"): "OnlySuccessor",
    ("DAO", "receiveTreasury"): "OnlyPredecessor",
    ("Governor", "releaseExit"): "OnlyModule",
    ("Governor", "markDisputed"): "OnlyModule",
    ("Governor", "applyRuling"): "OnlyModule",
    ("Claims", "settleClaim"): "OnlyByVote",
    ("Claims", "rejectClaim"): "OnlyByVote",
    ("Claims", "awardRemedy"): "OnlyModule",
    ("Claims", "releaseClaim"): "OnlySuccessor",
    ("DisputeClause", "rule"): "OnlyArbitrator",
    ("AutomatedDecisions", "decideReview"): "OnlyReviewer",
    ("AutomatedDecisions", "recordCarriedSuspension"): "OnlyModule",
}
CONTRACTS = tuple(OPEN_TO_ANYONE_OR_OWN_ACT)

# Opcodes that let code change under the members or vanish: DC 20.9 forbids a silent change.
FORBIDDEN_OPCODES = {0xF2: "CALLCODE", 0xF4: "DELEGATECALL", 0xFF: "SELFDESTRUCT"}


def privileged(abi: Sequence[Mapping[str, Any]]) -> list[str]:
    """Function names in ``abi`` that would give someone central management."""
    return sorted(e["name"] for e in abi if e.get("type") == "function" and PRIVILEGED.match(e["name"]))


def state_changing(abi: Sequence[Mapping[str, Any]]) -> set[str]:
    return {e["name"] for e in abi
            if e.get("type") == "function" and e.get("stateMutability") not in ("view", "pure")}


def opcodes(runtime: bytes) -> list[int]:
    """The opcodes of runtime code, skipping PUSH data and the trailing CBOR metadata."""
    metadata = int.from_bytes(runtime[-2:], "big") + 2 if len(runtime) >= 2 else 0
    code = runtime[:-metadata] if 0 < metadata <= len(runtime) else runtime
    found, i = [], 0
    while i < len(code):
        op = code[i]
        found.append(op)
        i += 1 + (op - 0x5F if 0x60 <= op <= 0x7F else 0)
    return found


def zero_args(abi: Sequence[Mapping[str, Any]], name: str, someone: str) -> list[Any]:
    """Harmless arguments for ``name``: empty arrays, zeros, ``someone`` for an address."""
    (entry,) = [e for e in abi if e.get("type") == "function" and e["name"] == name]
    by_type = {"address": someone, "bool": False, "string": "", "bytes": b"", "bytes32": bytes(32)}

    def harmless(kind: str) -> Any:
        if kind.endswith("[]"):
            return []
        if kind.endswith("]"):
            inner, size = kind[:-1].rsplit("[", 1)
            return [harmless(inner)] * int(size)
        return by_type.get(kind, 0)

    return [harmless(p["type"]) for p in entry["inputs"]]


# ---- the charter (DC 20.9) ---------------------------------------------------------------------


def test_charter_hash_on_chain_is_the_keccak_of_the_charter_text(session, make_dao):
    dao = make_dao()
    stored = dao.contract.call("charterHash")
    assert stored == keccak(text=dao.charter)
    assert dao.charter == dao.spec.charter_text()
    published = session.journal.by_function("deploy")[-1].event("CharterPublished").args
    assert published["charterHash"] == "0x" + stored.hex()


def test_charter_hash_follows_a_charter_written_by_the_members(session, make_dao):
    text = "# Charter of Steppe Makers\n\nWe build furniture together. Decisions by vote.\n"
    dao = make_dao(charter=text, charter_uri="ipfs://bafy-steppe-makers-charter")
    assert dao.charter == text
    assert dao.contract.call("charterHash") == charter_hash(text) == keccak(text.encode("utf-8"))
    published = session.journal.by_function("deploy")[-1].event("CharterPublished").args
    assert published["charterURI"] == "ipfs://bafy-steppe-makers-charter"


BASE_RULES: dict[str, Any] = {
    "name": "Steppe Makers", "members": {"Aigerim": "10 ETH", "Bolat": "6 ETH"},
    "arbitrator": "HumanArbitrator", "dues": Dues("0.1 ETH", "30 days"), "reviewer": "Saule",
}
RULE_CHANGES: dict[str, Any] = {
    "members": {"Aigerim": "10 ETH", "Bolat": "7 ETH"},
    "voting_rule": "contribution-weighted",
    "quorum": "51%",
    "approval": "60%",
    "amendment_consent": "75%",
    "voting_delay": "1 day",
    "voting_period": "4 days",
    "grace_period": "3 days",
    "execution_window": "8 days",
    "liability_cap": "2x",
    "expulsion_allowed": True,
    "claim_bond": "10%",
    "min_claim_bond": "0.05 ETH",
    "dues": Dues("0.1 ETH", "14 days"),
    "arbitrator": "Court of Steppe Makers",
    "arbitrator_panel_size": 3,
    "reviewer": "Timur",
    "sandbox": 3,
}
NOT_RULES = {"name", "charter", "charter_uri", "founders"}


def test_every_rule_of_the_spec_has_a_charter_case():
    assert {f.name for f in fields(DAOSpec)} - NOT_RULES == RULE_CHANGES.keys()


@pytest.mark.parametrize(("rule", "value"), RULE_CHANGES.items(), ids=RULE_CHANGES.keys())
def test_generated_charter_and_its_hash_change_with_every_rule(rule, value):
    before = DAOSpec(**BASE_RULES)
    after = DAOSpec(**{**BASE_RULES, rule: value})
    assert charter_hash(after.charter_text()) != charter_hash(before.charter_text())


# ---- no owner (DC 20.4, 20.7) --------------------------------------------------------------------


def test_privileged_names_are_recognised():
    ownable_pausable_uups = [{"type": "function", "name": n, "inputs": [], "stateMutability": "nonpayable"}
                             for n in ("owner", "transferOwnership", "renounceOwnership", "pause", "unpause",
                                       "upgradeToAndCall", "setQuorum", "grantRole", "vote", "settleClaim")]
    assert privileged(ownable_pausable_uups) == ["grantRole", "owner", "pause", "renounceOwnership",
                                                 "setQuorum", "transferOwnership", "unpause",
                                                 "upgradeToAndCall"]


@pytest.mark.parametrize("contract", CONTRACTS)
def test_dao_abi_has_no_owner_admin_pause_upgrade_or_setter(artifacts, contract):
    abi = artifacts[contract].abi
    assert [e for e in abi if e.get("type") == "function"]
    assert privileged(abi) == []


@pytest.mark.parametrize("contract", CONTRACTS)
def test_every_state_changing_function_is_accounted_for(artifacts, contract):
    guarded = {name for (where, name) in NEEDS_A_VOTE_OR_A_NAMED_HUMAN if where == contract}
    assert state_changing(artifacts[contract].abi) == OPEN_TO_ANYONE_OR_OWN_ACT[contract] | guarded


def handle_of(dao: Any, contract: str) -> Any:
    return {"DAO": dao.contract, "Governor": dao.governor, "Claims": dao.claims_module,
            "DisputeClause": dao.dispute_clause, "AutomatedDecisions": dao.automated_decisions}[contract]


@pytest.mark.parametrize(("where", "error"), [(k, v) for k, v in NEEDS_A_VOTE_OR_A_NAMED_HUMAN.items()],
                         ids=[f"{c}.{f}-{e}" for (c, f), e in NEEDS_A_VOTE_OR_A_NAMED_HUMAN.items()])
def test_deployer_and_founders_hold_no_power_a_vote_or_a_named_human_holds(session, make_dao, where, error):
    contract, function = where
    dao = make_dao(liability_cap="2x", expulsion_allowed=True, dues=Dues("0.1 ETH", "30 days"), reviewer="Saule")
    handle = handle_of(dao, contract)
    args = zero_args(handle.abi, function, session.address("Bolat"))
    for founder in ("Aigerim", "Bolat", "Dana"):
        with pytest.raises(TransactionReverted) as refused:
            handle.transact(function, *args, sender=founder)
        assert refused.value.error == error
        assert session.journal.last.status is False
        assert refused.value.error_args == {"caller": session.address(founder)}


def test_opcode_walk_finds_an_opcode_but_not_push_data():
    assert opcodes(bytes([0x60, 0xFF, 0xF4]) + bytes([0xA1, 0x00, 0x01])) == [0x60, 0xF4]


def test_deployed_code_cannot_delegate_or_self_destruct(session, make_dao):
    dao = make_dao(dues=Dues("0.1 ETH", "30 days"), reviewer="Saule")
    assert len(dao.addresses) == 5  # the core and its four modules
    for address in dao.addresses:
        runtime = session.engine.code(address)
        found = {FORBIDDEN_OPCODES[op] for op in opcodes(runtime) if op in FORBIDDEN_OPCODES}
        assert (session.name_of(address), found) == (session.name_of(address), set())
        assert len(runtime) > 1_000
