"""A German name inside Arabic, Persian, Turkish or Russian text is marked lang="de", so that a
screen reader reads it with a German voice (and the browser hyphenates it as German): an
authority's or organisation's name, a document's, a place's, as the reader meets it on letters and
signs. Translators write it as `<span lang="de" dir="ltr">Ausländerbehörde</span>` (dir only on
right-to-left pages).

Which names are German comes from the registries, never from a guess about a word:
- materials/organisations.yml: every organisation's German name, with and without its
  abbreviation in parentheses;
- materials/regions.yml: the names of states, districts and cities, on pages of languages that
  write place names in their own script (Arabic, Persian, Russian; Turkish writes the German
  names as they are: the registry's `german_place_names`);
- materials/glossary.yml: a term's German forms (Duldung, Grenzübertrittsbescheinigung), but not
  those of a term that comes from another language (`origin: en`: Virtual Counselling);
- the German titles of the locations (Kompetenzzentrum Rückkehr der Diakonie).
A name inside a longer run of Latin words is part of another name (Reintegration inside
"European Reintegration Programme", an English name) and is left to that name.
Abbreviations (IOM, BAMF, GÜB: no lower-case letter) are read letter by letter in any voice and
are left alone. A title or description becomes a <title>, a heading of a card or a share
preview's text, which cannot carry a language of its own: a German name does not belong there
(the page names it in its text, marked).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..model.pages import Page
from ..model.problems import Problem

CHECKED = ("ar", "fa", "tr", "ru")

# What is not running text a reader hears, or is already marked: an element with a language of its
# own, code, a link's address, an attribute list, any other tag, a web address, an abbreviation's
# definition line.
_SET_ASIDE = re.compile(
    r"<(span|bdi|abbr|q|i|em|b|strong)\b[^>]*\blang=[\"'][^\"']+[\"'][^>]*>.*?</\1>"
    r"|```.*?```|~~~.*?~~~|`[^`\n]*`"
    r"|\]\([^)\n]*\)|\{[:#.][^}\n]*\}|<[^>\n]+>"
    r"|https?://\S+|^\*\[[^\]\n]*\]:.*$",
    re.S | re.M)
_LETTER = r"A-Za-zÀ-ÖØ-öø-ÿĀ-ž"


def german_names(model: ContentModel, lang: str) -> list[str]:
    """The registries' German names to look for on a page in `lang`, longest first. The loaders
    give only text (organisations.py, regions.py and glossary.py refuse anything else)."""
    names: set[str] = set()
    for org in model.organisations.values():
        german = org.names[DEFAULT_LANGUAGE]
        short = re.sub(r"\s*\([^)]*\)\s*$", "", german)
        names |= {german, short, re.sub(r",?\s+(gGmbH|GmbH|e\. ?V\.)$", "", short)}
    if not LANGUAGES[lang].german_place_names:
        for state in model.states.values():
            names |= {state.name, *(region.name for region in state.regions)}
    for entry in model.glossary.values():
        if entry["origin"] == DEFAULT_LANGUAGE:
            names |= set(entry[DEFAULT_LANGUAGE])  # a `*` at an end: the word may go on (Landkreis*)
    # a location whose title was refused (reported at its line) has none
    names |= {page.meta.title for (code, _), page in model.pages.items()
              if code == DEFAULT_LANGUAGE and page.type == "location" and page.meta.title}
    words = {name.strip() for name in names if re.search(f"[{_LETTER}]", name)}
    return sorted((n for n in words if any(c.islower() for c in n)), key=lambda n: (-len(n.strip("*")), n))


def _masked(body: str) -> str:
    """The body with everything set aside blanked out (line breaks kept, so offsets stay lines)."""
    return _SET_ASIDE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)


@lru_cache(maxsize=32)
def _pattern(names: tuple[str, ...], latin_script: bool) -> re.Pattern:
    """One expression for all names, longest first: at any place the longest name that fits wins,
    and what it covers is passed over (Diakonisches Werk Trier, not Trier inside it)."""
    # On a page in Latin script (Turkish) the words around a name are the page's own; there a
    # name goes on only into a capitalised word (a longer proper name).
    before, after = (r"\b\B", "[A-ZÀ-ÖØ-ÞĀ-Ž]") if latin_script else (f"[{_LETTER}]", f"[{_LETTER}]")
    alternatives = []
    for name in names:
        words = r"[ \t]*\n?[ \t]*".join(re.escape(word) for word in name.strip("*").split())
        head = f"[{_LETTER}]*" if name.startswith("*") else f"(?<![{_LETTER}0-9-])(?<!{before}[ ])"
        tail = f"[{_LETTER}]*" if name.endswith("*") else ""
        alternatives.append(f"{head}{words}{tail}(?![{_LETTER}0-9])(?![ ]{after})")
    # A quick first test (a letter a name can begin with) spares trying every name at every place.
    starts = f"[{_LETTER}]" if any(n.startswith("*") for n in names) else f"[{re.escape(''.join(sorted({n[0] for n in names})))}]"
    return re.compile(f"(?={starts})(?:" + "|".join(f"(?:{a})" for a in alternatives) + ")" if names else r"(?!x)x")


def findings(body: str, names: list[str], latin_script: bool = False) -> list[tuple[int, int, str]]:
    """(offset, end, name) of every unmarked German name in a Markdown body; a longer name wins
    over a shorter one inside it (Diakonisches Werk Trier, not Trier). A name may be broken across
    lines; it must not go on into another Latin word (see the module's docstring)."""
    pattern = _pattern(tuple(names), latin_script)
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(_masked(body))]


def unmarked(model: ContentModel) -> list[Problem]:
    problems = []
    cached: dict[str, list[str]] = {}
    for page in model.pages.values():
        if page.lang not in CHECKED:
            continue
        names = cached.setdefault(page.lang, german_names(model, page.lang))
        for start, _end, name in findings(page.body, names, LANGUAGES[page.lang].script == "Latn"):
            name = " ".join(name.split())
            problems.append(Problem(page.display_path, page.body_start + page.body.count("\n", 0, start),
                                    f'German name "{name}" is not marked as German: write {marked(name, page)} '
                                    "(a screen reader then reads it with a German voice)"))
        for key in ("title", "description"):
            for _start, _end, name in findings(str(page.own.get(key) or ""), names, LANGUAGES[page.lang].script == "Latn"):
                problems.append(Problem(page.display_path, page.lines.get(key, 1),
                                        f'{key}: the German name "{name}" cannot be marked as German here (a {key} is shown '
                                        "as plain text: browser tab, cards, share previews); leave it out of the "
                                        f"{key} and name it in the text, as {marked(name, page)}"))
    return problems


def marked(name: str, page: Page) -> str:
    """The name marked as German, as a translator writes it on the page."""
    direction = ' dir="ltr"' if LANGUAGES[page.lang].direction == "rtl" else ""
    return f'<span lang="de"{direction}>{name}</span>'
