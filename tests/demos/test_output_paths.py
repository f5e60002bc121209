"""Paths a person gives `dao-sim demo` and `dao-sim check`: each refused in one line, before any
work, and nothing half-written; the files that go with a report are named after it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dao_sim.cli import app

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts" / "agreements"


@pytest.fixture
def run(artifacts):
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def one_error_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def nothing_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*"))


def test_a_missing_report_folder_is_created_and_its_files_are_named_after_the_report(run, tmp_path):
    out = tmp_path / "new" / "runs" / "my-run.md"
    result = run("demo", "dispute", "--ruling", "void", "--out", str(out))
    assert result.exit_code == 0, result.output
    names = nothing_in(out.parent)
    assert {"my-run.md", "my-run-deployment.json", "my-run-evidence.json", "my-run-evidence.md",
            "published"} <= set(names)
    assert "demo-dispute-evidence.json" not in names
    assert "my-run-evidence.json" in out.read_text(encoding="utf-8")


def test_two_runs_with_different_reports_keep_their_own_evidence(run, tmp_path):
    first, second = tmp_path / "upheld.md", tmp_path / "voided.md"
    assert run("demo", "dispute", "--ruling", "uphold", "--out", str(first)).exit_code == 0
    assert run("demo", "dispute", "--ruling", "void", "--out", str(second)).exit_code == 0
    upheld = json.loads((tmp_path / "upheld-evidence.json").read_text(encoding="utf-8"))
    voided = json.loads((tmp_path / "voided-evidence.json").read_text(encoding="utf-8"))
    assert (upheld["proposal"]["state"], voided["proposal"]["state"]) == ("Executed", "Voided")
    assert "Executed" in (tmp_path / "upheld-evidence.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("option", ["--out", "--store"])
def test_a_file_blocking_the_folder_is_one_line_and_nothing_is_written(run, tmp_path, option):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    target = blocker / "sub" / ("report.md" if option == "--out" else "store")
    args = ["--out", str(tmp_path / "report.md")] if option == "--store" else []
    result = run("demo", "dispute", "--ruling", "void", option, str(target), *args)
    assert result.exit_code == 1
    assert one_error_line(result).endswith(f"{target}: {blocker} is a file, not a folder")
    assert result.stdout == ""  # refused before the contracts load or the story plays
    assert nothing_in(tmp_path) == ["a-file"]


def test_a_store_that_is_a_file_is_one_line(run, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    result = run("demo", "--store", str(blocker), "--out", str(tmp_path / "report.md"))
    assert result.exit_code == 1
    assert one_error_line(result) == (f"error: cannot write the publication store to {blocker}: "
                                      f"{blocker} is a file, not a folder")
    assert nothing_in(tmp_path) == ["a-file"]


def test_a_report_path_that_is_a_folder_is_one_line(run, tmp_path):
    result = run("demo", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert one_error_line(result) == f"error: cannot write the report to {tmp_path}: that is a folder, not a file"


@pytest.mark.parametrize("option", ["--out", "--store"])
def test_a_read_only_folder_is_one_line_and_nothing_is_written(run, tmp_path, read_only, option):
    locked = tmp_path / "locked"
    locked.mkdir()
    read_only(locked)
    target = locked / ("report.md" if option == "--out" else "store")
    args = ["--out", str(tmp_path / "report.md")] if option == "--store" else []
    result = run("demo", "dispute", "--ruling", "void", option, str(target), *args)
    assert result.exit_code == 1
    assert one_error_line(result).endswith(f"{target}: the folder {locked} is read-only (permission denied)")
    assert nothing_in(tmp_path) == ["locked"]


@pytest.mark.parametrize("where", ["under a file", "a folder", "read-only"])
def test_check_refuses_an_unwritable_output_in_one_line_before_checking(tmp_path, read_only, where):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    output = {"under a file": blocker / "report.txt", "a folder": tmp_path,
              "read-only": tmp_path / "locked" / "report.txt"}[where]
    if where == "read-only":
        output.parent.mkdir()
        read_only(output.parent)
    result = CliRunner().invoke(app, ["check", "--no-bytecode", "--output", str(output), str(CONTRACTS)])
    assert result.exit_code == 2
    assert one_error_line(result).startswith(f"error: cannot write the report to {output}: ")


def test_check_writes_into_a_missing_folder(tmp_path):
    output = tmp_path / "new" / "report.json"
    result = CliRunner().invoke(app, ["check", "--no-bytecode", "-f", "json", "--output", str(output),
                                      str(CONTRACTS.parent)])
    assert result.exit_code in (0, 1), result.output
    assert json.loads(output.read_text(encoding="utf-8"))
