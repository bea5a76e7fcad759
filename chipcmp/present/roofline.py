"""Roofline plots: memory-bandwidth slopes and compute ceilings per chip and precision.

matplotlib is optional (`pip install 'chipcmp[plot]'`): it is imported only when
a picture is drawn, so the rest of chipcmp never pays for it.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ..analysis.derived import in_sparsity, interval, usable
from ..errors import ChipcmpError
from ..analysis.figures import Figures
from ..metrics import CATALOGUE, METRICS, Metric
from ..model import Chip, Library, Source, Value, published_leaves
from ..numbers import fmt_number, fmt_range
from ..data.files import write_atomically
from .text import picture_label

FORMATS = {".png": "png", ".svg": "svg"}
DEFAULT_PRECISIONS = ("bf16",)
# As many line styles as throughput metrics, so no two precisions share one.
PRECISION_STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3)), (0, (8, 2)),
                    (0, (3, 1, 1, 1)), (0, (1, 1)), (0, (6, 2, 1, 2, 1, 2)), (0, (2, 2)))
COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple",
           "tab:brown", "tab:pink", "tab:olive", "tab:cyan", "tab:gray")
# Offsets (points) tried in turn for a ridge label, until one overlaps no other label.
LABEL_OFFSETS = ((6, -13), (6, 5), (-6, 5), (-6, -13), (6, -25), (6, 17), (-6, 17), (-6, -25))
NEEDS_MATPLOTLIB = "the roofline needs matplotlib: pip install 'chipcmp[plot]'"


@dataclass
class Roof:
    """One chip's roofline for one precision, with the sourced figures behind it."""

    chip: Chip
    metric: Metric  # the precision, e.g. bf16
    ridges: list[Value]  # the derived <precision>_ridge figures: ceiling ÷ bandwidth
    ceilings: list[Value]
    bandwidths: list[Value]

    @property
    def ceiling(self) -> float:
        """The conservative ceiling drawn (TFLOPS or TOPS): the lowest sourced figure."""
        return min(v.low for v in self.ceilings)

    @property
    def bandwidth(self) -> float:
        """The conservative bandwidth drawn (GB/s)."""
        return min(v.low for v in self.bandwidths)

    @property
    def scale(self) -> float:
        """TFLOPS ÷ (GB/s) × scale = FLOP per byte, as chipcmp derives the ridge point."""
        return METRICS[f"{self.metric.key}_ridge"].formula.scale

    @property
    def corner(self) -> float:
        """Where the drawn slope meets the drawn ceiling, in FLOP (or OP) per byte."""
        return self.ceiling / self.bandwidth * self.scale

    @property
    def ridge_span(self) -> tuple[float, float]:
        """The ridge point over every combination of sourced figures."""
        return interval(self.ridges)

    @property
    def unstated_sparsity(self) -> bool:
        return any(v.sparsity == "unspecified" for v in self.ceilings)

    def leaves(self):
        """(record, published figure) for every figure the roof rests on."""
        for value in self.ceilings + self.bandwidths:
            yield from published_leaves(self.chip, value)


def roofs(library: Library, chips: list[Chip], precisions: list[str] | None = None,
          sparsity: str = "dense") -> tuple[list[Roof], list[str]]:
    """The roofs that can be drawn, and a message for each chip and precision that cannot."""
    if sparsity not in ("dense", "sparse"):
        raise ChipcmpError(f"sparsity must be dense or sparse, not {sparsity!r}")
    metrics = [_precision(key) for key in precisions or DEFAULT_PRECISIONS]
    figures = Figures(library)
    found, skipped = [], []
    for chip in {c.id: c for c in chips}.values():  # a chip named twice is drawn once
        for metric in metrics:
            roof = _roof(chip, metric, sparsity, figures)
            if isinstance(roof, Roof):
                found.append(roof)
            else:
                skipped.append(f"{chip.name} ({chip.id}): {roof}")
    return found, list(dict.fromkeys(skipped))  # a missing bandwidth is said once, not per precision


def _precision(key: str) -> Metric:
    metric = METRICS.get(key)
    if metric is None or not metric.throughput or metric.computed:
        known = ", ".join(m.key for m in METRICS.values() if m.throughput and not m.computed)
        raise ChipcmpError(f"{key!r} is not a precision; choose from {known}")
    return metric


def _roof(chip: Chip, metric: Metric, sparsity: str, figures: Figures) -> Roof | str:
    """A chip's roof for one precision, or why there is none: chipcmp never guesses a figure."""
    ridges = in_sparsity(figures(chip, f"{metric.key}_ridge"), sparsity)
    if ridges:
        # The derived ridge keeps the figures it was computed from: draw exactly those.
        inputs = list({id(i.value): i.value for r in ridges for i in r.inputs}.values())
        return Roof(chip, metric, ridges, [v for v in inputs if v.metric == metric.key],
                    [v for v in inputs if v.metric == "memory_bandwidth"])
    if not usable(figures(chip, "memory_bandwidth")):
        return "no memory bandwidth figure"
    published = usable(figures(chip, metric.key))
    if published:
        other = "sparse" if sparsity == "dense" else "dense"
        unstated = any(v.sparsity == "unspecified" for v in published)
        why = " (figures of unstated sparsity count as dense)" if unstated else ""
        return f"no {sparsity} {metric.label} figure, only {other} ones{why}: dense and sparse never mix"
    return f"no {metric.label} figure"


def plot(library: Library, chips: list[Chip], path: str | Path, precisions: list[str] | None = None,
         sparsity: str = "dense") -> list[str]:
    """Write a PNG or SVG roofline; returns a message for each chip and precision left out."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ChipcmpError(f"cannot draw a roofline as {path.name!r}: use a file name ending in "
                           + " or ".join(FORMATS))
    matplotlib = _matplotlib()
    found, skipped = roofs(library, chips, precisions, sparsity)
    if not found:
        raise ChipcmpError("nothing to draw: " + "; ".join(skipped))
    # SVG text stays text (searchable, sources can be copied) and ids stay fixed (same input, same file).
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "chipcmp", "font.size": 9}):
        _save(_draw(found, sparsity), path, fmt)
    return skipped


def _matplotlib():
    try:
        import matplotlib
    except ImportError:
        raise ChipcmpError(NEEDS_MATPLOTLIB) from None
    return matplotlib


def _draw(found: list[Roof], sparsity: str):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    figure = Figure(figsize=(11, 6.5), dpi=150)
    FigureCanvasAgg(figure)  # the non-interactive backend; no pyplot, no global state
    ax = figure.add_axes((0.07, 0.2, 0.56, 0.72))
    x_range, y_range = _limits(found)
    styles = {m.key: PRECISION_STYLES[i % len(PRECISION_STYLES)] for i, m in enumerate(_precisions(found))}
    handles, labels, lines = [], [], []
    for i, mine in enumerate(_by_chip(found)):
        colour = COLOURS[i % len(COLOURS)]
        _draw_slope(ax, mine, x_range, colour)
        handles.append(Line2D([], [], color=colour, linewidth=1.2, alpha=0.7))
        labels.append(_chip_label(mine))
        for line in _coinciding(mine):
            style = styles[line[0].metric.key]
            _draw_ceiling(ax, line[0], x_range, colour, style)
            handles.append(Line2D([], [], color=colour, linewidth=2, linestyle=style))
            labels.append("   " + _line_label(line))
            lines.append(line)
    handles.append(Line2D([], [], color="0.3", marker="o", markersize=5, linestyle="none"))
    labels.append(f"ridge point, labelled in {_intensity_unit(found)}")
    _axes(ax, found, x_range, y_range, sparsity)
    _ridge_labels(figure, ax, lines)
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8, frameon=False,
              handlelength=3.2, title="chip: memory bandwidth / compute ceiling", title_fontsize=8,
              alignment="left")
    figure.text(0.07, 0.11, _footnote(found), fontsize=6.5, va="top", ha="left", color="0.25",
                linespacing=1.35)
    return figure


def _precisions(found: list[Roof]) -> list[Metric]:
    """The precisions drawn, in catalogue order."""
    keys = {r.metric.key for r in found}
    return [m for m in CATALOGUE if m.key in keys]


def _by_chip(found: list[Roof]) -> list[list[Roof]]:
    chips = dict.fromkeys(r.chip.id for r in found)
    return [[r for r in found if r.chip.id == cid] for cid in chips]


def _coinciding(mine: list[Roof]) -> list[list[Roof]]:
    """One chip's roofs grouped by the line drawn: FP8 and INT8 often share one."""
    lines: dict[tuple[float, float], list[Roof]] = {}
    for roof in mine:
        lines.setdefault((roof.ceiling, roof.corner), []).append(roof)
    return list(lines.values())


def _draw_slope(ax, mine: list[Roof], x_range: tuple[float, float], colour: str) -> None:
    """The memory-bandwidth slope, up to the chip's highest drawn ceiling."""
    top = max(mine, key=lambda r: r.ceiling)
    x = [x_range[0], top.corner]
    ax.plot(x, [top.bandwidth * v / top.scale for v in x], color=colour, linewidth=1.2, alpha=0.7)


def _draw_ceiling(ax, roof: Roof, x_range: tuple[float, float], colour: str, style) -> None:
    """The compute ceiling from the ridge point on, with a marker at the ridge point."""
    ax.plot([roof.corner, x_range[1]], [roof.ceiling] * 2, color=colour, linewidth=2, linestyle=style)
    ax.plot([roof.corner], [roof.ceiling], "o", color=colour, markersize=5, zorder=3)


def _limits(found: list[Roof]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Room around the ridge points for the slopes, the ceilings and their labels."""
    x_low = min(r.corner for r in found) / 5
    x_high = max(r.corner for r in found) * 6
    y_low = min(r.bandwidth * x_low / r.scale for r in found) / 1.5
    y_high = max(r.ceiling for r in found) * 2
    return (x_low, x_high), (y_low, y_high)


def _axes(ax, found: list[Roof], x_range, y_range, sparsity: str) -> None:
    from matplotlib.ticker import FuncFormatter

    precisions = _precisions(found)
    units = dict.fromkeys(m.unit for m in precisions)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*x_range)
    ax.set_ylim(*y_range)
    plain = FuncFormatter(lambda v, _: fmt_number(v))
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(plain)
        # matplotlib labels minor ticks when a range spans under a decade, as 3×10²; write them plainly
        axis.set_minor_formatter(FuncFormatter(lambda v, _: fmt_number(v) if str(v)[0] in "25" else ""))
    ax.set_xlabel(f"arithmetic intensity ({_intensity_unit(found).replace('/B', '/byte')})")
    ax.set_ylabel(f"attainable throughput ({' or '.join(units)})")
    labels = ", ".join(m.label for m in precisions)
    ax.set_title(f"Roofline — {labels}, {sparsity} figures", loc="left", fontsize=11)
    ax.grid(True, which="major", color="0.88", linewidth=0.6)
    ax.grid(True, which="minor", color="0.95", linewidth=0.4)


def _intensity_unit(found: list[Roof]) -> str:
    return " or ".join(sorted({"FLOP/B" if r.metric.unit == "TFLOPS" else "OP/B" for r in found}))


def _ridge_labels(figure, ax, lines: list[list[Roof]]) -> None:
    """Label each ridge marker, moving a label off the markers and the labels placed before it."""
    renderer = figure.canvas.get_renderer()
    taken = [box for line in lines for box in _line_boxes(ax, line[0])]
    for line in sorted(lines, key=lambda group: (-group[0].ceiling, group[0].corner)):
        point = (line[0].corner, line[0].ceiling)
        text = " / ".join(dict.fromkeys(fmt_range(*r.ridge_span) for r in line))
        for offset in LABEL_OFFSETS:
            label = _annotate(ax, text, point, offset)
            box = label.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in taken):
                break
            label.remove()
        else:  # crowded everywhere: the first place, overlapping
            box = _annotate(ax, text, point, LABEL_OFFSETS[0]).get_window_extent(renderer)
        taken.append(box)


def _annotate(ax, text: str, point: tuple[float, float], offset: tuple[int, int]):
    """A ridge label beside its marker."""
    return ax.annotate(text, point, xytext=offset, textcoords="offset points", fontsize=7.5,
                       ha="left" if offset[0] > 0 else "right", color="0.15")


def _line_boxes(ax, roof: Roof):
    """Display boxes of a ridge marker and its ceiling line, for labels to keep off."""
    from matplotlib.transforms import Bbox

    x, y = ax.transData.transform((roof.corner, roof.ceiling))
    right = ax.transAxes.transform((1, 0))[0]
    return [Bbox.from_extents(x - 4, y - 4, x + 4, y + 4), Bbox.from_extents(x, y - 1.5, right, y + 1.5)]


def _chip_label(mine: list[Roof]) -> str:
    low, high = interval(mine[0].bandwidths)
    text = f"{picture_label(mine[0].chip.name)}: {fmt_range(low, high)} GB/s"
    return text + (" (low end drawn)" if low != high else "")


def _line_label(line: list[Roof]) -> str:
    """The ceiling figures of one drawn line, and what a reader must know about them."""
    texts, notes = [], []
    for roof in line:
        low, high = interval(roof.ceilings)
        texts.append(f"{roof.metric.label} {fmt_range(low, high)} {roof.metric.unit}")
        if low != high:
            notes.append("low end drawn")
        if roof.unstated_sparsity:
            notes.append("sparsity unstated")
    notes = list(dict.fromkeys(notes))
    return " · ".join(texts) + (f" ({'; '.join(notes)})" if notes else "")


def _footnote(found: list[Roof]) -> str:
    """What the picture rests on: per chip, each source with the figures it gave."""
    lines = []
    if any(len(set(r.ridge_span)) > 1 for r in found):
        lines.append("Where sources give a range or disagree, lines and markers show the low end; "
                     "ridge labels span every combination of the sourced figures.")
    if any(r.unstated_sparsity for r in found):
        lines.append("'sparsity unstated': the source does not say dense or sparse; counted as dense.")
    lines.append("Ridge point = compute ceiling ÷ memory bandwidth. Sources (ids as in the spec files):")
    for cid in dict.fromkeys(r.chip.id for r in found):
        mine = [r for r in found if r.chip.id == cid]
        lines.append(f"{picture_label(mine[0].chip.name)} — {_sources_text(mine)}")
    return "\n".join(wrapped for line in lines
                     for wrapped in textwrap.wrap(line, 190, subsequent_indent="    "))


def _sources_text(mine: list[Roof]) -> str:
    backing: dict[str, tuple[str, set[str]]] = {}
    for roof in mine:
        for owner, leaf in roof.leaves():
            source = owner.sources[leaf.source]
            label = "bandwidth" if leaf.metric == "memory_bandwidth" else METRICS[leaf.metric].label
            backing.setdefault(source.id, (_who(source), set()))[1].add(label)
    return "; ".join(f"{picture_label(sid)} ({who}): {', '.join(sorted(labels))}"
                     for sid, (who, labels) in backing.items())


def _who(source: Source) -> str:
    """Publisher and web domain, so a reader can find the source again."""
    domain = urlparse(source.url).netloc.removeprefix("www.") if source.url else None
    return ", ".join(picture_label(p) for p in (source.publisher, domain) if p) or source.tier


def _save(figure, path: Path, fmt: str) -> None:
    """Render in memory, then write all or nothing (see output.write_atomically)."""
    buffer = io.BytesIO()
    # No timestamp in the file: the same library draws the same bytes.
    figure.savefig(buffer, format=fmt, bbox_inches="tight", pad_inches=0.2,
                   metadata={"Date": None} if fmt == "svg" else None)
    write_atomically(path, buffer.getvalue())
