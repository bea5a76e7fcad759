"""Any text in any text field: it loads (and prints without a control character) or is a file:line error."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hostile_lib import ALPHA, library
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chipcmp.cli.commands import app

CONTROL = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]]
INVISIBLE = list("\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                 "\u2060\u2066\u2067\u2068\u2069\u2028\u2029\ufeff")
MARKUP = ["[bold]", "[/bold]", "[/]", "[link=https://e.vil]", "[red on black]", "\x1b[2J", "\x1b]8;;x\x07",
          "$", "$\\x$", "|", "\\", "'", '"', "#", ": ", "- "]
CONFUSABLE = list("АаΑαЕеОоΟοРрСсХхＡａ１")
PIECES = st.one_of(st.sampled_from(CONTROL + INVISIBLE + MARKUP + CONFUSABLE),
                   st.text("Alpha X1-", min_size=1, max_size=4))
FIELDS = {"name": "name: Alpha X1", "vendor": "vendor: Alpha", "notes": "kind: card",
          "alias": "aliases: [X1, Alpha 一号]", "title": "title: Alpha X1 datasheet"}
WHERE = re.compile(r"^(.+\.yaml(:\d+)?: .+|\d+ problem\(s\) found)$")


def _place(field: str, text: str) -> str:
    quoted = json.dumps(text)  # a YAML double-quoted scalar; every character escaped
    old = FIELDS[field]
    new = {"name": f"name: {quoted}", "vendor": f"vendor: {quoted}", "notes": f"kind: card\nnotes: {quoted}",
           "alias": f"aliases: [X1, {quoted}]", "title": f"title: {quoted}"}[field]
    return ALPHA.replace(old, new)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(sorted(FIELDS)), text=st.lists(PIECES, min_size=1, max_size=6).map("".join))
def test_hostile_text_loads_or_is_a_located_error(field, text):
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        lib = library(Path(tmp) / "lib", _place(field, text))
        checked = runner.invoke(app, ["--specs", str(lib), "--no-cache", "validate"],
                                catch_exceptions=False)
        assert checked.exit_code in (0, 1), checked.output
        if checked.exit_code == 1:
            assert all(WHERE.match(line) for line in checked.stderr.splitlines()), checked.stderr
            return
        for args in (["list"], ["show", "alpha-x1"], ["list", "-f", "markdown"], ["export"]):
            shown = runner.invoke(app, ["--specs", str(lib), "--no-cache", *args], catch_exceptions=False)
            assert shown.exit_code == 0, (args, shown.output)
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown.stdout)
