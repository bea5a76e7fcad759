"""Write a synthetic spec library of N chip files, for benchmarks at scale.

    python benchmarks/generate.py 10000 /tmp/lib10k

Every file is valid and sourced like a real one (one source, a dense and a
sparse throughput, memory, bandwidth, power); ids are bench-00000 ... so that
completion and lookups have many near neighbours.
"""

from __future__ import annotations

import argparse
from pathlib import Path

TEMPLATE = """id: {id}
name: Bench {n}
vendor: Vendor {vendor}
country: {country}
kind: card
released: {year}-{month:02d}
aliases: [B{n}]
sources:
  sheet: {{publisher: Vendor {vendor}, title: Bench {n} datasheet, accessed: 2026-11-21, tier: vendor}}
specs:
  bf16:
    - {{value: {bf16} TFLOPS, sparsity: dense, source: sheet}}
    - {{value: {sparse} TFLOPS, sparsity: sparse, source: sheet}}
  int8: {{value: {int8} TOPS, sparsity: dense, source: sheet}}
  memory_capacity: {{value: {memory} GB, source: sheet}}
  memory_bandwidth: {{value: {bandwidth} TB/s, source: sheet}}
  tdp: {{value: {tdp} W, source: sheet}}
  die_area: {{value: {area} mm^2, source: sheet}}
"""


def write_library(count: int, root: Path) -> None:
    chips = root / "chips"
    chips.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        chip_id = f"bench-{n:05d}"
        bf16 = 50 + n % 900
        (chips / f"{chip_id}.yaml").write_text(TEMPLATE.format(
            id=chip_id, n=n, vendor=n % 40, country=("US", "CN", "KR")[n % 3],
            year=2015 + n % 11, month=1 + n % 12, bf16=bf16, sparse=2 * bf16, int8=2 * bf16,
            memory=16 * (1 + n % 12), bandwidth=round(0.5 + (n % 50) / 10, 1),
            tdp=150 + n % 600, area=300 + n % 500,
        ), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("directory", type=Path)
    args = parser.parse_args()
    write_library(args.count, args.directory)
    print(f"wrote {args.count} chip files under {args.directory}")


if __name__ == "__main__":
    main()
