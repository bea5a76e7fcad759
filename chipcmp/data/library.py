"""Where the library lives, and how a user's chip name becomes one chip."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LookupFailed, UsageError
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
    library = None
    if use_cache:
        files, problems = discover([root])
        if not problems:
            library = cache.read(root, files, reload=lambda: load([root]).chips)
    if library is None:
        library = load([root])
        if use_cache:
            cache.write(root, files, library)
    library.root = str(root)
    return library


def resolve(library: Library, name: str) -> Chip:
    """Find one chip by id or alias; never guess between candidates.

    A name matches when it equals an id or alias ignoring case, spaces, hyphens
    and underscores (the validator keeps those unique), or when it is a model
    number that ends an id or alias ("c500" for metax-c500) and ends only one.
    A name that only starts a word ("cloudmatrix", "jm9", "4090") is an error
    that lists the records it starts: an RTX 4090 is not an RTX 4090 D.
    """
    key = normalize_name(name)
    if library.names is not None:
        if key in library.names:
            return library.chips[library.names[key]]
    else:
        for chip in library.chips.values():
            if key in (normalize_name(n) for n in (chip.id, *chip.aliases)):
                return chip
    names = [(c.id, n) for c in library.chips.values() for n in (c.id, *c.aliases)]
    if len(key) >= 3 and any(ch.isdigit() for ch in key):
        ending = sorted({cid for cid, n in names if key in _word_runs(n, ending=True)})
        if len(ending) == 1:
            return library.chips[ending[0]]
    starting = sorted({cid for cid, n in names if key and any(run.startswith(key) for run in _word_runs(n))})
    if len(starting) > 1:
        raise LookupFailed(f"{name!r} is ambiguous: it starts the names of several records; "
                           "give one of their ids", starting)
    if starting:
        raise LookupFailed(f"unknown chip {name!r}; it starts the name of {starting[0]}, "
                           "which you can give by its id or alias", starting)
    raise LookupFailed(f"unknown chip {name!r}", close_matches(library, name))


def _word_runs(name: str, ending: bool = False) -> list[str]:
    """The name's words joined from each word on: 'Jingjia JM9231' -> jingjiajm9231, jm9231.

    With `ending`, only runs from the second word on (the model number part of an id)."""
    words = [w for w in re.split(r"[^0-9a-z]+", normalize_name_words(name)) if w]
    return ["".join(words[i:]) for i in range(1 if ending else 0, len(words))]


def normalize_name_words(name: str) -> str:
    """normalize_name, but keeping the breaks between words."""
    return " ".join(normalize_name(word) for word in re.split(r"[\s\-_]+", name))


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
    """Claims by id, or about chips: one chip, every claim about it; several, the claims
    between them. All claims when no names are given."""
    ordered = sorted(library.claims.values(), key=lambda c: (c.subject, c.claimed_on, c.id))
    if not names:
        return ordered
    chosen: dict[str, Claim] = {}
    chips: list[str] = []
    for name in names:
        if name in library.claims:
            chosen[name] = library.claims[name]
            continue
        try:
            chips.append(resolve(library, name).id)
        except LookupFailed as exc:
            if "ambiguous" in str(exc) or "starts the name" in str(exc):
                raise
            close = difflib.get_close_matches(name, library.claims, n=3, cutoff=0.4)
            raise LookupFailed(f"{name!r} is neither a claim id nor a chip",
                               close + close_matches(library, name, 3)) from None
    if len(chips) == 1:
        chosen.update((c.id, c) for c in library.claims_about(chips[0]))
    elif chips:
        chosen.update((c.id, c) for c in ordered if c.subject in chips and c.baseline in chips)
    return [c for c in ordered if c.id in chosen]


def select_records(library: Library, vendor: str | None = None, country: str | None = None,
                   kind: str | None = None, systems: bool = True) -> list[Chip]:
    """Records of one vendor, country and kind (each optional, case-insensitive), sorted.

    A filter that can match nothing in this library is a usage error naming what
    exists, never an empty answer; `systems=False` leaves systems out unless `kind`
    asks for them.
    """
    from .schema import KINDS

    chips = list(library.chips.values())
    if kind is not None and kind.lower() not in KINDS:
        raise UsageError(f"--kind: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if country is not None:
        if not re.fullmatch(r"[A-Za-z]{2}", country):
            raise UsageError(f"--country: {country!r} is not a two-letter ISO code such as CN or US")
        known = sorted({c.country for c in chips})
        if country.upper() not in known:
            raise UsageError(f"--country: no record from {country.upper()!r}; the library has "
                             + ", ".join(known))
    if vendor is not None:
        vendors = {c.vendor.casefold(): c.vendor for c in chips}
        if vendor.casefold() not in vendors:
            close = difflib.get_close_matches(vendor.casefold(), vendors, n=3, cutoff=0.5)
            close += [v for v in vendors if vendor.casefold() in v and v not in close]
            hint = f"; did you mean {', '.join(repr(vendors[c]) for c in close)}?" if close else ""
            raise UsageError(f"--vendor: unknown vendor {vendor!r}{hint} "
                             f"(vendors: {', '.join(sorted(vendors.values()))})")
    found = [c for c in chips
             if (not vendor or c.vendor.casefold() == vendor.casefold())
             and (not country or c.country == country.upper())
             and (c.kind == kind.lower() if kind else systems or c.kind != "system")]
    return sorted(found, key=lambda c: (c.vendor.casefold(), c.released or "9999", c.id))


def resolve_all(library: Library, names: list[str]) -> list[Chip]:
    """The chips named, each once, in the order given (two aliases may name one chip)."""
    return list({c.id: c for c in (resolve(library, name) for name in names)}.values())


def select_rules(library: Library, text: str | None) -> list:
    """Every rule, or the one whose id contains `text` ("2023" for us-3a090-2023)."""
    if not text:
        return list(library.rules.values())
    if text in library.rules:
        return [library.rules[text]]
    found = [r for r in library.rules.values() if text.casefold() in r.id]
    if len(found) == 1:
        return found
    if found:
        raise LookupFailed(f"rule {text!r} is ambiguous", sorted(r.id for r in found))
    raise LookupFailed(f"unknown rule {text!r}", sorted(library.rules))


def validate(paths: list[Path] | None, directory: str | Path | None = None,
             strict: bool = False) -> tuple[str, list]:
    """Check files (default: the whole library): a one-line summary and the plausibility warnings.

    Raises DataError with every problem; with `strict`, warnings are problems too.
    Files checked on their own may name chips of the active library; its file
    names are its ids, so there is no need to load (or trust) it.
    """
    from dataclasses import replace

    from ..errors import DataError
    from .loader import check_files, discover
    from .plausibility import warnings

    targets = paths or [specs_dir(directory)]
    files, problems = discover(targets)
    library, more = check_files(files, record_ids(directory) if paths else set(), roots=targets)
    problems += more
    if problems:
        raise DataError(library.warnings + problems)
    found = library.warnings + warnings(library)
    if strict and found:
        raise DataError([replace(w, severity="error") for w in found])
    summary = (f"ok: {len(files)} file(s), {len(library.chips)} chip(s), "
               f"{sum(len(c.values) for c in library.chips.values())} value(s), "
               f"{len(library.claims)} claim(s), {len(library.rules)} rule(s), "
               f"{len(library.measurements)} measurement(s)" + (f", {len(found)} warning(s)" if found else ""))
    return summary, found
