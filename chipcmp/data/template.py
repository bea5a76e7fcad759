"""The commented template `chipcmp new` writes for a chip, card, module or system."""

from __future__ import annotations

import re

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
