"""Claims checked against the specs: what ratio the sourced figures imply, and whether it fits.

Tolerance: a claimed ratio is widened before it is compared, because claims are
rounded. An exact-looking ratio ("1.7x", "80–90%") gets ±2% for rounding; an
approximate one (written "~", or worded "about", "nearly", "comparable" ...)
gets ±10%. A one-sided claim (">1x") is widened on its bounded side only.

A workload claim (no metric, a phase) is compared with the spec ceiling for its
phase (analysis/workload.py): a peak claim like a metric claim, the others with
the ceiling widened by the measured scatter (workload.SCATTER), since delivered
ratios between software stacks fall on either side of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import workload
from .caveats import NOT_SHIPPING, describe, flagged, not_shipping, status_note
from .derived import in_sparsity, interval, usable
from .figures import Figures
from ..metrics import METRICS
from ..model import Chip, Claim, Library, Value
from ..numbers import fmt_ratio

EXACT_TOLERANCE = 0.02
APPROXIMATE_TOLERANCE = 0.10
APPROXIMATE_WORDS = re.compile(
    r"\b(about|around|roughly|approximately|nearly|almost|close to|comparable|similar|"
    r"on par|par with|level|class|slightly)\b", re.IGNORECASE)



@dataclass
class Verdict:
    claim: Claim
    verdict: str
    reason: str
    claimed: tuple[float | None, float | None]
    tolerance: float
    implied: tuple[float, float] | None = None
    sparsity: str | None = None  # which figures were read: dense (with unstated) or sparse
    subject_values: list[Value] = field(default_factory=list)
    baseline_values: list[Value] = field(default_factory=list)
    chips: dict[str, Chip] = field(default_factory=dict)  # subject and baseline records
    phase: str | None = None  # workload claims: the phase checked
    bound_by: list[str] = field(default_factory=list)  # the metrics that set the ceiling
    assumptions: list[str] = field(default_factory=list)  # every workload verdict carries them
    measured: list = field(default_factory=list)  # workload.MeasuredRatio on record for the pair
    ceiling: object | None = None  # the workload.Ceiling behind a workload verdict
    not_shipping: list[str] = field(default_factory=list)  # "announced", "planned": figures read that did not ship
    flagged: list[tuple[Chip, Value]] = field(default_factory=list)  # figures read that fail a plausibility check
    without_flagged: str | None = None  # the verdict without the flagged figures, where it differs

    @property
    def accepted(self) -> tuple[float | None, float | None]:
        """The claimed interval widened by the tolerance."""
        low, high = self.claimed
        return (None if low is None else low * (1 - self.tolerance),
                None if high is None else high * (1 + self.tolerance))


def tolerance_for(claim: Claim) -> float:
    approximate = claim.approximate or bool(APPROXIMATE_WORDS.search(claim.wording or ""))
    return APPROXIMATE_TOLERANCE if approximate else EXACT_TOLERANCE


def check(claim: Claim, library: Library, figures: Figures) -> Verdict:
    """The verdict, saying when it rests on planned figures or on a flagged figure.

    A verdict that reads a figure failing a plausibility check is judged again
    without the flagged figures; if that changes it, the reason says so.
    """
    verdict = _judge(claim, library, figures)
    sides = [(verdict.chips.get(claim.subject), verdict.subject_values),
             (verdict.chips.get(claim.baseline), verdict.baseline_values)]
    found = {s for chip, values in sides if chip for s in not_shipping(chip, values)}
    verdict.not_shipping = [s for s in NOT_SHIPPING if s in found]
    verdict.flagged = [pair for chip, values in sides if chip for pair in flagged(chip, values)]
    if verdict.flagged:
        alternative = _judge(claim, library, figures.unflagged())
        if alternative.verdict != verdict.verdict:
            verdict.without_flagged = alternative.verdict
            verdict.reason += (f"; {verdict.verdict} only because of a figure that fails a plausibility "
                               f"check ({describe(verdict.flagged)}): without it, "
                               f"{alternative.verdict} ({alternative.reason})")
    if verdict.not_shipping:
        verdict.reason += f"; {status_note(verdict.not_shipping)}"
    return verdict


def _judge(claim: Claim, library: Library, figures: Figures) -> Verdict:
    verdict = Verdict(claim, "not-checkable", "", (claim.ratio_low, claim.ratio_high), tolerance_for(claim),
                      chips={c: library.chips[c] for c in (claim.subject, claim.baseline) if c in library.chips})
    if not claim.metric:
        return _check_workload(verdict, claim, library, figures)
    metric = METRICS[claim.metric]
    if not claim.baseline:
        verdict.reason = f"compared with {claim.workload}, not with a record in the library"
        return verdict
    subject, baseline = library.chips[claim.subject], library.chips[claim.baseline]
    sparsity = "sparse" if claim.sparsity == "sparse" else "dense"
    verdict.sparsity = sparsity if metric.throughput else None
    sides = []
    for chip in (subject, baseline):
        values, why = _figures(chip, claim.metric, sparsity, figures)
        if why:
            verdict.reason = why
            return verdict
        sides.append(values)
    verdict.subject_values, verdict.baseline_values = sides
    verdict.implied = _ratio(*sides)
    return _metric_verdict(verdict)


def _metric_verdict(verdict: Verdict) -> Verdict:
    """Metric verdicts: the implied ratio against the claimed one, widened by the tolerance."""
    claim = verdict.claim
    low, high = verdict.implied
    accepted_low, accepted_high = verdict.accepted
    if accepted_low is not None and high < accepted_low:
        verdict.verdict = "claim-exceeds-specs"
        verdict.reason = (f"the specs imply at most {high:.3g}×, below the claimed {claim.ratio} "
                          f"even with ±{verdict.tolerance:.0%} tolerance")
    elif accepted_high is not None and low > accepted_high:
        verdict.verdict = "specs-exceed-claim"
        verdict.reason = (f"the specs imply at least {low:.3g}×, above the claimed {claim.ratio}; "
                          "the claim may describe delivered rather than peak performance")
    else:
        verdict.verdict = "consistent"
        verdict.reason = (f"the implied {fmt_ratio((low, high))} overlaps the claimed {claim.ratio} "
                          f"(±{verdict.tolerance:.0%})")
    return verdict


def _check_workload(verdict: Verdict, claim: Claim, library: Library, figures: Figures) -> Verdict:
    """A workload claim against the spec ceiling for its phase, with the measured ratios on record."""
    about = f" ({claim.workload})" if claim.workload else ""
    verdict.phase = claim.phase
    if claim.phase is None:
        verdict.reason = (f"about a workload{about} with no phase: give it phase training, prefill, "
                          "decode, inference or peak to check it against the specs")
        return verdict
    if claim.phase not in workload.CHECKABLE:
        verdict.reason = (f"phase {claim.phase}{about}: no published spec bounds it; "
                          "it needs a benchmark, not a datasheet")
        return verdict
    if not claim.baseline:
        verdict.reason = f"compared with {claim.workload}, not with a record in the library"
        return verdict
    subject, baseline = library.chips[claim.subject], library.chips[claim.baseline]
    limit = workload.ceiling(library, figures, subject, baseline, claim.phase, claim.structured())
    verdict.ceiling, verdict.assumptions, verdict.measured = limit, limit.assumptions, limit.measured
    verdict.bound_by = limit.bound_by
    verdict.sparsity = "dense"
    if limit.missing:
        verdict.reason = limit.missing
        return verdict
    verdict.subject_values = [v for b in limit.bounds for v in b.subject]
    verdict.baseline_values = [v for b in limit.bounds for v in b.baseline]
    verdict.implied = limit.ratio
    if claim.phase == "peak":
        return _metric_verdict(verdict)
    band_low, band_high = limit.band
    accepted_low, accepted_high = verdict.accepted
    ceiling = workload.describe(limit)
    if accepted_high is not None and accepted_high < band_low:
        verdict.verdict = "below-ceiling"
        verdict.reason = (f"the {ceiling} allows at least {band_low:.3g}× even ÷{workload.SCATTER} "
                          f"for measured scatter, above the claimed {claim.ratio}: plausible, the gap "
                          "is software, scale or workload")
    elif accepted_low is not None and accepted_low > band_high:
        verdict.verdict = "above-ceiling"
        verdict.reason = (f"the claimed {claim.ratio} exceeds the {ceiling} even ×{workload.SCATTER} "
                          "for measured scatter: it needs an explanation the specs do not give")
    else:
        verdict.verdict = "consistent-with-ceiling"
        verdict.reason = (f"the claimed {claim.ratio} lies within the {ceiling} widened ×/÷"
                          f"{workload.SCATTER} for measured scatter, i.e. {band_low:.2f}–{band_high:.2f}×")
    if limit.measured:
        verdict.reason += "; measured on record: " + ", ".join(
            f"{m.ratio:.2f}× {m.phase}" for m in limit.measured)
    return verdict


def _ratio(top: list[Value], bottom: list[Value]) -> tuple[float, float]:
    """top ÷ bottom as an interval over every figure on both sides."""
    (top_low, top_high), (bottom_low, bottom_high) = interval(top), interval(bottom)
    return top_low / bottom_high, top_high / bottom_low


def _figures(chip: Chip, key: str, sparsity: str, figures: Figures) -> tuple[list[Value], str | None]:
    """The figures a ratio reads for one side, or why there are none."""
    metric = METRICS[key]
    values = [v for v in usable(figures.preferred(chip, key)) if v.low > 0]
    if metric.computed and values and all(v.origin == "published" for v in values):
        # An analyst's TPP is often the claim's own figure: checking against it proves nothing.
        return [], (f"only a published {metric.label} for {chip.name} (source "
                    f"{', '.join(v.source for v in values)}), none derived from its specs; claims are "
                    "checked against derived figures")
    if not values:
        return [], f"metric unpublished: no sourced {metric.label} figure for {chip.name}"
    chosen = in_sparsity(values, sparsity)
    if not chosen:
        return [], (f"different sparsity: {chip.name} publishes no {sparsity} {metric.label} "
                    "figure, only the other kind")
    return chosen, None
