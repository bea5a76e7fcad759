"""Plausibility checks, value status and dates, published TPP (issue 13)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES

PLAUSIBILITY = FIXTURES / "plausibility"
STATUS = FIXTURES / "status"
RULES = Path(__file__).parent.parent / "specs" / "rules"

EXPECTED_WARNINGS = {
    "likely-sparse": [
        "chips/acme-s1.yaml:14: warning: specs.bf16: '200 TFLOPS' (sparsity unspecified) is 2× the "
        "dense '100 TFLOPS' of source acme-sheet: likely 2:4-sparse, so it is kept out of dense "
        "figures, ratios, TPP and PD; tag it sparse, or dense with a note if its source says so",
    ],
    "rounding": [
        "chips/acme-r1.yaml:13: warning: specs.bf16: '1 PFLOPS' is 1,024 TFLOPS (source acme-sheet) "
        "rounded to 1 significant digit: it must be marked approximate (approximate: true)",
    ],
    "parts": [
        "systems/acme-rack.yaml:15: warning: specs.memory_capacity: '500 GB' is above the sum over "
        "its parts (400 GB at the most): more memory than its parts have",
        "systems/acme-rack.yaml:18: warning: specs.tdp: '1.5 kW' is below the sum of its parts' TDP "
        "(2,000 W at the least): implausible for the whole system",
    ],
    "sparse-double": [
        "chips/nvidia-x1.yaml:12: warning: specs.fp8: sparse '3000 TFLOPS' is 3× the dense "
        "'1000 TFLOPS' of the same source; NVIDIA's 2:4 sparsity doubles the dense figure",
    ],
}


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _with_rules(tmp_path: Path, fixture: Path) -> Path:
    """A copy of a fixture library with the shipped export-control rules."""
    lib = tmp_path / fixture.name
    shutil.copytree(fixture, lib)
    shutil.copytree(RULES, lib / "rules")
    return lib


@pytest.mark.parametrize("fixture", sorted(EXPECTED_WARNINGS))
def test_each_plausibility_check_warns_at_its_line_and_strict_fails(run, fixture):
    lib = PLAUSIBILITY / fixture
    expected = [f"{lib}/{line}" for line in EXPECTED_WARNINGS[fixture]]
    result = run("--specs", str(lib), "validate")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == expected
    assert result.stdout.endswith(f", {len(expected)} warning(s)\n")
    strict = run("--specs", str(lib), "validate", "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines() == [line.replace(": warning: ", ": ") for line in expected] + [
        f"{len(expected)} problem(s) found"]


def test_a_rounding_marked_approximate_and_a_real_disagreement_are_not_flagged(run):
    # fp16 "~1 PFLOPS" is marked; TDP 350 W vs 400 W is more than a rounding apart.
    result = run("--specs", str(PLAUSIBILITY / "rounding"), "validate")
    assert [line.split(": ")[2] for line in result.stderr.splitlines()] == ["specs.bf16"]


def test_a_likely_sparse_figure_stays_out_of_tpp_dense_figures_and_ratios(run, tmp_path):
    lib = _with_rules(tmp_path, PLAUSIBILITY / "likely-sparse")
    doc = _json(run("--specs", str(lib), "compare", "acme-s0", "acme-s1", "-m", "bf16,tpp", "-f", "json"))
    bf16, tpp = doc["rows"]
    cell = bf16["cells"][1]
    assert (cell["low"], cell["high"], cell["ratio"]) == (100, 100, [2.0, 2.0])
    assert [v["published"] for v in cell["set_aside"]] == ["200 TFLOPS"]
    assert cell["set_aside"][0]["flags"] == ["likely-sparse"]
    assert "likely-sparse" in cell["flags"]
    assert (tpp["cells"][1]["low"], tpp["cells"][1]["high"]) == (1600, 1600)  # 100 × 16, not 3,200
    table = run("--specs", str(lib), "compare", "acme-s0", "acme-s1", "-m", "bf16").stdout
    assert "100 [2] ‡" in table and "‡ likely a 2:4-sparse figure" in table
    controls = _json(run("--specs", str(lib), "controls", "acme-s1", "--rule", "us-3a090-2023", "-f", "json"))[0]
    assert controls["tpp"] == [1600, 1600] and controls["basis"] == {"tpp": "derived",
                                                                     "performance_density": "derived"}
    assert [v["published"] for v in controls["set_aside"]] == ["200 TFLOPS"]
    assert controls["reason"].endswith("; likely 2:4-sparse figures kept out of TPP: bf16 '200 TFLOPS'")
    ranked = _json(run("--specs", str(lib), "rank", "--by", "bf16", "-f", "json"))["items"]
    assert [(r["chip"], r["high"]) for r in ranked] == [("acme-s1", 100), ("acme-s0", 50)]


def test_a_verdict_consistent_only_because_of_a_flagged_figure_says_so(run):
    doc = _json(run("--specs", str(PLAUSIBILITY / "parts"), "check", "-f", "json"))[0]
    assert doc["verdict"] == "consistent" and doc["implied"] == [1.2, 2.0]
    assert doc["without_flagged"] == "claim-exceeds-specs"
    assert [(f["chip"], f["published"], f["flags"]) for f in doc["flagged"]] == [
        ("acme-rack", "1.5 kW", ["below-parts"])]
    assert doc["reason"] == (
        "the implied 1.20–2.00× overlaps the claimed 2x (±2%); consistent only because of a figure "
        "that fails a plausibility check (Acme Rack tdp '1.5 kW' (below the sum of the system's "
        "parts)): without it, claim-exceeds-specs (the specs imply at most 1.2×, below the claimed "
        "2x even with ±2% tolerance)")


def test_flagged_values_stay_visible_in_show_and_export(run):
    doc = _json(run("--specs", str(PLAUSIBILITY / "parts"), "show", "acme-rack", "-f", "json"))
    assert [(v["published"], v["flags"]) for v in doc["values"]] == [
        ("400 GB", []), ("500 GB", ["above-parts"]), ("2.5 kW", []), ("1.5 kW", ["below-parts"])]


def test_a_claim_is_not_checked_against_a_published_tpp(run):
    (doc,) = _json(run("--specs", str(STATUS), "check", "acme-t1-tpp-vs-acme-t2", "-f", "json"))
    assert doc["verdict"] == "not-checkable"
    assert doc["reason"] == ("only a published TPP for Acme T1 (source analyst), none derived from its "
                             "specs; claims are checked against derived figures")


def test_check_and_gap_say_they_rest_on_planned_figures(run):
    check = _json(run("--specs", str(STATUS), "check", "acme-p9-90pct-of-nvidia-old", "-f", "json"))[0]
    assert check["not_shipping"] == ["planned"]
    assert check["reason"] == ("the implied 0.89× overlaps the claimed 90% (±2%); rests on planned "
                               "figures (a roadmap target), not a shipping part")
    assert check["subject_figures"][0]["status"] == "planned"
    gap = _json(run("--specs", str(STATUS), "gap", "acme-p9", "-f", "json"))
    assert (gap["date"], gap["date_kind"], gap["date_basis"]) == ("2026-06", "available", "available")
    assert (gap["match"]["chip"], gap["match"]["date"], gap["years"]) == ("nvidia-old", "2020-03", 6.3)
    assert gap["not_shipping"] == ["planned"]
    assert gap["note"] == ("dates used (available first): Acme P9: available 2026-06, NVIDIA Old: "
                           "available 2020-03; rests on planned figures (a roadmap target), not a "
                           "shipping part")
    text = run("--specs", str(STATUS), "gap", "acme-p9").stdout.splitlines()
    assert text[0] == "acme-p9 (available 2026-06): BF16 800 TFLOPS"
    assert text[2] == "earliest NVIDIA match: NVIDIA Old (available 2020-03): 900 TFLOPS"
    assert text[-1] == "note: rests on planned figures (a roadmap target), not a shipping part"


def test_gap_date_announced_uses_announcements(run):
    gap = _json(run("--specs", str(STATUS), "gap", "acme-p9", "--date", "announced", "-f", "json"))
    assert (gap["date"], gap["match"]["date"], gap["years"]) == ("2025-09-16", "2019-05", 6.4)
    assert gap["match"]["date_kind"] == "announced"
    bad = run("--specs", str(STATUS), "gap", "acme-p9", "--date", "shipped")
    assert bad.exit_code == 2


def test_compare_marks_planned_figures(run):
    doc = _json(run("--specs", str(STATUS), "compare", "acme-p9", "nvidia-old", "-m", "bf16", "-f", "json"))
    assert "not-shipping" in doc["rows"][0]["cells"][0]["flags"]
    assert "not-shipping" not in doc["rows"][0]["cells"][1]["flags"]
    table = run("--specs", str(STATUS), "compare", "acme-p9", "nvidia-old", "-m", "bf16").stdout
    assert "◇ planned or announced, not shipping" in table


def test_controls_use_a_published_tpp_only_when_none_can_be_derived(run, tmp_path):
    lib = _with_rules(tmp_path, STATUS)
    t1, t2, p9 = _json(run("--specs", str(lib), "controls", "acme-t1", "acme-t2", "acme-p9",
                           "--rule", "us-3a090-2023", "-f", "json"))
    assert t1["tpp"] == [4493, 4493] and t1["basis"]["tpp"] == "published"
    assert t1["class"] == "undetermined" and t1["published_beside"] == {}
    assert "; TPP is the published figure 4,493 (source analyst), as chipcmp cannot derive one " \
           "from published throughputs" in t1["reason"]
    assert t2["tpp"] == [4800, 4800] and t2["basis"]["tpp"] == "derived"  # 300 × 16
    assert [v["low"] for v in t2["published_beside"]["tpp"]] == [4493]
    assert t2["class"] == "3A090.a"
    assert t2["reason"] == ("3A090.a: tpp >= 4800 or (tpp >= 1600 and performance_density >= 5.92); "
                            "TPP derived from published throughputs; the published 4,493 (source "
                            "analyst) is shown beside it, not used")
    assert p9["not_shipping"] == ["planned"] and p9["reason"].endswith(
        "; rests on planned figures (a roadmap target), not a shipping part")
    csv_row = run("--specs", str(lib), "controls", "acme-t1", "--rule", "us-3a090-2023", "-f", "csv").stdout
    assert ",published," in csv_row.splitlines()[1]


def test_compare_shows_a_published_tpp_beside_the_derived_one(run):
    doc = _json(run("--specs", str(STATUS), "compare", "acme-t2", "acme-t1", "-m", "tpp", "-f", "json"))
    t2, t1 = doc["rows"][0]["cells"]
    assert [(v["low"], v["origin"]) for v in t2["values"]] == [(4800, "derived"), (4493, "published")]
    assert "conflict" in t2["flags"]
    assert [(v["low"], v["origin"]) for v in t1["values"]] == [(4493, "published")]


def test_shipped_library_passes_validate_strict(run):
    result = run("validate", "--strict")
    assert result.exit_code == 0, result.stderr


def test_a_reviewed_figure_is_not_a_warning_but_stays_flagged(run, tmp_path):
    import shutil

    from conftest import FIXTURES

    lib = tmp_path / "lib"
    shutil.copytree(FIXTURES / "plausibility" / "parts", lib)
    before = run("--specs", str(lib), "validate", "--strict")
    assert before.exit_code == 1 and "below the sum of its parts' TDP" in before.stderr
    rack = lib / "systems" / "acme-rack.yaml"
    rack.write_text(rack.read_text(encoding="utf-8").replace(
        "source: blog}", "source: blog, reviewed: the blog's own estimate; kept beside the datasheet}"),
        encoding="utf-8")
    after = run("--specs", str(lib), "validate", "--strict")
    assert after.exit_code == 0 and "warning" not in after.stderr
    values = _json(run("--specs", str(lib), "show", "acme-rack", "-f", "json"))["values"]
    flagged = {(v["metric"], v["low"]): v["flags"] for v in values if v["source"]["id"] == "blog"}
    assert flagged == {("memory_capacity", 500): ["above-parts"], ("tdp", 1500): ["below-parts"]}
