"""The README's simulation example runs as written (with one run per point instead of twenty)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_simulation_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Simulating designs at scale"):text.index("## Tests")]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    assert "runs=20" in code
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code.replace("runs=20", "runs=1"), str(README), "exec"),  # noqa: S102  the README is ours
             {"__name__": "readme_simulation"})
    lines = printed.getvalue().splitlines()
    assert lines[0].startswith("A decision passes against the majority of the members ")
    assert len(lines) == 8 and (tmp_path / "whales.parquet").exists()
