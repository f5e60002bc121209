"""Slither's model of a set of Solidity sources, built from dao-sim's own compiler output.

Slither usually compiles through crytic-compile, which runs solc itself. Here the project's
compiler parses the sources (:func:`dao_sim.compiler.parse_sources`: the pinned solc, imports
followed by dao-sim's reader, ``@openzeppelin/...`` found in ``node_modules``), and a small
crytic-compile platform hands Slither those ASTs with the file each unit came from. Nothing
is compiled twice, no ``node_modules`` has to sit under the working directory, and a file
that does not compile fails with the compiler's own ``file:line`` message.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from crytic_compile import CryticCompile
from crytic_compile.compilation_unit import CompilationUnit
from crytic_compile.compiler.compiler import CompilerVersion
from crytic_compile.platform.abstract_platform import AbstractPlatform
from crytic_compile.platform.types import Type
from crytic_compile.utils.naming import Filename
from slither import Slither
from slither.core.declarations import Contract

from dao_sim.compiler import SyntaxTrees
from dao_sim.compliance.access import Access
from dao_sim.compliance.finding import Location
from dao_sim.exceptions import ComplianceError

__all__ = ["SourceModel", "display_path"]

for _name in ("Slither", "CryticCompile"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def display_path(path: Path | str, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (the working directory by default) when under it, POSIX style.

    Examples
    --------
    >>> display_path("/work/dao/contracts/A.sol", Path("/work/dao"))
    'contracts/A.sol'
    >>> display_path("/elsewhere/B.sol", Path("/work/dao"))
    '/elsewhere/B.sol'
    """
    resolved = Path(path).resolve()
    base = (root or Path.cwd()).resolve()
    if resolved.is_relative_to(base):
        return resolved.relative_to(base).as_posix()
    return resolved.as_posix()


class _Parsed(AbstractPlatform):
    """A crytic-compile platform whose 'compilation' is the ASTs dao-sim's compiler produced."""

    NAME = "dao-sim"
    PROJECT_URL = "https://github.com/crytic/crytic-compile"
    TYPE = Type.SOLC_STANDARD_JSON

    def __init__(self, trees: SyntaxTrees) -> None:
        super().__init__(trees.entries[0] if trees.entries else "dao-sim")
        self.trees = trees

    def compile(self, crytic_compile: CryticCompile, **_kwargs: Any) -> None:
        unit = CompilationUnit(crytic_compile, "dao-sim")
        unit.compiler_version = CompilerVersion(
            compiler="solc", version=self.trees.compiler_version, optimized=False)
        for name, ast in self.trees.asts.items():
            source = self.trees.sources[name]
            absolute = source.path.as_posix()
            filename = Filename(absolute=absolute, used=name,
                                relative=os.path.relpath(absolute), short=name)
            unit.create_source_unit(filename).ast = ast
            crytic_compile.src_content[absolute] = source.content

    def clean(self, **_kwargs: str) -> None:
        """Nothing to clean: no build directory is written."""

    @staticmethod
    def is_supported(target: str, **_kwargs: str) -> bool:
        return False

    def is_dependency(self, path: str) -> bool:
        return "/node_modules/" in path

    def _guessed_tests(self) -> list[str]:
        return []


class SourceModel:
    """Slither's model of the sources, and which of its contracts were asked about.

    Parameters
    ----------
    trees : SyntaxTrees
        The parsed sources (:func:`dao_sim.compiler.parse_sources`).
    root : Path, optional
        Findings name files relative to it (the working directory by default).

    Raises
    ------
    ComplianceError
        Slither could not build its model of the sources.
    """

    def __init__(self, trees: SyntaxTrees, root: Path | None = None) -> None:
        self.trees = trees
        self.root = root
        self.targets = frozenset(trees.entries)
        self._access: dict[Contract, Access] = {}
        try:
            self.slither = Slither(CryticCompile(_Parsed(trees)))
        except Exception as exc:  # Slither raises bare Exceptions and its own subclasses
            raise ComplianceError(f"Slither could not analyse "
                                  f"{', '.join(sorted(self.targets))}: {exc}") from exc

    @cached_property
    def contracts(self) -> tuple[Contract, ...]:
        """Contracts declared in the files asked about, not interfaces or libraries, and not
        inherited by another of them (their functions are analysed in the contract that
        inherits them)."""
        chosen = [c for c in self.slither.contracts_derived
                  if self.in_targets(c) and not c.is_interface and not c.is_library]
        return tuple(sorted(chosen, key=lambda c: (self.unit_of(c), c.source_mapping.start)))

    def access(self, contract: Contract) -> Access:
        """The (cached) access analysis of one contract."""
        if contract not in self._access:
            self._access[contract] = Access(contract)
        return self._access[contract]

    def all_contracts(self) -> Iterator[Contract]:
        """Every contract Slither knows, imports included."""
        yield from self.slither.contracts

    @staticmethod
    def unit_of(item: Any) -> str:
        """The source unit name an object of the model is declared in."""
        return str(item.source_mapping.filename.used)

    def in_targets(self, item: Any) -> bool:
        """Whether ``item`` is declared in one of the files asked about."""
        return self.unit_of(item) in self.targets

    def line_of(self, item: Any) -> int:
        """First line of an object of the model (a contract, function, node or variable)."""
        lines = item.source_mapping.lines
        return int(lines[0]) if lines else 0

    def location(self, contract: Contract, item: Any = None, function: str = "") -> Location:
        """Where a finding about ``item`` in ``contract`` points.

        An item declared in an imported file (a function inherited from OpenZeppelin's
        ``Ownable``) is located at the contract that inherits it, in the file asked about.
        """
        where = item if item is not None and self.in_targets(item) else contract
        source = self.trees.sources[self.unit_of(where)]
        return Location(file=display_path(source.path, self.root), line=self.line_of(where),
                        contract=contract.name, function=function)
