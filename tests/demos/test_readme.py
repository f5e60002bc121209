"""The README's Python example runs as written and prints the timeline it promises."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_python_api_example_runs(artifacts):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python API"):]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, str(README), "exec"), {"__name__": "readme_example"})  # noqa: S102  the README is ours
    lines = printed.getvalue().splitlines()
    assert lines[0] == "18.0"
    assert lines[-1].endswith("Gulnara executed proposal 0: paid 2 ETH to Erlan  "
                              "[dao-sim default (after draft Art. 20.7)]")


def test_the_continued_examples_run_in_order(artifacts, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python API"):text.index("## Layout")]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 3
    printed = io.StringIO()
    namespace = {"__name__": "readme_example"}
    with contextlib.redirect_stdout(printed):
        for code in blocks:
            exec(compile(code, str(README), "exec"), namespace)  # noqa: S102  the README is ours
    lines = printed.getvalue().splitlines()
    assert lines[-5:-2] == ["19.0", "1.5", "0"]
    assert lines[-2:] == ["Disputed", "Executed 11.0"]
    assert (tmp_path / "out" / "evidence.md").exists()


def test_the_personal_data_example_runs_and_leaves_nothing(artifacts, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Personal data and the draft's sandbox"):text.index("## Security")]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, str(README), "exec"), {"__name__": "readme_example"})  # noqa: S102  the README is ours
    assert printed.getvalue() == "0 1\n"
    held = (tmp_path / "out" / "registry.json").read_text("utf-8")
    assert "Sultanbekova" not in held and "850521400124" not in held


def test_the_readme_sorts_every_requirement_by_its_status_under_the_law_in_force():
    from dao_sim.law import Status, requirements

    lines = README.read_text(encoding="utf-8").splitlines()
    listed = {}
    for label, status in (("law in force", Status.LAW), ("dao-sim defaults", Status.DEFAULT),
                          ("no such rule in force", Status.ABSENT)):
        line = next(text for text in lines if text.startswith(f"- **{label}**"))
        listed[status] = set(re.findall(r"`([a-z][a-z0-9-]*)`", line))
    in_force = {status: {r.id for r in requirements() if r.under("code-2026").status is status}
                for status in listed}
    assert listed == in_force
    assert set().union(*listed.values()) == {r.id for r in requirements()}


def test_the_decentralisation_example_prints_what_the_readme_says():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("**Who decides alone**"):text.index("## Published rules and verification")]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    promised = [line.removeprefix("# ") for line in code.splitlines() if line.startswith("# ")]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, str(README), "exec"), {"__name__": "readme_example"})  # noqa: S102  the README is ours
    assert printed.getvalue().splitlines() == promised
