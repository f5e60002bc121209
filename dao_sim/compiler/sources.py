"""Finding the Solidity sources of a build, including everything they import.

dao-sim reads every source itself, follows its imports with solc's own resolution rules and
hands the compiler a self-contained standard-JSON input. Two things follow: the artifact cache
key covers every byte that reaches the compiler (an edit in an imported OpenZeppelin file
invalidates it too) without starting a compiler, and the input alone says what was compiled,
which is what an evidence package needs.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from dao_sim.exceptions import CompilerError

__all__ = [
    "SourceFile",
    "collect_sources",
    "default_import_roots",
    "imported_units",
    "resolve_unit",
    "toolchain_root",
    "unit_name_for",
]

# Comments and string literals are matched as whole tokens so that an `import` inside them is
# never taken for a statement; the first string literal of an import statement is its path.
_TOKENS = re.compile(
    r"""//[^\n]*
      | /\*.*?\*/
      | "(?:\\.|[^"\\\n])*"
      | '(?:\\.|[^'\\\n])*'
      | \bimport\b(?P<body>[^;]*);""",
    re.VERBOSE | re.DOTALL,
)
_STRING = re.compile(r""""((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'""")


@dataclass(frozen=True)
class SourceFile:
    """One source unit: the name the compiler knows it by and the file it was read from."""

    unit: str
    path: Path
    content: str

    @cached_property
    def sha256(self) -> str:
        """SHA-256 of the UTF-8 content, hex; what evidence packages cite as the source hash."""
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()

    def line_at(self, offset: int) -> int:
        """1-based line of a byte offset, as solc counts offsets in UTF-8 bytes, not characters."""
        return self.content.encode("utf-8")[:offset].count(b"\n") + 1


def toolchain_root() -> Path | None:
    """The dao-sim checkout that holds ``package.json`` and ``node_modules``, if there is one.

    The package is installed editable from its repository, so the repository is an ancestor of
    this file; a copy installed elsewhere has no checkout and gets ``None``.
    """
    for parent in Path(__file__).resolve().parents:
        pyproject = parent / "pyproject.toml"
        if (
            (parent / "package.json").is_file()
            and pyproject.is_file()
            and re.search(r'^name\s*=\s*"dao-sim"', pyproject.read_text("utf-8"), re.MULTILINE)
        ):
            return parent
    return None


def default_import_roots(base: Path) -> tuple[Path, ...]:
    """Import roots for sources under ``base``: ``base``, its ``node_modules``, dao-sim's own.

    dao-sim's ``node_modules`` comes last so a user's project can import OpenZeppelin without
    installing it, while its own copy, if any, wins.
    """
    roots = [base.resolve(), base.resolve() / "node_modules"]
    tool = toolchain_root()
    if tool is not None:
        roots += [tool, tool / "node_modules"]
    unique: list[Path] = []
    for root in roots:
        if root.is_dir() and root not in unique:
            unique.append(root)
    return tuple(unique)


def unit_name_for(path: Path, roots: Sequence[Path]) -> str:
    """Source unit name of a file: its path relative to the first root holding it, POSIX style.

    A file outside every root keeps its absolute path, which solc accepts as a unit name.
    """
    path = path.resolve()
    for root in roots:
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    return path.as_posix()


def resolve_unit(unit: str, roots: Sequence[Path]) -> Path | None:
    """The file a source unit name stands for, looked up in the roots in order; never outside."""
    candidates = [Path(unit)] if os.path.isabs(unit) else [root / unit for root in roots]
    for candidate in candidates:
        real = candidate.resolve()
        if real.is_file() and any(real.is_relative_to(root) for root in roots):
            return real
    return None


def _join_relative(importer: str, import_path: str) -> str:
    """solc's rule for ``./`` and ``../`` imports: combine with the importer's unit name."""
    if not import_path.startswith(("./", "../")):
        return import_path
    parts = importer.split("/")[:-1]
    for segment in import_path.split("/"):
        if segment == ".":
            continue
        if segment == "..":
            if parts:
                parts.pop()
        else:
            parts.append(segment)
    return "/".join(parts)


def imported_units(unit: str, content: str) -> list[str]:
    """Unit names that a source imports, in order of appearance.

    Examples
    --------
    >>> imported_units("contracts/a/A.sol", 'import {B} from "./B.sol"; // import "x.sol";')
    ['contracts/a/B.sol']
    >>> imported_units("A.sol", "import '@oz/C.sol' as C;\\nstring s = \\"import 'no';\\";")
    ['@oz/C.sol']
    """
    found = []
    for match in _TOKENS.finditer(content):
        body = match.group("body")
        if body is None:
            continue
        literal = _STRING.search(body)
        if literal is not None:
            path = literal.group(1) if literal.group(1) is not None else literal.group(2)
            found.append(_join_relative(unit, path))
    return found


def collect_sources(entries: Iterable[Path], roots: Sequence[Path]) -> dict[str, SourceFile]:
    """Read the entry files and, transitively, every file they import.

    An import that resolves to no file is left out; the compiler then reports it with its file
    and line, which is a better message than any this function could give.

    Parameters
    ----------
    entries : iterable of Path
        The ``.sol`` files to compile.
    roots : sequence of Path
        Import roots, searched in order, as solc's base path and include paths.

    Returns
    -------
    dict
        Source unit name -> :class:`SourceFile`, sorted by unit name.

    Raises
    ------
    CompilerError
        An entry file does not exist or is not UTF-8.
    """
    found: dict[str, SourceFile] = {}
    pending: list[tuple[str, Path]] = []
    for entry in entries:
        if not entry.is_file():
            raise CompilerError(f"no Solidity source at {entry}")
        pending.append((unit_name_for(entry, roots), entry.resolve()))
    while pending:
        unit, path = pending.pop()
        if unit in found:
            continue
        try:
            content = path.read_bytes().decode("utf-8")  # exact bytes: no newline translation
        except (OSError, UnicodeDecodeError) as exc:
            raise CompilerError(f"cannot read Solidity source {path}: {exc}") from exc
        found[unit] = SourceFile(unit, path, content)
        for imported in imported_units(unit, content):
            if imported not in found:
                target = resolve_unit(imported, roots)
                if target is not None:
                    pending.append((imported, target))
    return dict(sorted(found.items()))
