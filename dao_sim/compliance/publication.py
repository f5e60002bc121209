"""Publishing a deployed DAO's rules: charter, sources, compiler settings and ABIs, by hash.

What a DAO publishes is what anyone needs to check it without trusting dao-sim: the charter
text whose hash the core stores, every Solidity file its contracts were compiled from (the
exact bytes, under the unit names the compiler saw), the compiler version and settings, and
each contract's ABI. Each is an object in a :class:`PublicationStore`; a manifest lists them
with their hashes, and the manifest's own SHA-256 is the *publication id*.

Where this sits: deployment (:func:`dao_sim.governance.deploy`) puts a DAO on a chain and has
no business with files, and the governance package may not import this one; so the layer that
runs a DAO (a demo, the CLI, a scenario runner) calls :func:`publish` right after deploying.
The result does not depend on when it is called: the same build and charter give the same id.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eth_utils import keccak

from dao_sim.compiler import project_root
from dao_sim.compiler.sources import default_import_roots, resolve_unit
from dao_sim.compliance.store import PublicationStore
from dao_sim.exceptions import PublicationError
from dao_sim.governance.blueprints import MODULES

if TYPE_CHECKING:
    from dao_sim.compiler import ArtifactSet
    from dao_sim.governance import DAO

__all__ = ["DAO_CONTRACTS", "MANIFEST_FORMAT", "Publication", "load_publication", "publish"]

#: The manifest's format tag; a manifest without it is not a dao-sim publication.
MANIFEST_FORMAT = "dao-sim-publication/1"

#: Every contract a DAO is made of: the core and the modules it creates from blueprints.
DAO_CONTRACTS = ("DAO", *MODULES)


def canonical_json(data: Any) -> bytes:
    """JSON with sorted keys, no spaces, UTF-8: one byte string per value, so one hash.

    Examples
    --------
    >>> canonical_json({"b": 1, "a": [True, "é"]})
    b'{"a":[true,"\\xc3\\xa9"],"b":1}'
    """
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class Publication:
    """A publication as its manifest lists it.

    Attributes
    ----------
    id : str
        SHA-256 of the manifest's bytes: the name to cite and to verify against.
    dao : str
        The DAO's name.
    charter : str
        SHA-256 of the charter text's object.
    charter_keccak : str
        keccak-256 of the charter text, ``0x`` hex: what the DAO core stores.
    compiler_version : str
        The long compiler version (``0.8.37+commit.…``).
    settings : dict
        The standard-JSON settings that change code: ``evmVersion``, ``optimizer``, ``viaIR``,
        ``remappings`` (and any other the build set), without ``outputSelection``.
    sources : dict
        Source unit name -> SHA-256 of its object.
    contracts : dict
        Contract name -> ``{"source": unit name, "abi": SHA-256 of its ABI's object}``.
    """

    id: str
    dao: str
    charter: str
    charter_keccak: str
    compiler_version: str
    settings: dict[str, Any]
    sources: dict[str, str]
    contracts: dict[str, dict[str, str]]

    def manifest(self) -> dict[str, Any]:
        """The manifest as data (what :attr:`id` is the hash of, once made canonical)."""
        return {
            "format": MANIFEST_FORMAT,
            "dao": self.dao,
            "charter": {"sha256": self.charter, "keccak256": self.charter_keccak},
            "compiler": {"version": self.compiler_version, "settings": self.settings},
            "sources": self.sources,
            "contracts": self.contracts,
        }

    @property
    def objects(self) -> dict[str, str]:
        """Every object the manifest lists, by what it is: ``"charter"``, ``"source <unit>"``,
        ``"ABI of <contract>"``."""
        listed = {"charter": self.charter}
        listed.update({f"source {unit}": digest for unit, digest in self.sources.items()})
        listed.update({f"ABI of {name}": entry["abi"] for name, entry in self.contracts.items()})
        return listed


def _settings_of(artifacts: ArtifactSet) -> dict[str, Any]:
    settings = {k: v for k, v in artifacts.settings.items() if k != "outputSelection"}
    settings.setdefault("remappings", [])
    return settings


def _sources_of(artifacts: ArtifactSet, root: Path | str | None) -> dict[str, bytes]:
    """The exact bytes of every source the DAO's contracts were compiled from.

    The compiler's metadata lists, per contract, each source it read with its keccak-256; the
    files are read from the project and must still hash to that, or the publication would
    not be of the deployed build.
    """
    wanted: dict[str, str] = {}
    for name in DAO_CONTRACTS:
        metadata = json.loads(artifacts[name].metadata or "{}")
        for unit, entry in metadata.get("sources", {}).items():
            wanted[unit] = str(entry.get("keccak256", ""))
    roots = default_import_roots(project_root(root))
    found: dict[str, bytes] = {}
    for unit, digest in sorted(wanted.items()):
        path = resolve_unit(unit, roots)
        if path is None:
            raise PublicationError(f"cannot publish: the source {unit} the DAO was compiled from is "
                                   "not in the project any more")
        data = path.read_bytes()
        if "0x" + keccak(data).hex() != digest:
            raise PublicationError(f"cannot publish: {unit} changed since the DAO was compiled; "
                                   "publish the build that was deployed (recompile and redeploy)")
        found[unit] = data
    return found


def publish(dao: DAO, store: PublicationStore | Path | str | None = None, *,
            artifacts: ArtifactSet | None = None, root: Path | str | None = None) -> Publication:
    """Publish ``dao``'s rules in ``store`` and return the publication.

    Parameters
    ----------
    dao : DAO
        A deployed DAO (its charter text and the build it was deployed from are used).
    store : PublicationStore or path, optional
        Where to publish; by default :class:`PublicationStore`'s default folder.
    artifacts : ArtifactSet, optional
        The build the DAO was deployed from (default: the one it was deployed with).
    root : Path, optional
        The project whose sources were compiled (default: dao-sim's checkout).

    Returns
    -------
    Publication
        Its ``id`` is the same for the same build and charter, whenever it is published.

    Raises
    ------
    PublicationError
        When a source changed since the build, or the store cannot be written.
    """
    store = store if isinstance(store, PublicationStore) else PublicationStore(store)
    build = artifacts or dao.artifacts
    charter = store.put(dao.charter.encode("utf-8"))
    sources = {unit: store.put(data) for unit, data in _sources_of(build, root).items()}
    contracts = {name: {"source": build[name].source,
                        "abi": store.put(canonical_json(list(build[name].abi)))}
                 for name in DAO_CONTRACTS}
    draft = Publication("", dao.name, charter, "0x" + keccak(text=dao.charter).hex(),
                        build.compiler_version, _settings_of(build), sources, contracts)
    digest = store.add_publication(canonical_json(draft.manifest()), dao.name)
    return Publication(digest, *(getattr(draft, f) for f in (
        "dao", "charter", "charter_keccak", "compiler_version", "settings", "sources", "contracts")))


def load_publication(store: PublicationStore, publication_id: str) -> Publication:
    """Read publication ``publication_id`` from ``store``.

    The manifest is returned even if its bytes no longer hash to the id; :func:`verify` says
    so. A manifest that is not one at all is an error.

    Raises
    ------
    PublicationError
        When the store holds no such object, or it is not a dao-sim manifest.
    """
    raw = store.get(publication_id)
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, Mapping) or data.get("format") != MANIFEST_FORMAT:
            raise ValueError(f"format is not {MANIFEST_FORMAT!r}")
        return Publication(
            publication_id, str(data["dao"]), str(data["charter"]["sha256"]),
            str(data["charter"]["keccak256"]), str(data["compiler"]["version"]),
            dict(data["compiler"]["settings"]), {str(k): str(v) for k, v in data["sources"].items()},
            {str(k): {"source": str(v["source"]), "abi": str(v["abi"])}
             for k, v in data["contracts"].items()})
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PublicationError(f"object {publication_id[:12]}... in {store.directory} is not a "
                               f"dao-sim publication manifest: {exc}") from None
