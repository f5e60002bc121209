"""``dao-sim verify RECORD``: exit codes, what matched and what did not, one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dao_sim.cli import app
from dao_sim.compliance import record_deployment, write_record


@pytest.fixture
def record(published, tmp_path):
    return write_record(record_deployment(published.dao, published.publication),
                        tmp_path / "out" / "deployment.json", store_dir=published.store.directory)


def _run(*args: str):
    return CliRunner().invoke(app, ["verify", *map(str, args)])


def _error(result) -> str:
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_a_good_record_exits_0(record):
    result = _run(record)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "Verified: the deployed code and charter are the published ones."
    assert "ok    DAO at " in result.stdout and "ok    charter:" in result.stdout


def test_a_record_whose_code_differs_exits_1_naming_contract_and_offset(record, published):
    data = json.loads(record.read_text("utf-8"))
    governor = next(c for c in data["contracts"] if c["name"] == "Governor")
    code = bytearray.fromhex(governor["code"][2:])
    code[3] ^= 0x01
    governor["code"] = "0x" + code.hex()
    record.write_text(json.dumps(data), "utf-8")
    result = _run(record)
    assert result.exit_code == 1
    assert f"FAIL  Governor at {published.dao.governor.address}: runtime code differs" in result.stdout
    assert "first at byte 3 (0x3)" in result.stdout
    assert result.stdout.splitlines()[-1] == "NOT verified: 1 check failed."


def test_store_option_overrides_the_record_hint(record, published, tmp_path):
    moved = tmp_path / "moved-store"
    published.store.directory.rename(moved)
    assert _run(record).exit_code == 1
    result = _run(record, "--store", moved)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ("{not json", "not JSON"),
    ('{"format": "dao-sim-deployment-record/1"}', "missing field 'contracts'"),
    ('["a list"]', "the top level is not an object"),
])
def test_bad_input_is_one_line_and_exit_1(tmp_path, content, message):
    path = tmp_path / "record.json"
    if content is not None:
        path.write_text(content, "utf-8")
    assert message in _error(_run(path))


def test_a_missing_store_is_one_line_and_exit_1(record, tmp_path):
    assert "no publication store at" in _error(_run(record, "--store", tmp_path / "nowhere"))


def test_the_demo_publishes_records_and_says_how_to_verify(artifacts, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    demo = CliRunner().invoke(app, ["demo"])
    assert demo.exit_code == 0, demo.output
    report = (tmp_path / "out" / "demo-report.md").read_text("utf-8")
    manifest = next((tmp_path / "out" / "published" / "publications").iterdir()).name
    assert f"publication `{manifest}`" in report
    assert "dao-sim verify out/demo-deployment.json" in report
    assert "✅ the deployed code and charter are the published ones" in report
    result = _run("out/demo-deployment.json")
    assert result.exit_code == 0, result.output
    assert f"Publication {manifest} (Steppe Makers) in out/published" in result.stdout
