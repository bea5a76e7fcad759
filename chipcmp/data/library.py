"""Where the library lives, and how a user's chip name becomes one chip."""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LookupFailed
from .naming import normalize_name, record_kind

if TYPE_CHECKING:
    from ..model import Chip, Claim, Library

ENV_VAR = "CHIPCMP_SPECS"


def default_specs_dir() -> Path:
    """The library shipped in the package (wheel), or the repository's specs/ (checkout)."""
    here = Path(__file__).resolve().parent.parent  # the chipcmp package
    packaged = here / "specs"
    return packaged if packaged.is_dir() else here.parent / "specs"


def specs_dir(override: str | Path | None = None) -> Path:
    return Path(override or os.environ.get(ENV_VAR) or default_specs_dir())


def ids_of_kind(kind: str, directory: str | Path | None = None) -> set[str]:
    """Ids of one kind of record (hardware, claim, rule) from file names alone: no YAML parsed."""
    root = specs_dir(directory)
    return {p.stem for p in root.rglob("*.y*ml") if record_kind(p, root) == kind}


def record_ids(directory: str | Path | None = None) -> set[str]:
    """Chip and system ids (file name = id)."""
    return ids_of_kind("hardware", directory)


def load_library(directory: str | Path | None = None, use_cache: bool = True) -> Library:
    """Load and validate a whole library; raises DataError listing every problem.

    With `use_cache`, a library that validated before and has not changed since
    comes from the cache (see cache.py) without parsing YAML or units.
    """
    from . import cache
    from .loader import discover, load

    root = specs_dir(directory)
    if not use_cache:
        return load([root])

    files, problems = discover([root])
    if not problems:
        cached = cache.read(root, files, reload=lambda: load([root]).chips)
        if cached is not None:
            return cached
    library = load([root])
    cache.write(root, files, library)
    return library


def resolve(library: Library, name: str) -> Chip:
    """Find one chip by id or alias; never guess between candidates.

    A name matches when it equals an id or alias ignoring case, spaces, hyphens
    and underscores (the validator keeps those unique). Anything looser is an
    error: "ambiguous" when the name is part of several chips' names.
    """
    key = normalize_name(name)
    if not key:  # " " or "-" names nothing (the validator refuses such aliases)
        raise LookupFailed(f"unknown chip {name!r}")
    if library.names is not None:
        if key in library.names:
            return library.chips[library.names[key]]
    else:
        for chip in library.chips.values():
            if key in (normalize_name(n) for n in (chip.id, *chip.aliases)):
                return chip
    partial = sorted({c.id for c in library.chips.values()
                      for n in (c.id, *c.aliases) if key and key in normalize_name(n)})
    if len(partial) > 1:
        raise LookupFailed(f"{name!r} is ambiguous: it is part of several chips' names", partial)
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


def select_claims(library: Library, names: list[str]) -> list[Claim]:
    """Claims by id, or every claim about a chip; all claims when no names are given."""
    if not names:
        return sorted(library.claims.values(), key=lambda c: (c.subject, c.claimed_on, c.id))
    chosen: dict[str, Claim] = {}
    for name in names:
        if name in library.claims:
            chosen[name] = library.claims[name]
            continue
        try:
            chip = resolve(library, name)
        except LookupFailed:
            close = difflib.get_close_matches(name, library.claims, n=6, cutoff=0.4)
            raise LookupFailed(f"{name!r} is neither a claim id nor a chip", close) from None
        chosen.update((c.id, c) for c in library.claims_about(chip.id))
    return list(chosen.values())
