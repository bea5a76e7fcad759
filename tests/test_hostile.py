"""Hostile and unusual files: a clear error naming the file, never a crash or a hang."""

import os
from pathlib import Path

import pytest
from conftest import FIXTURE_LIB

ALPHA = (FIXTURE_LIB / "chips" / "alpha-x1.yaml").read_text(encoding="utf-8")


def hostile_files(root: Path) -> dict[str, str]:
    """Write the corpus; return file name -> the message `validate` must give."""
    cases = {
        "deep.yaml": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested deeper than 20 levels"),
        "deepblock.yaml": ("".join(" " * i + "a:\n" for i in range(200)), "nested deeper than 20 levels"),
        "bomb.yaml": ("a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n",
                      "anchors and aliases are not allowed"),
        "big.yaml": ("# padding\n" * 150_000, "file is larger than 1,000,000 bytes"),
        "empty.yaml": ("", "file is empty"),
        "tag.yaml": ("id: !!python/object/apply:os.system ['touch pwned']\n", "is not allowed"),
        "syntax.yaml": ("id: [unclosed\n", "YAML syntax error"),
        "duplicate.yaml": ("id: a\nid: b\n", "duplicate key 'id'"),
        "scalar.yaml": ("just text\n", "expected a mapping of fields"),
    }
    for name, (text, _) in cases.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "binary.yaml").write_bytes(bytes(range(256)) * 4)
    (root / "latin1.yaml").write_bytes("id: caf\xe9\n".encode("latin-1"))
    (root / "nul.yaml").write_bytes(b"id: a\x00b\n")
    (root / "dir.yaml").mkdir()
    os.symlink("loop.yaml", root / "loop.yaml")
    messages = {name: message for name, (_, message) in cases.items()}
    messages.update({
        "binary.yaml": "not UTF-8 text",
        "latin1.yaml": "not UTF-8 text",
        "nul.yaml": "binary data",
        "dir.yaml": "is a directory",
        "loop.yaml": "cannot read",
    })
    return messages


def test_hostile_corpus_is_rejected_cleanly(run, tmp_path):
    expected = hostile_files(tmp_path)
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for name, message in expected.items():
        lines = [x for x in result.stderr.splitlines() if x.startswith(f"{tmp_path / name}")]
        assert lines and message in lines[0], (name, lines)
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(run, tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text(ALPHA, encoding="utf-8")
    path.chmod(0)
    result = run("validate", str(path))
    assert result.exit_code == 1 and "cannot read" in result.stderr


@pytest.mark.parametrize("encode", [
    lambda text: text.replace("\n", "\r\n").encode("utf-8"),   # CRLF line endings
    lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),       # UTF-8 byte-order mark
])
def test_windows_style_files_load(run, tmp_path, encode):
    chips = tmp_path / "chips"
    chips.mkdir()
    (chips / "alpha-x1.yaml").write_bytes(encode(ALPHA))
    result = run("--specs", str(tmp_path), "show", "Alpha 一号", "-f", "json")
    assert result.exit_code == 0, result.output
    assert '"memory_bandwidth"' in result.stdout
