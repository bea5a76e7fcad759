"""chipcmp: compare AI accelerators on sourced, unit-checked specs.

    >>> import chipcmp
    >>> library = chipcmp.load_library()          # the shipped spec library
    >>> a, b = (chipcmp.resolve(library, n) for n in ("910B", "A100"))
    >>> comparison = chipcmp.compare([a, b])

The names below load on first use, so `import chipcmp` (and the CLI's
`--help`) stays cheap.
"""

__version__ = "0.1.0"

_EXPORTS = {
    "compare": "chipcmp.analysis.comparison",
    "load_library": "chipcmp.data.library",
    "resolve": "chipcmp.data.library",
    "ChipcmpError": "chipcmp.errors",
    "DataError": "chipcmp.errors",
    "LookupFailed": "chipcmp.errors",
}

__all__ = [  # noqa: PLE0604 - the names _EXPORTS loads lazily
    *_EXPORTS,
]


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'chipcmp' has no attribute {name!r}")
