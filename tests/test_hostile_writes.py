"""Writes that never destroy: special files written into, the library never overwritten, no temp left."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading

from conftest import FIXTURE_LIB
from hostile_lib import REPO, library


def test_export_into_a_fifo_leaves_it_a_fifo(run, tmp_path):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("--specs", str(FIXTURE_LIB), "export", "-o", str(fifo))
    reader.join(timeout=10)
    if reader.is_alive():  # nothing opened the FIFO: let the reader go before failing
        with open(fifo, "wb"):
            pass
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].startswith(b"chip,chip_name,vendor,country,kind,released,metric,")
    assert list(tmp_path.iterdir()) == [fifo]


def test_output_onto_a_library_file_is_refused(run, tmp_path):
    lib = library(tmp_path / "lib")
    target = lib / "chips" / "alpha-x1.yaml"
    before = target.read_bytes()
    result = run("--specs", str(lib), "export", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {target} is inside the spec library {lib}; "
                             "not overwritten (write it elsewhere)\n")
    assert target.read_bytes() == before
    svg = run("--specs", str(lib), "compare", "alpha-x1", "beta-y2", "--svg", str(lib / "x.svg"))
    assert svg.exit_code == 1 and "is inside the spec library" in svg.stderr
    assert not (lib / "x.svg").exists()


def test_a_temp_file_is_removed_on_sigterm(tmp_path):
    script = (
        "import os, signal, sys\n"
        "from chipcmp.data import files\n"
        "def killed(*args):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "files.os.replace = killed\n"
        "files.write_atomically(sys.argv[1], 'text')\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "out.txt")],
                            capture_output=True, timeout=20, cwd=REPO)
    assert result.returncode == -15
    assert list(tmp_path.iterdir()) == []
