"""Compiling a set of Solidity sources into an :class:`ArtifactSet`, through the cache.

A compile that really starts (the cache missed) is announced to whoever watches
(:func:`compiles_observed`) as a :class:`CompileJob`: which files, which compiler. It is one
standard-JSON run of the compiler over all of them, which reports nothing until it is done:
a watcher can show the files and the time spent, not which contract is being compiled.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dao_sim.compiler.artifacts import ArtifactSet, Diagnostic, artifacts_from_output
from dao_sim.compiler.cache import ArtifactCache, cache_key, default_cache_dir
from dao_sim.compiler.settings import compiler_settings
from dao_sim.compiler.sources import (
    SourceFile,
    collect_sources,
    default_import_roots,
    resolve_unit,
    toolchain_root,
)
from dao_sim.compiler.toolchain import Solc, resolve_solc
from dao_sim.exceptions import CompilationFailed, CompilerError

__all__ = ["CompileJob", "compile_input", "compile_project", "compile_sources", "compiles_observed",
           "project_root"]

logger = logging.getLogger("dao_sim.compiler")


@dataclass(frozen=True)
class CompileJob:
    """A compiler run about to start: the source units it compiles, and which compiler.

    Attributes
    ----------
    units : tuple of str
        Every source unit handed to the compiler (``contracts/governance/DAO.sol``, and the
        library files they import, ``@openzeppelin/...``).
    compiler : str
        ``solc-js 0.8.37`` or ``native solc 0.8.37``.
    rebuild : bool
        Whether it rebuilds sources held in memory from a record (a publication), rather
        than files on disk.
    """

    units: tuple[str, ...]
    compiler: str
    rebuild: bool = False

    @property
    def own(self) -> tuple[str, ...]:
        """The units that are not library imports (``@scope/...`` or ``node_modules``)."""
        return tuple(u for u in self.units if not _is_library(u))

    @property
    def libraries(self) -> tuple[str, ...]:
        """The library units the others import."""
        return tuple(u for u in self.units if _is_library(u))


def _is_library(unit: str) -> bool:
    return unit.startswith("@") or "node_modules/" in unit


#: Watchers of compiles that start: each is entered around the compiler's run.
_OBSERVERS: list[Callable[[CompileJob], AbstractContextManager[Any]]] = []


@contextmanager
def compiles_observed(observer: Callable[[CompileJob], AbstractContextManager[Any]]) -> Iterator[None]:
    """While active, ``observer(job)`` is entered around every compiler run that starts.

    A build read from the cache starts no compiler and is not announced. The observer's
    context manager is entered just before the compiler starts and exited when it has
    finished (or failed), so it can show a spinner with the time spent.
    """
    _OBSERVERS.append(observer)
    try:
        yield
    finally:
        _OBSERVERS.remove(observer)


def project_root(root: Path | str | None = None) -> Path:
    """The project whose ``contracts/`` folder is compiled.

    ``None`` means dao-sim's own checkout (the package is installed editable from it), else the
    current directory if it has a ``contracts/`` folder.

    Raises
    ------
    CompilerError
        No project could be found.
    """
    if root is not None:
        return Path(root).resolve()
    found = toolchain_root()
    if found is not None:
        return found
    if (Path.cwd() / "contracts").is_dir():
        return Path.cwd()
    raise CompilerError("no dao-sim project found: pass root= (a folder with contracts/)")


def compile_project(root: Path | str | None = None, *,
                    sources: Sequence[Path | str] | None = None,
                    cache_dir: Path | None = None, use_cache: bool = True) -> ArtifactSet:
    """Compile every ``.sol`` file under ``<root>/contracts/`` in one compiler run.

    Parameters
    ----------
    root : Path, optional
        The project folder; by default dao-sim's own checkout (see :func:`project_root`).
    sources : sequence of Path, optional
        Compile these files (relative to ``root`` or absolute) instead of all of ``contracts/``.
    cache_dir : Path, optional
        Artifact cache folder; by default ``<root>/.dao-sim-cache/artifacts`` or
        ``$DAO_SIM_CACHE_DIR/artifacts``.
    use_cache : bool
        ``False`` compiles even if a cached build exists, and stores nothing.

    Returns
    -------
    ArtifactSet
        Source unit names are paths relative to ``root`` (``contracts/governance/DAO.sol``).

    Raises
    ------
    CompilationFailed
        The compiler rejected a source; the message lists ``file:line: message`` per error.
    CompilerError
        No sources, or no compiler of the pinned version (the message says how to get one).

    Examples
    --------
    >>> artifacts = compile_project()  # doctest: +SKIP
    >>> artifacts["HumanArbitrator"].evm_version  # doctest: +SKIP
    'prague'
    """
    base = project_root(root)
    if sources is not None:
        entries = [p if p.is_absolute() else base / p for p in map(Path, sources)]
    else:
        entries = sorted((base / "contracts").rglob("*.sol"))
    if not entries:
        raise CompilerError(f"no Solidity sources (*.sol) under {base / 'contracts'}")
    return _build(entries, default_import_roots(base), cache_dir or default_cache_dir(base),
                  use_cache)


def compile_sources(paths: Iterable[Path | str], *,
                    import_roots: Sequence[Path | str] | None = None,
                    cache_dir: Path | None = None, use_cache: bool = True) -> ArtifactSet:
    """Compile arbitrary Solidity files (a user's own contracts, a test's fixture).

    Parameters
    ----------
    paths : iterable of Path
        The files to compile; their imports are found in the import roots.
    import_roots : sequence of Path, optional
        Folders searched for imports, in order, as solc's base path and include paths. By
        default: the folder holding all ``paths``, its ``node_modules``, then dao-sim's checkout
        and its ``node_modules`` (so ``@openzeppelin/contracts/...`` resolves).
    cache_dir : Path, optional
        Artifact cache folder; by default ``$DAO_SIM_CACHE_DIR/artifacts`` or dao-sim's own
        ``.dao-sim-cache/artifacts``.
    use_cache : bool
        ``False`` compiles even if a cached build exists, and stores nothing.

    Returns
    -------
    ArtifactSet
        Source unit names are paths relative to the first import root holding the file.

    Raises
    ------
    CompilationFailed
        The compiler rejected a source.
    CompilerError
        No file given, a file missing, or no compiler of the pinned version.
    """
    entries = [Path(p).resolve() for p in paths]
    if not entries:
        raise CompilerError("compile_sources needs at least one .sol file")
    if import_roots is None:
        roots = default_import_roots(Path(os.path.commonpath([p.parent for p in entries])))
    else:
        roots = tuple(Path(r).resolve() for r in import_roots)
    if not roots:
        raise CompilerError("compile_sources needs at least one import root")
    return _build(entries, roots, cache_dir or default_cache_dir(toolchain_root()), use_cache)


def compile_input(sources: Mapping[str, str], settings: Mapping[str, Any], *,
                  cache_dir: Path | None = None, use_cache: bool = True) -> ArtifactSet:
    """Compile sources held in memory, with the settings given: a build reproduced from a record.

    Nothing is read from disk: every import must be one of ``sources`` (the compiler's base
    path is an empty folder), so a build that compiles here is fully described by its input.
    This is how a published DAO is rebuilt from the sources and settings it published.

    Parameters
    ----------
    sources : mapping
        Source unit name (``contracts/governance/DAO.sol``) -> its text.
    settings : mapping
        The standard-JSON ``settings``; the outputs dao-sim reads (``outputSelection``) are
        added, which changes no byte of the code.
    cache_dir : Path, optional
        Artifact cache folder; by default dao-sim's own (see :func:`default_cache_dir`).
    use_cache : bool
        ``False`` compiles even if a cached build exists, and stores nothing.

    Returns
    -------
    ArtifactSet

    Raises
    ------
    CompilationFailed
        The compiler rejected a source (an import missing from ``sources`` among others).
    CompilerError
        No sources, or no compiler of the pinned version.
    """
    if not sources:
        raise CompilerError("compile_input needs at least one source")
    files = {unit: SourceFile(unit, Path(unit), text) for unit, text in sorted(sources.items())}
    wanted = {**json.loads(json.dumps(dict(settings))), "outputSelection": compiler_settings()["outputSelection"]}
    with tempfile.TemporaryDirectory(prefix="dao-sim-input-") as empty:
        return _compile(files, wanted, (Path(empty),), cache_dir or default_cache_dir(toolchain_root()),
                        use_cache, rebuild=True)


def _build(entries: Sequence[Path], roots: Sequence[Path], cache_dir: Path,
           use_cache: bool) -> ArtifactSet:
    return _compile(collect_sources(entries, roots), compiler_settings(), roots, cache_dir, use_cache)


def _compile(sources: Mapping[str, SourceFile], settings: dict[str, Any], roots: Sequence[Path],
             cache_dir: Path, use_cache: bool, *, rebuild: bool = False) -> ArtifactSet:
    key = cache_key(sources, settings)
    cache = ArtifactCache(cache_dir)
    if use_cache:
        cached = cache.load(key, roots)
        if cached is not None:
            logger.info("artifact cache hit (key %s…): compiler not started", key[:8])
            return cached
    solc = resolve_solc()
    job = CompileJob(tuple(sources), solc.name, rebuild)
    started = time.perf_counter()
    with ExitStack() as watched:
        for observer in tuple(_OBSERVERS):
            watched.enter_context(observer(job))
        output = _run(solc, sources, settings, roots)
    elapsed = time.perf_counter() - started
    extra = _extra_sources(output, sources, roots)
    warnings = [_diagnostic(e, sources, roots) for e in output.get("errors", ())
                if e.get("severity") != "error"]
    artifacts = ArtifactSet(
        artifacts_from_output(output),
        source_hashes={**{u: s.sha256 for u, s in sources.items()}, **extra},
        cache_key=key,
        settings=settings,
        warnings=warnings,
    )
    logger.info("compiled %d sources with %s in %.2f s (cache key %s…)", len(sources) + len(extra),
                solc.describe(), elapsed, key[:8])
    for warning in warnings:
        logger.info("solc: %s", warning)
    if use_cache:
        cache.store(artifacts, extra)
    return artifacts


def _run(solc: Solc, sources: Mapping[str, SourceFile], settings: Mapping[str, Any],
         roots: Sequence[Path]) -> dict[str, Any]:
    """One standard-JSON compile; compiler errors become :class:`CompilationFailed`."""
    import solcx
    from solcx.exceptions import SolcError

    job = {
        "language": "Solidity",
        "sources": {unit: {"content": source.content} for unit, source in sources.items()},
        "settings": settings,
    }
    try:
        output: dict[str, Any] = solcx.compile_standard(
            job, solc_binary=solc.path, base_path=roots[0], allow_paths=list(roots)
        )
    except SolcError as exc:
        if exc.error_dict:
            raise CompilationFailed(
                _diagnostic(e, sources, roots) for e in exc.error_dict if e.get("severity") == "error"
            ) from None
        detail = (exc.stderr_data or exc.stdout_data or exc.message or "").strip()[:2000]
        raise CompilerError(f"{solc.describe()} failed (exit code {exc.return_code}): {detail}") \
            from exc
    except (OSError, ValueError) as exc:  # not executable; output that is not JSON
        raise CompilerError(f"{solc.describe()} could not be run: {exc}") from exc
    return output


def _extra_sources(output: Mapping[str, Any], sources: Mapping[str, SourceFile],
                   roots: Sequence[Path]) -> dict[str, str]:
    """Hashes of sources the compiler loaded through its import callback rather than from us."""
    extra = {}
    for unit in output.get("sources", {}):
        if unit not in sources:
            found = resolve_unit(unit, roots)
            if found is not None:
                extra[unit] = hashlib.sha256(found.read_bytes()).hexdigest()
                logger.info("the compiler imported %s by itself; tracking its hash", unit)
    return extra


def _diagnostic(entry: Mapping[str, Any], sources: Mapping[str, SourceFile],
                roots: Sequence[Path]) -> Diagnostic:
    """solc's error object as a :class:`Diagnostic` with a line number from the byte offset."""
    location = entry.get("sourceLocation") or {}
    unit = location.get("file") or None
    start = location.get("start", -1)
    line = None
    if unit is not None and isinstance(start, int) and start >= 0:
        source = sources.get(unit)
        if source is None and (found := resolve_unit(unit, roots)) is not None:
            source = SourceFile(unit, found, found.read_bytes().decode("utf-8", "replace"))
        if source is not None:
            line = source.line_at(start)
    return Diagnostic(
        severity=str(entry.get("severity", "error")),
        kind=str(entry.get("type", "Error")),
        message=str(entry.get("message", json.dumps(entry))),
        source=unit,
        line=line,
    )
