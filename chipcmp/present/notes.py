"""What goes under a table: source footnotes, numbered notes for long text, marker legends."""

from __future__ import annotations

from ..analysis.comparison import MARKERS
from ..model import Chip, Source, Value, published_leaves
from ..numbers import fmt_range


class Footnotes:
    """Numbers each source once, in order of first use: [1], [2] ...

    A source cited by two records (the same document, down to its title and
    locator) gets one number; two rows of one dataset, sharing its URL, get two.
    """

    def __init__(self):
        self.numbers: dict[str, int] = {}
        self.sources: list[Source] = []

    def ref(self, chip: Chip, source_id: str) -> int:
        source = chip.sources[source_id]
        key = source.citation()
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.sources.append(source)
        return self.numbers[key]

    def lines(self) -> list[tuple[str, str | None]]:
        """(citation without URL, URL) per footnote, so a URL is never wrapped into the text."""
        return [(f"[{n}] {_citation(s)}", s.url) for n, s in enumerate(self.sources, 1)]

    def markdown(self) -> list[str]:
        return [f"{text} {url}" if url else text for text, url in self.lines()]


def _citation(source: Source) -> str:
    text = source.citation()
    return text[: -len(source.url) - 1] if source.url and text.endswith(source.url) else text


class Notes:
    """Long text (reasons, rule wording) moved out of table cells: a, b, c ..."""

    def __init__(self):
        self.texts: list[str] = []

    def ref(self, text: str) -> str:
        if text not in self.texts:
            self.texts.append(text)
        return _letter(self.texts.index(text))

    def lines(self) -> list[str]:
        return [f"({_letter(i)}) {t}" for i, t in enumerate(self.texts)]


def _letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def legend(flags) -> list[str]:
    """A line per marker used, in the catalogue's order."""
    used = set(flags) - {"range"}
    return [f"{symbol} {meaning}" for flag, (symbol, meaning) in MARKERS.items() if flag in used]


def markers(flags) -> str:
    return "".join(MARKERS[f][0] for f in flags if f != "range" and f in MARKERS)


def figure_lines(chip: Chip, values: list[Value], notes: Footnotes, marked: bool = False) -> list[str]:
    """'312 [1]', '280–320 [2] ~': each distinct figure once, with its sources' footnote numbers.

    Every distinct figure is shown, so a disagreement stays visible; a computed
    figure cites the sources of the published figures it came from. With
    `marked`, each figure carries its own markers (~ approximate, ? sparsity
    unstated ...), so a reader sees which figure each one belongs to.
    """
    from ..analysis.comparison import value_flags

    shown: dict[str, tuple[set[int], set[str]]] = {}
    for v in values:
        refs, flags = shown.setdefault(v.text if v.text is not None else fmt_range(v.low, v.high),
                                       (set(), set()))
        refs.update(notes.ref(owner, leaf.source) for owner, leaf in published_leaves(chip, v))
        flags |= value_flags(chip, v)
    lines = []
    for text, (refs, flags) in shown.items():
        line = f"{text} [{','.join(map(str, sorted(refs)))}]"
        if marked and markers(flags):
            line += " " + markers([f for f in MARKERS if f in flags])
        lines.append(line)
    return lines
