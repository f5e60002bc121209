"""Every function that sends value refuses re-entry and pays exactly once.

A ReentrantParty receives the payment and, from its ``receive``, calls back into the
contract; the call back must fail and the payment must be made once.
"""

import pytest

from dao_sim.disputes import (
    AgreementState,
    Arbitrator,
    deploy_arbitrator,
    deploy_escrow,
    extra_data,
    ruling_for_share,
)
from tests.disputes.conftest import ETHER, FEE, PAYER, identified

CARRIER = "Kazpost"


@pytest.fixture
def attacker(session, artifacts):
    return session.deploy(artifacts["ReentrantParty"], sender="Erlan", label="Attacker")


def _arm(attacker, target, fn, *args):
    attacker.transact("setReentry", target.address, target.calldata(fn, *args), sender="Erlan")


def _act(attacker, target, fn, *args, value=0):
    return attacker.transact("act", target.address, target.calldata(fn, *args), sender="Erlan",
                             value=value)


def _reentry_failed(session, attacker, error):
    assert attacker.call("reentryAttempts") == 1
    assert attacker.call("reentrySucceeded") is False
    assert session.decode_revert(attacker.call("reentryRevertData")).name == error


@pytest.fixture
def escrow_to_attacker(session, artifacts, court, attacker):
    """An Escrow of 1 ETH from Aigerim to the attacker."""
    session.add_account(CARRIER)
    return deploy_escrow(session, court, payer=PAYER, payee="Attacker", data_source=CARRIER,
                         amount=ETHER, deadline="14 days", terms_uri="ipfs://t",
                         artifacts=artifacts)


@pytest.fixture
def escrow_from_attacker(session, artifacts, court, attacker):
    """An Escrow from the attacker (who deposits 1 ETH) to Bolat."""
    session.add_account(CARRIER)
    agreement = deploy_escrow(session, court, payer="Attacker", payee="Bolat",
                              data_source=CARRIER, amount=0, deadline="14 days",
                              terms_uri="ipfs://t", deployer="Erlan", artifacts=artifacts)
    _act(attacker, agreement.handle, "deposit", value=ETHER)
    return agreement


def test_release_on_delivery(session, attacker, escrow_to_attacker):
    escrow = escrow_to_attacker
    _arm(attacker, escrow.handle, "refund")
    escrow.confirm_delivery()
    _reentry_failed(session, attacker, "AgreementNotInState")
    assert attacker.call("received") == ETHER
    assert session.balance(escrow.address) == 0


def test_refund(session, attacker, escrow_from_attacker):
    escrow = escrow_from_attacker
    _arm(attacker, escrow.handle, "refund")
    session.advance("15 days")
    escrow.refund(by="Dana")
    _reentry_failed(session, attacker, "AgreementNotInState")
    assert attacker.call("received") == ETHER
    assert escrow.state() is AgreementState.REFUNDED


def test_rule_division(session, court, attacker, escrow_to_attacker):
    escrow = escrow_to_attacker
    dispute = escrow.raise_dispute(by=PAYER)
    court.cast(dispute, ruling_for_share(40), by=court.panel(dispute)[0])
    session.advance("3 days")
    _arm(attacker, court.handle, "executeRuling", dispute)
    court.execute_ruling(dispute, by="Dana")
    _reentry_failed(session, attacker, "DisputeSolved")
    assert attacker.call("received") == ETHER * 40 // 100
    assert session.balance(escrow.address) == 0


def test_settlement(session, court, attacker, escrow_to_attacker):
    escrow = escrow_to_attacker
    _act(attacker, escrow.handle, "agreeSettlement", 70)
    _arm(attacker, escrow.handle, "agreeSettlement", 70)
    escrow.agree_settlement(70, by=PAYER)
    _reentry_failed(session, attacker, "AgreementNotInState")
    assert attacker.call("received") == ETHER * 70 // 100


def test_withdraw_of_a_deferred_payment(session, attacker, escrow_to_attacker):
    escrow = escrow_to_attacker
    attacker.transact("setRejectPayments", True, sender="Erlan")
    entry = escrow.confirm_delivery()
    assert entry.event("PaymentDeferred").args["amount"] == ETHER
    assert escrow.owed_to("Attacker") == ETHER
    attacker.transact("setRejectPayments", False, sender="Erlan")
    _arm(attacker, escrow.handle, "withdraw")
    _act(attacker, escrow.handle, "withdraw")
    _reentry_failed(session, attacker, "NothingToWithdraw")
    assert attacker.call("received") == ETHER
    assert escrow.owed_to("Attacker") == 0


def test_a_blocking_receiver_cannot_block_the_ruling(session, court, attacker,
                                                     escrow_to_attacker):
    escrow = escrow_to_attacker
    attacker.transact("setRejectPayments", True, sender="Erlan")
    dispute = escrow.raise_dispute(by=PAYER)
    court.cast(dispute, ruling_for_share(50), by=court.panel(dispute)[0])
    session.advance("3 days")
    before = session.balance(PAYER)
    court.execute_ruling(dispute, by="Dana")
    assert session.balance(PAYER) - before == ETHER // 2
    assert escrow.owed_to("Attacker") == ETHER // 2


@pytest.fixture
def standard_to_attacker(session, artifacts, court, attacker):
    return session.deploy(artifacts["StandardEscrow"], "Attacker", court.address, extra_data(1),
                          "ipfs://t", sender=PAYER, value=ETHER)


def test_standard_escrow_release(session, attacker, standard_to_attacker):
    _arm(attacker, standard_to_attacker, "raiseDispute")
    standard_to_attacker.transact("release", sender=PAYER)
    _reentry_failed(session, attacker, "NotOpen")
    assert attacker.call("received") == ETHER


def test_standard_escrow_rule(session, court, attacker, standard_to_attacker):
    dispute = standard_to_attacker.transact("raiseDispute", sender=PAYER, value=FEE
                                            ).event("DisputeCreation").args["_disputeID"]
    court.seat_panel(dispute, by=PAYER)
    court.cast(dispute, 2, by=court.panel(dispute)[0])
    session.advance("3 days")
    _arm(attacker, court.handle, "executeRuling", dispute)
    court.execute_ruling(dispute, by="Dana")
    _reentry_failed(session, attacker, "DisputeSolved")
    assert attacker.call("received") == ETHER


def test_arbitrator_fee_withdrawal(session, artifacts, attacker):
    roster = [identified("Madina"),
              Arbitrator.identified("Attacker", "a contract, for this test only", "Askar")]
    court = deploy_arbitrator(session, roster, arbitration_fee=FEE, artifacts=artifacts)
    declared = extra_data(1, [session.address(n) for n in (PAYER, "Bolat", "Madina")])
    escrow = session.deploy(artifacts["StandardEscrow"], "Bolat", court.address, declared,
                            "ipfs://t", sender=PAYER, value=ETHER)
    dispute = escrow.transact("raiseDispute", sender=PAYER, value=FEE
                              ).event("DisputeCreation").args["_disputeID"]
    assert court.seat_panel(dispute, by=PAYER) == ("Attacker",)
    _act(attacker, court.handle, "castRuling", dispute, 2, b"\x00" * 32)
    session.advance("3 days")
    court.execute_ruling(dispute, by="Dana")
    assert court.fees_of("Attacker") == FEE
    _arm(attacker, court.handle, "withdrawFees")
    _act(attacker, court.handle, "withdrawFees")
    _reentry_failed(session, attacker, "NothingToWithdraw")
    assert attacker.call("received") == FEE
    assert court.fees_of("Attacker") == 0
