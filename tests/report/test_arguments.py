"""Every number a contract's call or event carries is shown as what it is: an amount in ETH,
a date, a length of time, a percentage, an enum's word, a ruling in words, or a plain count."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dao_sim.compiler import compile_project
from dao_sim.report.arguments import ENUMS, kind_of, show_argument, show_typed

ROOT = Path(__file__).resolve().parents[2]


def _numbers(inputs: list[dict]) -> set[str]:
    found = set()
    for i in inputs:
        if re.match(r"u?int\d*", i["type"]):
            found.add(i["name"])
        found |= _numbers(i.get("components", []))
    return found


def test_every_number_in_dao_sims_contracts_is_classified() -> None:
    artifacts = compile_project()
    names = set()
    for name in artifacts:
        artifact = artifacts[name]
        if artifact.source.startswith("contracts/") and "/mocks/" not in artifact.source:
            for item in artifact.abi:
                if item.get("type") in ("function", "constructor", "event"):
                    names |= _numbers(item.get("inputs", []))
    assert names, "no numeric argument found: the walk is broken"
    unknown = sorted(n for n in names if kind_of(n) == "unknown")
    assert not unknown, f"classify these in dao_sim/report/arguments.py: {unknown}"


@pytest.mark.parametrize("argument", sorted(ENUMS))
def test_enum_words_are_the_solidity_enums_own_names_in_order(argument: str) -> None:
    source = (ROOT / "contracts/governance/IDAO.sol").read_text()
    enum = {"support": "Support", "kind": "ProposalKind", "votingRule": "VotingRule"}[argument]
    body = re.search(rf"enum {enum}\s*{{([^}}]*)}}", source)
    assert body is not None
    members = tuple(m.strip() for m in re.sub(r"//[^\n]*", "", body.group(1)).split(",") if m.strip())
    assert ENUMS[argument] == members


def test_amounts_times_durations_and_percentages_in_words() -> None:
    assert show_argument("compensation", 25 * 10**17, str) == "2.5 ETH"
    assert show_argument("voteEnd", 1_767_484_800, str) == "2026-01-04 00:00:00 UTC"
    assert show_argument("gracePeriod", 2 * 86_400, str) == "2 days"
    assert show_argument("quorumBps", 5_000, str) == "50%"
    assert show_argument("support", 2, str) == "Abstain"
    assert show_argument("support", 7, str) == "unknown (7)"
    assert show_argument("weight", 1, str) == "1"
    assert show_argument("weight", 4 * 10**18, str) == "4 ETH"
    assert show_argument("ruling", 2, str, ruling_words=lambda d, r: f"void in {d}", dispute=3) == "void in 3"
    assert show_argument("ruling", 2, str) == "option 2"
    assert show_argument("proposalId", 12, str) == "12"


def test_struct_fields_are_named_and_shown_by_kind() -> None:
    action = {"name": "actions", "type": "tuple[]", "components": [
        {"name": "target", "type": "address"}, {"name": "value", "type": "uint256"},
        {"name": "data", "type": "bytes"}]}
    shown = show_typed(action, "actions", [("0x" + "11" * 20, 5 * 10**18, b"")], lambda a: "Erlan")
    assert shown == "((target=Erlan, value=5 ETH, data=0x))"
