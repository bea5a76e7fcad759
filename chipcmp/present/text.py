"""Data strings made safe for each output: shown as written, never obeyed.

Spec files are written by other people. The validator refuses control, bidi and
zero-width characters, but a Library built in Python or read from a cache skips
it, so every string from data passes through here on its way out as well:
`literal` for terminals (control characters become visible escapes),
`markdown_cell` for Markdown tables, `picture_label` for matplotlib. Rich gets
data as `rich.text.Text` (see tables.py), so `[bold]` in a name is text, not markup.
"""

from __future__ import annotations

import re

from ..characters import UNSAFE, UNSAFE_BUT_LAYOUT

# C0 and DEL become their Unicode "control pictures" (ESC -> ␛); C1, bidi and
# zero-width characters become \uXXXX, which also reads back as the same
# character inside a JSON string.


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\u{code:04x}"


def literal(text: str, layout: bool = False) -> str:
    """`text` with every control, bidi and zero-width character made visible.

    With `layout`, tabs and line breaks stay (whole CSV or JSON documents, notes).
    """
    return (UNSAFE_BUT_LAYOUT if layout else UNSAFE).sub(_escape, str(text))


def markdown_cell(text) -> str:
    """One Markdown table cell: pipes escaped, line breaks as spaces."""
    if text is None:
        return ""
    return literal(re.sub(r"\r\n|[\r\n]", " ", str(text))).replace("|", "\\|")


def picture_label(text: str, limit: int = 60) -> str:
    """A label for matplotlib: shortened, with `$` shown as a dollar sign, never mathtext."""
    text = literal(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("$", r"\$")
