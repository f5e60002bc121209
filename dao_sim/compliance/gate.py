"""The contracts a deployment will run, checked statically once per build.

Before the orchestrator deploys a DAO it runs the static rules over the DAO's own Solidity
sources (every source of the build outside the test-only mocks). Parsing and Slither's model
take seconds, so the findings are kept beside the artifact cache, keyed by the build's cache
key and by the rules' own source: a later deployment of the same build costs a file read,
and a changed contract or rule is checked afresh.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from dao_sim.compliance.finding import Finding, Location, Severity
from dao_sim.files import write_atomically
from dao_sim.law import Edition, provision

__all__ = ["source_findings"]

_MOCKS = "contracts/mocks/"


@cache
def _rules_digest() -> str:
    """SHA-256 over the compliance package's sources: a changed rule invalidates the cache.
    Read once per process: the sources do not change under a running program."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(here.rglob("*.py")):
        digest.update(path.relative_to(here).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _files(artifacts: Any, root: Path) -> list[Path]:
    units = [u for u in artifacts.source_hashes if u.startswith("contracts/") and not u.startswith(_MOCKS)]
    return [root / u for u in sorted(units) if (root / u).is_file()]


def _load(path: Path, which: Edition) -> list[Finding] | None:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return [Finding(r["rule"], Severity(r["severity"]), provision(r["requirement"], which), r["message"],
                    Location(**r["location"]), r["fix"]) for r in rows]


def _save(path: Path, findings: list[Finding]) -> None:
    rows = [{"rule": f.rule, "severity": f.severity.value, "requirement": f.requirement,
             "message": f.message, "fix": f.fix, "location": f.location.__dict__} for f in findings]
    try:
        write_atomically(path, json.dumps(rows))
    except OSError:
        pass  # a cache that cannot be written only costs the next run the analysis again


def source_findings(artifacts: Any, *, edition: str | Edition | None = None,
                    root: Path | None = None) -> list[Finding]:
    """The static rules' findings on the build's own contracts (mocks excluded), under
    ``edition``; cached per build and rule set.

    Parameters
    ----------
    artifacts : ArtifactSet
        The build the deployment will use.
    root : Path, optional
        The project the build came from (dao-sim's own checkout by default).
    """
    from dao_sim.compiler.build import project_root
    from dao_sim.compiler.cache import default_cache_dir
    from dao_sim.law import edition as find_edition

    which = find_edition(edition)
    project = project_root(root)
    cached = default_cache_dir(project).parent / "compliance" / f"{artifacts.cache_key}-{_rules_digest()}.json"
    found = _load(cached, which)
    if found is not None:
        return found
    files = _files(artifacts, project)
    if not files:
        return []
    from dao_sim.compliance.check import analyse

    found = analyse(files, root=project).findings(which, bytecode=False)
    found = [f for f in found if not f.location.file.startswith(_MOCKS)]
    _save(cached, found)
    return found
