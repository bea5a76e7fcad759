"""Systems from their parts: aggregate figures, and how far they are from the published ones."""

from __future__ import annotations

from .derived import FigureLookup, inherited_flags, interval, likely_sparse, usable
from ..metrics import CATALOGUE, Metric, display_unit
from ..model import Chip, Input, Value
from ..numbers import fmt_range

# Figures that add up across parts. Power adds up to the chips' share only: a
# system also feeds CPUs, switches and cooling, so its published power is higher.
ADDITIVE = {m.key for m in CATALOGUE if m.throughput} | {"memory_capacity", "memory_bandwidth", "tdp"}
TOLERANCE = 0.10  # aggregate and published figures further apart than this are flagged


def aggregate(system: Chip, metric: Metric, lookup: FigureLookup, chips: dict[str, Chip]) -> list[Value]:
    """count × part figure, summed over the parts; one value per sparsity all parts share."""
    if not system.parts or metric.key not in ADDITIVE:
        return []
    members = [(part.count, chips[part.chip]) for part in system.parts if part.chip in chips]
    if len(members) != len(system.parts):
        return []
    figures = [(count, chip, usable(lookup(chip, metric.key))) for count, chip in members]
    results = []
    # A likely 2:4-sparse figure sums only with likely-sparse ones, and its sum keeps the flag.
    groups = [(s, likely) for s in ("dense", "sparse", "unspecified", None) for likely in (False, True)]
    for sparsity, likely in groups:
        chosen = [(count, chip, [v for v in values if v.sparsity == sparsity and likely_sparse(v) == likely])
                  for count, chip, values in figures]
        if not all(values for _, _, values in chosen):
            continue
        low = sum(count * min(v.low for v in values) for count, _, values in chosen)
        high = sum(count * max(v.high for v in values) for count, _, values in chosen)
        unit = display_unit(metric.unit)
        how = " + ".join(f"{count} × {chip.name} ({fmt_range(min(v.low for v in values), max(v.high for v in values))} {unit})"
                         for count, chip, values in chosen)
        if metric.key == "tdp":
            how += "; chips only, the system's other components are not counted"
        results.append(Value(
            metric=metric.key, source=None, line=None, published=f"{fmt_range(low, high)} {unit}",
            low=low, high=high, sparsity=sparsity, origin="aggregate",
            approximate=any(v.approximate for _, _, values in chosen for v in values),
            derived=f"sum of parts: {how}",
            inputs=[Input(chip, v) for _, chip, values in chosen for v in values],
            flags=inherited_flags([v for _, _, values in chosen for v in values]),
        ))
    return results


def relative_gap(published: list[Value], aggregated: list[Value]) -> float | None:
    """How far the aggregate lies outside the published figures, as a signed fraction.

    0 when the two overlap; +0.25 when the aggregate is 25% above the highest
    published figure; None when either side is missing.
    """
    if not published or not aggregated:
        return None
    (pub_low, pub_high), (agg_low, agg_high) = interval(published), interval(aggregated)
    if agg_low > pub_high:
        return (agg_low - pub_high) / pub_high
    if agg_high < pub_low:
        return (agg_high - pub_low) / pub_low
    return 0.0


def part_sums(system: Chip, figures) -> list[tuple[Value, list[Value], float | None]]:
    """For `show`: each sum over parts, the published figures beside it, and their gap."""
    rows = []
    for metric in CATALOGUE:
        found = figures(system, metric.key)
        published = [v for v in found if v.origin != "aggregate"]
        for summed in (v for v in found if v.origin == "aggregate"):
            same = [v for v in published if v.sparsity == summed.sparsity and v.low is not None]
            rows.append((summed, same, relative_gap(same, [summed])))
    return rows
