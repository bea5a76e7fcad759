"""Where the library lives, and how a user's chip name becomes one chip."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from .errors import LookupFailed
from .loader import load, normalize_name
from .model import Chip, Library

ENV_VAR = "CHIPCMP_SPECS"


def default_specs_dir() -> Path:
    """The library shipped in the package (wheel), or the repository's specs/ (checkout)."""
    here = Path(__file__).resolve().parent
    packaged = here / "specs"
    return packaged if packaged.is_dir() else here.parent / "specs"


def specs_dir(override: str | Path | None = None) -> Path:
    return Path(override or os.environ.get(ENV_VAR) or default_specs_dir())


def load_library(directory: str | Path | None = None) -> Library:
    """Load and validate a whole library; raises DataError listing every problem."""
    return load([specs_dir(directory)])


def resolve(library: Library, name: str) -> Chip:
    """Find one chip by id or alias; never guess between candidates."""
    wanted = name.strip().casefold()
    for chip in library.chips.values():
        if wanted == chip.id or wanted in (a.casefold() for a in chip.aliases):
            return chip
    key = normalize_name(name)
    loose = [c for c in library.chips.values()
             if key in (normalize_name(n) for n in (c.id, *c.aliases))]
    if len(loose) == 1:
        return loose[0]
    if len(loose) > 1:
        raise LookupFailed(f"{name!r} is ambiguous", sorted(c.id for c in loose))
    raise LookupFailed(f"unknown chip {name!r}", close_matches(library, name))


def close_matches(library: Library, name: str, limit: int = 6) -> list[str]:
    """Chip ids whose id or alias resembles `name`, best first."""
    key = normalize_name(name)
    by_name = {}
    for chip in library.chips.values():
        for n in (chip.id, *chip.aliases):
            by_name.setdefault(normalize_name(n), chip.id)
    found = [by_name[n] for n in difflib.get_close_matches(key, by_name, n=limit * 2, cutoff=0.5)]
    found += [cid for n, cid in by_name.items() if key and key in n]
    return list(dict.fromkeys(found))[:limit]
