"""Any stdout: closed, full, a legacy encoding, zero columns. Real processes, each time-bounded."""

from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURE_LIB
from hostile_lib import chipcmp

SPECS = ("--specs", str(FIXTURE_LIB))


def test_closed_stdout_is_an_error_not_a_traceback():
    result = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "chipcmp",
                             *SPECS, "export"], capture_output=True, timeout=20)
    assert result.returncode == 1
    assert result.stderr == b"error: cannot write standard output: it is closed\n"


def test_full_stdout_is_an_error_not_a_traceback():
    with open("/dev/full", "wb") as full:
        result = chipcmp(*SPECS, "export", stdout=full)
    assert result.returncode == 1
    assert result.stderr == b"error: cannot write standard output: No space left on device\n"


def test_export_is_utf8_whatever_the_locale():
    result = chipcmp(*SPECS, "export", env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, result.stderr
    assert "Alpha — Alpha X1 datasheet [vendor]" in result.stdout.decode("utf-8")


def test_tables_degrade_on_a_legacy_encoding():
    for encoding in ("cp1252", "ascii"):
        result = chipcmp(*SPECS, "show", "alpha-x1", env={"PYTHONIOENCODING": encoding})
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr
        assert "aliases: X1, Alpha ??" in result.stdout.decode(encoding)


def test_zero_columns_still_prints_a_table():
    result = chipcmp(*SPECS, "list", env={"COLUMNS": "0"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert all(len(line) <= 40 for line in lines)  # clamped to the minimum width, 40
    assert "alpha-x1      Alpha X1      card  " in lines  # ids whole; optional columns dropped
