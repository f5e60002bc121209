"""kill-switch: code that destroys the contract, or one account's pause on members' money."""

from __future__ import annotations

from collections.abc import Iterator

from slither.core.declarations import Contract, Function
from slither.core.solidity_types import ElementaryType
from slither.core.variables.state_variable import StateVariable
from slither.slithir.operations import Condition, SolidityCall

from dao_sim.compliance.dataflow import Origin, Resolver
from dao_sim.compliance.effects import payments, selfdestructs
from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.project import SourceModel
from dao_sim.compliance.rules.base import SourceRule

__all__ = ["KillSwitch"]


def _flags_obeyed(entry: Function, resolver: Resolver) -> set[StateVariable]:
    """Boolean state variables that decide, in a condition, whether ``entry`` goes on: read
    in the condition itself or returned by a function it calls (OpenZeppelin's ``paused()``
    behind ``whenNotPaused``)."""
    found = set(entry.all_conditional_state_variables_read())
    for node in entry.all_nodes():
        for op in node.irs:
            if isinstance(op, Condition):
                tested = [op.value]
            elif isinstance(op, SolidityCall) and op.function.name.startswith(("require(", "assert(")):
                tested = op.arguments[:1]
            else:
                continue
            for source in resolver.sources_of_all(tested, node.function):
                if source.origin is Origin.STATE:
                    found.add(source.item)
    return {v for v in found if isinstance(v.type, ElementaryType) and v.type.name == "bool"}


class KillSwitch(SourceRule):
    """``selfdestruct`` reachable from a public function (whoever may call it: the ether goes
    to one address and, before Cancun, the code and every member's position with it), or a
    boolean one account (or a role) sets that stops a function paying members out."""

    ID = "kill-switch"
    REQUIREMENT = "no-confiscation"
    SEVERITY = Severity.ERROR
    TITLE = "A kill switch or a pause over the members' money"
    RATIONALE = ("What a member holds in the DAO is theirs: no account, and no vote, may take "
                 "it or stop them reaching it. A selfdestruct sends the whole treasury to one "
                 "address; a pause that one account controls freezes every member's exit and "
                 "withdrawal at that account's will.")
    FIX = ("Remove selfdestruct. Remove the pause, or let it stop only new risk (joining, new "
           "proposals) and never a member's exit or withdrawal.")

    def check(self, model: SourceModel) -> Iterator[Finding]:
        for contract in model.contracts:
            access = model.access(contract)
            for entry in access.entry_points:
                for kill in selfdestructs(entry):
                    yield self.at(model, contract, kill.node,
                                  f"{contract.name}.{entry.name} reaches selfdestruct: the "
                                  f"treasury goes to one address and the members' positions "
                                  f"with it", function=entry.name)
            yield from self._pauses(model, contract)

    def _pauses(self, model: SourceModel, contract: Contract) -> Iterator[Finding]:
        access = model.access(contract)
        entries = access.entry_points
        paying = {e: _flags_obeyed(e, access.resolver(e)) for e in entries if payments(e)}
        for setter in entries:
            holders = sorted({g.describe() for g in access.central_gates(setter)})
            if not holders:
                continue
            for flag in setter.all_state_variables_written():
                stopped = sorted(e.name for e, flags in paying.items()
                                 if flag in flags and e is not setter)
                if stopped:
                    yield self.at(model, contract, setter,
                                  f"{contract.name}.{setter.name} lets {' or '.join(holders)} "
                                  f"set `{flag.name}`, which stops {', '.join(stopped)} paying "
                                  f"members out", function=setter.name)
