"""Static checks of Solidity sources and deployed bytecode against the law catalogue.

:func:`check_sources` parses the files with the project's compiler, builds Slither's model
of them (:func:`analyse`), runs every source rule of the registry, then compiles them as
dao-sim deploys them and runs the bytecode rules on each contract's runtime code. :func:`check_bytecode` runs the
bytecode rules on code alone (read from a chain, say). Findings cite the edition chosen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.rule import Rule, Target
from dao_sim.exceptions import ComplianceError
from dao_sim.law import Edition
from dao_sim.law import edition as find_edition

if TYPE_CHECKING:
    from dao_sim.compiler import ArtifactSet
    from dao_sim.compliance.project import SourceModel

__all__ = ["Analysis", "analyse", "check_bytecode", "check_sources", "has_errors",
           "solidity_files"]

Progress = Callable[[str], None]

_SLITHER_HINT = ("Slither is not installed next to dao-sim: run `make setup`, or "
                 "`pip install --no-deps slither-analyzer==0.11.6` in dao-sim's environment")


def solidity_files(paths: Iterable[Path | str]) -> list[Path]:
    """The ``.sol`` files named, and those under the folders named (``node_modules`` skipped).

    Raises
    ------
    ComplianceError
        A path that does not exist, a file that is not ``.sol``, or a folder with none.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*.sol") if "node_modules" not in p.parts)
            if not inside:
                raise ComplianceError(f"{given}: no Solidity files (*.sol) in this folder")
            found.extend(inside)
        elif path.is_file():
            if path.suffix != ".sol":
                raise ComplianceError(f"{given}: not a Solidity file (expected a .sol file)")
            found.append(path)
        else:
            raise ComplianceError(f"{given}: no such file or folder")
    if not found:
        raise ComplianceError("nothing to check: name .sol files or folders")
    unique: dict[Path, Path] = {p.resolve(): p for p in found}
    return list(unique)


def _import_roots(files: Sequence[Path]) -> tuple[Path, ...]:
    """Where imports are looked for: the working directory when it holds every file (as a
    Hardhat or Foundry project names its sources), else the folder that holds them all;
    then its ``node_modules`` and dao-sim's own (for ``@openzeppelin/contracts``)."""
    from dao_sim.compiler.sources import default_import_roots

    resolved = [f.resolve() for f in files]
    cwd = Path.cwd().resolve()
    if all(f.is_relative_to(cwd) for f in resolved):
        return default_import_roots(cwd)
    return default_import_roots(Path(os.path.commonpath([f.parent for f in resolved])))


def _rules(target: Target, which: Edition) -> list[Rule]:
    from dao_sim.compliance.registry import rules_for

    return [rule(which) for rule in rules_for(target)]


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    from dao_sim.compliance.registry import RULES

    order = {rule.ID: i for i, rule in enumerate(RULES)}
    unique = dict.fromkeys(findings)
    return sorted(unique, key=lambda f: (f.location.file, f.location.line,
                                         order.get(f.rule, len(order)), f.message))


class Analysis:
    """Sources parsed and modelled once; their findings under any edition.

    Built by :func:`analyse`. Parsing and Slither's model are the slow part of a check; the
    rules themselves are quick, so a comparison of the two editions costs one analysis.

    Attributes
    ----------
    files : list of Path
        The ``.sol`` files asked about.
    model : SourceModel
        Slither's model of them and of what they import.
    """

    def __init__(self, files: list[Path], roots: tuple[Path, ...], model: SourceModel) -> None:
        self.files = files
        self.roots = roots
        self.model = model
        self._artifacts: ArtifactSet | None = None

    def findings(self, edition: str | Edition | None = None, *, bytecode: bool = True,
                 progress: Progress | None = None) -> list[Finding]:
        """Every registered rule's findings, citing ``edition`` (the law in force by default).

        With ``bytecode``, the files are also compiled as dao-sim deploys them (once; the
        artifact cache makes later runs free) and each contract's runtime code is checked.
        """
        which = find_edition(edition)
        say = progress or (lambda _line: None)
        findings: list[Finding] = []
        for rule in _rules(Target.SOURCE, which):
            say(f"Rule {rule.ID}")
            findings.extend(rule.check(self.model))  # type: ignore[attr-defined]
        if bytecode:
            if self._artifacts is None:
                from dao_sim.compiler import compile_sources
                from dao_sim.exceptions import CompilationFailed

                say("Compiling as deployed, for the bytecode rules")
                try:
                    self._artifacts = compile_sources(self.files, import_roots=self.roots)
                except CompilationFailed as exc:
                    raise ComplianceError(
                        f"the sources parse, but compiling them as dao-sim deploys them failed "
                        f"({exc}); check the sources alone with --no-bytecode (bytecode=False)"
                    ) from None
            findings.extend(_check_built(self.model, self._artifacts, which))
        return _ordered(findings)


def analyse(paths: Iterable[Path | str], *, root: Path | None = None,
            progress: Progress | None = None) -> Analysis:
    """Parse Solidity sources with the project's compiler and build Slither's model of them.

    Parameters
    ----------
    paths : iterable of Path
        ``.sol`` files, or folders searched for them. Their imports (``./IDAO.sol``,
        ``@openzeppelin/contracts/...``) are read too, but only contracts declared in the
        files named are reported on.
    root : Path, optional
        Findings name files relative to it (the working directory by default).
    progress : callable, optional
        Called with a short line before each step.

    Returns
    -------
    Analysis
        Ask it for :meth:`Analysis.findings` under an edition.

    Raises
    ------
    ComplianceError
        A path is missing or not Solidity, or Slither is not installed or failed.
    CompilationFailed
        A file does not compile (the message gives ``file:line``).
    """
    from dao_sim.compiler import parse_sources

    say = progress or (lambda _line: None)
    files = solidity_files(paths)
    roots = _import_roots(files)
    say(f"Parsing {len(files)} Solidity file(s) with solc")
    trees = parse_sources(files, import_roots=roots)
    try:
        from dao_sim.compliance.project import SourceModel
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("slither", "crytic_compile", "solc_select"):
            raise ComplianceError(_SLITHER_HINT) from exc
        raise
    say("Building Slither's model of the contracts")
    return Analysis(files, roots, SourceModel(trees, root))


def check_sources(paths: Iterable[Path | str], *, edition: str | Edition | None = None,
                  bytecode: bool = True, root: Path | None = None,
                  progress: Progress | None = None) -> list[Finding]:
    """Check Solidity sources with every registered rule.

    Parameters
    ----------
    paths : iterable of Path
        ``.sol`` files, or folders searched for them. Their imports (``./IDAO.sol``,
        ``@openzeppelin/contracts/...``) are read too, but only contracts declared in the
        files named are reported on.
    edition : str or Edition, optional
        ``"code-2026"`` (the law in force, the default) or ``"draft-2025"``: which text the
        findings cite.
    bytecode : bool
        Also compile the files as dao-sim deploys them and check each contract's runtime code
        (a cold compile of a large contract through solc-js takes seconds; the artifact cache
        makes later runs free).
    root : Path, optional
        Findings name files relative to it (the working directory by default).
    progress : callable, optional
        Called with a short line before each step (parsing, analysing, each rule).

    Returns
    -------
    list of Finding
        Ordered by file, line and rule.

    Raises
    ------
    ComplianceError
        A path is missing or not Solidity, Slither is not installed or failed.
    CompilationFailed
        A file does not compile (the message gives ``file:line``).
    LawError
        An unknown edition.

    Examples
    --------
    >>> findings = check_sources(["contracts/"], edition="draft-2025")  # doctest: +SKIP
    >>> has_errors(findings)  # doctest: +SKIP
    False
    """
    which = find_edition(edition)  # an unknown edition fails before anything is parsed
    return analyse(paths, root=root, progress=progress).findings(
        which, bytecode=bytecode, progress=progress)


def _check_built(model: SourceModel, artifacts: ArtifactSet, which: Edition) -> list[Finding]:
    from dao_sim.compliance.bytecode import runtime_code
    from dao_sim.compliance.project import display_path

    index = {unit: i for i, unit in enumerate(sorted(artifacts.source_hashes))}
    declared = {(model.unit_of(c), c.name): model.line_of(c) for c in model.all_contracts()}
    rules = _rules(Target.BYTECODE, which)
    findings: list[Finding] = []
    for name in artifacts:
        artifact = artifacts[name]
        if artifact.source not in model.targets or len(artifact.deployed_bytecode) <= 2:
            continue
        source = model.trees.sources[artifact.source]
        code = runtime_code(artifact.deployed_bytecode, name=artifact.name,
                            file=display_path(source.path, model.root),
                            line=declared.get((artifact.source, artifact.name), 0),
                            source_map=artifact.deployed_source_map,
                            file_index=index.get(artifact.source), line_at=source.line_at)
        for rule in rules:
            findings.extend(rule.check(code))  # type: ignore[attr-defined]
    return findings


def check_bytecode(code: bytes | str, *, edition: str | Edition | None = None,
                   name: str = "") -> list[Finding]:
    """Check runtime code alone (``eth_getCode``'s answer) with the bytecode rules.

    Parameters
    ----------
    code : bytes or str
        Runtime code, as bytes or hex (with or without ``0x``).
    edition : str or Edition, optional
        Which text the findings cite (the law in force by default).
    name : str, optional
        The contract's name, for the findings' messages.

    Returns
    -------
    list of Finding
        One per DELEGATECALL or SELFDESTRUCT instruction.

    Raises
    ------
    ComplianceError
        The code is not hex.

    Examples
    --------
    >>> [f.rule for f in check_bytecode("0x33ff")]
    ['bytecode-selfdestruct']
    >>> check_bytecode("0x7fff" + "00" * 31)  # 0xff is push data here, not an instruction
    []
    """
    from dao_sim.compliance.bytecode import runtime_code

    runtime = runtime_code(code, name=name)
    findings: list[Finding] = []
    for rule in _rules(Target.BYTECODE, find_edition(edition)):
        findings.extend(rule.check(runtime))  # type: ignore[attr-defined]
    return _ordered(findings)


def has_errors(findings: Sequence[Finding]) -> bool:
    """Whether any finding is an error (``dao-sim check`` then exits with status 1)."""
    return any(f.severity is Severity.ERROR for f in findings)
