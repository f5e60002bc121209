"""The ledger's SQLite layout, its transactions, and how rows become records.

Kept apart from the rules in ``ledger.py`` so that the rules read as rules. Constraints in
the schema repeat the important checks as a second line of defence.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from dao_sim.exceptions import LedgerError

from .records import (
    AccountDetails,
    Authorisation,
    Deposit,
    Disbursement,
    ExecutedDecision,
    Signatory,
)

__all__ = [
    "SCHEMA_VERSION",
    "connect",
    "create_schema",
    "read_authorisation",
    "read_balance",
    "read_details",
    "read_entries",
    "store_decision",
    "transaction",
]

SCHEMA_VERSION = 1

# Proposal ids are stored as decimal text: on-chain ids are uint256 (some DAOs use hashes),
# wider than SQLite's 64-bit INTEGER.
_SCHEMA = (
    """CREATE TABLE decision (
        proposal_id TEXT PRIMARY KEY, description TEXT NOT NULL,
        executed_at INTEGER NOT NULL, tx_hash TEXT NOT NULL)""",
    """CREATE TABLE account (
        id INTEGER PRIMARY KEY CHECK (id = 1), bank TEXT NOT NULL, iban TEXT NOT NULL,
        dao_address TEXT NOT NULL,
        required_signatures INTEGER NOT NULL CHECK (required_signatures >= 1),
        opening_proposal TEXT NOT NULL REFERENCES decision (proposal_id))""",
    """CREATE TABLE signatory (
        position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, address TEXT NOT NULL UNIQUE)""",
    """CREATE TABLE authorisation (
        proposal_id TEXT PRIMARY KEY REFERENCES decision (proposal_id),
        payee TEXT NOT NULL, amount INTEGER NOT NULL CHECK (amount > 0))""",
    """CREATE TABLE entry (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('deposit', 'disbursement')),
        booked_at TEXT NOT NULL, counterparty TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0), reference TEXT, purpose TEXT,
        proposal_id TEXT REFERENCES authorisation (proposal_id),
        CHECK ((kind = 'deposit' AND reference IS NOT NULL AND proposal_id IS NULL)
            OR (kind = 'disbursement' AND purpose IS NOT NULL AND proposal_id IS NOT NULL)))""",
    "CREATE UNIQUE INDEX deposit_reference ON entry (reference) WHERE kind = 'deposit'",
    """CREATE TABLE signature (
        seq INTEGER NOT NULL REFERENCES entry (seq),
        signatory TEXT NOT NULL REFERENCES signatory (name), PRIMARY KEY (seq, signatory))""",
)


def connect(path: str | Path, *, create: bool) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode, so that only :func:`transaction` starts writes.

    Without ``create`` a missing or unreadable file is refused instead of created empty.
    """
    if create or str(path) == ":memory:":
        db = sqlite3.connect(str(path), isolation_level=None)
    else:
        if not Path(path).is_file():
            raise LedgerError(f"no joint account ledger at {path}")
        uri = f"{Path(path).absolute().as_uri()}?mode=rw"
        db = sqlite3.connect(uri, isolation_level=None, uri=True)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        db.close()
        raise LedgerError(f"{path} is not a joint account ledger ({exc})") from exc
    if not create and version != SCHEMA_VERSION:
        db.close()
        raise LedgerError(f"{path} is not a joint account ledger of schema version "
                          f"{SCHEMA_VERSION} (found {version})")
    return db


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write, all or nothing.

    ``BEGIN IMMEDIATE`` takes the write lock before the checks read, so no other writer can
    change the balance between a check and the insert it guards. A database error becomes a
    :class:`LedgerError`; any exception rolls everything back.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise LedgerError(f"the ledger database refused the write ({exc}); "
                          "nothing was recorded") from exc
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def create_schema(db: sqlite3.Connection, path: str | Path) -> None:
    """Create the tables in an empty database; call inside :func:`transaction`."""
    if db.execute("SELECT 1 FROM sqlite_master").fetchone():
        raise LedgerError(f"{path} is not empty; reopen an existing ledger with "
                          "JointAccount.load")
    for statement in _SCHEMA:
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def store_decision(db: sqlite3.Connection, decision: ExecutedDecision) -> None:
    """Keep the evidence of a decision (it may already be there, cited before)."""
    db.execute("INSERT OR IGNORE INTO decision VALUES (?, ?, ?, ?)",
               (str(decision.proposal_id), decision.description, decision.executed_at,
                decision.tx_hash))


def read_details(db: sqlite3.Connection) -> AccountDetails:
    """The account as opened."""
    row = db.execute(
        "SELECT a.bank, a.iban, a.dao_address, a.required_signatures, a.opening_proposal, "
        "d.description, d.executed_at, d.tx_hash FROM account a "
        "JOIN decision d ON d.proposal_id = a.opening_proposal").fetchone()
    if row is None:
        raise LedgerError("the database holds no opened joint account")
    people = tuple(Signatory(name, address) for name, address in db.execute(
        "SELECT name, address FROM signatory ORDER BY position"))
    opening = ExecutedDecision(int(row[4]), *row[5:])
    return AccountDetails(row[0], row[1], row[2], people, row[3], opening)


def read_authorisation(db: sqlite3.Connection, proposal_id: int) -> Authorisation | None:
    """What ``proposal_id`` authorised and how much has been paid under it, if anything."""
    row = db.execute(
        "SELECT a.payee, a.amount, d.description, d.executed_at, d.tx_hash, "
        "(SELECT coalesce(sum(e.amount), 0) FROM entry e WHERE e.proposal_id = a.proposal_id) "
        "FROM authorisation a JOIN decision d USING (proposal_id) WHERE a.proposal_id = ?",
        (str(proposal_id),)).fetchone()
    if row is None:
        return None
    payee, amount, description, executed_at, tx_hash, disbursed = row
    decision = ExecutedDecision(proposal_id, description, executed_at, tx_hash)
    return Authorisation(decision, payee, amount, disbursed)


def read_balance(db: sqlite3.Connection) -> int:
    """Deposits minus disbursements, in tiyn."""
    row = db.execute("SELECT coalesce(sum(CASE kind WHEN 'deposit' THEN amount "
                     "ELSE -amount END), 0) FROM entry").fetchone()
    return int(row[0])


def read_entries(db: sqlite3.Connection) -> tuple[Deposit | Disbursement, ...]:
    """Every deposit and disbursement, in booking order."""
    signers: dict[int, list[str]] = {}
    for seq, name in db.execute("SELECT seq, signatory FROM signature ORDER BY rowid"):
        signers.setdefault(seq, []).append(name)
    out: list[Deposit | Disbursement] = []
    for row in db.execute(
            "SELECT e.seq, e.kind, e.booked_at, e.counterparty, e.amount, e.reference, "
            "e.purpose, e.proposal_id, d.description, d.executed_at, d.tx_hash FROM entry e "
            "LEFT JOIN decision d USING (proposal_id) ORDER BY e.seq"):
        seq, kind, booked_at, party, amount, reference, purpose, proposal_id = row[:8]
        when = datetime.fromisoformat(booked_at)
        if kind == "deposit":
            out.append(Deposit(seq, when, party, amount, reference))
        else:
            decision = ExecutedDecision(int(proposal_id), *row[8:])
            out.append(Disbursement(seq, when, party, amount, purpose, decision,
                                    tuple(signers.get(seq, ()))))
    return tuple(out)
