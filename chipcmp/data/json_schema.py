"""A JSON Schema for spec, claim and rule files, generated from schema.py.

The validator (loader.py) and this schema read the same field tables, so an
editor using the schema and `chipcmp validate` accept the same field names.
The schema describes files as an editor's YAML 1.2 parser sees them: `2023`
is an integer, `2023-05-01` a string, `true` a boolean, `384` an integer.
It checks shape and field names; what only chipcmp can check (units, that a
`source` is declared, rule conditions, ids unique across files) stays with
`chipcmp validate`.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import schema
from ..metrics import CATALOGUE, WRITABLE

FILE_NAME = "chipcmp.schema.json"

_SCALAR_TYPES = {
    "text": {"type": ["string", "number"], "minLength": 1},
    "id": {"type": "string", "pattern": schema.ID_PATTERN},
    "date": {"anyOf": [{"type": "string", "pattern": schema.DATE_PATTERN},
                       {"type": "integer", "minimum": 1000, "maximum": 9999}]},
    "country": {"type": "string", "pattern": schema.COUNTRY_PATTERN},
    "bool": {"type": "boolean"},
    "count": {"type": "integer", "minimum": 1},
    "number": {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                         {"type": "string", "pattern": r"^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*[KMBT]?$"}]},
    "precision": {"enum": [m.key for m in CATALOGUE if m.throughput]},
    "model": {"$ref": "#/$defs/model"},
    "workload": {"$ref": "#/$defs/workload"},
    "url": {"type": "string", "pattern": r"^https?://\S+$"},
    "condition": {"type": "string", "minLength": 1},
    "aliases": {"type": "array", "items": {"type": ["string", "number"]}},
    "sources": {"$ref": "#/$defs/sources"},
    "parts": {"type": "array", "items": {"$ref": "#/$defs/part"}},
    "classes": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/rule_class"}},
}


def _field(field: schema.Field) -> dict:
    if field.type == "enum":
        body = {"enum": list(field.choices)}
    elif field.type == "specs":
        body = {"$ref": "#/$defs/specs"}
    else:
        body = dict(_SCALAR_TYPES[field.type])
    if field.help:
        body["description"] = field.help
    return body


def _object(fields: tuple[schema.Field, ...], title: str, omit: tuple[str, ...] = ()) -> dict:
    """A closed object: an unknown (misspelt) field name is an error."""
    fields = tuple(f for f in fields if f.name not in omit)
    return {
        "type": "object",
        "title": title,
        "properties": {f.name: _field(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def _specs() -> dict:
    """One property per writable metric; throughputs must say their sparsity."""
    properties = {}
    for metric in WRITABLE.values():
        value = "#/$defs/throughput_value" if metric.throughput else "#/$defs/value"
        unit = f" in {metric.unit} or any unit of that dimension" if metric.unit else ""
        if metric.computed:
            unit = ("; a sourced published figure (a plain number), kept beside the one chipcmp "
                    "derives")
        properties[metric.key] = {
            "description": f"{metric.label}: {metric.description}{unit}",
            "anyOf": [{"$ref": value},
                      {"type": "array", "minItems": 1, "items": {"$ref": value}}],
        }
    return {"type": "object", "properties": properties, "additionalProperties": False,
            "description": "metric -> value, or a list of values from different sources"}


def build(kind: str | None = None) -> dict:
    """The schema for one kind of file (hardware, claim, rule, measurement), or for all four."""
    throughput = _object(schema.VALUE_FIELDS, "a sourced throughput figure")
    throughput["required"] = [*throughput["required"], "sparsity"]
    defs = {
        "hardware": _object(schema.HARDWARE_FIELDS, "chip, card, module or system record"),
        "claim": _object(schema.CLAIM_FIELDS, "published claim"),
        "rule": _object(schema.RULE_FIELDS, "export-control rule"),
        "measurement": _object(schema.MEASUREMENT_FIELDS, "measured result"),
        "model": _object(schema.MODEL_FIELDS, "model a workload runs"),
        "workload": _object(schema.MEASUREMENT_WORKLOAD_FIELDS, "measured workload"),
        "sources": {
            "type": "object", "minProperties": 1,
            "propertyNames": {"pattern": schema.ID_PATTERN},
            "additionalProperties": {"$ref": "#/$defs/source"},
        },
        "source": {
            **_object(schema.SOURCE_FIELDS, "source"),
            "anyOf": [{"required": ["url"]}, {"required": ["publisher", "title"]}],
        },
        "value": _object(schema.VALUE_FIELDS, "a sourced figure", omit=("sparsity",)),
        "throughput_value": throughput,
        "specs": _specs(),
        "part": _object(schema.PART_FIELDS, "part of a system"),
        "rule_class": _object(schema.RULE_CLASS_FIELDS, "class of a rule"),
    }
    doc = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "chipcmp spec file" if kind is None else f"chipcmp {kind} file",
        "description": "Generated by `chipcmp schema` from chipcmp/schema.py; do not edit by hand.",
    }
    if kind is not None:
        return {**doc, "$ref": f"#/$defs/{kind}", "$defs": defs}
    # One file for every record kind: its marker fields say which it is
    # (the validator goes by folder instead: claims/, rules/, measurements/, anything else).
    return {
        **doc,
        "if": {"anyOf": [{"required": [k]} for k in ("subject", "claimed_by", "ratio")]},
        "then": {"$ref": "#/$defs/claim"},
        "else": {
            "if": {"anyOf": [{"required": [k]} for k in ("classes", "jurisdiction")]},
            "then": {"$ref": "#/$defs/rule"},
            "else": {
                "if": {"anyOf": [{"required": [k]} for k in ("run_by", "harness")]},
                "then": {"$ref": "#/$defs/measurement"},
                "else": {"$ref": "#/$defs/hardware"},
            },
        },
        "$defs": defs,
    }


def render(kind: str | None = None) -> str:
    import json

    return json.dumps(build(kind), indent=2, ensure_ascii=False) + "\n"


MODELINE_PREFIX = "# yaml-language-server: $schema="


def modeline(spec_file: Path, specs_root: Path) -> str:
    """The first line of a spec file: points YAML editors at the schema in specs/."""
    relative = os.path.relpath(specs_root / FILE_NAME, spec_file.parent)
    return MODELINE_PREFIX + Path(relative).as_posix()
