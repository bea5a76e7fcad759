"""Cross-check the library against Epoch AI's "Machine Learning Hardware" CSV.

Epoch keeps one number per field in base units (FLOP/s, byte/s, W; internode
bandwidth in bit/s) with no dense/sparse column (sparsity is only in its Notes).
This module maps its columns onto chipcmp metrics and reports, per chip and
metric, whether the two agree.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ChipcmpError
from ..metrics import METRICS
from ..model import Chip, Library, Value
from ..data.naming import normalize_name
from ..numbers import fmt_plain

# Epoch column -> (chipcmp metric, factor from Epoch's unit to the metric's unit, remark)
COLUMNS = {
    "Tensor-FP16/BF16 performance (FLOP/s)": ("bf16", 1e-12, ""),
    "FP8 performance (FLOP/s)": ("fp8", 1e-12, ""),
    "FP4 performance (FLOP/s)": ("fp4", 1e-12, ""),
    "TF32 (TensorFloat-32) performance (FLOP/s)": ("tf32", 1e-12, ""),
    "FP64 (double precision) performance (FLOP/s)": ("fp64", 1e-12, ""),
    "FP32 (single precision) performance (FLOP/s)": ("fp32", 1e-12, ""),
    "FP16 (half precision) performance (FLOP/s)": (
        "fp16", 1e-12, ("Epoch's plain FP16 column: a tensor figure for most Chinese chips, "
                        "a shader figure for GPUs")),
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
# Ethernet), which chipcmp does not catalogue: it is not compared with chip-to-chip
# interconnect, whose figures are bytes per second. It is only reported where its
# digits equal a chipcmp interconnect figure, the sign of a GB/s figure typed as bit/s.
INTERNODE = "Internode bandwidth (bit/s)"
# Columns holding tensor rates, where NVIDIA's headline is the 2:4-sparse figure (twice the dense one).
TENSOR_METRICS = ("bf16", "fp8", "fp4", "tf32", "int8", "int4")
# Epoch's only word on sparsity: "Listed performance figures are without sparsity", or
# "We divide performance by 2 to convert it from performance over sparse matrices to ... dense".
DENSE_NOTE = re.compile(r"without sparsity|over dense matrices", re.IGNORECASE)

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
    epoch_sparsity: str | None = None  # "dense" where Epoch's notes say so; throughputs only


MAX_CSV_BYTES = 50_000_000  # Epoch's CSV is under 1 MB


def read_epoch(path: Path) -> list[dict]:
    from ..data.files import FileRefused, read_limited

    try:
        text = read_limited(path, MAX_CSV_BYTES).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except FileRefused as exc:
        raise ChipcmpError(f"{path}: {exc}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
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


def _number(row: dict, column: str) -> float | None:
    try:
        return float((row.get(column) or "").strip())
    except ValueError:
        return None


def _add_remark(finding: Finding, text: str) -> None:
    if text:
        finding.remark = f"{finding.remark}; {text}" if finding.remark else text


def epoch_sparsity(row: dict) -> str | None:
    return "dense" if DENSE_NOTE.search(row.get("Notes") or "") else None


def _sparse_remark(finding: Finding) -> str:
    """Name chipcmp figures, not marked sparse, that are twice Epoch's: likely 2:4-sparse headlines."""
    doubled = [v for v in finding.matched if v.sparsity != "sparse" and _within(v, 2 * finding.epoch_value)]
    if finding.metric not in TENSOR_METRICS or not doubled:
        return ""
    figures = ", ".join(f"{fmt_plain(v.low, v.high)} ({v.sparsity})" for v in doubled)
    epoch = "Epoch's dense figure" if finding.epoch_sparsity == "dense" else "Epoch's figure"
    verb = "is" if len(doubled) == 1 else "are"
    return f"chipcmp's {figures} {verb} 2× {epoch}: likely a 2:4-sparse figure"


def _internode_slip(chip: Chip, row: dict, source: str) -> Finding | None:
    """Epoch's internode bit/s where its digits are chipcmp's GB/s: a factor of 8 apart."""
    bits = _number(row, INTERNODE)
    values = [v for v in chip.values_for("interconnect_bandwidth") if v.low is not None]
    same_digits = [v for v in values if bits is not None and _within(v, bits * 1e-9)]
    if not same_digits:
        return None
    remark = (f"Epoch's internode {bits * 1e-9:g} Gbit/s ({bits / 8e9:g} GB/s) has the digits of "
              f"chipcmp's {fmt_plain(same_digits[0].low, same_digits[0].high)} GB/s: "
              "likely GB/s entered as bit/s")
    return Finding(chip, row["Hardware name"], "interconnect_bandwidth", bits / 8e9, "disagrees",
                   matched=values, remark=remark, epoch_source=source)


def compare_row(chip: Chip, row: dict) -> list[Finding]:
    findings = []
    source = (row.get("Link to datasheet") or "").strip()
    for column, (metric, factor, remark) in COLUMNS.items():
        raw = _number(row, column)
        if raw is None:
            continue
        x = raw * factor
        finding = Finding(chip, row["Hardware name"], metric, x, "missing-in-chipcmp", remark=remark,
                          epoch_source=source,
                          epoch_sparsity=epoch_sparsity(row) if METRICS[metric].throughput else None)
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
                _add_remark(finding, f"matches chipcmp's {hits[0].metric}")
        elif candidates:
            finding.status = "disagrees"
            finding.matched = same_metric or candidates
        _add_remark(finding, _sparse_remark(finding))
        findings.append(finding)
    slip = _internode_slip(chip, row, source)
    return findings + [slip] if slip else findings


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
