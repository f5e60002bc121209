"""The README's `dao-sim check` Python example runs as written."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_check_example_runs_as_written():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Static checks"):text.index("### Slither")]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, str(README), "exec"), {"__name__": "readme_check"})  # noqa: S102  ours
    lines = printed.getvalue().splitlines()
    assert lines[0].startswith("tests/compliance/corpus/EscrowNoDispute.sol:6 (EscrowNoDispute)"
                               " | human-dispute | human-dispute | ")
    assert lines[-3:] == ["True", "True", "['bytecode-selfdestruct']"]
