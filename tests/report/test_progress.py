"""What a person sees while contracts compile: the files, the seconds spent, then what happened."""

from __future__ import annotations

import io

from rich.console import Console

from dao_sim.compiler import compile_input
from dao_sim.report.progress import compiles_shown, load_with_progress

SOURCE = "// SPDX-License-Identifier: MIT\npragma solidity 0.8.37;\ncontract Tiny { uint256 public x; }\n"


def console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=200, color_system=None), out


def test_a_compile_shows_its_files_and_then_the_time_it_took(tmp_path):
    shown, out = console()
    with compiles_shown(shown):
        compile_input({"contracts/Tiny.sol": SOURCE}, {"evmVersion": "prague"}, cache_dir=tmp_path)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Rebuilding the published sources: 1 Solidity file in one solc")
    assert lines[0].endswith("run: Tiny.sol")
    assert lines[-1].startswith("Rebuilt in ") and lines[-1].endswith(" s.")


def test_loading_shows_the_files_only_when_it_compiles(tmp_path):
    def load():
        return compile_input({"contracts/Tiny.sol": SOURCE}, {"evmVersion": "prague"}, cache_dir=tmp_path)

    shown, out = console()
    load_with_progress(shown, load)
    first = out.getvalue().splitlines()
    assert "1 Solidity file in one" in first[0]
    assert first[-1].startswith("Contracts: compiled in ")
    shown, out = console()
    load_with_progress(shown, load)
    assert out.getvalue().splitlines() == ["Contracts: read from the artifact cache (no compiler started)."]
