"""How files and names map to records: cheap enough to run on every Tab press (imports only re)."""

from __future__ import annotations

import re
from pathlib import Path


def record_kind(path: Path) -> str:
    """What a file holds, from its folder: claims/, rules/, measurements/, else hardware."""
    folders = path.parts[:-1]
    if "measurements" in folders:
        return "measurement"
    if "claims" in folders:
        return "claim"
    if "rules" in folders:
        return "rule"
    return "hardware"


def normalize_name(name: str) -> str:
    """How names are matched: case-insensitive, spaces/hyphens/underscores ignored."""
    return re.sub(r"[\s\-_]+", "", name.casefold())
