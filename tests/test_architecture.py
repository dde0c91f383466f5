"""The package's layers import one way: model -> checks -> views -> site, print -> build ->
tools -> cli. No import cycle, no import hidden inside a function, no private name used
across modules; ruff finds nothing. Read from the source with ast, so nothing is imported."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "returnguide"
# Lower rank = nearer the model; compat (every use of a dependency's private API) and platform (system
# calls: atomic writes, locks, worker pools) sit below it and import nothing of the package. A module may import its own rank or a lower one; site and
# print are two outputs side by side and never import each other. The CLI dispatches every
# command, the tools' too, so it sits on top.
RANKS = {"compat": -1, "platform": -1, "model": 0, "checks": 1, "views": 2, "site": 3, "print": 3, "build": 4, "tools": 5, "cli": 6, "__main__": 7}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def imports(path: Path) -> list[tuple[str, list[str], int, bool]]:
    """(imported module, names, line, at module level) for every import of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            target, names = node.names[0].name, []
        else:
            continue
        if target == "returnguide" or target.startswith("returnguide."):
            found.append((target, names, node.lineno, id(node) in top))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


def graph() -> dict[str, set[str]]:
    modules = {module_name(p) for p in SOURCES}
    edges = {}
    for path in SOURCES:
        targets = set()
        for target, names, _, _ in imports(path):
            # `from .x import y`: y may itself be a module of the package
            subs = {f"{target}.{n}" for n in names if f"{target}.{n}" in modules}
            targets |= subs or ({target} if target in modules else set())
        edges[module_name(path)] = targets - {module_name(path)}
    return edges


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_go_one_way(path):
    me = layer(module_name(path))
    for target, _names, line, _ in imports(path):
        them = layer(target)
        if me is None or them is None or me == them:
            continue
        where = f"{path.relative_to(ROOT)}:{line} imports {target}"
        assert RANKS[them] <= RANKS[me], f"{where}: the {them} layer is above {me}; move the code down a layer"
        assert RANKS[them] < RANKS[me] or them == me, f"{where}: {me} and {them} are side by side; share code through a lower layer"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_hidden_or_private_imports(path):
    for target, names, line, at_top in imports(path):
        where = f"{path.relative_to(ROOT)}:{line}"
        assert at_top, f"{where}: imports {target} inside a function; import at the top (a cycle is fixed by moving code, not hidden)"
        private = [n for n in names if n.startswith("_")]
        assert not private, f"{where}: imports private {private} from {target}; make it public or keep it in its module"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("returnguide"))
               for a in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules \
                and node.attr.startswith("_") and not node.attr.startswith("__"):
            pytest.fail(f"{path.relative_to(ROOT)}:{node.lineno}: uses private {node.value.id}.{node.attr} of another module")


# Names of dependencies that are public in spelling but internal in fact; only compat/ may use them.
INTERNAL = {"get_context": "mkdocs.commands.build.get_context (MkDocs renders generated pages itself when they are Files)",
            "i18n": "mkdocs-static-i18n's plugin state (config.plugins['i18n'])"}


def dependency_private_uses(path: Path) -> list[str]:
    """Every place the module reaches into a dependency's private or internal API."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module and not node.module.startswith(("returnguide", "__future__")):
            private = [a.name for a in node.names if a.name.startswith("_") or a.name in INTERNAL]
            if private or any(part.startswith("_") for part in node.module.split(".")):
                found.append(f"{node.lineno}: from {node.module} import {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__") \
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value in INTERNAL:
            found.append(f"{node.lineno}: {ast.unparse(node)} ({INTERNAL[node.slice.value]})")
    return found


@pytest.mark.parametrize("path", [p for p in SOURCES if layer(module_name(p)) != "compat"], ids=lambda p: str(p.relative_to(ROOT)))
def test_private_api_of_dependencies_only_in_compat(path):
    """A dependency's private name (`_page_box`, `tags._build_box_tree`, static-i18n's state) is used
    only in returnguide/compat/, where each use names the version it was written for and is probed."""
    uses = dependency_private_uses(path)
    assert not uses, f"{path.relative_to(ROOT)} uses private API of a dependency; move it into returnguide/compat/:\n" + "\n".join(uses)


COMPAT = sorted((PACKAGE / "compat").glob("[!_]*.py")) if (PACKAGE / "compat").is_dir() else []


@pytest.mark.parametrize("path", COMPAT, ids=lambda p: p.name)
def test_every_compat_module_pins_probes_and_links_upstream(path):
    """Each compat module states the dependency and version it was written for (PINNED), a probe()
    that raises a clear error on another version, and the upstream issue that would make it
    unnecessary (an https link in its docstring)."""
    import importlib
    module = importlib.import_module(module_name(path))
    assert "https://" in (module.__doc__ or ""), f"{path.name}: link the upstream issue in the docstring"
    assert isinstance(module.PINNED, dict) and module.PINNED, f"{path.name}: PINNED = {{distribution: version}}"
    module.probe()  # passes on the versions installed from requirements.lock


def test_no_import_cycle():
    edges = graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module):
        state[module] = 1
        stack.append(module)
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)


def test_the_contract_catches_an_upward_import(tmp_path, monkeypatch):
    """The rules above fail on a model module that imports the site (so they can fail at all).
    The module lies in a copy of the package's place under tmp_path: no test writes into the
    package (another worker may be reading it)."""
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    bad = tmp_path / "returnguide" / "model" / "zz_upward.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("from ..site import views\n\n\ndef f():\n    from ..checks import content\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="the site layer is above model"):
        test_imports_go_one_way(bad)
    with pytest.raises(AssertionError, match="inside a function"):
        test_no_hidden_or_private_imports(bad)


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "returnguide", "tests"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_two_modules_share_a_name():
    """A newcomer finds a module by its name: no `places.py` in three layers (issue 26.3)."""
    seen: dict[str, list[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name not in ("__init__.py", "__main__.py"):
            seen.setdefault(path.stem, []).append(str(path.relative_to(ROOT)))
        if path.parent != PACKAGE and path.parent.name != "__pycache__":
            seen.setdefault(path.parent.name, [])
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    twice = {name: where for name, where in seen.items() if len(where) > 1 or (where and name in packages)}
    assert not twice, twice
