"""Contributing a chip: the JSON Schema, spec-file modelines and `chipcmp new`."""

import json
import re

import jsonschema
import pytest
import yaml
from conftest import FIXTURE_LIB

from chipcmp.data.json_schema import FILE_NAME, MODELINE_PREFIX, build, render
from chipcmp.data.library import default_specs_dir

SPECS = default_specs_dir()


class EditorLoader(yaml.SafeLoader):
    """Reads YAML the way yaml-language-server (YAML 1.2) does: dates stay strings."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_errors(text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(build())
    return [e.message for e in validator.iter_errors(yaml.load(text, Loader=EditorLoader))]


def test_schema_is_valid_and_the_shipped_copy_is_current(run):
    jsonschema.Draft202012Validator.check_schema(build())
    shipped = (SPECS / FILE_NAME).read_text(encoding="utf-8")
    assert shipped == render(), "specs/chipcmp.schema.json is stale: run chipcmp schema -o specs/chipcmp.schema.json"
    printed = run("schema")
    assert printed.exit_code == 0 and json.loads(printed.stdout) == build()
    claim_only = json.loads(run("schema", "--kind", "claim").stdout)
    assert claim_only["$ref"] == "#/$defs/claim"


def test_every_shipped_file_passes_the_schema_and_points_at_it():
    files = sorted(SPECS.rglob("*.yaml"))
    assert len(files) > 70
    for path in files:
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first.startswith(MODELINE_PREFIX), path
        target = (path.parent / first.removeprefix(MODELINE_PREFIX)).resolve()
        assert target == (SPECS / FILE_NAME).resolve(), path
        assert schema_errors(text) == [], path


@pytest.mark.parametrize("good, typo", [
    ("vendor: Alpha", "vendr: Alpha"),  # top-level field
    ("tier: vendor}", "teir: vendor}"),  # a source's field
    ("sparsity: dense,", "sparsty: dense,"),  # a value's field
    ("  bf16:", "  bf61:"),  # a metric key
])
def test_a_misspelt_field_is_caught_by_schema_and_validate_alike(run, tmp_path, good, typo):
    original = (FIXTURE_LIB / "chips" / "alpha-x1.yaml").read_text(encoding="utf-8")
    assert good in original and schema_errors(original) == []
    broken = tmp_path / "alpha-x1.yaml"
    broken.write_text(original.replace(good, typo, 1), encoding="utf-8")
    misspelt = typo.split(":")[0].strip()
    errors = schema_errors(broken.read_text(encoding="utf-8"))
    assert any(repr(misspelt) in e for e in errors), errors
    result = run("--specs", str(FIXTURE_LIB), "validate", str(broken))
    assert result.exit_code == 1
    line = 1 + original.splitlines().index(next(x for x in original.splitlines() if good in x))
    assert re.search(rf"alpha-x1.yaml:{line}: .*{misspelt!r}", result.stderr), result.stderr


FILLED = {  # what a contributor would read off a (here invented) datasheet
    "name: TODO": "name: Acme X1",
    "country: TODO": "country: US",
    "released: TODO": "released: 2026-03",
    "  - TODO": "  - X1",
    "  TODO: what": "  Test record: what",
    "title: TODO": "title: X1 datasheet",
    "url: TODO": "url: https://example.com/x1.pdf",
    "published: TODO": "published: 2026-03-01",
    "bf16: {value: TODO": "bf16: {value: 500",
    "fp16: {value: TODO": "fp16: {value: 500",
    "int8: {value: TODO": "int8: {value: 1000",
    "memory_capacity: {value: TODO": "memory_capacity: {value: 96",
    "memory_bandwidth: {value: TODO": "memory_bandwidth: {value: 3200",
    "tdp: {value: TODO": "tdp: {value: 600",
}


def test_new_then_fill_in_then_validate(run, tmp_path):
    library = tmp_path / "specs"
    (library / "chips").mkdir(parents=True)
    (library / FILE_NAME).write_text(render(), encoding="utf-8")
    result = run("--specs", str(library), "new", "acme-x1", "--vendor", "Acme")
    assert result.exit_code == 0, result.output
    path = library / "chips" / "acme" / "acme-x1.yaml"
    template = path.read_text(encoding="utf-8")
    assert template.startswith(MODELINE_PREFIX + "../../" + FILE_NAME)

    unfilled = run("--specs", str(library), "validate")
    assert unfilled.exit_code == 1
    assert "acme-x1.yaml:6: record.name: fill in the TODO placeholder" in unfilled.stderr

    filled = template
    for placeholder, value in FILLED.items():
        assert placeholder in filled, placeholder
        filled = filled.replace(placeholder, value)
    assert not [line for line in filled.splitlines() if "TODO" in line.split("#")[0]]
    path.write_text(filled, encoding="utf-8")
    result = run("--specs", str(library), "validate")
    assert result.exit_code == 0, result.stderr
    assert "1 chip(s), 6 value(s)" in result.stdout
    assert schema_errors(filled) == []
    shown = run("--specs", str(library), "show", "x1", "-f", "json")
    values = {v["metric"]: v for v in json.loads(shown.stdout)["values"]}
    assert values["memory_bandwidth"]["low"] == 3200 and values["bf16"]["sparsity"] == "dense"


def test_new_never_overwrites_and_checks_its_arguments(run, tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    taken = run("new", "acme-x1", "--vendor", "Acme", "-o", str(target))
    assert taken.exit_code == 1 and "not overwritten" in taken.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"
    existing = run("--specs", str(FIXTURE_LIB), "new", "alpha-x1", "--vendor", "Alpha")
    assert existing.exit_code == 1 and "already a record" in existing.stderr
    assert run("new", "Acme_X1", "--vendor", "Acme").exit_code == 2
    assert run("new", "acme-x1", "--vendor", "Acme", "--country", "usa").exit_code == 2
    system = run("new", "acme-pod", "--vendor", "Acme", "--kind", "system", "-o", str(tmp_path / "p.yaml"))
    assert system.exit_code == 0 and "parts:" in (tmp_path / "p.yaml").read_text(encoding="utf-8")
