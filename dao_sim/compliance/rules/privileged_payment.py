"""privileged-payment: value leaves the contract on one account's say, not the members' vote."""

from __future__ import annotations

from collections.abc import Iterator

from dao_sim.compliance.effects import payments
from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.project import SourceModel
from dao_sim.compliance.rules.base import SourceRule

__all__ = ["PrivilegedPayment"]


class PrivilegedPayment(SourceRule):
    """A payment (ether, or tokens through ``transfer``/``safeTransfer``) inside a function
    that one account, or a role, may call alone: that account decides who is paid and how
    much, which only a passed proposal may decide."""

    ID = "privileged-payment"
    REQUIREMENT = "vote-only-decisions"
    SEVERITY = Severity.ERROR
    TITLE = "A payment one account decides, bypassing the vote"
    RATIONALE = ("Paying out of the common treasury is a decision of the DAO, so it is taken by "
                 "the members' vote and executed by the contract. A payment path that an owner "
                 "or administrator triggers, to an address they choose, bypasses the vote.")
    FIX = ("Pay only by executing a passed proposal (the payment as one of its actions, run by "
           "the contract), or let each member withdraw what is theirs.")

    def check(self, model: SourceModel) -> Iterator[Finding]:
        for contract in model.contracts:
            access = model.access(contract)
            for entry in access.entry_points:
                holders = sorted({g.describe() for g in access.central_gates(entry)})
                if not holders:
                    continue
                for paid in payments(entry):
                    what = "tokens" if paid.kind == "token" else "ether"
                    yield self.at(model, contract, paid.node,
                                  f"{contract.name}.{entry.name} sends {what} on the word of "
                                  f"{' or '.join(holders)}, without the members' vote",
                                  function=entry.name)
