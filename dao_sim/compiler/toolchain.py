"""Which Solidity compiler runs: an explicit one, a native ``solc`` of the pinned version, or solc-js.

Resolution happens only when the artifact cache misses, so a cached build never starts a
process. Every candidate must report exactly :data:`SOLC_VERSION`: the cache key trusts the
pinned version, and an artifact built by another compiler would be filed under the wrong key.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

from dao_sim.compiler.settings import SOLC_VERSION
from dao_sim.compiler.sources import toolchain_root
from dao_sim.exceptions import CompilerError

__all__ = ["SHIM_PATH", "Solc", "resolve_solc", "solc_version_of"]

logger = logging.getLogger("dao_sim.compiler")

#: The executable that makes solc-js look like a native ``solc`` to py-solc-x.
SHIM_PATH = Path(__file__).resolve().with_name("solc_shim.js")

_SETUP_HINT = (
    f"run `make setup` (or `npm ci` in the dao-sim checkout) to install solc-js {SOLC_VERSION}, "
    f"or put a native solc {SOLC_VERSION} on PATH, or set DAO_SIM_SOLC to one"
)


@dataclass(frozen=True)
class Solc:
    """A compiler executable that py-solc-x can drive.

    Attributes
    ----------
    path : Path
        What py-solc-x runs (a native binary or :data:`SHIM_PATH`).
    kind : str
        ``"DAO_SIM_SOLC"``, ``"native"`` or ``"solc-js"``: how it was found, for the log.
    version : str
        The version it reported (or, for solc-js, the one its package declares).
    """

    path: Path
    kind: str
    version: str

    @property
    def name(self) -> str:
        """Which compiler, for people: ``solc-js 0.8.37``, ``native solc 0.8.37``."""
        label = {"solc-js": "solc-js", "native": "native solc"}.get(self.kind, "solc")
        return f"{label} {self.version}"

    def describe(self) -> str:
        """One phrase for the log: ``native solc 0.8.37 (/usr/bin/solc)``."""
        return f"{self.name} ({self.path})"


def solc_version_of(path: Path) -> str | None:
    """The version an executable reports to ``--version``, or ``None`` if it is not a solc."""
    from solcx.exceptions import SolcError
    from solcx.wrapper import get_solc_version

    try:
        return str(get_solc_version(path))
    except (OSError, SolcError, ValueError, subprocess.SubprocessError) as exc:
        logger.info("ignoring %s: it did not answer --version like solc (%s)", path, exc)
        return None


def _explicit() -> Solc | None:
    value = os.environ.get("DAO_SIM_SOLC")
    if not value:
        return None
    path = Path(value).expanduser()
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise CompilerError(f"DAO_SIM_SOLC={value} is not an executable file; {_SETUP_HINT}")
    version = solc_version_of(path)
    if version != SOLC_VERSION:
        raise CompilerError(
            f"DAO_SIM_SOLC={value} reports version {version or 'none'}, but dao-sim pins "
            f"solc {SOLC_VERSION}; point it at solc {SOLC_VERSION} or unset it"
        )
    return Solc(path, "DAO_SIM_SOLC", version)


def _native_candidates() -> list[Path]:
    from packaging.version import Version
    from solcx.exceptions import SolcNotInstalled
    from solcx.install import get_executable, get_installed_solc_versions

    candidates = []
    on_path = shutil.which("solc")
    if on_path:
        candidates.append(Path(on_path))
    try:
        if Version(SOLC_VERSION) in get_installed_solc_versions():
            candidates.append(Path(get_executable(SOLC_VERSION)))
    except (OSError, ValueError, SolcNotInstalled) as exc:  # an unusable ~/.solcx: go on
        logger.info("py-solc-x's install folder was not usable: %s", exc)
    return candidates


def _native() -> Solc | None:
    for candidate in _native_candidates():
        version = solc_version_of(candidate)
        if version == SOLC_VERSION:
            return Solc(candidate, "native", version)
        if version is not None:
            logger.info("ignoring solc %s at %s: dao-sim pins %s", version, candidate, SOLC_VERSION)
    return None


def _solc_js() -> Solc | None:
    root = toolchain_root()
    if root is None:
        logger.info("no dao-sim checkout found for solc-js (package installed outside one)")
        return None
    package = root / "node_modules" / "solc" / "package.json"
    try:
        version = json.loads(package.read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        logger.info("solc-js is not installed at %s", package.parent)
        return None
    if version != SOLC_VERSION:
        logger.info("ignoring solc-js %s at %s: dao-sim pins %s", version, package.parent,
                    SOLC_VERSION)
        return None
    if shutil.which("node") is None:
        logger.info("solc-js is installed but `node` is not on PATH")
        return None
    if not os.access(SHIM_PATH, os.X_OK):  # a copy that lost its mode bits
        try:
            SHIM_PATH.chmod(SHIM_PATH.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError as exc:
            logger.info("the solc-js shim %s is not executable: %s", SHIM_PATH, exc)
            return None
    return Solc(SHIM_PATH, "solc-js", version)


def resolve_solc() -> Solc:
    """Find the compiler to run, in dao-sim's order of preference.

    1. ``DAO_SIM_SOLC``, an explicit path (an error if it is not solc of the pinned version);
    2. a native ``solc`` of the pinned version on ``PATH`` or in py-solc-x's install folder
       (native is several times faster than solc-js);
    3. solc-js from the dao-sim checkout's ``node_modules``, behind :data:`SHIM_PATH`.

    Returns
    -------
    Solc
        The compiler to hand to ``solcx.compile_standard``.

    Raises
    ------
    CompilerError
        ``DAO_SIM_SOLC`` is wrong, or no compiler of the pinned version is available; the
        message says how to install one.
    """
    found = _explicit() or _native() or _solc_js()
    if found is None:
        raise CompilerError(f"no Solidity compiler {SOLC_VERSION} found: {_SETUP_HINT}")
    return found
