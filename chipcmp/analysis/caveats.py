"""What a result rests on that its reader must be told: planned or announced figures, flagged ones."""

from __future__ import annotations

from ..data.plausibility import FLAGS
from ..model import Chip, Value, published_leaves

# Value.status values other than shipping, in the order they are reported.
NOT_SHIPPING = ("announced", "planned")


def not_shipping(chip: Chip, values: list[Value]) -> list[str]:
    """The statuses other than shipping among the published figures behind these values."""
    found = {leaf.status for v in values for _, leaf in published_leaves(chip, v)}
    return [s for s in NOT_SHIPPING if s in found]


def status_note(statuses: list[str]) -> str:
    """'rests on planned figures (a roadmap target), not a shipping part', or ''."""
    if not statuses:
        return ""
    words = {"planned": "planned figures (a roadmap target)", "announced": "announced figures"}
    return f"rests on {' and '.join(words[s] for s in statuses)}, not a shipping part"


def flagged(chip: Chip, values: list[Value]) -> list[tuple[Chip, Value]]:
    """(record, figure) for every published figure behind these values that fails a check."""
    seen: dict[int, tuple[Chip, Value]] = {}
    for v in values:
        for owner, leaf in published_leaves(chip, v):
            if leaf.flags:
                seen.setdefault(id(leaf), (owner, leaf))
    return list(seen.values())


def describe(pairs: list[tuple[Chip, Value]]) -> str:
    """'NVIDIA GB200 NVL72 tdp '~70 kW' (below the sum of the system's parts)'."""
    return "; ".join(f"{chip.name} {v.metric} {v.published!r} ({', '.join(FLAGS[f] for f in v.flags)})"
                     for chip, v in pairs)
