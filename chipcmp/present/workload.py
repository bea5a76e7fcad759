"""Workload ceilings and measurements as documents, rows and tables (`chipcmp workload`, `show`)."""

from __future__ import annotations

from dataclasses import asdict

from ..analysis.workload import SCATTER, Ceiling, Check, per_chip
from ..metrics import METRICS
from ..model import Measurement
from ..numbers import fmt_number, fmt_ratio
from .documents import references, source_doc, value_doc
from .emit import ResultMethods


def measurement_doc(m: Measurement) -> dict:
    """A measurement record with its source; numbers stay numbers."""
    doc = {k: v for k, v in asdict(m).items() if k != "sources"}
    doc["per_chip"] = per_chip(m)
    doc["source"] = source_doc(m.sources[m.source])
    return doc


def measurement_row(m: Measurement) -> dict:
    """A flat row: what ran, the value, per chip, who ran it, the source."""
    w = m.workload
    return {
        "id": m.id, "chip": m.chip, "chips": m.chips, "phase": w.phase, "precision": w.precision,
        "model": w.model.name if w.model else None, "scenario": w.scenario,
        "metric": m.metric, "value": m.value, "per_chip": per_chip(m), "harness": m.harness,
        "date": m.date, "run_by": m.run_by, "source_url": m.sources[m.source].reference(),
    }


def workload_doc(result: Ceiling) -> dict:
    """`chipcmp workload --format json`: the ceiling, what sets it, the evidence, the assumptions."""
    def bound_doc(b):
        return {"phase": b.phase, "bound_by": b.metric, "ratio": list(b.ratio) if b.ratio else None,
                "note": b.note, "missing": b.missing,
                "subject": b.chips[0].id, "baseline": b.chips[1].id,
                "subject_figures": [value_doc(b.chips[0], v) for v in b.subject],
                "baseline_figures": [value_doc(b.chips[1], v) for v in b.baseline]}

    inputs = [{"chip": chip.id, **value_doc(chip, v)}
              for b in result.bounds for chip, values in ((result.subject, b.subject),
                                                          (result.baseline, b.baseline)) for v in values]
    return {
        "subject": result.subject.id,
        "baseline": result.baseline.id,
        "phase": result.phase,
        "precision": result.precision,
        "ceiling": list(result.ratio) if result.ratio else None,
        "band": list(result.band) if result.band else None,
        "scatter": SCATTER,
        "bound_by": result.bound_by,
        "missing": result.missing,
        "components": [bound_doc(b) for b in result.bounds],
        "inputs": inputs,
        "scale_up": bound_doc(result.scale_up) if result.scale_up else None,
        "model": asdict(result.model) if result.model else None,
        "fit": [{"chip": f.chip.id, "needed_gb": f.needed_gb, "detail": f.detail,
                 "min_chips": list(f.chips) if f.chips else None, "missing": f.missing,
                 "capacity": [value_doc(f.chip, v) for v in f.capacity]} for f in result.fits],
        "measured": [{"ratio": m.ratio, "phase": m.phase, "workload": m.workload(),
                      "subject": m.subject.id, "baseline": m.baseline.id,
                      "source": [m.subject.sources[m.subject.source].reference(),
                                 m.baseline.sources[m.baseline.source].reference()]}
                     for m in result.measured],
        "assumptions": result.assumptions,
    }


def workload_rows(result: Ceiling) -> list[dict]:
    """CSV: one row per ceiling component, scale-up, fit check and measured ratio."""
    rows = []
    for b in result.bounds + ([result.scale_up] if result.scale_up else []):
        rows.append({"kind": "ceiling" if b is not result.scale_up else "scale_up", "phase": b.phase,
                     "metric": b.metric, "low": b.ratio[0] if b.ratio else None,
                     "high": b.ratio[1] if b.ratio else None, "detail": b.note or b.missing,
                     "sources": " | ".join(filter(None, [references(b.chips[0], b.subject),
                                                          references(b.chips[1], b.baseline)]))})
    for f in result.fits:
        rows.append({"kind": "fit", "phase": result.phase, "metric": "memory_capacity",
                     "low": f.chips[0] if f.chips else None, "high": f.chips[1] if f.chips else None,
                     "detail": f"{f.chip.id}: {f.missing or f.detail}",
                     "sources": references(f.chip, f.capacity)})
    for m in result.measured:
        rows.append({"kind": "measured", "phase": m.phase, "metric": m.subject.metric, "low": m.ratio,
                     "high": m.ratio, "detail": m.workload(),
                     "sources": " | ".join([m.subject.sources[m.subject.source].reference(),
                                            m.baseline.sources[m.baseline.source].reference()])})
    return rows


def workload_lines(result: Ceiling) -> list[str]:
    """The result as Markdown lines (also what the table format prints, via Rich)."""
    head = f"{result.subject.name} ÷ {result.baseline.name}, {result.phase}"
    lines = [f"**{head}**", "", "| phase | bound by | ceiling | note |", "| --- | --- | --- | --- |"]
    for b in result.bounds + ([result.scale_up] if result.scale_up else []):
        by = METRICS[b.metric].label if b.metric else "—"
        lines.append(f"| {b.phase} | {by} | {fmt_ratio(b.ratio) or '—'} | {b.note or b.missing or ''} |")
    lines.append("")
    if result.ratio:
        low, high = result.band
        lines.append(f"Ceiling {fmt_ratio(result.ratio)}; delivered ratios on record fall within "
                     f"×{SCATTER} of it, i.e. {low:.2f}–{high:.2f}×. Never an absolute tokens/s.")
    else:
        lines.append(f"No ceiling: {result.missing}.")
    for f in result.fits:
        chips = f"at least {f.chips[0]}" + (f"–{f.chips[1]}" if f.chips[1] != f.chips[0] else "")
        lines.append(f"- fit, {f.chip.name}: {f.missing or f'{f.detail}; {chips} chip(s)'}")
    for m in result.measured:
        lines.append(f"- measured {m.ratio:.2f}× ({m.workload()}): "
                     f"{m.subject.sources[m.subject.source].reference()} ÷ "
                     f"{m.baseline.sources[m.baseline.source].reference()}")
    if not result.measured:
        lines.append("- no comparable measurements on record for this pair")
    lines += ["", "Assumptions:", *(f"- {a}" for a in result.assumptions)]
    sources = []
    for b in result.bounds:
        for chip, values in ((result.subject, b.subject), (result.baseline, b.baseline)):
            sources += [f"{chip.name} {METRICS[v.metric].label} {v.published}: "
                        f"{chip.sources[v.source].citation()}" for v in values if v.source]
    lines += ["", "Sources:", *(f"- {s}" for s in dict.fromkeys(sources))]
    return lines


class WorkloadResult(ResultMethods):
    """`chipcmp workload`: the ceiling, what sets it, the fit check, measured ratios, assumptions."""

    def __init__(self, result: Ceiling):
        self.result = result
        self.title = f"chipcmp workload {result.subject.id} {result.baseline.id} --phase {result.phase}"

    def document(self) -> dict:
        return workload_doc(self.result)

    def rows(self) -> list[dict]:
        return workload_rows(self.result)

    def columns(self) -> list[str]:
        return ["kind", "phase", "metric", "low", "high", "detail", "sources"]

    def table(self):
        from .grid import Lines

        return Lines(self.markdown().splitlines())

    def markdown(self) -> str:
        return "\n".join(workload_lines(self.result)) + "\n"


def measurement_lines(measurements: list[Measurement]) -> list[str]:
    """`show CHIP`: the measured results on record for a chip, a line each."""
    return [f"  {m.id}: {m.workload.phase}, {m.workload.model.name if m.workload.model else 'no model'}, "
            f"{m.metric} {fmt_number(m.value)} ({fmt_number(per_chip(m))} per chip), run by {m.run_by}; "
            f"{m.sources[m.source].reference()}" for m in measurements]


def validation_markdown(checks: list[Check]) -> list[str]:
    """docs/workload-model.md: each measured pair against its ceiling; calibration rows apart."""
    lines = ["| pair | workload | measured | ceiling (bound by) | band ×/÷ " + f"{SCATTER} | within | sources |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for c in checks:
        p, limit = c.pair, c.ceiling
        by = ", ".join(METRICS[k].label for k in limit.bound_by)
        low, high = limit.band
        note = "".join(f" ({b.note})" for b in limit.bounds if b.note)
        model = p.subject.workload.model.name
        lines.append(f"| {limit.subject.name} ÷ {limit.baseline.name} | {model}, {p.phase} | {p.ratio:.3f}× "
                     f"| {fmt_ratio(limit.ratio)} ({by}){note} | {low:.2f}–{high:.2f}× "
                     f"| {'yes' if c.within else 'no'} "
                     f"| {p.subject.sources[p.subject.source].reference()} ÷ "
                     f"{p.baseline.sources[p.baseline.source].reference()} |")
    return lines
