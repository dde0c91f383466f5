"""German names inside a translated text that the site writes from the front matter (a country's
special rules, kept per language beside the German source), marked lang="de" as a translator marks
them in Markdown: the registries say which names are German (checks/german_names.py)."""

from __future__ import annotations

import markupsafe

from ..checks import german_names
from ..model.content import ContentModel
from ..model.languages import LANGUAGES

_NAMES: dict[tuple[int, str], list[str]] = {}


def marked(model: ContentModel, text: str, lang: str) -> markupsafe.Markup:
    """The text, escaped, with each German name of the registries in a <span lang="de">."""
    if lang not in german_names.CHECKED:
        return markupsafe.escape(text)
    names = _NAMES.setdefault((id(model), lang), german_names.german_names(model, lang))
    out, last = [], 0
    for start, end, name in german_names.findings(text, names, LANGUAGES[lang].script == "Latn"):
        direction = ' dir="ltr"' if LANGUAGES[lang].direction == "rtl" else ""
        out += [markupsafe.escape(text[last:start]), markupsafe.Markup(f'<span lang="de"{direction}>'),
                markupsafe.escape(name), markupsafe.Markup("</span>")]
        last = end
    return markupsafe.Markup("").join([*out, markupsafe.escape(text[last:])])
