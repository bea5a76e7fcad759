"""The documentation stays true: the command reference, its examples, the README."""

import importlib.util
import re
import shlex
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs"))
reference = pytest.importorskip("build_reference")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_command_reference_matches_the_help_of_every_command():
    committed = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert committed == reference.render(), "docs/commands.md is stale: run python docs/build_reference.py"


def test_command_reference_covers_every_command_and_nothing_else():
    import typer

    from chipcmp.cli.commands import app

    paths = {" ".join(p) for p in reference.command_paths(typer.main.get_command(app))}
    assert {"compare", "chart", "crosscheck epoch", "schema", "new"} <= paths
    assert set(reference.EXAMPLES) <= paths
    groups = {"crosscheck"}
    assert paths - groups <= set(reference.EXAMPLES), "every command needs an example"


def test_a_changed_help_text_makes_the_reference_stale(monkeypatch):
    from chipcmp.cli import commands as cli

    committed = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    monkeypatch.setattr(cli.gap, "__doc__", "Changed help, docs not regenerated.")
    changed = reference.render()
    assert "Changed help, docs not regenerated." in changed and changed != committed


EXAMPLES = [(name, line) for name, lines in reference.EXAMPLES.items() for line in lines]


@pytest.mark.parametrize("name, line", EXAMPLES, ids=[line for _, line in EXAMPLES])
def test_every_example_in_the_reference_runs(run, tmp_path, monkeypatch, name, line):
    if name == "roofline" and importlib.util.find_spec("matplotlib") is None:
        pytest.skip("the plot extra is not installed")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").symlink_to(ROOT / "specs")
    (tmp_path / "epoch_ml_hardware.csv").write_bytes((FIXTURES / "epoch_sample.csv").read_bytes())
    (tmp_path / "my-specs").mkdir()
    result = run(*shlex.split(line)[1:])
    assert result.exit_code == 0, result.output
    for written in re.findall(r"(?:-o|--svg) (\S+)", line):
        assert (tmp_path / written).stat().st_size > 0


def test_readme_starts_with_the_two_setup_commands_and_ci_runs_the_second():
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL).group(1).strip().splitlines()
    assert len(block) == 2 and "chipcmp compare" in block[0] and "pytest" in block[1]
    assert README.index("```sh") < README.index("## ")
    assert block[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_shows_an_svg_that_chipcmp_drew():
    picture = re.search(r"!\[[^\]]*\]\(([^)]+\.svg)\)", README).group(1)
    root = ET.parse(ROOT / picture).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "chipcmp chart" in "".join(root.itertext()).replace("\xa0", " ")


def test_readme_python_example_runs(capsys):
    code = re.search(r"```python\n(.*?)```", README, re.DOTALL).group(1)
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    out = capsys.readouterr().out
    assert out.startswith("bf16 [('huawei-ascend-910b', [1.13141025641, 1.20512820513]), "
                          "('nvidia-a100-sxm4-80gb', [1.0, 1.0])]")
    assert "| ÷ A100 SXM4 80GB |" in out  # the Markdown table labels the divisor
