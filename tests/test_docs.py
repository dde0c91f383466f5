"""Docs that cannot drift: the README's layout names every module of the package, its
"Writing content" documents every content type and field of the schema, and no README section
or code comment names a path under returnguide/ (or a module of it) that does not exist."""

from __future__ import annotations

import ast
import importlib
import io
import re
import subprocess
import tokenize

import pytest

from conftest import ROOT
from returnguide.model import schema

PACKAGE = ROOT / "returnguide"
README = (ROOT / "README.md").read_text(encoding="utf-8")
LAYERS = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
# a path under the package: returnguide/site/page_views.py, or site/page_views.py as the package's own comments write it
_PATH = re.compile(r"(?<![\w/.-])(returnguide/[\w/.-]*[\w/]|(?:%s)/[\w/-]*\.py)\b" % "|".join(LAYERS))
# a module of the package, dotted: returnguide.site.page_views (perhaps followed by an attribute)
_DOTTED = re.compile(r"(?<![\w.])returnguide(?:\.\w+)+(?![-\w])")
_FILE_SUFFIXES = {"pth", "egg", "py", "toml", "yml", "txt"}  # returnguide.pth is a file, not a module


def _layout() -> dict[str, str]:
    """The README's layout block, by package folder (or top-level module): the text describing it."""
    block = README.split("## Layout", 1)[1].split("```", 2)[1]
    sections: dict[str, str] = {}
    current = None
    for line in block.splitlines():
        entry = re.match(r"^    ([\w.]+)/?\s", line)
        if entry:
            current = entry.group(1)
        elif not line.startswith("      "):
            current = None
        if current:
            sections[current] = sections.get(current, "") + line + "\n"
    return sections


def _tracked_text() -> list:
    """The project's own files that hold prose or comments: not content, fixtures or vendored code."""
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    keep = (".py", ".md", ".html", ".js", ".mjs", ".css", ".conf", ".sh", ".yml", ".toml", ".cfg", "Makefile")
    return [ROOT / f for f in files if f.endswith(keep) and not f.startswith(("docs/", "tests/fixtures/", "materials/"))
            and "/snowball/" not in f and (ROOT / f).is_file()]


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _resolves(dotted: str) -> bool:
    """returnguide.site.page_views, or returnguide.site.page_views.page_view: a module, or a module's name."""
    module = _module(dotted)
    if module is not None:
        return True
    parent, _, attribute = dotted.rpartition(".")
    module = _module(parent) if parent.count(".") else None
    return module is not None and hasattr(module, attribute)


def stale_references(text: str) -> list[str]:
    """The package paths and dotted module names in `text` that name nothing in the package."""
    stale = []
    for match in _PATH.finditer(text):
        path = match.group(1).rstrip("/.")
        target = ROOT / path if path.startswith("returnguide/") else PACKAGE / path
        if not target.exists():
            stale.append(path)
    for match in _DOTTED.finditer(text):
        name = match.group(0)
        if name.rsplit(".", 1)[1] not in _FILE_SUFFIXES and not _resolves(name):
            stale.append(name)
    return stale


def test_every_module_is_in_the_readmes_layout():
    sections = _layout()
    missing = [f"returnguide/{layer}/" for layer in LAYERS if layer not in sections]
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if path.name == "__init__.py":
            continue
        where = sections.get(rel.parts[0], "") if len(rel.parts) > 1 else "".join(sections.values())
        if not re.search(r"(?<![\w.])" + re.escape(path.name) + r"\b", where):
            missing.append(f"returnguide/{rel.as_posix()}")
    assert not missing, "README.md's layout block does not name: " + ", ".join(missing)


def _prose(path) -> str:
    """What a person reads in the file: in Python its comments and docstrings (a string the code
    compares with is not a reference), elsewhere all of it."""
    source = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix != ".py":
        return source
    comments = [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.COMMENT]
    docstrings = [ast.get_docstring(node) or "" for node in ast.walk(ast.parse(source))
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))]
    return "\n".join(comments + docstrings)


@pytest.mark.parametrize("path", _tracked_text(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_doc_or_comment_names_a_path_that_does_not_exist(path):
    stale = stale_references(_prose(path))
    assert not stale, f"{path.relative_to(ROOT)} names what is not in the package: {stale}"


def test_a_stale_reference_is_found():
    text = ("see returnguide/deploy.py and checks/programme.py, returnguide.presentation.share_view;"
            " but returnguide/site/page_views.py, site/page_views.py, returnguide.site.page_views.page_view and returnguide/locales/ exist")
    assert stale_references(text) == ["returnguide/deploy.py", "checks/programme.py", "returnguide.presentation.share_view"]


def test_every_content_type_and_field_is_documented():
    section = README.split("## Writing content", 1)[1].split("\n## ", 1)[0]
    missing = [t for t in schema.CONTENT_TYPES if not re.search(rf"^- `{t}`", section, re.M)]
    missing += [f"{t}.{name}" for t, fields in schema.SCHEMAS.items() for name in fields
                if f"`{name}`" not in section and f"`{name}:" not in section]
    assert not missing, "README.md's \"Writing content\" does not document: " + ", ".join(missing)
