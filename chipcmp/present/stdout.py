"""Standard output that works whatever it is: a pipe, a cp1252 console, closed, or a full disk.

Documents (CSV, JSON, Markdown) go out as UTF-8 bytes whatever the locale says,
with control characters from data made visible (see text.py). Tables go through
a Rich console that replaces what the terminal's encoding cannot show instead of
crashing, at a width of at least MIN_WIDTH. A stdout that cannot be written is a
StdoutError ("cannot write standard output: ..."), never a traceback.
"""

from __future__ import annotations

import os
import sys

from ..errors import ChipcmpError
from .text import literal

MIN_WIDTH = 40  # COLUMNS=0 or a tiny pane still gets a readable table
MAX_WIDTH = 1000


class StdoutError(ChipcmpError):
    """Standard output is closed, full or otherwise unwritable."""


def _failed(exc: BaseException | None) -> StdoutError:
    """The error for a stdout that failed; stdout is pointed at /dev/null so that Python's own
    flush at exit does not fail a second time (with a traceback-like message and status 120)."""
    reason = "it is closed" if exc is None else getattr(exc, "strerror", None) or str(exc)
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):
        pass
    return StdoutError(f"cannot write standard output: {reason}")


def _binary():
    if sys.stdout is None:
        raise _failed(None)
    return getattr(sys.stdout, "buffer", None)


def write_text(text: str) -> None:
    """Write a document to stdout as UTF-8 bytes."""
    data = literal(text, layout=True)
    try:
        binary = _binary()
        if binary is None:  # a text-only stream (e.g. replaced by a caller)
            sys.stdout.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.flush()  # anything printed before, in order
            binary.write(data.encode("utf-8"))
            binary.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        raise _failed(exc) from None


class _Replacing:
    """A text stream over stdout that replaces characters its encoding cannot write."""

    def __init__(self, stream):
        self._stream = stream
        self.encoding = getattr(stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        try:
            binary = getattr(self._stream, "buffer", None)
            if binary is None:
                self._stream.write(text.encode(self.encoding, "replace").decode(self.encoding))
            else:
                binary.write(text.encode(self.encoding, "replace"))
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise _failed(exc) from None
        return len(text)

    def flush(self) -> None:
        try:
            (getattr(self._stream, "buffer", None) or self._stream).flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise _failed(exc) from None

    def isatty(self) -> bool:
        try:
            return self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        return self._stream.fileno()


def console(**options):
    """A Rich Console on stdout: encoding-safe, width clamped to MIN_WIDTH..MAX_WIDTH."""
    from rich.console import Console

    if sys.stdout is None:
        raise _failed(None)
    result = Console(file=_Replacing(sys.stdout), **options)
    result.width = min(max(result.width, MIN_WIDTH), MAX_WIDTH)
    return result
