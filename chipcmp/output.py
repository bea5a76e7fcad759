"""Machine-readable output: CSV that spreadsheets cannot misread, JSON, atomic files."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

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
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def to_json(document) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_json_lines(rows: list[dict]) -> str:
    """One JSON object per line, each row on its own: what pandas.read_json(lines=True) reads."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write all or nothing: an error leaves an existing file as it was, and no half file."""
    path = Path(path)
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new(path: Path, text: str) -> None:
    """Create a file that must not exist yet (and its folders); never overwrite."""
    from .errors import ChipcmpError

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except FileExistsError:
        raise ChipcmpError(f"{path} already exists; not overwritten") from None
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _cannot_write(path: Path, exc: OSError):
    from .errors import ChipcmpError

    return ChipcmpError(f"cannot write {path}: {exc.strerror or exc}")


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
