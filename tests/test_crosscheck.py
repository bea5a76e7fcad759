import csv
import io

from conftest import FIXTURES

from chipcmp.analysis.crosscheck import crosscheck, read_epoch
from chipcmp.data.library import load_library

SAMPLE = str(FIXTURES / "epoch_sample.csv")


def finding_list(run, *extra):
    result = run("crosscheck", "epoch", SAMPLE, "--all", "-f", "csv", *extra)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def _rows(result):
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def findings(run, *extra):
    return {(r["chip"], r["metric"]): r for r in finding_list(run, *extra)}


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


H200_UNLABELLED = """\
id: nvidia-h200-sxm
name: NVIDIA H200 SXM
vendor: NVIDIA
country: US
kind: module
sources:
  nv: {publisher: NVIDIA, title: H200 datasheet, accessed: 2026-11-21, tier: vendor}
  press: {publisher: Some Press, title: H200 launch story, accessed: 2026-11-21, tier: press}
specs:
  fp8:
    - {value: 1979 TFLOPS, sparsity: dense, source: nv}
    - {value: 4000 TFLOPS, sparsity: unspecified, source: press}
  int8: {value: 1979 TOPS, sparsity: dense, source: nv}
"""


def test_sparse_figure_twice_epochs_is_explained(run, tmp_path):
    # The press "4 petaflops" (NVIDIA's 3,958 sparse) once sat unlabelled in the H200 file.
    (tmp_path / "chips").mkdir()
    (tmp_path / "chips" / "nvidia-h200-sxm.yaml").write_text(H200_UNLABELLED, encoding="utf-8")
    rows = {(r["chip"], r["metric"]): r for r in _rows(run("--specs", str(tmp_path), "crosscheck",
                                                           "epoch", SAMPLE, "--all", "-f", "csv"))}
    fp8 = rows[("nvidia-h200-sxm", "fp8")]
    assert float(fp8["epoch"]) == 1979 and fp8["status"] == "conflict-kept"
    assert fp8["chipcmp"] == "1979 (dense) / 4000 (unspecified)"
    assert fp8["remark"] == "chipcmp's 4000 (unspecified) is 2× Epoch's figure: likely a 2:4-sparse figure"
    assert rows[("nvidia-h200-sxm", "int8")]["remark"] == ""  # 1979 everywhere, nothing doubled
    # the shipped H200 labels the 4 PFLOPS figure sparse, so its dense figures agree with Epoch's
    assert findings(run)[("nvidia-h200-sxm", "fp8")]["status"] == "agrees"
    # The plain FP16 column's 2x gap (S4000: 49.15 vs 100) is shader-vs-tensor, not sparsity
    s4000 = findings(run)[("moorethreads-mtt-s4000", "fp16")]
    assert float(s4000["epoch"]) == 49.15 and "2:4-sparse" not in s4000["remark"]


def test_epoch_notes_on_sparsity_are_recorded():
    found = crosscheck(load_library(), read_epoch(SAMPLE))
    by_key = {(f.chip.id, f.metric): f for f in found}
    # "Listed performance figures are without sparsity." in the H100 SXM5 80GB row's Notes
    assert by_key[("nvidia-h100-sxm5", "bf16")].epoch_sparsity == "dense"
    assert by_key[("nvidia-h100-sxm5", "memory_bandwidth")].epoch_sparsity is None  # not a throughput
    assert by_key[("nvidia-h200-sxm", "fp8")].epoch_sparsity is None  # the H200 row has no notes


def test_byte_units_become_gb_and_internode_bits_are_not_compared(run):
    with open(SAMPLE, encoding="utf-8", newline="") as handle:
        internode = {r["Hardware name"]: r["Internode bandwidth (bit/s)"] for r in csv.DictReader(handle)}
    assert float(internode["NVIDIA A100 SXM4 80 GB"]) == 200e9  # 25 GB/s of network per node
    assert float(internode["NVIDIA H100 SXM5 80GB"]) == 400e9
    rows = finding_list(run)
    links = {chip: [(float(r["epoch"]), r["status"]) for r in rows
                    if r["chip"] == chip and r["metric"] == "interconnect_bandwidth"]
             for chip in ("nvidia-a100-sxm4-80gb", "nvidia-h100-sxm5")}
    # Only the Intranode byte/s column reaches interconnect_bandwidth (600 / 900 GB/s NVLink)
    assert links == {"nvidia-a100-sxm4-80gb": [(600, "agrees")], "nvidia-h100-sxm5": [(900, "agrees")]}
    bw = findings(run)[("nvidia-h200-sxm", "memory_bandwidth")]
    assert float(bw["epoch"]) == 4800 and bw["status"] == "agrees"  # 4.8e12 byte/s -> 4.8 TB/s


def test_internode_bits_with_the_digits_of_a_gb_s_figure_are_flagged(run):
    link = findings(run)[("huawei-ascend-910c", "interconnect_bandwidth")]
    # Epoch's 910C row has no Intranode figure but 784e9 in the bit/s column: Huawei's 784 GB/s
    assert float(link["epoch"]) == 98 and link["status"] == "disagrees"
    assert link["chipcmp"] == "784 / 392 / 700" and link["unit"] == "GB/s"
    assert link["remark"] == ("Epoch's internode 784 Gbit/s (98 GB/s) has the digits of chipcmp's 784 GB/s: "
                              "likely GB/s entered as bit/s")
