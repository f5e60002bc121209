"""Human decision channels: keyboard, script, signed file; each records who decided how."""

import io

import pytest
from rich.console import Console

from dao_sim.disputes import (
    InteractivePrompt,
    ScriptedDecision,
    SignedRulingFile,
    request_ruling,
    sign_ruling,
    write_ruling_file,
)
from dao_sim.exceptions import ForgedRulingError, RulingRefusedError
from dao_sim.law import using
from tests.disputes.conftest import ATTESTER, PAY_PAYEE

LABELS = {0: "refused to arbitrate", 1: "refund the payer", 2: "pay the payee"}


def _prompt(answers: str) -> tuple[InteractivePrompt, io.StringIO]:
    shown = io.StringIO()
    return InteractivePrompt(stream=io.StringIO(answers),
                             console=Console(file=shown, width=120)), shown


def test_the_human_at_the_keyboard_decides_after_seeing_the_evidence(court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    channel, shown = _prompt("9\n2\nThe waybill is signed by the buyer.\ny\n")
    ruling = channel.decide(court, dispute, "Madina", labels=LABELS,
                            evidence=["ipfs://waybill-signed"])
    screen = shown.getvalue()
    assert "ipfs://waybill-signed" in screen and "2 = pay the payee" in screen
    assert "'9' is not a ruling" in screen
    assert (ruling.ruling, ruling.ruling_label, ruling.decided_by) == (2, "pay the payee",
                                                                       "Madina")
    assert ruling.channel == "interactive" and ruling.relayer is None
    assert ruling.reason == "The waybill is signed by the buyer."
    assert court.current_ruling(dispute) == PAY_PAYEE


def test_nothing_is_cast_without_the_humans_confirmation(court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    channel, _ = _prompt("2\nreasons\nn\n")
    with pytest.raises(RulingRefusedError, match="did not confirm"):
        channel.decide(court, dispute, "Madina", labels=LABELS)
    assert court.dispute(dispute).votes_cast == 0


@pytest.mark.parametrize("answers", ["", "x\ny\nz\n", "2\n"])
def test_no_valid_answer_means_no_ruling(court, open_dispute, answers):
    _, dispute = open_dispute(1, eligible=("Madina",))
    channel, _ = _prompt(answers)
    with pytest.raises(RulingRefusedError):
        channel.decide(court, dispute, "Madina", labels=LABELS)
    assert court.dispute(dispute).votes_cast == 0


def test_only_a_panelist_is_asked(court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    channel, _ = _prompt("2\nr\ny\n")
    with pytest.raises(RulingRefusedError, match="does not sit on the panel"):
        channel.decide(court, dispute, "Nurlan")


def test_stdin_is_read_when_no_stream_is_given(monkeypatch, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    monkeypatch.setattr("sys.stdin", io.StringIO("1\nnot delivered\ny\n"))
    channel = InteractivePrompt(console=Console(file=io.StringIO()))
    assert channel.decide(court, dispute, "Madina").ruling == 1


def test_a_scripted_decision_is_recorded_as_the_named_persons(court, open_dispute):
    _, dispute = open_dispute(3)
    first, second, _ = court.panel(dispute)
    direct = ScriptedDecision(2, "delivered", by=first).decide(court, dispute, labels=LABELS)
    relayed = ScriptedDecision(2, "delivered too", relayer="Erlan").decide(court, dispute, second)
    assert (direct.decided_by, direct.channel, direct.relayer) == (first, "script", None)
    assert (relayed.decided_by, relayed.relayer) == (second, "Erlan")
    assert "EIP-712" in relayed.act and "castRuling" in direct.act
    with pytest.raises(RulingRefusedError):
        ScriptedDecision(1, "x", by=first).decide(court, dispute, second)


def test_a_signed_ruling_file_channel(tmp_path, session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    request = request_ruling(court, dispute, 1, by="Madina", reason="not delivered",
                             label="refund the payer")
    path = write_ruling_file(sign_ruling(request, session=session), tmp_path / "r.json")
    with pytest.raises(ForgedRulingError, match="not Nurlan's"):
        SignedRulingFile(path, relayer="Erlan").decide(court, dispute, "Nurlan")
    ruling = SignedRulingFile(path, relayer="Erlan").decide(court, dispute, "Madina",
                                                            labels=LABELS)
    assert (ruling.channel, ruling.decided_by, ruling.ruling) == ("signed-file", "Madina", 1)
    assert ruling.key == session.address("Madina")


def test_the_record_names_key_and_attestation_and_claims_no_handwritten_equivalence(
        court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    ruling = ScriptedDecision(2, "delivered", by="Madina").decide(court, dispute, labels=LABELS)
    text = ruling.record()
    assert ruling.key in text and ruling.attestation in text and ATTESTER in text
    assert ruling.tx_hash in text and ruling.attested_by == ATTESTER
    assert "not the legal equal of a handwritten signature" in text
    assert "handwritten signature (Art. 49(2))" in text
    with using("draft-2025"):
        assert "handwritten signature (DC 25.3)" in ruling.record()
