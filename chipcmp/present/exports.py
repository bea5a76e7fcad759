"""`export` as a result: the whole library, long (every value with its source) or wide."""

from __future__ import annotations

from .emit import ResultMethods
from ..metrics import CATALOGUE, DERIVED
from .documents import combined_rows, value_row, wide_rows

LAYOUTS = ("long", "wide", "wide-full", "measurements")


MEASUREMENT_COLUMNS = ["id", "chip", "chips", "phase", "precision", "model", "scenario", "metric", "value",
                       "per_chip", "harness", "date", "run_by", "source_url"]


class ExportResult(ResultMethods):
    title = "chipcmp export"

    def __init__(self, library, figures, layout: str = "long", derived: bool = True):
        if layout not in LAYOUTS:
            raise ValueError(layout)
        self.layout = layout
        self.measurements = list(library.measurements.values())

        def values_of(chip):
            return figures.all_of(chip) if derived else chip.values

        if layout == "long":
            self._rows = [value_row(c, v, library.root) for c in library.chips.values()
                          for v in values_of(c)]
            self._columns = list(self._rows[0]) if self._rows else None
        elif layout == "measurements":
            from .workload import measurement_row

            self._rows = [measurement_row(m) for m in self.measurements]
            self._columns = MEASUREMENT_COLUMNS
        elif layout == "wide":
            metrics = CATALOGUE + DERIVED if derived else CATALOGUE
            self._rows, self._columns = combined_rows(library, figures, metrics)
        else:
            self._rows, self._columns = wide_rows(library, values_of)

    def document(self) -> dict:
        from .workload import measurement_doc

        return {"layout": self.layout, "items": self._rows,
                "measurements": [measurement_doc(m) for m in self.measurements]}

    def rows(self) -> list[dict]:
        return self._rows

    def columns(self) -> list[str] | None:
        return self._columns

    def table(self):  # export has no table format; emit is never asked for one
        raise NotImplementedError

    def markdown(self) -> str:
        raise NotImplementedError
