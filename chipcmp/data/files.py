"""Writing files so that nothing the user had is lost: all-or-nothing, never overwrite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import ChipcmpError


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
