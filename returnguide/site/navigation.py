"""The menu's order where the files' names do not give it: the country fact sheets are named by
their ISO codes (af.md, al.md …), so in the menu, and from one sheet to the next, they follow the
reader's alphabetical order of the names the reader sees. A sheet's title names its country after
words every sheet's title starts with ("Rückkehr nach", "Return to the", "بازگشت به"; in German and
English the lower-case words after them: "in den", "the"); Turkish puts the country first
("Irak'a dönüş"). Letters in the language's order (model/text.py's sort_key: Ç after C, چ after ج).
The pages' previous and next links follow the menu."""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..model.content import ContentModel
from ..model.languages import LANGUAGES
from ..model.text import sort_key


def sort_countries(nav: Navigation, model: ContentModel, lang: str) -> None:
    language = LANGUAGES[lang]

    def title(item) -> str | None:
        """The title a country sheet shows in this language's menu (None: not a country sheet)."""
        if not isinstance(item, Page):
            return None
        page, _ = model.resolve(lang, getattr(item.file, "norm_src_uri", item.file.src_uri))
        return page.meta.title if page is not None and page.type == "country" else None

    def walk(items) -> None:
        for item in items:
            if not item.children:
                continue
            titles = {id(c): t for c in item.children if (t := title(c))}
            if len(titles) > 1:  # the sheets take the sheets' places; anything else keeps its own
                shown = country_names(list(titles.values()))
                key = {i: sort_key(shown[t], language) for i, t in titles.items()}
                order = iter(sorted((c for c in item.children if id(c) in titles), key=lambda c: key[id(c)]))
                item.children = [next(order) if id(c) in titles else c for c in item.children]
            walk(item.children)

    walk(nav.items)
    pages: list[Page] = []

    def collect(items) -> None:
        for item in items:
            if isinstance(item, Page):
                pages.append(item)
            if item.children:
                collect(item.children)

    collect(nav.items)
    nav.pages = pages
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after


def country_names(titles: list[str]) -> dict[str, str]:
    """Each title without the words all of them start with, and without the lower-case words
    (articles, prepositions) that then come first: "Rückkehr in den Irak" -> "Irak"."""
    words = [t.split() for t in titles]
    common = 0
    while all(len(w) > common + 1 and w[common] == words[0][common] for w in words):
        common += 1
    shown = {}
    for text, split in zip(titles, words, strict=True):
        rest = split[common:]
        while len(rest) > 1 and rest[0][:1].islower():
            rest = rest[1:]
        shown[text] = " ".join(rest)
    return shown
