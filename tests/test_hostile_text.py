"""Text is data, never control: escapes, bidi and zero-width characters, Rich markup."""

from __future__ import annotations

import pytest
from conftest import FIXTURE_LIB
from hostile_lib import alpha_with, library

from chipcmp.data.loader import load

EVIL = "\x1b]0;pwned\x07\x1b[2J\u202eEvil [/bold] [link=https://e.vil]X[/link]\u200b\x9b"


@pytest.mark.parametrize("field, old, new, message", [
    ("name", "name: Alpha X1", r'name: "Alpha\e[2J X1"',
     "3: record.name: contains the control character U+001B; write plain text"),
    ("vendor", "vendor: Alpha", r'vendor: "Al\u202Epha"',
     "4: record.vendor: contains the bidirectional control U+202E; write plain text"),
    ("alias", "aliases: [X1, Alpha 一号]", r'aliases: [X1, "Alpha\u200B一号"]',
     "8: aliases: contains the zero-width character U+200B; write plain text"),
    ("url", "tier: vendor}", r'tier: vendor, url: "https://alpha.example/\u202Efdp.exe"}',
     "10: sources.alpha-sheet.url: contains the bidirectional control U+202E; write plain text"),
    ("title", "title: Alpha X1 datasheet", r'title: "Alpha\x85X1"',
     "10: sources.alpha-sheet.title: contains the control character U+0085; write plain text"),
    ("newline", "name: Alpha X1", r'name: "Alpha\nX1"',
     "3: record.name: contains the control character U+000A; write plain text"),
    ("raw", "name: Alpha X1", "name: Alpha\x1bX1",
     "3: control character U+001B is not allowed in a spec file; write plain text"),
])
def test_validate_refuses_control_characters(run, tmp_path, field, old, new, message):
    lib = library(tmp_path / "lib", alpha_with(old, new))
    result = run("validate", str(lib))
    assert result.exit_code == 1, result.output
    assert f"{lib / 'chips' / 'alpha-x1.yaml'}:{message}" in result.stderr.splitlines()
    assert "\x1b" not in result.output


def test_newlines_are_fine_in_notes(run, tmp_path):
    lib = library(tmp_path / "lib", alpha_with("kind: card", 'kind: card\nnotes: "line one\\nline two"'))
    result = run("validate", str(lib))
    assert result.exit_code == 0, result.output


def test_no_control_character_reaches_stdout_when_validation_is_bypassed(run, monkeypatch):
    """A Library built in Python (or read from a cache) skips the validator: the tables still escape."""
    lib = load([FIXTURE_LIB])
    chip = lib.chips["alpha-x1"]
    chip.name, chip.vendor, chip.aliases = EVIL, EVIL, [EVIL]
    chip.sources["alpha-sheet"].title = EVIL
    chip.values[0].note = EVIL
    monkeypatch.setattr("chipcmp.cli.options.Settings.library", lambda self: lib)
    for args in (["list"], ["show", "alpha-x1"], ["compare", "alpha-x1", "beta-y2"],
                 ["list", "-f", "markdown"], ["list", "-f", "csv"], ["list", "-f", "json"],
                 ["export"], ["export", "-f", "jsonl"], ["chart", "bf16", "alpha-x1", "beta-y2"],
                 ["compare", "alpha-x1", "beta-y2", "-f", "markdown"], ["gap", "beta-y2", "--vs", EVIL],
                 ["check", "-f", "markdown"]):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        for char in "\x1b\x07\x9b\u202e\u200b":
            assert char not in result.output, (args, char)
    shown = "␛]0;pwned␇␛[2J\\u202eEvil [/bold] [link=https://e.vil]X[/link]\\u200b\\u009b"
    assert f"| alpha-x1 | {shown} | {shown} |" in run("list", "-f", "markdown").stdout


def test_unbalanced_markup_in_a_name_is_shown_as_written(run, tmp_path):
    lib = library(tmp_path / "lib", alpha_with("name: Alpha X1", 'name: "Alpha [/bold] [red]X1"'))
    assert run("validate", str(lib)).exit_code == 0
    listed = run("--specs", str(lib), "list")
    assert listed.exit_code == 0 and "Alpha [/bold] [red]X1" in listed.stdout
    compared = run("--specs", str(lib), "compare", "alpha-x1", "beta-y2")
    assert compared.exit_code == 0 and "Alpha [/bold] [red]X1" in compared.stdout


def test_markdown_cells_keep_the_table_intact(run, monkeypatch):
    lib = load([FIXTURE_LIB])
    lib.chips["alpha-x1"].name = "a|b\nc"
    monkeypatch.setattr("chipcmp.cli.options.Settings.library", lambda self: lib)
    result = run("list", "-f", "markdown")
    assert "| alpha-x1 | a\\|b / c | Alpha | US | card | 2021-03 | 5 |" in result.stdout.splitlines()
