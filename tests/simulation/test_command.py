"""``dao-sim sweep``: exit codes and plain text; the table, the charts and the register on disk."""

from __future__ import annotations

from typer.testing import CliRunner

from dao_sim.cli import app
from dao_sim.simulation.sweep import read_table

EXPERIMENT = """\
name: cli-tiny
runs: 1
seed: 3
population: {kind: random, size: 5, degree: 2}
design: {rounds: 1}
ranges:
  quorum: ["30%", "60%"]
"""


def test_sweep_writes_the_table_the_charts_and_the_risk_register(tmp_path):
    path = tmp_path / "exp.yaml"
    path.write_text(EXPERIMENT, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["sweep", str(path), "--workers", "1", "--out", str(out),
                                      "--edition", "draft-2025"])
    assert result.exit_code == 0, result.output
    assert "2 design points x 1 runs = 2 runs" in result.stdout
    assert "Ran 2 runs" in result.stdout and "0 failed" in result.stdout
    assert {p.name for p in out.iterdir()} >= {"results.parquet", "risks.md", "risks.svg", "nakamoto.svg"}
    assert {r["design"] for r in read_table(out / "results.parquet")} == {"quorum=30%", "quorum=60%"}
    register = (out / "risks.md").read_text(encoding="utf-8")
    assert "draft text, not law" in register and "Parameters that reduce it" in register
    again = CliRunner().invoke(app, ["sweep", str(path), "--workers", "1", "--out", str(out)])
    assert again.exit_code == 0 and "Ran 0 runs" in again.stdout and "2 already in the table" in again.stdout


def test_a_bad_experiment_is_one_error_line_and_exit_status_1(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(EXPERIMENT.replace("design:", "desing:"), encoding="utf-8")
    result = CliRunner().invoke(app, ["sweep", str(path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [f"error: {path}:5: desing: unknown field; did you mean 'design'?"]
    unknown = CliRunner().invoke(app, ["sweep", "no-such-experiment"])
    assert unknown.exit_code == 1 and "shipped: whale-and-bloc" in unknown.stderr
