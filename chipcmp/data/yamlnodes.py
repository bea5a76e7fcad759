"""Read YAML into plain Python values that remember their line numbers.

PyYAML's usual loaders lose positions, keep the last of two duplicate keys and
guess types (`no` becomes False, dates become `datetime.date`). chipcmp composes
the node tree instead and builds the values itself: every scalar stays a string
(the schema decides what it means), every mapping and list knows the line of
each entry, duplicate keys and anchors/aliases are errors, and nothing is ever
constructed from a tag.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem

MAX_FILE_BYTES = 1_000_000  # no spec file comes near this; larger ones are refused unread
MAX_DEPTH = 20

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


class Text(str):
    """A scalar from the file, with the line it stood on."""

    line: int

    def __new__(cls, value: str, line: int):
        obj = super().__new__(cls, value)
        obj.line = line
        return obj


class Mapping(dict):
    """A YAML mapping; `key_lines[key]` is the line of each key."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class Sequence(list):
    """A YAML list, with the line it starts on."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line


class YamlProblem(Exception):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def line_of(value, default: int | None = None) -> int | None:
    return getattr(value, "line", default)


def read_yaml(path: Path) -> tuple[object | None, list[Problem]]:
    """Load one file; return (value, problems). Never raises for bad content."""
    from .files import FileRefused, read_limited

    shown = str(path)
    if path.is_dir():
        return None, [Problem(shown, None, "is a directory, not a spec file")]
    try:
        raw = read_limited(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        return None, [Problem(shown, None, str(exc))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, None, f"not UTF-8 text (byte {exc.start})")]
    if "\x00" in text:
        return None, [Problem(shown, None, "binary data, not YAML text")]
    try:
        return parse_yaml(text), []
    except YamlProblem as exc:
        return None, [Problem(shown, exc.line, exc.message)]


def _flow_depth(text: str) -> int:
    """Deepest nesting of [ and { (an over-estimate: brackets in strings count too).

    libyaml recurses in C on nested flow collections; a file of 100,000 "["
    would crash the interpreter, so such files are refused before parsing.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


def parse_yaml(text: str):
    import yaml

    if _flow_depth(text) > MAX_DEPTH:
        raise YamlProblem(None, f"nested deeper than {MAX_DEPTH} levels")

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader_class)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(line, f"YAML syntax error: {exc.problem or exc.context}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML itself forbids, e.g. a raw ESC
        line = text.count("\n", 0, exc.position) + 1
        raise YamlProblem(line, f"control character U+{exc.character:04X} is not allowed in a spec "
                          "file; write plain text") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise YamlProblem(None, f"YAML error: {exc}") from None
    if node is None:
        raise YamlProblem(1, "file is empty")
    return _build(node, set(), 0)


def _build(node, seen: set[int], depth: int):
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise YamlProblem(line, "YAML anchors and aliases are not allowed in spec files")
    if depth > MAX_DEPTH:
        raise YamlProblem(line, f"nested deeper than {MAX_DEPTH} levels")
    if node.tag not in _PLAIN_TAGS:
        raise YamlProblem(line, f"YAML tag {node.tag!r} is not allowed")
    seen.add(id(node))
    if node.id == "scalar":
        if node.tag == "tag:yaml.org,2002:null":
            return None
        return Text(node.value, line)
    if node.id == "sequence":
        items = Sequence(line)
        items.extend(_build(child, seen, depth + 1) for child in node.value)
        return items
    mapping = Mapping(line)
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if key_node.id != "scalar":
            raise YamlProblem(key_line, "mapping keys must be plain text")
        key = key_node.value
        if key in mapping:
            raise YamlProblem(
                key_line, f"duplicate key {key!r} (first on line {mapping.key_lines[key]})"
            )
        mapping.key_lines[key] = key_line
        mapping[key] = _build(value_node, seen, depth + 1)
    return mapping
