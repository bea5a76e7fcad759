"""How files and names map to records: cheap enough to run on every Tab press (imports only re)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_KIND_FOLDERS = {"claims": "claim", "rules": "rule", "measurements": "measurement", "chips": "hardware",
                 "systems": "hardware"}

# Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables.txt, the subset that
# matters for chip names), mapped before case folding: capital Greek Eta looks like H, small eta like n.
_CONFUSABLES = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеіјоѕрсхуԁԛԝһӏ" "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορτυ",
    "ABESIJKMHOPCTXYaeijospcxydqwhl" "ABEZHIKMNOPTYXaikvoptu",
)


def record_kind(path: Path, root: Path | None = None) -> str:
    """What a file holds, from the nearest kind folder (claims/, rules/; chips/ or systems/ for
    hardware) inside the library `root` (counting root's own name), else hardware.

    Only folders inside the library count: a library kept in /tmp/rules/lib holds chips.
    """
    path = Path(path)
    if root is not None and Path(root) in path.parents:
        folders = (Path(root).name, *path.relative_to(root).parts[:-1])
    else:
        folders = path.parts[:-1]
    for folder in reversed(folders):
        if folder in _KIND_FOLDERS:
            return _KIND_FOLDERS[folder]
    return "hardware"


def normalize_name(name: str) -> str:
    """How names are matched: compatibility forms folded (full-width Ａ is A), Cyrillic and Greek
    look-alikes read as the Latin letters they resemble, case-insensitive, and spaces, hyphens,
    underscores and invisible characters ignored. Two names that look the same match the same."""
    text = unicodedata.normalize("NFKC", name).translate(_CONFUSABLES).casefold()
    return re.sub(r"[\s\-_\u200b-\u200d\u2060\ufeff]+", "", text)
