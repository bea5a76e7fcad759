"""The Epoch AI rows shipped with chipcmp: exactly the rows the library cites, byte for byte."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from chipcmp.data.epoch_rows import (ATTRIBUTION, SHIPPED, attribution, cited_rows, extract, is_epoch,
                                     row_names, shipped_names)
from chipcmp.data.library import load_library
from conftest import FIXTURES

SNAPSHOT = Path("/work/shared/reference/epoch_ml_hardware_2025-12-16.csv")


def test_every_value_from_epoch_traces_to_a_shipped_row():
    library = load_library(use_cache=False)
    shipped = set(shipped_names())
    traced = 0
    for chip in library.chips.values():
        for value in chip.values:
            source = chip.sources[value.source]
            if is_epoch(source):
                names = row_names(source)
                assert names, f"{chip.path}:{value.line}: source {source.id} names no Epoch row"
                assert set(names) <= shipped, f"{chip.path}: {set(names) - shipped} not shipped"
                traced += 1
    assert traced > 100  # 145 values on 2026-12-02


def test_the_shipped_csv_holds_exactly_the_cited_rows_with_attribution():
    names = shipped_names()
    assert sorted(names) == sorted(cited_rows(load_library(use_cache=False)))
    assert len(names) == len(set(names))
    text = ATTRIBUTION.read_text(encoding="utf-8")
    assert text == attribution(names)  # refreshed by tools/extract_epoch_rows.py
    assert "Licensed CC-BY 4.0 by Epoch AI" in " ".join(text.split())


def test_extract_copies_rows_byte_for_byte_and_names_the_missing(tmp_path):
    out = tmp_path / "rows.csv"
    missing = extract(FIXTURES / "epoch_sample.csv", {"NVIDIA H200 SXM", "Google TPU v4", "No Such Chip"}, out)
    assert missing == ["No Such Chip"]
    assert shipped_names(out) == ["Google TPU v4", "NVIDIA H200 SXM"]  # in the snapshot's order
    with open(FIXTURES / "epoch_sample.csv", encoding="utf-8-sig", newline="") as handle:
        sample = {r["Hardware name"]: r for r in csv.DictReader(handle)}
    with open(out, encoding="utf-8", newline="") as handle:
        assert [r == sample[r["Hardware name"]] for r in csv.DictReader(handle)] == [True, True]


@pytest.mark.skipif(not SNAPSHOT.exists(), reason="the full Epoch snapshot is not in this checkout")
def test_extract_from_the_snapshot_reproduces_the_shipped_file(tmp_path):
    out = tmp_path / "rows.csv"
    assert extract(SNAPSHOT, set(cited_rows(load_library(use_cache=False))), out) == []
    assert out.read_bytes() == SHIPPED.read_bytes()


def test_crosscheck_epoch_reads_the_shipped_rows_by_default(run):
    default = run("crosscheck", "epoch", "--all", "-f", "csv")
    explicit = run("crosscheck", "epoch", str(SHIPPED), "--all", "-f", "csv")
    assert default.exit_code == 0 and default.stdout == explicit.stdout
    rows = list(csv.DictReader(default.stdout.splitlines()))
    assert {r["chip"] for r in rows} >= {"huawei-ascend-910b", "nvidia-h20", "cambricon-mlu370-x8"}
    h20 = {r["metric"]: r for r in rows if r["chip"] == "nvidia-h20"}
    assert h20["memory_capacity"]["epoch"] == "96.0" and h20["memory_capacity"]["status"] == "agrees"
