"""A German name inside Arabic, Persian, Turkish or Russian text is marked lang="de"
(returnguide/checks/german_names.py): the rule on small texts, the real content, and the built
pages' text as a screen reader meets it."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from conftest import ROOT
from returnguide.checks import german_names
from returnguide.model.content import load_model
from returnguide.model.languages import LANGUAGES

NAMES = ["Diakonisches Werk Trier", "Landkreis*", "Duldung", "Trier"]


def found(body: str, latin: bool = False) -> list[str]:
    return [name for _start, _end, name in german_names.findings(body, NAMES, latin)]


def test_an_unmarked_name_is_found_and_a_marked_one_is_not():
    assert found("من يحمل Duldung يسأل.") == ["Duldung"]
    assert found('من يحمل <span lang="de" dir="ltr">Duldung</span> يسأل.') == []
    assert found("من يحمل <bdi lang='de' dir='ltr'>Duldung</bdi> يسأل.") == []


def test_code_link_addresses_and_attributes_are_not_text():
    assert found("`Duldung` و [رابط](https://example.org/Duldung) و {#Duldung}") == []


def test_the_longest_name_wins_and_a_name_may_break_across_lines():
    assert found("في Diakonisches Werk\nTrier اليوم، وفي Trier أيضًا") == ["Diakonisches Werk\nTrier", "Trier"]


def test_a_form_with_a_star_lets_the_word_go_on():
    assert found("в Landkreisen рядом") == ["Landkreisen"]


def test_a_name_inside_a_longer_latin_name_belongs_to_that_name():
    # On Arabic, Persian or Russian pages any Latin word goes on the name: "Trier Summit" is
    # another (English) name. On a Turkish page only a capitalised word does.
    assert found("في Trier Summit اليوم") == []
    assert found("Trier kabul merkezinde", latin=True) == ["Trier"]
    assert found("Trier Summit kabul", latin=True) == []
    assert found("Diakonisch") == []  # a part of a word is no name


def test_the_registries_give_the_names():
    model = load_model(ROOT / "docs")
    arabic, turkish = german_names.german_names(model, "ar"), german_names.german_names(model, "tr")
    assert "Duldung" in arabic and "Trier" in arabic  # glossary, regions
    assert "Bundesamt für Migration und Flüchtlinge" in arabic  # an organisation, without its abbreviation
    assert "Virtual Counselling" not in arabic  # the glossary says it is English (origin: en)
    assert "Trier" not in turkish  # Turkish writes German place names as they are
    assert not any(name.isupper() for name in arabic)  # abbreviations are read letter by letter anyway


def test_the_real_content_marks_every_german_name():
    model = load_model(ROOT / "docs")
    problems = german_names.unmarked(model)
    assert problems == [], "\n".join(map(str, problems))


class _Text(HTMLParser):
    """The text of a page's article, each piece with the language it is read in."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = [("html", lang)]
        self.depth, self.pieces = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        self.stack.append((tag, attrs.get("lang") or self.stack[-1][1]))
        if tag == "article" or self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while len(self.stack) > 1:
            name, _ = self.stack.pop()
            if self.depth:
                self.depth -= 1
            if name == tag:
                break

    def handle_data(self, data):
        if self.depth and data.strip():
            self.pieces.append((self.stack[-1][1], data))


@pytest.mark.parametrize("code", german_names.CHECKED)
def test_built_pages_read_german_names_with_a_german_voice(built_site, code):
    model = load_model(ROOT / "docs")
    names = german_names.german_names(model, code)
    latin = LANGUAGES[code].script == "Latn"
    unmarked = []
    for page in sorted((built_site / code).rglob("index.html")):
        if "/go/" in str(page):
            continue
        parser = _Text(code)
        parser.feed(page.read_text(encoding="utf-8"))
        text = "\n".join(data for lang, data in parser.pieces if lang == code)  # read with the page's voice
        unmarked += [f"{page.relative_to(built_site)}: {name}" for _s, _e, name in german_names.findings(text, names, latin)]
    assert unmarked == [], f"{len(unmarked)} German name(s) read with a {code} voice:\n" + "\n".join(unmarked[:40])
