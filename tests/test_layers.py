"""The package's folders are its layers, and imports only go down: cli -> present -> analysis -> data."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "chipcmp"
# Higher layers may import lower ones; the shared vocabulary (top-level modules) imports no layer.
ORDER = {"cli": 4, "present": 3, "analysis": 2, "data": 1}
ENTRY_POINTS = {"__init__", "__main__", "api"}  # above every layer


def _rank(module: str) -> int:
    return ORDER.get(module.split(".")[0], 0)


def wrong_imports(package: Path) -> list[str]:
    """'data.loader imports present.emit' for every relative import that goes up a layer."""
    wrong = []
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).with_suffix("").parts
        module = ".".join(parts)
        if len(parts) == 1 and parts[0] in ENTRY_POINTS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.level):
                continue
            base = list(parts[:-1])[: max(len(parts) - node.level, 0)]
            names = [node.module] if node.module else [a.name for a in node.names]
            for name in names:
                target = ".".join(base + [name])
                if target.split(".")[0] in ENTRY_POINTS - {"__init__"} or _rank(target) > _rank(module):
                    wrong.append(f"{module} imports {target}")
    return sorted(wrong)


def test_imports_only_go_down():
    assert wrong_imports(PACKAGE) == []


def test_an_upward_import_is_found(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "present").mkdir()
    (tmp_path / "data" / "loader.py").write_text("from ..present.emit import emit\nfrom .units import x\n")
    (tmp_path / "present" / "emit.py").write_text("from ..data.loader import load\n")
    assert wrong_imports(tmp_path) == ["data.loader imports present.emit"]
