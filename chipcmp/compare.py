"""Side-by-side comparison: which figures to set against each other, and their ratios."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ChipcmpError
from .metrics import CATALOGUE, METRICS, Metric
from .model import Chip, Value

# Markers shown next to a value; the same words label flags in CSV and JSON.
MARKERS = {
    "range": ("↔", "a published range"),
    "approximate": ("~", "approximate (the source says 'about')"),
    "conflict": ("≠", "sources disagree: every value is shown"),
    "unspecified-sparsity": ("?", "the source does not say dense or sparse"),
    "scope": ("§", "covers part of the record only (per die, per package ...)"),
    "binary-prefix": ("β", "published with binary prefixes (GiB), converted exactly"),
    "derived": ("ƒ", "derived by the library's authors from published figures"),
}


@dataclass
class Cell:
    chip: Chip
    values: list[Value]
    note: str | None = None  # why the cell is empty, e.g. "sparse figure only"
    ratio: tuple[float, float] | None = None

    @property
    def low(self) -> float | None:
        return min(v.low for v in self.values) if self.values and self.values[0].low is not None else None

    @property
    def high(self) -> float | None:
        return max(v.high for v in self.values) if self.values and self.values[0].high is not None else None

    @property
    def flags(self) -> list[str]:
        found = set()
        if len({(v.low, v.high, v.text) for v in self.values}) > 1:
            found.add("conflict")
        for v in self.values:
            if v.is_range:
                found.add("range")
            if v.approximate:
                found.add("approximate")
            if v.sparsity == "unspecified":
                found.add("unspecified-sparsity")
            if v.scope:
                found.add("scope")
            if v.binary_prefix:
                found.add("binary-prefix")
            if v.derived:
                found.add("derived")
        return [f for f in MARKERS if f in found]


@dataclass
class Row:
    metric: Metric
    cells: list[Cell]


@dataclass
class Comparison:
    chips: list[Chip]
    baseline: Chip
    sparsity: str
    rows: list[Row] = field(default_factory=list)


def select(chip: Chip, metric: Metric, sparsity: str) -> Cell:
    """The chip's figures for a metric in the requested sparsity, never mixing dense and sparse."""
    values = chip.values_for(metric.key)
    if not metric.throughput:
        return Cell(chip, values)
    wanted = ("dense", "unspecified") if sparsity == "dense" else ("sparse",)
    chosen = [v for v in values if v.sparsity in wanted]
    note = None
    if values and not chosen:
        other = "sparse" if sparsity == "dense" else "dense"
        note = f"{other} figure only"
    return Cell(chip, chosen, note)


def _ratio(cell: Cell, base: Cell) -> tuple[float, float] | None:
    if cell.low is None or base.low is None or base.low <= 0 or base.high <= 0:
        return None
    return (cell.low / base.high, cell.high / base.low)


def compare(chips: list[Chip], metrics: list[str] | None = None,
            baseline: Chip | None = None, sparsity: str = "dense") -> Comparison:
    """Compare chips metric by metric; ratios are chip ÷ baseline as [low, high]."""
    if sparsity not in ("dense", "sparse"):
        raise ChipcmpError(f"sparsity must be dense or sparse, not {sparsity!r}")
    baseline = baseline or chips[0]
    if baseline not in chips:
        chips = [baseline, *chips]
    if metrics:
        chosen = [METRICS[m] for m in metrics]
    else:
        chosen = [m for m in CATALOGUE if any(c.values_for(m.key) for c in chips)]
    result = Comparison(chips, baseline, sparsity)
    for metric in chosen:
        cells = [select(c, metric, sparsity) for c in chips]
        base = cells[chips.index(baseline)]
        if metric.ratio and not metric.is_text:
            for cell in cells:
                cell.ratio = _ratio(cell, base)
        result.rows.append(Row(metric, cells))
    return result
