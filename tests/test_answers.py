"""Answers a reader asks for: names as people type them, usage errors, every format, exports for pandas."""

import csv
import io
import json

import pytest
from conftest import FIXTURE_LIB

SHIPPED_FORMATS = ["table", "csv", "json", "markdown"]
COMMANDS = [
    ("list",), ("show", "alpha-x1"), ("compare", "alpha-x1", "beta-y2"), ("chart", "bf16", "alpha-x1", "beta-y2"),
    ("claims",), ("check",), ("controls",), ("rank", "--by", "bf16"), ("gap", "beta-y2", "--vs", "Alpha"),
    ("metrics",), ("workload", "beta-y2", "alpha-x1", "--phase", "decode"),
]


@pytest.mark.parametrize("format", SHIPPED_FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_prints_every_format(run_fixture, command, format):
    result = run_fixture(*command, "-f", format)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if format == "json":
        doc = json.loads(out)
        items = doc if isinstance(doc, list) else [doc]
        assert all(item["version"] == 1 for item in items)
    elif format == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows and len({len(r) for r in rows}) == 1  # a header, and every row as wide
    elif format == "markdown":
        assert out.startswith("**chipcmp") or out.startswith("| ") or out.startswith("**")
    else:
        assert out.strip() and "Traceback" not in out


@pytest.mark.parametrize("format", ["csv", "json", "jsonl"])
@pytest.mark.parametrize("layout", ["long", "wide", "wide-full", "measurements"])
def test_export_every_format_and_layout(run_fixture, format, layout):
    result = run_fixture("export", "-f", format, "--layout", layout)
    assert result.exit_code == 0, result.output
    if format == "json":
        assert json.loads(result.stdout)["layout"] == layout
    elif format == "jsonl":
        assert all(json.loads(line) for line in result.stdout.splitlines())
    else:
        assert next(csv.reader(io.StringIO(result.stdout)))[0] in ("chip", "id")


def test_an_empty_csv_still_has_its_header(run, tmp_path):
    (tmp_path / "chips").mkdir()
    (tmp_path / "chips" / "x.yaml").write_text(
        "id: x\nname: X\nvendor: V\ncountry: US\nkind: chip\n"
        "sources: {s: {publisher: V, title: T, accessed: 2026-11-21, tier: vendor}}\n"
        "specs: {tdp: {value: 10 W, source: s}}\n", encoding="utf-8")
    out = run("--specs", str(tmp_path), "claims", "-f", "csv").stdout
    assert out.startswith("id,subject,baseline,compares,") and out.count("\n") == 1
    out = run("--specs", str(tmp_path), "rank", "--by", "bf16", "-f", "csv").stdout
    assert out == "rank,chip,name,vendor,country,released,metric,low,high,unit,flags,sources\n"


@pytest.mark.parametrize("args, message", [
    (("list", "--kind", "gpu"), "--kind: unknown kind 'gpu'; use one of chip, card, module, system"),
    (("list", "--country", "China"), "--country: 'China' is not a two-letter ISO code"),
    (("list", "--vendor", "Jingjia"), "did you mean 'Jingjia Micro'?"),
    (("rank", "--by", "memory_type"), "--by: 'memory_type' is text (Memory type), which has no order"),
    (("rank", "--by", "bf16_per_watt", "--per", "watt"), "--per: 'bf16_per_watt' is already a ratio"),
    (("list", "--country", "ZZ"), "--country: no record from 'ZZ'"),
])
def test_bad_usage_is_an_error_never_an_empty_answer(run, args, message):
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr and "Value error" not in result.stderr
    assert f"Try 'chipcmp {args[0]} --help' for help." in result.stderr


@pytest.mark.parametrize("typed, chip", [
    ("c500", "metax-c500"), ("s4000", "moorethreads-mtt-s4000"), ("384", "huawei-cloudmatrix-384"),
])
def test_bare_model_numbers_resolve(run, typed, chip):
    result = run("show", typed, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["chip"]["id"] == chip


def test_a_series_name_with_several_records_lists_them(run):
    result = run("show", "jm9")
    assert result.exit_code == 1
    assert "'jm9' is ambiguous" in result.stderr and "jingjia-jm9231, jingjia-jm9271" in result.stderr


@pytest.mark.parametrize("typed, candidate", [
    ("cloudmatrix", "huawei-cloudmatrix-384"), ("l2", "nvidia-l20"), ("4090", "nvidia-geforce-rtx-4090-d"),
    ("rtx 4090", "nvidia-geforce-rtx-4090-d"),
])
def test_a_name_that_only_starts_a_record_is_never_taken_for_it(run, typed, candidate):
    # an L2 is not an L20, an RTX 4090 not an RTX 4090 D: name the candidate, never guess
    for command in (("show", typed), ("check", typed), ("compare", typed, "a100")):
        result = run(*command)
        assert result.exit_code == 1 and result.stdout == ""
        assert f"unknown chip {typed!r}; it starts the name of {candidate}" in result.stderr


def test_check_with_two_chips_checks_the_claims_between_them(run):
    doc = json.loads(run("check", "910b", "a100", "-f", "json").stdout)
    claims = {v["claim"] for v in doc}
    assert "ascend-910b-80pct-of-a100-llm-training-huawei" in claims
    assert all({v["subject"], v["baseline"]} == {"huawei-ascend-910b", "nvidia-a100-sxm4-80gb"} for v in doc)
    assert "ascend-910b-tpp-above-h20-bernstein" not in claims  # about the 910B, but not with the A100


def test_controls_classifies_a_system_by_its_parts(run):
    result = run("controls", "huawei-cloudmatrix-384", "-f", "json")
    doc = json.loads(result.stdout)
    assert {c["chip"] for c in doc} == {"huawei-ascend-910c"}
    table = run("controls", "CloudMatrix 384").stdout
    assert "huawei-cloudmatrix-384 is a system (384 × huawei-ascend-910c): the rule applies per chip" in table


def test_controls_explain_shows_the_arithmetic_for_both_rules(run):
    out = run("controls", "a800", "h20", "h100", "--explain").stdout
    assert "TPP = max over precisions: " in out and "= 4,989 [" in out  # the A800's BF16 311.8 × 16
    assert "3A090.a when interconnect_bandwidth >= 600 and tpp >= 4800:" in out  # the rule, and/or kept
    assert "interconnect_bandwidth 400 GB/s ≥ 600 GB/s → no [" in out  # why the 2022 rule missed it
    assert "tpp 2,368 ≥ 4,800 → no" in out  # the H20 under both rules
    assert "us-3a090-2022 → not caught" in out and "us-3a090-2023 → 3A090.a" in out


def test_rule_option_takes_any_unique_part_of_an_id(run):
    doc = json.loads(run("controls", "h100", "--rule", "2023", "-f", "json").stdout)
    assert [c["rule"] for c in doc] == ["us-3a090-2023"]
    bad = run("controls", "h100", "--rule", "3a090")
    assert bad.exit_code == 1 and "rule '3a090' is ambiguous" in bad.stderr


def test_metrics_lists_derived_metrics_with_their_formula(run):
    rows = {r["key"]: r for r in json.loads(run("metrics", "-f", "json").stdout)["items"]}
    assert rows["bf16_per_watt"]["computed"] and rows["bf16_per_watt"]["formula"] == "bf16 ÷ tdp"
    assert rows["tpp"]["formula"].startswith("max over precisions")
    assert not rows["bf16"]["computed"] and rows["bf16"]["formula"] == ""


def test_json_numbers_carry_no_float_noise(run):
    out = run("compare", "910b", "a100", "-m", "memory_bandwidth", "-f", "json").stdout
    assert "0000000" not in out and "9999999" not in out


def test_long_export_rows_say_where_each_value_lives(run_fixture):
    rows = list(csv.DictReader(io.StringIO(run_fixture("export", "--published-only").stdout)))
    alpha = next(r for r in rows if r["chip"] == "alpha-x1" and r["metric"] == "bf16")
    assert (alpha["country"], alpha["kind"], alpha["released"]) == ("US", "card", "2021-03")
    assert alpha["file"] == "chips/alpha-x1.yaml" and alpha["line"].isdigit()


def test_pandas_reads_the_wide_export_with_numbers_as_numbers(run):
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(io.StringIO(run("export", "--layout", "wide").stdout))
    chips = frame.set_index("id")
    for chip in ("huawei-ascend-910b", "nvidia-h20", "metax-c500"):
        assert chips.loc[chip, "bf16_tflops_low"] > 0, chip
    assert chips.loc["nvidia-h20", "bf16_sparsity"] == "dense"
    assert str(frame["bf16_tflops_low"].dtype) == "float64" and str(frame["tdp_w_low"].dtype) == "float64"
    long = pandas.read_csv(io.StringIO(run("export").stdout))
    assert str(long["line"].dtype) in ("float64", "Int64", "int64")  # empty for computed values
    assert str(long["low"].dtype) == "float64"
    lines = pandas.read_json(io.StringIO(run("export", "-f", "jsonl").stdout), lines=True)
    assert len(lines) == len(long) and str(lines["high"].dtype) == "float64"


def test_to_frame_gives_a_dataframe_of_the_rows():
    pytest.importorskip("pandas")
    import chipcmp

    frame = chipcmp.rank("bf16", vendor="Huawei").to_frame()
    assert list(frame["chip"])[:1] and set(frame["vendor"]) == {"Huawei"}
    assert "compare" in dir(chipcmp) and "export" in dir(chipcmp)


def test_completion_reads_specs_from_the_command_line(monkeypatch):
    from test_cli import _complete

    found = _complete(f"chipcmp --specs {FIXTURE_LIB} compare al")
    assert found == ["alpha-x1"]  # from the fixture library, not the shipped one
    assert _complete("chipcmp compare al") == []


def test_measurements_export_as_rows(run):
    rows = list(csv.DictReader(io.StringIO(run("export", "--layout", "measurements").stdout)))
    decode = next(r for r in rows if r["id"] == "cloudmatrix-infer-ascend-910c-deepseek-r1-decode")
    assert (decode["chip"], decode["phase"], float(decode["per_chip"])) == ("huawei-ascend-910c", "decode", 1943)
    assert decode["source_url"] == "https://arxiv.org/abs/2506.12708"


@pytest.mark.parametrize("args", [("compare", "h100"), ("compare", "h100", "H100 SXM5")])
def test_compare_needs_two_different_chips(run, args):
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert "give at least two different chips, or one chip and --baseline" in result.stderr
