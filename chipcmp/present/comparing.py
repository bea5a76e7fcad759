"""`compare` and `chart` as results: figures side by side, each ratio labelled with its divisor."""

from __future__ import annotations

from .emit import ResultMethods
from ..analysis.comparison import Cell, Comparison
from ..metrics import display_unit
from ..numbers import fmt_ratio
from .documents import comparison_doc, comparison_rows
from .grid import Column, Grid
from .notes import Footnotes, figure_lines, legend, markers

COMPARISON_COLUMNS = ["metric", "unit", "sparsity", "chip", "low", "high", "text", "baseline",
                      "ratio_low", "ratio_high", "flags", "note", "sources"]


def short_name(chip) -> str:
    """'A100 SXM4 80GB' for 'NVIDIA A100 SXM4 80GB': the name without its vendor or asides."""
    import re

    name = re.sub(r"\s*\([^)]*\)", "", chip.name).strip() or chip.name
    if name.casefold().startswith(chip.vendor.casefold() + " "):
        name = name[len(chip.vendor) + 1:]
    return name


def _header(name: str, width: int = 14) -> str:
    """A chip name broken at spaces into lines of about `width`, so columns stay narrow."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def cell_lines(cell: Cell, notes: Footnotes) -> list[str]:
    if not cell.values:
        return [f"— ({cell.note})" if cell.note else "—"]
    lines = figure_lines(cell.chip, cell.values, notes, marked=True)
    marks = markers(cell.cell_flags)  # ≠, Δ, ‡: about the cell as a whole
    if marks:
        lines[-1] += f" {marks}"
    return lines


class ComparisonResult(ResultMethods):
    """Metrics as rows, chips as columns; under each metric a row '÷ <baseline>' of ratios."""

    def __init__(self, comparison: Comparison):
        self.comparison = comparison
        self.title = f"chipcmp compare — {comparison.sparsity} figures"

    def document(self) -> dict:
        return comparison_doc(self.comparison)

    def rows(self) -> list[dict]:
        return comparison_rows(self.comparison)

    def columns(self) -> list[str]:
        return COMPARISON_COLUMNS

    def grid(self) -> Grid:
        comparison = self.comparison
        notes = Footnotes()
        base = comparison.baseline
        divisor = f"÷ {short_name(base)}"
        columns = [Column("Metric"), Column("Unit")] + [
            Column(_header(c.name), justify="right") for c in comparison.chips]
        body, sections, flags = [], [], []
        for row in comparison.rows:
            label = row.metric.label + (f" ({comparison.sparsity})" if row.metric.throughput else "")
            sections.append(len(body))
            body.append([label, display_unit(row.metric.unit)]
                        + ["\n".join(cell_lines(cell, notes)) for cell in row.cells])
            flags += [f for cell in row.cells for f in cell.flags]
            if any(cell.ratio for cell in row.cells if cell.chip is not base):
                body.append([divisor, ""] + [
                    "baseline" if cell.chip is base else fmt_ratio(cell.ratio) or "—"
                    for cell in row.cells])
        caption = f"{divisor}: each chip's figure divided by {base.name}'s (0.85× reads 85% of it)"
        return Grid(self.title, columns, body, keys=2, overflow="split", caption=caption,
                    legend=legend(flags), notes=[f"note: {w}" for w in comparison.warnings],
                    footnotes=notes, sections=sections, empty="no metric to compare")


def _bar(low: float, high: float, scale: float, width: int, baseline: float | None) -> str:
    """'█' up to the low end, '░' on to the high end (a range or a disagreement), '┃' at the baseline."""
    solid = round(low / scale * width)
    faint = round(high / scale * width) - solid
    cells = list("█" * solid + "░" * faint + " " * (width - solid - faint))
    if baseline is not None:
        cells[min(round(baseline / scale * width), width - 1)] = "┃"
    return "".join(cells)


class ChartResult(ComparisonResult):
    """One line per chip: id, bar, figures with footnote numbers, ratio to the baseline.

    The bars are drawn when printed, to fit the width of the terminal (or SVG).
    """

    def __init__(self, comparison: Comparison):
        super().__init__(comparison)
        row = comparison.rows[0]
        self.notes = Footnotes()
        known = [c for c in row.cells if c.low is not None]
        self.scale = max((c.high for c in known), default=0) or 1
        base = next(c for c in row.cells if c.chip is comparison.baseline)
        self.baseline = base.low
        self.lines = []  # (chip id, low, high, figures, ratio)
        for cell in row.cells:
            figures = " / ".join(cell_lines(cell, self.notes))
            if not cell.values and not cell.note:
                figures = "— (not published)"
            ratio = "baseline" if cell is base else fmt_ratio(cell.ratio)
            self.lines.append((cell.chip.id, cell.low, cell.high, figures, ratio if cell.low else ""))
        self.legend = legend(f for c in row.cells for f in c.flags)
        if any(c.high != c.low for c in known):
            self.legend.append("░ the rest of a range, or the higher of two disagreeing sources")
        if self.baseline is not None:
            lowest = " (the lowest of its figures)" if base.high != base.low else ""
            self.legend.append(f"┃ {comparison.baseline.id}'s figure{lowest}; "
                               f"ratios ÷ {short_name(comparison.baseline)}")
        self.legend += [f"note: {w}" for w in comparison.warnings]
        unit = display_unit(row.metric.unit)
        sparsity = comparison.sparsity if row.metric.throughput else ""
        self.metric_title = f"{row.metric.label} ({', '.join(filter(None, [unit, sparsity]))})"
        self.title = f"chipcmp chart — {self.metric_title}"

    def _rows(self, bar_width: int) -> list[list[str]]:
        return [[name, _bar(low, high, self.scale, bar_width, self.baseline) if low is not None else "",
                 figures, ratio] for name, low, high, figures, ratio in self.lines]

    def table(self):
        return self

    def __rich_console__(self, console, options):
        header = ["chip", "bar", "figures", f"÷ {short_name(self.comparison.baseline)}"]
        widths = [max([len(header[k])] + [len(line[i]) for line in self.lines])
                  for k, i in ((0, 0), (2, 3), (3, 4))]
        bar_width = max(10, min(50, options.max_width - sum(widths) - 6))
        columns = [Column(header[0]), Column(header[1]), Column(header[2], justify="right"),
                   Column(header[3], justify="right")]
        yield Grid(self.title, columns, self._rows(bar_width), legend=self.legend, footnotes=self.notes)

    def markdown(self) -> str:
        body = [[name, f"`{bar}`" if bar else "", figures, ratio]
                for name, bar, figures, ratio in self._rows(30)]
        header = [Column("chip"), Column("bar"), Column("figures"),
                  Column(f"÷ {short_name(self.comparison.baseline)}")]
        return Grid(self.title, header, body, legend=self.legend, footnotes=self.notes).markdown()

