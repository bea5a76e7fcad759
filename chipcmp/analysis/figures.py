"""Every figure chipcmp has for a record and metric: published, aggregated from parts, derived."""

from __future__ import annotations

from . import derived, systems
from ..metrics import CATALOGUE, DERIVED, METRICS
from ..model import Chip, Library, Value


class Figures:
    """Looks up figures for one library, computing aggregates and derived metrics once each."""

    def __init__(self, library: Library, without_flagged: bool = False):
        self.library = library
        # Leave out published figures that fail a plausibility check (and all computed from them).
        self.without_flagged = without_flagged
        self._memo: dict[tuple[str, str], list[Value]] = {}
        self._busy: set[tuple[str, str]] = set()
        self._unflagged: Figures | None = None

    def unflagged(self) -> Figures:
        """The same lookups without the flagged published figures: what a result rests on."""
        if self.without_flagged:
            return self
        if self._unflagged is None:
            self._unflagged = Figures(self.library, without_flagged=True)
        return self._unflagged

    def _published(self, chip: Chip, key: str) -> list[Value]:
        found = chip.values_for(key)
        return [v for v in found if not v.flags] if self.without_flagged else found

    def __call__(self, chip: Chip, key: str) -> list[Value]:
        """All figures, as shown side by side: a system's published and aggregated ones both."""
        memo_key = (chip.id, key)
        if memo_key in self._memo:
            return self._memo[memo_key]
        if memo_key in self._busy:  # parts that (indirectly) contain themselves
            return []
        self._busy.add(memo_key)
        metric = METRICS[key]
        if metric.computed:  # derived, then any published figure (an analyst's TPP) beside it
            found = derived.compute(chip, metric, self.preferred) + self._published(chip, key)
        else:
            found = self._published(chip, key) + systems.aggregate(chip, metric, self.preferred,
                                                                   self.library.chips)
        self._busy.discard(memo_key)
        self._memo[memo_key] = found
        return found

    def preferred(self, chip: Chip, key: str) -> list[Value]:
        """Inputs for arithmetic: per sparsity, published figures where there are any, else aggregates.

        A system's published power includes more than its chips; mixing it with
        the chips-only aggregate would stretch every per-watt figure. A derived
        metric: the derived figures where there are any, else the published ones
        (never both: they are different kinds of figure).
        """
        found = self(chip, key)
        if METRICS[key].computed:
            return [v for v in found if v.origin == "derived"] or found
        published = {v.sparsity for v in found if v.origin != "aggregate"}
        return [v for v in found if v.origin != "aggregate" or v.sparsity not in published]

    def all_of(self, chip: Chip, with_derived: bool = True) -> list[Value]:
        """Every figure of a record: published, aggregated and (optionally) derived."""
        metrics = CATALOGUE + DERIVED if with_derived else CATALOGUE
        return [v for m in metrics for v in self(chip, m.key)]
