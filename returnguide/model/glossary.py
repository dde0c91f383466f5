"""The fixed terms of materials/glossary.yml: per language the forms to write and the forms to avoid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .problems import Problem, display_path
from .text import fold
from .yamlio import key_lines, read_yaml, read_yaml_nodes


def load_glossary(path: Path, problems: list[Problem]) -> dict[str, dict[str, Any]]:
    """The fixed terms of materials/glossary.yml (its header explains the format): term ->
    language -> the forms to write (the first is preferred), and term -> "avoid" -> language ->
    the forms not to write. A `*` at either end of a form lets the word go on or begin earlier."""
    data, shown = read_yaml(path, problems), display_path(path)
    _, node = read_yaml_nodes(path, [])
    lines = key_lines(node) if node is not None else {}

    def forms_of(value) -> list[str] | None:
        """A list of forms, each text with `*` at most at its ends; None if it is not."""
        if not isinstance(value, list) or not value:
            return None
        forms = [str(f).strip() for f in value if f is not None and not isinstance(f, list | dict)]
        if len(forms) != len(value) or any(not f.strip("*").strip() or "*" in f.strip("*") for f in forms):
            return None
        return forms

    glossary = {}
    for term, entry in data.items():
        where = lines.get((term,), 1)
        if not isinstance(entry, dict) or set(entry) - {"avoid", "note", "origin"} != set(LANGUAGES):
            problems.append(Problem(shown, where, f"{term!r}: give a list of forms for each language ({', '.join(LANGUAGES)}); "
                                                  "'avoid', 'note' and 'origin' are the only other keys"))
            continue
        forms = {lang: forms_of(entry[lang]) for lang in LANGUAGES}
        bad = [lang for lang, f in forms.items() if f is None]
        if bad:
            problems.append(Problem(shown, lines.get((term, bad[0]), where), f"{term!r}, {bad[0]}: give a list of forms, each as text "
                                                                            "('*' only at the start or end of a form)"))
            continue
        avoid = entry.get("avoid") or {}
        if not isinstance(avoid, dict) or set(avoid) - set(LANGUAGES) or any(forms_of(v) is None for v in avoid.values()):
            problems.append(Problem(shown, lines.get((term, "avoid"), where), f"{term!r}, avoid: give per language code ({', '.join(LANGUAGES)}) "
                                                                               "a list of forms not to write, e.g. 'avoid: {fa: [گذرنامه]}'"))
            avoid = {}
        if not isinstance(entry.get("note", ""), str):
            problems.append(Problem(shown, lines.get((term, "note"), where), f"{term!r}, note: write the note as text"))
        origin = entry.get("origin", DEFAULT_LANGUAGE)
        if origin not in LANGUAGES:
            problems.append(Problem(shown, lines.get((term, "origin"), where), f"{term!r}, origin: give the code of the language the "
                                                                               f"term comes from ({', '.join(LANGUAGES)}), e.g. 'origin: en'"))
            origin = DEFAULT_LANGUAGE
        glossary[str(term)] = {**forms, "avoid": {lang: forms_of(v) for lang, v in avoid.items()}, "origin": origin}

    # An avoided form that is also a form to write (of any term) could never be reported: allowed forms win.
    for term, entry in glossary.items():
        for lang, avoided in entry["avoid"].items():
            written = {fold(f.strip("*")): other for other, e in glossary.items() for f in e[lang]}
            for form in avoided:
                if fold(form.strip("*")) in written:
                    problems.append(Problem(shown, lines.get((term, "avoid", lang), lines.get((term,), 1)),
                                            f"{term!r}, avoid: {form!r} is also a form to write of {written[fold(form.strip('*'))]!r}; "
                                            "remove it from one of the two lists"))
    return glossary
