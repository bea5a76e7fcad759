"""The rows of Epoch AI's ML hardware dataset that the library cites, shipped with chipcmp.

Sources published by Epoch AI name their rows in quotes (title or locator:
'row "Huawei Ascend 910B"'). `extract` copies exactly those rows, byte for byte,
from a full snapshot into epoch/epoch_rows.csv (CC-BY 4.0, see epoch/ATTRIBUTION.md),
so `crosscheck epoch` and a reader can re-check every database value offline.
Re-run it (tools/extract_epoch_rows.py) when the specs cite other rows.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ..model import Library, Source

SHIPPED = Path(__file__).parent / "epoch" / "epoch_rows.csv"
ATTRIBUTION = SHIPPED.parent / "ATTRIBUTION.md"
NAME_COLUMN = "Hardware name"
_QUOTED = re.compile(r'"([^"]+)"')


def is_epoch(source: Source) -> bool:
    return "epoch ai" in (source.publisher or "").casefold()


def row_names(source: Source) -> list[str]:
    """The row names a source cites: the quoted names in its title and locator."""
    return _QUOTED.findall(f"{source.title or ''} {source.locator or ''}")


def cited_rows(library: Library) -> dict[str, list[str]]:
    """Row name -> 'chip-id/source-id' of every Epoch AI source that cites it."""
    cited: dict[str, list[str]] = {}
    for chip in library.chips.values():
        for source in chip.sources.values():
            if is_epoch(source):
                for name in row_names(source):
                    cited.setdefault(name, []).append(f"{chip.id}/{source.id}")
    return cited


def shipped_names(path: Path = SHIPPED) -> list[str]:
    """The row names in the shipped CSV, in file order."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [row[NAME_COLUMN] for row in csv.DictReader(handle)]


def _records(text: str):
    """(raw text, fields) per CSV record, the raw text exactly as in the file (quoted newlines too)."""
    consumed: list[str] = []

    def lines():
        for line in text.splitlines(keepends=True):
            consumed.append(line)
            yield line

    for fields in csv.reader(lines()):
        yield "".join(consumed), fields
        consumed.clear()


def extract(snapshot: Path, names: set[str], out: Path = SHIPPED) -> list[str]:
    """Write the header and the rows named `names` from `snapshot` to `out`; returns names not found."""
    from .files import write_atomically

    records = _records(snapshot.read_text(encoding="utf-8-sig"))
    header_text, header = next(records)
    column = header.index(NAME_COLUMN)
    kept, found = [header_text], set()
    for raw, fields in records:
        if len(fields) > column and fields[column] in names:
            kept.append(raw)
            found.add(fields[column])
    write_atomically(out, "".join(kept))
    return sorted(names - found)


def attribution(names: list[str]) -> str:
    """ATTRIBUTION.md for the shipped rows (CC-BY 4.0 asks for it), naming each row."""
    import textwrap

    listed = ", ".join(f'"{n}"' for n in names[:-1]) + f' and "{names[-1]}"' if len(names) > 1 else f'"{names[0]}"'
    text = (f"`epoch_rows.csv` holds the {len(names)} rows of Epoch AI's \"Machine Learning Hardware\" "
            "dataset (snapshot of 2025-12-16), https://epoch.ai/data/machine-learning-hardware, that "
            "chipcmp's spec library cites. Licensed CC-BY 4.0 by Epoch AI. Unchanged apart from the "
            "selection of rows (each row, and the header, copied byte for byte): " + listed + ".")
    return (textwrap.fill(text, 88) + "\n\nTo refresh it after a spec file cites another row:\n"
            "`python tools/extract_epoch_rows.py epoch_ml_hardware_2025-12-16.csv`.\n")
