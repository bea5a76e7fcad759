"""Export-control classes: a chip's figures run through a rule file's conditions."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.conditions import evaluate, parse
from .derived import in_sparsity, interval, usable
from .figures import Figures
from ..metrics import METRICS
from ..model import Chip, Rule, Value, published_leaves

UNDETERMINED = "undetermined"


@dataclass
class Classification:
    chip: Chip
    rule: Rule
    klass: str | None  # the class that applies; None: not caught; UNDETERMINED: inputs missing
    reason: str
    missing: list[str] = field(default_factory=list)  # published metrics that would decide it
    figures: dict[str, list[Value]] = field(default_factory=dict)  # what each name read


def classify(chip: Chip, rule: Rule, figures: Figures) -> Classification:
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
