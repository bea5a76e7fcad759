"""chipcmp: compare AI accelerators on sourced, unit-checked specs.

    >>> import chipcmp
    >>> result = chipcmp.compare("910B", "A100", metrics=["bf16"], baseline="A100")
    >>> cells = result.to_dict()["rows"][0]["cells"]      # BF16, dense: 910B ÷ A100
    >>> [(c["chip"], c["low"], c["high"], c["ratio"]) for c in cells]
    [('huawei-ascend-910b', 353.0, 376.0, [1.13141025641, 1.20512820513]), ('nvidia-a100-sxm4-80gb', 312.0, 312.0, [1.0, 1.0])]
    >>> verdict = chipcmp.check("ascend-910b-tpp-above-h20-bernstein").to_dict()[0]
    >>> verdict["verdict"], verdict["implied"]
    ('consistent', [2.38513513514, 2.54054054054])

`compare`, `check`, `controls`, `rank`, `show` and `export` return result
objects with `document()`, `rows()`, `to_dict()`, `to_frame()` (pandas) and
`markdown()`. The names load on first use, so `import chipcmp` (and the
CLI's `--help`) stays cheap.
"""

__version__ = "0.2.0"

_EXPORTS = {
    "compare": "chipcmp.api",
    "check": "chipcmp.api",
    "controls": "chipcmp.api",
    "rank": "chipcmp.api",
    "show": "chipcmp.api",
    "export": "chipcmp.api",
    "library": "chipcmp.api",
    "load_library": "chipcmp.data.library",
    "resolve": "chipcmp.data.library",
    "ChipcmpError": "chipcmp.errors",
    "DataError": "chipcmp.errors",
    "LookupFailed": "chipcmp.errors",
    "UsageError": "chipcmp.errors",
}

__all__ = [  # noqa: PLE0604 - the names _EXPORTS loads lazily
    *_EXPORTS,
]


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'chipcmp' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
