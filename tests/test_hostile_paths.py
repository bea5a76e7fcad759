"""Paths and names: kinds from the path inside the library, links inside only, look-alike names."""

from __future__ import annotations

import os
import shutil

import pytest
from hostile_lib import alpha_with, library


def test_a_library_under_a_folder_named_rules_loads(run, tmp_path):
    lib = library(tmp_path / "rules" / "lib")
    result = run("--specs", str(lib), "list", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("alpha-x1,Alpha X1,Alpha,US,card,")


def test_a_linked_vendor_folder_inside_the_library_is_followed(run, tmp_path):
    lib = library(tmp_path / "lib")
    (lib / ".store").mkdir()
    shutil.move(lib / "chips" / "alpha-x1.yaml", lib / ".store" / "alpha-x1.yaml")
    os.symlink(lib / ".store", lib / "chips" / "alpha")
    result = run("--specs", str(lib), "show", "alpha-x1", "-f", "json")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("is_dir", [True, False])
def test_a_link_leading_outside_the_library_is_reported(run, tmp_path, is_dir):
    lib = library(tmp_path / "lib")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.move(lib / "chips" / "alpha-x1.yaml", outside / "alpha-x1.yaml")
    link = lib / "chips" / ("alpha" if is_dir else "alpha-x1.yaml")
    os.symlink(outside if is_dir else outside / "alpha-x1.yaml", link)
    result = run("validate", str(lib))
    assert result.exit_code == 1
    target = outside if is_dir else outside / "alpha-x1.yaml"
    assert result.stderr.splitlines()[0] == (f"{link}: symbolic link to {target}, outside the library; "
                                             "not followed")


@pytest.mark.parametrize("alias", ["А100", "Ａ100", "Α100"])  # Cyrillic A, full-width A, Greek Alpha
def test_an_alias_that_looks_like_another_name_is_refused(run, tmp_path, alias):
    lib = library(tmp_path / "lib", alpha_with("aliases: [X1, Alpha 一号]", "aliases: [X1, A100]"))
    beta = lib / "chips" / "beta-y2.yaml"
    text = beta.read_text(encoding="utf-8")
    beta.write_text(text.replace("aliases: [Y2]", f"aliases: [Y2, {alias}]"), encoding="utf-8")
    result = run("validate", str(lib))
    assert result.exit_code == 1
    assert f"name {alias!r} is already used by alpha-x1 ({lib / 'chips' / 'alpha-x1.yaml'})" in result.stderr


def test_an_alias_of_separators_only_is_refused(run, tmp_path):
    lib = library(tmp_path / "lib", alpha_with("aliases: [X1, Alpha 一号]", 'aliases: [X1, "-_-"]'))
    result = run("validate", str(lib))
    assert result.exit_code == 1
    assert f"{lib / 'chips' / 'alpha-x1.yaml'}:8: aliases: '-_-' has no letters or digits" \
        in result.stderr.splitlines()
    assert run("--specs", str(lib / ".." / "lib"), "show", " ").exit_code == 1


def test_what_users_type_is_normalised_the_same_way(run_fixture):
    assert run_fixture("show", "ＡＬＰＨＡ-Ｘ1", "-f", "json").exit_code == 0  # full-width
    assert run_fixture("show", "аlpha-x1", "-f", "json").exit_code == 0  # Cyrillic а
    blank = run_fixture("show", " ")
    assert blank.exit_code == 1 and blank.stderr == "error: unknown chip ' '\n"
