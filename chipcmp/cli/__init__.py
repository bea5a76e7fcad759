"""Commands: argument handling over the library, nothing else."""

from .commands import app

__all__ = ["app"]
