import csv
import io

from conftest import FIXTURES

SAMPLE = str(FIXTURES / "epoch_sample.csv")


def findings(run, *extra):
    result = run("crosscheck", "epoch", SAMPLE, "--all", "-f", "csv", *extra)
    assert result.exit_code == 0, result.output
    return {(r["chip"], r["metric"]): r for r in csv.DictReader(io.StringIO(result.stdout))}


def test_plain_fp16_column_is_not_taken_for_a_tensor_figure(run):
    rows = findings(run)
    a100 = rows[("nvidia-a100-sxm4-80gb", "fp16")]
    # Epoch's plain FP16 for the A100 is the 78 TFLOPS shader rate, not the 312 tensor one
    assert float(a100["epoch"]) == 77.97 and a100["status"] == "agrees"
    assert "fp16_vector" in a100["remark"]
    s4000 = rows[("moorethreads-mtt-s4000", "fp16")]
    assert s4000["status"] == "disagrees"


def test_units_are_converted_and_exact_variant_wins(run):
    rows = findings(run)
    bw = rows[("nvidia-a100-sxm4-80gb", "memory_bandwidth")]
    assert float(bw["epoch"]) == 2039 and bw["status"] == "agrees"  # byte/s -> GB/s
    assert bw["epoch_name"] == "NVIDIA A100 SXM4 80 GB"  # not the 40 GB family row
    assert float(rows[("nvidia-a100-sxm4-80gb", "transistors")]["epoch"]) == 54.2


def test_known_disagreements_are_listed(run):
    rows = findings(run)
    assert rows[("nvidia-geforce-rtx-4070", "tdp")]["status"] == "conflict-kept"
    assert rows[("nvidia-geforce-rtx-4070", "int8")]["status"] == "missing-in-chipcmp"
    default = csv.DictReader(io.StringIO(run("crosscheck", "epoch", SAMPLE, "-f", "csv").stdout))
    statuses = {r["status"] for r in default}
    assert "agrees" not in statuses and "conflict-kept" in statuses


def test_not_an_epoch_file(run, tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run("crosscheck", "epoch", str(bad))
    assert result.exit_code == 1 and "not Epoch's ML hardware CSV" in result.stderr
