"""human-dispute: a contract that moves value with no dispute procedure ending with a human."""

from __future__ import annotations

import re
from collections.abc import Iterator

from slither.core.declarations import Contract
from slither.core.solidity_types import UserDefinedType
from slither.slithir.operations import HighLevelCall

from dao_sim.compliance.effects import payments
from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.project import SourceModel
from dao_sim.compliance.rules.base import SourceRule

__all__ = ["HumanDispute"]

#: Names that declare a dispute channel: an arbitrator, an arbiter, a dispute module, a court.
_DISPUTE_NAME = re.compile(r"arbit|dispute|mediat|judge|court", re.IGNORECASE)


def _is_arbitrable(contract: Contract) -> bool:
    """It receives rulings (ERC-792 ``rule(uint256,uint256)``) or is an arbitrator itself."""
    return any(f.full_name == "rule(uint256,uint256)" or f.name == "createDispute"
               for f in contract.functions)


def _contract_type(t: object) -> Contract | None:
    return t.type if isinstance(t, UserDefinedType) and isinstance(t.type, Contract) else None


class HumanDispute(SourceRule):
    """A contract that sends ether or tokens (an agreement, an escrow, a DAO's treasury) and
    has no dispute path: it receives no ERC-792 ruling (``rule(uint256,uint256)``), opens no
    dispute (``createDispute``), is no arbitrator, holds no arbitrator, arbiter or dispute
    module (looked for two links deep, through the contracts and interfaces it stores and
    those their functions return), and no function is gated by an arbiter's address."""

    ID = "human-dispute"
    REQUIREMENT = "human-dispute"
    SEVERITY = Severity.ERROR
    TITLE = "Value moves with no dispute procedure decided by a human"
    RATIONALE = ("A smart contract must provide a procedure for disputes in which a human makes "
                 "the final decision. Code that pays, refunds or keeps money by itself, with no "
                 "way to bring a disagreement before a person, leaves the parties with only "
                 "what the code did.")
    FIX = ("Give the contract a dispute clause: an arbitrator fixed at deployment (ERC-792: "
           "`createDispute` on the arbitrator, `rule` back on this contract) whose rulings are "
           "made by natural persons, and let a party open a dispute before the money moves "
           "for good.")

    def check(self, model: SourceModel) -> Iterator[Finding]:
        implementers: dict[Contract, list[Contract]] = {}
        for other in model.all_contracts():
            for parent in other.inheritance:
                implementers.setdefault(parent, []).append(other)
        for contract in model.contracts:
            access = model.access(contract)
            paying = [e for e in access.entry_points if payments(e)]
            if not paying or self._has_path(model, contract, implementers):
                continue
            names = ", ".join(e.name for e in paying[:3]) + (", ..." if len(paying) > 3 else "")
            yield self.at(model, contract, contract,
                          f"{contract.name} moves value ({names}) but has no dispute procedure "
                          f"in which a human decides: no arbitrator, no ERC-792 rule(), no "
                          f"dispute to open")

    def _has_path(self, model: SourceModel, contract: Contract,
                  implementers: dict[Contract, list[Contract]]) -> bool:
        if _is_arbitrable(contract) or self._opens_disputes(contract):
            return True
        for variable in contract.state_variables:
            linked = _contract_type(variable.type)
            if linked is not None and self._leads_to_disputes(linked, implementers, 2):
                return True
            if linked is not None and _DISPUTE_NAME.search(variable.name):
                return True
        access = model.access(contract)
        return any(g.variable is not None and _DISPUTE_NAME.search(g.variable.name)
                   for e in access.entry_points for g in access.gates(e))

    @staticmethod
    def _opens_disputes(contract: Contract) -> bool:
        return any(isinstance(op, HighLevelCall) and str(op.function_name) == "createDispute"
                   for f in contract.functions for n in f.nodes for op in n.irs)

    def _leads_to_disputes(self, linked: Contract, implementers: dict[Contract, list[Contract]],
                           depth: int) -> bool:
        if _DISPUTE_NAME.search(linked.name) or _is_arbitrable(linked):
            return True
        if any(_is_arbitrable(c) for c in implementers.get(linked, [])):
            return True
        if depth <= 1:
            return False
        returned = [_contract_type(v.type) for f in linked.functions for v in f.returns]
        return any(r is not None and r is not linked
                   and self._leads_to_disputes(r, implementers, depth - 1) for r in returned)


