"""Signed rulings: relayed by anyone, refused when forged, replayed or stale; JSON files."""

import json

import pytest

from dao_sim.disputes import (
    load_signed_ruling,
    reason_hash,
    request_ruling,
    sign_ruling,
    submit_signed_ruling,
    write_ruling_file,
)
from dao_sim.disputes.signed_ruling import read_ruling_request, signature_notice
from dao_sim.exceptions import ContractReverted, ForgedRulingError, RulingFileError
from dao_sim.law import edition, using
from tests.disputes.conftest import PAY_PAYEE, PAYEE, REFUND_PAYER

REASONS = "The waybill shows delivery on 3 March."


def _signature(session, court, dispute, round_, ruling, by, reasons=REASONS, domain=None):
    domain = domain or court.domain()
    types = {"Ruling": [{"name": "disputeId", "type": "uint256"},
                        {"name": "round", "type": "uint256"},
                        {"name": "ruling", "type": "uint256"},
                        {"name": "reasonHash", "type": "bytes32"}]}
    message = {"disputeId": dispute, "round": round_, "ruling": ruling,
               "reasonHash": reason_hash(reasons)}
    return session.sign_typed_data(by, domain, types, "Ruling", message)


def _relay(court, dispute, round_, ruling, signature, reasons=REASONS):
    return court.submit_signed(dispute, round_, ruling, reason_hash(reasons), signature,
                               relayer="Erlan")


def test_a_signed_ruling_relayed_by_anyone_counts_for_the_signer(session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    signature = _signature(session, court, dispute, 0, PAY_PAYEE, "Madina")
    entry = _relay(court, dispute, 0, PAY_PAYEE, signature)
    cast = entry.event("RulingCast").args
    assert session.name_of(cast["arbitrator"]) == "Madina"
    assert cast["signed"] is True and session.name_of(cast["relayer"]) == "Erlan"
    assert court.current_ruling(dispute) == PAY_PAYEE


def test_a_signature_by_a_key_off_the_panel_is_refused(session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    signature = _signature(session, court, dispute, 0, PAY_PAYEE, "Nurlan")
    with pytest.raises(ContractReverted) as refused:
        _relay(court, dispute, 0, PAY_PAYEE, signature)
    assert refused.value.error == "NotOnPanel"
    assert session.name_of(refused.value.error_args["arbitrator"]) == "Nurlan"


def test_an_altered_ruling_does_not_carry_the_signature(session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    signature = _signature(session, court, dispute, 0, REFUND_PAYER, "Madina")
    with pytest.raises(ContractReverted) as refused:
        _relay(court, dispute, 0, PAY_PAYEE, signature)
    assert refused.value.error == "NotOnPanel"  # recovers to some unrelated key


@pytest.mark.parametrize("garbage", [b"", b"\x01" * 64, b"\x00" * 65])
def test_a_malformed_signature_is_refused(court, open_dispute, garbage):
    _, dispute = open_dispute(1, eligible=("Madina",))
    with pytest.raises(ContractReverted) as refused:
        _relay(court, dispute, 0, PAY_PAYEE, garbage)
    assert refused.value.error == "SignatureInvalid"


def test_a_signature_for_another_arbitrator_is_refused(session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    domain = {**court.domain(), "verifyingContract": session.address("Bolat")}
    signature = _signature(session, court, dispute, 0, PAY_PAYEE, "Madina", domain=domain)
    with pytest.raises(ContractReverted) as refused:
        _relay(court, dispute, 0, PAY_PAYEE, signature)
    assert refused.value.error == "NotOnPanel"


def test_a_replayed_signature_is_refused(session, court, open_dispute):
    _, dispute = open_dispute(3)
    panelist = court.panel(dispute)[0]
    signature = _signature(session, court, dispute, 0, PAY_PAYEE, panelist)
    _relay(court, dispute, 0, PAY_PAYEE, signature)
    with pytest.raises(ContractReverted) as refused:
        _relay(court, dispute, 0, PAY_PAYEE, signature)
    assert refused.value.error == "AlreadyVoted"
    assert court.dispute(dispute).votes_cast == 1


def test_an_old_rounds_signature_is_refused(session, court, open_dispute):
    _, dispute = open_dispute(1)
    (first,) = court.panel(dispute)
    old = _signature(session, court, dispute, 0, REFUND_PAYER, first)
    court.cast(dispute, PAY_PAYEE, by=first)
    court.appeal(dispute, by="Aigerim")
    with pytest.raises(ContractReverted) as refused:
        _relay(court, dispute, 0, REFUND_PAYER, old)
    assert refused.value.error == "RoundClosed"
    assert refused.value.error_args == {"disputeId": dispute, "round": 0, "currentRound": 1}
    with pytest.raises(ContractReverted) as relabelled:
        _relay(court, dispute, 1, REFUND_PAYER, old)
    assert relabelled.value.error == "NotOnPanel"


def test_a_signed_ruling_beyond_the_choices_is_refused(session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    signature = _signature(session, court, dispute, 0, 3, "Madina")
    with pytest.raises(ContractReverted) as refused:
        _relay(court, dispute, 0, 3, signature)
    assert refused.value.error == "RulingOutOfRange"


# -- files --------------------------------------------------------------------------------


def test_signed_ruling_file_round_trip(tmp_path, session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    request = request_ruling(court, dispute, PAY_PAYEE, by="Madina", reason=REASONS,
                             label="pay the payee")
    unsigned = write_ruling_file(request, tmp_path / "request.json")
    document = json.loads(unsigned.read_text())
    assert document["signature"] is None and document["notice"] == signature_notice()
    assert document["notice"].endswith("(Art. 49(2)).") and document["law"] == edition("code-2026").header
    with using("draft-2025"):
        draft = json.loads(write_ruling_file(request, tmp_path / "draft.json").read_text())
    assert draft["notice"].endswith("(DC 25.3).") and draft["law"] == edition("draft-2025").header
    assert document["typedData"]["domain"]["name"] == "dao-sim HumanArbitrator"
    loaded, signature = read_ruling_request(unsigned)
    assert loaded == request and signature is None
    with pytest.raises(RulingFileError, match="not signed"):
        load_signed_ruling(unsigned)

    key = session.engine.private_key(session.address("Madina"))
    signed = sign_ruling(loaded, private_key=key)
    assert signed.signature == sign_ruling(loaded, session=session).signature
    path = write_ruling_file(signed, tmp_path / "signed.json")
    again = load_signed_ruling(path)
    assert again.signer == session.address("Madina")
    entry = submit_signed_ruling(again, court, relayer=PAYEE)
    assert entry.event("RulingCast").args["reasonHash"] == "0x" + reason_hash(REASONS).hex()
    assert court.current_ruling(dispute) == PAY_PAYEE
    with pytest.raises(ForgedRulingError, match="replayed"):
        submit_signed_ruling(again, court, relayer=PAYEE)


def _signed_file(tmp_path, session, court, dispute, by="Madina"):
    request = request_ruling(court, dispute, PAY_PAYEE, by=by, reason=REASONS)
    return write_ruling_file(sign_ruling(request, session=session), tmp_path / "signed.json")


@pytest.mark.parametrize(("tamper", "message"), [
    (lambda d: d["typedData"]["message"].update(ruling=1), "not by the panelist"),
    (lambda d: d.update(reason="Nothing was delivered."), "reasons in the file"),
    (lambda d: d["panelist"].update(address="0x" + "11" * 20), "not by the panelist"),
    (lambda d: d["typedData"]["domain"].update(name="Other"), "signing domain"),
    (lambda d: d.update(signature="0x" + "ab" * 65), "key is wrong or the content was altered"),
    (lambda d: d.update(signature="0x1234"), "malformed"),
    (lambda d: d["typedData"].update(primaryType="Vote"), "not a dao-sim Ruling"),
])
def test_forged_files_are_refused(tmp_path, session, court, open_dispute, tamper, message):
    _, dispute = open_dispute(1, eligible=("Madina",))
    path = _signed_file(tmp_path, session, court, dispute)
    document = json.loads(path.read_text())
    tamper(document)
    path.write_text(json.dumps(document))
    with pytest.raises(ForgedRulingError, match=message):
        load_signed_ruling(path)
    assert court.dispute(dispute).votes_cast == 0


def test_a_file_signed_by_another_key_is_refused(tmp_path, session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    request = request_ruling(court, dispute, PAY_PAYEE, by="Madina", reason=REASONS)
    forged = sign_ruling(request, private_key=session.engine.private_key(session.address("Bolat")))
    path = write_ruling_file(forged, tmp_path / "forged.json")
    with pytest.raises(ForgedRulingError, match="signed by key .* not by the panelist Madina"):
        load_signed_ruling(path)


def test_a_stale_file_is_refused_before_relaying(tmp_path, session, court, open_dispute):
    _, dispute = open_dispute(1)
    (first,) = court.panel(dispute)
    path = _signed_file(tmp_path, session, court, dispute, by=first)
    court.cast(dispute, REFUND_PAYER, by=first)
    court.appeal(dispute, by=PAYEE)
    with pytest.raises(ForgedRulingError, match="old round"):
        submit_signed_ruling(load_signed_ruling(path), court, relayer=PAYEE)


def test_nobody_is_asked_to_sign_what_the_arbitrator_would_refuse(court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    with pytest.raises(ForgedRulingError, match="does not sit on the panel"):
        request_ruling(court, dispute, PAY_PAYEE, by="Nurlan", reason=REASONS)
    with pytest.raises(ForgedRulingError, match="exceeds"):
        request_ruling(court, dispute, 5, by="Madina", reason=REASONS)


@pytest.mark.parametrize("content", ["not json", json.dumps({"format": "other"}),
                                     json.dumps({"format": "dao-sim/ruling/1"})])
def test_unreadable_files_are_refused(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(RulingFileError):
        load_signed_ruling(path)


def test_a_request_names_the_option_of_a_contract_dao_sim_knows(court, open_dispute):
    from dao_sim.disputes import ruling_options

    _escrow, dispute = open_dispute()
    assert ruling_options(court, dispute)[PAY_PAYEE] == "pay the payee"
    assert request_ruling(court, dispute, PAY_PAYEE, by=court.panel(dispute)[0],
                          reason=REASONS).ruling_label == "pay the payee"
