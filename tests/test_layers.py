"""Only `disastercenter.ui` may use Qt, and lower layers never reach up (see DESIGN.md, Layers).

The first check imports every module of the Qt-free layers in a fresh interpreter and looks
at `sys.modules`. The others read the source: no file outside `ui/` imports Qt, and no layer
imports one above it, even inside a function, where importing alone cannot see it.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "disastercenter"
QT_FREE_LAYERS = ("core", "store", "services", "content", "printing", "matching", "sync")
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "qtpy")
# What each layer must not import, even lazily: dependencies point down only.
FORBIDDEN_UPWARDS = {
    "core": ("store", "services", "content", "printing", "matching", "sync", "ui", "cli"),
    "store": ("services", "ui", "cli"),
    "content": ("services", "ui", "cli"),
    "printing": ("services", "ui", "cli"),
    "matching": ("services", "ui", "cli"),
    "sync": ("services", "ui", "cli"),
    "services": ("ui", "cli"),
}

_IMPORT_EVERYTHING = textwrap.dedent(
    r"""
    import importlib, json, pkgutil, sys, traceback

    QT = {qt!r}
    first_qt_import = []

    class QtImportSpy:
        # Records where Qt is first imported from, then lets the normal import go on.
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in QT and not first_qt_import:
                frames = [
                    frame for frame in traceback.extract_stack()[:-1]
                    if not frame.filename.startswith("<") and "importlib" not in frame.filename
                ]
                first_qt_import.append(name + "\n" + "".join(traceback.format_list(frames)))
            return None

    sys.meta_path.insert(0, QtImportSpy())
    imported, failed = [], {{}}
    for extra in ("disastercenter", "disastercenter.cli"):
        importlib.import_module(extra)
        imported.append(extra)
    for layer in {layers!r}:
        package = importlib.import_module("disastercenter." + layer)
        imported.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            try:
                importlib.import_module(info.name)
            except Exception:
                failed[info.name] = traceback.format_exc()
            else:
                imported.append(info.name)
    loaded = sorted({{name.partition(".")[0] for name in sys.modules}} & set(QT))
    print(json.dumps({{"imported": imported, "failed": failed, "qt": loaded, "first": first_qt_import}}))
    """
).format(qt=QT_MODULES, layers=QT_FREE_LAYERS)


def test_importing_every_module_outside_ui_loads_no_qt() -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EVERYTHING],
        cwd=PACKAGE_DIR.parent, env=env, capture_output=True, text=True, timeout=120,
    )
    if result.returncode != 0:
        pytest.fail(f"importing the Qt-free layers failed:\n{result.stderr}", pytrace=False)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "disastercenter.core" in report["imported"]
    if report["qt"]:
        first = report["first"][0] if report["first"] else "?"
        pytest.fail(
            f"importing the Qt-free layers loaded {', '.join(report['qt'])}; first import: {first}",
            pytrace=False,
        )
    if report["failed"]:
        pytest.fail(
            "these modules do not import:\n" + "\n".join(report["failed"].values()), pytrace=False
        )


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    # The package a relative import starts from, for a module and for an __init__ alike.
    package = ".".join(path.relative_to(PACKAGE_DIR.parent).parent.parts)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from disastercenter import ui` imports a module too.
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id in ("__import__", "import_module"))
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def _sources_outside_ui() -> list[Path]:
    return sorted(
        path for path in PACKAGE_DIR.rglob("*.py")
        if path.relative_to(PACKAGE_DIR).parts[0] != "ui"
    )


def test_no_source_file_outside_ui_imports_qt() -> None:
    sources = _sources_outside_ui()
    assert PACKAGE_DIR / "core" / "__init__.py" in sources
    offenders = {
        f"{path.relative_to(PACKAGE_DIR.parent)}:{line}": f"imports {module}"
        for path in sources
        for line, module in reversed(_imported_modules(path))  # the statement's own module wins
        if module.partition(".")[0] in QT_MODULES
    }
    offenders = [f"{where}: {what}" for where, what in offenders.items()]
    assert offenders == [], "only disastercenter/ui may import Qt:\n" + "\n".join(offenders)


def test_lower_layers_never_import_the_layers_above_them() -> None:
    offenders: dict[str, str] = {}
    for layer, above in FORBIDDEN_UPWARDS.items():
        for path in sorted((PACKAGE_DIR / layer).rglob("*.py")):
            for line, module in reversed(_imported_modules(path)):  # the statement's own module wins
                parts = module.split(".")
                if len(parts) > 1 and parts[0] == "disastercenter" and parts[1] in above:
                    offenders[f"{path.relative_to(PACKAGE_DIR.parent)}:{line}"] = f"{layer} imports {module}"
    listing = "\n".join(f"{where}: {what}" for where, what in sorted(offenders.items()))
    assert not offenders, "dependencies must point down only:\n" + listing
