"""The escrow smart agreement (DC 28.1) and its human dispute clause (DC 28.2)."""

import pytest

from dao_sim.disputes import AgreementState, deploy_escrow, ruling_for_share, share_of_ruling
from dao_sim.exceptions import ContractReverted, DisputeError
from tests.disputes.conftest import ETHER, PAYEE, PAYER

CARRIER = "Kazpost"


@pytest.fixture
def agreement(session, artifacts, court):
    session.add_account(CARRIER)
    return deploy_escrow(session, court, payer=PAYER, payee=PAYEE, data_source=CARRIER,
                         amount=ETHER, deadline="14 days", terms_uri="ipfs://supply-terms",
                         artifacts=artifacts)


def test_the_terms_are_published_as_meta_evidence(agreement):
    (meta,) = agreement.handle.events("MetaEvidence")
    assert meta.args == {"_metaEvidenceID": 0, "_evidence": "ipfs://supply-terms"}
    assert agreement.state() is AgreementState.FUNDED
    assert agreement.deposit_held() == ETHER


def test_an_agreement_without_a_dispute_clause_is_refused(session, artifacts):
    with pytest.raises(ContractReverted) as refused:
        session.deploy(artifacts["Escrow"], PAYER, PAYEE, "Dana", "0x" + "00" * 20, b"",
                       session.now() + 86_400, "ipfs://t", sender=PAYER, value=ETHER)
    assert refused.value.error == "DisputeClauseMissing"


def test_delivery_data_releases_the_deposit_without_the_parties(session, agreement):
    before = session.balance(PAYEE)
    entry = agreement.confirm_delivery(b"\x07" * 32)
    assert entry.sender_name == CARRIER
    assert session.balance(PAYEE) - before == ETHER
    assert agreement.state() is AgreementState.RELEASED
    assert [e.name for e in entry.events] == ["DeliveryConfirmed", "Released"]


def test_only_the_named_data_source_confirms_and_only_in_time(session, agreement):
    with pytest.raises(ContractReverted) as stranger:
        agreement.confirm_delivery(by=PAYEE)
    assert stranger.value.error == "NotTheDataSource"
    session.advance("15 days")
    with pytest.raises(ContractReverted) as late:
        agreement.confirm_delivery()
    assert late.value.error == "DeliveryDeadlinePassed"


def test_no_confirmation_by_the_deadline_allows_a_refund(session, agreement):
    with pytest.raises(ContractReverted) as early:
        agreement.refund(by="Erlan")
    assert early.value.error == "DeliveryDeadlineNotPassed"
    session.advance("15 days")
    before = session.balance(PAYER)
    agreement.refund(by="Erlan")
    assert session.balance(PAYER) - before == ETHER
    assert agreement.state() is AgreementState.REFUNDED


def test_a_single_deposit_when_not_funded_at_deployment(session, artifacts, court):
    session.add_account(CARRIER)
    later = deploy_escrow(session, court, payer=PAYER, payee=PAYEE, data_source=CARRIER,
                          amount=0, deadline="14 days", terms_uri="ipfs://t", artifacts=artifacts)
    assert later.state() is AgreementState.AWAITING_DEPOSIT
    with pytest.raises(ContractReverted) as stranger:
        later.deposit(ETHER, by=PAYEE)
    assert stranger.value.error == "NotThePayer"
    later.deposit(ETHER)
    with pytest.raises(ContractReverted) as twice:
        later.deposit(ETHER)
    assert twice.value.error == "AgreementNotInState"


def test_a_dispute_freezes_the_deposit(session, court, agreement):
    dispute = agreement.raise_dispute(by=PAYEE)
    assert court.panel(dispute)[0] not in (PAYER, PAYEE, CARRIER)
    assert court.handle.call("partiesOf", dispute) == (session.address(PAYER),
                                                       session.address(PAYEE),
                                                       session.address(CARRIER))
    (linked,) = agreement.handle.events("Dispute")
    assert linked.args["_disputeID"] == dispute
    agreement.submit_evidence("ipfs://waybill", by=PAYEE)
    with pytest.raises(ContractReverted) as frozen:
        agreement.confirm_delivery()
    assert frozen.value.error == "AgreementNotInState"
    session.advance("30 days")
    with pytest.raises(ContractReverted) as still:
        agreement.refund(by="Erlan")
    assert still.value.error == "AgreementNotInState"
    assert agreement.deposit_held() == ETHER


@pytest.mark.parametrize("payee_percent", [0, 30, 100])
def test_the_ruling_divides_the_deposit_as_ruled(session, court, agreement, payee_percent):
    dispute = agreement.raise_dispute(by=PAYER)
    court.cast(dispute, ruling_for_share(payee_percent), by=court.panel(dispute)[0])
    session.advance("3 days")
    payer_before, payee_before = session.balance(PAYER), session.balance(PAYEE)
    entry = court.execute_ruling(dispute, by="Erlan")
    to_payee = ETHER * payee_percent // 100
    assert session.balance(PAYEE) - payee_before == to_payee
    assert session.balance(PAYER) - payer_before == ETHER - to_payee
    assert session.balance(agreement.address) == 0  # transferred, nothing burnt (DC 26.4)
    assert entry.event("RulingApplied").args["toPayee"] == to_payee
    assert agreement.state() is AgreementState.DIVIDED


def test_a_refusal_keeps_the_deposit_frozen_until_the_parties_agree(session, court, agreement):
    dispute = agreement.raise_dispute(by=PAYER)
    court.cast(dispute, 0, by=court.panel(dispute)[0], reason="conflict of interest")
    session.advance("3 days")
    court.execute_ruling(dispute, by="Erlan")
    assert agreement.state() is AgreementState.CONTESTED
    assert agreement.deposit_held() == ETHER
    session.advance("30 days")
    with pytest.raises(ContractReverted):
        agreement.refund(by="Erlan")
    agreement.agree_settlement(60, by=PAYER)
    agreement.agree_settlement(50, by=PAYEE)
    assert agreement.state() is AgreementState.CONTESTED
    before = session.balance(PAYEE)
    agreement.agree_settlement(50, by=PAYER)
    assert session.balance(PAYEE) - before == ETHER // 2
    assert agreement.state() is AgreementState.DIVIDED


def test_after_a_refusal_a_party_may_go_to_a_human_again(session, court, agreement):
    first = agreement.raise_dispute(by=PAYER)
    court.cast(first, 0, by=court.panel(first)[0])
    session.advance("3 days")
    court.execute_ruling(first, by="Erlan")
    second = agreement.raise_dispute(by=PAYEE)
    assert second != first and agreement.state() is AgreementState.DISPUTED
    court.cast(second, ruling_for_share(100), by=court.panel(second)[0])
    session.advance("3 days")
    court.execute_ruling(second, by="Erlan")
    assert agreement.state() is AgreementState.DIVIDED


def test_only_the_arbitrator_rules_and_only_parties_dispute(session, court, agreement):
    with pytest.raises(ContractReverted) as outsider:
        agreement.raise_dispute(by="Erlan")
    assert outsider.value.error == "NotAParty"
    dispute = agreement.raise_dispute(by=PAYER)
    with pytest.raises(ContractReverted) as impostor:
        agreement.handle.transact("rule", dispute, 101, sender=PAYEE)
    assert impostor.value.error == "NotTheArbitrator"


def test_the_ruling_encoding():
    assert [share_of_ruling(ruling_for_share(p)) for p in (0, 1, 99, 100)] == [0, 1, 99, 100]
    assert share_of_ruling(0) is None
    with pytest.raises(DisputeError):
        ruling_for_share(101)
    with pytest.raises(DisputeError):
        share_of_ruling(102)
