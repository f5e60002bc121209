"""The artifact cache: a build whose inputs are unchanged is read back, with no compiler started.

The key is a SHA-256 over every source unit name with the hash of its content, the full
standard-JSON settings and the pinned compiler version: exactly what determines the compiler's
output. One JSON file per key, written to a temporary file and renamed into place, so a reader
never sees half a file and concurrent writers of the same key do no harm. A damaged file is
treated as a miss and rewritten by the build that follows.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from dao_sim.compiler.artifacts import ArtifactSet
from dao_sim.compiler.settings import SOLC_VERSION
from dao_sim.compiler.sources import SourceFile, resolve_unit
from dao_sim.exceptions import CompilerError

__all__ = ["CACHE_FORMAT", "ArtifactCache", "cache_key", "default_cache_dir"]

logger = logging.getLogger("dao_sim.compiler")

#: Bumped when the file layout changes, so old files are simply never found again.
CACHE_FORMAT = 1


def cache_key(sources: Mapping[str, SourceFile], settings: Mapping[str, Any],
              solc_version: str = SOLC_VERSION) -> str:
    """SHA-256 (hex) over the sources (names and content hashes), settings and compiler version.

    Examples
    --------
    >>> from pathlib import Path
    >>> one = {"A.sol": SourceFile("A.sol", Path("A.sol"), "contract A {}")}
    >>> cache_key(one, {"evmVersion": "prague"}) == cache_key(one, {"evmVersion": "prague"})
    True
    >>> cache_key(one, {"evmVersion": "prague"}) == cache_key(one, {"evmVersion": "cancun"})
    False
    """
    material = {
        "format": CACHE_FORMAT,
        "solc": solc_version,
        "settings": settings,
        "sources": {unit: source.sha256 for unit, source in sorted(sources.items())},
    }
    canonical = json.dumps(material, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def default_cache_dir(project: Path | None) -> Path:
    """Where artifacts are cached: ``$DAO_SIM_CACHE_DIR/artifacts`` if the variable is set,
    else ``<project>/.dao-sim-cache/artifacts``, else ``~/.cache/dao-sim/artifacts``.

    The variable names the whole dao-sim cache, of which artifacts are one part.
    """
    override = os.environ.get("DAO_SIM_CACHE_DIR")
    if override:
        return Path(override).expanduser() / "artifacts"
    if project is not None:
        return project / ".dao-sim-cache" / "artifacts"
    return Path.home() / ".cache" / "dao-sim" / "artifacts"


class ArtifactCache:
    """A directory of cached builds, one file per cache key.

    Parameters
    ----------
    directory : Path
        Created on the first store.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, key: str) -> Path:
        """The file that holds (or will hold) the build with this key."""
        return self.directory / f"{key}.json"

    def load(self, key: str, roots: Sequence[Path]) -> ArtifactSet | None:
        """The cached build for ``key``, or ``None`` on a miss or a damaged file.

        Sources the compiler fetched by itself (imports dao-sim's reader did not see) are not in
        the key; they are re-hashed here, and a changed one makes this a miss.
        """
        path = self.path_for(key)
        try:
            entry = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            logger.warning("ignoring damaged artifact cache file %s: %s", path, exc)
            return None
        try:
            if entry["format"] != CACHE_FORMAT or entry["key"] != key:
                raise CompilerError(f"file holds key {entry['key']!r}, format {entry['format']}")
            extra: dict[str, str] = entry["extra_sources"]
            artifacts = ArtifactSet.from_dict(entry["set"], from_cache=True)
        except (CompilerError, KeyError, TypeError) as exc:
            logger.warning("ignoring damaged artifact cache file %s: %s", path, exc)
            return None
        for unit, digest in extra.items():
            found = resolve_unit(unit, roots)
            current = hashlib.sha256(found.read_bytes()).hexdigest() if found else None
            if current != digest:
                logger.info("artifact cache entry %s… is stale: %s changed", key[:8], unit)
                return None
        return artifacts

    def store(self, artifacts: ArtifactSet, extra_sources: Mapping[str, str]) -> None:
        """Write a build under its cache key, atomically; a failure to write is only logged.

        Parameters
        ----------
        artifacts : ArtifactSet
            The build; its ``cache_key`` names the file.
        extra_sources : mapping
            Unit name -> SHA-256 of sources the compiler read itself (see :meth:`load`).
        """
        key = artifacts.cache_key
        entry = {"format": CACHE_FORMAT, "key": key, "extra_sources": dict(extra_sources),
                 "set": artifacts.to_dict()}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=f".{key[:16]}-", suffix=".tmp")
            try:
                os.fchmod(fd, 0o644)  # mkstemp's 0600 would hide the cache from other users
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(entry, handle, separators=(",", ":"))
                os.replace(tmp, self.path_for(key))
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError as exc:
            logger.warning("could not write the artifact cache in %s: %s", self.directory, exc)
