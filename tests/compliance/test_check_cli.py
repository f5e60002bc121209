"""`dao-sim check`: exit codes, formats, one-line errors; plain text, not decoration."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dao_sim.cli import app

from .conftest import CORPUS, FIXTURES

CLEAN = str(FIXTURES / "rule-setter" / "pass.sol")
ESCROW = str(CORPUS / "EscrowNoDispute.sol")


def check(*args: str):
    return CliRunner().invoke(app, ["check", *args])


def _one_error_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_no_error_finding_exits_0():
    result = check(CLEAN, "--no-bytecode")
    assert result.exit_code == 0, result.output
    assert "No findings." in result.stdout
    assert "Law applied: Digital Code" in result.stdout


def test_an_error_finding_exits_1_and_says_what_where_and_which_law():
    result = check(ESCROW)
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "EscrowNoDispute.sol:6 (EscrowNoDispute): error [human-dispute]" in out
    assert "requirement human-dispute: Art. 67(3), law in force" in out
    assert "fix: Give the contract a dispute clause" in out
    assert "1 finding: 1 error." in out


def test_the_draft_edition_cites_the_draft():
    result = check(ESCROW, "--edition", "draft-2025", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["edition"] == "draft-2025"
    (finding,) = data["findings"]
    assert (finding["article"], finding["status"], finding["citation"]) == \
        ("DC 28.2", "draft", "DC 28.2, draft text, not law")
    assert finding["file"].endswith("corpus/EscrowNoDispute.sol") and finding["line"] == 6
    assert data["counts"] == {"error": 1, "warning": 0, "note": 0}


def test_sarif_to_a_file(tmp_path):
    out = tmp_path / "check.sarif"
    result = check(ESCROW, "--format", "sarif", "--output", str(out))
    assert result.exit_code == 1
    assert result.stdout.strip() == f"sarif report written to {out}. 1 finding: 1 error."
    log = json.loads(out.read_text(encoding="utf-8"))
    assert log["runs"][0]["results"][0]["ruleId"] == "human-dispute"


def test_a_folder_is_searched_for_solidity_files():
    result = check(str(FIXTURES / "human-dispute"), "--no-bytecode", "--format", "json")
    assert result.exit_code == 1
    files = {f["file"].rsplit("/", 1)[-1] for f in json.loads(result.stdout)["findings"]}
    assert files == {"fail.sol"}


@pytest.mark.parametrize(("args", "says"), [
    (("missing.sol",), "error: missing.sol: no such file or folder"),
    ((), "error: name at least one .sol file or folder to check"),
    (("README.md",), "error: README.md: not a Solidity file (expected a .sol file)"),
    ((CLEAN, "--edition", "draft"), "did you mean 'draft-2025'?"),
    ((CLEAN, "--format", "xml"), "error: unknown format 'xml': use one of text, json, sarif"),
])
def test_bad_input_is_one_line_and_exit_2(args, says):
    result = check(*args)
    assert result.exit_code == 2
    assert says in _one_error_line(result)
    assert result.stdout == ""


def test_a_file_that_does_not_compile_is_one_line_naming_file_and_line(tmp_path):
    broken = tmp_path / "Broken.sol"
    broken.write_text("pragma solidity ^0.8.0;\ncontract B { function f() external { x = 1; } }\n",
                      encoding="utf-8")
    result = check(str(broken))
    assert result.exit_code == 2
    line = _one_error_line(result)
    assert "Broken.sol:2: DeclarationError: Undeclared identifier." in line


def test_an_unwritable_output_is_one_line_and_exit_2(tmp_path):
    blocker = tmp_path / "a-file"  # a missing folder is created, as for every output
    blocker.write_text("in the way")
    target = blocker / "dir" / "out.json"
    result = check(CLEAN, "--no-bytecode", "--output", str(target))
    assert result.exit_code == 2
    assert f"cannot write the report to {target}" in _one_error_line(result)
