"""Claimed ratios as written in claim files: "80–90%", "~100%", "3,000x", ">1x"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ChipcmpError

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_RATIO = re.compile(
    rf"""^\s*(?P<bound>>=|<=|≥|≤|>|<)?\s*(?P<approx>~|≈)?\s*
    (?P<low>{_NUMBER})(?:\s*(?:–|—|-|to)\s*(?P<high>{_NUMBER}))?
    \s*(?P<unit>%|x|×)\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Ratio:
    low: float | None  # None: no lower bound
    high: float | None  # None: no upper bound
    approximate: bool


def parse_ratio(text: str) -> Ratio:
    """subject ÷ baseline as an interval; '>1x' is (1, None), '80–90%' is (0.8, 0.9)."""
    match = _RATIO.match(str(text))
    if not match:
        raise ChipcmpError(
            f"cannot read ratio {text!r}; write e.g. '80–90%', '~100%', '3000x' or '>1x'"
        )
    scale = 0.01 if match["unit"] == "%" else 1.0
    low = float(match["low"].replace(",", "")) * scale
    high = float(match["high"].replace(",", "")) * scale if match["high"] else low
    if high < low:
        raise ChipcmpError(f"ratio {text!r} runs backwards")
    bound = match["bound"]
    if bound and match["high"]:
        raise ChipcmpError(f"ratio {text!r} has both a bound and a range")
    if bound in (">", ">=", "≥"):
        high = None
    elif bound in ("<", "<=", "≤"):
        low = None
    return Ratio(low, high, bool(match["approx"]))
