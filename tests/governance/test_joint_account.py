"""The joint bank account ledger (DC 20.11): refusals, atomicity, IBANs, persistence."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dao_sim.exceptions import (
    AuthorisationError,
    AuthorisationExceededError,
    DecisionNotExecutedError,
    DuplicateDepositError,
    InsufficientFundsError,
    InsufficientSignaturesError,
    InvalidEntryError,
    InvalidIbanError,
    LedgerError,
    UnknownSignatoryError,
)
from dao_sim.governance.joint_account import (
    EXPORT_COLUMNS,
    Deposit,
    Disbursement,
    ExecutedDecision,
    JointAccount,
    Signatory,
    format_tenge,
    tenge,
    validate_kz_iban,
)
from dao_sim.law import using

IBAN = "KZ86125KZT5004100100"  # the example of the SWIFT IBAN registry
DAO = "0x" + "d0" * 20
PRINTER = "Printing LLP"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class FakeChain:
    """Stands in for the DAO on the chain: proposal states, and records of executed ones."""

    def __init__(self) -> None:
        self.states: dict[int, str] = {}
        self.records: dict[int, ExecutedDecision] = {}

    def execute(self, proposal_id: int, description: str) -> ExecutedDecision:
        record = ExecutedDecision(proposal_id, description, 1_772_000_000 + proposal_id,
                                  "0x" + f"{proposal_id:064x}")
        self.states[proposal_id] = "Executed"
        self.records[proposal_id] = record
        return record

    def executed_proposal(self, proposal_id: int) -> ExecutedDecision | None:
        return self.records.get(proposal_id)

    def proposal_state(self, proposal_id: int) -> str | None:
        return self.states.get(proposal_id)


def make_iban(bban: str) -> str:
    """Build a Kazakh IBAN around ``bban`` with correct ISO 7064 check digits."""
    number = int("".join(str(int(c, 36)) for c in bban + "KZ00"))
    return f"KZ{98 - number % 97:02d}{bban}"


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as db:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: db.execute(f"SELECT * FROM {n} ORDER BY rowid").fetchall() for n in names}


@pytest.fixture
def chain() -> FakeChain:
    dao = FakeChain()
    dao.execute(1, "open a joint account at Halyk Bank; signatories Aida, Bolat, Dina, 2 of 3")
    dao.execute(5, "pay Printing LLP 300000 KZT for leaflets")
    dao.states.update({6: "Succeeded", 7: "Defeated", 8: "Grace"})
    dao.execute(9, "thank the printer (no payment)")
    dao.execute(10, "buy the plot from the Land Office, 900000 KZT")
    return dao


@pytest.fixture
def people() -> list[Signatory]:
    return [Signatory("Aida", "0x" + "a1" * 20), Signatory("Bolat", "0x" + "b2" * 20),
            Signatory("Dina", "0x" + "c3" * 20)]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "joint.sqlite"


def open_account(path: Path | str, chain: FakeChain, people: list[Signatory],
                 **changes: object) -> JointAccount:
    options: dict[str, object] = {"bank": "Halyk Bank", "iban": IBAN, "dao_address": DAO,
                                  "signatories": people, "required_signatures": 2,
                                  "decision_id": 1, "decisions": chain}
    options.update(changes)
    return JointAccount.open(path, **options)  # type: ignore[arg-type]


@pytest.fixture
def account(path: Path, chain: FakeChain, people: list[Signatory]) -> JointAccount:
    ledger = open_account(path, chain, people)
    ledger.deposit(tenge(500_000), payer="Aida", reference="HB-0001", booked_at=T0)
    ledger.authorise(5, PRINTER, tenge(300_000))
    ledger.authorise(10, "Land Office", tenge(900_000))
    return ledger


def pay(proposal_id: int = 5, payee: str = PRINTER, amount: int = tenge(1000),
        signed_by: tuple[str, ...] = ("Aida", "Bolat")) -> Callable[[JointAccount], object]:
    return lambda a: a.disburse(proposal_id, payee=payee, amount=amount, purpose="leaflets",
                                signed_by=signed_by, booked_at=T0)


REFUSALS = [
    ("unknown proposal", pay(42), DecisionNotExecutedError,
     ("disbursement to Printing LLP refused: proposal 42 does not exist on this DAO: a DAO's decisions "
      "are taken by the members' vote (dao-sim default, after draft Art. 20.7)")),
    ("defeated proposal", pay(7), DecisionNotExecutedError,
     ("disbursement to Printing LLP refused: proposal 7 is Defeated, not Executed: a DAO's decisions "
      "are taken by the members' vote")),
    ("passed, not yet executed", pay(6), DecisionNotExecutedError,
     "proposal 6 is Succeeded, not Executed"),
    ("in its grace window", pay(8), DecisionNotExecutedError, "proposal 8 is Grace, not Executed"),
    ("executed, nothing authorised", pay(9), AuthorisationError,
     "proposal 9: no authorised amount is recorded"),
    ("another payee", pay(payee="Copy Shop"), AuthorisationError,
     "it authorised payment to 'Printing LLP', not to 'Copy Shop'"),
    ("over the authorised amount", pay(amount=tenge(300_000) + 1), AuthorisationExceededError,
     "authorised 300000.00 KZT, already disbursed 0.00 KZT, so 300000.01 KZT more"),
    ("not a signatory", pay(signed_by=("Aida", "Dana")), UnknownSignatoryError,
     "'Dana' is not a signatory of this account"),
    ("one signature of two", pay(signed_by=("Aida",)), InsufficientSignaturesError,
     "2 distinct signatories must sign, as the DAO's decision set; got 1 (Aida)"),
    ("one signer twice", pay(signed_by=("Bolat", "Bolat")), InsufficientSignaturesError,
     "got 1 (Bolat)"),
    ("overdraw", pay(10, "Land Office", tenge(500_000) + 1), InsufficientFundsError,
     "would overdraw the account: balance is 500000.00 KZT"),
    ("authorise a defeated proposal", lambda a: a.authorise(7, "Copy Shop", 100),
     DecisionNotExecutedError, "authorising a payment to Copy Shop refused: proposal 7 is Defeated"),
    ("authorise a proposal twice", lambda a: a.authorise(5, PRINTER, 100), AuthorisationError,
     "it already authorised 300000.00 KZT to 'Printing LLP'"),
    ("deposit counted twice", lambda a: a.deposit(100, payer="Bolat", reference="HB-0001"),
     DuplicateDepositError, "reference 'HB-0001' is already recorded"),
    ("fractional amount", lambda a: a.deposit(10.5, payer="Bolat", reference="HB-2"),
     InvalidEntryError, "positive whole number of tiyn"),
    ("zero amount", pay(amount=0), InvalidEntryError, "positive whole number of tiyn"),
    ("naive booking time", lambda a: a.deposit(100, payer="Bolat", reference="HB-2",
                                               booked_at=datetime(2026, 3, 1)),
     InvalidEntryError, "timezone-aware"),
    ("empty purpose", lambda a: a.disburse(5, payee=PRINTER, amount=1, purpose=" ",
                                           signed_by=["Aida", "Bolat"]),
     InvalidEntryError, "purpose ' ' refused"),
]


@pytest.mark.parametrize(("act", "error", "message"), [r[1:] for r in REFUSALS],
                         ids=[r[0] for r in REFUSALS])
def test_refused_entry_names_the_reason_and_leaves_no_row(
        account: JointAccount, path: Path, act: Callable[[JointAccount], object],
        error: type[Exception], message: str) -> None:
    before = table_rows(path)
    with pytest.raises(error) as refused:
        act(account)
    assert message in str(refused.value)
    assert table_rows(path) == before
    assert account.balance() == tenge(500_000)


def test_refused_proposal_error_carries_its_state_and_says_which_rules_apply(account: JointAccount) -> None:
    with pytest.raises(DecisionNotExecutedError) as refused:
        pay(7)(account)
    assert (refused.value.proposal_id, refused.value.state) == (7, "Defeated")
    assert str(refused.value) == (
        "joint account (optional dao-sim module; dao-sim default (after draft Art. 20.11)): "
        "disbursement to Printing LLP refused: proposal 7 is Defeated, not Executed: a DAO's "
        "decisions are taken by the members' vote (dao-sim default, after draft Art. 20.7)")
    with using("draft-2025"), pytest.raises(DecisionNotExecutedError) as under_draft:
        pay(7)(account)
    assert str(under_draft.value) == (
        "joint account (optional dao-sim module; DC 20.11): disbursement to Printing LLP refused: "
        "proposal 7 is Defeated, not Executed: a DAO's decisions are taken by the members' vote "
        "(DC 20.7)")


def test_unknown_signer_gets_a_suggestion(account: JointAccount) -> None:
    with pytest.raises(UnknownSignatoryError, match="did you mean 'Dina'"):
        pay(signed_by=("Aida", "Dana"))(account)


def test_authorised_amount_is_spent_across_disbursements(account: JointAccount) -> None:
    pay(amount=tenge(200_000))(account)
    pay(amount=tenge(100_000), signed_by=("Dina", "Bolat"))(account)
    assert account.authorisation(5).remaining == 0  # type: ignore[union-attr]
    with pytest.raises(AuthorisationExceededError, match=r"by 0\.01 KZT"):
        pay(amount=1)(account)


def test_statement_and_export(account: JointAccount, chain: FakeChain) -> None:
    later = T0 + timedelta(days=1)
    account.deposit(tenge("1250.75"), payer="Kaspi client 77", reference="HB-0002",
                    booked_at=later)
    paid = account.disburse(5, payee=PRINTER, amount=tenge("120000.25"), purpose="leaflets",
                            signed_by=["Dina", "Aida", "Dina"], booked_at=later)
    assert paid == Disbursement(3, later, PRINTER, 12_000_025, "leaflets", chain.records[5],
                                ("Dina", "Aida"))

    statement = account.statement()
    assert [line.balance for line in statement.lines] == [50_000_000, 50_125_075, 38_125_050]
    assert isinstance(statement.lines[0].entry, Deposit)
    assert (statement.total_in, statement.total_out) == (50_125_075, 12_000_025)
    assert statement.balance == account.balance() == 38_125_050
    assert statement.account.required_signatures == 2
    assert statement.account.opening_decision == chain.records[1]

    rows = account.export_rows()
    assert len(rows) == 3
    assert all(len(row) == len(EXPORT_COLUMNS) for row in rows)
    assert dict(zip(EXPORT_COLUMNS, rows[2], strict=True)) == {
        "seq": 3, "booked_at": later.isoformat(), "kind": "disbursement",
        "counterparty": PRINTER, "amount_tiyn": 12_000_025, "amount_kzt": "120000.25",
        "balance_tiyn": 38_125_050, "reference": "", "purpose": "leaflets",
        "proposal_id": "5", "decision_tx_hash": chain.records[5].tx_hash,
        "signed_by": "Dina;Aida",
    }


def test_a_failure_midway_rolls_the_whole_entry_back(account: JointAccount,
                                                     path: Path) -> None:
    # The bank's side refuses Dina after the entry row is written: nothing may remain.
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TRIGGER refuse_dina BEFORE INSERT ON signature "
                   "WHEN NEW.signatory = 'Dina' BEGIN SELECT RAISE(ABORT, 'Dina blocked'); END")
        db.commit()
    before = table_rows(path)
    with pytest.raises(LedgerError, match=r"Dina blocked.*nothing was recorded"):
        pay(signed_by=("Aida", "Dina"))(account)
    assert table_rows(path) == before
    pay(signed_by=("Aida", "Bolat"))(account)
    assert account.balance() == tenge(499_000)


def test_ledger_survives_reopening(account: JointAccount, path: Path,
                                   chain: FakeChain) -> None:
    pay(amount=tenge(250_000))(account)
    details, entries = account.details, account.entries()
    account.close()

    with JointAccount.load(path, chain) as reopened:
        assert reopened.details == details
        assert reopened.entries() == entries
        assert reopened.balance() == tenge(250_000)
        with pytest.raises(AuthorisationExceededError):
            pay(amount=tenge(50_000) + 1)(reopened)
        pay(amount=tenge(50_000), signed_by=("Bolat", "Dina"))(reopened)
    with JointAccount.load(path, chain) as again:
        assert again.balance() == tenge(200_000)
        assert len(again.entries()) == 3


def test_opening_requires_an_executed_decision(path: Path, chain: FakeChain,
                                               people: list[Signatory]) -> None:
    with pytest.raises(DecisionNotExecutedError,
                       match="opening the joint account refused: proposal 7 is Defeated"):
        open_account(path, chain, people, decision_id=7)
    assert not path.exists()


def test_a_chain_that_contradicts_itself_is_refused(account: JointAccount,
                                                    chain: FakeChain) -> None:
    chain.states[11] = "Executed"  # but no execution record
    with pytest.raises(LedgerError, match="reports proposal 11 Executed but gives no"):
        account.authorise(11, PRINTER, 1)


@pytest.mark.parametrize(("changes", "message"), [
    ({"required_signatures": 4}, "between 1 and the 3 signatories"),
    ({"required_signatures": 0}, "between 1 and the 3 signatories"),
    ({"dao_address": "0x1234"}, "not an Ethereum address"),
    ({"bank": ""}, "bank '' refused"),
    ({"iban": "KZ87125KZT5004100100"}, "check digits do not match"),
])
def test_opening_refuses_malformed_values(path: Path, chain: FakeChain,
                                          people: list[Signatory], changes: dict[str, object],
                                          message: str) -> None:
    with pytest.raises(LedgerError, match=message):
        open_account(path, chain, people, **changes)
    assert not path.exists()


def test_signatories_must_be_distinct_and_well_formed(path: Path, chain: FakeChain,
                                                      people: list[Signatory]) -> None:
    twin = Signatory("Aida", "0x" + "e4" * 20)
    with pytest.raises(InvalidEntryError, match="signatory names"):
        open_account(path, chain, [*people, twin])
    with pytest.raises(InvalidEntryError, match="valid checksum"):
        Signatory("Yerlan", "0x" + "aB" * 20)


def test_open_refuses_a_file_that_holds_data(account: JointAccount, path: Path,
                                             chain: FakeChain, people: list[Signatory]) -> None:
    before = table_rows(path)
    with pytest.raises(LedgerError, match="is not empty"):
        open_account(path, chain, people)
    assert table_rows(path) == before


def test_load_refuses_what_is_not_a_ledger(tmp_path: Path, chain: FakeChain) -> None:
    with pytest.raises(LedgerError, match="no joint account ledger at"):
        JointAccount.load(tmp_path / "missing.sqlite", chain)
    assert not (tmp_path / "missing.sqlite").exists()
    text = tmp_path / "notes.txt"
    text.write_text("not a database, just words long enough to fill a header " * 4)
    with pytest.raises(LedgerError, match="is not a joint account ledger"):
        JointAccount.load(text, chain)
    with closing(sqlite3.connect(tmp_path / "other.sqlite")) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(LedgerError, match="schema version 1 \\(found 0\\)"):
        JointAccount.load(tmp_path / "other.sqlite", chain)


def test_in_memory_account(chain: FakeChain, people: list[Signatory]) -> None:
    with open_account(":memory:", chain, people, required_signatures=3) as ledger:
        ledger.deposit(500, payer="Bolat", reference="M-1")
        ledger.authorise(5, PRINTER, 400)
        with pytest.raises(InsufficientSignaturesError, match="3 distinct"):
            pay(amount=400)(ledger)
        pay(amount=400, signed_by=("Aida", "Bolat", "Dina"))(ledger)
        assert ledger.balance() == 100


def test_booking_time_keeps_its_offset(account: JointAccount) -> None:
    almaty = datetime(2026, 3, 2, 14, 30, tzinfo=timezone(timedelta(hours=5)))
    account.deposit(1, payer="Dina", reference="HB-0003", booked_at=almaty)
    assert account.entries()[-1].booked_at == almaty
    assert account.entries()[-1].booked_at.utcoffset() == timedelta(hours=5)


# --- IBAN and amounts --------------------------------------------------------------------

def test_iban_accepts_print_form_and_normalises() -> None:
    assert validate_kz_iban(" kz86 125k zt50 0410 0100 ") == IBAN


@pytest.mark.parametrize(("iban", "reason"), [
    ("DE89370400440532013000", "must start with KZ"),
    ("KZ86125KZT500410010", "20 characters, it has 19"),
    ("KZ86125KZT50041001000", "20 characters, it has 21"),
    ("KZ8X125KZT5004100100", "two check digits"),
    ("KZ86125KZT50041001-0", "not '-'"),
    ("KZ86125KZT50041001Ä0", "not 'Ä'"),
    ("KZ86125KZT5004100101", "check digits do not match"),
    ("KZ68125KZT5004100100", "check digits do not match"),
])
def test_iban_refusals_say_what_is_wrong(iban: str, reason: str) -> None:
    with pytest.raises(InvalidIbanError, match=reason):
        validate_kz_iban(iban)


def test_iban_check_digits_outside_02_98_are_refused_even_when_mod97_passes() -> None:
    # Check digits 98 and 01 are congruent mod 97, so "01" passes the bare mod-97 test.
    bban = next(b for b in (f"125KZT{n:010d}" for n in range(10_000))
                if make_iban(b)[2:4] == "98")
    assert int("".join(str(int(c, 36)) for c in bban + "KZ01")) % 97 == 1
    validate_kz_iban(make_iban(bban))
    with pytest.raises(InvalidIbanError, match="between 02 and 98"):
        validate_kz_iban("KZ01" + bban)


BBANS = st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=16, max_size=16)


@given(bban=BBANS, position=st.integers(0, 15), digit=st.integers(0, 9))
def test_iban_catches_any_single_mistyped_digit(bban: str, position: int, digit: int) -> None:
    iban = make_iban(bban)
    assert validate_kz_iban(iban) == iban
    index = 4 + position
    if iban[index].isdigit() and iban[index] != str(digit):
        with pytest.raises(InvalidIbanError, match="do not match"):
            validate_kz_iban(iban[:index] + str(digit) + iban[index + 1:])


@pytest.mark.parametrize(("amount", "tiyn"), [
    ("1500.50", 150_050), (Decimal("0.01"), 1), (7, 700), ("1E3", 100_000), (" 2.5 ", 250),
])
def test_tenge_converts_exactly(amount: Decimal | str | int, tiyn: int) -> None:
    assert tenge(amount) == tiyn
    assert tenge(format_tenge(tiyn)) == tiyn


@pytest.mark.parametrize(("amount", "reason"), [
    (1.5, "as Decimal, str or int"), (True, "as Decimal, str or int"),
    ("1.005", "whole number of tiyn"), ("abc", "not a number"), ("NaN", "not a finite"),
])
def test_tenge_refuses_inexact_amounts(amount: object, reason: str) -> None:
    with pytest.raises(InvalidEntryError, match=reason):
        tenge(amount)  # type: ignore[arg-type]
