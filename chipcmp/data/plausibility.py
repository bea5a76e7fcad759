"""Plausibility checks over a loaded library: figures that validate one by one but do not add up.

Each finding is a warning at the value's file:line (`chipcmp validate`; `--strict`
makes them errors) and a flag on the value (Value.flags). Flagged values stay in
the library and in every output; analysis keeps a likely-sparse figure out of
dense arithmetic, and says when a verdict rests on a flagged figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from ..metrics import METRICS, display_unit
from ..model import Chip, Library, Value
from ..numbers import fmt_number

LIKELY_SPARSE = "likely-sparse"
UNMARKED_ROUNDING = "unmarked-rounding"
BELOW_PARTS = "below-parts"
ABOVE_PARTS = "above-parts"
SPARSE_NOT_DOUBLE = "sparse-not-double"

# What each flag means, for legends and JSON readers.
FLAGS = {
    LIKELY_SPARSE: "likely a 2:4-sparse figure: 2× a dense figure from another source",
    UNMARKED_ROUNDING: "a rounding of another source's figure, not marked approximate",
    BELOW_PARTS: "below the sum of the system's parts",
    ABOVE_PARTS: "above the sum over the system's parts",
    SPARSE_NOT_DOUBLE: "sparse figure not 2× the same source's dense one",
}

DOUBLE_TOLERANCE = 0.03  # "2×" within 3%: vendors round 989.4 and 1,979 independently
# A rounding to one or two significant digits is only taken for one when it is this close:
# 1 PFLOPS vs 1,024 TFLOPS (2.3%) is; B200 8 TB/s vs 7.7 TB/s (two NVIDIA figures) is not.
ROUNDING_LIMIT = 0.03
# Vendors whose sparse throughput is 2:4 structured sparsity, exactly twice the dense one.
TWO_FOUR_VENDORS = ("nvidia",)
# What a system may not exceed (memory) or fall below (power) of its parts' sum.
PART_BOUNDS = {"tdp": BELOW_PARTS, "memory_capacity": ABOVE_PARTS}


@dataclass
class Finding:
    chip: Chip
    value: Value
    flag: str
    message: str

    @property
    def problem(self) -> Problem:
        return Problem(self.chip.path, self.value.line, f"specs.{self.value.metric}: {self.message}",
                       "warning")


def findings(library: Library) -> list[Finding]:
    """Every plausibility finding in the library, in file order."""
    found = []
    for chip in library.chips.values():
        found += likely_sparse(chip) + unmarked_roundings(chip) + sparse_not_double(chip)
        found += beyond_parts(chip, library)
    return sorted(found, key=lambda f: (f.chip.path, f.value.line or 0))


def annotate(library: Library) -> list[Finding]:
    """Flag every value that fails a check (idempotent); returns the findings."""
    found = findings(library)
    for finding in found:
        if finding.flag not in finding.value.flags:
            finding.value.flags.append(finding.flag)
    return found


def warnings(library: Library) -> list[Problem]:
    """The findings to report: all but those on values a maintainer marked `reviewed` (with why).

    A reviewed value keeps its flag, so outputs and verdicts still say it fails the check.
    """
    return [f.problem for f in findings(library) if not f.value.reviewed]


def _exact(values: list[Value]) -> list[Value]:
    return [v for v in values if v.origin == "published" and v.low is not None]


def _quoted(value: Value) -> str:
    return f"{value.published!r}"


def _within(x: float, low: float, high: float, tolerance: float) -> bool:
    return low * (1 - tolerance) <= x <= high * (1 + tolerance)


def _doubles(top: Value, bottom: Value) -> bool:
    """top ≈ 2 × bottom (ranges: some figure of each side fits)."""
    return (_within(top.low, 2 * bottom.low, 2 * bottom.high, DOUBLE_TOLERANCE)
            or _within(top.high, 2 * bottom.low, 2 * bottom.high, DOUBLE_TOLERANCE))


def _same(top: Value, bottom: Value) -> bool:
    return (_within(top.low, bottom.low, bottom.high, DOUBLE_TOLERANCE)
            or _within(top.high, bottom.low, bottom.high, DOUBLE_TOLERANCE))


def likely_sparse(chip: Chip) -> list[Finding]:
    """An unspecified throughput ≈ 2× another source's dense figure, and ≈ none of the dense ones."""
    found = []
    for metric in (m for m in METRICS.values() if m.throughput and not m.computed):
        values = [v for v in _exact(chip.values_for(metric.key)) if not v.scope]
        dense = [v for v in values if v.sparsity == "dense"]
        for value in (v for v in values if v.sparsity == "unspecified"):
            if any(_same(value, d) for d in dense):
                continue
            double = next((d for d in dense if d.source != value.source and _doubles(value, d)), None)
            if double:
                found.append(Finding(chip, value, LIKELY_SPARSE, (
                    f"{_quoted(value)} (sparsity unspecified) is 2× the dense {_quoted(double)} of "
                    f"source {double.source}: likely 2:4-sparse, so it is kept out of dense figures, "
                    "ratios, TPP and PD; tag it sparse, or dense with a note if its source says so")))
    return found


def significant_digits(x: float) -> int:
    """1,000 -> 1; 1,024 -> 4; 311.8 -> 4; 0.5 -> 1."""
    digits = f"{abs(x):.12g}".split("e")[0].replace(".", "").lstrip("0").rstrip("0")
    return max(len(digits), 1)


def round_significant(x: float, digits: int) -> float:
    return float(f"{x:.{digits - 1}e}")


def unmarked_roundings(chip: Chip) -> list[Finding]:
    """A single figure that equals another one rounded to its 1–2 significant digits, not marked ~."""
    found = []
    values = [v for v in _exact(chip.values) if v.low == v.high]
    for value in values:
        digits = significant_digits(value.low)
        if value.approximate or digits > 2:
            continue
        for other in values:
            if (other.metric, other.sparsity, other.scope) != (value.metric, value.sparsity, value.scope):
                continue
            if (significant_digits(other.low) > digits and round_significant(other.low, digits) == value.low
                    and abs(value.low - other.low) <= ROUNDING_LIMIT * other.low):
                unit = display_unit(METRICS[value.metric].unit)
                found.append(Finding(chip, value, UNMARKED_ROUNDING, (
                    f"{_quoted(value)} is {fmt_number(other.low)} {unit} (source {other.source}) "
                    f"rounded to {digits} significant digit{'s' if digits > 1 else ''}: "
                    "it must be marked approximate (approximate: true)")))
                break
    return found


def sparse_not_double(chip: Chip) -> list[Finding]:
    """Where the vendor's sparsity is 2:4, a source's sparse figure is twice its dense one."""
    if chip.vendor.casefold() not in TWO_FOUR_VENDORS:
        return []
    found = []
    for metric in (m for m in METRICS.values() if m.throughput and not m.computed):
        values = _exact(chip.values_for(metric.key))
        for value in (v for v in values if v.sparsity == "sparse"):
            dense = [v for v in values if v.sparsity == "dense" and v.source == value.source
                     and v.scope == value.scope]
            if dense and not any(_doubles(value, d) for d in dense):
                ratio = value.low / dense[0].low
                found.append(Finding(chip, value, SPARSE_NOT_DOUBLE, (
                    f"sparse {_quoted(value)} is {ratio:.3g}× the dense {_quoted(dense[0])} of the "
                    f"same source; {chip.vendor}'s 2:4 sparsity doubles the dense figure")))
    return found


def part_sum(system: Chip, key: str, library: Library) -> tuple[float, float] | None:
    """Σ count × part figure (lowest, highest) over the parts' own published figures; None if any lacks one."""
    low = high = 0.0
    for part in system.parts:
        if part.chip not in library.chips:
            return None
        values = [v for v in _exact(library.chips[part.chip].values_for(key)) if not v.scope]
        if not values:
            return None
        low += part.count * min(v.low for v in values)
        high += part.count * max(v.high for v in values)
    return low, high


def _rounded_like(total: float, figure: float) -> float:
    """`total` rounded to as many significant digits as `figure` has, when that is fewer."""
    digits = significant_digits(figure)
    return round_significant(total, digits) if digits < significant_digits(total) else total


def beyond_parts(system: Chip, library: Library) -> list[Finding]:
    """A system drawing less power than its parts' TDP, or holding more memory than they have."""
    if not system.parts:
        return []
    found = []
    for key, flag in PART_BOUNDS.items():
        total = part_sum(system, key, library)
        if total is None:
            continue
        unit = display_unit(METRICS[key].unit)
        for value in (v for v in _exact(system.values_for(key)) if not v.scope):
            # A system figure that is the sum rounded to its digits (49.2 TB for 49,152 GB) fits.
            if flag == BELOW_PARTS and value.high < _rounded_like(total[0], value.high):
                found.append(Finding(system, value, flag, (
                    f"{_quoted(value)} is below the sum of its parts' TDP ({fmt_number(total[0])} {unit} "
                    "at the least): implausible for the whole system")))
            elif flag == ABOVE_PARTS and value.low > _rounded_like(total[1], value.low):
                found.append(Finding(system, value, flag, (
                    f"{_quoted(value)} is above the sum over its parts ({fmt_number(total[1])} {unit} "
                    "at the most): more memory than its parts have")))
    return found
