"""Files read with bounded work, and written so that nothing the user had is lost."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..errors import ChipcmpError


class FileRefused(ChipcmpError):
    """A file that is not read: not a regular file, too large, or unreadable (the message
    says why, without the path, for callers that put the path in front)."""


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a plain file")


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Never blocks and never reads more than limit + 1 bytes: a FIFO or a link to
    /dev/zero is refused after open (O_NONBLOCK, so a FIFO without a writer does
    not hang), and the size is what was read, not what st_size claims.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileRefused(f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise FileRefused(f"not a regular file ({_kind(mode)}); not read")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise FileRefused(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise FileRefused(f"file is larger than {limit:,} bytes")
    return data


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write all or nothing: an error leaves an existing file as it was, and no half file."""
    path = Path(path)
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new(path: Path, text: str) -> None:
    """Create a file that must not exist yet (and its folders); never overwrite."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except FileExistsError:
        raise ChipcmpError(f"{path} already exists; not overwritten") from None
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _cannot_write(path: Path, exc: OSError):
    return ChipcmpError(f"cannot write {path}: {exc.strerror or exc}")
