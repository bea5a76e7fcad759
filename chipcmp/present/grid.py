"""Tables that fit the width they are printed at, with nothing split inside a value.

A Grid is a header and rows of cells (a cell may hold several lines). Only
columns marked `wrap` (free text) may wrap, at spaces; numbers, ids, ratios and
verdicts never do. When the table is wider than the terminal, the grid first
drops its optional columns (they stay in CSV and JSON), then either splits its
columns into several tables that repeat the key columns (`overflow="split"`,
for compare) or prints each row as a short record (`overflow="records"`).
Rich is imported only when a grid is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .notes import Footnotes
from .text import literal, markdown_cell

WRAP_MIN = 20  # free text is not squeezed narrower than this


@dataclass
class Column:
    name: str
    justify: str = "left"
    wrap: bool = False  # free text: may wrap at spaces
    optional: int = 0  # > 0: dropped when the width is short, the highest first


@dataclass
class Grid:
    title: str
    columns: list[Column]
    rows: list[list[str]]
    keys: int = 1  # leading columns that identify a row (repeated when split)
    overflow: str = "records"  # records | split
    caption: str | None = None
    legend: list[str] = field(default_factory=list)  # marker meanings, printed dim
    notes: list[str] = field(default_factory=list)  # numbered long text
    after: list[str] = field(default_factory=list)  # lines of text before the footnotes (arithmetic ...)
    footnotes: Footnotes | None = None
    sections: list[int] = field(default_factory=list)  # row indexes that start a new group
    empty: str = "nothing to show"

    # -- terminal -------------------------------------------------------------

    def __rich_console__(self, console, options):
        from rich.text import Text

        if self.rows:
            yield from self._fitted(options.max_width)
        else:
            yield Text(literal(f"{self.title}: {self.empty}"), style="dim")
        yield from self._below()

    def _fitted(self, width: int):
        def fits(shown: list[int]) -> bool:
            return self._width(shown) <= width

        shown = list(range(len(self.columns)))
        for level in sorted({c.optional for c in self.columns if c.optional}, reverse=True) + [0]:
            if fits(shown):
                yield self._table(shown)
                yield from self._left_out(shown)
                return
            shown = [i for i in shown if not 0 < self.columns[i].optional >= level]
        if self.overflow == "split":
            groups = self._split(shown, fits)
            if groups:
                for i, group in enumerate(groups):
                    yield self._table(group, title=i == 0)
                return
        yield from self._records(shown)

    def _left_out(self, shown: list[int]):
        from rich.text import Text

        dropped = [self.columns[i].name.replace("\n", " ") for i in range(len(self.columns)) if i not in shown]
        if dropped:
            yield Text(literal(f"left out at this width: {', '.join(dropped)} (--width, or -f csv/json "
                               "for every column)"), style="dim")

    def _width(self, shown: list[int]) -> int:
        """The printed width with no value wrapped: free text may wrap down to WRAP_MIN cells."""
        from rich.cells import cell_len

        total = 0
        for i in shown:
            column = self.columns[i]
            lines = [line for row in self.rows for line in row[i].split("\n")]
            cells = max((cell_len(line) for line in lines), default=0)
            header = max(cell_len(line) for line in column.name.split("\n"))
            if column.wrap:
                longest_word = max((cell_len(w) for line in lines for w in line.split()), default=0)
                cells = min(cells, max(WRAP_MIN, longest_word))
            total += max(cells, header)
        return total + 2 * (len(shown) - 1)

    def _split(self, shown: list[int], fits) -> list[list[int]] | None:
        keys, rest = shown[: self.keys], shown[self.keys:]
        groups, current = [], []
        for i in rest:
            if current and not fits(keys + current + [i]):
                groups.append(keys + current)
                current = []
            current.append(i)
        groups.append(keys + current)
        return groups if all(fits(g) for g in groups) else None

    def _table(self, shown: list[int], title: bool = True):
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(title=literal(self.title) if title else None,
                      box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
        for i in shown:
            column = self.columns[i]
            table.add_column(literal(column.name, layout=True), justify=column.justify, no_wrap=not column.wrap,
                             overflow="fold" if column.wrap else "ignore")
        for n, row in enumerate(self.rows):
            if n in self.sections and n:
                table.add_section()
            table.add_row(*[Text(literal(row[i], layout=True), justify=self.columns[i].justify) for i in shown])
        return table

    def _records(self, shown: list[int]):
        """Each row as its key on one line, then 'column value · column value', wrapped at the dots."""
        from rich.text import Text

        yield Text(literal(self.title), style="bold")
        key = shown[0]
        for row in self.rows:
            yield Text(literal(row[key]), style="bold")
            parts = [f"{self.columns[i].name} {row[i]}".replace("\n", " / ")
                     for i in shown[1:] if row[i]]
            yield Text(literal("  " + " · ".join(parts)))

    def _below(self):
        from rich.text import Text

        if self.caption and self.rows:
            yield Text(literal(self.caption), style="dim")
        for line in self.legend:
            yield Text(literal(line), style="dim")
        for line in self.notes:
            yield Text(literal(line))
        if self.after:
            yield Lines(self.after)
        if self.footnotes:
            yield from footnote_texts(self.footnotes)

    # -- documents ------------------------------------------------------------

    def markdown(self) -> str:
        def line(cells):
            return "| " + " | ".join(markdown_cell(str(c).replace("\n", " / ")) for c in cells) + " |"

        header = [c.name.replace("\n", " ") for c in self.columns]
        parts = [f"**{literal(self.title)}**", ""]
        if self.rows:
            parts += [line(header), line(["---"] * len(header))] + [line(r) for r in self.rows]
        else:
            parts.append(self.empty)
        if self.caption:
            parts += ["", literal(self.caption)]
        below = [f"- {literal(x)}" for x in self.legend] + [f"{literal(x)}  " for x in self.notes]
        if self.after:
            below += ["", "```text", *map(literal, self.after), "```", ""]
        if self.footnotes:
            below += [f"{literal(x)}  " for x in self.footnotes.markdown()]
        if below:
            parts += [""] + below
        return "\n".join(parts) + "\n"


class Lines:
    """Lines of text; a line that holds a URL is never wrapped (so it stays clickable and whole)."""

    def __init__(self, lines: list[str]):
        self.lines = lines

    def __rich_console__(self, console, options):
        from rich.text import Text

        for line in self.lines:
            if "://" in line:
                yield Text(literal(line), no_wrap=True, overflow="ignore")
            else:
                yield Text(literal(line))


def footnote_texts(footnotes: Footnotes):
    """Each source's citation, then its URL on a line of its own: never wrapped, clickable."""
    from rich.text import Text

    for text, url in footnotes.lines():
        yield Text(literal(text))
        if url:
            url = literal(url)
            yield Text("    " + url, style=f"link {url}", no_wrap=True, overflow="ignore")
