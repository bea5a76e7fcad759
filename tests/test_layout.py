"""What a reader sees at 80, 100 and 120 columns: exact text, and nothing split inside a value.

The expected files in tests/expected/ are the reviewed output on the fixture
library. After a deliberate change to a layout, regenerate them with
`CHIPCMP_WRITE_EXPECTED=1 python -m pytest tests/test_layout.py` and read the diff.
"""

import json
import os
import re
from pathlib import Path

import pytest
from conftest import FIXTURE_LIB
from typer.testing import CliRunner

from chipcmp.cli.commands import app
from chipcmp.numbers import fmt_ratio

EXPECTED = Path(__file__).parent / "expected"
WIDTHS = (80, 100, 120)
COMMANDS = {
    "compare": ["compare", "alpha-x1", "beta-y2", "beta-y2-lite"],
    "check": ["check"],
    "controls": ["controls"],
    "claims": ["claims"],
    "list": ["list"],
    "rank": ["rank", "--by", "bf16"],
}


def _run(args, width: int):
    result = CliRunner().invoke(app, ["--specs", str(FIXTURE_LIB), *args, "--width", str(width)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_output_at_width_is_exactly_the_reviewed_text(name, width):
    out = _run(COMMANDS[name], width)
    expected = EXPECTED / f"{name}-{width}.txt"
    if os.environ.get("CHIPCMP_WRITE_EXPECTED"):
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_no_line_is_wider_than_asked_but_urls_and_no_value_is_split(name, width):
    out = _run(COMMANDS[name], width)
    for line in out.splitlines():
        assert len(line) <= width or line.strip().startswith("http"), line
    doc = json.loads(CliRunner().invoke(app, ["--specs", str(FIXTURE_LIB), *COMMANDS[name],
                                              "-f", "json"]).stdout)
    lines = out.splitlines()
    for token in TOKENS[name](doc):  # every id, ratio, verdict and class appears whole on a line
        assert any(re.search(rf"(^|\s){re.escape(token)}(\s|$)", line) for line in lines), token


TOKENS = {
    "compare": lambda doc: {fmt_ratio(c["ratio"]) for r in doc["rows"] for c in r["cells"]
                            if c["ratio"] and c["chip"] != doc["baseline"]},
    "check": lambda doc: {v["claim"] for v in doc} | {v["verdict"] for v in doc},
    "controls": lambda doc: {c["chip"] for c in doc} | {c["class"] for c in doc if c["class"]},
    "claims": lambda doc: {c["id"] for c in doc["items"]} | {c["ratio"] for c in doc["items"]},
    "list": lambda doc: {c["id"] for c in doc["items"]},
    "rank": lambda doc: {e["chip"] for e in doc["items"]},
}


def test_width_option_and_columns_both_set_the_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    wide = CliRunner().invoke(app, ["--specs", str(FIXTURE_LIB), "check"]).stdout
    assert max(len(line) for line in wide.splitlines() if not line.strip().startswith("http")) > 80
    narrow = CliRunner().invoke(app, ["--specs", str(FIXTURE_LIB), "check", "--width", "80"]).stdout
    assert narrow == _run(["check"], 80)


def test_a_width_below_the_minimum_is_a_usage_error_and_columns_are_clamped(monkeypatch):
    result = CliRunner().invoke(app, ["--specs", str(FIXTURE_LIB), "list", "--width", "10"])
    assert result.exit_code == 2 and "greater than or equal to 40" in result.output
    monkeypatch.setenv("COLUMNS", "10")  # a tiny terminal is not the user's mistake: clamped to 40
    out = CliRunner().invoke(app, ["--specs", str(FIXTURE_LIB), "list"]).stdout
    assert max(len(line) for line in out.splitlines()) <= 40 and "alpha-x1" in out


SHIPPED = {
    "compare": ["compare", "h20", "910b", "910c", "mlu590", "metax c500", "-m",
                "bf16,memory_capacity,memory_bandwidth,tdp"],
    "check": ["check"], "controls": ["controls"], "claims": ["claims"], "list": ["list"],
    "rank": ["rank", "--by", "bf16"],
}


@pytest.mark.parametrize("name", SHIPPED)
def test_the_shipped_library_at_80_columns_splits_nothing(name):
    result = CliRunner().invoke(app, [*SHIPPED[name], "--width", "80"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 or line.strip().startswith("http") for line in lines)
    doc = json.loads(CliRunner().invoke(app, [*SHIPPED[name], "-f", "json"]).stdout)
    for token in TOKENS[name](doc):
        assert any(re.search(rf"(^|\s){re.escape(token)}(\s|$)", line) for line in lines), token
