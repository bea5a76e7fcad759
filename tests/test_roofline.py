"""The roofline plot: which figures it draws, what it skips, and the files it writes."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURE_LIB

from chipcmp.errors import ChipcmpError
from chipcmp.data.library import load_library, resolve
from chipcmp.present.roofline import plot, roofs

A100 = "nvidia-a100-sxm4-80gb"
H20 = "nvidia-h20"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def library():
    return load_library(use_cache=False)


@pytest.fixture(scope="module")
def fixture_library():
    return load_library(FIXTURE_LIB, use_cache=False)


def _chips(library, *names):
    return [resolve(library, name) for name in names]


def _figure(chip, metric, sparsity=None):
    """The one published figure of a metric, read straight from the spec file's values."""
    [value] = [v for v in chip.values_for(metric) if v.sparsity == sparsity]
    return value.low


# -- the figures behind the picture ----------------------------------------------

def test_ridge_point_is_the_published_ceiling_over_the_published_bandwidth(library):
    a100 = resolve(library, A100)
    expected = _figure(a100, "bf16", "dense") / _figure(a100, "memory_bandwidth") * 1000
    assert expected == pytest.approx(312 / 2039 * 1000)  # ≈ 153 FLOP per byte
    [roof], skipped = roofs(library, [a100], ["bf16"])
    assert skipped == []
    assert roof.corner == pytest.approx(expected)
    assert roof.ridge_span == pytest.approx((expected, expected))
    assert (roof.ceiling, roof.bandwidth) == (312, 2039)
    assert not roof.unstated_sparsity


def test_sparse_roof_uses_only_sparse_ceilings(library):
    a100 = resolve(library, A100)
    [roof], _ = roofs(library, [a100], ["bf16"], sparsity="sparse")
    assert [v.sparsity for v in roof.ceilings] == ["sparse"]
    assert roof.corner == pytest.approx(_figure(a100, "bf16", "sparse") / 2039 * 1000)


def test_ranges_and_disagreeing_sources_draw_the_low_end_and_label_the_full_span(fixture_library):
    # Beta Y2 BF16: 80–90 TFLOPS (sparsity unstated) and 120 dense; bandwidth ~1.6 TB/s.
    [roof], _ = roofs(fixture_library, _chips(fixture_library, "beta-y2"), ["bf16"])
    assert (roof.ceiling, roof.bandwidth) == (80, 1600)
    assert roof.corner == pytest.approx(50)
    assert roof.ridge_span == pytest.approx((50, 75))
    assert roof.unstated_sparsity
    assert {v.source for v in roof.ceilings} == {"beta-launch", "beta-analyst"}


def test_chips_without_the_figures_are_skipped_with_the_reason(fixture_library):
    chips = _chips(fixture_library, "alpha-x1", "beta-y2", "beta-y2-lite")
    found, skipped = roofs(fixture_library, chips, ["bf16", "fp8"])
    assert [(r.chip.id, r.metric.key) for r in found] == [("alpha-x1", "bf16"), ("beta-y2", "bf16")]
    assert skipped == [
        "Alpha X1 (alpha-x1): no FP8 figure",
        "Beta Y2 (beta-y2): no dense FP8 figure, only sparse ones: dense and sparse never mix",
        "Beta Y2 Lite (beta-y2-lite): no memory bandwidth figure",
    ]


def test_unknown_precision_and_sparsity_are_errors(library):
    chips = _chips(library, A100)
    with pytest.raises(ChipcmpError, match="'tdp' is not a precision; choose from .*bf16"):
        roofs(library, chips, ["tdp"])
    with pytest.raises(ChipcmpError, match="sparsity must be dense or sparse"):
        roofs(library, chips, sparsity="both")


# -- the files -------------------------------------------------------------------

def test_svg_names_the_chips_ridge_points_and_sources(library, tmp_path):
    pytest.importorskip("matplotlib")
    path = tmp_path / "roofline.svg"
    skipped = plot(library, _chips(library, A100, H20), path, ["bf16", "fp8"])
    assert skipped == ["NVIDIA A100 SXM4 80GB (nvidia-a100-sxm4-80gb): no FP8 figure"]
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {t.strip() for t in root.itertext() if t.strip()}
    assert any(t.startswith("NVIDIA A100 SXM4 80GB: 2,039 GB/s") for t in texts)
    assert any(t.startswith("NVIDIA H20 (HGX H20, 96GB): 4,000 GB/s") for t in texts)
    assert {"153", "37", "74"} <= texts  # ridge labels in FLOP/B: 312/2039, 148/4000, 296/4000 × 1000
    assert any("nv-a100-datasheet (NVIDIA)" in t for t in texts)
    assert any("tomshardware-h20 (Tom's Hardware, tomshardware.com)" in t for t in texts)
    assert not any("sparsity unstated" in t for t in texts)  # the H20's figures are all labelled dense


def test_png_is_a_png_and_the_same_library_draws_the_same_bytes(library, tmp_path):
    pytest.importorskip("matplotlib")
    first, second = tmp_path / "a.PNG", tmp_path / "b.png"
    for path in (first, second):
        assert plot(library, _chips(library, A100, "huawei-ascend-910b"), path) == []
    assert first.read_bytes().startswith(PNG_SIGNATURE)
    assert first.read_bytes() == second.read_bytes()


def test_unknown_suffix_is_an_error_naming_the_ones_that_work(library, tmp_path):
    path = tmp_path / "roofline.pdf"
    with pytest.raises(ChipcmpError, match=r"\.png or \.svg"):
        plot(library, _chips(library, A100), path)
    assert list(tmp_path.iterdir()) == []


def test_without_matplotlib_the_error_says_how_to_install_it(library, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ChipcmpError, match=r"pip install 'chipcmp\[plot\]'"):
        plot(library, _chips(library, A100), tmp_path / "roofline.png")


def test_nothing_to_draw_is_an_error_with_the_reasons(fixture_library, tmp_path):
    pytest.importorskip("matplotlib")
    with pytest.raises(ChipcmpError, match="nothing to draw: Beta Y2 Lite .*no memory bandwidth"):
        plot(fixture_library, _chips(fixture_library, "beta-y2-lite"), tmp_path / "r.svg")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_half_file(fixture_library, tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    import chipcmp.data.files

    path = tmp_path / "roofline.png"
    path.write_bytes(b"old picture")

    def disk_full(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(chipcmp.data.files.os, "replace", disk_full)  # after the picture was written out
    with pytest.raises(ChipcmpError, match="cannot write .*No space left on device"):
        plot(fixture_library, _chips(fixture_library, "alpha-x1"), path)
    assert path.read_bytes() == b"old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["roofline.png"]
