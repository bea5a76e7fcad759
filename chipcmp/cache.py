"""A validated, normalized copy of the library, so warm runs skip YAML and pint.

The cache is keyed by chipcmp's version and the path, size and modification
time of every spec file: any edit, addition or deletion makes a new key, so a
stale cache is never served. It lives in the user cache directory and is
written atomically (write to a temporary file, then rename), so concurrent runs
see either the old or the new file, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from . import __version__
from .model import Chip, Claim, Library, Part, Rule, RuleClass, Source, Value
from .output import write_atomically


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "chipcmp"


def _fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in files:
        stat = path.stat()
        digest.update(f"\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _cache_file(root: Path) -> Path:
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return cache_dir() / f"library-{name}.json"


def read(root: Path, files: list[Path]) -> Library | None:
    """The cached library for these files, or None (missing, stale or unreadable)."""
    try:
        doc = json.loads(_cache_file(root).read_text(encoding="utf-8"))
        if doc.get("fingerprint") != _fingerprint(files):
            return None
        return _library_from(doc["library"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(root: Path, files: list[Path], library: Library) -> None:
    """Store the library; a cache that cannot be written is simply skipped."""
    doc = {"fingerprint": _fingerprint(files), "library": asdict(library)}
    try:
        _cache_file(root).parent.mkdir(parents=True, exist_ok=True)
        write_atomically(_cache_file(root), json.dumps(doc, ensure_ascii=False))
    except (OSError, TypeError, ValueError):
        pass  # the cache only saves time; failing to write it is not an error


def _library_from(data: dict) -> Library:
    def sources(d: dict) -> dict[str, Source]:
        return {k: Source(**v) for k, v in d.items()}

    chips = {
        key: Chip(**{**c, "sources": sources(c["sources"]),
                     "values": [Value(**v) for v in c["values"]],
                     "parts": [Part(**p) for p in c["parts"]]})
        for key, c in data["chips"].items()
    }
    claims = {key: Claim(**{**c, "sources": sources(c["sources"])}) for key, c in data["claims"].items()}
    rules = {key: Rule(**{**r, "sources": sources(r["sources"]),
                          "classes": [RuleClass(**k) for k in r["classes"]]})
             for key, r in data["rules"].items()}
    return Library(chips, claims, rules)
