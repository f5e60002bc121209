"""timelock-admin: a TimelockController deployed with an administrator besides itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from slither.core.declarations import Contract, Function
from slither.slithir.operations import InternalCall, NewContract

from dao_sim.compliance.dataflow import Origin, Resolver
from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.project import SourceModel
from dao_sim.compliance.rules.base import SourceRule

__all__ = ["TimelockAdmin"]

_TIMELOCK = "TimelockController"
_ADMIN_ARGUMENT = 3  # TimelockController(minDelay, proposers, executors, admin)


def _admin_arguments(function: Function) -> Iterator[tuple[Any, Any]]:
    """``(admin argument, node)`` of every TimelockController built in ``function``: by
    ``new``, or by a constructor inheriting it."""
    for node in function.all_nodes():
        for op in node.irs:
            made = isinstance(op, NewContract) and str(op.contract_name) == _TIMELOCK
            inherited = (isinstance(op, InternalCall) and op.function.is_constructor
                         and op.function.contract_declarer.name == _TIMELOCK)
            if (made or inherited) and len(op.arguments) > _ADMIN_ARGUMENT:
                yield op.arguments[_ADMIN_ARGUMENT], node


class TimelockAdmin(SourceRule):
    """OpenZeppelin's ``TimelockController(minDelay, proposers, executors, admin)`` grants
    ``DEFAULT_ADMIN_ROLE`` to ``admin`` unless it is ``address(0)``; that account can then
    grant itself the proposer and executor roles and act past the Governor. Reported where a
    timelock is built (``new``, or a constructor inheriting it) with an admin that is not
    ``address(0)``: an error when the admin is known (the deployer, a stored address), a
    warning when it is a deployment argument (it must be ``address(0)``)."""

    ID = "timelock-admin"
    REQUIREMENT = "no-central-management"
    SEVERITY = Severity.ERROR
    TITLE = "A timelock with an administrator besides itself"
    RATIONALE = ("Behind a Governor, the timelock executes what the members voted. An "
                 "administrator of the timelock can grant itself the proposer and executor "
                 "roles and execute anything, with no vote at all.")
    FIX = "Deploy the TimelockController with `address(0)` as admin: it then administers itself."

    def check(self, model: SourceModel) -> Iterator[Finding]:
        for contract in model.contracts:
            yield from self._in(model, contract)

    def _in(self, model: SourceModel, contract: Contract) -> Iterator[Finding]:
        for function in contract.functions:
            if not (function.is_constructor or function.visibility in ("public", "external")):
                continue
            resolver = Resolver(function)
            for admin, node in _admin_arguments(function):
                sources = resolver.sources(admin, node.function)
                if sources and all(s.is_zero() for s in sources):
                    continue
                params = [s.name for s in sources if s.origin is Origin.PARAM]
                if params and all(s.origin is Origin.PARAM for s in sources):
                    yield self.at(model, contract, node,
                                  f"{contract.name} builds a TimelockController whose admin is "
                                  f"the deployment argument `{params[0]}`: unless it is "
                                  f"address(0), that account manages the DAO",
                                  function=function.name, severity=Severity.WARNING)
                    continue
                who = "the deployer" if any(s.origin is Origin.SENDER for s in sources) \
                    else ", ".join(sorted({s.name for s in sources}))
                yield self.at(model, contract, node,
                              f"{contract.name} builds a TimelockController with {who} as its "
                              f"admin: that account can grant itself every role and act "
                              f"without the vote", function=function.name)
