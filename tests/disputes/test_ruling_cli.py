"""`dao-sim ruling sign/check`: a panelist signs offline with a key file; the file is relayed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dao_sim.cli import app
from dao_sim.disputes import SignedRulingFile
from dao_sim.disputes.signed_ruling import request_ruling, write_ruling_file
from dao_sim.law import edition


@pytest.fixture
def request_file(session, court, open_dispute, tmp_path):
    _escrow, dispute_id = open_dispute()
    panelist = court.panel(dispute_id)[0]
    request = request_ruling(court, dispute_id, 2, by=panelist, reason="delivered as agreed")
    path = write_ruling_file(request, tmp_path / "ruling.json")
    key = tmp_path / "key.hex"
    key.write_text(session.engine.private_key(session.address(panelist)).hex() + "\n")
    return path, key, dispute_id, panelist


def test_sign_offline_check_and_relay(session, court, request_file):
    path, key, dispute_id, panelist = request_file
    runner = CliRunner()
    signed = runner.invoke(app, ["ruling", "sign", str(path), "--key-file", str(key)])
    assert signed.exit_code == 0, signed.output
    assert f"Panelist: {panelist}" in signed.stdout
    assert "not by itself a qualified digital signature" in " ".join(signed.stdout.split())
    signed_path = path.with_name("ruling.signed.json")
    checked = runner.invoke(app, ["ruling", "check", str(signed_path)])
    assert checked.exit_code == 0 and "the content is as signed" in checked.stdout
    record = SignedRulingFile(signed_path, relayer="Gulnara").decide(court, dispute_id, panelist)
    assert (record.decided_by, record.relayer, record.ruling) == (panelist, "Gulnara", 2)


def test_the_signature_notice_cites_the_edition_asked_for(request_file):
    path, key, _dispute_id, _panelist = request_file
    runner = CliRunner()
    signed = runner.invoke(app, ["ruling", "sign", str(path), "--key-file", str(key)])
    assert signed.exit_code == 0, signed.output
    words = " ".join(signed.stdout.split())
    assert "equals a handwritten one (Art. 49(2))" in words and edition("code-2026").header in words
    signed_path = path.with_name("ruling.signed.json")
    assert json.loads(signed_path.read_text())["law"] == edition("code-2026").header
    checked = runner.invoke(app, ["ruling", "check", str(signed_path), "--edition", "draft-2025"])
    assert checked.exit_code == 0, checked.output
    words = " ".join(checked.stdout.split())
    assert "equals a handwritten one (DC 25.3)" in words and edition("draft-2025").header in words
    refused = runner.invoke(app, ["ruling", "check", str(signed_path), "--edition", "2025"])
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1
    assert "dao-sim knows code-2026, draft-2025" in refused.stderr


def test_someone_elses_key_is_refused_before_signing(session, request_file, tmp_path):
    path, _key, _dispute_id, panelist = request_file
    other = tmp_path / "other.hex"
    other.write_text(session.engine.private_key(session.address("Gulnara")).hex())
    result = CliRunner().invoke(app, ["ruling", "sign", str(path), "--key-file", str(other)])
    assert result.exit_code == 1
    assert f"must be signed by the panelist {panelist}" in result.stderr
    assert not path.with_name("ruling.signed.json").exists()


def test_an_altered_signed_file_fails_the_check(request_file):
    path, key, _dispute_id, _panelist = request_file
    runner = CliRunner()
    assert runner.invoke(app, ["ruling", "sign", str(path), "--key-file", str(key)]).exit_code == 0
    signed_path = path.with_name("ruling.signed.json")
    document = json.loads(signed_path.read_text())
    document["typedData"]["message"]["ruling"] = 1
    signed_path.write_text(json.dumps(document))
    result = runner.invoke(app, ["ruling", "check", str(signed_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
