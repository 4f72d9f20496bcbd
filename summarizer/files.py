"""Atomic file writes and early checks of output paths."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from summarizer.errors import ExportError


def _mode_for(path: Path) -> int:
    """The existing file's mode, else what a plain `open()` would give under the umask."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: never half a file.

    Raises:
        ExportError: The folder is missing or not writable.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise ExportError(f"cannot write {path}: folder {folder} does not exist") from None
    except PermissionError:
        raise ExportError(f"cannot write {path}: folder {folder} is not writable") from None
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(e, OSError):
            raise ExportError(f"cannot write {path}: {e.strerror or e}") from e
        raise


def check_writable(path: Path) -> None:
    """Fail early, before any model call, when `path` cannot be written.

    Raises:
        ExportError: With a one-line reason and what to do.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder; give a file name")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: folder {folder} does not exist; create it first")
    try:
        handle, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=folder)
    except OSError:
        raise ExportError(f"cannot write {path}: folder {folder} is not writable") from None
    os.close(handle)
    os.unlink(probe)
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError(f"cannot write {path}: the file is read-only")


__all__ = ["check_writable", "write_text_atomic"]
