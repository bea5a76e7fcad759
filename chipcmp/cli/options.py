"""Options shared by several commands, tab completion, and the settings every command reads.

The global options (--specs, --no-cache) are read from Typer's context, so tab
completion, which runs no callback, sees them too. Completion imports only
`naming`, `library` (cheap) and the cache's name index: never pint, YAML or Rich.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..metrics import CATALOGUE, DERIVED, METRICS


def _plain_choice_errors() -> None:
    """Typer 0.29 checks choices through pydantic, whose message for a bad one starts with
    "Value error, "; users get the message without it. Typer's private modules may move, so a
    missing name leaves Typer as it is."""
    import importlib

    for name in ("typer._coercion", "typer._param_types"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        original = getattr(module, "get_error_msg", None)
        if original is not None and not getattr(original, "plain", False):
            def plain(exc, original=original):
                return original(exc).removeprefix("Value error, ")

            plain.plain = True
            module.get_error_msg = plain


_plain_choice_errors()


class Settings:
    """--specs and --no-cache, wherever the command or completion runs."""

    def __init__(self, ctx: typer.Context | None):
        root = ctx.find_root() if ctx is not None else None
        params = root.params if root is not None else {}
        self.specs: Path | None = params.get("specs")
        self.use_cache: bool = not params.get("no_cache", False)

    def library(self):
        from ..data.library import load_library

        return load_library(self.specs, use_cache=self.use_cache)


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class Sparsity(str, Enum):
    dense = "dense"
    sparse = "sparse"


class Theme(str, Enum):
    light = "light"
    dark = "dark"


FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]
SparsityOption = Annotated[Sparsity, typer.Option(
    help="Dense figures (default) or 2:4-sparse ones; never a mix of the two.")]
WidthOption = Annotated[int | None, typer.Option(
    "--width", min=40, max=1000, metavar="N",
    help="Table width in columns (default: the terminal's, else $COLUMNS, else 80).")]
SvgOption = Annotated[Path | None, typer.Option(
    "--svg", metavar="FILE", help="Also save what the terminal shows as an SVG picture (table format).")]
ThemeOption = Annotated[Theme, typer.Option(
    "--svg-theme", help="Colours of the --svg picture: light (for print) or dark.")]


def _ids(ctx: typer.Context | None, kind: str, incomplete: str) -> list[str]:
    """Ids from file names: no YAML is parsed on a key press."""
    from ..data.library import ids_of_kind

    try:
        ids = ids_of_kind(kind, Settings(ctx).specs)
    except OSError:
        return []
    return sorted(i for i in ids if i.startswith(incomplete.lower()))


def complete_chip(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Chip ids, then aliases, that start with what was typed (case and spaces ignored).

    Aliases come from the last validated cache (no YAML is parsed on a key press)
    in the normalized form that `resolve` accepts: "910<TAB>" offers 910b and 910c.
    Each candidate keeps the typed text as its start, as shells require.
    """
    from ..data.naming import normalize_name

    found = {incomplete + i[len(incomplete):]: i for i in _ids(ctx, "hardware", incomplete)}
    typed = normalize_name(incomplete)
    if len(typed) == len(incomplete):  # nothing was normalized away, so typed text + rest resolves
        from ..data.cache import names
        from ..data.library import specs_dir

        for name, chip in sorted(names(specs_dir(Settings(ctx).specs)).items()):
            if name.startswith(typed) and chip not in found.values():
                found.setdefault(incomplete + name[len(typed):], chip)
    return [(value, chip) for value, chip in found.items()]


def complete_claim(ctx: typer.Context, incomplete: str) -> list[str]:
    return _ids(ctx, "claim", incomplete)


def complete_metric(incomplete: str) -> list[str]:
    """Published and derived metric keys; after a comma, the next key of a list."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + m.key for m in CATALOGUE + DERIVED if m.key.startswith(last)]


def parse_metrics(text: str | None, option: str = "--metrics") -> list[str] | None:
    if not text:
        return None
    import difflib

    keys = [k.strip() for k in text.split(",") if k.strip()]
    for key in keys:
        if key not in METRICS:
            hint = difflib.get_close_matches(key, METRICS, n=1)
            suffix = f"; did you mean {hint[0]!r}?" if hint else "; see `chipcmp metrics`"
            raise typer.BadParameter(f"unknown metric {key!r}{suffix}", param_hint=option)
    return keys


ChipArg = Annotated[str, typer.Argument(help="Chip id or alias, e.g. 910B or a100.", metavar="CHIP",
                                        autocompletion=complete_chip)]
VendorOption = Annotated[str | None, typer.Option(metavar="NAME", help="Only this vendor (case-insensitive).")]
CountryOption = Annotated[str | None, typer.Option(metavar="CC", help="Only this ISO country code, e.g. CN.")]
KindOption = Annotated[str | None, typer.Option(metavar="KIND", help="Only chip, card, module or system.")]
