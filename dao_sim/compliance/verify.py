"""Verification: is the DAO on the chain the one whose rules were published?

Three questions, each answered separately so a failure says where it is:

1. **The store.** Does every object the manifest lists (charter, each source, each ABI) still
   hash to what the manifest says, and does the manifest hash to the publication id?
2. **The code.** Recompiling the *stored* sources with the *published* compiler settings, is
   the runtime code of the core and of every module the core created the code on the chain?
   (Immutables masked, the metadata trailer compared on its own: see
   :mod:`dao_sim.compliance.codematch`.)
3. **The charter.** Is keccak-256 of the published charter text the hash the core stores?

The code is read from a live session (a :class:`~dao_sim.governance.DAO`) or from a
:class:`~dao_sim.compliance.record.DeploymentRecord` that a run wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eth_utils import keccak

from dao_sim.compiler import SOLC_VERSION, compile_input
from dao_sim.compliance.codematch import CodeComparison, compare_code
from dao_sim.compliance.publication import Publication, load_publication
from dao_sim.compliance.record import (
    DeployedContract,
    DeploymentRecord,
    deployed_contracts,
    load_record,
)
from dao_sim.compliance.store import PublicationStore, sha256_hex
from dao_sim.exceptions import CompilerError, PublicationError

if TYPE_CHECKING:
    from dao_sim.compiler import ArtifactSet
    from dao_sim.governance import DAO

__all__ = ["StoredObject", "Verification", "find_publication", "verify"]


@dataclass(frozen=True)
class StoredObject:
    """One object of a publication: what it is, the hash the manifest gives, the hash now."""

    what: str
    listed: str
    actual: str | None

    @property
    def ok(self) -> bool:
        """Whether the object is there and still hashes to what the manifest lists."""
        return self.actual == self.listed


@dataclass(frozen=True)
class Verification:
    """The answer to "is this DAO its published rules?", with every part of it.

    Attributes
    ----------
    publication : Publication
        What the DAO was checked against.
    store : str
        The store's folder.
    subject : str
        What was read: ``"live session"`` or the record file's path.
    chain : dict
        Where and when the code was read (``block`` and the rest, for a record).
    objects : tuple of StoredObject
        The manifest and every object it lists.
    build_error : str
        Why the stored sources did not compile (empty when they did).
    contracts : tuple of CodeComparison
        The core, then each module, against the build of the stored sources.
    charter_on_chain, charter_published : str
        ``0x`` keccak-256: what the core stores; what the stored charter text hashes to
        (empty if the text is missing).
    """

    publication: Publication
    store: str
    subject: str
    chain: dict[str, object]
    objects: tuple[StoredObject, ...]
    build_error: str
    contracts: tuple[CodeComparison, ...]
    charter_on_chain: str
    charter_published: str

    @property
    def charter_ok(self) -> bool:
        """Whether the chain's charter hash is the published text's."""
        return bool(self.charter_published) and self.charter_on_chain == self.charter_published

    @property
    def store_ok(self) -> bool:
        """Whether every object is present and intact."""
        return all(o.ok for o in self.objects)

    @property
    def ok(self) -> bool:
        """Verified: the store intact, the code the build's, the charter the published one."""
        return (self.store_ok and not self.build_error and bool(self.contracts)
                and all(c.ok for c in self.contracts) and self.charter_ok)

    def contract(self, name: str) -> CodeComparison:
        """The comparison for contract ``name``."""
        for comparison in self.contracts:
            if comparison.contract == name:
                return comparison
        raise KeyError(f"no contract {name!r} was compared (compared: "
                       f"{', '.join(c.contract for c in self.contracts)})")


def find_publication(store: PublicationStore, charter_hash: str) -> str:
    """The id of the one publication in ``store`` whose charter hashes to ``charter_hash``.

    Raises
    ------
    PublicationError
        When none does, or several do (then name one explicitly).
    """
    found = []
    for pid in store.publications():
        try:
            if load_publication(store, pid).charter_keccak == charter_hash:
                found.append(pid)
        except PublicationError:
            continue
    if not found:
        raise PublicationError(f"no publication in {store.directory} has the charter this DAO "
                               f"stores ({charter_hash[:18]}...): publish it first")
    if len(found) > 1:
        raise PublicationError(f"{len(found)} publications in {store.directory} have this charter "
                               f"({', '.join(p[:12] for p in found)}): name the one to verify against")
    return found[0]


def _objects(store: PublicationStore, publication: Publication) -> tuple[StoredObject, ...]:
    def now(digest: str) -> str | None:
        try:
            return sha256_hex(store.get(digest))
        except PublicationError:
            return None

    listed = [StoredObject("manifest", publication.id, now(publication.id))]
    listed += [StoredObject(what, digest, now(digest)) for what, digest in publication.objects.items()]
    return tuple(listed)


def _rebuild(store: PublicationStore, publication: Publication) -> ArtifactSet:
    """Compile the stored sources, as they are now, with the published settings."""
    version = publication.compiler_version.split("+")[0]
    if version != SOLC_VERSION:
        raise CompilerError(f"the publication was compiled with solc {publication.compiler_version}; "
                            f"this dao-sim has solc {SOLC_VERSION} and cannot rebuild it")
    sources = {}
    for unit, digest in publication.sources.items():
        try:
            sources[unit] = store.get(digest).decode("utf-8")
        except PublicationError as exc:
            raise CompilerError(f"source {unit} is missing from the store: {exc}") from None
        except UnicodeDecodeError:
            raise CompilerError(f"source {unit} in the store is not UTF-8 text") from None
    return compile_input(sources, publication.settings)


def _observed(target: DAO | DeploymentRecord) -> tuple[tuple[DeployedContract, ...], str, dict[str, object]]:
    if isinstance(target, DeploymentRecord):
        return target.contracts, target.charter_hash, dict(target.chain)
    block = target.session.latest_block()
    chain = {"engine": target.session.engine.describe(), "chain_id": target.session.engine.chain_id,
             "block": block.number, "block_hash": block.hash, "timestamp": block.timestamp}
    return deployed_contracts(target), "0x" + bytes(target.contract.call("charterHash")).hex(), chain


def _compare(built: ArtifactSet | None, deployed: DeployedContract) -> CodeComparison:
    if built is None or deployed.name not in built:
        return compare_code(deployed.name, deployed.address, deployed.code, b"")
    artifact = built[deployed.name]
    code = bytes.fromhex(artifact.deployed_bytecode.removeprefix("0x"))
    return compare_code(deployed.name, deployed.address, deployed.code, code,
                        artifact.immutable_references)


def verify(target: DAO | DeploymentRecord | Path | str,
           store: PublicationStore | Path | str | None = None,
           publication: str | None = None) -> Verification:
    """Check a DAO (live, or as a record holds it) against its publication in ``store``.

    Parameters
    ----------
    target : DAO, DeploymentRecord, or path to a record
        A live DAO is read from its session now; a record is read as written.
    store : PublicationStore or path, optional
        Where the publication is. Default: for a record, its store hint (relative to the
        record's folder); otherwise :class:`PublicationStore`'s default folder.
    publication : str, optional
        The publication id. Default: the record's; for a live DAO, the one publication in the
        store whose charter the DAO stores.

    Returns
    -------
    Verification
        ``ok`` only if the store is intact, every contract is a full match and the charter
        hash is the published text's. A mismatch is a result, not an exception.

    Raises
    ------
    PublicationError
        When the record cannot be read, or the store holds no such publication (nothing to
        verify against).
    """
    subject = "live session"
    if isinstance(target, Path | str):
        subject = str(target)
        record_path = Path(target)
        target = load_record(record_path)
        if store is None and target.store:
            store = record_path.parent / target.store
    if store is None and isinstance(target, DeploymentRecord) and target.store:
        store = target.store
    store = store if isinstance(store, PublicationStore) else PublicationStore(store)
    if not store.directory.is_dir():
        raise PublicationError(f"no publication store at {store.directory}")
    contracts, charter_on_chain, chain = _observed(target)
    if publication is None:
        publication = (target.publication if isinstance(target, DeploymentRecord)
                       else find_publication(store, charter_on_chain))
    published = load_publication(store, publication)
    objects = _objects(store, published)
    build_error = ""
    built: ArtifactSet | None = None
    try:
        built = _rebuild(store, published)
    except CompilerError as exc:
        build_error = str(exc)
    try:
        charter = "0x" + keccak(store.get(published.charter)).hex()
    except PublicationError:
        charter = ""
    return Verification(
        publication=published, store=str(store.directory), subject=subject, chain=chain,
        objects=objects, build_error=build_error,
        contracts=tuple(_compare(built, c) for c in contracts),
        charter_on_chain=charter_on_chain, charter_published=charter)
