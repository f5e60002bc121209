"""Solidity -> artifacts, through py-solc-x's standard-JSON interface, with an artifact cache.

One compiler version (:data:`SOLC_VERSION`) and one set of settings (:mod:`.settings`) for every
contract, so a deployed bytecode can be checked against the published source (consent-to-change). The
compiler is a native ``solc`` of that version when one is installed, else solc-js from the
project's ``node_modules`` behind a small shim; a build whose sources and settings are unchanged
is read from the cache without starting either.

Modules: :mod:`.settings` (what the compiler is told), :mod:`.sources` (which files, imports
followed), :mod:`.toolchain` (which compiler), :mod:`.cache`, :mod:`.artifacts` (the results),
:mod:`.build` (the two entry points), :mod:`.syntax` (ASTs for static analysis, no code).
"""

from dao_sim.compiler.artifacts import Artifact, ArtifactSet, Diagnostic
from dao_sim.compiler.build import (
    CompileJob,
    compile_input,
    compile_project,
    compile_sources,
    compiles_observed,
    project_root,
)
from dao_sim.compiler.cache import cache_key, default_cache_dir
from dao_sim.compiler.settings import (
    EVM_VERSION,
    OPTIMIZER_RUNS,
    SOLC_VERSION,
    VIA_IR,
    compiler_settings,
)
from dao_sim.compiler.sources import SourceFile, collect_sources
from dao_sim.compiler.syntax import SyntaxTrees, parse_sources
from dao_sim.compiler.toolchain import SHIM_PATH, Solc, resolve_solc

__all__ = [
    "EVM_VERSION",
    "OPTIMIZER_RUNS",
    "SHIM_PATH",
    "SOLC_VERSION",
    "VIA_IR",
    "Artifact",
    "ArtifactSet",
    "CompileJob",
    "Diagnostic",
    "Solc",
    "SourceFile",
    "SyntaxTrees",
    "cache_key",
    "collect_sources",
    "compile_input",
    "compile_project",
    "compile_sources",
    "compiler_settings",
    "compiles_observed",
    "default_cache_dir",
    "parse_sources",
    "project_root",
    "resolve_solc",
]
