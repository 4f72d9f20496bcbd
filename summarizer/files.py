"""Atomic file writes and early checks of output paths."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from summarizer.errors import ExportError


def _mode_for(path: Path) -> int:
    """The existing file's mode, else what a plain `open()` would give under the umask."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _special(path: Path) -> str | None:
    """What kind of special file `path` is ("a FIFO", "a device", ...), None for a regular one."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


# Special files written in place (a stream reader is at the other end); others are refused.
_IN_PLACE = ("a character device", "a FIFO")


def write_text_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write `text` (one string, or pieces written as they come) to `path` through a temporary
    file and a rename: never half a file.

    A character device (`/dev/null`, a terminal) or a FIFO is written in place, never replaced
    by the rename; a block device or a socket is refused.

    Raises:
        ExportError: The folder is missing or not writable, or `path` is a block device or a
            socket.
    """
    path = Path(path)
    kind = _special(path)
    if kind is not None:
        if kind not in _IN_PLACE:
            raise ExportError(f"cannot write {path}: it is {kind}; give a regular file")
        try:
            with open(path, "w", encoding="utf-8", newline="") as out:
                _write(out, text)
        except OSError as e:
            raise ExportError(f"cannot write {path}: {e.strerror or e}") from e
        return
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
            _write(out, text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(e, OSError):
            raise ExportError(f"cannot write {path}: {e.strerror or e}") from e
        raise


def _write(out: TextIO, text: str | Iterable[str]) -> None:
    if isinstance(text, str):
        out.write(text)
    else:
        for piece in text:
            out.write(piece)


def check_writable(path: Path) -> None:
    """Fail early, before any model call, when `path` cannot be written.

    Raises:
        ExportError: With a one-line reason and what to do.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder; give a file name")
    kind = _special(path)
    if kind is not None:
        if kind not in _IN_PLACE:
            raise ExportError(f"cannot write {path}: it is {kind}; give a regular file")
        if not os.access(path, os.W_OK):
            raise ExportError(f"cannot write {path}: permission denied")
        return
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


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _read_as_input(path: Path, folder: Path, suffixes: Sequence[str]) -> bool:
    """True when a walk of `folder` would read `path` as an input (same rules as ingest)."""
    try:
        inside = path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return path.suffix.lower() in suffixes and not any(
        part.startswith(".") for part in inside.parts
    )


def check_outputs(
    outputs: Iterable[tuple[str, Path | None]],
    inputs: Iterable[str | Path],
    *,
    suffixes: Sequence[str] = (".txt", ".md", ".html", ".htm"),
) -> None:
    """Refuse, before any work, output paths that would destroy an input or another output.

    An output is refused when it is an input file (a hard link or symlink to one included),
    when it lies inside an input folder with a suffix a folder walk reads (`suffixes`), or when
    it is the same file as another output. Then each output must be writable
    (`check_writable`). `-` (standard output) and None are skipped.

    Args:
        outputs: (label, path) pairs, the label naming the flag in messages ("-o", "--report").
        inputs: The paths given as input (files, folders, `-`).
        suffixes: The suffixes of files read from input folders.

    Raises:
        ExportError: With a one-line reason naming the flag and what to do.
    """
    given = [
        (label, Path(path)) for label, path in outputs if path is not None and str(path) != "-"
    ]
    sources = [Path(p) for p in inputs if str(p) != "-"]
    for number, (label, path) in enumerate(given):
        for other_label, other in given[:number]:
            if _same_file(path, other):
                raise ExportError(
                    f"{label} {path} is the same file as {other_label} {other}; "
                    "give each output its own file"
                )
        for source in sources:
            if source.is_dir():
                if _read_as_input(path, source, suffixes):
                    raise ExportError(
                        f"{label} {path} is inside the input folder {source} and would be read "
                        "as an article; write it outside that folder"
                    )
            elif source.exists() and _same_file(path, source):
                raise ExportError(
                    f"{label} {path} is an input ({source}) and would be overwritten; "
                    "give another file name"
                )
        check_writable(path)


__all__ = ["check_outputs", "check_writable", "write_text_atomic"]
