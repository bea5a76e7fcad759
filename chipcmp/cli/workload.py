"""`chipcmp workload`: spec ceilings for a pair of chips and a workload phase.

Registers itself on the app when commands.py imports it; only typer at module level.
"""

from enum import Enum
from typing import Annotated

import typer

from .commands import _emit, app, handles_errors
from .options import FormatOption, Settings, TableFormat, WidthOption, complete_chip, complete_metric, \
    parse_metrics


class Phase(str, Enum):
    training = "training"
    prefill = "prefill"
    decode = "decode"
    inference = "inference"
    peak = "peak"


@app.command()
@handles_errors
def workload(
    ctx: typer.Context,
    subject: Annotated[str, typer.Argument(help="Chip or system compared (the numerator).",
                                           metavar="CHIP", autocompletion=complete_chip)],
    baseline: Annotated[str, typer.Argument(help="Chip or system it is compared with.",
                                            metavar="BASELINE", autocompletion=complete_chip)],
    phase: Annotated[Phase, typer.Option(help="training and prefill: tensor throughput; decode: "
                                         "memory bandwidth; inference: the span of both; peak.")],
    precision: Annotated[str | None, typer.Option(
        metavar="METRIC", autocompletion=complete_metric,
        help="Throughput metric of the workload, e.g. bf16, fp8, int8 (default: bf16).")] = None,
    model: Annotated[str | None, typer.Option(
        metavar="NAME", help="A model named in the library's claims or measurements, for the "
        "fit check, e.g. DeepSeek-R1.")] = None,
    format: FormatOption = TableFormat.table,
    width: WidthOption = None,
) -> None:
    """The spec ceiling on CHIP ÷ BASELINE for a workload phase, with the evidence.

    Shows what sets the ceiling and its sources, the precision fallback if a
    chip lacks that precision, the fit check (weights + KV cache against memory
    capacity, as a minimum number of chips) when a model is given, the measured
    ratios on record for comparable workloads, and the assumptions. Delivered
    ratios on record fall within ×1.51 of the ceiling (docs/workload-model.md).
    Never an absolute tokens/s.
    """
    from ..analysis.figures import Figures
    from ..analysis.workload import ceiling, find_model
    from ..data.library import resolve
    from ..metrics import METRICS
    from ..model import Workload
    from ..present.workload import WorkloadResult

    key = parse_metrics(precision, "--precision")[0] if precision else None
    if key and not (METRICS[key].throughput and not METRICS[key].computed):
        raise typer.BadParameter(f"{key!r} is not a throughput metric (e.g. bf16, fp8, int8)",
                                 param_hint="--precision")
    library = Settings(ctx).library()
    found = find_model(library, model) if model else None
    result = ceiling(library, Figures(library), resolve(library, subject), resolve(library, baseline),
                     phase.value, Workload(phase=phase.value, precision=key, model=found))
    _emit(ctx, WorkloadResult(result), format, width)
