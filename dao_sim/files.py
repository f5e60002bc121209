"""Writing a file so that a reader sees the old content or the new, never half of either.

Records, registries, publications, caches and generated pages are all written the same way: a
temporary file in the target's folder, flushed to disk, then renamed over the target. A
failure leaves the target as it was and removes the temporary file; the caller turns the
``OSError`` into its own one-line error.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomically"]


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
