"""A content-addressed store: every object filed under the SHA-256 of its bytes.

The published rules of a DAO (charter, sources, ABIs, the manifest listing them) are kept here,
each object once, named by its hash, so a name proves its content: whoever holds an id can
check that the bytes they were given are the bytes that were published. Objects are written to
a temporary file and renamed into place, so a reader never sees half an object.

Layout::

    <store>/objects/ab/cdef...    an object whose SHA-256 is abcdef...
    <store>/publications/<id>     one empty-or-named file per publication (an index to list)
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from dao_sim.exceptions import PublicationError
from dao_sim.files import write_atomically

__all__ = ["DEFAULT_STORE", "PublicationStore", "sha256_hex"]

#: Where publications go when neither the run nor ``DAO_SIM_PUBLISHED`` says otherwise.
DEFAULT_STORE = Path(".dao-sim") / "published"

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data``, 64 lowercase hex digits.

    Examples
    --------
    >>> sha256_hex(b"")[:16]
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(data).hexdigest()


class PublicationStore:
    """A directory of objects named by their SHA-256, and an index of publications.

    Parameters
    ----------
    directory : Path or str, optional
        The store's folder (created on the first write). Default: ``$DAO_SIM_PUBLISHED`` if
        set, else ``.dao-sim/published`` under the current folder.

    Examples
    --------
    >>> import tempfile
    >>> store = PublicationStore(tempfile.mkdtemp())
    >>> digest = store.put(b"charter text")
    >>> store.get(digest)
    b'charter text'
    """

    def __init__(self, directory: Path | str | None = None) -> None:
        if directory is None:
            directory = os.environ.get("DAO_SIM_PUBLISHED") or DEFAULT_STORE
        self.directory = Path(directory)

    def __repr__(self) -> str:
        return f"PublicationStore({str(self.directory)!r})"

    def object_path(self, digest: str) -> Path:
        """The file that holds (or would hold) the object ``digest``."""
        _check_digest(digest)
        return self.directory / "objects" / digest[:2] / digest[2:]

    def put(self, data: bytes) -> str:
        """File ``data`` under its SHA-256 and return the hash; an object already held is kept.

        Raises
        ------
        PublicationError
            When the store cannot be written (the message names the folder), or an object
            already filed under this hash no longer hashes to it: a store that was altered is
            shown to whoever looks, never quietly repaired.
        """
        digest = sha256_hex(data)
        path = self.object_path(digest)
        if path.is_file():
            if not self.intact(digest):
                raise PublicationError(f"the store {self.directory} holds a damaged object {digest[:12]}... "
                                       "(its bytes no longer hash to its name); see what changed it first")
            return digest
        _write_atomically(path, data)
        return digest

    def get(self, digest: str) -> bytes:
        """The bytes filed under ``digest``, as they are on disk (not checked: see :meth:`intact`).

        Raises
        ------
        PublicationError
            When the store holds no such object.
        """
        path = self.object_path(digest)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise PublicationError(f"the store {self.directory} holds no object {digest[:12]}...") from None
        except OSError as exc:
            raise PublicationError(f"cannot read {path}: {exc.strerror or exc}") from None

    def has(self, digest: str) -> bool:
        """Whether an object is filed under ``digest`` (whatever its bytes now are)."""
        return self.object_path(digest).is_file()

    def intact(self, digest: str) -> bool:
        """Whether the object filed under ``digest`` still hashes to it."""
        try:
            return sha256_hex(self.get(digest)) == digest
        except PublicationError:
            return False

    def add_publication(self, manifest: bytes, label: str = "") -> str:
        """File a manifest and list it as a publication; its hash is the publication id."""
        digest = self.put(manifest)
        index = self.directory / "publications" / digest
        if not index.is_file():
            _write_atomically(index, label.encode("utf-8"))
        return digest

    def publications(self) -> tuple[str, ...]:
        """The ids of every publication listed in the store, sorted."""
        folder = self.directory / "publications"
        if not folder.is_dir():
            return ()
        return tuple(sorted(p.name for p in folder.iterdir() if _HEX64.match(p.name)))


def _check_digest(digest: str) -> None:
    if not isinstance(digest, str) or not _HEX64.match(digest):
        raise PublicationError(f"{digest!r} is not a SHA-256 hash (64 lowercase hex digits)")


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise PublicationError(f"cannot write to the publication store {path.parent}: "
                               f"{exc.strerror or exc}") from None
