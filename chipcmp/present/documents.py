"""Library objects as plain rows and documents, shared by CSV, JSON and the tables."""

from __future__ import annotations

from dataclasses import asdict, fields

from ..analysis.comparison import Cell, Comparison
from ..metrics import CATALOGUE, DERIVED, METRICS, column_unit
from ..model import Chip, Claim, Library, Source, Value, published_leaves
from ..numbers import fmt_plain

CHIP_COLUMNS = ["id", "name", "vendor", "country", "kind", "released"]


def chip_doc(chip: Chip) -> dict:
    return {k: getattr(chip, k) for k in ("id", "name", "vendor", "country", "kind", "released",
                                          "announced", "available", "aliases", "variant_of", "notes")}


def chip_summary(chip: Chip) -> dict:
    return {
        **{k: getattr(chip, k) for k in CHIP_COLUMNS},
        "aliases": "; ".join(chip.aliases),
        "values": len(chip.values),
        "sources": len(chip.sources),
    }


SOURCE_KEYS = [f.name for f in fields(Source)]


def source_doc(source: Source) -> dict:
    return asdict(source)


def value_doc(chip: Chip, value: Value) -> dict:
    """One value with everything a reader needs to check it; numbers stay numbers.

    A computed value has no source of its own: `inputs` lists the figures it
    came from, each with its record and source.
    """
    metric = METRICS[value.metric]
    doc = {
        "metric": value.metric,
        "unit": metric.unit,
        "low": value.low,
        "high": value.high,
        "text": value.text,
        "published": value.published,
        "approximate": value.approximate,
        "status": value.status,
        "flags": value.flags,
        "sparsity": value.sparsity,
        "scope": value.scope,
        "derived": value.derived,
        "note": value.note,
        "origin": value.origin,
        "source": source_doc(chip.sources[value.source]) if value.source else None,
    }
    if value.inputs:
        doc["inputs"] = [{"chip": i.chip.id, **value_doc(i.chip, i.value)} for i in value.inputs]
    return doc


def references(chip: Chip, values: list[Value]) -> str:
    """Where every figure behind these values was published, ' | '-separated, each once."""
    found = [owner.sources[leaf.source].reference()
             for v in values for owner, leaf in published_leaves(chip, v)]
    return " | ".join(dict.fromkeys(found))


def value_row(chip: Chip, value: Value, root: str | None = None) -> dict:
    """A flat (long-layout) row: chip, value, qualifiers and its full source.

    `file` is relative to the library root when one is given, so exports from
    two checkouts compare equal.
    """
    doc = value_doc(chip, value)
    doc.pop("inputs", None)
    source = doc.pop("source") or dict.fromkeys(SOURCE_KEYS)
    row = {"chip": chip.id, "chip_name": chip.name, "vendor": chip.vendor, "country": chip.country,
           "kind": chip.kind, "released": chip.released}
    row.update(doc)
    row["flags"] = " ".join(value.flags)  # plausibility flags, as in comparison cells
    row.update({f"source_{k}": v for k, v in source.items()})
    row["sources"] = references(chip, [value])  # for a computed value: its inputs' sources
    row["file"] = _relative(chip.path, root) if value.line else None
    row["line"] = value.line
    return row


def _relative(path: str, root: str | None) -> str:
    import os

    if not root:
        return path
    relative = os.path.relpath(path, root)
    return path if relative.startswith("..") else relative.replace(os.sep, "/")


def conflicting_metrics(chip: Chip) -> list[str]:
    """Metric keys (per sparsity) where the chip's sources publish different figures."""
    seen: dict[tuple, set] = {}
    for v in chip.values:
        seen.setdefault((v.metric, v.sparsity, v.scope), set()).add((v.low, v.high, v.text))
    return [f"{m}/{s}" if s else m for (m, s, _), found in seen.items() if len(found) > 1]


def claim_doc(claim: Claim) -> dict:
    doc = {k: v for k, v in asdict(claim).items() if k not in ("sources",)}
    doc["source"] = source_doc(claim.sources[claim.source])
    return doc


def claim_row(claim: Claim) -> dict:
    """A flat row for CSV and tables; `compares` is the metric, the workload, or both."""
    source = claim.sources[claim.source]
    return {
        "id": claim.id,
        "subject": claim.subject,
        "baseline": claim.baseline,
        "compares": " / ".join(filter(None, [claim.metric, claim.workload])),
        "phase": claim.phase,
        "precision": claim.precision,
        "ratio": claim.ratio,
        "ratio_low": claim.ratio_low,
        "ratio_high": claim.ratio_high,
        "wording": claim.wording,
        "claimed_by": claim.claimed_by,
        "claimed_on": claim.claimed_on,
        "quote": claim.quote,
        "source": source.citation(),
        "source_url": source.url,
        "source_tier": source.tier,
    }


def comparison_doc(comparison: Comparison) -> dict:
    return {
        "baseline": comparison.baseline.id,
        "sparsity": comparison.sparsity,
        "chips": [{k: getattr(c, k) for k in CHIP_COLUMNS} for c in comparison.chips],
        "rows": [
            {
                "metric": row.metric.key,
                "label": row.metric.label,
                "unit": row.metric.unit,
                "cells": [_cell_doc(cell) for cell in row.cells],
            }
            for row in comparison.rows
        ],
    }


def _cell_doc(cell: Cell) -> dict:
    return {
        "chip": cell.chip.id,
        "low": cell.low,
        "high": cell.high,
        "ratio": list(cell.ratio) if cell.ratio else None,
        "flags": cell.flags,
        "note": cell.note,
        "values": [value_doc(cell.chip, v) for v in cell.values],
        "set_aside": [value_doc(cell.chip, v) for v in cell.set_aside],
    }


def comparison_rows(comparison: Comparison) -> list[dict]:
    """Long layout: one row per (metric, chip); the ratio is chip ÷ baseline."""
    rows = []
    for row in comparison.rows:
        for cell in row.cells:
            rows.append({
                "metric": row.metric.key,
                "unit": row.metric.unit,
                "sparsity": comparison.sparsity if row.metric.throughput else None,
                "chip": cell.chip.id,
                "low": cell.low,
                "high": cell.high,
                "text": "; ".join(v.text for v in cell.values if v.text) or None,
                "baseline": comparison.baseline.id,
                "ratio_low": cell.ratio[0] if cell.ratio else None,
                "ratio_high": cell.ratio[1] if cell.ratio else None,
                "flags": " ".join(cell.flags),
                "note": cell.note,
                "sources": references(cell.chip, cell.values),
            })
    return rows


def wide_rows(library: Library, values_of) -> tuple[list[dict], list[str]]:
    """One row per chip; each column name carries metric, sparsity and unit (`--layout wide-full`).

    `values_of(chip)` gives the figures to export (see Figures.all_of). A cell
    holds the low and high ends (`_low`, `_high`): equal for one agreed figure,
    apart for a range or for sources that disagree (listed in `conflicts`).
    Sums over a system's parts get their own `_from_parts` columns. The long
    layout keeps every value with its source.
    """
    values = {chip.id: values_of(chip) for chip in library.chips.values()}
    columns: list[str] = []
    for metric in CATALOGUE + DERIVED:
        names = {_wide_name(v) for found in values.values() for v in found if v.metric == metric.key}
        for base in sorted(names, key=lambda n: (len(n), n)):
            columns += [base] if metric.is_text else [f"{base}_low", f"{base}_high"]
    rows = []
    for chip in library.chips.values():
        row = {k: getattr(chip, k) for k in CHIP_COLUMNS}
        row.update(dict.fromkeys(columns))
        for v in values[chip.id]:
            _widen(row, METRICS[v.metric], _wide_name(v), v)
        row["conflicts"] = " ".join(conflicting_metrics(chip))
        rows.append(row)
    return rows, CHIP_COLUMNS + columns + ["conflicts"]


def combined_rows(library: Library, figures, metrics) -> tuple[list[dict], list[str]]:
    """One row per chip, one column pair per metric (`--layout wide`, the default).

    The figures are the ones `compare` reads: for the whole record (no per-die
    figures), published before summed over parts, and for throughputs dense
    ones, else those whose source does not say; `<metric>_sparsity` says which.
    """
    columns: list[str] = []
    for metric in metrics:
        if metric.is_text:
            columns.append(metric.key)
            continue
        base = "_".join(p for p in (metric.key, column_unit(metric.unit)) if p)
        columns += [f"{base}_low", f"{base}_high"] + ([f"{metric.key}_sparsity"] if metric.throughput else [])
    rows = []
    for chip in library.chips.values():
        row = {k: getattr(chip, k) for k in CHIP_COLUMNS}
        row.update(dict.fromkeys(columns))
        for metric in metrics:
            found = [v for v in figures.preferred(chip, metric.key) if not v.scope]
            if metric.throughput:
                found = ([v for v in found if v.sparsity == "dense"]
                         or [v for v in found if v.sparsity == "unspecified"])
                if found:
                    row[f"{metric.key}_sparsity"] = found[0].sparsity
            base = "_".join(p for p in (metric.key, column_unit(metric.unit)) if p)
            for v in found:
                _widen(row, metric, base if not metric.is_text else metric.key, v)
        row["conflicts"] = " ".join(conflicting_metrics(chip))
        rows.append(row)
    return rows, CHIP_COLUMNS + columns + ["conflicts"]


def _widen(row: dict, metric, base: str, v: Value) -> None:
    """Add a figure to a wide row: text joined, numbers widening [low, high]."""
    if metric.is_text:
        row[base] = "; ".join(filter(None, [row[base], v.text]))
        return
    low, high = row[f"{base}_low"], row[f"{base}_high"]
    row[f"{base}_low"] = v.low if low is None else min(low, v.low)
    row[f"{base}_high"] = v.high if high is None else max(high, v.high)


def _wide_name(value: Value) -> str:
    """bf16_dense_tflops, memory_bandwidth_gb_s, fp16_unspecified_per_die_tflops."""
    scope = f"per_{value.scope}" if value.scope else None
    unit = column_unit(METRICS[value.metric].unit)
    origin = "from_parts" if value.origin == "aggregate" else None
    return "_".join(p for p in (value.metric, value.sparsity, scope, unit, origin) if p)


def part_sum_doc(chip: Chip, summed: Value, published: list[Value], gap) -> dict:
    return {**value_doc(chip, summed), "published": [value_doc(chip, v) for v in published], "gap": gap}


def finding_row(finding) -> dict:
    """A cross-check finding (crosscheck.Finding) as a flat row."""
    values = finding.matched
    chip = finding.chip
    return {
        "chip": chip.id,
        "epoch_name": finding.epoch_name,
        "metric": finding.metric,
        "unit": METRICS[finding.metric].unit,
        "epoch": round(finding.epoch_value, 6),
        "chipcmp": " / ".join(f"{fmt_plain(v.low, v.high)} ({v.sparsity})"
                              if v.sparsity else fmt_plain(v.low, v.high) for v in values),
        "status": finding.status,
        "epoch_sparsity": finding.epoch_sparsity,
        "remark": finding.remark,
        "chipcmp_sources": references(chip, values),
        "epoch_source": finding.epoch_source,
    }


def _pair(interval) -> list | None:
    return list(interval) if interval else None


def verdict_doc(verdict) -> dict:
    """A claim's verdict (verdicts.Verdict) with the figures behind it."""
    claim = verdict.claim
    return {
        "claim": claim.id,
        "verdict": verdict.verdict,
        "subject": claim.subject,
        "baseline": claim.baseline,
        "metric": claim.metric,
        "workload": claim.workload,
        "sparsity": verdict.sparsity,
        "claimed_text": claim.ratio,
        "claimed": list(verdict.claimed),
        "tolerance": verdict.tolerance,
        "accepted": list(verdict.accepted),
        "implied": _pair(verdict.implied),
        "reason": verdict.reason,
        "phase": verdict.phase,
        "bound_by": verdict.bound_by,
        "assumptions": verdict.assumptions,
        "measured": [{"ratio": m.ratio, "phase": m.phase, "workload": m.workload()} for m in verdict.measured],
        "not_shipping": verdict.not_shipping,
        "flagged": [{"chip": chip.id, **value_doc(chip, v)} for chip, v in verdict.flagged],
        "without_flagged": verdict.without_flagged,
        "claimed_by": claim.claimed_by,
        "claim_source": source_doc(claim.sources[claim.source]),
        "subject_figures": [value_doc(verdict.chips[claim.subject], v) for v in verdict.subject_values],
        "baseline_figures": [value_doc(verdict.chips[claim.baseline], v) for v in verdict.baseline_values],
    }


def verdict_row(verdict) -> dict:
    claim = verdict.claim
    implied = verdict.implied
    subject_chip = verdict.chips.get(claim.subject)
    baseline_chip = verdict.chips.get(claim.baseline)
    return {
        "claim": claim.id,
        "subject": claim.subject,
        "baseline": claim.baseline,
        "compares": claim.metric or claim.workload,
        "phase": verdict.phase,
        "bound_by": " ".join(verdict.bound_by),
        "claimed": claim.ratio,
        "claimed_low": verdict.claimed[0],
        "claimed_high": verdict.claimed[1],
        "tolerance": verdict.tolerance,
        "implied_low": implied[0] if implied else None,
        "implied_high": implied[1] if implied else None,
        "verdict": verdict.verdict,
        "reason": verdict.reason,
        "assumptions": "; ".join(verdict.assumptions),
        "subject_sources": references(subject_chip, verdict.subject_values) if subject_chip else None,
        "baseline_sources": references(baseline_chip, verdict.baseline_values) if baseline_chip else None,
        "claim_source": claim.sources[claim.source].reference(),
    }


def classification_doc(result) -> dict:
    """One chip under one rule (controls.Classification)."""
    from ..analysis.controls import assumes_dense
    from ..analysis.derived import interval

    return {
        "chip": result.chip.id,
        "rule": result.rule.id,
        "tpp": _pair(interval(result.figures.get("tpp", []))),
        "pd": _pair(interval(result.figures.get("performance_density", []))),
        "class": result.klass,
        "missing": result.missing,
        "reason": result.reason,
        "assumes_dense": assumes_dense(result),
        "basis": result.basis,
        "not_shipping": result.not_shipping,
        "figures": {name: [value_doc(result.chip, v) for v in values]
                    for name, values in result.figures.items()},
        "published_beside": {name: [value_doc(result.chip, v) for v in values]
                             for name, values in result.beside.items()},
        "set_aside": [value_doc(result.chip, v) for v in result.set_aside],
        "rule_source": source_doc(result.rule.sources[result.rule.source]),
    }


def classification_row(result) -> dict:
    from ..analysis.controls import assumes_dense
    from ..analysis.derived import interval

    tpp = interval(result.figures.get("tpp", []))
    pd = interval(result.figures.get("performance_density", []))
    return {
        "chip": result.chip.id,
        "rule": result.rule.id,
        "tpp_low": tpp[0] if tpp else None,
        "tpp_high": tpp[1] if tpp else None,
        "pd_low": pd[0] if pd else None,
        "pd_high": pd[1] if pd else None,
        "class": result.klass,
        "missing": " ".join(m.replace(" ", "_") for m in result.missing),
        "assumes_dense": assumes_dense(result),
        "tpp_basis": result.basis.get("tpp"),
        "not_shipping": " ".join(result.not_shipping),
        "reason": result.reason,
        "sources": references(result.chip, [v for vs in result.figures.values() for v in vs]),
    }


def entry_row(position: int, entry, key: str) -> dict:
    """A ranked record (ranking.Entry)."""
    from ..analysis.comparison import Cell

    return {
        "rank": position,
        "chip": entry.chip.id,
        "name": entry.chip.name,
        "vendor": entry.chip.vendor,
        "country": entry.chip.country,
        "released": entry.chip.released,
        "metric": key,
        "low": entry.low,
        "high": entry.high,
        "unit": METRICS[key].unit,
        "flags": " ".join(Cell(entry.chip, entry.values).flags),
        "sources": references(entry.chip, entry.values),
    }


def gap_doc(result) -> dict:
    """A generation gap (ranking.Gap): the chip, its earliest match, the years between."""
    def side(entry):
        if entry is None:
            return None
        return {"chip": entry.chip.id, "name": entry.chip.name, "released": entry.chip.released,
                "date": entry.date, "date_kind": entry.date_kind,
                "figure": [entry.low, entry.high], "sources": references(entry.chip, entry.values)}

    return {
        "chip": result.chip.chip.id,
        "metric": result.metric,
        "unit": METRICS[result.metric].unit,
        "vs": result.vendor,
        "figure": [result.chip.low, result.chip.high],
        "released": result.chip.chip.released,
        "date": result.chip.date,
        "date_kind": result.chip.date_kind,
        "date_basis": result.basis,
        "not_shipping": result.not_shipping,
        "note": result.note,
        "match": side(result.match),
        "possible_match": side(result.possible),
        "years": result.years,
        "undated": result.undated,
        "sources": references(result.chip.chip, result.chip.values),
    }


def gap_row(doc: dict) -> dict:
    """gap_doc flattened for CSV and Markdown: match_chip, match_low, possible_match_chip ..."""
    row = {k: v for k, v in doc.items() if k not in ("figure", "match", "possible_match")}
    row["not_shipping"] = " ".join(doc["not_shipping"])
    row["undated"] = " ".join(doc["undated"])
    row["low"], row["high"] = doc["figure"]
    for side in ("match", "possible_match"):
        found = doc[side] or {}
        row[f"{side}_chip"] = found.get("chip")
        row[f"{side}_released"] = found.get("released")
        row[f"{side}_date"] = found.get("date")
        row[f"{side}_date_kind"] = found.get("date_kind")
        row[f"{side}_low"], row[f"{side}_high"] = found.get("figure") or (None, None)
        row[f"{side}_sources"] = found.get("sources")
    return row
