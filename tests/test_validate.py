import pytest
from conftest import BAD, FIXTURE_LIB

from chipcmp.errors import DataError
from chipcmp.data.loader import load
from chipcmp.data.yamlnodes import YamlProblem, parse_yaml

# file -> (line, message) that `chipcmp validate` must report: one per error class.
EXPECTED = {
    "yaml-syntax.yaml": (10, "YAML syntax error"),
    "duplicate-key.yaml": (10, "duplicate key 'tdp' (first on line 9)"),
    "unknown-field.yaml": (8, "unknown field 'relaesed'; did you mean 'released'?"),
    "no-source.yaml": (10, "specs.tdp: missing required field 'source'"),
    "undeclared-source.yaml": (9, "source 's2' is not declared under sources"),
    "unknown-unit.yaml": (9, "unknown unit 'TFLOPZ'"),
    "wrong-dimension.yaml": (9, "'TB/s' measures bytes / time, but this metric needs FLOP / time"),
    "id-mismatch.yaml": (1, "id 'not-the-file-name' does not match the file name"),
    "same-alias-b.yaml": (8, "name 'twin' is already used by same-alias-a"),
    "no-sparsity.yaml": (9, "throughput needs sparsity: dense, sparse or unspecified"),
}


def test_every_error_class_is_reported_with_file_and_line(run):
    result = run("validate", str(BAD))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    for name, (line, message) in EXPECTED.items():
        prefix = f"{BAD / 'chips' / name}:{line}: "
        hits = [x for x in lines if x.startswith(prefix)]
        assert hits, f"nothing reported for {name}:{line}"
        assert any(message in x for x in hits), hits
    # every problem is reported, not just the first, and nothing else
    assert lines[-1] == f"{len(EXPECTED)} problem(s) found"


def test_validate_single_file(run):
    result = run("validate", str(BAD / "chips" / "no-sparsity.yaml"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 2


def test_fixture_library_is_valid(run):
    result = run("validate", str(FIXTURE_LIB))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 10 file(s), 3 chip(s), 11 value(s), 6 claim(s), 1 rule(s)")


def test_shipped_library_is_valid(run):
    result = run("validate")
    assert result.exit_code == 0, result.output


def test_missing_path_is_an_error(run, tmp_path):
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "no such file or directory" in result.stderr


def test_commands_refuse_a_broken_library_without_traceback(run):
    result = run("--specs", str(BAD), "list")
    assert result.exit_code == 1
    assert "problem(s) found" in result.stderr
    assert "Traceback" not in result.output


def test_yaml_scalars_are_never_guessed():
    data = parse_yaml("a: no\nb: 2020-01-01\nc: 1e3\n")
    assert data == {"a": "no", "b": "2020-01-01", "c": "1e3"}
    assert data["b"].line == 2


def test_yaml_refuses_tags_and_aliases():
    for text in ("a: !!python/object/apply:os.system [echo hi]\n", "a: &x [1]\nb: *x\n"):
        try:
            parse_yaml(text)
        except YamlProblem as exc:
            assert exc.line == 1
        else:
            raise AssertionError(f"accepted {text!r}")


def test_claim_validation(tmp_path):
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "bad-claim.yaml").write_text(
        "id: bad-claim\nsubject: nobody\nbaseline: alpha-x1\nmetric: bf17\nratio: lots\n"
        "claimed_by: X\nclaimed_on: 2023\nsource: s9\n"
        "sources:\n  s1: {url: 'https://example.com', accessed: 2026-11-21, tier: press}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        load([FIXTURE_LIB / "chips", claims])
    text = str(raised.value)
    path = claims / "bad-claim.yaml"
    assert f"{path}:8: claim.source: 's9' is not declared" in text
    assert f"{path}:4: claim.metric: unknown metric 'bf17'; did you mean 'bf16'?" in text
    assert f"{path}:5: claim.ratio: cannot read ratio 'lots'" in text
    assert f"{path}:2: claim.subject: unknown chip 'nobody'" not in text  # claim rejected earlier


def test_empty_metric_entry_is_an_error_not_a_crash(tmp_path):
    chips = tmp_path / "chips"
    chips.mkdir()
    text = (FIXTURE_LIB / "chips" / "alpha-x1.yaml").read_text(encoding="utf-8")
    text = text.replace("  tdp: {value: 400 W, source: alpha-sheet}", "  tdp:")
    (chips / "alpha-x1.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="specs.tdp: write a mapping with value and source"):
        load([chips])
