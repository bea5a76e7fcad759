"""Strict numbers: finite, ASCII digits, commas only between groups of three, nothing after the unit."""

from __future__ import annotations

import pytest
from hostile_lib import alpha_with, library

from chipcmp.data.units import UnitError, parse_quantity
from chipcmp.metrics import FLOP_RATE


@pytest.mark.parametrize("text, message", [
    ("1e309 TFLOPS", "'1e309 TFLOPS': the number is too large"),
    ("1e-400 TFLOPS", "'1e-400 TFLOPS': the number is too small to represent"),
    ("1e306 EFLOPS", "'1e306 EFLOPS': the number is too large"),
    ("3,12 TFLOPS", "'3,12 TFLOPS': a comma may only separate groups of three digits (write 3.12)"),
    ("３１２ TFLOPS", "cannot read '３１２ TFLOPS' as a number with a unit (e.g. '312 TFLOPS')"),
    ("٣١٢ TFLOPS", "cannot read '٣١٢ TFLOPS' as a number with a unit (e.g. '312 TFLOPS')"),
    ("312 TFLOPS # x", "'312 TFLOPS # x': unexpected '# x' after the unit"),
    ("312 TFLOPS; 400 TFLOPS", "'312 TFLOPS; 400 TFLOPS': unexpected '; 400 TFLOPS' after the unit"),
])
def test_strict_numbers(text, message):
    with pytest.raises(UnitError) as error:
        parse_quantity(text, "TFLOPS", FLOP_RATE)
    assert str(error.value) == message


def test_thousands_separators_still_read():
    assert parse_quantity("1,024 TFLOPS", "TFLOPS", FLOP_RATE).low == 1024.0
    assert parse_quantity("1,000,000 GFLOPS", "TFLOPS", FLOP_RATE).low == 1000.0


def test_bits_in_a_byte_metric_warn_without_failing(run, tmp_path):
    lib = library(tmp_path / "lib", alpha_with("value: 80 GB,", "value: 80 Gb,"))
    result = run("validate", str(lib))
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"{lib / 'chips' / 'alpha-x1.yaml'}:15: warning: specs.memory_capacity: "
                             "'80 Gb' is in bits (= 10 GB); memory is published in bytes: "
                             "did you mean '80 GB'?\n")
