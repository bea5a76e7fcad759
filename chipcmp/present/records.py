"""Listings as results: `list`, `show`, `metrics`, `rank`, `gap` and `crosscheck epoch`."""

from __future__ import annotations

from .emit import ResultMethods
from ..analysis.comparison import Cell
from ..metrics import CATALOGUE, DERIVED, METRICS, display_unit
from ..numbers import fmt_number, fmt_range
from .documents import (chip_doc, chip_summary, claim_doc, conflicting_metrics, entry_row,
                        finding_row, gap_doc, gap_row, part_sum_doc, source_doc, value_doc, value_row)
from .grid import Column, Grid, Lines
from .notes import Footnotes, Notes, figure_lines, legend, markers


class RowsResult(ResultMethods):
    """A listing whose JSON is {"items": rows} and whose table shows some of the columns."""

    def __init__(self, title: str, rows: list[dict], columns: list[str], shown: list[tuple[str, Column]],
                 empty: str, caption: str | None = None, legend: list[str] = ()):
        self.title = title
        self._rows, self._columns, self.shown = rows, columns, shown
        self.empty, self.caption, self.legend = empty, caption, list(legend)

    def document(self) -> dict:
        return {"items": self._rows}

    def rows(self) -> list[dict]:
        return self._rows

    def columns(self) -> list[str]:
        return self._columns

    def grid(self) -> Grid:
        body = [[_cell(row.get(key)) for key, _ in self.shown] for row in self._rows]
        return Grid(self.title, [column for _, column in self.shown], body, caption=self.caption,
                    legend=self.legend, empty=self.empty)


def shown(key: str, heading: str | None = None, **options) -> tuple[str, Column]:
    """A row key shown as a table column, under `heading` (default: the key)."""
    return key, Column(heading or key, **options)


def _cell(value) -> str:
    if isinstance(value, float):
        return fmt_number(value)
    return "" if value is None else str(value)


def list_result(chips: list) -> RowsResult:
    rows = [chip_summary(c) for c in chips]
    columns = ["id", "name", "vendor", "country", "kind", "released", "aliases", "values", "sources"]
    table = [shown("id"), shown("name", wrap=True), shown("vendor", optional=2),
             shown("country", "cc", optional=3), shown("kind"), shown("released", optional=1),
             shown("values", justify="right", optional=4)]
    return RowsResult("chipcmp list", rows, columns, table, "no record matches")


def metrics_result() -> RowsResult:
    rows = [{"key": m.key, "label": m.label, "unit": m.unit, "dimension": m.dimension,
             "throughput": m.throughput, "computed": m.computed, "formula": formula(m),
             "description": m.description} for m in CATALOGUE + DERIVED]
    table = [shown("key"), shown("unit"), shown("formula", optional=1),
             shown("description", "what", wrap=True)]
    return RowsResult("chipcmp metrics", rows, list(rows[0]), table, "no metric",
                      caption="computed metrics have a formula; spec files publish the others")


def formula(metric) -> str:
    if metric.key == "tpp":
        return "max over precisions (dense throughput × bit length)"
    if metric.formula:
        return f"{metric.formula.numerator} ÷ {metric.formula.denominator}"
    return ""


def findings_result(findings, all_rows: bool) -> RowsResult:
    rows = [finding_row(f) for f in findings if all_rows or f.status != "agrees"]
    columns = list(rows[0]) if rows else ["chip", "epoch_name", "metric", "unit", "epoch", "chipcmp",
                                          "status", "epoch_sparsity", "remark", "chipcmp_sources",
                                          "epoch_source"]
    table = [shown("chip"), shown("metric"), shown("epoch", justify="right"),
             shown("chipcmp", wrap=True), shown("unit", optional=1), shown("status"),
             shown("remark", wrap=True, optional=2)]
    return RowsResult("chipcmp crosscheck epoch", rows, columns, table, "no disagreement found")


class RankResult(ResultMethods):
    def __init__(self, entries: list, without: list, key: str, sparsity: str):
        self.entries, self.without, self.key = entries, without, key
        self.title = f"chipcmp rank — {METRICS[key].label} ({sparsity})"

    def document(self) -> dict:
        return {"items": self.rows()}

    def rows(self) -> list[dict]:
        return [entry_row(i, e, self.key) for i, e in enumerate(self.entries, 1)]

    def columns(self) -> list[str]:
        return ["rank", "chip", "name", "vendor", "country", "released", "metric", "low", "high",
                "unit", "flags", "sources"]

    def grid(self) -> Grid:
        footnotes = Footnotes()
        unit = display_unit(METRICS[self.key].unit)
        body, flags = [], []
        for i, entry in enumerate(self.entries, 1):
            cell = Cell(entry.chip, entry.values)
            flags += cell.flags
            figures = " / ".join(figure_lines(entry.chip, entry.values, footnotes, marked=True))
            body.append([str(i), entry.chip.id, f"{figures} {markers(cell.cell_flags)}".rstrip(),
                         entry.chip.released or ""])
        columns = [Column("#", justify="right"), Column("chip"), Column(unit or "value", justify="right"),
                   Column("released", optional=1)]
        notes = []
        if self.without:
            notes.append(f"no figure: {', '.join(c.id for c in self.without)}")
        return Grid(self.title, columns, body, legend=legend(flags) + [
            "ordered by the lowest sourced figure (the safe end of a range or a disagreement)"],
            notes=notes, footnotes=footnotes, empty="no record publishes this metric")


class GapResult(ResultMethods):
    title = "chipcmp gap"

    def __init__(self, gap):
        self.doc = gap_doc(gap)

    def document(self) -> dict:
        return self.doc

    def rows(self) -> list[dict]:
        return [gap_row(self.doc)]

    def columns(self) -> list[str]:
        return list(gap_row(self.doc))

    def table(self):
        return Lines(gap_text(self.doc).splitlines())

    def markdown(self) -> str:
        row = gap_row(self.doc)
        return Grid(self.title, [Column(k) for k in row], [[_cell(v) for v in row.values()]]).markdown()


def gap_text(doc: dict) -> str:
    """`gap` as sentences: the chip's figure, the earliest match, the years between, which dates."""
    unit = display_unit(doc["unit"])
    label = METRICS[doc["metric"]].label

    def figure(pair):
        return f"{fmt_range(*pair)} {unit}"

    def dated(side):
        return f"{side['date_kind']} {side['date']}" if side.get("date") else "date unknown"

    lines = [f"{doc['chip']} ({dated(doc)}): {label} {figure(doc['figure'])}", *_sources(doc["sources"])]
    match = doc["match"]
    if match is None:
        lines.append(f"no {doc['vs']} record in the library reaches it")
    else:
        lines.append(f"earliest {doc['vs']} match: {match['name']} ({dated(match)}): "
                     f"{figure(match['figure'])}")
        lines += _sources(match["sources"])
        if doc["years"] is None:
            lines.append("years between: unknown (no date for the chip)")
        elif doc["years"] == 0:
            lines.append(f"{doc['vs']} reached it in the same year (to the precision of the dates)")
        else:
            direction = "earlier" if doc["years"] > 0 else "later"
            lines.append(f"{doc['vs']} reached it {abs(doc['years']):g} years {direction}")
    undated = doc.get("undated") or []
    if undated:
        lines.append(f"not considered, no date: {', '.join(undated)}")
    possible = doc["possible_match"]
    if possible:
        lines.append(f"possible earlier match (ranges overlap): {possible['name']} "
                     f"({dated(possible)}): {figure(possible['figure'])}")
    if doc.get("not_shipping"):
        from ..analysis.caveats import status_note

        lines.append(f"note: {status_note(doc['not_shipping'])}")
    return "\n".join(lines)


def _sources(references: str) -> list[str]:
    return [f"  source: {r}" for r in references.split(" | ") if r]


class ShowResult(ResultMethods):
    """Every value of one record with its source; disagreements, sums over parts, claims."""

    def __init__(self, chip, library, figures, classifications: list = ()):
        self.chip, self.library, self.figures = chip, library, figures
        self.classifications = list(classifications)
        self.title = f"chipcmp show {chip.id}"

    def document(self) -> dict:
        from ..analysis.systems import part_sums
        from .workload import measurement_doc

        chip = self.chip
        return {
            "chip": chip_doc(chip),
            "parts": [{"chip": p.chip, "count": p.count} for p in chip.parts],
            "values": [value_doc(chip, v) for v in chip.values],
            "conflicts": conflicting_metrics(chip),
            "sources": [source_doc(s) for s in chip.sources.values()],
            "claims": [claim_doc(c) for c in self.library.claims_about(chip.id)],
            "sums_over_parts": [part_sum_doc(chip, *found) for found in part_sums(chip, self.figures)],
            "measurements": [measurement_doc(m) for m in self.library.measurements_of(chip.id)],
        }

    def rows(self) -> list[dict]:
        return [value_row(self.chip, v, self.library.root) for v in self.chip.values]

    def columns(self) -> list[str] | None:
        return None

    def values_grid(self) -> Grid:
        chip = self.chip
        footnotes, notes = Footnotes(), Notes()
        body = []
        for v in chip.values:
            shown = v.text if v.text is not None else fmt_range(v.low, v.high)
            qualifiers = [q for q in (v.sparsity, v.scope and f"per {v.scope}",
                                      v.approximate and "approx.",
                                      v.status != "shipping" and v.status) if q]
            remark = "; ".join(filter(None, [v.derived and f"derived: {v.derived}", v.note]))
            value = f"{shown} {display_unit(METRICS[v.metric].unit)}".rstrip()
            body.append([v.metric, value, v.published if v.published != value else "",
                         ", ".join(qualifiers), str(footnotes.ref(chip, v.source)),
                         f"({notes.ref(remark)})" if remark else ""])
        columns = [Column("metric"), Column("value", justify="right"), Column("as published", optional=1),
                   Column("qualifiers"), Column("src", justify="right"), Column("note")]
        dates = ", ".join(f"{k} {getattr(chip, k)}" for k in ("announced", "available", "released")
                          if getattr(chip, k))
        heading = f"{chip.name} — {chip.id} · {chip.vendor} ({chip.country}) · {chip.kind}"
        caption = dates or "no release date published"
        extra = []
        if chip.aliases:
            extra.append("aliases: " + ", ".join(chip.aliases))
        conflicts = conflicting_metrics(chip)
        if conflicts:
            extra.append("≠ sources disagree on: " + ", ".join(conflicts))
        if chip.notes:
            extra.append(chip.notes)
        return Grid(heading, columns, body, caption=caption, legend=extra, notes=notes.lines(),
                    footnotes=footnotes, empty="no value")

    def _more(self, footnotes: Footnotes):
        """Sums over parts, export-control arithmetic and claims, as lines of text."""
        from ..analysis.systems import TOLERANCE, part_sums
        from .controls import ControlsResult
        from .workload import measurement_lines

        lines = []
        sums = part_sums(self.chip, self.figures)
        if sums:
            lines.append(f"sums over parts (Δ: over {TOLERANCE:.0%} from the published figure):")
            for summed, published, gap in sums:
                unit = display_unit(METRICS[summed.metric].unit)
                shown = " / ".join(dict.fromkeys(fmt_range(v.low, v.high) for v in published)) or "—"
                if gap is None:
                    remark = ""
                elif gap == 0:
                    remark = " (the ranges overlap)"
                else:
                    remark = f" ({gap:+.1%} beyond it{' Δ' if abs(gap) > TOLERANCE else ''})"
                sparsity = f" {summed.sparsity}" if summed.sparsity else ""
                lines.append(f"  {summed.metric}{sparsity}: Σ {fmt_range(summed.low, summed.high)} "
                             f"vs published {shown} {unit}{remark}")
        if self.classifications:
            lines.append("export controls:")
            lines += ["  " + line for line in ControlsResult(self.classifications).explanation(footnotes)[1:]]
        measured = self.library.measurements_of(self.chip.id)
        if measured:
            lines.append("measured results on record:")
            lines += measurement_lines(measured)
        claims = self.library.claims_about(self.chip.id)
        if claims:
            lines.append("claims:")
            from .claims import compares

            lines += [f"  {c.id}: {c.ratio} ({compares(c)}; {c.claimed_by}, {c.claimed_on})" for c in claims]
        return lines

    def grid(self) -> Grid:
        grid = self.values_grid()
        grid.after = self._more(grid.footnotes)  # cites its sources in the same footnotes
        return grid
