"""The one exception family chipcmp raises for bad data or bad requests."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located as precisely as the data allows."""

    path: str
    line: int | None
    message: str
    severity: str = "error"  # or "warning": reported, but the file still loads

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {label}{self.message}"


class ChipcmpError(Exception):
    """Base class: the CLI prints these without a traceback and exits 1."""


class DataError(ChipcmpError):
    """The spec library (or a file given by the user) has problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(ChipcmpError):
    """A request that cannot be right whatever the data: the CLI exits 2 for these."""


class LookupFailed(ChipcmpError):
    """A chip, claim or metric name matched nothing, or more than one thing."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        if self.suggestions:
            message += "\n  close matches: " + ", ".join(self.suggestions)
        super().__init__(message)
