"""The command line: argument handling over the chipcmp library, nothing else.

Each command reads its arguments, asks the library for a result and hands the
result to `present.emit`, the one function that prints every format. Exit
codes: 0 success, 1 data or validation error (including an unknown chip), 2
usage error. Only typer is imported at module level: pint, yaml and Rich tables
load inside the commands that need them, so `--help` and tab completion stay fast.
"""

import sys
from enum import Enum
from functools import wraps
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from ..data.schema import KINDS
from ..errors import ChipcmpError, DataError, UsageError
from .options import (ChipArg, CountryOption, FormatOption, KindOption, Settings, Sparsity,
                      SparsityOption, SvgOption, TableFormat, Theme, ThemeOption, VendorOption,
                      WidthOption, complete_chip, complete_claim, complete_metric, parse_metrics)

EPILOG = ("Exit codes: 0 success · 1 data or validation error (also an unknown chip) · 2 usage error. "
          "Tables fit the terminal, $COLUMNS or --width.")

app = typer.Typer(
    help="Compare AI accelerators on sourced, unit-checked specs.",
    epilog=EPILOG,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def handles_errors(command):
    """chipcmp's own errors become a message on stderr, never a traceback: exit 1, or 2 for usage."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DataError as exc:
            _fail("\n".join(str(p) for p in exc.problems) + f"\n{len(exc.problems)} problem(s) found")
        except UsageError as exc:
            ctx = kwargs.get("ctx")
            path = " ".join(["chipcmp", *ctx.command_path.split()[1:]]) if ctx is not None else "chipcmp"
            _fail(f"error: {exc}\nTry '{path} --help' for help.", 2)
        except ChipcmpError as exc:
            _fail(f"error: {exc}")
        except BrokenPipeError:
            sys.stderr.close()  # output piped into `head`: not an error

    return wrapper


def _fail(message: str, code: int = 1) -> None:
    from ..present.text import literal

    typer.echo(literal(message, layout=True), err=True)  # a file name may hold an ESC too
    raise typer.Exit(code)


def _svg_needs_table(svg: Path | None, format: TableFormat) -> None:
    if svg is not None and format is not TableFormat.table:
        raise typer.BadParameter("--svg draws the table; leave out --format or use --format table",
                                 param_hint="--svg")


def _emit(ctx: typer.Context | None, result, format: TableFormat | str, width: int | None = None,
          svg: Path | None = None, theme: Theme = Theme.light, output: Path | None = None,
          protect: bool = True) -> None:
    """Hand the result to the one writer; files never land in the active library unless not `protect`."""
    from ..data.library import specs_dir
    from ..present.emit import emit

    root = specs_dir(Settings(ctx).specs) if protect else None
    emit(result, getattr(format, "value", format), output=output, svg=svg, width=width,
         theme=theme.value, protect=root)


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
    """Compare AI accelerators on sourced, unit-checked specs."""


@app.command("list")
@handles_errors
def list_chips(
    ctx: typer.Context,
    vendor: VendorOption = None,
    country: CountryOption = None,
    kind: KindOption = None,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
) -> None:
    """List the chips and systems in the library."""
    from ..data.library import select_records
    from ..present.records import list_result

    chips = select_records(Settings(ctx).library(), vendor, country, kind)
    _emit(ctx, list_result(chips), format, width)


@app.command()
@handles_errors
def show(
    ctx: typer.Context,
    chip: ChipArg,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
) -> None:
    """Every value of one chip with its source, disagreements, export-control arithmetic and claims."""
    from ..analysis.controls import classify
    from ..analysis.figures import Figures
    from ..data.library import resolve
    from ..present.records import ShowResult

    library = Settings(ctx).library()
    found = resolve(library, chip)
    figures = Figures(library)
    classes = ([classify(found, r, figures) for r in library.rules.values()]
               if found.kind != "system" else [])
    _emit(ctx, ShowResult(found, library, figures, classes), format, width)


@app.command()
@handles_errors
def compare(
    ctx: typer.Context,
    chips: Annotated[list[str], typer.Argument(help="Two or more chip ids or aliases.", metavar="CHIP",
                                               autocompletion=complete_chip)],
    metrics: Annotated[str | None, typer.Option(
        "--metrics", "-m", metavar="KEYS", help="Comma-separated metric keys, published or derived "
        "(see `chipcmp metrics`); default: every metric any of the chips publishes, then TPP and "
        "performance density.",
        autocompletion=complete_metric)] = None,
    baseline: Annotated[str | None, typer.Option(
        metavar="CHIP", help="Chip the ratios divide by (default: the first); its row label reads "
        "'÷ CHIP'.")] = None,
    sparsity: SparsityOption = Sparsity.dense,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
    svg: SvgOption = None,
    svg_theme: ThemeOption = Theme.light,
) -> None:
    """Compare chips side by side: values in canonical units, ratios, sources.

    Under each metric, the row '÷ BASELINE' gives each chip's figure divided by
    the baseline's: with --baseline a100, 0.85× reads "85% of the A100".
    """
    keys = parse_metrics(metrics)
    _svg_needs_table(svg, format)
    from ..present.comparing import ComparisonResult

    result = ComparisonResult(_comparison(ctx, chips, keys, baseline, sparsity, at_least=2))
    _emit(ctx, result, format, width, svg, svg_theme)


def _comparison(ctx, chips: list[str], keys: list[str] | None, baseline: str | None, sparsity: Sparsity,
                at_least: int = 1):
    """The comparison of the named chips; fewer than `at_least` different records is a usage error."""
    from ..analysis.comparison import compare as build
    from ..data.library import resolve, resolve_all

    library = Settings(ctx).library()
    base = resolve(library, baseline) if baseline else None
    found = resolve_all(library, chips)
    if len({c.id for c in found} | ({base.id} if base else set())) < at_least:
        raise UsageError("CHIPS: give at least two different chips, or one chip and --baseline "
                         f"(the names given mean only {found[0].id})")
    return build(library, found, keys, base, sparsity.value)


@app.command()
@handles_errors
def chart(
    ctx: typer.Context,
    metric: Annotated[str, typer.Argument(
        metavar="METRIC", help="Metric key, published or derived (see `chipcmp metrics`), e.g. bf16.",
        autocompletion=complete_metric)],
    chips: Annotated[list[str], typer.Argument(help="One or more chip ids or aliases.", metavar="CHIP",
                                               autocompletion=complete_chip)],
    baseline: Annotated[str | None, typer.Option(
        metavar="CHIP", help="Chip marked on every bar, ratios relative to it (default: the first).")] = None,
    sparsity: SparsityOption = Sparsity.dense,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
    svg: SvgOption = None,
    svg_theme: ThemeOption = Theme.light,
) -> None:
    """Horizontal bars of one metric across chips, the baseline marked, sources as footnotes.

    A bar is solid up to the lowest sourced figure and shaded on to the highest,
    so a range or a disagreement between sources stays visible.
    """
    key = parse_metrics(metric, "METRIC")[0]
    _svg_needs_table(svg, format)
    from ..present.comparing import ChartResult

    result = ChartResult(_comparison(ctx, chips, [key], baseline, sparsity))
    _emit(ctx, result, format, width, svg, svg_theme)


@app.command()
@handles_errors
def roofline(
    ctx: typer.Context,
    chips: Annotated[list[str], typer.Argument(help="One or more chip ids or aliases.", metavar="CHIP",
                                               autocompletion=complete_chip)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE", help="Picture to write: FILE.png or FILE.svg.")],
    precision: Annotated[list[str] | None, typer.Option(
        "--precision", "-p", metavar="METRIC", autocompletion=complete_metric,
        help="Throughput metric to draw a ceiling for; repeat for several (default: bf16).")] = None,
    sparsity: SparsityOption = Sparsity.dense,
) -> None:
    """Roofline plot: each chip's compute ceilings, memory-bandwidth slope and ridge points.

    Needs matplotlib: pip install 'chipcmp[plot]' (from a source checkout:
    pip install '.[plot]'). Ranges and disagreeing sources are drawn at their
    low end and labelled with the full span; the sources are footnoted on the
    picture. Chips without the figures are left out and listed, never guessed.
    """
    keys = [parse_metrics(p, "--precision")[0] for p in precision] if precision else None
    from ..data.files import refuse_inside
    from ..data.library import resolve_all, specs_dir
    from ..present.roofline import plot
    from ..present.text import literal

    refuse_inside(output, specs_dir(Settings(ctx).specs))
    library = Settings(ctx).library()
    skipped = plot(library, resolve_all(library, chips), output, keys, sparsity.value)
    for reason in skipped:
        typer.echo(literal(f"left out: {reason}"), err=True)  # reasons name chips
    typer.echo(f"wrote {output}", err=True)


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class Layout(str, Enum):
    long = "long"
    wide = "wide"
    wide_full = "wide-full"
    measurements = "measurements"


@app.command()
@handles_errors
def export(
    ctx: typer.Context,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.csv,
    layout: Annotated[Layout, typer.Option(
        help="long: one row per value with its full source; wide: one row per chip, a column pair "
        "per metric (whole-record figures: dense ones where there are any, else those of unstated "
        "sparsity, named in <metric>_sparsity); "
        "wide-full: a column pair per metric, sparsity and scope; measurements: one row per "
        "measured result on record.")] = Layout.long,
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
    from ..analysis.figures import Figures
    from ..present.exports import ExportResult

    library = Settings(ctx).library()
    _emit(ctx, ExportResult(library, Figures(library), layout.value, derived), format.value, output=output)


@app.command()
@handles_errors
def validate(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[PATH]...", help="Files or directories to check (default: the whole library).")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Treat plausibility warnings as errors (exit 1).")] = False,
) -> None:
    """Check spec and claim files; print every problem as file:line: message.

    Plausibility warnings (a likely 2:4-sparse figure, an unmarked rounding, a
    system beyond its parts, sparse not 2× dense) go to stderr as
    file:line: warning: message and leave the exit code at 0 unless --strict.
    """
    from ..data.library import validate as check

    from ..present.stdout import write_text
    from ..present.text import literal

    summary, warnings = check(paths, Settings(ctx).specs, strict)
    for warning in warnings:
        typer.echo(literal(str(warning)), err=True)
    write_text(summary + "\n")


@app.command()
@handles_errors
def claims(
    ctx: typer.Context,
    chips: Annotated[list[str] | None, typer.Argument(
        help="Only claims about this chip; with two or more, the claims between them.", metavar="[CHIP]...",
        autocompletion=complete_chip)] = None,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
) -> None:
    """Published claims ("910B ≈ 80–90% of an A100"), one line each; -f json for their sources."""
    from ..data.library import select_claims
    from ..present.claims import ClaimsResult

    _emit(ctx, ClaimsResult(select_claims(Settings(ctx).library(), chips or [])), format, width)


@app.command()
@handles_errors
def check(
    ctx: typer.Context,
    names: Annotated[list[str] | None, typer.Argument(
        metavar="[CLAIM|CHIP]...", autocompletion=complete_claim,
        help="Claim ids, or chips: one chip checks every claim about it, two or more the claims "
        "between them (default: every claim).")] = None,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
    svg: SvgOption = None,
    svg_theme: ThemeOption = Theme.light,
) -> None:
    """Check claims against the specs: the ratio the sourced figures imply, and a verdict.

    Verdicts: consistent · specs-exceed-claim (the claim may describe delivered
    rather than peak performance) · claim-exceeds-specs · not-checkable (with
    the reason). Ranges and disagreeing sources give the implied ratio as an
    interval. Tolerance: ±2% on exact ratios, ±10% on approximate ones ("~",
    "about", "nearly", "comparable" ...). Workload claims (a phase, no metric)
    are compared with the spec ceiling for their phase, widened ×1.51 for
    measured scatter: consistent-with-ceiling · below-ceiling · above-ceiling
    (see `chipcmp workload` and docs/workload-model.md).
    """
    from ..analysis.figures import Figures
    from ..analysis.verdicts import check as check_claim
    from ..data.library import select_claims
    from ..present.claims import CheckResult

    _svg_needs_table(svg, format)
    library = Settings(ctx).library()
    figures = Figures(library)
    verdicts = [check_claim(c, library, figures) for c in select_claims(library, names or [])]
    _emit(ctx, CheckResult(verdicts), format, width, svg, svg_theme)


@app.command()
@handles_errors
def controls(
    ctx: typer.Context,
    chips: Annotated[list[str] | None, typer.Argument(
        metavar="[CHIP]...", autocompletion=complete_chip,
        help="Chips to classify (default: every chip, card and module); a system's parts are "
        "classified, as the rules apply per chip.")] = None,
    rule: Annotated[str | None, typer.Option(
        metavar="ID", help="Only this rule: its id or any unique part of it, e.g. 2023 "
        "(default: every rule).")] = None,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Print the arithmetic: TPP and PD from their inputs, and every test of "
        "each rule with the figures plugged in.")] = False,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
    svg: SvgOption = None,
    svg_theme: ThemeOption = Theme.light,
) -> None:
    """Export-control class of each chip under each rule (US ECCN 3A090 of 2022 and 2023).

    One row per chip: the class under each rule, TPP and performance density
    with their sources, and why. Where a rule cannot decide, the reason names
    the missing figure or the range that straddles a threshold. Rules are YAML
    files with conditions over metric names; a new rule is a new file.
    """
    from ..analysis.controls import classify, per_chip
    from ..analysis.figures import Figures
    from ..data.library import resolve_all, select_rules
    from ..present.controls import ControlsResult

    _svg_needs_table(svg, format)
    library = Settings(ctx).library()
    rules = select_rules(library, rule)
    found = (resolve_all(library, chips) if chips
             else [c for c in library.chips.values() if c.kind != "system"])
    found, notes = per_chip(library, found)
    figures = Figures(library)
    results = [classify(c, r, figures) for c in found for r in rules]
    _emit(ctx, ControlsResult(results, notes, explain), format, width, svg, svg_theme)


class Per(str, Enum):
    watt = "watt"
    mm2 = "mm2"


@app.command()
@handles_errors
def rank(
    ctx: typer.Context,
    by: Annotated[str, typer.Option(
        metavar="METRIC", help="Numeric metric to rank by, published or derived (see `chipcmp metrics`).",
        autocompletion=complete_metric)],
    per: Annotated[Per | None, typer.Option(help="Divide by TDP (watt) or die area (mm2).")] = None,
    vendor: VendorOption = None,
    country: CountryOption = None,
    kind: Annotated[str | None, typer.Option(
        metavar="KIND", help="Only chip, card, module or system (default: all but systems).")] = None,
    sparsity: SparsityOption = Sparsity.dense,
    limit: Annotated[int | None, typer.Option(min=1, metavar="N", help="Show the top N only.")] = None,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
) -> None:
    """Rank records by a metric, highest first, by the lowest sourced figure (the safe end)."""
    from ..analysis.ranking import per_metric
    from ..analysis.ranking import rank as build
    from ..data.library import select_records
    from ..present.records import RankResult

    key = per_metric(parse_metrics(by, "--by")[0], per.value if per else None)
    library = Settings(ctx).library()
    chips = select_records(library, vendor, country, kind, systems=False)
    entries, without = build(library, chips, key, sparsity.value)
    result = RankResult(entries[:limit] if limit else entries, without, key, sparsity.value)
    _emit(ctx, result, format, width)


class GapDate(str, Enum):
    available = "available"
    announced = "announced"


@app.command()
@handles_errors
def gap(
    ctx: typer.Context,
    chip: ChipArg,
    metric: Annotated[str | None, typer.Option(
        metavar="METRIC", autocompletion=complete_metric,
        help="Metric to match (default: the first of bf16, fp16, fp32, int8, fp8 the chip publishes).")] = None,
    vs: Annotated[str, typer.Option(metavar="VENDOR", help="Vendor to measure against.")] = "NVIDIA",
    date: Annotated[GapDate, typer.Option(
        help="Date each record by availability (else release, else announcement) or by "
        "announcement (else release, else availability).")] = GapDate.available,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
) -> None:
    """The earliest chip of another vendor that matches CHIP on a metric, and the years between.

    "Matches" means its lowest sourced figure reaches CHIP's highest; an earlier
    chip whose range merely overlaps is reported as a possible match. Each date
    shown says which it is (available, released or announced).
    """
    from ..analysis.ranking import gap as build
    from ..data.library import resolve
    from ..present.records import GapResult

    key = parse_metrics(metric, "--metric")[0] if metric else None
    library = Settings(ctx).library()
    _emit(ctx, GapResult(build(library, resolve(library, chip), vs, key, basis=date.value)), format, width)


crosscheck_app = typer.Typer(help="Compare the library with independent datasets.",
                             no_args_is_help=True)
app.add_typer(crosscheck_app, name="crosscheck")


@crosscheck_app.command("epoch")
@handles_errors
def crosscheck_epoch(
    ctx: typer.Context,
    csv_file: Annotated[Path | None, typer.Argument(
        metavar="[FILE.csv]", help="Epoch AI's ML hardware CSV (https://epoch.ai/data/machine-learning-hardware); "
        "default: the rows the library cites, shipped with chipcmp (CC-BY 4.0, Epoch AI).")] = None,
    all_rows: Annotated[bool, typer.Option("--all", help="Also list metrics that agree.")] = False,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
) -> None:
    """Where Epoch AI's hardware CSV and chipcmp disagree, per chip and metric.

    Without FILE it reads the Epoch rows chipcmp cites, shipped inside the
    package, so it runs offline.
    """
    from ..analysis.crosscheck import crosscheck, read_epoch
    from ..data.epoch_rows import SHIPPED
    from ..present.records import findings_result

    findings = crosscheck(Settings(ctx).library(), read_epoch(csv_file or SHIPPED))
    _emit(ctx, findings_result(findings, all_rows), format, width)


HardwareKind = Enum("HardwareKind", {kind: kind for kind in KINDS}, type=str)


@app.command()
@handles_errors
def new(
    ctx: typer.Context,
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
    from datetime import date

    from ..data.template import write_template

    written = write_template(record_id, vendor, kind.value, country, output, Settings(ctx).specs,
                             date.today().isoformat())
    typer.echo(f"wrote {written}; fill in its TODOs, then run: chipcmp validate {written}", err=True)


class RecordKind(str, Enum):
    hardware = "hardware"
    claim = "claim"
    rule = "rule"
    measurement = "measurement"


@app.command("schema")
@handles_errors
def json_schema(
    kind: Annotated[RecordKind | None, typer.Option(
        help="Only the schema of one kind of file (default: one schema for all four).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to FILE (atomically) instead of standard output.")] = None,
) -> None:
    """Print the JSON Schema of spec, claim, rule and measurement files, for editors.

    Generated from the tables `chipcmp validate` uses, so the two accept the
    same fields. The shipped copy is specs/chipcmp.schema.json; each spec file
    points at it in its first line (a yaml-language-server modeline).
    """
    from ..data.json_schema import render
    from ..present.emit import TextResult

    # the shipped copy lives in specs/, so writing into the library is allowed here
    _emit(None, TextResult("chipcmp schema", render(kind.value if kind else None)), "text", output=output,
          protect=False)


@app.command("metrics")
@handles_errors
def list_metrics(
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
) -> None:
    """The metric catalogue: published metrics, then those chipcmp derives (with their formula)."""
    from ..present.records import metrics_result

    _emit(None, metrics_result(), format, width)


from . import workload  # noqa: E402,F401 - registers `chipcmp workload` on the app
