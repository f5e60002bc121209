"""central-management: one account (an owner, admin, role, guardian, pauser) acts without a vote."""

from __future__ import annotations

from collections.abc import Iterator

from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.project import SourceModel
from dao_sim.compliance.rules.base import SourceRule

__all__ = ["CentralManagement"]


class CentralManagement(SourceRule):
    """A state-changing function that one stored account, or a role, may call alone.

    The gate is found in the function, its modifiers and the helpers they call: ``msg.sender``
    (or ``_msgSender()``) compared with a stored address, ``onlyOwner``, ``onlyRole`` and
    ``hasRole``. The contract itself (``address(this)``, reached only by executing a vote),
    another contract wired at deployment or set only by the vote, and an account the
    agreement names at deployment (a payer, a reviewer) do not count; the deployer, an
    address its holder or one account can change, a role, and an address named as an owner,
    admin, guardian, pauser or the like do. A TimelockController's roles are left to
    ``timelock-admin``, which reads who its admin is.
    """

    ID = "central-management"
    REQUIREMENT = "no-central-management"
    SEVERITY = Severity.ERROR
    TITLE = "One account can act for everyone without the members' vote"
    RATIONALE = ("A DAO is governed by its members through its contracts. A function that an "
                 "owner, administrator, role holder, guardian or pauser can call alone puts "
                 "that account above the vote: it can change what the members decided or act "
                 "where they did not decide at all.")
    FIX = ("Let only the contract itself call the function (`msg.sender == address(this)`), "
           "so it runs only when a passed proposal executes it, or remove it; fix parameters "
           "in the constructor instead of giving anyone a setter.")

    def check(self, model: SourceModel) -> Iterator[Finding]:
        for contract in model.contracts:
            access = model.access(contract)
            for entry in access.entry_points:
                holders = sorted({g.describe() for g in access.central_gates(entry)})
                if holders:
                    yield self.at(model, contract, entry,
                                  f"{contract.name}.{entry.name} can be called by "
                                  f"{' or '.join(holders)} alone, without the members' vote",
                                  function=entry.name)
