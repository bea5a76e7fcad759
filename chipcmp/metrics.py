"""The metric catalogue: every metric chipcmp knows, in one place.

Pure data, no pint: importing this module costs nothing, so the CLI can use it
for help texts and completion.
"""

from __future__ import annotations

from dataclasses import dataclass

# Dimensions are written in chipcmp's own unit registry (see units.py), where
# FLOP, integer OP and information are separate base dimensions.
FLOP_RATE = "[floating_point_operation] / [time]"
OP_RATE = "[integer_operation] / [time]"


@dataclass(frozen=True)
class Formula:
    """A metric chipcmp derives: numerator ÷ denominator × scale (scale converts units)."""

    numerator: str
    denominator: str
    scale: float = 1.0


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str | None  # canonical display unit; None for text metrics
    dimension: str | None
    throughput: bool = False  # throughputs must say dense / sparse / unspecified
    bits: int | None = None  # operand bit length, for export-control arithmetic
    description: str = ""
    ratio: bool = True  # False where "x times the baseline" means nothing (process node)
    computed: bool = False  # derived by chipcmp from other metrics; in spec files only if publishable
    formula: Formula | None = None  # for computed metrics other than TPP
    # A computed metric for which spec files may also record a sourced published figure
    # (an analyst's TPP), kept beside the derived one and never merged with it.
    publishable: bool = False

    @property
    def is_text(self) -> bool:
        return self.unit is None


def _flops(key: str, label: str, bits: int, description: str) -> Metric:
    return Metric(key, label, "TFLOPS", FLOP_RATE, True, bits, description)


CATALOGUE: tuple[Metric, ...] = (
    _flops("fp64", "FP64", 64, "vector (non-tensor) double precision"),
    _flops("fp64_tensor", "FP64 tensor", 64, "double precision on tensor/matrix units"),
    _flops("fp32", "FP32", 32, "vector (non-tensor) single precision"),
    _flops("tf32", "TF32", 32, "TensorFloat-32 on tensor units"),
    _flops("fp16", "FP16", 16, "half precision on tensor/matrix units"),
    _flops("fp16_vector", "FP16 vector", 16, "half precision on vector/shader units"),
    _flops("bf16", "BF16", 16, "bfloat16 on tensor/matrix units"),
    _flops("fp8", "FP8", 8, "8-bit floating point on tensor units"),
    _flops("fp4", "FP4", 4, "4-bit floating point on tensor units"),
    Metric("int8", "INT8", "TOPS", OP_RATE, True, 8, "8-bit integer on tensor/matrix units"),
    Metric("int4", "INT4", "TOPS", OP_RATE, True, 4, "4-bit integer on tensor/matrix units"),
    Metric("memory_capacity", "Memory", "GB", "[information]", description="memory capacity"),
    Metric("memory_bandwidth", "Memory bandwidth", "GB/s", "[information] / [time]",
           description="memory bandwidth"),
    Metric("interconnect_bandwidth", "Interconnect", "GB/s", "[information] / [time]",
           description="chip-to-chip bandwidth per chip (NVLink, HCCS, ...)"),
    Metric("tdp", "TDP", "W", "[power]", description="thermal design / board power"),
    Metric("die_area", "Die area", "mm^2", "[length] ** 2", description="silicon area"),
    Metric("process_node", "Process", "nm", "[length]", description="process node as marketed",
           ratio=False),
    Metric("transistors", "Transistors", "billion", "", description="transistor count"),
    Metric("memory_type", "Memory type", None, None, description="e.g. HBM2e"),
    Metric("foundry", "Foundry", None, None, description="e.g. TSMC, SMIC"),
)

PUBLISHED: dict[str, Metric] = {m.key: m for m in CATALOGUE}


def _derived_catalogue() -> tuple[Metric, ...]:
    """Per-precision ratios (never a "best precision" mixing INT8 with FP16), TPP and PD.

    TFLOPS ÷ W × 1000 = GFLOPS/W; TFLOPS ÷ mm² × 1000 = GFLOPS/mm²;
    TFLOPS ÷ (GB/s) × 1000 = FLOP per byte; GB ÷ TFLOPS × 1000 = GB per PFLOPS.
    """
    found = []
    for m in CATALOGUE:
        if not m.throughput:
            continue
        op = "FLOP" if m.unit == "TFLOPS" else "OP"
        giga = "GFLOPS" if op == "FLOP" else "GOPS"
        peta = "PFLOPS" if op == "FLOP" else "POPS"
        found += [
            Metric(f"{m.key}_per_watt", f"{m.label} per watt", f"{giga}/W", None, True,
                   description=f"{m.label} throughput ÷ TDP", computed=True,
                   formula=Formula(m.key, "tdp", 1000)),
            Metric(f"{m.key}_per_mm2", f"{m.label} per mm²", f"{giga}/mm^2", None, True,
                   description=f"{m.label} throughput ÷ die area", computed=True,
                   formula=Formula(m.key, "die_area", 1000)),
            Metric(f"{m.key}_ridge", f"{m.label} ridge point", f"{op}/B", None, True,
                   description=f"{m.label} throughput ÷ memory bandwidth: the arithmetic "
                   "intensity above which the chip is compute-bound", computed=True,
                   formula=Formula(m.key, "memory_bandwidth", 1000)),
            Metric(f"memory_per_{m.key}", f"Memory per {m.label}", f"GB/{peta}", None, True,
                   description=f"memory capacity ÷ {m.label} throughput", computed=True,
                   formula=Formula("memory_capacity", m.key, 1000)),
        ]
    found += [
        Metric("tpp", "TPP", "", None, description="total processing performance (US export "
               "control): the largest published dense throughput × its bit length", computed=True,
               publishable=True),
        Metric("performance_density", "Performance density", "TPP/mm^2", None,
               description="TPP ÷ die area (US export control)", computed=True,
               formula=Formula("tpp", "die_area"), publishable=True),
    ]
    return tuple(found)


DERIVED: tuple[Metric, ...] = _derived_catalogue()

METRICS: dict[str, Metric] = {m.key: m for m in CATALOGUE + DERIVED}

# What a spec file may record: published metrics, and derived ones with a published figure.
WRITABLE: dict[str, Metric] = {**PUBLISHED, **{m.key: m for m in DERIVED if m.publishable}}


def display_unit(unit: str | None) -> str:
    """A unit as people write it (mm^2 -> mm²)."""
    return (unit or "").replace("^2", "²")


def column_unit(unit: str | None) -> str:
    """A unit as a column-name suffix: GB/s -> gb_s, mm^2 -> mm2."""
    return (unit or "").lower().replace("/", "_").replace("^", "")
