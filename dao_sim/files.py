"""Writing a file so that a reader sees the old content or the new, never half of either.

Records, registries, publications, caches and generated pages are all written the same way: a
temporary file in the target's folder, flushed to disk, then renamed over the target. A
failure leaves the target as it was and removes the temporary file.

Paths a person typed (``--out``, ``--store``, ``--output``) are checked before any work starts
(:func:`check_writable`, :func:`check_writable_folder`), and :func:`write_file` turns an
``OSError`` into a :class:`FileWriteError`: one line naming what, where and why, which the CLI
prints as ``error: ...`` instead of a traceback.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from dao_sim.exceptions import DaoSimError

__all__ = ["FileWriteError", "check_writable", "check_writable_folder", "write_atomically",
           "write_file"]


class FileWriteError(DaoSimError):
    """A file or folder dao-sim was asked to write cannot be written.

    Attributes
    ----------
    what : str
        What was to be written ("the report", "the evidence package").
    path : Path
        Where.
    reason : str
        Why not, in words ("/tmp/x is a file, not a folder").
    """

    def __init__(self, what: str, path: str | Path, reason: str) -> None:
        self.what = what
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"cannot write {what} to {path}: {reason}")


def write_atomically(path: str | Path, data: bytes | str, *, mode: int = 0o644) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` in one step, folders created; return the path.

    Parameters
    ----------
    mode : int
        The file's permissions (``0o600`` for a file holding personal data).

    Raises
    ------
    OSError
        When the folder or the file cannot be written; nothing is left half-written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a" / "note.txt"
    >>> write_atomically(target, "kept whole").read_text()
    'kept whole'
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_file(path: str | Path, data: bytes | str, *, what: str, mode: int = 0o644) -> Path:
    """:func:`write_atomically`, with a failure told in one line naming ``what`` and where.

    Raises
    ------
    FileWriteError
        When the file cannot be written; nothing is left half-written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> blocker = pathlib.Path(tempfile.mkdtemp()) / "a-file"
    >>> _ = blocker.write_text("in the way")
    >>> write_file(blocker / "report.md", "text", what="the report")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dao_sim.files.FileWriteError: cannot write the report to .../a-file/report.md: .../a-file is a file, not a folder
    """
    try:
        return write_atomically(path, data, mode=mode)
    except OSError as exc:
        raise FileWriteError(what, path, _reason(Path(path), exc)) from None


def check_writable(path: str | Path, what: str) -> Path:
    """Check, before any work, that a file can be written at ``path``; create nothing.

    The file may exist (it is replaced) or not; its folder may be missing (it is created when
    the file is written), but what exists of the folder path must be folders, the nearest
    existing one writable.

    Raises
    ------
    FileWriteError
        ``path`` is a folder, a file stands where a folder of its path should be, or the
        nearest existing folder is read-only.
    """
    target = Path(path)
    if target.is_dir():
        raise FileWriteError(what, target, "that is a folder, not a file")
    _check_folder_path(target, target.parent, what)
    return target


def check_writable_folder(folder: str | Path, what: str) -> Path:
    """Check, before any work, that files can be written in ``folder`` (created if missing).

    Raises
    ------
    FileWriteError
        ``folder`` or a folder of its path is a file, or the nearest existing folder is
        read-only.
    """
    target = Path(folder)
    _check_folder_path(target, target, what)
    return target


def _check_folder_path(target: Path, folder: Path, what: str) -> None:
    existing = _nearest_existing(folder)
    if not existing.is_dir():
        raise FileWriteError(what, target, f"{existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise FileWriteError(what, target, f"the folder {existing} is read-only (permission denied)")


def _nearest_existing(folder: Path) -> Path:
    """``folder`` or its nearest ancestor that exists (as a file or a folder)."""
    current = folder
    while not current.exists() and current != current.parent:
        current = current.parent
    return current


def _reason(target: Path, exc: OSError) -> str:
    """An ``OSError`` while writing ``target``, in words a person can act on."""
    existing = _nearest_existing(target.parent)
    if exc.errno == errno.ENOTDIR or (existing.exists() and not existing.is_dir()):
        return f"{existing} is a file, not a folder"
    if exc.errno == errno.EISDIR or target.is_dir():
        return "that is a folder, not a file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied (the folder {existing} is read-only)"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)
