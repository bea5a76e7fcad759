"""Spec ceilings on the ratio between two chips for a workload phase, the fit check, measured ratios.

What a datasheet can say about a workload is a ceiling on the ratio between two
chips, assuming both reach the same fraction of their peak (docs/workload-model.md):

  training, prefill, peak   T_a / T_b   dense tensor throughput at the workload's precision
  decode                    B_a / B_b   memory bandwidth
  inference (no phase)      the span of the decode and the prefill ceilings

Each side is an interval over every sourced figure (ranges and disagreeing
sources widen it, never averaged). Never an absolute tokens/s: only ratios.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .derived import in_sparsity, interval, usable
from .figures import Figures
from ..data.schema import MEASUREMENT_METRICS
from ..errors import LookupFailed
from ..metrics import METRICS
from ..model import Chip, Library, Measurement, Model, Value, Workload
from ..numbers import fmt_ratio

# Measured ratios between chips on different software stacks scatter around the
# spec ceiling. SCATTER is the largest factor seen on the calibration pairs: the
# same silicon (H800 vs H100, equal tensor throughput and bandwidth) measured
# 1.41x on DeepSeek prefill and 0.66x on decode, DeepSeek's own serving stack
# against SGLang's (specs/measurements/deepseek-* and sglang-*): max(1.41, 1 / 0.664).
# Those pairs choose the tolerance; every other measured pair tests the model.
SCATTER = 1.51
CALIBRATION = (frozenset({"nvidia-h800-sxm5", "nvidia-h100-sxm5"}),)

DEFAULT_PRECISION = "bf16"  # when a workload names none: the usual training and serving precision
# When a chip publishes no figure at the precision asked, both chips are compared at
# the first of these that both publish: never one precision against another.
FALLBACKS = {
    "fp8": ("int8", "bf16", "fp16"), "int8": ("fp8", "bf16", "fp16"),
    "bf16": ("fp16",), "fp16": ("bf16",), "fp4": ("int4", "fp8", "int8"),
    "int4": ("fp4", "int8", "fp8"), "tf32": ("bf16", "fp16"), "fp32": ("tf32",),
}
CHECKABLE = ("training", "prefill", "decode", "inference", "peak")
KV_BYTES_PER_ELEMENT = 2  # a KV cache computed from layers × heads × dim is taken as BF16
_FAMILY = {"tokens_per_s": "tokens/s", "tokens_per_s_per_chip": "tokens/s",
           "samples_per_s": "samples/s", "samples_per_s_per_chip": "samples/s",
           "achieved_tflops": "TFLOPS"}  # mfu is a fraction of each chip's own peak: no ratio


@dataclass
class Bound:
    """One ceiling component: subject ÷ baseline on one metric."""

    phase: str  # compute (training, prefill, peak) or decode
    metric: str | None  # the metric that sets it (bound_by); None when missing
    ratio: tuple[float, float] | None = None
    subject: list[Value] = field(default_factory=list)
    baseline: list[Value] = field(default_factory=list)
    note: str | None = None  # a precision fallback, said aloud
    missing: str | None = None  # the figure that is unpublished
    chips: tuple[Chip, Chip] | None = None  # the records read (a system's part, for scale-up)


@dataclass
class Fit:
    """Does the model fit: weights + KV cache at the precision against memory capacity."""

    chip: Chip
    needed_gb: float
    detail: str
    capacity: list[Value] = field(default_factory=list)
    chips: tuple[int, int] | None = None  # minimum chips, over the capacity figures
    missing: str | None = None


@dataclass
class MeasuredRatio:
    ratio: float
    phase: str
    subject: Measurement
    baseline: Measurement

    def workload(self) -> str:
        w = self.subject.workload
        parts = [w.model.name if w.model else None, w.phase, w.scenario,
                 f"{self.subject.harness} vs {self.baseline.harness}"]
        return ", ".join(p for p in parts if p)


@dataclass
class Ceiling:
    subject: Chip
    baseline: Chip
    phase: str
    precision: str | None  # the precision asked (or assumed); a fallback is noted on its bound
    bounds: list[Bound]
    assumptions: list[str]
    fits: list[Fit] = field(default_factory=list)
    scale_up: Bound | None = None  # systems: interconnect bandwidth, shown beside the ceiling
    measured: list[MeasuredRatio] = field(default_factory=list)
    model: Model | None = None

    @property
    def missing(self) -> str | None:
        return "; ".join(b.missing for b in self.bounds if b.missing) or None

    @property
    def ratio(self) -> tuple[float, float] | None:
        """The ceiling: for inference, the span of the decode and prefill ceilings."""
        if self.missing:
            return None
        return min(b.ratio[0] for b in self.bounds), max(b.ratio[1] for b in self.bounds)

    @property
    def bound_by(self) -> list[str]:
        return [b.metric for b in self.bounds if b.metric]

    @property
    def band(self) -> tuple[float, float] | None:
        """The ceiling widened by the measured scatter: where a delivered ratio may fall."""
        ratio = self.ratio
        return (ratio[0] / SCATTER, ratio[1] * SCATTER) if ratio else None


def ceiling(library: Library, figures: Figures, subject: Chip, baseline: Chip, phase: str,
            workload: Workload | None = None) -> Ceiling:
    """The spec ceiling on subject ÷ baseline for one phase, with its fit check and evidence."""
    workload = workload or Workload(phase=phase)
    precision = workload.precision or DEFAULT_PRECISION
    if phase == "decode":
        bounds = [_bound(figures, subject, baseline, "decode", ["memory_bandwidth"])]
    elif phase == "inference":
        bounds = [_bound(figures, subject, baseline, "decode", ["memory_bandwidth"]),
                  _bound(figures, subject, baseline, "prefill", [precision, *FALLBACKS.get(precision, ())])]
    else:
        bounds = [_bound(figures, subject, baseline, phase, [precision, *FALLBACKS.get(precision, ())])]
    # Decode is bound by bandwidth: no precision to report unless one was asked or a model is fitted.
    shown = workload.precision or (None if phase == "decode" and not workload.model else precision)
    result = Ceiling(subject, baseline, phase, shown, bounds, [], model=workload.model)
    if workload.model:
        result.fits = [fit(figures, chip, workload.model, precision, workload) for chip in (subject, baseline)]
    if "system" in (subject.kind, baseline.kind):
        result.scale_up = _bound(figures, _scale_up_record(subject, library),
                                 _scale_up_record(baseline, library), "scale-up", ["interconnect_bandwidth"])
    result.measured = measured_ratios(library, subject, baseline, phase, workload.model)
    result.assumptions = assumptions(result, workload)
    return result


def _bound(figures: Figures, subject: Chip, baseline: Chip, phase: str, keys: list[str]) -> Bound:
    """The first metric of `keys` both chips publish densely; a fallback is noted, never silent."""
    missing = []
    for key in keys:
        top, bottom = dense(figures, subject, key), dense(figures, baseline, key)
        if top and bottom:
            (top_low, top_high), (bottom_low, bottom_high) = interval(top), interval(bottom)
            note = None
            if key != keys[0]:
                lacking = missing[0]
                verb = "publishes" if len(lacking) == 1 else "publish"
                note = (f"precision fallback: {' and '.join(lacking)} {verb} no dense "
                        f"{METRICS[keys[0]].label} figure; both compared at {METRICS[key].label} instead")
            return Bound(phase, key, (top_low / bottom_high, top_high / bottom_low), top, bottom, note,
                         chips=(subject, baseline))
        missing.append([c.name for c, found in ((subject, top), (baseline, bottom)) if not found])
    labels = " or ".join(METRICS[k].label for k in keys)
    lacking = sorted({name for names in missing for name in names})
    return Bound(phase, None, missing=f"metric unpublished: no sourced dense {labels} figure for "
                 f"{' and '.join(lacking)} (needed for the {phase} ceiling)", chips=(subject, baseline))


def dense(figures: Figures, chip: Chip, key: str) -> list[Value]:
    """Positive, whole-record, dense (or unstated) figures: what a ceiling reads."""
    return in_sparsity([v for v in usable(figures.preferred(chip, key)) if v.low > 0], "dense")


def _scale_up_record(chip: Chip, library: Library) -> Chip:
    """A system's scale-up bandwidth is its chips': the system's own figure, else its first part's."""
    if chip.kind == "system" and not chip.values_for("interconnect_bandwidth") and chip.parts:
        return library.chips.get(chip.parts[0].chip, chip)
    return chip


def fit(figures: Figures, chip: Chip, model: Model, precision: str, workload: Workload) -> Fit:
    """Weights (total parameters × bytes per parameter) + KV cache, against memory capacity."""
    if model.total_params is None:
        return Fit(chip, 0.0, "", missing=f"model {model.name} publishes no total_params")
    bits = METRICS[precision].bits
    weights = model.total_params * bits / 8
    detail = f"weights {model.total_params / 1e9:g}B params × {bits / 8:g} B = {weights / 1e9:,.0f} GB"
    tokens = (workload.input_tokens or 0) + (workload.output_tokens or 0)
    per_token = model.kv_bytes_per_token
    if per_token is None and model.layers:
        per_token = 2 * model.layers * model.kv_heads * model.head_dim * KV_BYTES_PER_ELEMENT
    kv = 0.0
    if per_token and tokens:
        streams = workload.concurrency or workload.batch or 1
        kv = per_token * tokens * streams
        detail += f" + KV {per_token:,.0f} B/token × {tokens:,} tokens × {streams} = {kv / 1e9:,.1f} GB"
    needed = (weights + kv) / 1e9
    capacity = dense(figures, chip, "memory_capacity")
    if not capacity:
        return Fit(chip, needed, detail, missing=f"metric unpublished: no sourced memory capacity for {chip.name}")
    low, high = interval(capacity)
    return Fit(chip, needed, detail, capacity, (math.ceil(needed / high), math.ceil(needed / low)))


def per_chip(measurement: Measurement) -> float | None:
    """The value for one chip; None when a total does not say how many chips ran."""
    if MEASUREMENT_METRICS[measurement.metric]:
        return measurement.value
    return measurement.value / measurement.chips if measurement.chips else None


def comparable(a: Measurement, b: Measurement) -> bool:
    """Same phase, same kind of throughput, the same model architecture, per-chip values known."""
    family = _FAMILY.get(a.metric)
    return (family is not None and family == _FAMILY.get(b.metric)
            and a.workload.phase == b.workload.phase
            and a.workload.model is not None and b.workload.model is not None
            and a.workload.model.same_architecture(b.workload.model)
            and per_chip(a) is not None and per_chip(b) is not None)


def measured_ratios(library: Library, subject: Chip, baseline: Chip, phase: str,
                    model: Model | None = None) -> list[MeasuredRatio]:
    """Per-chip measured ratios on record for the pair; inference takes prefill and decode too."""
    phases = ("prefill", "decode", "inference") if phase == "inference" else (phase,)
    found = []
    for a in library.measurements_of(subject.id):
        for b in library.measurements_of(baseline.id):
            if (comparable(a, b) and a.workload.phase in phases
                    and (model is None or model.same_architecture(a.workload.model))):
                found.append(MeasuredRatio(per_chip(a) / per_chip(b), a.workload.phase, a, b))
    return found


def find_model(library: Library, name: str) -> Model:
    """A model named in a claim or measurement of the library, the one with the most detail."""
    from ..data.naming import normalize_name

    models = [c.model for c in library.claims.values() if c.model]
    models += [m.workload.model for m in library.measurements.values() if m.workload.model]
    matches = [m for m in models if normalize_name(m.name) == normalize_name(name)]
    if not matches:
        import difflib

        names = sorted({m.name for m in models})
        raise LookupFailed(f"unknown model {name!r}: no claim or measurement names it",
                           difflib.get_close_matches(name, names, n=6, cutoff=0.3) or names)
    return max(matches, key=lambda m: sum(v is not None for v in vars(m).values()))


def assumptions(result: Ceiling, workload: Workload) -> list[str]:
    """What the ceiling takes for granted, in words; printed under every workload verdict."""
    found = []
    if (result.subject.kind == "system") != (result.baseline.kind == "system"):
        found.append("a whole system against a single chip: the ratio compares one with the other "
                     "as published, not chip for chip")
    if result.phase == "peak":
        found.append("theoretical peak: no utilisation assumed on either side")
    else:
        found.append(f"equal software maturity: both chips reach the same fraction of their peak; "
                     f"measured pairs on record scatter by up to ×{SCATTER} around the ceiling")
    found.append("no sparsity: dense (or unstated) figures only, never 2:4-sparse")
    if workload.precision:
        found.append(f"precision: {METRICS[result.precision].label} on both chips")
    elif result.phase != "decode":
        found.append(f"precision: the workload names none; {METRICS[DEFAULT_PRECISION].label} assumed")
    found += [b.note for b in result.bounds if b.note]
    found.append("die vs package: figures for the whole chip, card or module as published; "
                 "per-die figures are never used")
    if result.phase in ("decode", "inference"):
        found.append("decode reads the weights and KV cache every step, so it is bound by memory "
                     "bandwidth; very large batches move it toward the compute bound")
    if result.scale_up:
        found.append("communication: scale-up (interconnect) bandwidth shown beside the ceiling, "
                     "not folded into it")
    else:
        found.append("communication between chips ignored")
    return found


@dataclass
class Check:
    """One measured pair against the ceiling chipcmp computes for it (the validation table)."""

    pair: MeasuredRatio
    ceiling: Ceiling
    calibration: bool  # used to choose SCATTER, so not evidence that the model works

    @property
    def within(self) -> bool:
        low, high = self.ceiling.band
        return low <= self.pair.ratio <= high


def validation(library: Library, figures: Figures) -> list[Check]:
    """Every comparable measured pair in the library, the earlier-released chip as baseline."""
    checks = []
    chips = sorted({m.chip for m in library.measurements.values()})
    for i, x in enumerate(chips):
        for y in chips[i + 1:]:
            one, two = library.chips[x], library.chips[y]
            subject, baseline = sorted((one, two), key=lambda c: (c.released or "9999", c.id), reverse=True)
            for pair in measured_ratios(library, subject, baseline, "inference") + \
                    measured_ratios(library, subject, baseline, "training"):
                limit = ceiling(library, figures, subject, baseline, pair.phase, pair.subject.workload)
                if limit.ratio:
                    checks.append(Check(pair, limit, frozenset({x, y}) in CALIBRATION))
    return checks


def describe(result: Ceiling) -> str:
    """One line: the ceiling and what sets it."""
    if result.missing:
        return result.missing
    by = " and ".join(METRICS[k].label for k in result.bound_by)
    return f"{result.phase} ceiling {fmt_ratio(result.ratio)} ({by})"
