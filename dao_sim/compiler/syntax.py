"""Syntax trees for analysis: the compiler parses and type-checks, and generates no code.

Static checks (``dao_sim.compliance``) read solc's annotated AST, not bytecode. Asking solc
for the ``ast`` output alone stops it after analysis, so a parse of the whole project costs
about as much as starting the compiler; the sources are read and their imports followed by
the same code as a build (:mod:`.sources`), so a file that compiles in a build parses here
with the same unit names, and one that does not fails with the same ``file:line`` errors.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dao_sim.compiler.build import _run
from dao_sim.compiler.settings import EVM_VERSION, SOLC_VERSION
from dao_sim.compiler.sources import (
    SourceFile,
    collect_sources,
    default_import_roots,
    resolve_unit,
)
from dao_sim.compiler.toolchain import resolve_solc
from dao_sim.exceptions import CompilerError

__all__ = ["SyntaxTrees", "parse_sources"]


@dataclass(frozen=True)
class SyntaxTrees:
    """The annotated ASTs of a set of sources and of everything they import.

    Attributes
    ----------
    sources : dict
        Source unit name -> :class:`SourceFile` (the file it was read from and its text).
    asts : dict
        Source unit name -> solc's AST of that unit (a ``SourceUnit`` node, JSON as dicts).
    entries : tuple of str
        Unit names of the files asked for (the rest were reached through imports).
    roots : tuple of Path
        The import roots the units are named relative to.
    compiler_version : str
        The pinned compiler version that produced the trees.
    seconds : float
        How long the compiler ran.
    """

    sources: Mapping[str, SourceFile]
    asts: Mapping[str, dict[str, Any]]
    entries: tuple[str, ...]
    roots: tuple[Path, ...]
    compiler_version: str = SOLC_VERSION
    seconds: float = field(default=0.0, compare=False)


def parse_sources(paths: Iterable[Path | str], *,
                  import_roots: Sequence[Path | str] | None = None) -> SyntaxTrees:
    """Parse and type-check Solidity files with the pinned compiler; no bytecode is produced.

    Parameters
    ----------
    paths : iterable of Path
        The files to parse; their imports are found in the import roots.
    import_roots : sequence of Path, optional
        Folders searched for imports, as for :func:`~dao_sim.compiler.compile_sources`. By
        default: the folder holding all ``paths``, its ``node_modules``, then dao-sim's checkout
        and its ``node_modules`` (so ``@openzeppelin/contracts/...`` resolves).

    Returns
    -------
    SyntaxTrees
        One AST per source unit, imports included.

    Raises
    ------
    CompilationFailed
        The compiler rejected a source; the message lists ``file:line: message`` per error.
    CompilerError
        No file given, a file missing, or no compiler of the pinned version.

    Examples
    --------
    >>> trees = parse_sources(["contracts/governance/DAO.sol"])  # doctest: +SKIP
    >>> trees.asts["governance/DAO.sol"]["nodeType"]  # doctest: +SKIP
    'SourceUnit'
    """
    entries = [Path(p).resolve() for p in paths]
    if not entries:
        raise CompilerError("parse_sources needs at least one .sol file")
    if import_roots is None:
        roots = default_import_roots(Path(os.path.commonpath([p.parent for p in entries])))
    else:
        roots = tuple(Path(r).resolve() for r in import_roots)
    if not roots:
        raise CompilerError("parse_sources needs at least one import root")
    sources = collect_sources(entries, roots)
    by_path = {source.path: unit for unit, source in sources.items()}
    settings = {"evmVersion": EVM_VERSION, "outputSelection": {"*": {"": ["ast"]}}}
    started = time.perf_counter()
    output = _run(resolve_solc(), sources, settings, roots)
    elapsed = time.perf_counter() - started
    asts: dict[str, dict[str, Any]] = {}
    known = dict(sources)
    for unit, info in output.get("sources", {}).items():
        if unit not in known:  # read by the compiler through its import callback
            found = resolve_unit(unit, roots)
            if found is None:
                raise CompilerError(f"the compiler read {unit}, which no import root holds")
            known[unit] = SourceFile(unit, found, found.read_bytes().decode("utf-8", "replace"))
        asts[unit] = info["ast"]
    return SyntaxTrees(sources=known, asts=asts,
                       entries=tuple(by_path[p] for p in entries if p in by_path),
                       roots=tuple(roots), seconds=elapsed)
