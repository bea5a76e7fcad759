"""Machine-readable output: CSV that spreadsheets cannot misread, JSON and JSON Lines."""

from __future__ import annotations

import csv
import io
import json

FORMAT_VERSION = 1

# A spreadsheet treats a cell starting with these as a formula; a leading
# apostrophe makes it plain text (the OWASP "CSV injection" advice).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def to_csv(rows: list[dict], columns: list[str] | None = None) -> str:
    columns = columns or (list(rows[0]) if rows else [])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe_cell(clean_numbers(v)) for k, v in row.items()})
    return buffer.getvalue()


def clean_numbers(value):
    """Floats without binary noise: 0.72, not 0.7200000000000001 (12 significant digits)."""
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, dict):
        return {k: clean_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_numbers(v) for v in value]
    return value


def to_json(document) -> str:
    return json.dumps(clean_numbers(document), indent=2, ensure_ascii=False) + "\n"


def to_json_lines(rows: list[dict]) -> str:
    """One JSON object per line, each row on its own: what pandas.read_json(lines=True) reads."""
    return "".join(json.dumps(clean_numbers(row), ensure_ascii=False) + "\n" for row in rows)
