"""Cross-check the library against Epoch AI's "Machine Learning Hardware" CSV.

Epoch keeps one number per field in base units (FLOP/s, byte/s, W; internode
bandwidth in bit/s) with no dense/sparse column. This module maps its columns
onto chipcmp metrics and reports, per chip and metric, whether the two agree.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ChipcmpError
from .loader import normalize_name
from .model import Chip, Library, Value

# Epoch column -> (chipcmp metric, factor from Epoch's unit to the metric's unit, remark)
COLUMNS = {
    "Tensor-FP16/BF16 performance (FLOP/s)": ("bf16", 1e-12, ""),
    "FP8 performance (FLOP/s)": ("fp8", 1e-12, ""),
    "FP4 performance (FLOP/s)": ("fp4", 1e-12, ""),
    "TF32 (TensorFloat-32) performance (FLOP/s)": ("tf32", 1e-12, ""),
    "FP64 (double precision) performance (FLOP/s)": ("fp64", 1e-12, ""),
    "FP32 (single precision) performance (FLOP/s)": ("fp32", 1e-12, ""),
    "FP16 (half precision) performance (FLOP/s)": (
        "fp16", 1e-12, "Epoch's plain FP16 column: a tensor figure for most Chinese chips, "
        "a shader figure for GPUs"),
    "INT8 performance (OP/s)": ("int8", 1e-12, ""),
    "INT4 performance (OP/s)": ("int4", 1e-12, ""),
    "Memory (bytes)": ("memory_capacity", 1e-9, ""),
    "Memory bandwidth (byte/s)": ("memory_bandwidth", 1e-9, ""),
    "Intranode bandwidth (byte/s)": ("interconnect_bandwidth", 1e-9, ""),
    "TDP (W)": ("tdp", 1.0, ""),
    "Die Size (mm^2)": ("die_area", 1.0, ""),
    "Process size (nm)": ("process_node", 1.0, ""),
    "Transistors (millions)": ("transistors", 1e-3, ""),
}
# Epoch's "Internode bandwidth (bit/s)" is the network link per node (InfiniBand,
# Ethernet), which chipcmp does not catalogue: it is never compared with
# chip-to-chip interconnect, whose figures are bytes per second.

# Where a column's figure may legitimately sit under another chipcmp metric.
ALTERNATES = {"bf16": ("fp16",), "fp16": ("fp16_vector", "bf16"), "fp32": ("tf32",)}
TOLERANCE = 0.02  # published figures are rounded differently; 2 % counts as agreement


@dataclass
class Finding:
    chip: Chip
    epoch_name: str
    metric: str
    epoch_value: float
    status: str  # agrees | conflict-kept | sparse-in-epoch | disagrees | missing-in-chipcmp
    matched: list[Value] = field(default_factory=list)
    remark: str = ""
    epoch_source: str = ""


def read_epoch(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ChipcmpError(f"{path}: cannot read Epoch CSV: {exc}") from None
    if not rows or "Hardware name" not in rows[0]:
        raise ChipcmpError(f"{path}: not Epoch's ML hardware CSV (no 'Hardware name' column)")
    return rows


def match_chip(library: Library, epoch_name: str) -> Chip | None:
    """The chip whose id, name or alias (optionally after the vendor) is Epoch's name."""
    key = normalize_name(epoch_name)
    for chip in library.chips.values():
        names = [chip.id, chip.name, *chip.aliases, *(f"{chip.vendor} {a}" for a in chip.aliases)]
        if key in (normalize_name(n) for n in names):
            return chip
    return None


def _within(value: Value, x: float) -> bool:
    return value.low * (1 - TOLERANCE) <= x <= value.high * (1 + TOLERANCE)


def compare_row(chip: Chip, row: dict) -> list[Finding]:
    findings = []
    for column, (metric, factor, remark) in COLUMNS.items():
        raw = (row.get(column) or "").strip()
        if not raw:
            continue
        try:
            x = float(raw) * factor
        except ValueError:
            continue
        finding = Finding(chip, row["Hardware name"], metric, x, "missing-in-chipcmp",
                          remark=remark, epoch_source=(row.get("Link to datasheet") or "").strip())
        candidates = [v for m in (metric, *ALTERNATES.get(metric, ())) for v in chip.values_for(m)
                      if v.low is not None]
        same_metric = [v for v in candidates if v.metric == metric]
        hits = [v for v in candidates if _within(v, x)]
        if hits:
            hit_metrics = {v.metric for v in hits}
            others = [v for v in candidates if v.metric in hit_metrics and v not in hits
                      and v.sparsity != "sparse"]
            if all(v.sparsity == "sparse" for v in hits):
                finding.status = "sparse-in-epoch"
            else:
                # Epoch matches one of chipcmp's sources while another disagrees.
                finding.status = "conflict-kept" if others else "agrees"
            finding.matched = hits + others
            if hits[0].metric != metric:
                finding.remark = (finding.remark + "; " if finding.remark else "") + \
                    f"matches chipcmp's {hits[0].metric}"
        elif candidates:
            finding.status = "disagrees"
            finding.matched = same_metric or candidates
        findings.append(finding)
    return findings


def crosscheck(library: Library, rows: list[dict]) -> list[Finding]:
    """Findings for every Epoch row that matches a chip (other rows are outside the library)."""
    matched: dict[str, list[dict]] = {}
    for row in rows:
        chip = match_chip(library, row["Hardware name"])
        if chip is not None:
            matched.setdefault(chip.id, []).append(row)
    findings = []
    for chip_id, chip_rows in matched.items():
        chip = library.chips[chip_id]
        # Epoch may list a family row ("NVIDIA A100") beside the exact variant;
        # the row named exactly like the record wins.
        exact = [r for r in chip_rows if normalize_name(r["Hardware name"]) == normalize_name(chip.name)]
        for row in exact or chip_rows:
            findings += compare_row(chip, row)
    return findings
