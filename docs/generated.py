"""What the docs/build_*.py scripts share: write a generated page, or check that it is current."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(target: Path, text: str, script: str, argv: list[str]) -> int:
    """With --check, exit 1 when `target` differs from `text`; else write it. Returns the exit code."""
    if "--check" in argv:
        if target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date: run python docs/{script}", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0
