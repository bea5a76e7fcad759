"""Pictures: a chip name is drawn as written (never mathtext) and a long one is shortened."""

from __future__ import annotations

import re
import time

import pytest
from hostile_lib import alpha_with, library


@pytest.mark.parametrize("name, drawn", [
    ("$5 and $10", "$5 and $10"),
    (r"Alpha $\notacommand$", r"Alpha $\notacommand$"),
    ("W" * 2_000, "W" * 59 + "…"),
])
def test_names_in_a_roofline_are_drawn_as_written(run, tmp_path, name, drawn):
    lib = library(tmp_path / "lib", alpha_with("name: Alpha X1", f"name: '{name}'"))
    out = tmp_path / "roof.svg"
    start = time.monotonic()
    result = run("--specs", str(lib), "roofline", "alpha-x1", "-o", str(out))
    assert time.monotonic() - start < 20
    assert result.exit_code == 0, result.output
    svg = re.sub(r"<!--.*?-->", "", out.read_text(encoding="utf-8"), flags=re.S)  # text as drawn
    assert f"{drawn}: 2,000 GB/s" in svg
    assert "W" * 61 not in svg
