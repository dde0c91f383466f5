"""Interface strings: every message id of messages.pot translated, and not fuzzy, in every
language's catalogue. A gap is a warning, not an error: the string shows in German until a
translator fills it in (a new language starts that way)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..model import catalogues
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..model.problems import Problem, display_path


def untranslated(locales: Path | None = None) -> list[Problem]:
    locales = locales or catalogues.locales_dir()
    files = [locales / f"{catalogues.DOMAIN}.pot"] + [locales / code / "LC_MESSAGES" / f"{catalogues.DOMAIN}.po" for code in LANGUAGES]
    return list(_untranslated(locales, tuple(path.read_bytes() if path.is_file() else None for path in files)))


@lru_cache(maxsize=4)
def _untranslated(locales: Path, contents: tuple) -> tuple[Problem, ...]:
    """The problems of catalogues with these contents (parsed once: every check asks)."""
    template = catalogues.read(locales / f"{catalogues.DOMAIN}.pot")
    if template is None:
        return (Problem(display_path(locales), 1, f"no {catalogues.DOMAIN}.pot; run `make strings`"),)
    problems = []
    for code in LANGUAGES:
        if code == DEFAULT_LANGUAGE:
            continue
        path = locales / code / "LC_MESSAGES" / f"{catalogues.DOMAIN}.po"
        shown = display_path(path)
        catalogue = catalogues.read(path, code)
        if catalogue is None:
            problems.append(Problem(shown, 1, f"no catalogue for {code}: all {len(template) } interface strings show in German; "
                                              "run `make strings`, then translate it", "warning"))
            continue
        end = len(path.read_text(encoding="utf-8").splitlines())
        for wanted in template:
            if not wanted.id:
                continue
            found = catalogue.get(wanted.id)
            if found is None:
                problems.append(Problem(shown, end, f"interface string missing: {wanted.id!r}; run `make strings`, then translate it", "warning"))
            elif found.fuzzy:
                problems.append(Problem(shown, found.lineno, f"interface string marked fuzzy: {wanted.id!r}; check the translation and remove the fuzzy flag", "warning"))
            elif not found.string or (isinstance(found.string, tuple) and not all(found.string)):
                problems.append(Problem(shown, found.lineno, f"interface string not translated: {wanted.id!r}", "warning"))
    return tuple(problems)
