"""The commented template `chipcmp new` writes for a chip, card, module or system."""

from __future__ import annotations

import re
from pathlib import Path

from .schema import TIERS

PLACEHOLDER = "TODO"

_HEADER = f"""\
# A new chipcmp record. Replace every {PLACEHOLDER} with what the source publishes,
# delete the line of any figure the vendor does not publish (never estimate one),
# then run `chipcmp validate`. Field reference: `chipcmp schema` and CONTRIBUTING.md.
"""

_SPECS = f"""\
specs:
  # Throughputs need a sparsity: dense, sparse (2:4 structured) or unspecified
  # (the source does not say). Several sources for one metric: write a list.
  bf16: {{value: {PLACEHOLDER} TFLOPS, source: datasheet, sparsity: dense}}
  fp16: {{value: {PLACEHOLDER} TFLOPS, source: datasheet, sparsity: dense}}
  int8: {{value: {PLACEHOLDER} TOPS, source: datasheet, sparsity: dense}}
  memory_capacity: {{value: {PLACEHOLDER} GB, source: datasheet}}  # GiB if the source says GiB
  memory_bandwidth: {{value: {PLACEHOLDER} GB/s, source: datasheet}}
  tdp: {{value: {PLACEHOLDER} W, source: datasheet}}
  # More metrics (fp8, fp32, die_area, process_node ...): `chipcmp metrics`.
"""


def vendor_folder(vendor: str) -> str:
    """Folder name for a vendor, as in specs/chips/: lower-case letters and digits."""
    return re.sub(r"[^a-z0-9]", "", vendor.casefold()) or "other"


def new_record(record_id: str, vendor: str, kind: str, accessed: str, modeline: str,
               country: str | None = None) -> str:
    """YAML text that fails validation until every placeholder is filled in."""
    parts = (f"parts:  # what the system is built from\n"
             f"  - {{chip: {PLACEHOLDER}, count: {PLACEHOLDER}}}\n") if kind == "system" else ""
    return (
        f"{modeline}\n{_HEADER}"
        f"id: {record_id}  # equal to the file name\n"
        f"name: {PLACEHOLDER}  # the product name as the vendor writes it\n"
        f"vendor: {_quoted(vendor)}\n"
        f"country: {country or PLACEHOLDER}  # ISO 3166-1 alpha-2 code of the vendor, e.g. US or CN\n"
        f"kind: {kind}  # chip | card | module | system\n"
        f"released: {PLACEHOLDER}  # YYYY, YYYY-MM or YYYY-MM-DD; delete if unpublished\n"
        f"aliases:  # other names people use for it; delete the list if there are none\n"
        f"  - {PLACEHOLDER}\n"
        f"{parts}"
        f"notes: >-\n"
        f"  {PLACEHOLDER}: what the record covers, and what a reader should know about its sources.\n"
        f"sources:\n"
        f"  datasheet:  # a short id of your choosing; each value names one\n"
        f"    title: {PLACEHOLDER}\n"
        f"    publisher: {_quoted(vendor)}\n"
        f"    url: {PLACEHOLDER}  # the page you actually read\n"
        f"    published: {PLACEHOLDER}  # delete if the source is undated\n"
        f"    accessed: {accessed}\n"
        f"    tier: vendor  # {' | '.join(TIERS)}\n"
        f"{_SPECS}"
    )


def _quoted(text: str) -> str:
    """A YAML scalar for free text: quoted only when YAML would misread it."""
    reserved = text.casefold() in ("true", "false", "yes", "no", "on", "off", "null")
    if re.fullmatch(r"[A-Za-z][\w .&()-]*", text) and not text.endswith(" ") and not reserved:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_template(record_id: str, vendor: str, kind: str, country: str | None,
                   output: Path | None, directory: str | Path | None, today: str) -> Path:
    """Write a new record's template where it belongs (or to `output`); never overwrite.

    Refuses a bad id or country (UsageError), an id already in the library, and
    the library installed inside the package, which is not for editing.
    """
    from ..errors import ChipcmpError, UsageError
    from .files import write_new
    from .json_schema import modeline
    from .library import default_specs_dir, record_ids, specs_dir
    from .schema import COUNTRY_PATTERN, ID_PATTERN

    if not re.match(ID_PATTERN, record_id):
        raise UsageError(f"ID: {record_id!r}: use lower-case letters, digits and '-'")
    if country and not re.match(COUNTRY_PATTERN, country):
        raise UsageError(f"--country: {country!r} is not an ISO code such as US or CN")
    root = specs_dir(directory)
    if output is None:
        if root == default_specs_dir() and root.parent.name == "chipcmp":
            raise ChipcmpError("the library installed with chipcmp is not for editing; pass --specs DIR "
                               "(your own library, e.g. the specs/ folder of a source checkout: "
                               "git clone, then pip install -e '.[test]') or -o FILE")
        folder = "systems" if kind == "system" else "chips"
        output = root / folder / vendor_folder(vendor) / f"{record_id}.yaml"
    if record_id in record_ids(directory):
        raise ChipcmpError(f"{record_id!r} is already a record in {root}")
    text = new_record(record_id, vendor, kind, today, modeline(output.absolute(), root.absolute()), country)
    write_new(output, text)
    return output
