"""Claim verdicts, derived metrics, export-control rules, systems, rank and gap."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_LIB

from chipcmp.data.conditions import ConditionError, evaluate, parse


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- the condition language ----------------------------------------------------

def test_conditions_use_three_valued_logic_over_intervals():
    rule = parse("tpp >= 4800 or (tpp >= 1600 and performance_density >= 5.92)")
    assert evaluate(rule, {"tpp": (4992, 4992)}.get).value is True  # PD not needed
    unknown = evaluate(rule, {"tpp": (2368, 2368)}.get)
    assert unknown.value is None and unknown.missing == {"performance_density"}
    assert evaluate(rule, {"tpp": (2368, 2368), "performance_density": (2.9, 2.9)}.get).value is False
    chain = parse("2400 <= tpp < 4800")
    assert evaluate(chain, {"tpp": (4800, 4800)}.get).value is False  # upper bound is strict
    straddle = evaluate(chain, {"tpp": (4700, 4900)}.get)
    assert straddle.value is None and straddle.straddles == ["tpp 4700–4900 < 4800"]
    assert evaluate(parse("not tpp < 10"), {"tpp": (20, 30)}.get).value is True


@pytest.mark.parametrize("text, message", [
    ("tpp >=", "ends where"),
    ("tpp", "not compared"),
    ("(tpp > 1", "missing ')'"),
    ("tpp > 1 2", "unexpected '2'"),
    ("tpp == 3", "cannot read '== 3'"),
    ('__import__("os").system("x") > 1', "cannot read"),
])
def test_conditions_reject_anything_but_comparisons(text, message):
    with pytest.raises(ConditionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(text)


# -- claim verdicts --------------------------------------------------------------

def test_check_gives_every_verdict_kind_on_fixture_claims(run_fixture):
    doc = {d["claim"]: d for d in _json(run_fixture("check", "-f", "json"))}
    assert {d["verdict"] for d in doc.values()} == {
        "consistent", "specs-exceed-claim", "claim-exceeds-specs", "not-checkable"}
    # Beta publishes 80–90 (sparsity unstated) and 120 (dense); Alpha 100: an interval, not a number.
    consistent = doc["beta-y2-90pct-of-alpha"]
    assert consistent["verdict"] == "consistent" and consistent["version"] == 1
    assert consistent["implied"] == [0.8, 1.2] and consistent["claimed"] == [0.8, 0.9]
    assert {f["source"]["id"] for f in consistent["subject_figures"]} == {"beta-launch", "beta-analyst"}
    assert doc["beta-y2-half-of-alpha"]["verdict"] == "specs-exceed-claim"
    assert doc["beta-y2-half-of-alpha"]["tolerance"] == 0.10  # "~" widens the claim by 10%
    assert doc["beta-y2-triple-alpha"]["verdict"] == "claim-exceeds-specs"
    assert doc["beta-y2-triple-alpha"]["accepted"] == [pytest.approx(2.94), pytest.approx(3.06)]
    reasons = {k: d["reason"] for k, d in doc.items() if d["verdict"] == "not-checkable"}
    assert reasons["beta-y2-sparse-bf16-vs-alpha"].startswith("different sparsity")
    assert reasons["beta-y2-power-vs-alpha"].startswith("metric unpublished")
    assert reasons["beta-y2-2x-alpha-on-resnet"] == (
        "about a workload (ResNet-50 training throughput) with no phase: give it phase training, "
        "prefill, decode, inference or peak to check it against the specs")


def test_check_in_csv_and_table_and_by_chip(run_fixture):
    rows = list(csv.DictReader(io.StringIO(run_fixture("check", "beta-y2-triple-alpha", "-f", "csv").stdout)))
    assert len(rows) == 1 and rows[0]["verdict"] == "claim-exceeds-specs"
    assert float(rows[0]["implied_high"]) == 1.2
    assert rows[0]["subject_sources"] == "https://example.com/beta-y2 | Some Analyst — Beta Y2 teardown (2024-01) [analyst]"
    table = run_fixture("check", "Y2", "-f", "markdown").stdout  # a chip name selects its claims
    assert "beta-y2-half-of-alpha" in table and "specs-exceed-claim" in table
    assert "https://example.com/beta-y2" in table  # footnoted sources of the figures
    missing = run_fixture("check", "beta-y2-trippel-alpha")
    assert missing.exit_code == 1 and "beta-y2-triple-alpha" in missing.output


def test_check_covers_every_shipped_claim(run):
    doc = _json(run("check", "-f", "json"))
    assert len(doc) == 27
    verdicts = {d["claim"]: d["verdict"] for d in doc}
    assert verdicts["ascend-910b-tpp-above-h20-bernstein"] == "consistent"
    assert verdicts["cloudmatrix-384-vs-gb200-nvl72-bf16"] == "consistent"
    assert verdicts["ascend-910c-60pct-of-h100-inference-deepseek"] == "consistent-with-ceiling"
    assert verdicts["ascend-910b-above-a100-theoretically-semianalysis"] == "consistent"  # phase: peak


# -- derived metrics ---------------------------------------------------------------

def test_derived_metrics_in_compare_carry_their_inputs(run_fixture):
    doc = _json(run_fixture("compare", "alpha-x1", "beta-y2", "-m", "tpp,bf16_per_watt,bf16_ridge",
                            "-f", "json"))
    rows = {r["metric"]: {c["chip"]: c for c in r["cells"]} for r in doc["rows"]}
    alpha_tpp = rows["tpp"]["alpha-x1"]
    assert alpha_tpp["low"] == alpha_tpp["high"] == 1600  # 100 dense TFLOPS × 16 bits
    (value,) = alpha_tpp["values"]
    assert value["origin"] == "derived" and value["source"] is None
    assert [(i["chip"], i["metric"], i["source"]["id"]) for i in value["inputs"]] == [
        ("alpha-x1", "bf16", "alpha-sheet")]
    # Beta: 80–90 (unstated) and 120 (dense) → TPP spans 1280–1920; the sparse FP8 never counts.
    beta_tpp = rows["tpp"]["beta-y2"]
    assert (beta_tpp["low"], beta_tpp["high"]) == (1280, 1920)
    assert "unspecified-sparsity" in beta_tpp["flags"]
    assert rows["bf16_per_watt"]["alpha-x1"]["low"] == 250  # GFLOPS/W
    assert rows["bf16_per_watt"]["beta-y2"]["values"] == []  # no TDP, no per-watt figure
    assert rows["bf16_ridge"]["alpha-x1"]["low"] == 50  # 100 TFLOPS ÷ 2 TB/s = 50 FLOP/byte


def test_spec_files_cannot_state_a_derived_metric_but_tpp_is_a_plain_number(tmp_path, run):
    lib = tmp_path / "lib"
    shutil.copytree(FIXTURE_LIB, lib)
    path = lib / "chips" / "alpha-x1.yaml"
    path.write_text(path.read_text() + "  bf16_per_watt: {value: 250, source: alpha-sheet}\n"
                    "  tpp: {value: 5000 TFLOPS, source: alpha-sheet}\n")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"{path}:18: specs: 'bf16_per_watt' is computed by chipcmp from other metrics; "
        "write the published figures it comes from instead",
        f"{path}:19: specs.tpp: TPP is a plain number, e.g. 4,800, not '5000 TFLOPS'",
    ]


# -- export-control rules ----------------------------------------------------------

def test_controls_classify_the_nvidia_china_parts_under_both_rules(run):
    chips = ["nvidia-a100-sxm4-80gb", "nvidia-a800-sxm4-80gb", "nvidia-h100-sxm5",
             "nvidia-h800-sxm5", "nvidia-h20"]
    doc = _json(run("controls", *chips, "-f", "json"))
    found = {(d["chip"], d["rule"]): d for d in doc}
    expected = {
        "nvidia-a100-sxm4-80gb": ("3A090.a", "3A090.a"),
        "nvidia-a800-sxm4-80gb": (None, "3A090.a"),  # 400 GB/s NVLink: outside the 2022 test
        "nvidia-h100-sxm5": ("3A090.a", "3A090.a"),
        "nvidia-h800-sxm5": (None, "3A090.a"),
        "nvidia-h20": (None, None),  # TPP 2368 and PD 2.9: below both rules
    }
    for chip, (old, new) in expected.items():
        assert found[(chip, "us-3a090-2022")]["class"] == old, chip
        assert found[(chip, "us-3a090-2023")]["class"] == new, chip
    assert found[("nvidia-a100-sxm4-80gb", "us-3a090-2023")]["tpp"] == [4992, 4992]  # 624 INT8 × 8
    assert found[("nvidia-h20", "us-3a090-2023")]["tpp"] == [2368, 2368]
    assert found[("nvidia-h20", "us-3a090-2023")]["pd"] == [pytest.approx(2368 / 814)] * 2


def test_controls_say_what_is_missing(run, tmp_path):
    # The MLU590 has Bernstein's published TPP (4,493) but no die area.
    (doc,) = _json(run("controls", "mlu590", "--rule", "us-3a090-2023", "-f", "json"))
    assert doc["class"] == "undetermined"
    assert doc["missing"] == ["die_area"] and doc["basis"]["tpp"] == "published"
    lib = tmp_path / "lib"
    shutil.copytree(FIXTURE_LIB, lib, ignore=shutil.ignore_patterns("rules"))
    shutil.copytree(Path(__file__).parent.parent / "specs" / "rules", lib / "rules")
    (lib / "chips" / "alpha-x1.yaml").write_text((lib / "chips" / "alpha-x1.yaml").read_text().replace(
        "sparsity: dense", "sparsity: sparse"))
    (doc,) = _json(run("--specs", str(lib), "controls", "alpha-x1", "--rule", "us-3a090-2023", "-f", "json"))
    assert doc["missing"] == ["dense throughput (any precision)", "die_area"]


@pytest.mark.parametrize("metric, value", [("int8", "600 TOPS"), ("fp16", "300 TFLOPS")])
def test_federal_register_example_reaches_4800(tmp_path, run, metric, value):
    """BIS's own example: 600 TOPS at 8 bits (or 300 TFLOPS at 16 bits) meets 4800."""
    lib = tmp_path / "lib"
    shutil.copytree(FIXTURE_LIB, lib, ignore=shutil.ignore_patterns("rules"))
    shutil.copytree(FIXTURE_LIB.parent.parent.parent / "specs" / "rules", lib / "rules")
    (lib / "chips" / "example-chip.yaml").write_text(f"""id: example-chip
name: Example
vendor: Example
country: US
kind: chip
sources:
  fr: {{publisher: BIS, title: worked example, accessed: 2026-11-21, tier: regulator}}
specs:
  {metric}: {{value: {value}, sparsity: dense, source: fr}}
""")
    (doc,) = _json(run("--specs", str(lib), "controls", "example-chip", "--rule", "us-3a090-2023",
                       "-f", "json"))
    assert doc["tpp"] == [4800, 4800] and doc["class"] == "3A090.a"


def test_a_new_rule_file_takes_effect_without_code(tmp_path, run):
    lib = tmp_path / "lib"
    shutil.copytree(FIXTURE_LIB, lib, ignore=shutil.ignore_patterns("rules"))
    (lib / "rules").mkdir()
    (lib / "rules" / "test-rule.yaml").write_text("""id: test-rule
name: A made-up rule
jurisdiction: XX
published: 2026-01-01
source: gazette
classes:
  - {class: tier-1, when: tpp >= 1500 and memory_bandwidth >= 1000}
  - {class: tier-2, when: bf16_per_watt >= 100}
sources:
  gazette: {publisher: Gazette, title: Rule text, accessed: 2026-11-21, tier: regulator}
""")
    doc = {d["chip"]: d for d in _json(run("--specs", str(lib), "controls", "-f", "json"))}
    assert doc["alpha-x1"]["class"] == "tier-1"  # TPP 1600, 2 TB/s
    assert doc["beta-y2"]["class"] == "undetermined"  # TPP 1280–1920 straddles 1500
    assert "tpp 1280–1920 >= 1500" in doc["beta-y2"]["reason"]
    # Lite publishes only TDP: the figures each undecided class lacks, at the published level.
    assert doc["beta-y2-lite"]["missing"] == ["bf16", "dense throughput (any precision)", "memory_bandwidth"]


def test_a_broken_rule_condition_is_a_located_error(tmp_path, run):
    rules = tmp_path / "lib" / "rules"
    rules.mkdir(parents=True)
    (rules / "bad-rule.yaml").write_text("""id: bad-rule
name: Bad
jurisdiction: XX
published: 2026-01-01
source: gazette
classes:
  - class: a
    when: tpp >= 1500 and performance_densty >= 2
sources:
  gazette: {publisher: Gazette, title: Rule text, accessed: 2026-11-21, tier: regulator}
""")
    result = run("validate", str(tmp_path / "lib"))
    assert result.exit_code == 1
    assert "bad-rule.yaml:8: classes.when: unknown metric 'performance_densty'; " \
           "did you mean 'performance_density'?" in result.output


# -- systems -----------------------------------------------------------------------

def test_systems_sum_their_parts_beside_published_figures(run):
    doc = _json(run("compare", "cloudmatrix-384", "gb200-nvl72", "-m", "bf16,tdp", "-f", "json"))
    cells = {(r["metric"], c["chip"]): c for r in doc["rows"] for c in r["cells"]}
    cm = cells[("bf16", "huawei-cloudmatrix-384")]
    summed = [v for v in cm["values"] if v["origin"] == "aggregate"]
    assert {v["sparsity"] for v in summed} == {"dense", "unspecified"}  # kept apart, per sparsity
    assert all(v["derived"].startswith("sum of parts: 384 × Huawei Ascend 910C") for v in summed)
    assert {i["chip"] for v in summed for i in v["inputs"]} == {"huawei-ascend-910c"}


def test_a_system_far_from_the_sum_of_its_parts_is_flagged(tmp_path, run):
    lib = tmp_path / "lib"
    shutil.copytree(FIXTURE_LIB, lib)
    (lib / "chips" / "gamma-pod.yaml").write_text("""id: gamma-pod
name: Gamma Pod
vendor: Alpha
country: US
kind: system
parts: [{chip: alpha-x1, count: 4}]
sources:
  pod: {publisher: Alpha, title: Pod brochure, accessed: 2026-11-21, tier: vendor}
specs:
  bf16: {value: 380 TFLOPS, sparsity: dense, source: pod}
  tdp: {value: 2 kW, source: pod}
""")
    doc = _json(run("--specs", str(lib), "compare", "gamma-pod", "alpha-x1", "-m", "bf16,tdp",
                    "-f", "json"))
    cells = {r["metric"]: r["cells"][0] for r in doc["rows"]}
    assert [(v["origin"], v["low"]) for v in cells["bf16"]["values"]] == [
        ("published", 380), ("aggregate", 400)]  # 5% apart: within the 10% tolerance
    assert "parts-differ" not in cells["bf16"]["flags"]
    # 4 × 400 W = 1.6 kW against the published 2 kW: 20% apart, flagged, both kept.
    assert [(v["origin"], v["low"]) for v in cells["tdp"]["values"]] == [
        ("published", 2000), ("aggregate", 1600)]
    assert "parts-differ" in cells["tdp"]["flags"]
    shown = _json(run("--specs", str(lib), "show", "gamma-pod", "-f", "json"))["sums_over_parts"]
    assert [(s["metric"], s["sparsity"], s["low"], s["gap"]) for s in shown] == [
        ("bf16", "dense", 400, pytest.approx(20 / 380)), ("bf16", "sparse", 800, None),
        ("memory_capacity", None, 320, None), ("memory_bandwidth", None, 8000, None),
        ("tdp", None, 1600, -0.2)]


def test_mixing_systems_and_chips_is_said(run):
    out = run("compare", "cloudmatrix-384", "910c", "-m", "bf16").stdout
    assert "systems and single chips side by side" in out


# -- rank and gap --------------------------------------------------------------------

def test_rank_orders_by_the_conservative_end(run_fixture):
    rows = list(csv.DictReader(io.StringIO(run_fixture("rank", "--by", "bf16", "-f", "csv").stdout)))
    assert [r["chip"] for r in rows] == ["alpha-x1", "beta-y2"]  # 100 vs 80–120
    per_watt = list(csv.DictReader(io.StringIO(
        run_fixture("rank", "--by", "bf16", "--per", "watt", "-f", "csv").stdout)))
    assert [(r["chip"], r["low"], r["unit"]) for r in per_watt] == [("alpha-x1", "250.0", "GFLOPS/W")]
    bad = run_fixture("rank", "--by", "memory_capacity", "--per", "watt")
    assert bad.exit_code == 2 and "no metric 'memory_capacity_per_watt'" in bad.output


def test_gap_finds_the_earliest_matching_nvidia_chip(run):
    doc = _json(run("gap", "mtt-s80", "--metric", "fp32", "-f", "json"))
    assert doc["figure"] == [14.4, 14.4]
    # the V100 SXM2 (2017, 15.7 TFLOPS FP32) is the earliest NVIDIA part the library has that reaches it
    assert doc["match"]["chip"] == "nvidia-tesla-v100-sxm2" and doc["years"] == 5.4
    text = run("gap", "910b").stdout
    # the 910B is dated 2022 only, so the years between count whole years
    assert "earliest NVIDIA match: NVIDIA H100" in text and "NVIDIA reached it in the same year" in text
