"""Who may call a function: the access gates of an entry point and who holds each of them.

A gate is a comparison of the caller (``msg.sender``, ``_msgSender()``) with something, or a
role check (OpenZeppelin's ``onlyRole``/``hasRole``, an access manager's ``canCall``), found
in the function, its modifiers or the helpers they call. Slither's own ``is_protected()``
misses ``onlyRole``; this module reads the IR instead. Each gate is then classified by who
holds it:

- ``SELF``: the contract itself (``address(this)``): only the members' vote, executed by the
  contract, gets through;
- ``LINK``: another contract, fixed at deployment or set only through the vote (a module
  wired at construction, an arbitrator): what that contract allows is checked on its own;
- ``PARTY``: an account the agreement names at deployment (a payer, a reviewer; the
  deployer too when the name says it is a party, such as ``payer``), the caller's own
  record, or an argument of the call;
- ``CENTRAL``: an account that acts alone: the deployer, an address its holder (or any one
  account) can change, or one named as an owner, admin, guardian, pauser or the like;
- ``ROLE``: an access-control role, granted and revoked by a role admin.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from slither.core.declarations import Contract, Function
from slither.core.solidity_types import UserDefinedType
from slither.core.variables.state_variable import StateVariable
from slither.slithir.operations import (
    Assignment,
    Binary,
    BinaryType,
    HighLevelCall,
    InternalCall,
    LibraryCall,
)

from dao_sim.compliance.dataflow import Origin, Resolver, Source

__all__ = ["Access", "Gate", "GateKind", "is_manager_name", "words"]

#: Names that say an account manages: it acts for everyone, alone.
_MANAGER_WORDS = frozenset({
    "owner", "admin", "administrator", "guardian", "pauser", "operator", "manager",
    "controller", "authority", "keeper", "minter", "upgrader", "deployer", "treasurer",
    "superuser", "multisig", "governance",
})

#: Names that say an account is a party to an agreement, acting on its own rights.
_PARTY_WORDS = frozenset({
    "payer", "payee", "buyer", "seller", "beneficiary", "depositor", "recipient", "party",
    "client", "provider", "lender", "borrower", "employer", "employee", "contractor",
    "tenant", "landlord", "counterparty", "customer", "supplier",
})

#: Functions whose call with the caller as an argument is a role check.
_ROLE_CHECKS = frozenset({"hasRole", "canCall"})


def words(name: str) -> list[str]:
    """The lower-case words of a camelCase or snake_case name.

    Examples
    --------
    >>> words("_pendingOwnerAddress")
    ['pending', 'owner', 'address']
    >>> words("DEFAULT_ADMIN_ROLE")
    ['default', 'admin', 'role']
    """
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name).replace("_", " ")
    return [w.lower() for w in spaced.split()]


def is_manager_name(name: str) -> bool:
    """Whether a variable's name says its holder manages (``owner``, ``_admin``, ``pauser``)."""
    return any(w in _MANAGER_WORDS for w in words(name))


class GateKind(enum.Enum):
    """Who holds a gate (see the module's docstring)."""

    SELF = "the contract itself"
    LINK = "another contract"
    PARTY = "a party"
    CENTRAL = "one account"
    ROLE = "a role"


@dataclass(frozen=True)
class Gate:
    """One access check of an entry point."""

    kind: GateKind
    #: The stored address compared with the caller, when there is one.
    variable: StateVariable | None
    #: Why the holder counts as central, for a finding ("its holder can hand it over").
    reason: str = ""
    #: Line of the check (in whichever function or modifier holds it).
    line: int = 0

    @property
    def central(self) -> bool:
        """Whether one account (or a role) gets through this gate without a vote."""
        return self.kind in (GateKind.CENTRAL, GateKind.ROLE)

    def describe(self) -> str:
        """Who passes the gate, in words: ``"the account in `owner` (set to the deployer)"``."""
        if self.kind is GateKind.ROLE:
            return "any holder of a role that its admin grants"
        if self.variable is not None:
            return f"the account in `{self.variable.name}`" + \
                (f" ({self.reason})" if self.reason else "")
        return self.kind.value + (f" ({self.reason})" if self.reason else "")


def _is_contract_type(variable: StateVariable) -> bool:
    t = variable.type
    return isinstance(t, UserDefinedType) and isinstance(t.type, Contract)


class Access:
    """The gates of a contract's entry points, and who holds each stored gate.

    Parameters
    ----------
    contract : Contract
        The contract whose entry points (own and inherited) are analysed.
    """

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        #: An OpenZeppelin TimelockController's roles belong to the Governor it serves (and
        #: to an admin, which ``timelock-admin`` reports where the timelock is built).
        self.timelock = any(c.name == "TimelockController"
                            for c in [contract, *contract.inheritance])
        self._resolvers: dict[Function, Resolver] = {}
        self._gates: dict[Function, tuple[Gate, ...]] = {}
        self._holders: dict[StateVariable, tuple[GateKind, str]] = {}
        self._in_progress: set[StateVariable] = set()

    def resolver(self, entry: Function) -> Resolver:
        """The (cached) :class:`Resolver` for one entry point."""
        if entry not in self._resolvers:
            self._resolvers[entry] = Resolver(entry)
        return self._resolvers[entry]

    @property
    def entry_points(self) -> list[Function]:
        """Public and external functions that can change state (constructors excluded)."""
        return [f for f in self.contract.functions_entry_points
                if not f.is_constructor and not f.view and not f.pure]

    def gates(self, entry: Function) -> tuple[Gate, ...]:
        """Every access check reachable from ``entry``, classified by holder."""
        if entry not in self._gates:
            self._gates[entry] = tuple(self._find_gates(entry))
        return self._gates[entry]

    def central_gates(self, entry: Function) -> tuple[Gate, ...]:
        """The gates one account (or a role) passes without a vote."""
        return tuple(g for g in self.gates(entry) if g.central)

    def only_by_vote(self, entry: Function) -> bool:
        """Whether ``entry`` is gated, and every gate is the contract itself or another
        contract (so only a vote, or a module of it, gets through)."""
        gates = self.gates(entry)
        return bool(gates) and all(g.kind in (GateKind.SELF, GateKind.LINK) for g in gates)

    def _find_gates(self, entry: Function) -> list[Gate]:
        resolver = self.resolver(entry)
        found: list[Gate] = []
        for node in entry.all_nodes():
            line = int(node.source_mapping.lines[0]) if node.source_mapping.lines else 0
            for op in node.irs:
                if isinstance(op, Binary) and op.type in (BinaryType.EQUAL, BinaryType.NOT_EQUAL):
                    left = resolver.sources(op.variable_left, node.function)
                    right = resolver.sources(op.variable_right, node.function)
                    sender = Source(Origin.SENDER)
                    if (sender in left) == (sender in right):
                        continue
                    other = right if sender in left else left
                    found.extend(self._classify(s, line) for s in other
                                 if s.origin not in (Origin.CONST, Origin.OTHER, Origin.SENDER))
                elif isinstance(op, (InternalCall, HighLevelCall, LibraryCall)) \
                        and str(getattr(op.function, "name", "")) in _ROLE_CHECKS:
                    args = resolver.sources_of_all(op.arguments, node.function)
                    if Source(Origin.SENDER) in args and self.timelock:
                        found.append(Gate(GateKind.LINK, None, "a timelock role", line))
                    elif Source(Origin.SENDER) in args:
                        found.append(Gate(GateKind.ROLE, None, "", line))
        return found

    def _classify(self, source: Source, line: int) -> Gate:
        if source.origin is Origin.SELF:
            return Gate(GateKind.SELF, None, line=line)
        if source.origin is Origin.CALL:
            return Gate(GateKind.LINK, None, "asked of another contract", line)
        if source.origin is Origin.STATE:
            kind, reason = self.holder(source.item)
            return Gate(kind, source.item, reason, line)
        return Gate(GateKind.PARTY, None, source.origin.value, line)

    def holder(self, variable: StateVariable) -> tuple[GateKind, str]:
        """Who an address stored in ``variable`` stands for, when it gates a function.

        Returns
        -------
        tuple
            The :class:`GateKind` (``LINK``, ``PARTY`` or ``CENTRAL``) and, for a central
            holder, why (``"the deployer"``, ``"changed by setAdmin without a vote"``).
        """
        if variable in self._holders:
            return self._holders[variable]
        if variable in self._in_progress:  # a gate guarding its own setter: it hands itself on
            if _is_contract_type(variable):
                return GateKind.LINK, "a contract that can hand its place on"
            return GateKind.CENTRAL, "its holder can hand it on"
        self._in_progress.add(variable)
        try:
            result = self._holder(variable)
        finally:
            self._in_progress.discard(variable)
        self._holders[variable] = result
        return result

    def writers(self, variable: StateVariable) -> list[Function]:
        """Entry points (constructors excluded) that write ``variable``."""
        return [f for f in self.contract.functions_entry_points if not f.is_constructor
                and variable in f.all_state_variables_written()]

    def changed_only_by_vote(self, variable: StateVariable) -> bool:
        """Whether every function that can change ``variable`` after deployment is gated by
        the contract itself or another contract (none at all counts: it is fixed)."""
        return all(self.only_by_vote(w) for w in self.writers(variable))

    def _holder(self, variable: StateVariable) -> tuple[GateKind, str]:
        name = variable.name
        writers = self.writers(variable)
        unvoted = [w for w in writers if not self.only_by_vote(w)]
        handing = sorted(w.name for w in unvoted
                         if any(g.variable is variable for g in self.gates(w)))
        if handing and _is_contract_type(variable) and \
                all(self.only_by_vote(w) or w.name in handing for w in writers):
            return GateKind.LINK, ""  # a contract (a timelock) that hands its own place on
        if handing:
            return GateKind.CENTRAL, f"its holder can hand it on: {', '.join(handing)}"
        if unvoted:
            return GateKind.CENTRAL, f"{unvoted[0].name} changes it without a vote"
        if _is_contract_type(variable):
            return GateKind.LINK, ""
        if self._set_to_deployer(variable) and not any(w in _PARTY_WORDS for w in words(name)):
            return GateKind.CENTRAL, "set to the deployer"
        if is_manager_name(name):
            return GateKind.CENTRAL, "a manager, by its name"
        return (GateKind.LINK, "set by the vote") if writers else (GateKind.PARTY, "named at deployment")

    def _set_to_deployer(self, variable: StateVariable) -> bool:
        for constructor in self.contract.constructors:
            resolver = Resolver(constructor)
            for node in constructor.all_nodes():
                for op in node.irs:
                    if isinstance(op, Assignment) and op.lvalue is variable and \
                            Source(Origin.SENDER) in resolver.sources(op.rvalue, node.function):
                        return True
        return False

