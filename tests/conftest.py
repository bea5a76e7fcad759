from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipcmp.cli.commands import app

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_LIB = FIXTURES / "lib"
BAD = FIXTURES / "bad"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test gets its own cache directory; the user's cache is never touched."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def run(monkeypatch):
    """Run chipcmp in-process at a fixed terminal width; returns the Result."""
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.delenv("CHIPCMP_SPECS", raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def run_fixture(run):
    """chipcmp over the small fixture library in tests/fixtures/lib."""

    def invoke(*args: str):
        return run("--specs", str(FIXTURE_LIB), *args)

    return invoke
