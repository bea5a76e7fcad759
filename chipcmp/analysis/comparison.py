"""Side-by-side comparison: which figures to set against each other, and their ratios."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.plausibility import LIKELY_SPARSE
from .derived import in_sparsity, likely_sparse
from ..errors import ChipcmpError
from .figures import Figures
from ..metrics import CATALOGUE, METRICS, Metric
from ..model import Chip, Library, Value, published_leaves
from .systems import TOLERANCE, relative_gap

# Markers shown next to a value; the same words label flags in CSV and JSON.
MARKERS = {
    "range": ("↔", "a published range"),
    "approximate": ("~", "approximate (the source says 'about')"),
    "conflict": ("≠", "sources disagree: every value is shown"),
    "unspecified-sparsity": ("?", "the source does not say dense or sparse"),
    "scope": ("§", "covers part of the record only (per die, per package ...)"),
    "binary-prefix": ("β", "published with binary prefixes (GiB), converted exactly"),
    "derived": ("ƒ", "derived from published figures (its inputs are listed in JSON and `show`)"),
    "aggregate": ("Σ", "summed over the system's parts"),
    "parts-differ": ("Δ", f"the sum over parts and the published system figure differ by over {TOLERANCE:.0%}"),
    "likely-sparse": ("‡", "likely a 2:4-sparse figure (2× another source's dense one): kept out of "
                           "dense figures, ratios, TPP and PD"),
    "implausible": ("!", "fails a plausibility check (`chipcmp validate` says which)"),
    "not-shipping": ("◇", "planned or announced, not shipping"),
}

# Derived metrics shown by default; the per-precision ones are there on request.
DEFAULT_DERIVED = ("tpp", "performance_density")


@dataclass
class Cell:
    chip: Chip
    values: list[Value]
    note: str | None = None  # why the cell is empty, e.g. "sparse figure only"
    ratio: tuple[float, float] | None = None
    # Likely 2:4-sparse figures of a dense cell: shown, but not in its figures or ratio.
    set_aside: list[Value] = field(default_factory=list)

    @property
    def low(self) -> float | None:
        return min(v.low for v in self.values) if self.values and self.values[0].low is not None else None

    @property
    def high(self) -> float | None:
        return max(v.high for v in self.values) if self.values and self.values[0].high is not None else None

    @property
    def flags(self) -> list[str]:
        """Markers for the cell: its own (see cell_flags) and those of each figure in it."""
        found = set(self.cell_flags)
        for v in self.values:
            found |= value_flags(self.chip, v)
        return [f for f in MARKERS if f in found]

    @property
    def cell_flags(self) -> list[str]:
        """Markers that belong to the cell as a whole: sources disagree, the sum over parts
        differs from the published figure, a likely-sparse figure was set aside."""
        found = set()
        if len({(v.low, v.high, v.text) for v in self.values}) > 1:
            found.add("conflict")
        published = [v for v in self.values if v.origin != "aggregate"]
        aggregated = [v for v in self.values if v.origin == "aggregate"]
        gap = relative_gap(published, aggregated)
        if gap is not None and abs(gap) > TOLERANCE:
            found.add("parts-differ")
        # A computed figure inherits a disagreement between the sources behind it.
        seen: dict[tuple, set] = {}
        for v in self.values:
            for owner, leaf in published_leaves(self.chip, v):
                seen.setdefault((owner.id, leaf.metric, leaf.sparsity), set()).add((leaf.low, leaf.high))
        if any(len(figures) > 1 for figures in seen.values()):
            found.add("conflict")
        if self.set_aside:
            found.add("likely-sparse")
        return [f for f in MARKERS if f in found]


def value_flags(chip: Chip, value: Value) -> set[str]:
    """Markers of one figure, with those of the published figures behind a computed one."""
    found = set()
    if value.origin == "derived":
        found.add("derived")
    if value.origin == "aggregate":
        found.add("aggregate")
    for v in [value] + [leaf for _, leaf in published_leaves(chip, value) if leaf is not value]:
        if likely_sparse(v):
            found.add("likely-sparse")
        if any(f != LIKELY_SPARSE for f in v.flags):
            found.add("implausible")
        if v.status != "shipping":
            found.add("not-shipping")
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
    return found


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
    warnings: list[str] = field(default_factory=list)


def select(chip: Chip, metric: Metric, sparsity: str, figures: Figures) -> Cell:
    """The chip's figures for a metric in the requested sparsity, never mixing dense and sparse."""
    values = figures(chip, metric.key)
    if not metric.throughput:
        return Cell(chip, values)
    chosen = in_sparsity(values, sparsity)
    set_aside = [v for v in values if sparsity == "dense" and likely_sparse(v)]
    note = None
    if values and not chosen:
        other = "sparse" if sparsity == "dense" else "dense"
        note = "likely 2:4-sparse figure only" if set_aside else f"{other} figure only"
    return Cell(chip, chosen, note, set_aside=set_aside)


def _ratio(cell: Cell, base: Cell) -> tuple[float, float] | None:
    if cell.low is None or base.low is None or base.low <= 0 or base.high <= 0:
        return None
    return (cell.low / base.high, cell.high / base.low)


def compare(library: Library, chips: list[Chip], metrics: list[str] | None = None,
            baseline: Chip | None = None, sparsity: str = "dense") -> Comparison:
    """Compare chips metric by metric; ratios are chip ÷ baseline as [low, high].

    Without `metrics`: every published metric any of the chips has (systems:
    also summed over their parts), then TPP and performance density.
    """
    if sparsity not in ("dense", "sparse"):
        raise ChipcmpError(f"sparsity must be dense or sparse, not {sparsity!r}")
    baseline = baseline or chips[0]
    if baseline not in chips:
        chips = [baseline, *chips]
    figures = Figures(library)
    if metrics:
        chosen = [METRICS[m] for m in metrics]
    else:
        candidates = list(CATALOGUE) + [METRICS[k] for k in DEFAULT_DERIVED]
        chosen = [m for m in candidates if any(figures(c, m.key) for c in chips)]
    result = Comparison(chips, baseline, sparsity)
    kinds = {c.kind == "system" for c in chips}
    if len(kinds) > 1:
        result.warnings.append("systems and single chips side by side: a system's figures are "
                               "for the whole system, a chip's for one chip")
    for metric in chosen:
        cells = [select(c, metric, sparsity, figures) for c in chips]
        base = cells[chips.index(baseline)]
        if metric.ratio and not metric.is_text:
            for cell in cells:  # the baseline against itself is 1, whatever its spread
                cell.ratio = (1.0, 1.0) if cell is base and base.low is not None else _ratio(cell, base)
        result.rows.append(Row(metric, cells))
    return result
