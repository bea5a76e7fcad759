"""The normalized library: what a validated spec file becomes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import Problem


@dataclass
class Source:
    id: str
    tier: str
    accessed: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    via: str | None = None
    locator: str | None = None

    def reference(self) -> str:
        """Where to read it: the URL, else the citation."""
        return self.url or self.citation()

    def citation(self) -> str:
        """One line a reader can follow: publisher, title (date), tier, url."""
        parts = [p for p in (self.publisher, self.title) if p]
        text = " — ".join(parts) if parts else self.id
        if self.locator:
            text += f", {self.locator}"
        if self.published:
            text += f" ({self.published})"
        if self.via:
            text += f", read via {self.via}"
        text += f" [{self.tier}]"
        if self.url:
            text += f" {self.url}"
        return text


@dataclass
class Value:
    """One figure for one metric: published by one source, or computed from other figures."""

    metric: str
    source: str | None  # None for a figure chipcmp computed (see inputs)
    line: int | None
    published: str  # as written in the file, e.g. "1.6 TB/s"
    low: float | None = None  # numbers are in the metric's canonical unit
    high: float | None = None
    text: str | None = None  # text metrics (memory_type, foundry)
    approximate: bool = False
    status: str = "shipping"
    reviewed: str | None = None  # why a flagged figure stays (see data/plausibility.py)
    binary_prefix: bool = False
    sparsity: str | None = None
    scope: str | None = None
    derived: str | None = None
    note: str | None = None
    origin: str = "published"  # published | derived (computed by chipcmp) | aggregate (from parts)
    inputs: list[Input] = field(default_factory=list)  # what a computed figure came from
    # Plausibility checks it fails (data/plausibility.py); a computed figure inherits its inputs'.
    flags: list[str] = field(default_factory=list)

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.low != self.high


@dataclass
class Input:
    """A figure a computed value rests on, with the record whose sources back it."""

    chip: Chip
    value: Value


def published_leaves(chip: Chip, value: Value):
    """(chip, value) for every published figure behind a value (the value itself if published)."""
    if not value.inputs:
        yield chip, value
    for item in value.inputs:
        yield from published_leaves(item.chip, item.value)


@dataclass
class Part:
    chip: str
    count: int


@dataclass
class Chip:
    id: str
    name: str
    vendor: str
    country: str
    kind: str
    released: str | None
    path: str
    aliases: list[str] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    values: list[Value] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    variant_of: str | None = None
    notes: str | None = None
    announced: str | None = None
    available: str | None = None

    def values_for(self, metric: str) -> list[Value]:
        return [v for v in self.values if v.metric == metric]


@dataclass
class Model:
    """An LLM (or other network) named by a claim or measurement; numbers as published."""

    name: str
    total_params: float | None = None
    active_params: float | None = None
    kv_bytes_per_token: float | None = None
    layers: int | None = None
    kv_heads: int | None = None
    head_dim: int | None = None

    def same_architecture(self, other: Model) -> bool:
        """Same name, or the same published parameter counts (DeepSeek-V3 and -R1)."""
        def key(name: str) -> str:
            return re.sub(r"[\s\-_]+", "", name.casefold())

        if key(self.name) == key(other.name):
            return True
        return (self.total_params is not None and self.active_params is not None
                and (self.total_params, self.active_params) == (other.total_params, other.active_params))


@dataclass
class Workload:
    """What ran: the phase the specs bound, the precision, the model and the serving shape."""

    phase: str | None = None
    precision: str | None = None
    model: Model | None = None
    batch: int | None = None
    concurrency: int | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    scenario: str | None = None
    latency_target: str | None = None


@dataclass
class Measurement:
    """A measured result: one metric for a workload on one chip or system."""

    id: str
    chip: str
    workload: Workload
    metric: str  # see schema.MEASUREMENT_METRICS
    value: float
    harness: str
    date: str
    run_by: str
    source: str
    path: str
    chips: int | None = None
    software: str | None = None
    note: str | None = None
    sources: dict[str, Source] = field(default_factory=dict)


@dataclass
class Claim:
    id: str
    subject: str
    baseline: str | None
    ratio: str  # as written, e.g. "80–90%"
    ratio_low: float | None  # subject ÷ baseline; None = unbounded on that side
    ratio_high: float | None
    approximate: bool
    claimed_by: str
    claimed_on: str
    source: str
    path: str
    metric: str | None = None
    workload: str | None = None  # in words; the structured fields below drive checking
    phase: str | None = None
    precision: str | None = None
    model: Model | None = None
    batch: int | None = None
    concurrency: int | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    chips: int | None = None
    software: str | None = None
    sparsity: str | None = None
    wording: str | None = None
    quote: str | None = None
    note: str | None = None
    sources: dict[str, Source] = field(default_factory=dict)

    def structured(self) -> Workload:
        return Workload(self.phase, self.precision, self.model, self.batch, self.concurrency,
                        self.input_tokens, self.output_tokens)


@dataclass
class RuleClass:
    name: str  # e.g. "3A090.a"
    when: str  # a condition (see conditions.py)
    line: int | None = None
    text: str | None = None  # what the paragraph says, in short


@dataclass
class Rule:
    """An export-control classification, as data: ordered classes, the first that applies wins."""

    id: str
    name: str
    jurisdiction: str
    published: str
    source: str
    path: str
    classes: list[RuleClass] = field(default_factory=list)
    effective: str | None = None
    notes: str | None = None
    sources: dict[str, Source] = field(default_factory=dict)


@dataclass
class Library:
    chips: Mapping[str, Chip] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    measurements: dict[str, Measurement] = field(default_factory=dict)
    names: dict[str, str] | None = field(default=None, compare=False)  # normalized name -> id
    root: str | None = field(default=None, compare=False)  # the folder it was loaded from
    warnings: list[Problem] = field(default_factory=list, compare=False)  # likely slips, from validation

    def claims_about(self, chip_id: str) -> list[Claim]:
        return [c for c in self.claims.values() if chip_id in (c.subject, c.baseline)]

    def measurements_of(self, chip_id: str) -> list[Measurement]:
        return sorted((m for m in self.measurements.values() if m.chip == chip_id),
                      key=lambda m: (m.date, m.id))
