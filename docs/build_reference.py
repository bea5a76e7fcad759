"""Write docs/commands.md: every command's --help, with examples, generated from the CLI itself.

    python docs/build_reference.py          # rewrite docs/commands.md
    python docs/build_reference.py --check  # exit 1 if it is out of date

tests/test_docs.py fails when a command's help changes and this file was not
regenerated, and runs every example below against the shipped library.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generated import write_or_check

import typer
from typer.testing import CliRunner

from chipcmp.cli.commands import app

TARGET = Path(__file__).with_name("commands.md")
WIDTH = 100

# Examples per command path; each one runs in the test suite, so they stay real.
EXAMPLES = {
    "list": ["chipcmp list --country CN", "chipcmp list --vendor nvidia -f csv"],
    "show": ["chipcmp show 910b", "chipcmp show h20 -f json"],
    "compare": ["chipcmp compare 910b a100", "chipcmp compare a100 h100 h20 -m bf16,fp8,memory_bandwidth",
                "chipcmp compare a100 h100 --sparsity sparse -f markdown",
                "chipcmp compare 910b a100 --svg compare.svg"],
    "chart": ["chipcmp chart bf16 a100 h100 910b 910c h20",
              "chipcmp chart memory_bandwidth 910b a100 h20 --baseline a100 --svg chart.svg"],
    "roofline": ["chipcmp roofline a100 h100 910b h20 -o roofline.png",
                 "chipcmp roofline a100 910b --precision bf16 -o roofline.svg"],
    "export": ["chipcmp export -o chipcmp.csv", "chipcmp export -f json --layout wide --published-only"],
    "validate": ["chipcmp validate", "chipcmp validate specs/chips/huawei"],
    "claims": ["chipcmp claims 910b"],
    "workload": ["chipcmp workload h20 h100 --phase decode",
                 "chipcmp workload 910c h100 --phase inference --precision int8 --model DeepSeek-R1 -f json"],
    "check": ["chipcmp check", "chipcmp check 910b -f json"],
    "controls": ["chipcmp controls h20 a100 910b", "chipcmp controls --rule us-3a090-2022 -f csv"],
    "rank": ["chipcmp rank --by bf16 --country CN --limit 5", "chipcmp rank --by fp16 --per watt"],
    "gap": ["chipcmp gap 910b", "chipcmp gap 910c --metric memory_bandwidth"],
    "crosscheck epoch": ["chipcmp crosscheck epoch epoch_ml_hardware.csv",
                         "chipcmp crosscheck epoch epoch_ml_hardware.csv --all -f csv"],
    "metrics": ["chipcmp metrics"],
    "schema": ["chipcmp schema -o chipcmp.schema.json", "chipcmp schema --kind claim"],
    "new": ["chipcmp --specs my-specs new acme-x1 --vendor Acme --country US"],
}


def command_paths(group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command, in the order `chipcmp --help` lists them; groups before their commands."""
    context = typer.Context(group)
    paths = []
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        paths.append((*prefix, name))
        if hasattr(command, "list_commands"):  # a group such as `crosscheck`
            paths += command_paths(command, (*prefix, name))
    return paths


def help_text(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], prog_name="chipcmp", terminal_width=WIDTH,
                                env={"COLUMNS": str(WIDTH)})
    assert result.exit_code == 0, result.output
    return result.stdout.rstrip()


def render() -> str:
    paths = command_paths(typer.main.get_command(app))
    parts = [
        "# chipcmp command reference",
        "",
        "Generated from `chipcmp --help` by `python docs/build_reference.py`; do not edit by hand.",
        "The test suite fails when this file and the CLI disagree, and runs every example.",
        "",
        "## chipcmp",
        "",
        "```text",
        help_text(()),
        "```",
        "",
        "Commands: " + ", ".join(f"[{' '.join(p)}](#chipcmp-{'-'.join(p)})" for p in paths) + ".",
    ]
    for path in paths:
        name = " ".join(path)
        parts += ["", f"## chipcmp {name}", "", "```text", help_text(path), "```"]
        if EXAMPLES.get(name):
            parts += ["", "Examples:", "", "```sh", *EXAMPLES[name], "```"]
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    return write_or_check(TARGET, render(), "build_reference.py", argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
