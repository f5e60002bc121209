"""The rules of the joint account: who may open it, what may go out, and who must sign."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Self

from dao_sim.exceptions import (
    AuthorisationError,
    AuthorisationExceededError,
    DuplicateDepositError,
    InsufficientFundsError,
    InsufficientSignaturesError,
    InvalidEntryError,
    LedgerError,
    UnknownSignatoryError,
    joint_account_prefix,
)

from . import store
from .money import format_tenge, require_amount, validate_kz_iban
from .records import (
    Authorisation,
    DecisionSource,
    Deposit,
    Disbursement,
    Signatory,
    Statement,
    StatementLine,
    require_address,
    require_executed,
    require_moment,
    require_text,
)

__all__ = ["EXPORT_COLUMNS", "JointAccount"]

#: Column names of :meth:`JointAccount.export_rows`, in order.
EXPORT_COLUMNS = (
    "seq", "booked_at", "kind", "counterparty", "amount_tiyn", "amount_kzt", "balance_tiyn",
    "reference", "purpose", "proposal_id", "decision_tx_hash", "signed_by",
)


class JointAccount:
    """The ledger of one DAO's joint bank account, kept in one SQLite database.

    Create it with :meth:`open` (a new account) or :meth:`load` (one already on file).
    Each write is one SQLite transaction, so a refused or failed entry leaves no row.

    Attributes
    ----------
    details : AccountDetails
        Bank, IBAN, DAO, signatories and the decision that opened the account.
    """

    def __init__(self, connection: sqlite3.Connection, decisions: DecisionSource) -> None:
        self._db = connection
        self._decisions = decisions
        self.details = store.read_details(connection)
        self._signatory_names = tuple(s.name for s in self.details.signatories)
        bound = getattr(decisions, "address", None)
        if bound is not None and bound.lower() != self.details.dao_address.lower():
            raise LedgerError(f"{joint_account_prefix()}: this account belongs "
                              f"to the DAO at {self.details.dao_address}, but its decisions were to "
                              f"be read from {bound}")

    @classmethod
    def open(cls, path: str | Path, *, bank: str, iban: str, dao_address: str,
             signatories: Sequence[Signatory], required_signatures: int, decision_id: int,
             decisions: DecisionSource) -> JointAccount:
        """Record a newly opened account in an empty database file (or ``":memory:"``).

        Parameters
        ----------
        path : str or Path
        bank : str
        iban : str
            A Kazakh IBAN, see :func:`validate_kz_iban`.
        dao_address : str
            The DAO's contract address.
        signatories : sequence of Signatory
            Whom the decision named; names and addresses must be distinct.
        required_signatures : int
            How many of them must approve each disbursement, as the decision set.
        decision_id : int
            The executed proposal that opened the account and named the signatories.
        decisions : DecisionSource
            The chain, to check that decision and every later one.

        Returns
        -------
        JointAccount

        Raises
        ------
        DecisionNotExecutedError
            The cited proposal is unknown or not Executed.
        InvalidIbanError, InvalidEntryError, LedgerError
            A malformed value, or a file that already holds data.
        """
        bank = require_text("bank", bank)
        iban = validate_kz_iban(iban)
        dao_address = require_address("DAO address", dao_address)
        people = tuple(signatories)
        for field in ("name", "address"):
            values = [getattr(person, field) for person in people]
            if len(set(values)) != len(values):
                raise InvalidEntryError(f"signatory {field}s", values, "each must be distinct")
        if isinstance(required_signatures, bool) or not isinstance(required_signatures, int) \
                or not 1 <= required_signatures <= len(people):
            raise InvalidEntryError("required_signatures", required_signatures,
                                    f"must lie between 1 and the {len(people)} signatories")
        decision = require_executed(decisions, decision_id, "opening the joint account")
        db = store.connect(path, create=True)
        try:
            with store.transaction(db):
                store.create_schema(db, path)
                store.store_decision(db, decision)
                db.executemany("INSERT INTO signatory VALUES (?, ?, ?)",
                               [(i, p.name, p.address) for i, p in enumerate(people)])
                db.execute("INSERT INTO account VALUES (1, ?, ?, ?, ?, ?)",
                           (bank, iban, dao_address, required_signatures,
                            str(decision.proposal_id)))
        except BaseException:
            db.close()
            raise
        return cls(db, decisions)

    @classmethod
    def load(cls, path: str | Path, decisions: DecisionSource) -> JointAccount:
        """Reopen a ledger that :meth:`open` wrote to ``path``.

        Raises
        ------
        LedgerError
            No file there, or not a ledger.
        """
        db = store.connect(path, create=False)
        try:
            return cls(db, decisions)
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        """Close the database; the ledger object is unusable afterwards."""
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def deposit(self, amount: int, *, payer: str, reference: str,
                booked_at: datetime | None = None) -> Deposit:
        """Record money in, from a member or a third party.

        Parameters
        ----------
        amount : int
            Tiyn.
        payer, reference : str
            ``reference`` is the bank's; the same one twice would count the money twice.
        booked_at : datetime, optional
            Timezone-aware; now (UTC) by default.

        Raises
        ------
        InvalidEntryError, DuplicateDepositError
        """
        amount = require_amount(amount)
        payer = require_text("payer", payer)
        reference = require_text("reference", reference)
        when = require_moment(booked_at)
        with store.transaction(self._db):
            if self._db.execute("SELECT 1 FROM entry WHERE kind = 'deposit' AND reference = ?",
                                (reference,)).fetchone():
                raise DuplicateDepositError(reference)
            seq = self._db.execute(
                "INSERT INTO entry (kind, booked_at, counterparty, amount, reference) "
                "VALUES ('deposit', ?, ?, ?, ?)", (when.isoformat(), payer, amount, reference),
            ).lastrowid
        assert seq is not None
        return Deposit(seq, when, payer, amount, reference)

    def authorise(self, proposal_id: int, payee: str, amount: int) -> Authorisation:
        """Record what an executed proposal allowed to be paid out, and to whom.

        One proposal authorises one stated amount to one payee, paid in one or more
        disbursements. This is a dao-sim rule: it keeps each payment traceable to a vote.

        Raises
        ------
        DecisionNotExecutedError, AuthorisationError, InvalidEntryError
        """
        payee = require_text("payee", payee)
        amount = require_amount(amount)
        decision = require_executed(self._decisions, proposal_id,
                                    f"authorising a payment to {payee}")
        with store.transaction(self._db):
            existing = store.read_authorisation(self._db, proposal_id)
            if existing is not None:
                raise AuthorisationError(
                    proposal_id, f"it already authorised {format_tenge(existing.amount)} KZT "
                    f"to '{existing.payee}'; one proposal authorises one stated amount")
            store.store_decision(self._db, decision)
            self._db.execute("INSERT INTO authorisation VALUES (?, ?, ?)",
                             (str(proposal_id), payee, amount))
        return Authorisation(decision, payee, amount, disbursed=0)

    def disburse(self, proposal_id: int, *, payee: str, amount: int, purpose: str,
                 signed_by: Sequence[str], booked_at: datetime | None = None) -> Disbursement:
        """Record money out under an executed proposal, approved by enough signatories.

        Parameters
        ----------
        proposal_id : int
            The executed proposal that decided this payment, checked on the chain now.
        payee, purpose : str
        amount : int
            Tiyn; with what this proposal already paid, at most what it authorised.
        signed_by : sequence of str
            Signatory names; at least ``details.required_signatures`` distinct ones.
        booked_at : datetime, optional
            Timezone-aware; now (UTC) by default.

        Returns
        -------
        Disbursement

        Raises
        ------
        DecisionNotExecutedError
            The proposal is unknown or not Executed (vote-only-decisions).
        AuthorisationError
            Nothing authorised under it, another payee, or more than it authorised
            (:class:`AuthorisationExceededError`).
        UnknownSignatoryError, InsufficientSignaturesError, InsufficientFundsError
        """
        payee = require_text("payee", payee)
        amount = require_amount(amount)
        purpose = require_text("purpose", purpose)
        when = require_moment(booked_at)
        if isinstance(signed_by, str):
            raise InvalidEntryError("signed_by", signed_by, "give a sequence of names")
        signers = tuple(dict.fromkeys(require_text("signer", name) for name in signed_by))
        decision = require_executed(self._decisions, proposal_id, f"disbursement to {payee}")
        for name in signers:
            if name not in self._signatory_names:
                raise UnknownSignatoryError(name, self._signatory_names)
        if len(signers) < self.details.required_signatures:
            raise InsufficientSignaturesError(self.details.required_signatures, signers)
        with store.transaction(self._db):
            granted = store.read_authorisation(self._db, proposal_id)
            if granted is None:
                raise AuthorisationError(proposal_id, "no authorised amount is recorded for "
                                         "it; record the decision with authorise() first")
            if granted.payee != payee:
                raise AuthorisationError(proposal_id, f"it authorised payment to "
                                         f"'{granted.payee}', not to '{payee}'")
            if amount > granted.remaining:
                raise AuthorisationExceededError(proposal_id, granted.amount,
                                                 granted.disbursed, amount)
            balance = store.read_balance(self._db)
            if amount > balance:
                raise InsufficientFundsError(balance, amount)
            seq = self._db.execute(
                "INSERT INTO entry (kind, booked_at, counterparty, amount, purpose, proposal_id)"
                " VALUES ('disbursement', ?, ?, ?, ?, ?)",
                (when.isoformat(), payee, amount, purpose, str(proposal_id)),
            ).lastrowid
            self._db.executemany("INSERT INTO signature VALUES (?, ?)",
                                 [(seq, name) for name in signers])
        assert seq is not None
        return Disbursement(seq, when, payee, amount, purpose, decision, signers)

    def balance(self) -> int:
        """Deposits minus disbursements, in tiyn."""
        return store.read_balance(self._db)

    def authorisation(self, proposal_id: int) -> Authorisation | None:
        """What ``proposal_id`` authorised and has paid so far, or None."""
        return store.read_authorisation(self._db, proposal_id)

    def entries(self) -> tuple[Deposit | Disbursement, ...]:
        """Every deposit and disbursement, in booking order."""
        return store.read_entries(self._db)

    def statement(self) -> Statement:
        """All entries with the running balance, and the totals in and out."""
        lines, balance, total_in, total_out = [], 0, 0, 0
        for entry in self.entries():
            if isinstance(entry, Deposit):
                total_in += entry.amount
                balance += entry.amount
            else:
                total_out += entry.amount
                balance -= entry.amount
            lines.append(StatementLine(entry, balance))
        return Statement(self.details, tuple(lines), total_in, total_out)

    def export_rows(self) -> tuple[tuple[str | int, ...], ...]:
        """The statement as flat rows for a report or a CSV file, as :data:`EXPORT_COLUMNS`.

        Empty text stands for "not applicable" (a deposit has no purpose or proposal).
        """
        rows: list[tuple[str | int, ...]] = []
        for line in self.statement().lines:
            e = line.entry
            head = (e.seq, e.booked_at.isoformat())
            if isinstance(e, Deposit):
                rows.append((*head, "deposit", e.payer, e.amount, format_tenge(e.amount),
                             line.balance, e.reference, "", "", "", ""))
            else:
                rows.append((*head, "disbursement", e.payee, e.amount, format_tenge(e.amount),
                             line.balance, "", e.purpose, str(e.proposal_id),
                             e.decision.tx_hash, ";".join(e.signed_by)))
        return tuple(rows)
