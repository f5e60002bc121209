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
    assert lines[-1].endswith("Gulnara executed proposal 0: paid 2 ETH to Erlan  [DC 20.7]")
