"""Characters that are never data: they steer a terminal or reorder or hide text.

C0 and C1 control characters (ESC starts terminal sequences, U+009B is a
one-byte CSI), bidirectional controls (U+202E shows "exe.fdp" as "pdf.exe") and
zero-width characters (make two different names look the same). The validator
refuses them in spec files; present/text.py makes them visible on the way out.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
_SEPARATORS = "\u2028\u2029"  # line and paragraph separators: line breaks in disguise
UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_ZERO_WIDTH}{_SEPARATORS}]")
# UNSAFE but for tab, line feed and carriage return: the layout of a note or a document.
UNSAFE_BUT_LAYOUT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_ZERO_WIDTH}{_SEPARATORS}]")


def describe(char: str) -> str:
    """'the control character U+001B', for messages."""
    kind = ("bidirectional control" if re.match(f"[{_BIDI}]", char)
            else "zero-width character" if re.match(f"[{_ZERO_WIDTH}]", char)
            else "line separator" if char in _SEPARATORS else "control character")
    return f"the {kind} U+{ord(char):04X}"


def first_unsafe(text: str, multiline: bool = False) -> str | None:
    """The first character of `text` that is not plain text, described; None when all are.

    With `multiline`, line breaks (and tabs) are allowed: notes are paragraphs.
    """
    match = (UNSAFE_BUT_LAYOUT if multiline else UNSAFE).search(text)
    return describe(match.group()) if match else None
