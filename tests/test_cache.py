"""The validated-library cache: never stale, never a reason to fail."""

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from conftest import FIXTURE_LIB

from chipcmp.data import cache
from chipcmp.data.library import load_library


def copy_library(tmp_path):
    target = tmp_path / "lib"
    shutil.copytree(FIXTURE_LIB, target)
    return target


def test_second_load_comes_from_the_cache(tmp_path):
    lib = copy_library(tmp_path)
    first = load_library(lib)
    assert list(cache.cache_dir().glob("library-*.json"))
    second = load_library(lib)
    assert second == first


def test_an_edit_is_seen_at_once(tmp_path):
    lib = copy_library(tmp_path)
    load_library(lib)
    path = lib / "chips" / "alpha-x1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("400 W", "450 W"), encoding="utf-8")
    tdp = load_library(lib).chips["alpha-x1"].values_for("tdp")[0]
    assert tdp.low == 450


def test_a_deleted_file_is_gone(tmp_path):
    lib = copy_library(tmp_path)
    assert "beta-y2-lite" in load_library(lib).chips
    (lib / "chips" / "beta-y2-lite.yaml").unlink()
    assert "beta-y2-lite" not in load_library(lib).chips


def test_a_corrupt_cache_is_ignored(tmp_path):
    lib = copy_library(tmp_path)
    load_library(lib)
    for path in cache.cache_dir().glob("library-*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert "alpha-x1" in load_library(lib).chips


def test_concurrent_processes_never_corrupt_it(tmp_path):
    lib = copy_library(tmp_path)
    command = [sys.executable, "-m", "chipcmp", "--specs", str(lib), "compare", "x1", "y2", "-f", "json"]

    def run(_):
        return subprocess.run(command, capture_output=True, text=True, check=False)

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(run, range(6)))
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    assert len({r.stdout for r in results}) == 1
    (cached,) = cache.cache_dir().glob("library-*.json")
    json.loads(cached.read_text(encoding="utf-8"))
    assert not list(cache.cache_dir().glob(".*.tmp"))


def test_warm_runs_resolve_names_from_the_cache_index(run_fixture):
    """The cached library decodes records lazily; names, errors and output stay the same."""
    cold = run_fixture("compare", "X1", "Y2", "-f", "csv").stdout
    assert run_fixture("compare", "X1", "Y2", "-f", "csv").stdout == cold
    warm_error = run_fixture("show", "Y")
    assert warm_error.exit_code == 1 and "ambiguous" in warm_error.output
    assert "beta-y2-lite" in warm_error.output
