"""Export-control classes: a chip's figures run through a rule file's conditions."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.conditions import Comparison as ConditionComparison
from ..data.conditions import evaluate, parse
from .caveats import not_shipping, status_note
from .derived import in_sparsity, interval, likely_sparse, usable
from .figures import Figures
from ..metrics import CATALOGUE, METRICS, display_unit
from ..model import Chip, Library, Rule, Value, published_leaves
from ..numbers import fmt_number, fmt_range

UNDETERMINED = "undetermined"


@dataclass
class Classification:
    chip: Chip
    rule: Rule
    klass: str | None  # the class that applies; None: not caught; UNDETERMINED: inputs missing
    reason: str
    missing: list[str] = field(default_factory=list)  # published metrics that would decide it
    figures: dict[str, list[Value]] = field(default_factory=dict)  # what each name read
    # For derived names read (tpp, performance_density): "derived", or "published" where
    # only a published figure (an analyst's TPP) exists and chipcmp cannot derive one.
    basis: dict[str, str] = field(default_factory=dict)
    beside: dict[str, list[Value]] = field(default_factory=dict)  # published figures not used, shown beside
    set_aside: list[Value] = field(default_factory=list)  # likely 2:4-sparse throughputs kept out of TPP
    not_shipping: list[str] = field(default_factory=list)  # "announced", "planned" among the figures read


def classify(chip: Chip, rule: Rule, figures: Figures) -> Classification:
    """The class (see `_classify`), saying which TPP it used and what it rests on."""
    result = _classify(chip, rule, figures)
    notes = []
    for name, values in result.figures.items():
        if not METRICS[name].computed or not values:
            continue
        label = METRICS[name].label
        result.basis[name] = "derived" if any(v.origin == "derived" for v in values) else "published"
        if result.basis[name] == "published":
            notes.append(f"{label} is the published figure {_cited(values)}, as chipcmp cannot derive "
                         "one from published throughputs")
        elif beside := [v for v in figures(chip, name) if v.origin == "published"]:
            result.beside[name] = beside
            notes.append(f"{label} derived from published throughputs; the published {_cited(beside)} "
                         "is shown beside it, not used")
    if "tpp" in result.figures:
        result.set_aside = [v for m in CATALOGUE if m.bits for v in chip.values_for(m.key) if likely_sparse(v)]
    if result.set_aside:
        notes.append("likely 2:4-sparse figures kept out of TPP: "
                     + ", ".join(f"{v.metric} {v.published!r}" for v in result.set_aside))
    result.not_shipping = not_shipping(chip, [v for vs in result.figures.values() for v in vs])
    if result.not_shipping:
        notes.append(status_note(result.not_shipping))
    result.reason = "; ".join([result.reason, *notes])
    return result


def _cited(values: list[Value]) -> str:
    """'4,493 (source bernstein-2025-07)'."""
    return " / ".join(f"{fmt_range(v.low, v.high)} (source {v.source})" for v in values)


def _classify(chip: Chip, rule: Rule, figures: Figures) -> Classification:
    """The first class whose condition holds, or why none can be chosen.

    A class whose condition is unknown (a missing figure, or a range across a
    threshold) blocks the classes after it: the chip might belong to it.
    """
    read: dict[str, list[Value]] = {}

    def lookup(name: str):
        values = in_sparsity(usable(figures.preferred(chip, name)))
        read[name] = values
        return interval(values)

    unknown = []
    for klass in rule.classes:
        outcome = evaluate(parse(klass.when), lookup)
        if outcome.value is True and not unknown:
            return Classification(chip, rule, klass.name, f"{klass.name}: {klass.when}",
                                  figures=read)
        if outcome.value is None:
            unknown.append((klass, outcome))
        elif outcome.value is True:
            break
    if not unknown:
        return Classification(chip, rule, None, "no class applies", figures=read)
    missing = sorted({m for _, o in unknown for name in o.missing for m in missing_inputs(chip, name, figures)})
    why = []
    for klass, outcome in unknown:
        detail = [f"no figure for {', '.join(sorted(outcome.missing))}"] if outcome.missing else []
        detail += [f"range straddles the threshold: {s}" for s in outcome.straddles]
        why.append(f"{klass.name} unknown ({'; '.join(detail)})")
    return Classification(chip, rule, UNDETERMINED, "; ".join(why), missing, read)


def missing_inputs(chip: Chip, key: str, figures: Figures) -> list[str]:
    """The published metrics whose absence leaves `key` without a figure."""
    if usable(figures.preferred(chip, key)):
        return []
    metric = METRICS[key]
    if key == "tpp":
        return ["dense throughput (any precision)"]
    if metric.formula:
        return (missing_inputs(chip, metric.formula.numerator, figures)
                + missing_inputs(chip, metric.formula.denominator, figures))
    return [key]


def assumes_dense(classification: Classification) -> bool:
    """Whether a figure read counts a throughput of unstated sparsity as dense."""
    chip = classification.chip
    return any(leaf.sparsity == "unspecified" for values in classification.figures.values()
               for v in values for _, leaf in published_leaves(chip, v))



@dataclass
class Step:
    """One comparison of a rule's condition with the chip's figures plugged in."""

    klass: str
    text: str  # e.g. "interconnect_bandwidth 400 GB/s ≥ 600 GB/s"
    outcome: bool | None  # None: a figure is missing or a range straddles the threshold
    values: list[Value] = field(default_factory=list)


_SYMBOLS = {">=": "≥", "<=": "≤"}


def explain(result: Classification) -> list[Step]:
    """Every comparison in the rule's classes, in order, with the figures `classify` read."""

    def lookup(name: str):
        return interval(result.figures.get(name, []))

    steps = []
    for klass in result.rule.classes:
        for atom in _atoms(parse(klass.when)):
            names = [o for o in atom.operands if isinstance(o, str)]
            unit = display_unit(METRICS[names[0]].unit) if names and names[0] in METRICS else ""
            words = [_operand(atom.operands[0], result, unit)]
            for op, operand in zip(atom.operators, atom.operands[1:]):
                words += [_SYMBOLS.get(op, op), _operand(operand, result, unit)]
            values = [v for name in names for v in result.figures.get(name, [])]
            steps.append(Step(klass.name, " ".join(words), evaluate(atom, lookup).value, values))
    return steps


def _atoms(tree) -> list:
    if isinstance(tree, ConditionComparison):
        return [tree]
    return [atom for item in tree.items for atom in _atoms(item)]


def _operand(operand, result: Classification, unit: str) -> str:
    """'interconnect_bandwidth 400 GB/s', 'tpp (no figure)' or a threshold '600 GB/s'."""
    if not isinstance(operand, str):
        return f"{fmt_number(operand)} {unit}".rstrip()
    span = interval(result.figures.get(operand, []))
    if span is None:
        return f"{operand} (no figure)"
    return f"{operand} {fmt_range(*span)} {unit}".rstrip()


def per_chip(library: Library, chips: list[Chip]) -> tuple[list[Chip], list[str]]:
    """Systems replaced by the chips they are built from: 3A090 classifies chips, not racks."""
    found: dict[str, Chip] = {}
    notes = []
    for chip in chips:
        if chip.kind != "system" or not chip.parts:
            found[chip.id] = chip
            continue
        parts = ", ".join(f"{p.count} × {p.chip}" for p in chip.parts)
        notes.append(f"{chip.id} is a system ({parts}): the rule applies per chip, so its parts "
                     "are classified")
        found.update((p.chip, library.chips[p.chip]) for p in chip.parts if p.chip in library.chips)
    return list(found.values()), notes
