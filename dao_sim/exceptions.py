"""Every error dao-sim raises on purpose descends from :class:`DaoSimError`.

One base per package lets a caller catch "anything the chain refused" or "anything the
governance layer refused" without knowing every specific error; the CLI prints any
``DaoSimError`` as one message and exits 1.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "ChainError",
    "CompilerError",
    "ComplianceError",
    "ContractReverted",
    "DaoSimError",
    "DisputeError",
    "GovernanceError",
    "LawError",
    "LedgerError",
    "ScenarioError",
    "SpecError",
    "UnknownMemberError",
    "suggest",
]


def suggest(name: str, known: Iterable[str]) -> str:
    """Return ``"; did you mean 'X'?"`` for the nearest known name, or ``""``."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class DaoSimError(Exception):
    """Root of every error dao-sim raises deliberately."""


class LawError(DaoSimError):
    """An unknown edition or requirement was asked for, or the law catalogue is malformed."""


class CompilerError(DaoSimError):
    """The Solidity compiler could not be found, failed, or rejected a source."""


class ChainError(DaoSimError):
    """The chain engine refused a request or a transaction failed."""


class ContractReverted(ChainError):
    """A transaction or call reverted; carries the decoded custom error when there is one.

    Attributes
    ----------
    error : str or None
        Name of the custom error (``"NotAMember"``), ``None`` when the revert was not decodable.
    args : dict
        The error's arguments by name, already decoded from the ABI.
    function : str
        The contract function that reverted.
    """

    def __init__(self, function: str, error: str | None, args: dict[str, object], raw: bytes,
                 message: str | None = None) -> None:
        self.function = function
        self.error = error
        self.error_args = args
        self.raw = raw
        if message is None:
            if error is None:
                message = f"{function} reverted (undecoded revert data 0x{raw.hex()})"
            else:
                shown = ", ".join(f"{k}={v}" for k, v in args.items())
                message = f"{function} reverted: {error}({shown})"
        super().__init__(message)


class GovernanceError(DaoSimError):
    """The DAO refused an action, or a DAO was described wrongly."""


class SpecError(GovernanceError):
    """A ``DAOSpec`` (or charter) holds a value the law, dao-sim's defaults or the contract
    rule out."""


class UnknownMemberError(GovernanceError):
    """A name that is not an account of this session."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        known = list(known)
        self.name = name
        super().__init__(f"no member or account named '{name}'{suggest(name, known)}")


class DisputeError(DaoSimError):
    """A dispute, ruling, appeal or review was refused or malformed."""


class LedgerError(DaoSimError):
    """The off-chain joint bank account ledger (joint-account) refused an entry."""


class ComplianceError(DaoSimError):
    """A check of the Digital Code failed and the run was not marked as a demonstration."""


class ScenarioError(DaoSimError):
    """A scenario file is malformed or its expectations failed."""


# --- joint bank account ledger (joint-account, an optional dao-sim module) ---------------

__all__ += [
    "AuthorisationError",
    "AuthorisationExceededError",
    "DecisionNotExecutedError",
    "DuplicateDepositError",
    "InsufficientFundsError",
    "InsufficientSignaturesError",
    "InvalidEntryError",
    "InvalidIbanError",
    "UnknownSignatoryError",
    "joint_account_prefix",
]


def joint_account_prefix() -> str:
    """The prefix of the ledger's refusals, so a reader can tell a dao-sim rule from the law,
    cited under the edition in use when the refusal is written."""
    from dao_sim.law import cite  # dao_sim.law imports this module: import it when needed

    return f"joint account (optional dao-sim module; {cite('joint-account')})"


def _kzt(tiyn: int) -> str:
    """Show an amount in tiyn as tenge with two decimals, for messages."""
    sign = "-" if tiyn < 0 else ""
    whole, cents = divmod(abs(tiyn), 100)
    return f"{sign}{whole}.{cents:02d} KZT"


class InvalidIbanError(LedgerError):
    """An account id is not a Kazakh IBAN (ISO 13616 shape and mod-97 check)."""

    def __init__(self, iban: str, reason: str) -> None:
        self.iban = iban
        self.reason = reason
        super().__init__(f"'{iban}' is not a valid Kazakh IBAN: {reason}")


class InvalidEntryError(LedgerError):
    """A value handed to the ledger is malformed (an amount, a name, an address, a date)."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field} {value!r} refused: {reason}")


class DecisionNotExecutedError(LedgerError):
    """The cited proposal is unknown on the DAO or is in a state other than Executed.

    Attributes
    ----------
    proposal_id : int
    state : str or None
        The proposal's state on the chain, ``None`` when the DAO has no such proposal.
    """

    def __init__(self, proposal_id: int, state: str | None, act: str) -> None:
        self.proposal_id = proposal_id
        self.state = state
        self.act = act
        from dao_sim.law import aside  # dao_sim.law imports this module: import it when needed

        found = "does not exist on this DAO" if state is None else f"is {state}, not Executed"
        super().__init__(
            f"{joint_account_prefix()}: {act} refused: proposal {proposal_id} {found}: a DAO's "
            f"decisions are taken by the members' vote {aside('vote-only-decisions')}"
        )


class AuthorisationError(LedgerError):
    """A disbursement does not match what the executed proposal authorised."""

    def __init__(self, proposal_id: int, reason: str) -> None:
        self.proposal_id = proposal_id
        self.reason = reason
        super().__init__(f"{joint_account_prefix()}: proposal {proposal_id}: {reason}")


class AuthorisationExceededError(AuthorisationError):
    """Disbursements citing one proposal would pass the amount it authorised."""

    def __init__(self, proposal_id: int, authorised: int, used: int, requested: int) -> None:
        self.authorised = authorised
        self.used = used
        self.requested = requested
        super().__init__(
            proposal_id,
            f"authorised {_kzt(authorised)}, already disbursed {_kzt(used)}, "
            f"so {_kzt(requested)} more would exceed it by {_kzt(used + requested - authorised)}",
        )


class UnknownSignatoryError(LedgerError):
    """A signer who is not one of the signatories the DAO's decision named."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        known = list(known)
        self.name = name
        self.known = tuple(known)
        super().__init__(
            f"{joint_account_prefix()}: '{name}' is not a signatory of this account (named by the "
            f"DAO's decision: {', '.join(known)}){suggest(name, known)}"
        )


class InsufficientSignaturesError(LedgerError):
    """Fewer distinct signatories signed than the DAO's decision requires."""

    def __init__(self, required: int, signers: Iterable[str]) -> None:
        self.required = required
        self.signers = tuple(signers)
        shown = ", ".join(self.signers) or "nobody"
        super().__init__(
            f"{joint_account_prefix()}: {required} distinct signatories must sign, as the DAO's "
            f"decision set; got {len(self.signers)} ({shown})"
        )


class InsufficientFundsError(LedgerError):
    """A disbursement larger than the account's balance (the account cannot go negative)."""

    def __init__(self, balance: int, requested: int) -> None:
        self.balance = balance
        self.requested = requested
        super().__init__(
            f"{joint_account_prefix()}: disbursement of {_kzt(requested)} would overdraw the account: "
            f"balance is {_kzt(balance)}"
        )


class DuplicateDepositError(LedgerError):
    """A deposit whose bank reference is already on the ledger (it would be counted twice)."""

    def __init__(self, reference: str) -> None:
        self.reference = reference
        super().__init__(
            f"{joint_account_prefix()}: a deposit with reference '{reference}' is already recorded")


# --- chain sessions and engines -----------------------------------------------------------

__all__ += [
    "DurationError",
    "EngineRevert",
    "SnapshotError",
    "TransactionRejected",
    "TransactionReverted",
    "UnknownFunctionError",
]


class EngineRevert(ChainError):
    """An engine's read-only call reverted; carries the raw revert bytes, not yet decoded.

    Engines know bytes, not ABIs: the session above decodes ``data`` against every
    registered contract and raises :class:`ContractReverted` instead.
    """

    def __init__(self, data: bytes) -> None:
        self.data = bytes(data)
        super().__init__(f"call reverted (revert data 0x{self.data.hex()})")


class TransactionRejected(ChainError):
    """The engine refused a transaction before running it (unknown sender key, funds, nonce)."""


class TransactionReverted(ContractReverted):
    """A mined transaction failed (status 0); ``entry`` is its journal entry.

    The transaction is on the chain and in the journal even though it failed, as on a
    real network: a report can show the attempt and why it was refused.
    """

    def __init__(self, function: str, error: str | None, args: dict[str, object], raw: bytes,
                 entry: object, message: str | None = None) -> None:
        self.entry = entry
        super().__init__(function, error, args, raw, message)


class UnknownFunctionError(ChainError):
    """A function name a contract's ABI does not have, or an overload that is ambiguous."""

    def __init__(self, contract: str, name: str, known: Iterable[str], detail: str = "") -> None:
        known = sorted(set(known))
        self.contract = contract
        self.name = name
        self.known = tuple(known)
        super().__init__(detail or f"{contract} has no function '{name}'{suggest(name, known)}")


class DurationError(ChainError, ValueError):
    """A duration that cannot be read ("3 dayz", "-1 h") or that time cannot move by."""


class SnapshotError(ChainError):
    """A snapshot that does not exist (any more) on this chain."""


__all__ += ["CompilationFailed", "UnknownContractError"]


class UnknownContractError(CompilerError, KeyError):
    """A contract name that is not in a build, or that several sources define.

    Also a ``KeyError``, so ``name in artifacts`` and ``artifacts.get(name)`` work as for a dict.
    """

    def __init__(self, name: str, known: Iterable[str], candidates: Iterable[str] = ()) -> None:
        self.name = name
        self.candidates = list(candidates)
        if self.candidates:
            listed = ", ".join(f"'{c}'" for c in self.candidates)
            message = f"contract name '{name}' is ambiguous; ask for one of {listed}"
        else:
            message = f"no contract named '{name}' in this build{suggest(name, known)}"
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0])


class CompilationFailed(CompilerError):
    """The compiler rejected the sources; one line per error, ``file:line: Type: message``."""

    def __init__(self, errors: Iterable[object]) -> None:
        self.errors = tuple(errors)
        lines = "\n".join(f"  {error}" for error in self.errors)
        super().__init__(f"Solidity compilation failed with {len(self.errors)} error(s):\n{lines}")


# --- human arbitration: rulings, signed-ruling files, decision channels -----------------

__all__ += [
    "ArbitratorRefused",
    "ForgedRulingError",
    "RulingFileError",
    "RulingRefusedError",
    "UnknownArbitratorError",
]


class ArbitratorRefused(ContractReverted, DisputeError):
    """The HumanArbitrator (or an agreement before it) refused an act, told in words.

    Still a :class:`ContractReverted`: ``error`` and ``error_args`` keep the decoded custom
    error, ``entry`` the journalled transaction when there was one (``None`` for a call).
    """

    def __init__(self, function: str, error: str | None, args: dict[str, object], raw: bytes,
                 message: str, entry: object = None) -> None:
        self.entry = entry
        super().__init__(function, error, args, raw, message)


class UnknownArbitratorError(DisputeError):
    """A name that is not a person on this arbitrator's roster (as far as Python knows)."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        known = list(known)
        self.name = name
        super().__init__(f"no arbitrator named '{name}' on the roster{suggest(name, known)}")


class RulingFileError(DisputeError):
    """A signed-ruling file that cannot be read: not JSON, wrong format, missing fields."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"ruling file {path}: {reason}")


class ForgedRulingError(DisputeError):
    """A signed ruling that must not count: wrong key, bad or replayed signature, altered
    content, a closed round, a ruling beyond the choices."""

    def __init__(self, reason: str, *, dispute_id: int | None = None) -> None:
        self.reason = reason
        self.dispute_id = dispute_id
        where = "" if dispute_id is None else f" for dispute {dispute_id}"
        super().__init__(f"signed ruling{where} refused: {reason}")


class RulingRefusedError(DisputeError):
    """A human decision channel could not obtain a valid ruling (bad input, no answer)."""


# --- published rules and their verification ------------------------------------------------

__all__ += ["DeploymentRecordError", "PublicationError"]


class PublicationError(ComplianceError):
    """A publication store that cannot be read or written, or a publication it does not hold."""


class DeploymentRecordError(PublicationError):
    """A deployment record file that is missing, not JSON, or not shaped like a record."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"deployment record {path}: {reason}")


# --- the off-chain member registry and the draft's sandbox ----------------------------------

__all__ += ["InvalidIdentifierError", "RegistryError", "SandboxError"]


class RegistryError(GovernanceError):
    """The off-chain member registry refused an entry, or its file cannot be read or written."""


class InvalidIdentifierError(RegistryError):
    """An IIN or BIN that is not 12 digits or whose control digit is wrong.

    The message names the member and the field but never repeats the number: it is personal
    data, and error messages end up in logs.
    """

    def __init__(self, member: str, field: str, reason: str) -> None:
        self.member = member
        self.field = field
        self.reason = reason
        super().__init__(f"member '{member}': {field} is not a valid {field.upper()}: {reason}")


class SandboxError(GovernanceError):
    """An act the charter's experimental legal regime (sandbox) does not allow: joining without
    the acknowledgment, or anything but winding down after the term."""
