"""`claims` and `check` as results: one line per claim, figures and reasons as notes."""

from __future__ import annotations

from .emit import ResultMethods
from ..metrics import METRICS, display_unit
from ..numbers import fmt_ratio
from .documents import claim_doc, claim_row, verdict_doc, verdict_row
from .grid import Column, Grid
from .notes import Footnotes, Notes, figure_lines

TOLERANCE_NOTE = ("tolerance: ±2% on exact ratios (rounding), ±10% on approximate ones "
                  "('~', 'about', 'nearly', 'comparable' ...)")


def compares(claim) -> str:
    """bf16, or the workload phase (and precision) of a workload claim."""
    if claim.metric:
        return claim.metric
    if claim.phase:
        return claim.phase + (f" {claim.precision}" if claim.precision else "")
    return "workload"


class ClaimsResult(ResultMethods):
    title = "chipcmp claims"

    def __init__(self, claims: list):
        self.claims = claims

    def document(self) -> dict:
        return {"items": [claim_doc(c) for c in self.claims]}

    def rows(self) -> list[dict]:
        return [claim_row(c) for c in self.claims]

    def columns(self) -> list[str]:
        return ["id", "subject", "baseline", "compares", "phase", "precision", "ratio", "ratio_low",
                "ratio_high", "wording",
                "claimed_by", "claimed_on", "quote", "source", "source_url", "source_tier"]

    def grid(self) -> Grid:
        footnotes = Footnotes()
        columns = [Column("claim"), Column("claimed", justify="right"), Column("src", justify="right"),
                   Column("compares", optional=3), Column("by", optional=2), Column("on", optional=1)]
        body = [[c.id, c.ratio, str(footnotes.ref(c, c.source)), compares(c), c.claimed_by, c.claimed_on]
                for c in self.claims]
        return Grid(self.title, columns, body, caption="claimed: subject ÷ baseline, as published; "
                    "-f json for quotes, `chipcmp check` for verdicts", footnotes=footnotes,
                    empty="no claim")


def _figures(chip, values, footnotes: Footnotes, labelled: bool) -> str:
    """'312 [1] / 280 [2]', or per metric with its unit when a verdict reads several metrics."""
    if not labelled:
        return " / ".join(figure_lines(chip, values, footnotes))
    by_metric: dict[str, list] = {}
    for v in values:
        by_metric.setdefault(v.metric, []).append(v)
    return ", ".join(f"{METRICS[key].label} {' / '.join(figure_lines(chip, found, footnotes))} "
                     f"{display_unit(METRICS[key].unit)}".rstrip() for key, found in by_metric.items())


class CheckResult(ResultMethods):
    """Columns: claim, claimed, implied, verdict; the figures and the reason as notes."""

    title = "chipcmp check"

    def __init__(self, verdicts: list):
        self.verdicts = verdicts

    def document(self) -> list[dict]:
        return [verdict_doc(v) for v in self.verdicts]

    def rows(self) -> list[dict]:
        return [verdict_row(v) for v in self.verdicts]

    def columns(self) -> list[str]:
        return ["claim", "subject", "baseline", "compares", "phase", "bound_by", "claimed", "claimed_low",
                "claimed_high", "tolerance", "implied_low", "implied_high", "verdict", "reason",
                "assumptions", "subject_sources", "baseline_sources", "claim_source"]

    def grid(self) -> Grid:
        footnotes, notes = Footnotes(), Notes()
        body = []
        for v in self.verdicts:
            claim = v.claim
            why = f"({notes.ref(self._explanation(v, footnotes))})"
            if v.assumptions:  # the same list under every workload verdict: one note
                why += f" ({notes.ref('assumptions of workload verdicts: ' + '; '.join(v.assumptions))})"
            body.append([claim.id, claim.ratio, fmt_ratio(v.implied) or "—", v.verdict, why])
        columns = [Column("claim"), Column("claimed", justify="right"),
                   Column("implied", justify="right"), Column("verdict"), Column("why")]
        return Grid(self.title, columns, body, legend=[TOLERANCE_NOTE],
                    caption="claimed and implied: subject ÷ baseline", notes=notes.lines(),
                    footnotes=footnotes, empty="no claim to check")

    @staticmethod
    def _explanation(verdict, footnotes: Footnotes) -> str:
        claim = verdict.claim
        pair = f"{claim.subject} ÷ {claim.baseline or claim.workload}"
        text = f"{pair} on {compares(claim)}"
        if verdict.subject_values and verdict.baseline_values:
            sides = [_figures(verdict.chips[chip], values, footnotes, labelled=not claim.metric)
                     for chip, values in ((claim.subject, verdict.subject_values),
                                          (claim.baseline, verdict.baseline_values))]
            unit = display_unit(METRICS[claim.metric].unit) if claim.metric else ""
            text += f": {sides[0]} vs {sides[1]} {unit}".rstrip()
        return f"{text}; {verdict.reason}"
