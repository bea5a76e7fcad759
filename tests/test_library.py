"""The shipped spec library: complete, sourced, and tagged dense/sparse correctly."""

import csv
import io

import pytest

from chipcmp.data.library import load_library

REQUIRED_RECORDS = [
    "nvidia-a100-sxm4-80gb", "nvidia-a100-pcie-40gb", "nvidia-a800-sxm4-80gb", "nvidia-h100-sxm5",
    "nvidia-h800-sxm5", "nvidia-h20", "nvidia-h200-sxm", "nvidia-b200", "nvidia-gb200-nvl72",
    "nvidia-geforce-rtx-4070", "nvidia-geforce-gtx-1050", "nvidia-geforce-gt-1030",
    "huawei-ascend-910", "huawei-ascend-910b", "huawei-ascend-910c", "huawei-cloudmatrix-384",
    "cambricon-mlu370-x8", "cambricon-mlu590", "biren-br100", "biren-br104",
    "moorethreads-mtt-s80", "moorethreads-mtt-s4000", "metax-c500",
    "enflame-t20", "enflame-s60", "hygon-dcu-z100", "hygon-dcu-k100",
    "kunlunxin-r200", "kunlunxin-p800", "thead-hanguang-800", "thead-ppu",
    "jingjia-jm9231", "jingjia-jm9271", "lingjiu-gp201", "tsinghua-accel",
]


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_every_record_the_brief_names_is_listed(run):
    rows = list(csv.DictReader(io.StringIO(run("list", "-f", "csv").stdout)))
    listed = {r["id"] for r in rows}
    assert not set(REQUIRED_RECORDS) - listed


def test_every_value_has_a_traceable_source(library):
    for chip in library.chips.values():
        for value in chip.values:
            source = chip.sources[value.source]
            assert source.url or (source.publisher and source.title), (chip.id, value.metric)
            assert source.accessed and source.tier
    for claim in library.claims.values():
        source = claim.sources[claim.source]
        assert source.url or (source.publisher and source.title), claim.id


def test_nvidia_sparse_figures_are_twice_the_dense_ones(library):
    """NVIDIA's asterisked (2:4 sparse) figures are exactly 2x dense; a swapped tag breaks this."""
    pairs = 0
    for chip in library.chips.values():
        if chip.vendor != "NVIDIA":
            continue
        for metric in ("tf32", "fp16", "bf16", "fp8", "fp4", "int8", "int4"):
            for dense in chip.values_for(metric):
                if dense.sparsity != "dense" or dense.scope:
                    continue
                for sparse in chip.values_for(metric):
                    if sparse.sparsity == "sparse" and sparse.source == dense.source and sparse.scope is None:
                        assert sparse.low == pytest.approx(2 * dense.low, rel=0.02), (chip.id, metric)
                        pairs += 1
    assert pairs >= 10


def test_a100_datasheet_values(library):
    a100 = library.chips["nvidia-a100-sxm4-80gb"]
    bf16 = {v.sparsity: v.low for v in a100.values_for("bf16")}
    assert bf16["dense"] == 312 and bf16["sparse"] == 624
    assert a100.values_for("memory_bandwidth")[0].low == 2039


def test_conflicts_stay_visible(library):
    """Sources that disagree are kept side by side, e.g. the 910C's 780 vs 800 TFLOPS."""
    c910 = library.chips["huawei-ascend-910c"]
    figures = {v.low for m in ("fp16", "bf16") for v in c910.values_for(m)}
    assert {780, 800} <= figures


def test_claims_cover_the_brief(run):
    rows = list(csv.DictReader(io.StringIO(run("claims", "-f", "csv").stdout)))
    subjects = {r["subject"] for r in rows}
    for subject in ("huawei-ascend-910b", "huawei-ascend-910c", "huawei-cloudmatrix-384",
                    "cambricon-mlu590", "jingjia-jm9231", "lingjiu-gp201", "moorethreads-mtt-s80",
                    "tsinghua-accel", "nvidia-h20"):
        assert subject in subjects, subject
    assert all(r["source"] for r in rows)
