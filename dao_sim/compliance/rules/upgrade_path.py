"""upgrade-path: the code that runs can be replaced without the members' vote."""

from __future__ import annotations

from collections.abc import Iterator

from slither.core.declarations import Function

from dao_sim.compliance.access import Access, words
from dao_sim.compliance.dataflow import Origin, Source
from dao_sim.compliance.effects import delegatecalls
from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.project import SourceModel
from dao_sim.compliance.rules.base import SourceRule

__all__ = ["UpgradePath"]

#: Function names that replace the code a proxy runs (besides any ``upgrade...``).
_UPGRADE_NAMES = frozenset({"setImplementation", "changeImplementation", "setBeacon",
                            "setLogic", "setTarget", "changeLogic"})


def _fixed(source: Source) -> bool:
    """Whether a delegatecall target source is fixed forever (a constant or immutable)."""
    if source.origin is Origin.CONST:
        return True
    return source.origin is Origin.STATE and (source.item.is_constant or source.item.is_immutable)


def _who(access: Access, entry: Function) -> str:
    holders = sorted({g.describe() for g in access.central_gates(entry)})
    return " or ".join(holders) if holders else "anyone"


class UpgradePath(SourceRule):
    """A ``delegatecall`` to an address that can change (a proxy forwarding to a stored
    implementation, an ERC-1967 slot), and any function that replaces that address or is an
    upgrade (``upgradeTo``, ``upgradeToAndCall`` of UUPS) unless only the contract itself, that
    is an executed vote, may call it."""

    ID = "upgrade-path"
    REQUIREMENT = "consent-to-change"
    SEVERITY = Severity.ERROR
    TITLE = "The contract's code can be replaced without the members' consent"
    RATIONALE = ("The published contract is the members' agreement. A proxy runs whatever code "
                 "its implementation address points to, so whoever may change that address "
                 "may rewrite every rule, members' money included, without their consent.")
    FIX = ("Deploy the rules as a contract with no proxy and no delegatecall; change them by a "
           "migration to a new published contract that the members consent to, with an exit "
           "for those who do not.")

    def check(self, model: SourceModel) -> Iterator[Finding]:
        for contract in model.contracts:
            access = model.access(contract)
            code_slots: set[object] = set()
            for entry in access.entry_points:
                for call in delegatecalls(entry):
                    sources = access.resolver(entry).sources(call.target, call.function)
                    if sources and all(_fixed(s) or (s.origin is Origin.STATE
                                                     and access.changed_only_by_vote(s.item))
                                       for s in sources):
                        continue  # the code address is fixed, or changes only by a vote
                    code_slots |= {s.item for s in sources if s.origin is Origin.STATE}
                    if access.only_by_vote(entry):
                        continue
                    yield self.at(model, contract, call.node,
                                  f"{contract.name}.{entry.name} runs, by delegatecall, code at "
                                  f"an address that can change: whoever changes it rewrites "
                                  f"the contract's rules", function=entry.name)
            for entry in access.entry_points:
                if access.only_by_vote(entry):
                    continue
                named = words(entry.name)[:1] == ["upgrade"] or entry.name in _UPGRADE_NAMES
                if named or code_slots & set(entry.all_state_variables_written()):
                    yield self.at(model, contract, entry,
                                  f"{contract.name}.{entry.name} replaces the code the contract "
                                  f"runs, on the word of {_who(access, entry)}, without the "
                                  f"members' consent", function=entry.name)
