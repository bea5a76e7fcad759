"""Metrics chipcmp computes from published ones: per-watt, per-mm², ridge point, TPP, PD.

Every computed value keeps the published figures it came from (`inputs`), and
spans every combination of them: ranges and disagreeing sources widen the
result instead of being averaged away.
"""

from __future__ import annotations

from collections.abc import Callable

from ..data.plausibility import LIKELY_SPARSE
from ..metrics import CATALOGUE, METRICS, Metric, display_unit
from ..model import Chip, Input, Value
from ..numbers import fmt_range

# A lookup for the figures of one chip and metric (published, aggregated or derived).
FigureLookup = Callable[[Chip, str], list[Value]]

DENSE_OR_UNSPECIFIED = ("dense", "unspecified")


def likely_sparse(value: Value) -> bool:
    """An unspecified figure twice another source's dense one (or computed from one)."""
    return LIKELY_SPARSE in value.flags


def in_sparsity(values: list[Value], sparsity: str = "dense") -> list[Value]:
    """Throughputs of one kind: "dense" (figures of unstated sparsity count, flagged) or "sparse".

    A likely 2:4-sparse figure never counts as dense. Values of metrics without
    sparsity pass through: dense and sparse never mix.
    """
    wanted = DENSE_OR_UNSPECIFIED if sparsity == "dense" else ("sparse",)
    return [v for v in values if v.sparsity is None
            or (v.sparsity in wanted and not (sparsity == "dense" and likely_sparse(v)))]


def interval(values: list[Value]) -> tuple[float, float] | None:
    """[lowest low, highest high] over figures; None when there are none."""
    return (min(v.low for v in values), max(v.high for v in values)) if values else None


# Die area and transistor count describe a die by nature: a per-die figure is the
# one that counts (for export control, the "applicable die area").
PER_DIE_BY_NATURE = ("die_area", "transistors")


# An approximate figure this close to an exact one of the same metric is its rounding.
ROUNDING = 0.05


def usable(values: list[Value]) -> list[Value]:
    """Numeric figures for the whole record, for arithmetic: a per-die throughput never meets a
    per-card one, and an approximate figure that is a rounding of an exact one ("1 PFLOPS" beside
    1,024 TFLOPS) gives way to it, so it never widens a result into a range. An approximate figure
    that really differs (a "~120 kW" estimate beside 145 kW) stays. Tables show every figure."""
    found = [v for v in values if v.low is not None
             and (not v.scope or (v.scope == "die" and v.metric in PER_DIE_BY_NATURE))]
    exact = [v for v in found if not v.approximate]

    def rounding(v: Value) -> bool:
        return any(e.metric == v.metric and e.sparsity == v.sparsity
                   and abs(v.low - e.low) <= ROUNDING * e.low and abs(v.high - e.high) <= ROUNDING * e.high
                   for e in exact)

    return [v for v in found if not v.approximate or not rounding(v)]


def compute(chip: Chip, metric: Metric, lookup: FigureLookup) -> list[Value]:
    if metric.key == "tpp":
        return tpp(chip, lookup)
    formula = metric.formula
    numerators = usable(lookup(chip, formula.numerator))
    denominators = [v for v in usable(lookup(chip, formula.denominator)) if v.low > 0]
    if not numerators or not denominators:
        return []
    # The throughput side keeps its sparsity: one result per sparsity, never mixed; a likely
    # 2:4-sparse figure gets a result of its own, which inherits its flag.
    groups: dict[tuple[str | None, bool], tuple[list[Value], list[Value]]] = {}
    if METRICS[formula.numerator].throughput:
        for v in numerators:
            groups.setdefault((v.sparsity, likely_sparse(v)), ([], denominators))[0].append(v)
    elif METRICS[formula.denominator].throughput:
        for v in denominators:
            groups.setdefault((v.sparsity, likely_sparse(v)), (numerators, []))[1].append(v)
    else:
        groups[(None, False)] = (numerators, denominators)
    results = []
    for (sparsity, _), (top, bottom) in groups.items():
        low = min(v.low for v in top) / max(v.high for v in bottom) * formula.scale
        high = max(v.high for v in top) / min(v.low for v in bottom) * formula.scale
        how = f"{_describe(formula.numerator, top)} ÷ {_describe(formula.denominator, bottom)}"
        results.append(_computed(chip, metric, low, high, sparsity, how, top + bottom))
    return results


def tpp(chip: Chip, lookup: FigureLookup) -> list[Value]:
    """Total processing performance: max over precisions of dense TOPS (or TFLOPS) × bit length.

    Figures whose sparsity the source does not state count as dense and keep
    that flag; 2:4-sparse figures, and likely 2:4-sparse ones, never count.
    """
    best: list[tuple[float, float, Metric, list[Value]]] = []
    for metric in CATALOGUE:
        if not metric.bits:
            continue
        values = in_sparsity(usable(lookup(chip, metric.key)))
        if values:
            best.append((min(v.low for v in values) * metric.bits,
                         max(v.high for v in values) * metric.bits, metric, values))
    if not best:
        return []
    low = max(b[0] for b in best)
    high = max(b[1] for b in best)
    winners = [b for b in best if b[0] == low or b[1] == high]
    inputs = [v for b in winners for v in b[3]]
    how = " or ".join(f"{_describe(b[2].key, b[3])} × {b[2].bits} bits" for b in winners)
    return [_computed(chip, METRICS["tpp"], low, high, None, f"max over precisions: {how}", inputs)]


def _describe(key: str, values: list[Value]) -> str:
    metric = METRICS[key]
    low = min(v.low for v in values)
    high = max(v.high for v in values)
    return f"{metric.label} {fmt_range(low, high)} {display_unit(metric.unit)}".rstrip()


def _computed(chip: Chip, metric: Metric, low: float, high: float, sparsity: str | None,
              how: str, inputs: list[Value]) -> Value:
    return Value(
        metric=metric.key, source=None, line=None,
        published=f"{fmt_range(low, high)} {display_unit(metric.unit)}".rstrip(),
        low=low, high=high, sparsity=sparsity,
        approximate=any(v.approximate for v in inputs), derived=how, origin="derived",
        inputs=[Input(chip, v) for v in inputs], flags=inherited_flags(inputs),
    )


def inherited_flags(inputs: list[Value]) -> list[str]:
    """The plausibility flags of the figures a computed one rests on, each once."""
    return list(dict.fromkeys(f for v in inputs for f in v.flags))
