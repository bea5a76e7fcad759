"""Re-extract the Epoch AI rows the library cites into chipcmp/data/epoch/epoch_rows.csv.

    python tools/extract_epoch_rows.py /path/to/epoch_ml_hardware_2025-12-16.csv

Run it after adding or changing a source published by Epoch AI; it rewrites
ATTRIBUTION.md beside the CSV, and exits 1 naming the rows it could not find.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chipcmp.data.epoch_rows import ATTRIBUTION, SHIPPED, attribution, cited_rows, extract, shipped_names
from chipcmp.data.files import write_atomically
from chipcmp.data.library import load_library


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    cited = cited_rows(load_library(Path(__file__).resolve().parent.parent / "specs", use_cache=False))
    missing = extract(Path(argv[0]), set(cited))
    write_atomically(ATTRIBUTION, attribution(shipped_names()))
    print(f"wrote {len(cited) - len(missing)} row(s) to {SHIPPED}, and {ATTRIBUTION.name}")
    for name in missing:
        print(f"not in the snapshot: {name!r} (cited by {', '.join(cited[name])})", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
