"""Helpers for the hostile corpus: a copy of the fixture library with one file changed,
and chipcmp run as a real process (for stdout, signals and time bounds)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE_LIB

ALPHA = (FIXTURE_LIB / "chips" / "alpha-x1.yaml").read_text(encoding="utf-8")
REPO = Path(__file__).resolve().parent.parent


def library(root: Path, alpha: str = ALPHA) -> Path:
    """The fixture library copied to `root`, with alpha-x1.yaml replaced by `alpha`."""
    shutil.copytree(FIXTURE_LIB, root)
    (root / "chips" / "alpha-x1.yaml").write_text(alpha, encoding="utf-8")
    return root


def alpha_with(old: str, new: str) -> str:
    """alpha-x1.yaml with one line replaced (the line must be there)."""
    assert old in ALPHA, old
    return ALPHA.replace(old, new)


def chipcmp(*args: str, timeout: float = 20, env: dict | None = None, **kwargs):
    """`python -m chipcmp ARGS` in a fresh process, killed (and the test failed) after `timeout`."""
    environment = {**os.environ, "COLUMNS": "160", **(env or {})}
    environment.pop("CHIPCMP_SPECS", None)
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "chipcmp", *args], timeout=timeout, env=environment,
                          cwd=REPO, **kwargs)
