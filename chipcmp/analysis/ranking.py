"""Orderings over the library: rank by a metric, and the generation gap to another vendor."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .caveats import NOT_SHIPPING, not_shipping, status_note
from .derived import in_sparsity, usable
from ..errors import ChipcmpError, UsageError
from .figures import Figures
from ..metrics import METRICS
from ..model import Chip, Library, Value

# The metric `gap` uses when none is given: the first the chip publishes.
GAP_METRICS = ("bf16", "fp16", "fp32", "int8", "fp8")


# Which date `gap` reads, in order of preference: availability by default (a part
# customers could buy), or the first announcement.
DATE_ORDER = {"available": ("available", "released", "announced"),
              "announced": ("announced", "released", "available")}


@dataclass
class Entry:
    chip: Chip
    values: list[Value]
    date: str | None = None  # for gap: the date used ...
    date_kind: str | None = None  # ... and which one it is: available, released or announced

    @property
    def low(self) -> float:
        return min(v.low for v in self.values)

    @property
    def high(self) -> float:
        return max(v.high for v in self.values)


def per_metric(by: str, per: str | None) -> str:
    """The metric key for `--by bf16 --per watt` (bf16_per_watt); TPP per mm² is PD.

    A text metric, or a metric that is already per watt or per mm², is a usage error.
    """
    metric = METRICS[by]
    if metric.is_text:
        raise UsageError(f"--by: {by!r} is text ({metric.label}), which has no order; rank by a "
                         "numeric metric (see `chipcmp metrics`)")
    if per and (by.endswith(("_per_watt", "_per_mm2")) or by == "performance_density"):
        raise UsageError(f"--per: {by!r} is already a ratio; leave out --per, or rank by the "
                         "throughput it divides")
    if not per:
        key = by
    elif by == "tpp" and per == "mm2":
        key = "performance_density"
    else:
        key = f"{by}_per_{per}"
    if key not in METRICS:
        raise UsageError(f"--per: no metric {key!r}; --per works with throughput metrics and TPP "
                           "(see `chipcmp metrics`)")
    return key


def figures_in(chip: Chip, key: str, sparsity: str, figures: Figures) -> list[Value]:
    """A record's figures for a ranking: whole-record figures in the wanted sparsity.

    A derived metric reads the derived figures, or the published ones where none can be derived.
    """
    found = figures.preferred(chip, key) if METRICS[key].computed else figures(chip, key)
    return in_sparsity(usable(found), sparsity)


def record_date(chip: Chip, basis: str = "available") -> tuple[str, str] | None:
    """(kind, date) of the first date the record has in DATE_ORDER[basis]; None without one."""
    for kind in DATE_ORDER[basis]:
        if getattr(chip, kind):
            return kind, getattr(chip, kind)
    return None


def rank(library: Library, chips: list[Chip], key: str, sparsity: str = "dense") -> tuple[list[Entry], list[Chip]]:
    """Entries ordered by their lowest sourced figure (the conservative end), then the highest.

    Returns the ranked entries and the records that have no figure.
    """
    figures = Figures(library)
    entries, without = [], []
    for chip in chips:
        values = figures_in(chip, key, sparsity, figures)
        if values:
            entries.append(Entry(chip, values))
        else:
            without.append(chip)
    entries.sort(key=lambda e: (-e.low, -e.high, e.chip.id))
    return entries, without


@dataclass
class Gap:
    chip: Entry
    metric: str
    vendor: str
    match: Entry | None  # earliest vendor record whose lowest figure reaches the chip's highest
    possible: Entry | None  # earliest whose figures could reach the chip's (ranges overlap)
    years: float | None  # chip date − match date (see Entry.date_kind)
    basis: str = "available"  # which date was asked for: available or announced
    not_shipping: list[str] = field(default_factory=list)  # "announced", "planned" among the figures read
    note: str = ""  # which dates were used, and whether the match rests on unshipped figures
    undated: list[str] = field(default_factory=list)  # vendor records with the metric but no date


def gap(library: Library, chip: Chip, vendor: str, key: str | None = None, sparsity: str = "dense",
        basis: str = "available") -> Gap:
    """The earliest `vendor` record that matches `chip` on `key`, dated by `basis` (see DATE_ORDER)."""
    if basis not in DATE_ORDER:
        raise ChipcmpError(f"date must be one of {', '.join(DATE_ORDER)}, not {basis!r}")
    if chip.vendor.casefold() == vendor.casefold():
        raise UsageError(f"--vs: {chip.name} is {chip.vendor}'s own; gap measures against another "
                         "vendor (--vs VENDOR)")
    vendors = {c.vendor.casefold() for c in library.chips.values()}
    if vendor.casefold() not in vendors:
        raise UsageError(f"--vs: no vendor {vendor!r} in the library; vendors: "
                         + ", ".join(sorted({c.vendor for c in library.chips.values()})))
    figures = Figures(library)
    if key is None:
        key = next((k for k in GAP_METRICS if figures_in(chip, k, sparsity, figures)), None)
        if key is None:
            raise ChipcmpError(f"{chip.name} publishes none of {', '.join(GAP_METRICS)}; "
                               "choose one with --metric")
    values = figures_in(chip, key, sparsity, figures)
    if not values:
        raise ChipcmpError(f"no sourced {METRICS[key].label} figure for {chip.name}")
    target = Entry(chip, values, *_date(chip, basis))
    rivals = [c for c in library.chips.values() if c.vendor.casefold() == vendor.casefold()
              and c.kind != "system" and record_date(c, basis) and c.id != chip.id]
    if not rivals:
        raise ChipcmpError(f"no dated records from vendor {vendor!r}")
    rivals.sort(key=lambda c: (_as_date(record_date(c, basis)[1]), c.id))
    candidates = [Entry(c, v, *_date(c, basis)) for c in rivals if (v := figures_in(c, key, sparsity, figures))]
    match = next((e for e in candidates if e.low >= target.high), None)
    possible = next((e for e in candidates if e.high >= target.low), None)
    years = None
    if match and target.date:
        years = _years_between(match.date, target.date)
    result = Gap(target, key, vendor, match, possible if possible is not match else None, years, basis)
    result.undated = sorted(c.id for c in library.chips.values()
                            if c.vendor.casefold() == vendor.casefold() and c.kind != "system"
                            and not record_date(c, basis) and figures_in(c, key, sparsity, figures))
    read = [e for e in (target, match) if e]
    found = {s for e in read for s in not_shipping(e.chip, e.values)}
    result.not_shipping = [s for s in NOT_SHIPPING if s in found]
    dates = [f"{e.chip.name}: {e.date_kind} {e.date}" for e in read if e.date]
    result.note = "; ".join(filter(None, [f"dates used ({basis} first): " + ", ".join(dates) if dates else "",
                                          status_note(result.not_shipping)]))
    return result


def _date(chip: Chip, basis: str) -> tuple[str | None, str | None]:
    """(date, kind) for an Entry."""
    found = record_date(chip, basis)
    return (found[1], found[0]) if found else (None, None)


def _years_between(earlier: str, later: str) -> float:
    """Years from one date to another, to the precision of the less precise one: two dates
    given as years only ("2022") differ by whole years, never by 0.7 of a year."""
    if min(earlier.count("-"), later.count("-")) == 0:
        return float(int(later[:4]) - int(earlier[:4]))
    return round((_as_date(later) - _as_date(earlier)).days / 365.25, 1)


def _as_date(text: str) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD; missing parts count as the first month or day."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])
