"""Workload claims: structured fields, spec ceilings, measurements, verdicts and the model page."""

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_LIB

from chipcmp.analysis import workload
from chipcmp.analysis.figures import Figures
from chipcmp.data.library import load_library

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs"))
model_page = pytest.importorskip("build_workload_model")

SOURCES = "sources:\n  s: {url: \"https://example.com/m\", accessed: 2026-12-02, tier: measured}\n"


def _claim(name: str, ratio: str, phase: str, extra: str = "") -> str:
    return (f"id: {name}\nsubject: beta-y2\nbaseline: alpha-x1\nworkload: a test workload\n"
            f"phase: {phase}\n{extra}ratio: \"{ratio}\"\nclaimed_by: Beta\nclaimed_on: 2024-03\n"
            f"source: s\n{SOURCES}")


@pytest.fixture
def library_dir(tmp_path):
    """The fixture library plus workload claims (beta ÷ alpha: BF16 0.8–1.2×, bandwidth 0.8×)."""
    root = tmp_path / "lib"
    shutil.copytree(FIXTURE_LIB, root)
    claims = root / "claims"
    (claims / "w-above.yaml").write_text(_claim("w-above", "2x", "training"))
    (claims / "w-below.yaml").write_text(_claim("w-below", "30%", "training"))
    (claims / "w-consistent.yaml").write_text(_claim("w-consistent", "70%", "decode"))
    (claims / "w-peak.yaml").write_text(_claim("w-peak", "3x", "peak", "precision: bf16\n"))
    (claims / "w-gaming.yaml").write_text(_claim("w-gaming", "~100%", "gaming"))
    return root


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_workload_verdicts_against_the_ceiling_widened_by_the_measured_scatter(run, library_dir):
    doc = {d["claim"]: d for d in _json(run("--specs", str(library_dir), "check", "-f", "json"))}
    # Training ceiling 0.8–1.2× (BF16); the band is 0.8 / 1.51 = 0.53 to 1.2 × 1.51 = 1.81.
    assert doc["w-above"]["verdict"] == "above-ceiling"
    assert doc["w-above"]["implied"] == [0.8, 1.2]
    assert doc["w-above"]["reason"] == ("the claimed 2x exceeds the training ceiling 0.80–1.20× (BF16) "
                                        "even ×1.51 for measured scatter: it needs an explanation the "
                                        "specs do not give")
    assert doc["w-below"]["verdict"] == "below-ceiling"
    assert doc["w-below"]["reason"].startswith("the training ceiling 0.80–1.20× (BF16) allows at least 0.53×")
    assert doc["w-consistent"]["verdict"] == "consistent-with-ceiling"
    assert doc["w-consistent"]["implied"] == [pytest.approx(0.8), pytest.approx(0.8)]  # 1.6 ÷ 2 TB/s
    assert doc["w-peak"]["verdict"] == "claim-exceeds-specs"  # peak: the metric verdicts, no scatter
    assert doc["w-gaming"]["verdict"] == "not-checkable"
    assert doc["w-gaming"]["reason"].startswith("phase gaming (a test workload): no published spec bounds it")


def test_every_workload_verdict_carries_its_assumptions(library_dir):
    from chipcmp.analysis.verdicts import check

    library = load_library(library_dir, use_cache=False)
    verdict = check(library.claims["w-consistent"], library, Figures(library))
    assert verdict.bound_by == ["memory_bandwidth"]
    assert verdict.assumptions[0].startswith("equal software maturity")
    assert "no sparsity: dense (or unstated) figures only, never 2:4-sparse" in verdict.assumptions
    assert "communication between chips ignored" in verdict.assumptions
    assert any(a.startswith("die vs package") for a in verdict.assumptions)


def test_h20_decode_ceiling_is_memory_bandwidth_with_both_sources(run):
    doc = _json(run("workload", "nvidia-h20", "nvidia-h100-sxm5", "--phase", "decode", "--format", "json"))
    assert doc["version"] == 1 and (doc["subject"], doc["baseline"]) == ("nvidia-h20", "nvidia-h100-sxm5")
    assert doc["phase"] == "decode" and doc["precision"] is None
    assert doc["bound_by"] == ["memory_bandwidth"]
    assert doc["ceiling"] == [pytest.approx(4000 / 3350)] * 2
    assert {(i["chip"], i["published"], i["source"]["publisher"]) for i in doc["inputs"]} == {
        ("nvidia-h20", "4.0 TB/s", "Tom's Hardware"), ("nvidia-h100-sxm5", "3.35 TB/s", "NVIDIA")}
    assert doc["measured"] == [] and "communication between chips ignored" in doc["assumptions"]


def test_h20_inference_claim_gets_a_verdict_with_assumptions(run):
    doc = _json(run("check", "nvidia-h20-20pct-faster-than-h100-llm-inference-semianalysis", "-f", "json"))
    (verdict,) = doc
    assert verdict["verdict"] == "consistent-with-ceiling"
    # inference with no phase: the span of the prefill (BF16 148 ÷ 989.4) and decode (4.0 ÷ 3.35) ceilings
    assert verdict["implied"] == [pytest.approx(148 / 989.4), pytest.approx(4000 / 3350)]
    from chipcmp.analysis.verdicts import check

    library = load_library(use_cache=False)
    result = check(library.claims[verdict["claim"]], library, Figures(library))
    assert "precision: the workload names none; BF16 assumed" in result.assumptions


def test_every_checkable_shipped_claim_gets_a_verdict_or_names_the_missing_figure():
    from chipcmp.analysis.verdicts import check

    library = load_library(use_cache=False)
    figures = Figures(library)
    checked = 0
    for claim in library.claims.values():
        if claim.phase in workload.CHECKABLE:
            verdict = check(claim, library, figures)
            checked += 1
            assert verdict.assumptions, claim.id
            if verdict.verdict == "not-checkable":
                assert verdict.reason.startswith("metric unpublished: no sourced dense"), claim.id
    assert checked == 6  # 2 training, 1 peak, 3 inference


def test_measured_ratios_and_fit_check_for_910c_vs_h100(run):
    doc = _json(run("workload", "910c", "h100", "--phase", "inference", "--precision", "int8",
                    "--model", "deepseek-r1", "-f", "json"))
    assert doc["ceiling"] == [pytest.approx(1504 / 1978.9), pytest.approx(3200 / 3350)]
    measured = {m["phase"]: m for m in doc["measured"]}
    assert measured["prefill"]["ratio"] == pytest.approx(6688 / (52300 / 8))
    assert measured["decode"]["ratio"] == pytest.approx(1943 / (22300 / 8))
    assert measured["decode"]["source"] == ["https://arxiv.org/abs/2506.12708",
                                            "https://lmsys.org/blog/2025-05-05-large-scale-ep"]
    fit = {f["chip"]: f for f in doc["fit"]}
    assert fit["huawei-ascend-910c"]["min_chips"] == [6, 6]  # 671 GB of INT8 weights ÷ 128 GB
    assert fit["nvidia-h100-sxm5"]["min_chips"] == [9, 9]
    unknown = run("workload", "910c", "h100", "--phase", "decode", "--model", "gpt-9")
    assert unknown.exit_code == 1 and "unknown model 'gpt-9'" in unknown.output


def test_a_missing_precision_falls_back_aloud_and_never_mixes(run):
    doc = _json(run("workload", "h800", "h100", "--phase", "prefill", "--precision", "fp8", "-f", "json"))
    (component,) = doc["components"]
    assert component["bound_by"] == "int8" and doc["ceiling"] == [pytest.approx(1979 / 1978.9)] * 2
    assert component["note"] == ("precision fallback: NVIDIA H800 SXM5 publishes no dense FP8 figure; "
                                 "both compared at INT8 instead")
    bad = run("workload", "h800", "h100", "--phase", "prefill", "--precision", "memory_bandwidth")
    assert bad.exit_code == 2 and "not a throughput metric" in bad.output


def test_systems_show_scale_up_bandwidth_beside_the_ceiling(run):
    doc = _json(run("workload", "huawei-cloudmatrix-384", "nvidia-gb200-nvl72", "--phase", "prefill", "-f", "json"))
    assert doc["ceiling"] is not None and doc["scale_up"]["bound_by"] == "interconnect_bandwidth"
    assert any(a.startswith("communication: scale-up") for a in doc["assumptions"])


def test_workload_table_csv_and_markdown(run):
    md = run("workload", "910c", "h100", "--phase", "decode", "-f", "markdown").stdout
    assert "| decode | Memory bandwidth | 0.96× |  |" in md and "measured 0.70×" in md
    rows = run("workload", "910c", "h100", "--phase", "decode", "-f", "csv").stdout.splitlines()
    assert rows[0] == "kind,phase,metric,low,high,detail,sources" and rows[2].startswith("measured,decode,")
    table = run("workload", "910c", "h100", "--phase", "decode")
    assert table.exit_code == 0 and "Assumptions" in table.stdout


def test_scatter_is_set_by_the_calibration_pairs_only():
    library = load_library(use_cache=False)
    checks = workload.validation(library, Figures(library))
    calibration = [c for c in checks if c.calibration]
    assert {(c.pair.subject.chip, c.pair.baseline.chip) for c in calibration} == {
        ("nvidia-h800-sxm5", "nvidia-h100-sxm5")}
    deviations = []
    for c in calibration:
        low, high = c.ceiling.ratio
        deviations.append(max(c.pair.ratio / high, low / c.pair.ratio))
    assert max(deviations) == pytest.approx(1 / (14800 / 22300), abs=0.001)  # decode: 0.664×
    assert workload.SCATTER - 0.01 < max(deviations) <= workload.SCATTER
    validating = [c for c in checks if not c.calibration]
    assert len(validating) == 6 and all(c.within for c in validating)


def test_the_workload_model_page_is_generated_from_the_library():
    committed = (ROOT / "docs" / "workload-model.md").read_text(encoding="utf-8")
    assert committed == model_page.render(), "docs/workload-model.md is stale: run python docs/build_workload_model.py"
    assert "| Huawei Ascend 910C ÷ NVIDIA H100 SXM5 80GB | DeepSeek-R1, decode | 0.697× | 0.96× (Memory bandwidth)" in committed
    assert "6 of 6 fall within ×/÷ 1.51 of the ceiling" in committed


def test_measurements_appear_in_show_and_export(run):
    shown = _json(run("show", "910c", "-f", "json"))
    assert {m["id"] for m in shown["measurements"]} == {
        "cloudmatrix-infer-ascend-910c-deepseek-r1-prefill", "cloudmatrix-infer-ascend-910c-deepseek-r1-decode"}
    table = run("show", "h100").stdout
    assert "measured results on record" in table and "sglang-h100-deepseek-v3-prefill" in table
    exported = _json(run("export", "-f", "json"))
    by_id = {m["id"]: m for m in exported["measurements"]}
    assert len(by_id) == 10
    sglang = by_id["sglang-h100-deepseek-v3-decode"]
    assert (sglang["value"], sglang["chips"], sglang["per_chip"]) == (22300, 8, 2787.5)
    assert sglang["run_by"] == "independent" and sglang["source"]["url"].startswith("https://lmsys.org")


def test_measurements_and_models_survive_the_cache(run):
    cold = _json(run("--no-cache", "export", "-f", "json"))["measurements"]
    run("list")  # writes the cache
    warm = _json(run("export", "-f", "json"))["measurements"]
    assert warm == cold
    assert _json(run("claims", "-f", "json"))["items"][0].keys() >= {"phase", "precision", "model"}


@pytest.mark.parametrize("body, line, message", [
    ("chip: nobody\n", 3, "measurement.chip: unknown chip 'nobody'"),
    ("metric: tokens_per_s\n", 7, "measurement: tokens_per_s is a total; say how many chips ran"),
    ("metric: mfu\nvalue: 45\n", 8, "measurement.value: mfu is a fraction (0.45), not a percentage"),
    ("precision: bf17\n", 6, "measurement.workload.precision: 'bf17' is not a throughput metric; "
     "did you mean 'bf16'?"),
    ("value: lots\n", 8, "measurement.value: 'lots' is not a positive number (e.g. 6688, 0.45, 671B)"),
    ("run_by: nvidia\n", 11, "measurement.run_by: 'nvidia' is not one of vendor, independent, audited"),
    ("total_params: 37B\nactive_params: 671B\n", 10, "measurement.workload.model.active_params: more than total_params"),
])
def test_bad_measurements_are_reported_with_file_and_line(run, tmp_path, body, line, message):
    fields = {"chip": "alpha-x1", "metric": "tokens_per_s_per_chip", "value": "6688", "precision": "int8",
              "run_by": "vendor", "total_params": "671B", "active_params": "37B"}
    for entry in body.strip().splitlines():
        key, value = entry.split(": ")
        fields[key] = value
    text = (f"id: m1\n"
            f"# measured\nchip: {fields['chip']}\nworkload:\n  phase: decode\n  precision: {fields['precision']}\n"
            f"  model:\n    name: M\n    total_params: {fields['total_params']}\n    active_params: {fields['active_params']}\n"
            f"metric: {fields['metric']}\nvalue: {fields['value']}\nharness: H\ndate: 2025-06\n"
            f"run_by: {fields['run_by']}\nsource: s\n{SOURCES}")
    if "total_params" not in body:  # keep the model lines fixed so the line numbers hold
        text = text.replace("  model:\n    name: M\n    total_params: 671B\n    active_params: 37B\n", "")
    folder = tmp_path / "measurements"
    folder.mkdir()
    path = folder / "m1.yaml"
    path.write_text(text)
    result = run("--specs", str(FIXTURE_LIB), "validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:{line}: {message}" in result.output, result.output
