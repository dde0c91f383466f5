"""Content can never run code or load from elsewhere: what the allow-list (sanitise.py)
would remove from a page is an error here, with its line, so nothing is dropped silently; docs/
holds only Markdown and a few kinds of picture. (Control characters and invisible direction
controls, in pages and registries alike, are refused where they are read: model/characters.py.)"""

from __future__ import annotations

from pathlib import Path

from ..model.content import ContentModel
from ..model.languages import LANGUAGES
from ..model.pages import Page
from ..model.problems import Problem, display_path
from .sanitise import ALLOWED_FILES, findings, render


def _line_of(page: Page, needles: tuple[str, ...]) -> int:
    """The first body line that shows one of the texts (tried in order), else the body's first line."""
    lines = [line.lower() for line in page.body.splitlines()]
    for needle in needles:
        needle = needle.lower()
        for offset, line in enumerate(lines):
            if needle and needle in line:
                return page.body_start + offset
    return page.body_start


def body_html(model: ContentModel) -> list[Problem]:
    problems = []
    for page in model.pages.values():
        for needles, message in findings(render(page.body)):
            problems.append(Problem(page.display_path, _line_of(page, needles), f"{message}; remove it (links, cards and "
                                    "contact buttons come from Markdown and the front matter)"))
    return problems


def docs_files(docs_dir: Path) -> list[Problem]:
    problems = []
    for path in sorted(docs_dir.rglob("*")) if docs_dir.is_dir() else []:
        if path.is_file() and path.suffix.lower() not in ALLOWED_FILES and not path.name.startswith("."):
            problems.append(Problem(display_path(path), 1, f"docs/ may hold only Markdown pages and pictures "
                                    f"({', '.join(sorted(ALLOWED_FILES))}); remove this file or ask for its kind to be allowed"))
        elif path.is_dir() and path.parent == docs_dir and path.name not in LANGUAGES and path.name.startswith((".", "_")):
            continue
    return problems
