"""`controls` as a result: a row per chip, a column per rule, and the arithmetic on request."""

from __future__ import annotations

from .emit import ResultMethods
from ..analysis.controls import UNDETERMINED, assumes_dense, explain
from ..metrics import METRICS
from ..numbers import fmt_range
from .documents import classification_doc, classification_row
from .grid import Column, Grid
from .notes import Footnotes, Notes, figure_lines

DENSE_NOTE = "? counts a throughput whose source does not say dense or sparse as dense"
def outcome_text(step) -> str:
    if step.outcome is not None:
        return "yes" if step.outcome else "no"
    return "unknown: no figure" if "(no figure)" in step.text else "unknown: the range straddles it"


def class_text(result) -> str:
    if result.klass is None:
        return "not caught"
    return result.klass


def rule_label(rule) -> str:
    """'2022 rule' for us-3a090-2022: the part that differs between the shipped rules."""
    return rule.id.rsplit("-", 1)[-1] if rule.id[-4:].isdigit() else rule.id


class ControlsResult(ResultMethods):
    title = "chipcmp controls"

    def __init__(self, results: list, notes: list[str] = (), explain: bool = False):
        self.results = results  # Classification per (chip, rule), chips in order
        self.system_notes = list(notes)
        self.explain = explain

    def document(self) -> list[dict]:
        return [{**classification_doc(r),
                 "steps": [{"class": s.klass, "test": s.text, "holds": s.outcome} for s in explain(r)]}
                for r in self.results]

    def rows(self) -> list[dict]:
        return [classification_row(r) for r in self.results]

    def columns(self) -> list[str]:
        return ["chip", "rule", "tpp_low", "tpp_high", "pd_low", "pd_high", "class", "missing",
                "assumes_dense", "tpp_basis", "not_shipping", "reason", "sources"]

    def _by_chip(self) -> dict:
        chips: dict[str, list] = {}
        for r in self.results:
            chips.setdefault(r.chip.id, []).append(r)
        return chips

    def classes_grid(self) -> Grid:
        footnotes, notes = Footnotes(), Notes()
        rules = list({r.rule.id: r.rule for r in self.results}.values())
        body, dense, published, planned = [], False, False, False
        for chip_id, results in self._by_chip().items():
            marks = ""
            if any(assumes_dense(r) for r in results):
                marks, dense = " ?", True
            tpp = self._figure(results, "tpp", footnotes)
            pd = self._figure(results, "performance_density", footnotes)
            published |= any(r.basis.get(k) == "published" or r.beside.get(k)
                             for r in results for k in ("tpp", "performance_density"))
            if any(r.not_shipping for r in results):
                marks += " ◇"
                planned = True
            by_rule = {r.rule.id: r for r in results}
            body.append([chip_id] + [class_text(by_rule[rule.id]) if rule.id in by_rule else ""
                                     for rule in rules]
                        + [tpp + marks, pd, f"({notes.ref(self._reason(results))})"])
        columns = ([Column("chip")] + [Column(rule_label(rule)) for rule in rules]
                   + [Column("TPP", justify="right"), Column("PD", justify="right"), Column("why")])
        legend = [f"{rule_label(r)}: {r.name}" for r in rules] + ([DENSE_NOTE] if dense else [])
        if published:
            legend.append("pub.: a figure published by its source (e.g. an analyst's TPP), not derived "
                          "from the specs; used only where chipcmp cannot derive one")
        if planned:
            legend.append("◇ rests on planned or announced figures, not a shipping part")
        legend.append("TPP: largest dense throughput × its bit length; PD: TPP ÷ die area (mm²)")
        return Grid(self.title, columns, body, legend=legend,
                    notes=[f"note: {n}" for n in self.system_notes] + notes.lines(),
                    footnotes=footnotes, empty="no chip to classify")

    @staticmethod
    def _figure(results, key: str, footnotes: Footnotes) -> str:
        """The figure classify used, marked 'pub.' if published; a published one not used, beside it."""
        result = next((r for r in results if r.figures.get(key)), results[0])
        lines = figure_lines(result.chip, result.figures.get(key, []), footnotes)
        if lines and result.basis.get(key) == "published":
            lines[-1] += " pub."
        lines += [f"{line} pub. (not used)" for line in
                  figure_lines(result.chip, result.beside.get(key, []), footnotes)]
        return "\n".join(lines) or "—"

    @staticmethod
    def _reason(results) -> str:
        """Per rule, the class and the comparisons that decided it (or left it undecided)."""
        parts = []
        for r in results:
            steps = explain(r)
            if r.klass == UNDETERMINED:
                shown = [s.text if "(no figure)" in s.text else f"{s.text} (the range straddles it)"
                         for s in steps if s.outcome is None]
                decided = "undetermined: " + "; ".join(dict.fromkeys(shown) or [r.reason])
            else:
                wanted = r.klass is not None  # caught: what held; not caught: what failed
                shown = [s.text for s in steps if s.outcome is wanted and (not wanted or s.klass == r.klass)]
                decided = f"{class_text(r)}: " + "; ".join(
                    f"{t} {'holds' if wanted else 'fails'}" for t in dict.fromkeys(shown))
            parts.append(f"{rule_label(r.rule)} {decided}")
        return " · ".join(parts)

    def explanation(self, footnotes: Footnotes) -> list[str]:
        """Per chip: TPP and PD from their inputs, then every test of each rule, figures plugged in."""
        lines = []
        for chip_id, results in self._by_chip().items():
            lines.append(f"{chip_id}")
            for key in ("tpp", "performance_density"):
                source = next((r for r in results if r.figures.get(key)), results[0])
                for v in source.figures.get(key, []):
                    how = v.derived or f"published by its source ({v.published})"
                    lines.append(f"  {METRICS[key].label} = {how} = {fmt_range(v.low, v.high)}"
                                 f"{_refs(source.chip, [v], footnotes)}")
            for r in results:
                lines.append(f"  {r.rule.id} → {class_text(r)}")
                conditions = {k.name: k.when for k in r.rule.classes}
                shown_class = None
                for step in explain(r):
                    if step.klass != shown_class:  # the class's condition, with its and/or
                        lines.append(f"    {step.klass} when {conditions[step.klass]}:")
                        shown_class = step.klass
                    refs = _refs(r.chip, step.values, footnotes)
                    lines.append(f"      {step.text} → {outcome_text(step)}{refs}")
        return lines

    def grid(self) -> Grid:
        grid = self.classes_grid()
        if self.explain:
            grid.after = [""] + self.explanation(grid.footnotes)
        return grid


def _refs(chip, values, footnotes: Footnotes) -> str:
    """' [3,4]': the sources of the published figures a test read (computed ones cite their inputs)."""
    from ..model import published_leaves

    numbers = sorted({footnotes.ref(owner, leaf.source) for v in values
                      for owner, leaf in published_leaves(chip, v)})
    return f" [{','.join(map(str, numbers))}]" if numbers else ""
