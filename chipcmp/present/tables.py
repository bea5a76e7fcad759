"""Human output: Rich tables for the terminal and Markdown for documents.

Rich is imported inside the functions: only commands that draw a table pay for it.
"""

from __future__ import annotations

from ..analysis.comparison import MARKERS, Cell, Comparison
from ..metrics import METRICS, display_unit
from ..model import Chip, Library, published_leaves
from ..numbers import fmt_number, fmt_range, fmt_ratio
from .documents import conflicting_metrics
from .text import literal, markdown_cell


def _text(value, style: str = ""):
    """Data as Rich text: shown as written (never read as markup), control characters made visible."""
    from rich.text import Text

    return Text(literal("" if value is None else str(value), layout=True), style=style)


class Footnotes:
    """Numbers each (chip, source) pair once, in order of first use."""

    def __init__(self):
        self.numbers: dict[tuple[str, str], int] = {}
        self.lines: list[str] = []

    def ref(self, chip: Chip, source_id: str) -> int:
        key = (chip.id, source_id)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.lines.append(f"[{self.numbers[key]}] {chip.sources[source_id].citation()}")
        return self.numbers[key]


def _figures_text(chip: Chip, values, notes: Footnotes) -> str:
    """'312 [1] / 280–320 [2]': each distinct figure with its sources' footnote numbers.

    Every distinct figure is shown, so disagreement stays visible; a computed
    figure cites the sources of the published figures it came from.
    """
    if not values:
        return "—"
    shown: dict[str, list[int]] = {}
    for v in values:
        refs = shown.setdefault(v.text if v.text is not None else fmt_range(v.low, v.high), [])
        refs += [notes.ref(owner, leaf.source) for owner, leaf in published_leaves(chip, v)]
    return " / ".join(f"{text} [{','.join(map(str, sorted(set(refs))))}]" for text, refs in shown.items())


def _cell_text(cell: Cell, notes: Footnotes, with_ratio: bool, newline: str) -> str:
    if not cell.values:
        return f"— ({cell.note})" if cell.note else "—"
    text = _figures_text(cell.chip, cell.values, notes)
    markers = "".join(MARKERS[f][0] for f in cell.flags if f != "range")
    if markers:
        text += f" {markers}"
    if with_ratio and cell.ratio:
        text += f"{newline}{fmt_ratio(cell.ratio)}"
    return text


def _comparison_grid(comparison: Comparison, newline: str):
    notes = Footnotes()
    header = ["Metric", "Unit"] + [c.name for c in comparison.chips]
    body = []
    for row in comparison.rows:
        label = row.metric.label
        if row.metric.throughput:
            label += f" ({comparison.sparsity})"
        cells = [
            _cell_text(cell, notes, cell.chip is not comparison.baseline, newline)
            for cell in row.cells
        ]
        body.append([label, display_unit(row.metric.unit)] + cells)
    used = sorted({f for row in comparison.rows for cell in row.cells for f in cell.flags} - {"range"})
    legend = [f"{MARKERS[f][0]} {MARKERS[f][1]}" for f in MARKERS if f in used]
    caption = f"ratios: chip ÷ {comparison.baseline.name}"
    legend = [f"note: {w}" for w in comparison.warnings] + legend
    return header, body, legend, notes.lines, caption


def comparison_table(comparison: Comparison):
    from rich.console import Group
    from rich.table import Table

    header, body, legend, footnotes, caption = _comparison_grid(comparison, "\n")
    table = Table(title=f"chipcmp compare — {comparison.sparsity} figures", caption=_text(caption),
                  show_lines=True)
    for i, name in enumerate(header):
        table.add_column(_text(name), justify="left" if i < 2 else "right", overflow="fold")
    for line in body:
        table.add_row(*map(_text, line))
    extra = [_text(x, "dim") for x in legend] + [_text(x) for x in footnotes]
    return Group(table, *extra)


def comparison_markdown(comparison: Comparison) -> str:
    header, body, legend, footnotes, caption = _comparison_grid(comparison, " · ")
    return markdown_table(header, body) + "\n" + literal(caption) + "\n\n" + "\n".join(
        [f"- {literal(x)}" for x in legend] + [""] + [f"{literal(x)}  " for x in footnotes]
    ) + "\n"


def markdown_table(header: list[str], body: list[list[str]]) -> str:
    def line(cells):
        return "| " + " | ".join(markdown_cell(c) for c in cells) + " |"

    return "\n".join([line(header), line(["---"] * len(header))] + [line(r) for r in body]) + "\n"


def _part_sums_table(chip: Chip, library: Library):
    """A system's figures summed over its parts, beside its published ones."""
    from ..analysis.figures import Figures
    from ..analysis.systems import TOLERANCE, part_sums

    body = []
    for summed, published, gap in part_sums(chip, Figures(library)):
        unit = display_unit(METRICS[summed.metric].unit)
        shown = " / ".join(dict.fromkeys(fmt_range(v.low, v.high) for v in published)) or "—"
        remark = "" if gap is None else f"{gap:+.0%}" + (" Δ" if abs(gap) > TOLERANCE else "")
        body.append([summed.metric, summed.sparsity or "", fmt_range(summed.low, summed.high),
                     shown, unit, remark, summed.derived])
    header = ["metric", "sparsity", "sum over parts", "published", "unit", "gap", "how"]
    return simple_table(f"sums over parts (Δ: over {TOLERANCE:.0%} from the published figure)",
                        header, body)


def display_cell(column: str, value) -> str:
    """A row value as a person reads it: numbers rounded for reading, flags as markers."""
    if isinstance(value, float):
        return fmt_number(value)
    if column == "flags" and value:
        return "".join(MARKERS[f][0] for f in value.split() if f in MARKERS)
    return "" if value is None else str(value)


def simple_table(title: str, header: list[str], body: list[list[str]]):
    from rich.table import Table

    table = Table(title=_text(title))
    for name in header:
        table.add_column(_text(name), overflow="fold")
    for line in body:
        table.add_row(*map(_text, line))
    return table


def chip_detail(chip: Chip, library: Library):
    """`show`: every value with its source, conflicts listed, claims about the chip."""
    from rich.console import Group

    notes = Footnotes()
    body = []
    for v in chip.values:
        shown = v.text if v.text is not None else fmt_range(v.low, v.high)
        qualifiers = [q for q in (v.sparsity, v.scope and f"per {v.scope}",
                                  v.approximate and "approximate") if q]
        remark = "; ".join(filter(None, [v.derived and f"derived: {v.derived}", v.note]))
        body.append([v.metric, shown, display_unit(METRICS[v.metric].unit), v.published,
                     ", ".join(qualifiers), f"[{notes.ref(chip, v.source)}]", remark])
    heading = _text(chip.name, "bold") + _text(f"  {chip.id} · {chip.vendor} ({chip.country}) · "
                            f"{chip.kind} · released {chip.released or 'unknown'}")
    parts = [heading]
    if chip.aliases:
        parts.append(_text("aliases: " + ", ".join(chip.aliases), "dim"))
    header = ["metric", "value", "unit", "as published", "qualifiers", "source", "note"]
    parts.append(simple_table("", header, body))
    if chip.parts:
        parts.append(_part_sums_table(chip, library))
    conflicts = conflicting_metrics(chip)
    if conflicts:
        parts.append(_text("sources disagree on: " + ", ".join(conflicts), "yellow"))
    if chip.notes:
        parts.append(_text(chip.notes))
    parts += [_text(x) for x in notes.lines]
    claims = library.claims_about(chip.id)
    if claims:
        parts.append(_text("claims:", "bold"))
        parts += [_text(f"  {c.id}: {c.subject} vs {c.baseline} = {c.ratio} "
                       f"({c.metric or c.workload}; {c.claimed_by}, {c.claimed_on})") for c in claims]
    return Group(*parts)


def _with_footnotes(table, notes: Footnotes, legend: list[str] = ()):
    from rich.console import Group

    return Group(table, *[_text(x, "dim") for x in legend], *[_text(x) for x in notes.lines])


def verdicts_grid(verdicts) -> tuple[list[str], list[list[str]], Footnotes]:
    notes = Footnotes()
    header = ["claim", "subject ÷ baseline", "compares", "claimed", "implied by specs",
              "verdict", "subject figures", "baseline figures", "reason"]
    body = []
    for v in verdicts:
        claim = v.claim
        unit = display_unit(METRICS[claim.metric].unit) if claim.metric else ""
        body.append([
            claim.id, f"{claim.subject} ÷ {claim.baseline or claim.workload}",
            claim.metric or "workload", claim.ratio, fmt_ratio(v.implied) or "—", v.verdict,
            f"{_figures_text(v.chips[claim.subject], v.subject_values, notes)} {unit}".strip()
            if v.subject_values else "—",
            f"{_figures_text(v.chips[claim.baseline], v.baseline_values, notes)} {unit}".strip()
            if v.baseline_values else "—",
            v.reason,
        ])
    return header, body, notes


def verdicts_table(verdicts):
    header, body, notes = verdicts_grid(verdicts)
    legend = [("tolerance: ±2% on exact ratios (rounding), ±10% on approximate ones ('~', 'about', "
               "'nearly', 'comparable' ...)")]
    return _with_footnotes(simple_table("chipcmp check", header, body), notes, legend)


def controls_grid(results) -> tuple[list[str], list[list[str]], Footnotes]:
    from ..analysis.controls import assumes_dense

    notes = Footnotes()
    header = ["chip", "rule", "TPP", "performance density", "class", "missing", "why"]
    body = []
    for r in results:
        tpp = r.figures.get("tpp", [])
        pd = r.figures.get("performance_density", [])
        why = r.reason + ("; counts figures of unstated sparsity as dense" if assumes_dense(r) else "")
        body.append([r.chip.id, r.rule.id, _figures_text(r.chip, tpp, notes),
                     _figures_text(r.chip, pd, notes), r.klass or "not caught",
                     ", ".join(r.missing) or "", why])
    return header, body, notes


def controls_table(results):
    header, body, notes = controls_grid(results)
    return _with_footnotes(simple_table("chipcmp controls", header, body), notes)


def gap_text(doc: dict) -> str:
    """`gap` as sentences: the chip's figure, the earliest match, the years between."""
    unit = display_unit(doc["unit"])
    label = METRICS[doc["metric"]].label

    def figure(pair):
        return f"{fmt_range(*pair)} {unit}"

    lines = [f"{doc['chip']} (released {doc['released'] or 'unknown'}): {label} {figure(doc['figure'])}",
             f"  sources: {doc['sources']}"]
    match = doc["match"]
    if match is None:
        lines.append(f"no {doc['vs']} record in the library reaches it")
    else:
        lines.append(f"earliest {doc['vs']} match: {match['name']} (released {match['released']}): "
                     f"{figure(match['figure'])}")
        lines.append(f"  sources: {match['sources']}")
        if doc["years"] is None:
            lines.append("years between: unknown (no release date for the chip)")
        else:
            when = "earlier" if doc["years"] >= 0 else "later"
            lines.append(f"{doc['vs']} reached it {abs(doc['years']):g} years {when}")
    possible = doc["possible_match"]
    if possible:
        lines.append(f"possible earlier match (ranges overlap): {possible['name']} "
                     f"(released {possible['released']}): {figure(possible['figure'])}")
    return "\n".join(lines)


def _bar(low: float, high: float, scale: float, width: int, baseline: float | None) -> str:
    """'█' up to the low end, '░' on to the high end (a range or a disagreement), '┃' at the baseline."""
    solid = round(low / scale * width)
    faint = round(high / scale * width) - solid
    cells = list("█" * solid + "░" * faint + " " * (width - solid - faint))
    if baseline is not None:
        cells[min(round(baseline / scale * width), width - 1)] = "┃"
    return "".join(cells)


class Chart:
    """One line per chip: id, bar, figures with footnote numbers, ratio to the baseline.

    The bars are drawn when printed, to fit the width of the terminal (or SVG).
    """

    def __init__(self, comparison: Comparison):
        row = comparison.rows[0]
        self.notes = Footnotes()
        known = [c for c in row.cells if c.low is not None]
        self.scale = max((c.high for c in known), default=0) or 1
        base = next(c for c in row.cells if c.chip is comparison.baseline)
        self.baseline = base.low
        self.lines = []  # (chip id, low, high, figures, ratio)
        for cell in row.cells:
            figures = _cell_text(cell, self.notes, False, "")
            if not cell.values and not cell.note:
                figures = "— (not published)"
            ratio = "baseline" if cell is base else fmt_ratio(cell.ratio)
            self.lines.append((cell.chip.id, cell.low, cell.high, figures, ratio if cell.low else ""))
        used = sorted({f for c in row.cells for f in c.flags} - {"range"})
        self.legend = [f"{MARKERS[f][0]} {MARKERS[f][1]}" for f in MARKERS if f in used]
        if any(c.high != c.low for c in known):
            self.legend.append("░ the rest of a range, or the higher of two disagreeing sources")
        if self.baseline is not None:
            lowest = " (the lowest of its figures)" if base.high != base.low else ""
            self.legend.append(f"┃ {comparison.baseline.id}'s figure{lowest}")
        self.legend += [f"note: {w}" for w in comparison.warnings]
        unit = display_unit(row.metric.unit)
        sparsity = comparison.sparsity if row.metric.throughput else ""
        self.title = f"{row.metric.label} ({', '.join(filter(None, [unit, sparsity]))})"

    def rows(self, bar_width: int) -> list[list[str]]:
        return [[name, _bar(low, high, self.scale, bar_width, self.baseline) if low is not None else "",
                 figures, ratio] for name, low, high, figures, ratio in self.lines]

    def __rich_console__(self, console, options):
        from rich.table import Table

        widths = [max(len(line[i]) for line in self.lines) for i in (0, 3, 4)]
        bar_width = max(10, min(50, options.max_width - sum(widths) - 6))
        table = Table(title=_text(f"chipcmp chart — {self.title}"), box=None, show_header=False,
                      pad_edge=False)
        table.add_column("chip", style="bold", no_wrap=True)
        table.add_column("bar", style="cyan", no_wrap=True)
        table.add_column("figures", justify="right", overflow="fold")
        table.add_column("ratio", justify="right", no_wrap=True)
        for line in self.rows(bar_width):
            table.add_row(*map(_text, line))
        yield _with_footnotes(table, self.notes, self.legend)

    def markdown(self) -> str:
        body = [[name, f"`{bar}`" if bar else "", figures, ratio]
                for name, bar, figures, ratio in self.rows(30)]
        return (f"**{self.title}**\n\n" + markdown_table(["chip", "bar", "figures", "÷ baseline"], body)
                + "\n" + "\n".join([f"- {literal(x)}" for x in self.legend] + [""]
                                   + [f"{literal(x)}  " for x in self.notes.lines]) + "\n")
