"""Library to results: figures, derived metrics, comparisons, verdicts, classes."""
