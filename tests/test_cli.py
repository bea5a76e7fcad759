import csv
import io
import json
import os
import subprocess
import sys

import pytest
from conftest import FIXTURE_LIB
from typer.testing import CliRunner

from chipcmp.cli.commands import app


def test_compare_csv_has_a_ratio_for_each_shared_metric(run_fixture):
    result = run_fixture("compare", "beta-y2", "alpha-x1", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    by_key = {(r["metric"], r["chip"]): r for r in rows}
    # beta-y2 is the first chip, so the baseline; alpha-x1 ÷ beta-y2
    bf16 = by_key[("bf16", "alpha-x1")]
    assert bf16["unit"] == "TFLOPS" and bf16["sparsity"] == "dense"
    # beta-y2 dense figures: 80–90 (unspecified) and 120 (dense) -> 80..120
    assert float(bf16["ratio_low"]) == pytest.approx(100 / 120)
    assert float(bf16["ratio_high"]) == pytest.approx(100 / 80)
    mem = by_key[("memory_capacity", "alpha-x1")]
    assert float(mem["ratio_low"]) == pytest.approx(80 / 68.719476736)
    # a metric only one chip publishes has no ratio
    assert by_key[("tdp", "alpha-x1")]["ratio_low"] == ""
    # numbers are plain numbers, the unit lives in its own column
    assert float(by_key[("memory_bandwidth", "alpha-x1")]["low"]) == 2000


def test_compare_shipped_library_csv(run):
    result = run("compare", "huawei-ascend-910b", "nvidia-a100-sxm4-80gb", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    a100 = {r["metric"]: r for r in rows if r["chip"] == "nvidia-a100-sxm4-80gb"}
    b910 = {r["metric"]: r for r in rows if r["chip"] == "huawei-ascend-910b"}
    assert float(a100["bf16"]["low"]) == 312  # NVIDIA datasheet, dense
    for metric, row in a100.items():
        if b910[metric]["low"] and row["low"] and metric != "process_node":
            assert row["ratio_low"] and row["ratio_high"], metric


def test_table_names_sources_and_marks_qualifiers(run_fixture):
    result = run_fixture("compare", "alpha-x1", "Y2")
    out = result.stdout
    assert result.exit_code == 0, result.output
    assert "Alpha X1 datasheet" in out and "https://example.com/beta-y2" in out
    assert "80–90 [2] ?" in out and "120 [3] ≠" in out  # both values, each sourced, each marked
    assert "≠ sources disagree" in out and "? the source does not say dense or sparse" in out
    assert "β published with binary prefixes" in out
    assert "0.80–1.20×" in out


def test_sparse_figure_is_never_shown_as_dense(run_fixture):
    result = run_fixture("compare", "alpha-x1", "beta-y2", "--metrics", "bf16,fp8", "--format", "json")
    doc = json.loads(result.stdout)
    cells = {(r["metric"], c["chip"]): c for r in doc["rows"] for c in r["cells"]}
    assert cells[("bf16", "alpha-x1")]["low"] == 100  # not the sparse 200
    fp8 = cells[("fp8", "beta-y2")]
    assert fp8["low"] is None and fp8["note"] == "sparse figure only"
    assert all(v["sparsity"] != "sparse" for c in cells.values() for v in c["values"])
    sparse = json.loads(run_fixture("compare", "alpha-x1", "beta-y2", "--sparsity", "sparse",
                                    "-m", "bf16,fp8", "-f", "json").stdout)
    cells = {(r["metric"], c["chip"]): c for r in sparse["rows"] for c in r["cells"]}
    assert cells[("bf16", "alpha-x1")]["low"] == 200
    assert cells[("fp8", "beta-y2")]["low"] == 400
    assert cells[("bf16", "beta-y2")]["note"] == "dense figure only"


def test_compare_markdown(run_fixture):
    result = run_fixture("compare", "alpha-x1", "beta-y2", "-m", "tdp,memory_bandwidth", "-f", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0] == "**chipcmp compare — dense figures**"
    assert lines[2] == "| Metric | Unit | Alpha X1 | Beta Y2 |"
    assert lines[3] == "| --- | --- | --- | --- |"
    # rows follow the order the user asked for; each ratio row names its divisor
    assert lines[4] == "| TDP | W | 400 [1] | — |"
    assert lines[5] == "| Memory bandwidth | GB/s | 2,000 [1] | 1,600 [2] ~ |"
    assert lines[6] == "| ÷ X1 |  | baseline | 0.80× |"


def test_baseline_option(run_fixture):
    doc = json.loads(run_fixture("compare", "alpha-x1", "beta-y2", "--baseline", "beta-y2",
                                 "-m", "memory_bandwidth", "-f", "json").stdout)
    assert doc["baseline"] == "beta-y2"
    cell = doc["rows"][0]["cells"][0]
    assert cell["chip"] == "alpha-x1" and cell["ratio"] == [1.25, 1.25]


@pytest.mark.parametrize("name", ["alpha-x1", "ALPHA-X1", "x1", "alpha x1", "Alpha 一号"])
def test_names_resolve_by_id_or_alias(run_fixture, name):
    result = run_fixture("show", name, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["chip"]["id"] == "alpha-x1"


def test_unknown_chip_lists_close_matches(run_fixture):
    result = run_fixture("compare", "alpha-x2", "beta-y2")
    assert result.exit_code == 1
    assert "unknown chip 'alpha-x2'" in result.stderr
    assert "close matches: alpha-x1" in result.stderr
    assert "Traceback" not in result.output


def test_ambiguous_name_is_an_error(tmp_path, run):
    chips = tmp_path / "chips"
    chips.mkdir()
    for stem, alias in (("gamma-a", "Gamma A"), ("gamma-b", "Gamma B")):
        (chips / f"{stem}.yaml").write_text(
            f"id: {stem}\nname: {stem}\nvendor: G\ncountry: US\nkind: chip\naliases: [{alias}]\n"
            "sources:\n  s: {url: 'https://example.com', accessed: 2026-11-21, tier: press}\n"
            "specs:\n  tdp: {value: 1 W, source: s}\n", encoding="utf-8")
    result = run("--specs", str(tmp_path), "show", "gamma")
    assert result.exit_code == 1
    assert "'gamma' is ambiguous" in result.stderr
    assert "gamma-a, gamma-b" in result.stderr
    assert run("--specs", str(tmp_path), "show", "GAMMA_b", "-f", "json").exit_code == 0


def test_usage_errors_exit_2(run_fixture):
    result = run_fixture("compare", "alpha-x1", "beta-y2", "--metrics", "bf17")
    assert result.exit_code == 2
    assert "did you mean 'bf16'" in result.output
    assert run_fixture("compare", "alpha-x1", "--format", "xml").exit_code == 2
    assert run_fixture("compare", "alpha-x1").exit_code == 2


def test_list_filters_and_formats(run_fixture):
    rows = list(csv.DictReader(io.StringIO(run_fixture("list", "--country", "cn", "-f", "csv").stdout)))
    assert [r["id"] for r in rows] == ["beta-y2", "beta-y2-lite"]
    items = json.loads(run_fixture("list", "--vendor", "ALPHA", "-f", "json").stdout)["items"]
    assert [i["id"] for i in items] == ["alpha-x1"] and items[0]["values"] == 5
    table = run_fixture("list").stdout
    assert "Alpha X1" in table and "Beta Y2 Lite" in table


def test_show_lists_every_value_source_and_claim(run_fixture):
    doc = json.loads(run_fixture("show", "beta-y2", "-f", "json").stdout)
    assert len(doc["values"]) == 5
    # dense 120 and unspecified 80–90 are different claims about sparsity, not a conflict
    assert doc["conflicts"] == []
    assert {v["source"]["id"] for v in doc["values"]} == {"beta-launch", "beta-analyst"}
    assert "beta-y2-90pct-of-alpha" in {c["id"] for c in doc["claims"]}
    table = run_fixture("show", "beta-y2").stdout
    assert "64 GiB" in table and "68.72" in table  # as published, and converted
    assert "beta-y2-90pct-of-alpha" in table


def test_export_long_keeps_provenance(run_fixture):
    published = list(csv.DictReader(io.StringIO(run_fixture("export", "--published-only").stdout)))
    assert len(published) == 11
    rows = list(csv.DictReader(io.StringIO(run_fixture("export").stdout)))
    row = next(r for r in rows if r["chip"] == "beta-y2" and r["metric"] == "memory_capacity")
    assert row["published"] == "64 GiB" and row["unit"] == "GB" and row["origin"] == "published"
    assert row["source_url"] == "https://example.com/beta-y2" and row["source_tier"] == "press"
    assert row["line"] == "17"
    # A computed figure has no source of its own: it names its inputs and their sources.
    per_watt = next(r for r in rows if r["chip"] == "alpha-x1" and r["metric"] == "bf16_per_watt"
                    and r["sparsity"] == "dense")
    assert per_watt["origin"] == "derived" and per_watt["source_id"] == "" and per_watt["line"] == ""
    assert float(per_watt["low"]) == 100 / 400 * 1000
    assert "BF16 100 TFLOPS ÷ TDP 400 W" in per_watt["derived"]
    assert per_watt["sources"] == "Alpha — Alpha X1 datasheet [vendor]"


def test_export_wide_has_one_column_pair_per_metric_as_compare_reads_it(run_fixture):
    rows = list(csv.DictReader(io.StringIO(run_fixture("export", "--layout", "wide").stdout)))
    alpha = next(r for r in rows if r["id"] == "alpha-x1")
    beta = next(r for r in rows if r["id"] == "beta-y2")
    assert (alpha["bf16_tflops_low"], alpha["bf16_sparsity"]) == ("100.0", "dense")  # never the sparse 200
    # beta-y2 has a dense 120 and an unstated 80–90: the dense figure comes first
    assert (beta["bf16_tflops_low"], beta["bf16_tflops_high"], beta["bf16_sparsity"]) == ("120.0", "120.0", "dense")
    assert beta["fp8_tflops_low"] == "" and beta["fp8_sparsity"] == ""  # only a sparse figure: none
    assert alpha["memory_bandwidth_gb_s_low"] == "2000.0"


def test_export_wide_full_columns_carry_sparsity_and_units(run_fixture):
    rows = list(csv.DictReader(io.StringIO(run_fixture("export", "--layout", "wide-full").stdout)))
    alpha = next(r for r in rows if r["id"] == "alpha-x1")
    assert alpha["bf16_dense_tflops_low"] == "100.0"
    assert alpha["bf16_sparse_tflops_low"] == "200.0"
    assert alpha["memory_bandwidth_gb_s_low"] == "2000.0"
    beta = next(r for r in rows if r["id"] == "beta-y2")
    assert beta["bf16_unspecified_tflops_low"] == "80.0" and beta["bf16_unspecified_tflops_high"] == "90.0"
    doc = json.loads(run_fixture("export", "-f", "json", "--layout", "wide-full").stdout)
    assert doc["version"] == 1 and doc["layout"] == "wide-full"


def test_export_to_file_is_atomic(run_fixture, tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("precious", encoding="utf-8")
    result = run_fixture("export", "-o", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("chip,chip_name,vendor,country,kind,released,metric")
    assert not list(tmp_path.glob(".out.csv.*"))


def test_export_error_leaves_existing_file(run, tmp_path):
    from conftest import BAD

    target = tmp_path / "out.csv"
    target.write_text("precious", encoding="utf-8")
    result = run("--specs", str(BAD), "export", "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "precious"


def test_specs_env_var(run, monkeypatch):
    monkeypatch.setenv("CHIPCMP_SPECS", str(FIXTURE_LIB))
    assert "alpha-x1" in run("list", "-f", "csv").stdout


@pytest.mark.parametrize("argv, env, expected", [
    (["chipcmp", "--help"], {}, "Usage"),
    (["chipcmp"], {"_CHIPCMP_COMPLETE": "complete_bash", "COMP_WORDS": "chipcmp compare nvidia-h",
                   "COMP_CWORD": "2"}, "nvidia-h100-sxm5"),
])
def test_help_and_completion_import_no_heavy_modules(argv, env, expected):
    """What runs on every tab press must not load pint, yaml or Rich tables."""
    code = (f"import sys; sys.argv={argv!r}\n"
            "from chipcmp.cli.commands import app\n"
            "try: app()\nexcept SystemExit: pass\n"
            "print('LOADED:', *[m for m in ('pint', 'yaml', 'rich.table') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, **env})
    assert expected in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "LOADED:"


def test_python_dash_m(tmp_path):
    out = subprocess.run([sys.executable, "-m", "chipcmp", "--specs", str(FIXTURE_LIB), "list", "-f", "csv"],
                         capture_output=True, text=True, cwd=tmp_path, check=False)
    assert out.returncode == 0 and "alpha-x1" in out.stdout


def _complete(words: str, shell: str = "bash") -> list[str]:
    """What the shell gets back on a tab press after `words`."""
    env = {"_CHIPCMP_COMPLETE": f"complete_{shell}", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
           "_TYPER_COMPLETE_ARGS": words}
    result = CliRunner().invoke(app, [], env=env, prog_name="chipcmp")
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_completion_of_a_chip_id_prefix_returns_the_matching_ids(monkeypatch):
    monkeypatch.setenv("CHIPCMP_SPECS", str(FIXTURE_LIB))
    assert _complete("chipcmp compare beta") == ["beta-y2", "beta-y2-lite"]
    assert _complete("chipcmp show alpha") == ["alpha-x1"]
    assert _complete("chipcmp compare alpha-x1 zzz") == []
    # shipped library: every NVIDIA Hopper-generation id and nothing else
    monkeypatch.delenv("CHIPCMP_SPECS")
    assert _complete("chipcmp compare nvidia-h") == [
        "nvidia-h100-sxm5", "nvidia-h20", "nvidia-h200-sxm", "nvidia-h800-sxm5"]


def test_completion_offers_aliases_once_the_library_was_loaded(run, monkeypatch):
    monkeypatch.setenv("CHIPCMP_SPECS", str(FIXTURE_LIB))
    assert _complete("chipcmp compare y2") == []  # no cache yet: ids only, no YAML on a key press
    assert run("--specs", str(FIXTURE_LIB), "list").exit_code == 0
    assert _complete("chipcmp compare y2") == ["y2", "y2lite"]
    assert _complete("chipcmp compare Y2") == ["Y2", "Y2lite"]  # the typed start is kept
    assert run("--specs", str(FIXTURE_LIB), "show", "Y2lite", "-f", "csv").exit_code == 0


def test_completion_of_commands_options_and_metrics():
    assert "compare" in _complete("chipcmp comp") and "controls" in _complete("chipcmp co")
    assert _complete("chipcmp compare --spa") == ["--sparsity"]
    found = _complete("chipcmp compare a100 h100 -m bf16,fp")
    assert found[:7] == [
        "bf16,fp64", "bf16,fp64_tensor", "bf16,fp32", "bf16,fp16", "bf16,fp16_vector", "bf16,fp8", "bf16,fp4"]
    assert "bf16,fp8_per_watt" in found  # derived metrics complete too
