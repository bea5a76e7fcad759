"""The command line: argument handling and printing over the chipcmp library.

Exit codes: 0 success, 1 data or validation error (including an unknown chip),
2 usage error. Only typer is imported at module level: pint, yaml and Rich
tables load inside the commands that need them, so `--help` and tab
completion stay fast.
"""

import sys
from enum import Enum
from functools import wraps
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from ..errors import ChipcmpError, DataError, LookupFailed
from ..metrics import CATALOGUE, METRICS
from ..data.schema import KINDS

EPILOG = "Exit codes: 0 success · 1 data or validation error (also an unknown chip) · 2 usage error."

app = typer.Typer(
    help="Compare AI accelerators on sourced, unit-checked specs.",
    epilog=EPILOG,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class Layout(str, Enum):
    long = "long"
    wide = "wide"


class Sparsity(str, Enum):
    dense = "dense"
    sparse = "sparse"


SparsityOption = Annotated[Sparsity, typer.Option(
    help="Dense figures (default) or 2:4-sparse ones; never a mix of the two.")]


class State:
    specs: Path | None = None
    use_cache: bool = True


def _complete_ids(kind: str, incomplete: str) -> list[str]:
    """Ids from file names: no YAML is parsed on a key press."""
    from ..data.library import ids_of_kind

    try:
        ids = ids_of_kind(kind, State.specs)
    except OSError:
        return []
    return sorted(i for i in ids if i.startswith(incomplete.lower()))


def _complete_chip(incomplete: str) -> list[tuple[str, str]]:
    """Chip ids, then aliases, that start with what was typed (case and spaces ignored).

    Aliases come from the last validated cache (no YAML is parsed on a key press)
    in the normalized form that `resolve` accepts: "910<TAB>" offers 910b and 910c.
    Each candidate keeps the typed text as its start, as shells require.
    """
    from ..data.naming import normalize_name

    found = {incomplete + i[len(incomplete):]: i for i in _complete_ids("hardware", incomplete)}
    typed = normalize_name(incomplete)
    if len(typed) == len(incomplete):  # nothing was normalized away, so typed text + rest resolves
        from ..data.cache import names
        from ..data.library import specs_dir

        for name, chip in sorted(names(specs_dir(State.specs)).items()):
            if name.startswith(typed) and chip not in found.values():
                found.setdefault(incomplete + name[len(typed):], chip)
    return [(value, chip) for value, chip in found.items()]


def _complete_claim(incomplete: str) -> list[str]:
    return _complete_ids("claim", incomplete)


def _complete_metric(incomplete: str) -> list[str]:
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + m.key for m in CATALOGUE if m.key.startswith(last)]


def _fail(message: str) -> None:
    from ..present.text import literal

    typer.echo(literal(message, layout=True), err=True)  # a file name may hold an ESC too
    raise typer.Exit(1)


def handles_errors(command):
    """Turn chipcmp's own errors into a message on stderr and exit 1, never a traceback."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DataError as exc:
            _fail("\n".join(str(p) for p in exc.problems) + f"\n{len(exc.problems)} problem(s) found")
        except ChipcmpError as exc:
            _fail(f"error: {exc}")
        except BrokenPipeError:
            sys.stderr.close()  # output piped into `head`: not an error

    return wrapper


def _library():
    from ..data.library import load_library

    return load_library(State.specs, use_cache=State.use_cache)


SvgOption = Annotated[Path | None, typer.Option(
    "--svg", metavar="FILE", help="Also save what the terminal shows as an SVG picture (table format).")]


def _show(renderable, svg: Path | None = None, title: str = "chipcmp") -> None:
    """Print a Rich renderable; with `svg`, also save the printed output as an SVG file."""
    from ..present.stdout import console as make_console

    console = make_console(record=svg is not None)
    console.print(renderable)
    if svg is not None:
        from ..data.files import write_atomically

        write_atomically(svg, console.export_svg(title=title), protect=_library_root())


def _svg_needs_table(svg: Path | None, format: "TableFormat") -> None:
    if svg is not None and format is not TableFormat.table:
        raise typer.BadParameter("--svg draws the table; leave out --format or use --format table",
                                 param_hint="--svg")


def _library_root() -> Path:
    from ..data.library import specs_dir

    return specs_dir(State.specs)


def _emit(text: str, output: Path | None = None, protect: bool = True) -> None:
    """Print `text`, or write it to `output`: never into the active library unless `protect` is off."""
    if output:
        from ..data.files import write_atomically

        write_atomically(output, text, protect=_library_root() if protect else None)
    else:
        from ..present.stdout import write_text

        write_text(text)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chipcmp {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    specs: Annotated[Path | None, typer.Option(
        "--specs", envvar="CHIPCMP_SPECS", metavar="DIR",
        help="Spec library to use instead of the one shipped with chipcmp.")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Re-read every spec file instead of the validated cache.")] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    State.specs = specs
    State.use_cache = not no_cache


ChipArg = Annotated[str, typer.Argument(help="Chip id or alias, e.g. 910B or a100.", metavar="CHIP",
                                        autocompletion=_complete_chip)]
VendorOption = Annotated[str | None, typer.Option(metavar="NAME", help="Only this vendor (case-insensitive).")]
CountryOption = Annotated[str | None, typer.Option(metavar="CC", help="Only this ISO country code, e.g. CN.")]


def _matching(chips, vendor: str | None, country: str | None, kind: str | None) -> list:
    """Records from one vendor, country and kind (each optional, case-insensitive)."""
    return [
        c for c in chips
        if (not vendor or c.vendor.casefold() == vendor.casefold())
        and (not country or c.country.casefold() == country.casefold())
        and (not kind or c.kind == kind.lower())
    ]


@app.command("list")
@handles_errors
def list_chips(
    vendor: VendorOption = None,
    country: CountryOption = None,
    kind: Annotated[str | None, typer.Option(metavar="KIND", help="Only chip, card, module or system.")] = None,
    format: FormatOption = TableFormat.table,
) -> None:
    """List the chips and systems in the library."""
    from ..present.documents import chip_summary

    chips = _matching(_library().chips.values(), vendor, country, kind)
    chips.sort(key=lambda c: (c.vendor.casefold(), c.released or "9999", c.id))
    rows = [chip_summary(c) for c in chips]
    _print_rows(rows, format, "chipcmp list", ["id", "name", "vendor", "country", "kind",
                                               "released", "values", "sources"])


def _print_rows(rows: list[dict], format: TableFormat, title: str, shown: list[str]) -> None:
    from ..present import formats as output

    if format is TableFormat.json:
        _emit(output.to_json({"version": output.FORMAT_VERSION, "items": rows}))
    elif format is TableFormat.csv:
        _emit(output.to_csv(rows))
    else:
        from ..present import tables as render

        body = [[render.display_cell(k, r[k]) for k in shown] for r in rows]
        if format is TableFormat.markdown:
            _emit(render.markdown_table(shown, body))
        else:
            _show(render.simple_table(title, shown, body))


@app.command()
@handles_errors
def show(
    chip: ChipArg,
    format: FormatOption = TableFormat.table,
) -> None:
    """Every value of one chip with its source; disagreeing sources all listed."""
    from ..data.library import resolve
    from ..present.documents import claim_doc, source_doc, value_doc, value_row

    library = _library()
    found = resolve(library, chip)
    if format is TableFormat.table:
        from ..present.tables import chip_detail

        _show(chip_detail(found, library))
    elif format is TableFormat.json:
        from ..analysis.figures import Figures
        from ..present.formats import FORMAT_VERSION, to_json
        from ..analysis.systems import part_sums
        from ..present.documents import conflicting_metrics

        doc = {
            "version": FORMAT_VERSION,
            "chip": {k: getattr(found, k) for k in ("id", "name", "vendor", "country", "kind",
                                                    "released", "aliases", "variant_of", "notes")},
            "parts": [{"chip": p.chip, "count": p.count} for p in found.parts],
            "values": [value_doc(found, v) for v in found.values],
            "conflicts": conflicting_metrics(found),
            "sources": [source_doc(s) for s in found.sources.values()],
            "claims": [claim_doc(c) for c in library.claims_about(found.id)],
            "sums_over_parts": [
                {**value_doc(found, summed), "published": [value_doc(found, v) for v in published],
                 "gap": gap}
                for summed, published, gap in part_sums(found, Figures(library))
            ],
        }
        _emit(to_json(doc))
    else:
        rows = [value_row(found, v) for v in found.values]
        _print_rows(rows, format, found.name, ["metric", "low", "high", "unit", "sparsity",
                                               "source_id", "source_url"])


@app.command()
@handles_errors
def compare(
    chips: Annotated[list[str], typer.Argument(help="Two or more chip ids or aliases.", metavar="CHIP",
                                               autocompletion=_complete_chip)],
    metrics: Annotated[str | None, typer.Option(
        "--metrics", "-m", metavar="KEYS", help="Comma-separated metric keys, published or derived "
        "(see `chipcmp metrics`); default: every metric any of the chips publishes, then TPP and "
        "performance density.",
        autocompletion=_complete_metric)] = None,
    baseline: Annotated[str | None, typer.Option(
        metavar="CHIP", help="Chip the ratios are relative to (default: the first).")] = None,
    sparsity: SparsityOption = Sparsity.dense,
    format: FormatOption = TableFormat.table,
    svg: SvgOption = None,
) -> None:
    """Compare chips side by side: values in canonical units, ratios, sources."""
    keys = _parse_metrics(metrics)
    _svg_needs_table(svg, format)
    if len(chips) < 2 and not baseline:
        raise typer.BadParameter("give at least two chips", param_hint="CHIPS")
    from ..present import tables as render

    _print_comparison(_comparison(chips, keys, baseline, sparsity), format, svg, "chipcmp compare",
                      render.comparison_table, render.comparison_markdown)


def _comparison(chips: list[str], keys: list[str] | None, baseline: str | None, sparsity: Sparsity):
    from ..analysis.comparison import compare as build
    from ..data.library import resolve

    library = _library()
    base = resolve(library, baseline) if baseline else None
    return build(library, _resolve_all(library, chips), keys, base, sparsity.value)


def _resolve_all(library, names: list[str]) -> list:
    """The chips named, each once, in the order given (two aliases may name one chip)."""
    from ..data.library import resolve

    return list({c.id: c for c in (resolve(library, name) for name in names)}.values())


def _print_comparison(result, format: TableFormat, svg: Path | None, title: str, table, markdown) -> None:
    """compare and chart: `table` and `markdown` draw the result; JSON and CSV are shared."""
    if format is TableFormat.table:
        _show(table(result), svg, title)
    elif format is TableFormat.markdown:
        _emit(markdown(result))
    elif format is TableFormat.json:
        from ..present.formats import to_json
        from ..present.documents import comparison_doc

        _emit(to_json(comparison_doc(result)))
    else:
        from ..present.formats import to_csv
        from ..present.documents import comparison_rows

        _emit(to_csv(comparison_rows(result)))


def _parse_metrics(text: str | None) -> list[str] | None:
    if not text:
        return None
    import difflib

    keys = [k.strip() for k in text.split(",") if k.strip()]
    for key in keys:
        if key not in METRICS:
            hint = difflib.get_close_matches(key, METRICS, n=1)
            suffix = f"; did you mean {hint[0]!r}?" if hint else "; see `chipcmp metrics`"
            raise typer.BadParameter(f"unknown metric {key!r}{suffix}", param_hint="--metrics")
    return keys


@app.command()
@handles_errors
def chart(
    metric: Annotated[str, typer.Argument(
        metavar="METRIC", help="Metric key, published or derived (see `chipcmp metrics`), e.g. bf16.",
        autocompletion=_complete_metric)],
    chips: Annotated[list[str], typer.Argument(help="One or more chip ids or aliases.", metavar="CHIP",
                                               autocompletion=_complete_chip)],
    baseline: Annotated[str | None, typer.Option(
        metavar="CHIP", help="Chip marked on every bar, ratios relative to it (default: the first).")] = None,
    sparsity: SparsityOption = Sparsity.dense,
    format: FormatOption = TableFormat.table,
    svg: SvgOption = None,
) -> None:
    """Horizontal bars of one metric across chips, the baseline marked, sources as footnotes.

    A bar is solid up to the lowest sourced figure and shaded on to the highest,
    so a range or a disagreement between sources stays visible.
    """
    key = _parse_metrics(metric)[0]
    _svg_needs_table(svg, format)
    from ..present.tables import Chart

    _print_comparison(_comparison(chips, [key], baseline, sparsity), format, svg, f"chipcmp chart {key}",
                      Chart, lambda result: Chart(result).markdown())


@app.command()
@handles_errors
def roofline(
    chips: Annotated[list[str], typer.Argument(help="One or more chip ids or aliases.", metavar="CHIP",
                                               autocompletion=_complete_chip)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE", help="Picture to write: FILE.png or FILE.svg.")],
    precision: Annotated[list[str] | None, typer.Option(
        "--precision", "-p", metavar="METRIC", autocompletion=_complete_metric,
        help="Throughput metric to draw a ceiling for; repeat for several (default: bf16).")] = None,
    sparsity: SparsityOption = Sparsity.dense,
) -> None:
    """Roofline plot: each chip's compute ceilings, memory-bandwidth slope and ridge points.

    Needs matplotlib: pip install 'chipcmp[plot]'. Ranges and disagreeing
    sources are drawn at their low end and labelled with the full span; the
    sources are footnoted on the picture. Chips without the figures are left
    out and listed, never guessed.
    """
    keys = [_parse_metrics(p)[0] for p in precision] if precision else None
    from ..present.roofline import plot

    from ..data.files import refuse_inside

    refuse_inside(output, _library_root())
    library = _library()
    skipped = plot(library, _resolve_all(library, chips), output, keys, sparsity.value)
    from ..present.text import literal

    for reason in skipped:
        typer.echo(literal(f"left out: {reason}"), err=True)  # reasons name chips
    typer.echo(f"wrote {output}", err=True)


@app.command()
@handles_errors
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.csv,
    layout: Annotated[Layout, typer.Option(
        help="long: one row per value with its full source; wide: one row per chip.")] = Layout.long,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to FILE (atomically) instead of standard output.")] = None,
    derived: Annotated[bool, typer.Option(
        "--derived/--published-only",
        help="Include figures chipcmp computes (per watt, per mm², ridge points, TPP, PD, sums "
        "over a system's parts), each naming its inputs.")] = True,
) -> None:
    """Export the whole library as CSV, JSON or JSON Lines.

    For notebooks: pandas.read_csv("chipcmp.csv") and
    pandas.read_json("chipcmp.jsonl", lines=True) need no cleaning. JSON is one
    document with a version, the layout and the rows under items.
    """
    from ..present import formats as out
    from ..analysis.figures import Figures
    from ..present.documents import value_row, wide_rows

    library = _library()
    figures = Figures(library)

    def values_of(chip):
        return figures.all_of(chip) if derived else chip.values

    if layout is Layout.long:
        rows = [value_row(c, v) for c in library.chips.values() for v in values_of(c)]
        columns = list(rows[0]) if rows else []
    else:
        rows, columns = wide_rows(library, values_of)
    if format is ExportFormat.csv:
        text = out.to_csv(rows, columns)
    elif format is ExportFormat.jsonl:
        text = out.to_json_lines(rows)
    else:
        text = out.to_json({"version": out.FORMAT_VERSION, "layout": layout.value, "items": rows})
    _emit(text, output)


@app.command()
@handles_errors
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[PATH]...", help="Files or directories to check (default: the whole library).")] = None,
) -> None:
    """Check spec and claim files; print every problem as file:line: message."""
    from ..data.library import record_ids, specs_dir
    from ..data.loader import check_files, discover

    targets = paths or [specs_dir(State.specs)]
    files, problems = discover(targets)
    # Files checked on their own may name chips of the active library; its file
    # names are its ids, so no need to load (or trust) it.
    known = record_ids(State.specs) if paths else set()
    library, more = check_files(files, known, roots=targets)
    problems += more
    for warning in library.warnings:
        typer.echo(str(warning), err=True)
    if problems:
        raise DataError(problems)
    _emit(f"ok: {len(files)} file(s), {len(library.chips)} chip(s), "
               f"{sum(len(c.values) for c in library.chips.values())} value(s), "
               f"{len(library.claims)} claim(s), {len(library.rules)} rule(s)\n")


@app.command()
@handles_errors
def claims(
    chip: Annotated[str | None, typer.Argument(
        help="Only claims about this chip (as subject or baseline).", metavar="CHIP",
        autocompletion=_complete_chip)] = None,
    format: FormatOption = TableFormat.table,
) -> None:
    """Published claims ("910B ≈ 80–90% of an A100"), each with its source."""
    from ..data.library import resolve
    from ..present.documents import claim_row

    library = _library()
    found = library.claims.values()
    if chip:
        found = library.claims_about(resolve(library, chip).id)
    rows = [claim_row(c) for c in sorted(found, key=lambda c: (c.subject, c.claimed_on, c.id))]
    if format is TableFormat.json:
        from ..present.formats import FORMAT_VERSION, to_json
        from ..present.documents import claim_doc

        _emit(to_json({"version": FORMAT_VERSION, "items": [claim_doc(library.claims[r["id"]])
                                                            for r in rows]}))
        return
    _print_rows(rows, format, "chipcmp claims", ["id", "subject", "baseline", "compares", "ratio",
                                                "claimed_by", "claimed_on", "source"])


@app.command()
@handles_errors
def check(
    names: Annotated[list[str] | None, typer.Argument(
        metavar="[CLAIM|CHIP]...", autocompletion=_complete_claim,
        help="Claim ids, or chips whose claims to check (default: every claim).")] = None,
    format: FormatOption = TableFormat.table,
    svg: SvgOption = None,
) -> None:
    """Check claims against the specs: the ratio the sourced figures imply, and a verdict.

    Verdicts: consistent · specs-exceed-claim (the claim may describe delivered
    rather than peak performance) · claim-exceeds-specs · not-checkable (with
    the reason). Ranges and disagreeing sources give the implied ratio as an
    interval. Tolerance: ±2% on exact ratios, ±10% on approximate ones ("~",
    "about", "nearly", "comparable" ...).
    """
    from ..analysis.figures import Figures
    from ..data.library import select_claims
    from ..analysis.verdicts import check as check_claim

    _svg_needs_table(svg, format)
    library = _library()
    figures = Figures(library)
    verdicts = [check_claim(c, library, figures) for c in select_claims(library, names or [])]
    _print_results(verdicts, format, "verdict", svg)


def _print_results(results: list, format: TableFormat, kind: str, svg: Path | None) -> None:
    """check and controls: JSON is a list of objects, one per result, each with a version."""
    from ..present import formats as output
    from ..present import tables as render
    from ..present import documents as views

    doc, row, grid, table, title = {
        "verdict": (views.verdict_doc, views.verdict_row, render.verdicts_grid, render.verdicts_table,
                    "chipcmp check"),
        "classification": (views.classification_doc, views.classification_row,
                           render.controls_grid, render.controls_table, "chipcmp controls"),
    }[kind]
    if format is TableFormat.json:
        _emit(output.to_json([{"version": output.FORMAT_VERSION, **doc(r)} for r in results]))
    elif format is TableFormat.csv:
        _emit(output.to_csv([row(r) for r in results]))
    elif format is TableFormat.markdown:
        header, body, notes = grid(results)
        _emit(render.markdown_table(header, body) + "\n" + "".join(f"{n}  \n" for n in notes.lines))
    else:
        _show(table(results), svg, title)


@app.command()
@handles_errors
def controls(
    chips: Annotated[list[str] | None, typer.Argument(
        metavar="[CHIP]...", autocompletion=_complete_chip,
        help="Chips to classify (default: every chip, card and module).")] = None,
    rule: Annotated[str | None, typer.Option(
        metavar="ID", help="Only this rule (see specs/rules/); default: every rule.")] = None,
    format: FormatOption = TableFormat.table,
    svg: SvgOption = None,
) -> None:
    """Export-control class of each chip under each rule (US ECCN 3A090 of 2022 and 2023).

    Shows TPP and performance density with their sources, the class that
    applies, and, where the rule cannot decide, exactly which published figure
    is missing. Rules are YAML files with conditions over metric names; a new
    rule is a new file.
    """
    from ..analysis.controls import classify
    from ..analysis.figures import Figures
    from ..data.library import resolve

    _svg_needs_table(svg, format)
    library = _library()
    if rule and rule not in library.rules:
        raise LookupFailed(f"unknown rule {rule!r}", sorted(library.rules))
    rules = [library.rules[rule]] if rule else list(library.rules.values())
    found = ([resolve(library, name) for name in chips] if chips
             else [c for c in library.chips.values() if c.kind != "system"])
    figures = Figures(library)
    _print_results([classify(c, r, figures) for c in found for r in rules], format, "classification", svg)


class Per(str, Enum):
    watt = "watt"
    mm2 = "mm2"


@app.command()
@handles_errors
def rank(
    by: Annotated[str, typer.Option(
        metavar="METRIC", help="Metric to rank by, published or derived (see `chipcmp metrics`).",
        autocompletion=_complete_metric)],
    per: Annotated[Per | None, typer.Option(help="Divide by TDP (watt) or die area (mm2).")] = None,
    vendor: VendorOption = None,
    country: CountryOption = None,
    kind: Annotated[str | None, typer.Option(
        metavar="KIND", help="Only chip, card, module or system (default: all but systems).")] = None,
    sparsity: SparsityOption = Sparsity.dense,
    limit: Annotated[int | None, typer.Option(min=1, metavar="N", help="Show the top N only.")] = None,
    format: FormatOption = TableFormat.table,
) -> None:
    """Rank records by a metric, highest first, by the lowest sourced figure (the safe end)."""
    from ..analysis.ranking import per_metric
    from ..analysis.ranking import rank as build
    from ..present.documents import entry_row

    key = per_metric(_parse_metrics(by)[0], per.value if per else None)
    library = _library()
    chips = [c for c in _matching(library.chips.values(), vendor, country, kind)
             if kind or c.kind != "system"]
    entries, without = build(library, chips, key, sparsity.value)
    rows = [entry_row(i, e, key) for i, e in enumerate(entries[:limit] if limit else entries, 1)]
    _print_rows(rows, format, f"chipcmp rank — {METRICS[key].label} ({sparsity.value})",
                ["rank", "chip", "vendor", "country", "low", "high", "unit", "flags"])
    if format is TableFormat.table and without:
        typer.echo(f"{len(without)} record(s) publish no figure for it: "
                   + ", ".join(c.id for c in without), err=True)


@app.command()
@handles_errors
def gap(
    chip: ChipArg,
    metric: Annotated[str | None, typer.Option(
        metavar="METRIC", autocompletion=_complete_metric,
        help="Metric to match (default: the first of bf16, fp16, fp32, int8, fp8 the chip publishes).")] = None,
    vs: Annotated[str, typer.Option(metavar="VENDOR", help="Vendor to measure against.")] = "NVIDIA",
    format: FormatOption = TableFormat.table,
) -> None:
    """The earliest chip of another vendor that matches CHIP on a metric, and the years between.

    "Matches" means its lowest sourced figure reaches CHIP's highest; an earlier
    chip whose range merely overlaps is reported as a possible match.
    """
    from ..data.library import resolve
    from ..analysis.ranking import gap as build
    from ..present.documents import gap_doc

    key = _parse_metrics(metric)[0] if metric else None
    library = _library()
    doc = gap_doc(build(library, resolve(library, chip), vs, key))
    if format is TableFormat.json:
        from ..present.formats import FORMAT_VERSION, to_json

        _emit(to_json({"version": FORMAT_VERSION, **doc}))
        return
    if format is TableFormat.table:
        from ..present.tables import gap_text

        _emit(gap_text(doc) + "\n")
        return
    from ..present.documents import gap_row

    row = gap_row(doc)
    _print_rows([row], format, "chipcmp gap", list(row))


crosscheck_app = typer.Typer(help="Compare the library with independent datasets.",
                             no_args_is_help=True)
app.add_typer(crosscheck_app, name="crosscheck")


@crosscheck_app.command("epoch")
@handles_errors
def crosscheck_epoch(
    csv_file: Annotated[Path, typer.Argument(
        metavar="FILE.csv", help="Epoch AI's ML hardware CSV (https://epoch.ai/data/machine-learning-hardware).")],
    all_rows: Annotated[bool, typer.Option("--all", help="Also list metrics that agree.")] = False,
    format: FormatOption = TableFormat.table,
) -> None:
    """Where Epoch AI's hardware CSV and chipcmp disagree, per chip and metric."""
    from ..analysis.crosscheck import crosscheck, read_epoch
    from ..present.documents import finding_row

    findings = crosscheck(_library(), read_epoch(csv_file))
    rows = [finding_row(f) for f in findings if all_rows or f.status != "agrees"]
    _print_rows(rows, format, "chipcmp crosscheck epoch",
                ["chip", "metric", "epoch", "chipcmp", "unit", "status", "remark"])


HardwareKind = Enum("HardwareKind", {kind: kind for kind in KINDS}, type=str)


@app.command()
@handles_errors
def new(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new record, e.g. acme-x1: "
                                             "lower-case letters, digits and '-'.")],
    vendor: Annotated[str, typer.Option(metavar="NAME", help="Vendor name, e.g. Huawei.")],
    kind: Annotated[HardwareKind, typer.Option(help="What the record describes.")] = HardwareKind.chip,
    country: Annotated[str | None, typer.Option(
        metavar="CC", help="ISO code of the vendor's country, e.g. CN (default: left to fill in).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Where to write (default: chips/VENDOR/ID.yaml, or systems/VENDOR/ID.yaml, in --specs).")] = None,
) -> None:
    """Write a commented template for a new chip, card, module or system.

    Fill in every TODO from the sources you read, delete what is not published,
    then run `chipcmp validate`. Never overwrites a file.
    """
    import re
    from datetime import date

    from ..data.json_schema import modeline
    from ..data.library import default_specs_dir, record_ids, specs_dir
    from ..data.files import write_new
    from ..data.schema import COUNTRY_PATTERN, ID_PATTERN
    from ..data.template import new_record, vendor_folder

    if not re.match(ID_PATTERN, record_id):
        raise typer.BadParameter(f"{record_id!r}: use lower-case letters, digits and '-'", param_hint="ID")
    if country and not re.match(COUNTRY_PATTERN, country):
        raise typer.BadParameter(f"{country!r} is not an ISO code such as US or CN", param_hint="--country")
    root = specs_dir(State.specs)
    if output is None:
        if root == default_specs_dir() and root.parent.name == "chipcmp":
            _fail("error: the library installed with chipcmp is not for editing; "
                  "pass --specs DIR (your own library) or -o FILE")
        folder = "systems" if kind.value == "system" else "chips"
        output = root / folder / vendor_folder(vendor) / f"{record_id}.yaml"
    if record_id in record_ids(State.specs):
        _fail(f"error: {record_id!r} is already a record in {root}")
    text = new_record(record_id, vendor, kind.value, date.today().isoformat(),
                      modeline(output.absolute(), root.absolute()), country)
    write_new(output, text)
    typer.echo(f"wrote {output}; fill in its TODOs, then run: chipcmp validate {output}", err=True)


class RecordKind(str, Enum):
    hardware = "hardware"
    claim = "claim"
    rule = "rule"


@app.command("schema")
@handles_errors
def json_schema(
    kind: Annotated[RecordKind | None, typer.Option(
        help="Only the schema of one kind of file (default: one schema for all three).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to FILE (atomically) instead of standard output.")] = None,
) -> None:
    """Print the JSON Schema of spec, claim and rule files, for editors.

    Generated from the tables `chipcmp validate` uses, so the two accept the
    same fields. The shipped copy is specs/chipcmp.schema.json; each spec file
    points at it in its first line (a yaml-language-server modeline).
    """
    from ..data.json_schema import render

    _emit(render(kind.value if kind else None), output, protect=False)  # the schema lives in specs/


@app.command("metrics")
@handles_errors
def list_metrics(
    format: FormatOption = TableFormat.table,
) -> None:
    """The metric catalogue: key, label, dimension and display unit."""
    rows = [{"key": m.key, "label": m.label, "unit": m.unit, "dimension": m.dimension,
             "throughput": m.throughput, "description": m.description} for m in CATALOGUE]
    _print_rows(rows, format, "chipcmp metrics", ["key", "label", "unit", "description"])
