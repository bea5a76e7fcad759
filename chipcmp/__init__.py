"""chipcmp: compare AI accelerators on sourced, unit-checked specs.

    >>> import chipcmp
    >>> library = chipcmp.load_library()          # the shipped spec library
    >>> a, b = (chipcmp.resolve(library, n) for n in ("910B", "A100"))
    >>> chipcmp.compare([a, b]).rows[0].cells[1].ratio
"""

__version__ = "0.1.0"

from .compare import compare  # noqa: E402
from .errors import ChipcmpError, DataError, LookupFailed  # noqa: E402
from .library import load_library, resolve  # noqa: E402

__all__ = ["ChipcmpError", "DataError", "LookupFailed", "compare", "load_library", "resolve"]
