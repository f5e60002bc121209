"""What the ledger records and reads back, and what it asks of the chain.

Every result is a frozen dataclass. :class:`DecisionSource` is the one thing the ledger
needs from the DAO: whether a proposal was executed, with the evidence to cite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from eth_utils.address import is_checksum_address, is_hex_address, to_checksum_address

from dao_sim.exceptions import DecisionNotExecutedError, InvalidEntryError, LedgerError

__all__ = [
    "AccountDetails",
    "Authorisation",
    "DecisionSource",
    "Deposit",
    "Disbursement",
    "ExecutedDecision",
    "Signatory",
    "Statement",
    "StatementLine",
    "require_address",
    "require_executed",
    "require_moment",
    "require_text",
]

_EXECUTED = "Executed"


@dataclass(frozen=True)
class ExecutedDecision:
    """An executed proposal as the chain records it: the evidence a ledger entry cites.

    Attributes
    ----------
    proposal_id : int
    description : str
    executed_at : int
        Timestamp of the block that executed it (seconds since the epoch).
    tx_hash : str
        Hash of the executing transaction, ``0x``-prefixed hex.
    """

    proposal_id: int
    description: str
    executed_at: int
    tx_hash: str


class DecisionSource(Protocol):
    """The DAO's proposals, read-only: the chain's side of the ledger.

    One source answers for one DAO, the one whose address the account records.
    """

    def executed_proposal(self, proposal_id: int) -> ExecutedDecision | None:
        """Return the execution record, or ``None`` unless the proposal is Executed."""
        ...

    def proposal_state(self, proposal_id: int) -> str | None:
        """Return the state's name (``"Defeated"``), or ``None`` for an unknown proposal."""
        ...


@dataclass(frozen=True)
class Signatory:
    """A person the DAO's decision named to sign for the account.

    Attributes
    ----------
    name : str
        How the bank knows them; disbursements name their signers by it.
    address : str
        Their member address on the chain, checksummed.
    """

    name: str
    address: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", require_text("signatory name", self.name))
        object.__setattr__(self, "address", require_address("signatory address", self.address))


@dataclass(frozen=True)
class Deposit:
    """Money in, from a member or a third party, identified by the bank's reference."""

    seq: int
    booked_at: datetime
    payer: str
    amount: int
    reference: str


@dataclass(frozen=True)
class Disbursement:
    """Money out, to a payee, under an executed proposal, approved by named signatories."""

    seq: int
    booked_at: datetime
    payee: str
    amount: int
    purpose: str
    decision: ExecutedDecision
    signed_by: tuple[str, ...]

    @property
    def proposal_id(self) -> int:
        """The proposal this payment cites."""
        return self.decision.proposal_id


@dataclass(frozen=True)
class Authorisation:
    """What one executed proposal allowed to be paid, and how much of it has been."""

    decision: ExecutedDecision
    payee: str
    amount: int
    disbursed: int

    @property
    def remaining(self) -> int:
        """Tiyn that later disbursements citing this proposal may still pay."""
        return self.amount - self.disbursed


@dataclass(frozen=True)
class AccountDetails:
    """The account as opened: bank, IBAN, DAO, and the signatories the decision named."""

    bank: str
    iban: str
    dao_address: str
    signatories: tuple[Signatory, ...]
    required_signatures: int
    opening_decision: ExecutedDecision


@dataclass(frozen=True)
class StatementLine:
    """One entry and the balance right after it."""

    entry: Deposit | Disbursement
    balance: int


@dataclass(frozen=True)
class Statement:
    """Every entry in booking order, with running balance and totals (all in tiyn)."""

    account: AccountDetails
    lines: tuple[StatementLine, ...]
    total_in: int
    total_out: int

    @property
    def balance(self) -> int:
        """Closing balance."""
        return self.total_in - self.total_out


def require_executed(source: DecisionSource, proposal_id: int, act: str) -> ExecutedDecision:
    """Ask the chain whether ``proposal_id`` was executed; refuse ``act`` if it was not.

    Raises
    ------
    DecisionNotExecutedError
        Naming the proposal's actual state (vote-only-decisions).
    InvalidEntryError, LedgerError
        A malformed id, or a source that contradicts itself.
    """
    if isinstance(proposal_id, bool) or not isinstance(proposal_id, int) \
            or not 0 <= proposal_id < 2**256:
        raise InvalidEntryError("proposal id", proposal_id, "must be a uint256 integer")
    decision = source.executed_proposal(proposal_id)
    if decision is None:
        state = source.proposal_state(proposal_id)
        if state == _EXECUTED:
            raise LedgerError(f"{act} refused: the chain reports proposal {proposal_id} "
                              "Executed but gives no execution record to cite")
        raise DecisionNotExecutedError(proposal_id, state, act)
    if decision.proposal_id != proposal_id:
        raise LedgerError(f"{act} refused: asked for proposal {proposal_id}, the chain "
                          f"answered with proposal {decision.proposal_id}")
    return decision


def require_text(field: str, value: object) -> str:
    """Return ``value`` stripped, refusing anything but non-empty text."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidEntryError(field, value, "must be non-empty text")
    return value.strip()


def require_address(field: str, value: object) -> str:
    """Return ``value`` as a checksummed Ethereum address.

    Mixed case must be a valid EIP-55 checksum: that is what catches a mistyped address.
    """
    if not isinstance(value, str) or not value.startswith("0x") or not is_hex_address(value) or (
            value[2:] not in (value[2:].lower(), value[2:].upper())
            and not is_checksum_address(value)):
        raise InvalidEntryError(field, value, "not an Ethereum address (0x and 40 hex "
                                              "digits, with a valid checksum if mixed-case)")
    return str(to_checksum_address(value))


def require_moment(value: datetime | None) -> datetime:
    """Return a timezone-aware booking time, now (UTC) when ``value`` is None."""
    if value is None:
        return datetime.now(UTC)
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise InvalidEntryError("booked_at", value, "must be a timezone-aware datetime")
    return value
