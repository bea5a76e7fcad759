import pint
import pytest

from chipcmp.metrics import METRICS
from chipcmp.data.units import UnitError, convert, parse_quantity


def parse(text: str, metric: str):
    m = METRICS[metric]
    return parse_quantity(text, m.unit, m.dimension)


def test_bandwidth_never_converts_to_flops():
    with pytest.raises(pint.DimensionalityError):
        convert(1, "TB/s", "TFLOPS")
    with pytest.raises(UnitError, match="bytes / time.*FLOP / time"):
        parse("1 TB/s", "bf16")


def test_integer_ops_and_flops_are_different_dimensions():
    with pytest.raises(UnitError):
        parse("640 TOPS", "fp16")
    assert parse("640 TOPS", "int8").low == 640


def test_decimal_and_binary_prefixes_stay_distinct():
    gb = parse("80 GB", "memory_capacity")
    gib = parse("80 GiB", "memory_capacity")
    assert gb.low == 80 and not gb.binary_prefix
    assert gib.low == pytest.approx(85.89934592) and gib.binary_prefix
    assert gb.low != gib.low


def test_bits_are_not_bytes():
    assert parse("900 Gb/s", "interconnect_bandwidth").low == 112.5
    assert parse("900 GB/s", "interconnect_bandwidth").low == 900


@pytest.mark.parametrize("text, low, high, approx", [
    ("376 TFLOPS", 376, 376, False),
    ("320–376 TFLOPS", 320, 376, False),
    ("320-376 TFLOPS", 320, 376, False),
    ("320 to 376 TFLOPS", 320, 376, False),
    ("~1 PFLOPS", 1000, 1000, True),
    ("1.6 TB/s", 1600, 1600, False),
])
def test_published_forms(text, low, high, approx):
    q = parse(text, "bf16" if "FLOPS" in text else "memory_bandwidth")
    assert (q.low, q.high, q.approximate) == (low, high, approx)


def test_area_node_power_and_counts():
    assert parse("826 mm²", "die_area").low == 826
    assert parse("826 mm^2", "die_area").low == 826
    assert parse("7 nm", "process_node").low == 7
    assert parse("1.2 kW", "tdp").low == 1200
    assert parse("54.2 billion", "transistors").low == 54.2


@pytest.mark.parametrize("text, message", [
    ("312", "bare number"),
    ("312 TFLOPZ", "unknown unit"),
    ("fast", "cannot read"),
    ("376–320 TFLOPS", "backwards"),
])
def test_bad_values(text, message):
    with pytest.raises(UnitError, match=message):
        parse(text, "bf16")
