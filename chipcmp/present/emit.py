"""The one place a result becomes output: table, CSV, JSON, JSON Lines, Markdown or SVG.

Every command builds a result object (see `Result`) and hands it to `emit`,
which stamps the JSON format version, picks the renderer and writes standard
output or the file the user named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..errors import ChipcmpError
from .formats import FORMAT_VERSION, to_csv, to_json, to_json_lines
from .stdout import console, write_text

# Monospace faces with box drawing, then CJK faces, so chip names in Chinese render in SVG.
SVG_FONTS = ('"Fira Code", "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", '
             '"Source Han Mono SC", "Sarasa Mono SC", monospace')


class Result(Protocol):
    title: str

    def document(self) -> dict | list[dict]:
        """The JSON document, without its version (emit adds it)."""

    def rows(self) -> list[dict]:
        """Flat rows for CSV and JSON Lines."""

    def columns(self) -> list[str] | None:
        """CSV header, so an empty result still has one (None: the keys of the first row)."""

    def table(self):
        """A Rich renderable that fits the width it is printed at."""

    def markdown(self) -> str:
        ...


class ResultMethods:
    """What every result offers in Python: its JSON document, a DataFrame, Markdown in notebooks.

    A result drawn as one Grid defines `grid()`; its table and Markdown come from it.
    """

    def table(self):
        return self.grid()

    def markdown(self) -> str:
        return self.grid().markdown()

    def to_dict(self):
        """The JSON document, with its version, as plain Python values."""
        import json

        return json.loads(render(self, "json"))

    def to_frame(self):
        """The CSV rows as a pandas DataFrame (needs pandas: pip install 'chipcmp[frames]')."""
        try:
            import pandas
        except ImportError:
            raise ChipcmpError("to_frame needs pandas: pip install 'chipcmp[frames]'") from None
        import io

        return pandas.read_csv(io.StringIO(render(self, "csv")))

    def _repr_markdown_(self) -> str:  # Jupyter shows this
        return self.markdown()


class TextResult:
    """Output that is text already (the JSON Schema): only the "text" format applies."""

    def __init__(self, title: str, text: str):
        self.title, self.text = title, text


def versioned(document):
    """{"version": 1, ...}; a list gets the version on each object."""
    if isinstance(document, list):
        return [{"version": FORMAT_VERSION, **d} for d in document]
    return {"version": FORMAT_VERSION, **document}


def render(result: Result, format: str) -> str:
    """The text of a non-table format."""
    if format == "json":
        return to_json(versioned(result.document()))
    if format == "csv":
        return to_csv(result.rows(), result.columns())
    if format == "jsonl":
        return to_json_lines(result.rows())
    if format == "markdown":
        return result.markdown()
    if format == "text":
        return result.text
    raise ChipcmpError(f"unknown format {format!r}")


def emit(result: Result, format: str = "table", *, output: Path | None = None,
         svg: Path | None = None, width: int | None = None, theme: str = "light",
         protect: Path | None = None) -> None:
    """Print (or write to `output`) the result in `format`; with `svg`, also save the table as SVG.

    Files are written all or nothing, and never inside `protect` (the active library).
    """
    from ..data.files import write_atomically

    if format != "table":
        text = render(result, format)
        if output:
            write_atomically(output, text, protect=protect)
        else:
            write_text(text)
        return
    if svg is not None and protect is not None:  # refuse before printing, not after
        from ..data.files import refuse_inside

        refuse_inside(svg, protect)
    console = make_console(width, record=svg is not None)
    console.print(result.table(), crop=False)  # a URL longer than the line stays whole
    if svg is not None:
        write_atomically(svg, export_svg(console, result.title, theme), protect=protect)


def make_console(width: int | None = None, record: bool = False):
    """A Rich console on stdout at `width` (else the terminal's, or COLUMNS), within the sane limits."""
    return console(record=record, width=width, highlight=False, emoji=False, markup=False)


def export_svg(console, title: str, theme: str = "light") -> str:
    from rich._export_format import CONSOLE_SVG_FORMAT
    from rich.terminal_theme import DEFAULT_TERMINAL_THEME, SVG_EXPORT_THEME

    code_format = CONSOLE_SVG_FORMAT.replace("font-family: Fira Code, monospace;",
                                             f"font-family: {SVG_FONTS};")
    chosen = DEFAULT_TERMINAL_THEME if theme == "light" else SVG_EXPORT_THEME
    return console.export_svg(title=title, theme=chosen, code_format=code_format)
