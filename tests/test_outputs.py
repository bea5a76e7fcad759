"""What chipcmp writes for other tools: charts, SVG pictures, Markdown, typed CSV and JSON."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES

CHART = ("chart", "bf16", "alpha-x1", "beta-y2", "beta-y2-lite")


def test_chart_bars_scale_mark_the_baseline_and_cite_sources(run_fixture):
    result = run_fixture(*CHART, "-f", "markdown")
    assert result.exit_code == 0, result.output
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ") for line in result.stdout.splitlines()
            if line.startswith("| ") and "---" not in line}
    # 30 cells for the largest figure (beta-y2's 120): alpha-x1's 100 fills 25, the baseline mark sits there
    assert rows["alpha-x1"][1] == "`" + "█" * 25 + "┃" + " " * 4 + "`"
    # beta-y2: 80 solid (the low end), shaded on to 120 (a range and a disagreeing source)
    assert rows["beta-y2"][1] == "`" + "█" * 20 + "░" * 5 + "┃" + "░" * 4 + "`"
    assert rows["beta-y2"][2] == "80–90 [2] ? / 120 [3] ≠" and rows["beta-y2"][3].startswith("0.80–1.20×")
    assert "— (not published)" in rows["beta-y2-lite"][2]
    assert "[1] Alpha — Alpha X1 datasheet [vendor]" in result.stdout
    assert "┃ alpha-x1's figure" in result.stdout


def test_chart_never_puts_a_sparse_figure_beside_a_dense_one(run_fixture):
    result = run_fixture("chart", "bf16", "alpha-x1", "beta-y2", "--sparsity", "sparse", "-f", "markdown")
    assert "BF16 (TFLOPS, sparse)" in result.stdout
    assert "200 [1]" in result.stdout and "— (dense figure only)" in result.stdout


def test_chart_in_the_terminal_fits_its_width(run_fixture):
    result = run_fixture(*CHART)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 160 for line in lines)
    assert any(line.startswith("alpha-x1") and "█" in line and "baseline" in line for line in lines)


@pytest.mark.parametrize("command", [
    ("compare", "alpha-x1", "beta-y2"),
    ("check",),
    ("controls", "alpha-x1"),
    CHART,
])
def test_svg_is_what_the_terminal_shows(run_fixture, tmp_path, command):
    picture = tmp_path / "out.svg"
    result = run_fixture(*command, "--svg", str(picture))
    assert result.exit_code == 0, result.output
    root = ET.parse(picture).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = "".join(root.itertext()).replace("\xa0", " ")
    printed = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert printed[0] in text and printed[-1] in text  # the title and the last footnote


def test_svg_needs_the_table_format_and_writes_nothing_otherwise(run_fixture, tmp_path):
    picture = tmp_path / "out.svg"
    result = run_fixture("compare", "alpha-x1", "beta-y2", "-f", "json", "--svg", str(picture))
    assert result.exit_code == 2 and not picture.exists()


MARKDOWN = [
    ("list",), ("show", "alpha-x1"), ("compare", "alpha-x1", "beta-y2"), ("claims",), ("check",),
    ("controls", "alpha-x1"), ("rank", "--by", "bf16"), ("gap", "beta-y2", "--vs", "Alpha"), ("metrics",),
    CHART, ("crosscheck", "epoch", str(FIXTURES / "epoch_sample.csv")),
]


@pytest.mark.parametrize("command", MARKDOWN, ids=lambda c: c[0])
def test_every_table_has_a_markdown_form(run, command):
    specs = [] if command[0] == "crosscheck" else ["--specs", str(FIXTURES / "lib")]
    result = run(*specs, *command, "-f", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| "))
    assert re.fullmatch(r"\|( --- \|)+", lines[header + 1])
    def cells(line):
        return len(re.findall(r"(?<!\\)\|", line))

    assert all(cells(line) == cells(lines[header]) for line in lines[header:] if line.startswith("| "))


def _number_or_empty(text: str) -> bool:
    return text == "" or isinstance(float(text), float)


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_csv_export_loads_with_the_csv_module_and_is_typed(run, layout):
    result = run("export", "--layout", layout)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) > 40
    numeric = [c for c in rows[0] if c in ("low", "high", "line") or c.endswith(("_low", "_high"))]
    assert numeric
    for row in rows:
        assert all(_number_or_empty(row[c]) for c in numeric)
        assert not any(v.startswith(("=", "+", "@")) for v in row.values())
    if layout == "long":
        assert {r["approximate"] for r in rows} <= {"true", "false"}
        assert all(r["low"] == "" or float(r["low"]) <= float(r["high"]) for r in rows)
        assert all(re.fullmatch(r"\d{4}(-\d\d){0,2}", r["source_accessed"]) for r in rows if r["source_id"])
        assert all(r["sources"] for r in rows)  # no figure without a source


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_json_export_loads_with_the_json_module_and_is_typed(run, layout):
    doc = json.loads(run("export", "-f", "json", "--layout", layout).stdout)
    assert doc["version"] == 1 and doc["layout"] == layout
    for item in doc["items"]:
        for key, value in item.items():
            if key in ("low", "high") or key.endswith(("_low", "_high")):
                assert value is None or isinstance(value, float), (key, value)
        if layout == "long":
            assert isinstance(item["approximate"], bool)
            assert isinstance(item["line"], int) if item["origin"] == "published" else item["line"] is None
            assert item["low"] is None or item["low"] <= item["high"]


def test_comparison_json_is_typed(run_fixture):
    doc = json.loads(run_fixture("compare", "alpha-x1", "beta-y2", "-f", "json").stdout)
    assert doc["version"] == 1 and doc["baseline"] == "alpha-x1"
    bf16 = next(r for r in doc["rows"] if r["metric"] == "bf16")
    beta = next(c for c in bf16["cells"] if c["chip"] == "beta-y2")
    assert beta["low"] == 80.0 and beta["high"] == 120.0 and beta["ratio"] == [0.8, 1.2]
    assert isinstance(beta["flags"], list) and all(isinstance(v["source"], dict) for v in beta["values"])


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_json_lines_export_is_one_typed_row_per_line_like_csv(run, layout):
    lines = run("export", "-f", "jsonl", "--layout", layout).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    rows = list(csv.DictReader(io.StringIO(run("export", "--layout", layout).stdout)))
    assert len(records) == len(rows) > 40
    assert list(records[0]) == list(rows[0])  # the same columns, in the same order
    for record, row in zip(records, rows):
        assert (record["low"] if layout == "long" else record["id"]) == (
            (float(row["low"]) if row["low"] else None) if layout == "long" else row["id"])


@pytest.mark.parametrize("command", [("export", "-o"), ("compare", "alpha-x1", "beta-y2", "--svg"),
                                     ("roofline", "alpha-x1", "-o")])
def test_an_unwritable_path_is_an_error_not_a_traceback(run_fixture, tmp_path, command):
    if command[0] == "roofline":
        pytest.importorskip("matplotlib")
    target = tmp_path / "no-such-folder" / ("out.png" if command[0] == "roofline" else "out.svg")
    result = run_fixture(*command, str(target))
    assert result.exit_code == 1 and f"cannot write {target}" in result.stderr
    assert not target.parent.exists()


def test_svg_is_light_for_print_by_default_and_dark_on_request(run_fixture, tmp_path):
    light, dark = tmp_path / "light.svg", tmp_path / "dark.svg"
    assert run_fixture("compare", "alpha-x1", "beta-y2", "--svg", str(light)).exit_code == 0
    assert run_fixture("compare", "alpha-x1", "beta-y2", "--svg", str(dark), "--svg-theme", "dark").exit_code == 0
    light_text, dark_text = light.read_text(encoding="utf-8"), dark.read_text(encoding="utf-8")
    assert 'fill="#ffffff"' in light_text and 'fill="#ffffff"' not in dark_text
    assert '"Noto Sans Mono CJK SC"' in light_text  # a CJK fallback for Chinese names
