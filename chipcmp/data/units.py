"""Quantities as published ("376 TFLOPS", "320–376 TFLOPS", "~64 GB"), checked by pint.

chipcmp builds its own small pint registry instead of pint's default one: it is
several times faster to build, and it gives FLOP, integer operations (OP) and
information (bit, byte) dimensions of their own, so TB/s can never convert into
TFLOPS the way it silently does when bytes and counts are both dimensionless.
pint is imported on first use only; `chipcmp --help` never pays for it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ChipcmpError

_DEFINITIONS = """
kilo- = 1e3 = k-
mega- = 1e6 = M-
giga- = 1e9 = G-
tera- = 1e12 = T-
peta- = 1e15 = P-
exa- = 1e18 = E-
milli- = 1e-3 = m-
micro- = 1e-6 = u- = µ-
nano- = 1e-9 = n-
kibi- = 2**10 = Ki-
mebi- = 2**20 = Mi-
gibi- = 2**30 = Gi-
tebi- = 2**40 = Ti-
pebi- = 2**50 = Pi-
second = [time] = s = sec
meter = [length] = m = metre
watt = [power] = W
bit = [information] = b
byte = 8 * bit = B
flop = [floating_point_operation] = FLOP
FLOPS = flop / second = flops
op = [integer_operation] = OP
OPS = op / second = ops
bps = bit / second
Bps = byte / second
billion = 1e9 = bn
million = 1e6
"""

BINARY_PREFIXES = ("Ki", "Mi", "Gi", "Ti", "Pi")

MAX_VALUE_CHARS = 100  # the longest published value is ~30; longer text is not read at all

# ASCII digits only; a comma only between groups of three ("1,024", never "3,12").
# Every part is linear: no two adjacent repeats can match the same characters.
_NUMBER = r"[0-9][0-9,]*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
_QUANTITY = re.compile(
    rf"""^(?P<approx>~|≈|about\s+|approx\.?\s+)?
    (?P<low>{_NUMBER})
    (?:\s*(?:–|—|-|to)\s*(?P<high>{_NUMBER}))?
    \s*(?P<unit>.*)$""",
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.|[eE]|$)|[0-9]+(?:\.|[eE]|$)")
_UNIT_CHARS = re.compile(r"[A-Za-zµ/^0-9²³·*. ]*")  # anything else after the number is not a unit


class UnitError(ChipcmpError):
    """A value whose number or unit cannot be understood, or does not fit its metric."""


@dataclass(frozen=True)
class Quantity:
    """A published figure converted to a metric's canonical unit."""

    low: float
    high: float
    approximate: bool
    binary_prefix: bool  # published with GiB-style prefixes, converted exactly
    warning: str | None = None  # a likely slip that still converts (bits for bytes)


@lru_cache(maxsize=1)
def registry():
    """The one shared registry, built on first use."""
    import pint

    reg = pint.UnitRegistry(None, cache_folder=None)
    for line in _DEFINITIONS.strip().splitlines():
        reg.define(line)
    return reg


def _number(text: str, value: str) -> float:
    if "," in text and not _GROUPED.match(text):
        raise UnitError(f"{value!r}: a comma may only separate groups of three digits "
                        f"(write {text.replace(',', '.')})")
    return float(text.replace(",", ""))


def _representable(published: float, result: float, value: str) -> float:
    """Refuse what a float cannot hold: 1e309 (infinity) and 1e-400 (silently zero)."""
    if not math.isfinite(result):
        raise UnitError(f"{value!r}: the number is too large")
    if result == 0 and published != 0 or published == 0 and re.search(r"[1-9][^eE]*[eE]", value):
        raise UnitError(f"{value!r}: the number is too small to represent")
    return result


def _tidy(value: float) -> float:
    """Drop binary floating-point noise (1.6 TB/s is 1600 GB/s, not 1600.0000000000002)."""
    return float(f"{value:.12g}")


@lru_cache(maxsize=512)
def _factor(unit: str, target: str, dimension: str) -> float:
    """How many `target` one `unit` is; raises UnitError with a readable reason."""
    import pint

    reg = registry()
    try:
        parsed = reg.parse_units(unit) if unit else reg.dimensionless
    except (pint.UndefinedUnitError, pint.DefinitionSyntaxError, AttributeError,
            TypeError, ValueError, SyntaxError) as exc:
        raise UnitError(f"unknown unit {unit!r}") from exc
    if parsed.dimensionality != reg.get_dimensionality(dimension):
        shown = repr(unit) if unit else "a bare number"
        raise UnitError(
            f"{shown} measures {_describe(str(parsed.dimensionality))}, "
            f"but this metric needs {_describe(dimension)} (e.g. {target})"
        )
    return reg.Quantity(1.0, parsed).to(target).magnitude


_DIMENSION_WORDS = {"[floating_point_operation]": "FLOP", "[integer_operation]": "OP",
                    "[information]": "bytes", "[time]": "time", "[power]": "power",
                    "[length]": "length", " ** 2": "²"}


def _describe(dimension: str) -> str:
    """'[information] / [time]' -> 'bytes / time', for error messages."""
    if dimension in ("", "dimensionless"):
        return "a plain count"
    for name, word in _DIMENSION_WORDS.items():
        dimension = dimension.replace(name, word)
    return dimension


def parse_quantity(text: str, target: str, dimension: str) -> Quantity:
    """Parse "320–376 TFLOPS" and convert it to `target` (e.g. "TFLOPS")."""
    text = str(text).strip()
    if len(text) > MAX_VALUE_CHARS:
        raise UnitError(f"value is {len(text):,} characters long; at most {MAX_VALUE_CHARS} are "
                        f"read: {text[:20]!r}...")
    match = _QUANTITY.match(text)
    if not match:
        raise UnitError(f"cannot read {text!r} as a number with a unit (e.g. '312 TFLOPS')")
    published = match["unit"].rstrip()
    end = _UNIT_CHARS.match(published).end()
    if end < len(published):
        raise UnitError(f"{text!r}: unexpected {published[end:]!r} after the unit")
    unit = published.replace("²", "^2").replace("³", "^3")
    factor = _factor(unit, target, dimension)
    low = _number(match["low"], text)
    high = _number(match["high"], text) if match["high"] else low
    if high < low:
        raise UnitError(f"range {text!r} runs backwards")
    return Quantity(
        low=_representable(low, _tidy(low * factor), text),
        high=_representable(high, _tidy(high * factor), text),
        approximate=bool(match["approx"]),
        binary_prefix=any(p in unit for p in BINARY_PREFIXES),
        warning=_bits_for_bytes(text, published, dimension, low * factor, target),
    )


_BITS = re.compile(r"^([kMGTPE]i?)?(b|bit|bits)$")


def _bits_for_bytes(text: str, unit: str, dimension: str, converted: float, target: str) -> str | None:
    """'80 Gb' for a memory size is almost always 80 GB with the wrong case."""
    found = _BITS.match(unit)
    if dimension != "[information]" or not found:
        return None
    meant = text[: len(text) - len(unit)] + (found.group(1) or "") + "B"
    return (f"{text!r} is in bits (= {converted:g} {target}); memory is published in bytes: "
            f"did you mean {meant!r}?")


def convert(magnitude: float, unit: str, target: str) -> float:
    """Convert a plain number between units; raises pint's DimensionalityError on a mismatch."""
    reg = registry()
    return reg.Quantity(magnitude, unit).to(target).magnitude
