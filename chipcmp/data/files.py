"""Files read with bounded work, and written so that nothing the user had is lost."""

from __future__ import annotations

import os
import signal
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


def write_atomically(path: Path, data: str | bytes, protect: Path | None = None) -> None:
    """Write all or nothing: an error leaves an existing file as it was, and no half file.

    Only a regular file (or a new path) is replaced: an existing FIFO, device or
    /dev/stdout is written into, as a shell's `>` would (replacing /dev/null
    with a file, as root, would break the system). Through a symbolic link the
    file it points to is replaced, never the link. With `protect` (the active
    library), a target inside that folder is refused.
    """
    path = Path(path)
    if protect is not None:
        refuse_inside(path, Path(protect))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _special(path):
        _write_into(path, payload)
        return
    target = Path(os.path.realpath(path))
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    previous = _catch_sigterm()
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(temp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, _Terminated):  # cleaned up: now die of SIGTERM as we would have
            signal.signal(signal.SIGTERM, previous)
            os.kill(os.getpid(), signal.SIGTERM)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def refuse_inside(path: Path, library: Path) -> None:
    """An output file must not land in the spec library (an export over a spec file, say)."""
    if not library.is_dir():
        return
    real, root = os.path.realpath(path), os.path.realpath(library)
    if os.path.commonpath([real, root]) == root:
        raise ChipcmpError(f"{path} is inside the spec library {library}; not overwritten "
                           "(write it elsewhere)")


def _special(path: Path) -> bool:
    """An existing FIFO, device or /dev/std* (anything but a regular file): write into it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) or os.path.realpath(path).startswith(("/dev/", "/proc/"))


def _write_into(path: Path, payload: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


class _Terminated(BaseException):
    """SIGTERM arrived while a temporary file existed."""


def _raise_terminated(signum, frame):
    raise _Terminated()


def _catch_sigterm():
    """Turn SIGTERM into an exception until the temp file is gone (as Ctrl-C already is).
    Returns the previous handler, or None where handlers cannot be set (not the main thread)."""
    try:
        return signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:
        return None


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
