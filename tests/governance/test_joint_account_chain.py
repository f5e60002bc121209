"""The joint account (DC 20.11) checks disbursements against the real DAO on the chain."""

import pytest

from dao_sim.exceptions import DecisionNotExecutedError, LedgerError
from dao_sim.governance.decisions import ChainDecisions
from dao_sim.governance.joint_account import JointAccount, Signatory, tenge

IBAN = "KZ86125KZT5004100100"


def _decide(session, dao, description, passes=True):
    pid = dao.propose("Aigerim", [], description)
    for voter in ("Aigerim", "Bolat", "Dana"):
        dao.vote(voter, pid, "for" if passes else "against")
    session.advance("5 days")
    if passes:
        dao.execute(pid)
    return pid


@pytest.fixture
def account(session, make_dao):
    dao = make_dao()
    opening = _decide(session, dao, "Open a settlement account at Halyk; Aigerim and Bolat sign")
    signatories = [Signatory("Aigerim", session.address("Aigerim")), Signatory("Bolat", session.address("Bolat"))]
    ledger = JointAccount.open(":memory:", bank="Halyk Bank", iban=IBAN, dao_address=dao.address,
                               signatories=signatories, required_signatures=2, decision_id=opening,
                               decisions=ChainDecisions(dao))
    ledger.deposit(tenge("500000"), payer="Aigerim", reference="transfer-1")
    return session, dao, ledger


def test_disbursement_citing_an_executed_proposal_is_booked(account):
    session, dao, ledger = account
    pid = _decide(session, dao, "Pay Erlan 150,000 KZT for the website from the bank account")
    ledger.authorise(pid, "Erlan", tenge("150000"))
    entry = ledger.disburse(pid, payee="Erlan", amount=tenge("150000"), purpose="website",
                            signed_by=["Aigerim", "Bolat"])
    assert entry.amount == tenge("150000")
    assert ledger.balance() == tenge("350000")


def test_disbursement_citing_a_defeated_proposal_is_refused_and_leaves_no_row(account):
    session, dao, ledger = account
    pid = _decide(session, dao, "Pay Erlan from the bank account", passes=False)
    rows_before = ledger.export_rows()
    with pytest.raises(DecisionNotExecutedError, match="Defeated"):
        ledger.authorise(pid, "Erlan", tenge("150000"))
    with pytest.raises(DecisionNotExecutedError, match="Defeated"):
        ledger.disburse(pid, payee="Erlan", amount=tenge("1"), purpose="x", signed_by=["Aigerim", "Bolat"])
    assert ledger.export_rows() == rows_before


def test_ledger_refuses_decisions_read_from_another_dao(session, make_dao, tmp_path):
    dao = make_dao()
    opening = _decide(session, dao, "Open an account")
    path = tmp_path / "ledger.sqlite"
    JointAccount.open(path, bank="Halyk Bank", iban=IBAN, dao_address=dao.address,
                      signatories=[Signatory("Aigerim", session.address("Aigerim"))],
                      required_signatures=1, decision_id=opening, decisions=ChainDecisions(dao)).close()
    other = make_dao(name="Other DAO")
    with pytest.raises(LedgerError, match="belongs to the DAO at"):
        JointAccount.load(path, ChainDecisions(other))
