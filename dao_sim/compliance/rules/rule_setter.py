"""rule-setter: one account rewrites a parameter the contract's other functions obey."""

from __future__ import annotations

from collections.abc import Iterator

from slither.core.solidity_types import ArrayType, MappingType

from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.project import SourceModel
from dao_sim.compliance.rules.base import SourceRule

__all__ = ["RuleSetter"]


class RuleSetter(SourceRule):
    """A function one account (or a role) may call alone that writes a state variable which
    other functions read: a fee, a limit, a period, an address the contract pays. Mappings
    and arrays (balances, records) are the members' data, not rules, and are left out, as
    are the addresses that gate functions (``central-management`` reports who holds them).
    """

    ID = "rule-setter"
    REQUIREMENT = "consent-to-change"
    SEVERITY = Severity.ERROR
    TITLE = "A rule of the contract that one account can change"
    RATIONALE = ("The rules members joined under are public and change only with their "
                 "consent. A setter that one account may call changes a rule (a fee, a "
                 "limit, a period) for everyone, without asking anyone.")
    FIX = ("Fix the value in the constructor (immutable), or change it only by a migration to a "
           "new contract that the members consent to, with an exit for those who do not.")

    def check(self, model: SourceModel) -> Iterator[Finding]:
        for contract in model.contracts:
            access = model.access(contract)
            entries = access.entry_points
            gating = {g.variable for e in entries for g in access.gates(e) if g.variable}
            readers = {e: set(e.all_state_variables_read()) for e in contract.functions_entry_points
                       if not e.is_constructor}
            for entry in entries:
                holders = sorted({g.describe() for g in access.central_gates(entry)})
                if not holders:
                    continue
                for variable in entry.all_state_variables_written():
                    if variable in gating or variable.is_constant or variable.is_immutable \
                            or isinstance(variable.type, (MappingType, ArrayType)):
                        continue
                    users = sorted(f.name for f, read in readers.items()
                                   if f is not entry and variable in read)
                    if users:
                        yield self.at(model, contract, entry,
                                      f"{contract.name}.{entry.name} lets {' or '.join(holders)} "
                                      f"change `{variable.name}`, which {', '.join(users)} "
                                      f"{'obey' if len(users) > 1 else 'obeys'}, without "
                                      f"the members' consent", function=entry.name)
