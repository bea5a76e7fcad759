"""chipcmp for notebooks and scripts: the commands as functions that return result objects.

Each function takes chip names as the CLI does (ids or aliases, case-insensitive)
and an optional `library` (default: the shipped one, loaded once). A result has
`document()` (the JSON structure), `rows()` (the CSV rows), `to_dict()`,
`to_frame()` (with pandas installed) and `markdown()`; in Jupyter it shows as a
Markdown table.
"""

from __future__ import annotations

from .model import Library

_shipped: Library | None = None


def library(specs: str | None = None) -> Library:
    """The library at `specs` (default: the shipped one, kept after the first load)."""
    global _shipped
    from .data.library import load_library

    if specs is not None:
        return load_library(specs)
    if _shipped is None:
        _shipped = load_library()
    return _shipped


def compare(*chips: str, metrics: list[str] | None = None, baseline: str | None = None,
            sparsity: str = "dense", library: Library | None = None):
    """Chips side by side; ratios are chip ÷ baseline (default: the first chip)."""
    from .analysis.comparison import compare as build
    from .data.library import resolve, resolve_all
    from .present.comparing import ComparisonResult

    lib = _library(library)
    base = resolve(lib, baseline) if baseline else None
    return ComparisonResult(build(lib, resolve_all(lib, list(chips)), metrics, base, sparsity))


def check(*names: str, library: Library | None = None):
    """Claims (by id, or about chips) against the specs, with verdicts."""
    from .analysis.figures import Figures
    from .analysis.verdicts import check as check_claim
    from .data.library import select_claims
    from .present.claims import CheckResult

    lib = _library(library)
    figures = Figures(lib)
    return CheckResult([check_claim(c, lib, figures) for c in select_claims(lib, list(names))])


def controls(*chips: str, rule: str | None = None, library: Library | None = None):
    """Export-control classes (TPP, performance density) of chips; every chip by default."""
    from .analysis.controls import classify, per_chip
    from .analysis.figures import Figures
    from .data.library import resolve_all, select_rules
    from .present.controls import ControlsResult

    lib = _library(library)
    found = resolve_all(lib, list(chips)) if chips else [c for c in lib.chips.values() if c.kind != "system"]
    found, notes = per_chip(lib, found)
    figures = Figures(lib)
    return ControlsResult([classify(c, r, figures) for c in found for r in select_rules(lib, rule)], notes)


def rank(by: str, per: str | None = None, vendor: str | None = None, country: str | None = None,
         kind: str | None = None, sparsity: str = "dense", library: Library | None = None):
    """Records ordered by a metric, by the lowest sourced figure."""
    from .analysis.ranking import per_metric
    from .analysis.ranking import rank as build
    from .data.library import select_records
    from .present.records import RankResult

    lib = _library(library)
    key = per_metric(by, per)
    entries, without = build(lib, select_records(lib, vendor, country, kind, systems=False), key, sparsity)
    return RankResult(entries, without, key, sparsity)


def show(chip: str, library: Library | None = None):
    """Every value of one record with its source."""
    from .analysis.controls import classify
    from .analysis.figures import Figures
    from .data.library import resolve
    from .present.records import ShowResult

    lib = _library(library)
    found = resolve(lib, chip)
    figures = Figures(lib)
    classes = [classify(found, r, figures) for r in lib.rules.values()] if found.kind != "system" else []
    return ShowResult(found, lib, figures, classes)


def export(layout: str = "long", derived: bool = True, library: Library | None = None):
    """The whole library: `long` (a row per value with its source), `wide` or `wide-full`."""
    from .analysis.figures import Figures
    from .present.exports import ExportResult

    lib = _library(library)
    return ExportResult(lib, Figures(lib), layout, derived)


def _library(given: Library | None) -> Library:
    return given if given is not None else library()
