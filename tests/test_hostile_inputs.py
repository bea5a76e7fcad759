"""Bounded work on any input: no hang, no memory blow-up, no RecursionError. Each test is time-bounded."""

from __future__ import annotations

import os
import time

import pytest
from conftest import FIXTURE_LIB
from hostile_lib import alpha_with, chipcmp, library

from chipcmp.data.units import UnitError, parse_quantity
from chipcmp.metrics import FLOP_RATE

RULE = """id: r
name: A rule
jurisdiction: US
published: 2023-10-17
source: s
sources:
  s: {publisher: BIS, title: Rule, accessed: 2026-11-21, tier: regulator}
classes:
  - class: 3A090.a
    when: WHEN
"""


def test_a_runaway_value_fails_fast():
    start = time.monotonic()
    with pytest.raises(UnitError) as error:
        parse_quantity("312 x" + " " * 10_000 + "y", "TFLOPS", FLOP_RATE)
    assert time.monotonic() - start < 0.5
    assert str(error.value).startswith("value is 10,006 characters long; at most 100 are read: '312 x")


def test_a_runaway_value_in_a_library_fails_fast(tmp_path):
    lib = library(tmp_path / "lib", alpha_with("value: 400 W,", 'value: "400 x' + " " * 10_000 + 'y",'))
    result = chipcmp("--specs", str(lib), "validate", timeout=10)
    assert result.returncode == 1
    assert b"alpha-x1.yaml:17: specs.tdp: value is 10,006 characters long; at most 100 are read" \
        in result.stderr


@pytest.mark.parametrize("make, kind", [
    (lambda p: os.mkfifo(p), "a FIFO"),
    (lambda p: os.symlink("/dev/zero", p), "a character device"),
])
def test_special_files_are_refused_unread(tmp_path, make, kind):
    special = tmp_path / "special.yaml"
    make(special)
    result = chipcmp("validate", str(special), timeout=10)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[0] == f"{special}: not a regular file ({kind}); not read"
    result = chipcmp("--specs", str(special), "list", timeout=10)
    assert result.returncode == 1
    assert f"{special}: not a regular file ({kind}); not read" in result.stderr.decode()


def test_a_fifo_inside_the_library_is_refused(tmp_path):
    lib = library(tmp_path / "lib")
    os.mkfifo(lib / "chips" / "pipe.yaml")
    result = chipcmp("--specs", str(lib), "list", timeout=10)
    assert result.returncode == 1
    assert f"{lib / 'chips' / 'pipe.yaml'}: not a regular file (a FIFO); not read" \
        in result.stderr.decode().splitlines()


def test_crosscheck_refuses_a_fifo(tmp_path):
    fifo = tmp_path / "epoch.csv"
    os.mkfifo(fifo)
    result = chipcmp("--specs", str(FIXTURE_LIB), "crosscheck", "epoch", str(fifo), timeout=10)
    assert result.returncode == 1
    assert result.stderr.decode() == f"error: {fifo}: not a regular file (a FIFO); not read\n"


def test_deeply_nested_condition_is_a_message(run, tmp_path):
    rules = tmp_path / "lib" / "rules"
    rules.mkdir(parents=True)
    (rules / "r.yaml").write_text(RULE.replace("WHEN", "(" * 500 + "tpp >= 1" + ")" * 500))
    start = time.monotonic()
    result = run("validate", str(tmp_path / "lib"))
    assert time.monotonic() - start < 2
    assert result.exit_code == 1
    assert f"{rules / 'r.yaml'}:10: classes.when: nested deeper than 32 levels" in result.stderr


def test_a_huge_walk_is_refused(run, tmp_path, monkeypatch):
    monkeypatch.setattr("chipcmp.data.loader.MAX_WALK_ENTRIES", 50)
    for i in range(60):
        (tmp_path / f"d{i}").mkdir()
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path}: more than 50 files and folders; not read (is this a spec library?)")
