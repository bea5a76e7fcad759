"""A validated, normalized copy of the library, so warm runs skip YAML and pint.

The cache is keyed by chipcmp's version, the shape of the record classes in
model.py (field names and types, which change between development versions
without a new version number) and the path, size and modification time of
every spec file: any edit, addition or deletion makes a new key, so a
stale cache is never served. It lives in the user cache directory and is
written atomically (write to a temporary file, then rename), so concurrent runs
see either the old or the new file, never half of one.

Each record is stored as its own JSON text and decoded only when a command
touches it, with an index of names: a comparison of two chips in a library of
ten thousand decodes two records, not ten thousand. A record that does not
decode all the same is read again from the YAML files, never a crash.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, fields
from pathlib import Path

from .. import __version__
from ..errors import ChipcmpError
from ..model import Chip, Claim, Library, Measurement, Model, Part, Rule, RuleClass, Source, Value, Workload
from .naming import normalize_name
from .files import write_atomically


# Bumped when what a cached library holds changes within one version (2: Value.flags).
FORMAT = 2


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "chipcmp"


_RECORD_CLASSES = ("Chip", "Claim", "Rule", "RuleClass", "Source", "Value", "Part")


def _model_shape() -> str:
    """The record classes' field names and types: a change to model.py makes a new key."""
    from .. import model

    return repr([(name, [(f.name, str(f.type)) for f in fields(getattr(model, name))])
                 for name in _RECORD_CLASSES])


def _fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    digest.update(_model_shape().encode())
    for path in files:
        stat = os.stat(path)
        digest.update(f"\0{os.path.abspath(path)}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _cache_file(root: Path) -> Path:
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return cache_dir() / f"library-{name}.json"


def read(root: Path, files: list[Path],
         reload: Callable[[], Mapping[str, Chip]] | None = None) -> Library | None:
    """The cached library for these files, or None (missing, stale or unreadable).

    `reload` gives the chips read from YAML, for a chip record that fails to decode.
    """
    try:
        doc = json.loads(_cache_file(root).read_text(encoding="utf-8"))
        if doc.get("fingerprint") != _fingerprint(files):
            return None
        rest = json.loads(doc["rest"])
        return Library(
            chips=LazyChips(doc["chips"], reload),
            claims={k: _claim(c) for k, c in rest["claims"].items()},
            rules={k: _rule(r) for k, r in rest["rules"].items()},
            measurements={k: _measurement(m) for k, m in rest["measurements"].items()},
            names=doc["names"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def names(root: Path) -> dict[str, str]:
    """Normalized id/alias -> chip id from the last cache, unchecked: for tab completion only,
    where a stale suggestion costs nothing (the command itself resolves names properly)."""
    try:
        return dict(json.loads(_cache_file(root).read_text(encoding="utf-8"))["names"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write(root: Path, files: list[Path], library: Library) -> None:
    """Store the library; a cache that cannot be written is simply skipped."""
    try:
        names = {normalize_name(n): chip.id for chip in library.chips.values()
                 for n in (chip.id, *chip.aliases)}
        doc = {
            "fingerprint": _fingerprint(files),
            "names": names,
            "chips": {k: json.dumps(asdict(c), ensure_ascii=False) for k, c in library.chips.items()},
            "rest": json.dumps({"claims": {k: asdict(c) for k, c in library.claims.items()},
                                "rules": {k: asdict(r) for k, r in library.rules.items()},
                                "measurements": {k: asdict(m) for k, m in library.measurements.items()}},
                               ensure_ascii=False),
        }
        _cache_file(root).parent.mkdir(parents=True, exist_ok=True)
        write_atomically(_cache_file(root), json.dumps(doc, ensure_ascii=False))
    except (OSError, TypeError, ValueError, ChipcmpError):
        pass  # the cache only saves time; failing to write it is not an error


class LazyChips(Mapping):
    """Chip records decoded from their JSON text on first access."""

    def __init__(self, texts: dict[str, str], reload: Callable[[], Mapping[str, Chip]] | None = None):
        self._texts = texts
        self._chips: dict[str, Chip] = {}
        self._reload = reload

    def __getitem__(self, key: str) -> Chip:
        if key not in self._chips:
            try:
                self._chips[key] = _chip(json.loads(self._texts[key]))
            except (ValueError, KeyError, TypeError):
                if self._reload is None:
                    raise
                self._chips[key] = self._reload()[key]
        return self._chips[key]

    def __iter__(self):
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __contains__(self, key) -> bool:
        return key in self._texts


def _sources(d: dict) -> dict[str, Source]:
    return {k: Source(**v) for k, v in d.items()}


def _chip(c: dict) -> Chip:
    return Chip(**{**c, "sources": _sources(c["sources"]),
                   "values": [Value(**v) for v in c["values"]],
                   "parts": [Part(**p) for p in c["parts"]]})


def _model(m: dict | None) -> Model | None:
    return Model(**m) if m else None


def _claim(c: dict) -> Claim:
    return Claim(**{**c, "sources": _sources(c["sources"]), "model": _model(c["model"])})


def _measurement(m: dict) -> Measurement:
    workload = Workload(**{**m["workload"], "model": _model(m["workload"]["model"])})
    return Measurement(**{**m, "sources": _sources(m["sources"]), "workload": workload})


def _rule(r: dict) -> Rule:
    return Rule(**{**r, "sources": _sources(r["sources"]),
                   "classes": [RuleClass(**k) for k in r["classes"]]})
