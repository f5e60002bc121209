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
    signed = runner.invoke(app, ["ruling", "sign", str(path), "--key-file", str(key), "--yes"])
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
    signed = runner.invoke(app, ["ruling", "sign", str(path), "--key-file", str(key), "--yes"])
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
    result = CliRunner().invoke(app, ["ruling", "sign", str(path), "--key-file", str(other), "--yes"])
    assert result.exit_code == 1
    assert f"must be signed by the panelist {panelist}" in result.stderr
    assert not path.with_name("ruling.signed.json").exists()


def test_an_altered_signed_file_fails_the_check(request_file):
    path, key, _dispute_id, _panelist = request_file
    runner = CliRunner()
    assert runner.invoke(app, ["ruling", "sign", str(path), "--key-file", str(key), "--yes"]).exit_code == 0
    signed_path = path.with_name("ruling.signed.json")
    document = json.loads(signed_path.read_text())
    document["typedData"]["message"]["ruling"] = 1
    signed_path.write_text(json.dumps(document))
    result = runner.invoke(app, ["ruling", "check", str(signed_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")


def one_error_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_sign_and_check_name_the_option_not_just_its_number(request_file):
    path, key, dispute_id, _panelist = request_file
    runner = CliRunner()
    signed = runner.invoke(app, ["ruling", "sign", str(path), "--key-file", str(key), "--yes"])
    assert f"Dispute {dispute_id}, round 0: ruling 2: pay the payee" in signed.stdout
    checked = runner.invoke(app, ["ruling", "check", str(path.with_name("ruling.signed.json"))])
    assert checked.exit_code == 0, checked.output
    assert "ruling 2: pay the payee" in checked.stdout and "ruling 2 (2)" not in checked.stdout


def test_a_file_that_names_no_option_says_so(session, court, open_dispute, tmp_path):
    _escrow, dispute_id = open_dispute()
    panelist = court.panel(dispute_id)[0]
    request = request_ruling(court, dispute_id, 2, by=panelist, reason="r", label="2")
    path = write_ruling_file(request, tmp_path / "bare.json")
    key = tmp_path / "key.hex"
    key.write_text(session.engine.private_key(session.address(panelist)).hex())
    result = CliRunner().invoke(app, ["ruling", "sign", str(path), "--key-file", str(key)], input="n\n")
    assert "ruling 2 (the file does not say what this option does)" in result.stdout


def test_sign_asks_first_and_a_no_writes_nothing(request_file):
    path, key, _dispute_id, _panelist = request_file
    result = CliRunner().invoke(app, ["ruling", "sign", str(path), "--key-file", str(key)], input="n\n")
    assert result.exit_code == 1
    assert "ruling 2: pay the payee" in result.stdout  # shown before the question
    assert "Sign this ruling as" in result.stdout and "Not signed; no file written." in result.stdout
    assert not path.with_name("ruling.signed.json").exists()


def test_sign_asks_first_and_a_yes_signs(request_file):
    path, key, _dispute_id, _panelist = request_file
    result = CliRunner().invoke(app, ["ruling", "sign", str(path), "--key-file", str(key)], input="y\n")
    assert result.exit_code == 0, result.output
    assert path.with_name("ruling.signed.json").exists()


def test_sign_without_anyone_to_answer_is_one_line_and_writes_nothing(request_file):
    path, key, _dispute_id, _panelist = request_file
    result = CliRunner().invoke(app, ["ruling", "sign", str(path), "--key-file", str(key)], input="")
    assert result.exit_code == 1
    assert "--yes" in one_error_line(result)
    assert not path.with_name("ruling.signed.json").exists()


def test_sign_into_a_missing_folder_creates_it(request_file, tmp_path):
    path, key, _dispute_id, _panelist = request_file
    out = tmp_path / "new" / "folder" / "signed.json"
    result = CliRunner().invoke(app, ["ruling", "sign", str(path), "--key-file", str(key), "--yes",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["signature"].startswith("0x")


@pytest.mark.parametrize("where", ["under a file", "a folder"])
def test_sign_where_it_cannot_write_is_one_line_before_signing(request_file, tmp_path, where):
    path, key, _dispute_id, _panelist = request_file
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    out = blocker / "signed.json" if where == "under a file" else tmp_path
    result = CliRunner().invoke(app, ["ruling", "sign", str(path), "--key-file", str(key), "--yes",
                                      "--out", str(out)])
    assert result.exit_code == 1
    assert one_error_line(result).startswith(f"error: cannot write the signed ruling to {out}: ")
    assert "You are asked to sign" not in result.stdout


@pytest.mark.parametrize("missing", ["request", "key"])
def test_a_missing_request_or_key_file_is_one_line(request_file, tmp_path, missing):
    path, key, _dispute_id, _panelist = request_file
    gone = tmp_path / "nowhere.json"
    args = [str(gone), "--key-file", str(key)] if missing == "request" else [str(path), "--key-file", str(gone)]
    result = CliRunner().invoke(app, ["ruling", "sign", *args, "--yes"])
    assert result.exit_code == 1
    assert one_error_line(result) == (f"error: ruling file {gone}: cannot be read "
                                      "(No such file or directory)")
