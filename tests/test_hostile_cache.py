"""A cache that cannot lie: a record that does not decode is read from YAML; a model change is a new key."""

from __future__ import annotations

import json
from dataclasses import make_dataclass

from conftest import FIXTURE_LIB

from chipcmp.data import cache
from chipcmp.data.loader import discover


def _cached_doc():
    path = cache._cache_file(FIXTURE_LIB)
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_a_record_that_does_not_decode_falls_back_to_yaml(run_fixture):
    assert run_fixture("list").exit_code == 0  # writes the cache
    path, doc = _cached_doc()
    doc["chips"]["alpha-x1"] = json.dumps({"id": "alpha-x1", "bogus": True})
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = run_fixture("show", "alpha-x1", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["chip"]["name"] == "Alpha X1"


def test_a_change_to_the_record_model_invalidates_the_cache(run_fixture, monkeypatch):
    assert run_fixture("list").exit_code == 0
    files, _ = discover([FIXTURE_LIB])
    assert cache.read(FIXTURE_LIB, files) is not None
    changed = make_dataclass("Chip", [("id", str), ("new_field", int)])
    monkeypatch.setattr("chipcmp.model.Chip", changed)
    assert cache.read(FIXTURE_LIB, files) is None
