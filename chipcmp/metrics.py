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
class Metric:
    key: str
    label: str
    unit: str | None  # canonical display unit; None for text metrics
    dimension: str | None
    throughput: bool = False  # throughputs must say dense / sparse / unspecified
    bits: int | None = None  # operand bit length, for export-control arithmetic
    description: str = ""
    ratio: bool = True  # False where "x times the baseline" means nothing (process node)

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

METRICS: dict[str, Metric] = {m.key: m for m in CATALOGUE}


def display_unit(unit: str | None) -> str:
    """A unit as people write it (mm^2 -> mm²)."""
    return (unit or "").replace("^2", "²")


def column_unit(unit: str | None) -> str:
    """A unit as a column-name suffix: GB/s -> gb_s, mm^2 -> mm2."""
    return (unit or "").lower().replace("/", "_").replace("^", "")
