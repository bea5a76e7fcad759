"""Mutated spec files either load or fail with chipcmp's own error, never anything else."""

from conftest import FIXTURE_LIB
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chipcmp.errors import DataError
from chipcmp.data.loader import load

SOURCE = (FIXTURE_LIB / "chips" / "beta-y2.yaml").read_text(encoding="utf-8")
LINES = SOURCE.splitlines(keepends=True)
PIECES = ["", ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "~", "'", '"', "\t",
          "  ", "\n", "value: ", "source: nope", "sparsity: dense", "1e3 TFLOPS", "-5 W", "é", "\x00"]


@st.composite
def mutated(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "dup", "insert", "swap"]))
        if action == "drop":
            lines.pop(i)
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            col = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:col] + draw(st.sampled_from(PIECES)) + lines[i][col:]
        if not lines:
            break
    return "".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated())
def test_mutations_load_or_report_with_location(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("lib") / "chips"
    root.mkdir()
    path = root / "beta-y2.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        library = load([root])
    except DataError as exc:
        assert exc.problems
        assert all(p.path == str(path) for p in exc.problems)
        assert all(p.message for p in exc.problems)
    else:
        assert "beta-y2" in library.chips
