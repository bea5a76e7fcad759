"""How numbers are written for people: grouped, not rounded away, ranges and ratios."""

from __future__ import annotations


def fmt_number(x: float | None) -> str:
    """Readable, not rounded away: 2039 -> '2,039', 85.899 -> '85.9', 19.5 -> '19.5'."""
    if x is None:
        return "—"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.4g}"


def fmt_plain(low: float, high: float) -> str:
    """Unrounded, for comparing with another dataset: '312', '353–376'."""
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def fmt_range(low: float | None, high: float | None) -> str:
    if low is None:
        return "—"
    return fmt_number(low) if low == high else f"{fmt_number(low)}–{fmt_number(high)}"


def fmt_ratio(ratio: tuple[float, float] | None) -> str:
    if ratio is None:
        return ""
    low, high = ratio
    if f"{low:.2f}" == f"{high:.2f}":
        return f"{low:.2f}×"
    return f"{low:.2f}–{high:.2f}×"
