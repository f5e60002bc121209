"""readable-terms: a function that changes what people hold, with no words saying what it does."""

from __future__ import annotations

from collections.abc import Iterator

from slither.core.declarations import Function

from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.project import SourceModel
from dao_sim.compliance.rules.base import SourceRule

__all__ = ["ReadableTerms"]


def _documented(entry: Function) -> bool:
    """It, or a declaration it implements or overrides (an interface's), carries NatSpec."""
    if entry.has_documentation:
        return True
    return any(getattr(f, "has_documentation", False) for f in getattr(entry, "functions_shadowed", ()))


class ReadableTerms(SourceRule):
    """Terms written as code must be reproducible in a form a person can read. A contract's
    state-changing functions are its terms; one whose every such function carries NatSpec
    (its own or the declaration it implements) can be rendered for a reader, function by
    function. This rule reports the functions that carry none, one finding per contract."""

    ID = "terms-readable"
    REQUIREMENT = "readable-terms"
    SEVERITY = Severity.WARNING
    TITLE = "State-changing functions say in words what they do"
    RATIONALE = ("Code may state an agreement's terms only if it can reproduce them in a form a "
                 "person can read; a function that moves value or changes rights with no "
                 "description leaves its reader the bytecode.")
    FIX = ("Write a NatSpec `@notice` on every external or public function that changes state "
           "(or `@inheritdoc` the interface that documents it), saying what it does for whom.")

    def check(self, model: SourceModel) -> Iterator[Finding]:
        for contract in model.contracts:
            if contract.is_interface or contract.is_library:
                continue
            silent = [e for e in model.access(contract).entry_points
                      if e.contract_declarer == contract and not _documented(e)]
            if not silent:
                continue
            names = ", ".join(e.name for e in silent[:4]) + (", ..." if len(silent) > 4 else "")
            yield self.at(model, contract, silent[0],
                          f"{contract.name} has {len(silent)} state-changing function(s) with no "
                          f"words saying what they do ({names})", function=silent[0].name)
