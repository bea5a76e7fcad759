"""A small, safe condition language for rule files: no eval, nothing but comparisons.

    tpp >= 4800 or (tpp >= 1600 and performance_density >= 5.92)
    2400 <= tpp < 4800 and not interconnect_bandwidth < 600

Names are metric keys; numbers are in the metric's display unit. Values are
intervals (a published range, or disagreeing sources), so a comparison is
true, false, or unknown when the interval straddles the threshold or the
figure is missing; `and`, `or` and `not` follow three-valued (Kleene) logic.
An unknown result says what would decide it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import ChipcmpError

_TOKEN = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<name>[a-z][a-z0-9_]*)|(?P<op><=|>=|<|>|\(|\)))")
COMPARISONS = ("<", "<=", ">", ">=")
MAX_NESTING = 32  # parentheses and `not`s inside each other; real rules use two or three
KEYWORDS = ("and", "or", "not")


class ConditionError(ChipcmpError):
    pass


@dataclass(frozen=True)
class Comparison:
    operands: tuple  # numbers (float) and names (str), alternating with...
    operators: tuple  # ...the comparison operators between them (a chain)


@dataclass(frozen=True)
class Logical:
    op: str  # and | or | not
    items: tuple


@dataclass
class Outcome:
    """True, False or None (unknown), with what left it unknown."""

    value: bool | None
    missing: set[str] = field(default_factory=set)  # names with no figure
    straddles: list[str] = field(default_factory=list)  # comparisons an interval straddles


def _tokens(text: str) -> list[str]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ConditionError(f"cannot read {text[pos:].strip()[:20]!r} at character {pos + 1}")
        tokens.append(match.group(match.lastgroup))
        pos = match.end()
    return tokens


def parse(text: str):
    """The syntax tree of a condition; ConditionError says where it went wrong."""
    tokens = _tokens(text)
    if not tokens:
        raise ConditionError("empty condition")
    tree, pos = _or(tokens, 0, 0)
    if pos != len(tokens):
        raise ConditionError(f"unexpected {tokens[pos]!r} after a complete condition")
    return tree


def _or(tokens, pos, depth: int):
    return _joined(tokens, pos, depth, "or", _and)


def _and(tokens, pos, depth: int):
    return _joined(tokens, pos, depth, "and", _not)


def _joined(tokens, pos, depth: int, word: str, inner):
    """inner (word inner)*: `and` binds tighter than `or` because _or joins _and's."""
    item, pos = inner(tokens, pos, depth)
    items = [item]
    while pos < len(tokens) and tokens[pos] == word:
        item, pos = inner(tokens, pos + 1, depth)
        items.append(item)
    return (items[0] if len(items) == 1 else Logical(word, tuple(items))), pos


def _not(tokens, pos, depth: int):
    # The parser (and evaluate) recurse once per level: a cap keeps RecursionError impossible.
    if depth > MAX_NESTING:
        raise ConditionError(f"nested deeper than {MAX_NESTING} levels")
    if pos < len(tokens) and tokens[pos] == "not":
        item, pos = _not(tokens, pos + 1, depth + 1)
        return Logical("not", (item,)), pos
    if pos < len(tokens) and tokens[pos] == "(":
        item, pos = _or(tokens, pos + 1, depth + 1)
        if pos >= len(tokens) or tokens[pos] != ")":
            raise ConditionError("missing ')'")
        return item, pos + 1
    return _comparison(tokens, pos)


def _operand(tokens, pos):
    if pos >= len(tokens):
        raise ConditionError("condition ends where a number or metric name should be")
    token = tokens[pos]
    if token in KEYWORDS or token in COMPARISONS or token in "()":
        raise ConditionError(f"expected a number or metric name, found {token!r}")
    return (token if token[0].isalpha() else float(token)), pos + 1


def _comparison(tokens, pos):
    first, pos = _operand(tokens, pos)
    operands, operators = [first], []
    while pos < len(tokens) and tokens[pos] in COMPARISONS:
        operators.append(tokens[pos])
        operand, pos = _operand(tokens, pos + 1)
        operands.append(operand)
    if not operators:
        raise ConditionError(f"{first!r} is not compared with anything (use <, <=, > or >=)")
    return Comparison(tuple(operands), tuple(operators)), pos


def names(tree) -> set[str]:
    """Every metric name a condition reads."""
    if isinstance(tree, Comparison):
        return {o for o in tree.operands if isinstance(o, str)}
    return set().union(*(names(item) for item in tree.items))


# An interval [low, high] for a name, or None when there is no figure.
Lookup = Callable[[str], "tuple[float, float] | None"]


def evaluate(tree, lookup: Lookup) -> Outcome:
    if isinstance(tree, Comparison):
        return _compare_chain(tree, lookup)
    outcomes = [evaluate(item, lookup) for item in tree.items]
    if tree.op == "not":
        inner = outcomes[0]
        return Outcome(None if inner.value is None else not inner.value, inner.missing, inner.straddles)
    return _combine(outcomes, decisive=tree.op == "or")


def _combine(outcomes: list[Outcome], decisive: bool) -> Outcome:
    """Kleene and (decided by any False) or or (decided by any True)."""
    if any(o.value is decisive for o in outcomes):
        return Outcome(decisive)
    unknown = [o for o in outcomes if o.value is None]
    if not unknown:
        return Outcome(not decisive)
    return Outcome(None, set().union(*(o.missing for o in unknown)),
                   [s for o in unknown for s in o.straddles])


def _compare_chain(tree: Comparison, lookup: Lookup) -> Outcome:
    values, missing = [], set()
    for operand in tree.operands:
        if isinstance(operand, str):
            found = lookup(operand)
            if found is None:
                missing.add(operand)
            values.append(found)
        else:
            values.append((operand, operand))
    outcomes = []
    for i, op in enumerate(tree.operators):
        left, right = values[i], values[i + 1]
        if left is None or right is None:
            outcomes.append(Outcome(None, missing))
            continue
        result = _compare(left, op, right)
        straddles = [] if result is not None else [_describe(tree.operands[i], left, op, tree.operands[i + 1], right)]
        outcomes.append(Outcome(result, set(), straddles))
    return _combine(outcomes, decisive=False)  # a chain a < b < c means a < b and b < c


def _compare(left, op, right) -> bool | None:
    """Interval comparison: True or False when every point agrees, else None."""
    (a_low, a_high), (b_low, b_high) = left, right
    if op in ("<", "<="):
        (a_low, a_high), (b_low, b_high), op = (b_low, b_high), (a_low, a_high), ">" + op[1:]
    strict = op == ">"
    if (a_low > b_high) if strict else (a_low >= b_high):
        return True
    if (a_high <= b_low) if strict else (a_high < b_low):
        return False
    return None


def _describe(left_name, left, op, right_name, right) -> str:
    def show(name, interval):
        low, high = interval
        shown = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        return f"{name} {shown}" if isinstance(name, str) else shown

    return f"{show(left_name, left)} {op} {show(right_name, right)}"
