"""Problems found in content: `path:line: severity: message`, the one form every check reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: str = "error"  # "error" fails the check; "warning" is reported only

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def display_path(path: Path) -> str:
    """A file as messages name it: relative to the working folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.message))


class ContentError(Exception):
    """Content that a writer (calendar, vCard, finder index, leaflet) cannot pass on, found after
    `make check`: it carries the problem as `path:line: error: …`, and the CLI prints just that."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem
