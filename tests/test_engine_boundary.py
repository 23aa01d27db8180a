"""The core does not know which engine runs it (issue 15): no module of build_scripts/ outside the engine
package (build_scripts/engines/) imports MkDocs, Material, ProperDocs, Zensical or Python-Markdown's toc,
imports the engine package's modules, or names any of them, docstrings and comments included."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "build_scripts"
ENGINES = PACKAGE / "engines"
# The engines' packages, and the module of Python-Markdown whose output is theirs to know.
ENGINE_LIBRARIES = ("mkdocs", "material", "properdocs", "zensical", "pymdownx", "markdown.extensions.toc")
ALLOWED = {"build_scripts.engines.builder"}  # the engine the build command runs, as the engine package says
NAMES = re.compile(r"\b(?:mkdocs|material|properdocs|zensical)\b|markdown\.extensions\.toc", re.IGNORECASE)


def core_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if ENGINES not in p.parents)


def imports(source: str, module: str) -> set[str]:
    """Every module ``source`` (the module ``module``, dotted) imports, relative imports resolved; for
    ``from x import y``, ``x.y`` too (``y`` may be a module)."""
    package = module.split(".")[:-1]  # a package's __init__ is its own package's module "__init__"
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            found |= {name} | {f"{name}.{alias.name}" for alias in node.names}
    return found


def forbidden(names: set[str]) -> list[str]:
    """The engine modules among ``names``: an engine's library, or a module of the engine package."""
    return sorted(n for n in names if n not in ALLOWED and (n.startswith("build_scripts.engines.") or any(
        n == lib or n.startswith(f"{lib}.") for lib in ENGINE_LIBRARIES)))


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


@pytest.mark.parametrize(("source", "module", "expected"), [
    ("import mkdocs.plugins", "build_scripts.x", ["mkdocs.plugins"]),
    ("from markdown.extensions.toc import slugify", "build_scripts.render.x",
     ["markdown.extensions.toc", "markdown.extensions.toc.slugify"]),
    ("from markdown.extensions import toc", "build_scripts.x", ["markdown.extensions.toc"]),
    ("from ..engines.mkdocs import plugin", "build_scripts.render.x",
     ["build_scripts.engines.mkdocs", "build_scripts.engines.mkdocs.plugin"]),
    ("from .engines.mkdocs.plugin import X", "build_scripts.__init__",
     ["build_scripts.engines.mkdocs.plugin", "build_scripts.engines.mkdocs.plugin.X"]),
    ("import material.plugins.search", "build_scripts.x", ["material.plugins.search"]),
    ("def f():\n    from properdocs import config", "build_scripts.x", ["properdocs", "properdocs.config"]),
    ("import markdown\nfrom markdown.extensions import tables", "build_scripts.x", []),
    ("from .engines import builder\nfrom . import engines", "build_scripts.cli", []),
    ("import mkdocs_like, materials", "build_scripts.x", []),
])
def test_the_import_check_finds_engine_imports(source: str, module: str, expected: list[str]) -> None:
    assert forbidden(imports(source, module)) == expected


def test_no_core_module_imports_an_engine() -> None:
    modules = core_modules()
    assert len(modules) > 40 and PACKAGE / "render" / "context.py" in modules
    found = {name: forbidden(imports(p.read_text(encoding="utf-8"), name))
             for p in modules for name in [module_name(p)]}
    assert {name: names for name, names in found.items() if names} == {}


def test_no_core_module_names_an_engine() -> None:
    """Not in code, docstrings or comments: the core speaks of "the site engine", "a live preview"."""
    named = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in core_modules()
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if NAMES.search(line)]
    assert named == []


def test_the_core_runs_without_loading_an_engine() -> None:
    """Importing every core module (the command line included) loads no engine module."""
    modules = [module_name(p).removesuffix(".__init__") for p in core_modules() if p.name != "__main__.py"]
    code = (f"import importlib, sys\nfor m in {modules!r}:\n    importlib.import_module(m)\n"
            f"print(' '.join(m for m in sys.modules if m.startswith({ENGINE_LIBRARIES!r})))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == []
