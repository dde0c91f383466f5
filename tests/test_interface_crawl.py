"""The "done when" crawl of issue 15, over every HTML file of the built site: the interface is
in the reader's language and script.

The rule, precisely (`interface_findings` applies it):

* Interface text is: the page's `<title>`; Material's chrome (navigation, header, tabs, footer,
  search, skip link, back-to-top button, dialogs: `nav`, `.md-header`, `.md-nav`, …); everything
  our templates add (any element with a class `rg-…`: cards, notices, the "As of" line, sources,
  share panel, finder, directory, catalogue, events); every heading `h1`–`h6`; buttons, labels,
  `summary`, `th`, `dt`; and the attributes `aria-label`, `placeholder`, `title` and `alt` of
  any element. Running text of the pages (paragraphs, lists) is content, checked by `make check`.
* On a page of another script than Latin (the registry's `script`: Arabic, Persian, Russian), a
  unit of interface text, after setting aside
  - what an element with a `lang` of another language holds (`<bdi lang="de">Trier</bdi>`: a
    German name shown beside its translation, or a whole German fallback page),
  - web addresses, e-mail addresses, phone numbers and other runs of digits,
  - the names in ALLOWED_NAMES (programmes, formats and services known by their Latin name, the
    terms the glossary keeps as they are in every language, and the organisations' own
    abbreviations the organisations registry gives: IOM, BAMF, LaZuF),
  - the German titles and headings of pages not translated into the language yet (they are
    served in German with a notice, their text marked `lang="de"`; the navigation and the page's
    contents name them as they are until they are translated),
  may hold no Latin word (two letters or more): with no letter of the page's script around it, it
  is "Latin only" (an English or German label); beside that script, it is "Latin without lang" (a
  German or English name inside Arabic, Persian or Russian text, not marked for screen readers and
  hyphenation).
* On a page of another Latin-script language (Turkish), after the same setting aside, a unit may
  hold no "German or English word": a word of the interface's German message ids, their English
  translations, Material's English strings or MkDocs' English folder names that the language does
  not use itself (its catalogue, Material's strings, its organisation names, its pages' own text):
  "Telefon" and "federal" are Turkish as well.
* On a German page, no interface text is the English name MkDocs gives a folder ("Countries").
* Every page that carries `og:site_name` carries the site's name in its own `<html lang>`
  (pages, short links under /go/, redirects of old addresses).

"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.utils import dirname_to_title

from returnguide.model import catalogues
from returnguide.model.content import load_model
from returnguide.model.glossary import load_glossary
from returnguide.model.labels import SECTIONS
from returnguide.model.languages import DEFAULT_LANGUAGE, LANGUAGES
from returnguide.model.organisations import load_organisations
from returnguide.site.i18n import SITE_NAME

ROOT = Path(__file__).resolve().parent.parent
_ORGANISATIONS = load_organisations(ROOT / "materials" / "organisations.yml", [])
_GLOSSARY = load_glossary(ROOT / "materials" / "glossary.yml", [])


@functools.cache
def _model():
    """The real content, loaded when a crawl first needs it (not while `make test-fast` collects)."""
    return load_model(ROOT / "docs")


# An organisation's own abbreviation (IOM, BAMF, LaZuF), as the organisations registry gives it in
# parentheses beside its Arabic or Persian name: the abbreviation on its letters and signs.
ORGANISATION_ABBREVIATIONS = tuple(sorted({
    short for org in _ORGANISATIONS.values() for code in ("ar", "fa")
    for short in re.findall(r"\(([A-Za-z]{2,8})\)", org.names.get(code, "")) if sum(c.isupper() for c in short) >= 2}))
# Terms materials/glossary.yml keeps as they are in every language (REAG/GARP, Duldung, Virtual
# Counselling): the glossary decided that readers meet them so on their papers.
GLOSSARY_AS_IS = tuple(sorted(term for term, forms in _GLOSSARY.items()
                              if all(set(forms["de"]) <= set(forms.get(code, ())) for code in LANGUAGES)))
# Names readers know in Latin letters in every language, each with its reason.
ALLOWED_NAMES = (
    "REAG", "GARP",  # the parts of the programme's name, as people say it
    "StarthilfePlus", "EURP",  # programme names, as the BAMF writes them
    "WhatsApp", "Telegram", "Facebook",  # the services of the share links
    "QR", "PDF", "PNG", "SVG", "vCard", "KB", "A4", "A5",  # formats and sizes, as devices show them
) + GLOSSARY_AS_IS + ORGANISATION_ABBREVIATIONS
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
SCRIPTS = {"Arab": ARABIC_SCRIPT, "Cyrl": re.compile("[\u0400-\u04ff]")}  # the registry's `script`
LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'’.-]*[A-Za-zÀ-ɏ]")
SET_ASIDE = re.compile(
    r"https?://\S+|www\.\S+|(?<![\w/])/[\w/.-]+/|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:de|org|int|example|eu)\b\S*"
    r"|\+?\d[\d\s/().-]{4,}\d|\d+"
    + "".join(f"|(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])" for name in sorted(ALLOWED_NAMES, key=len, reverse=True)))

INTERFACE_TAGS = {"title", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "summary", "th", "dt", "nav"}
INTERFACE_CLASSES = {"md-header", "md-tabs", "md-footer", "md-nav", "md-search", "md-skip", "md-top", "md-banner",
                     "md-dialog", "md-source", "admonition-title"}  # and every element of our templates (class rg-…)
INTERFACE_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
UNIT_TAGS = {"a", "li", "p", "option", "td", "dd", "span", "div", "summary", "figcaption", "caption"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ENGLISH_FOLDER_NAMES = {dirname_to_title(folder) for folder in SECTIONS}


def _words(texts) -> set[str]:
    return {w.lower() for text in texts for w in re.findall(r"[^\W\d_]{3,}", text)}


def _material_strings(code: str) -> list[str]:
    """Material's own interface strings in a language (its partials/languages/<code>.html)."""
    import material

    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{code}.html"
    pairs = re.findall(r'^\s*"([\w.]+)": "(.*)",?$', path.read_text(encoding="utf-8"), re.M) if path.is_file() else []
    return [value for key, value in pairs if not key.startswith(("search.config", "language", "direction"))]


def _catalogue_strings(code: str) -> list[str]:
    found = []
    for message in catalogues.read(catalogues.po_path(code) if code != DEFAULT_LANGUAGE else catalogues.template_path()) or []:
        if message.id:
            text = message.id if code == DEFAULT_LANGUAGE else message.string
            found += list(text) if isinstance(text, tuple) else [text]
    return found


# German and English interface words: none may show on a page of another Latin-script language
# unless that language uses the word too.
GERMAN_OR_ENGLISH = _words(_catalogue_strings(DEFAULT_LANGUAGE) + _catalogue_strings("en") + _material_strings("en")
                           + list(ENGLISH_FOLDER_NAMES)) - _words(ALLOWED_NAMES)


def _own_words(code: str) -> set[str]:
    """The words a language uses itself: its catalogue, Material's strings, its names of the
    organisations and the text of its translated pages (without what is marked as another
    language): Turkish has "federal" and "not" too."""
    pages = [re.sub(r"<(span|bdi)[^>]*\blang=[^>]*>.*?</\1>", " ", page.body, flags=re.S)
             for (lang, _), page in _model().pages.items() if lang == code]
    names = [org.names[code] for org in _ORGANISATIONS.values() if code in org.names]
    return _words(_catalogue_strings(code) + _material_strings(code) + names + pages)


def _untranslated(code: str) -> tuple[str, ...]:
    """The German titles and headings of the pages served in German in this language (longest first)."""
    texts = set()
    model = _model()
    for source in model.sources():
        if code in source.languages and model.page(code, source.rel_path) is None:
            texts.add(str(source.meta.title))
            texts.update(" ".join(h.text.split()) for h in source.headings)
    return tuple(sorted(texts, key=len, reverse=True))


class Page(HTMLParser):
    """The units of interface text of one HTML page: (element, text outside other-language marks).
    Inside an interface region, each link, list item, paragraph, option, cell or heading is a
    unit of its own (a language switcher's entries are judged one by one)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.site_name: str | None = None
        self.units: list[tuple[str, str]] = []
        self.stack: list[dict] = []  # open elements: tag, interface?, foreign?, text

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "meta" and attrs.get("property") == "og:site_name":
            self.site_name = attrs.get("content")
        classes = set((attrs.get("class") or "").split())
        lang = attrs.get("lang")
        # technical text (campaign parameters, file names) is code; another language is marked
        foreign = (bool(lang) and lang.split("-")[0] != self.lang.split("-")[0]) or tag in ("code", "script", "style") \
            or any(e["foreign"] for e in self.stack)
        ours = bool(classes & INTERFACE_CLASSES) or any(c.startswith("rg-") for c in classes)
        region = next((c for c in sorted(classes) if c.startswith("rg-") and "__" not in c), None) \
            or next((e["region"] for e in reversed(self.stack) if e["region"]), None)
        inside = tag in INTERFACE_TAGS or ours or any(e["inside"] for e in self.stack)
        if not foreign:
            for name in INTERFACE_ATTRIBUTES:
                if attrs.get(name) and tag not in ("meta", "link"):
                    self.units.append((f"{tag}[{name}]" + (f" in .{region}" if region else ""), attrs[name]))
        if tag in VOID:
            return
        self.stack.append({"tag": tag, "foreign": foreign, "inside": inside, "text": [], "region": region,
                           "unit": inside and (tag in UNIT_TAGS or tag in INTERFACE_TAGS or ours)})

    def handle_endtag(self, tag):
        if tag in VOID or not any(e["tag"] == tag for e in self.stack):
            return
        while self.stack:
            element = self.stack.pop()
            if element["unit"]:
                text = " ".join("".join(element["text"]).split())
                if text:
                    self.units.append((element["tag"] + (f" in .{element['region']}" if element["region"] else ""), text))
            if element["tag"] == tag:
                break

    def handle_data(self, data):
        if not self.stack or self.stack[-1]["foreign"]:
            return
        unit = next((e for e in reversed(self.stack) if e["unit"]), None)
        if unit is not None:
            unit["text"].append(data)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def read(html_file: Path) -> Page:
    page = Page()
    page.feed(html_file.read_text(encoding="utf-8"))
    page.close()
    return page


def interface_findings(site: Path) -> list[tuple[str, str, str, str]]:
    """(page, rule, element, text) for every unit of interface text that breaks the rule."""
    findings = []
    names = {code: lang.t(SITE_NAME) for code, lang in LANGUAGES.items()}
    untranslated = {code: _untranslated(code) for code in LANGUAGES if code != DEFAULT_LANGUAGE}
    own_words = {code: _own_words(code) for code, lang in LANGUAGES.items() if lang.script == "Latn"}
    for html_file in sorted(site.rglob("*.html")):
        where = html_file.relative_to(site).as_posix()
        page = read(html_file)
        code = page.lang.split("-")[0]
        if page.site_name is not None and page.site_name != names.get(code):
            findings.append((where, "og:site_name not in the page's language", "meta", page.site_name))
        for element, text in dict.fromkeys(page.units):
            if code == DEFAULT_LANGUAGE:
                words = set(re.findall(r"[A-Za-z]+", text))
                if words & ENGLISH_FOLDER_NAMES and (element == "title" or text in ENGLISH_FOLDER_NAMES):
                    findings.append((where, "English folder name on a German page", element, text))
            if code in (DEFAULT_LANGUAGE, "en") or code not in LANGUAGES:
                continue
            rest = text
            for german in untranslated[code]:
                rest = rest.replace(german, " ")
            rest = SET_ASIDE.sub(" ", rest)
            script = SCRIPTS.get(LANGUAGES[code].script)
            if script is None:  # a Latin-script language: no German or English word it does not use itself
                if _words([rest]) & (GERMAN_OR_ENGLISH - own_words[code]):
                    findings.append((where, "German or English word", element, text))
                continue
            latin = LATIN_WORD.findall(rest)
            if not latin:
                continue
            rule = "Latin without lang" if script.search(rest) else "Latin only"
            findings.append((where, rule, element, text))
    return findings


def _site(tmp_path, pages: dict[str, str]) -> Path:
    for path, body in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(body, encoding="utf-8")
    return tmp_path


def _html(lang: str, body: str, site_name: str | None = None) -> str:
    meta = f'<meta property="og:site_name" content="{site_name}">' if site_name is not None else ""
    return f'<!DOCTYPE html><html lang="{lang}"><head><title>{LANGUAGES[lang].t(SITE_NAME)}</title>{meta}</head><body>{body}</body></html>'


def test_the_rule_finds_latin_labels_unmarked_names_folder_names_and_foreign_site_names(tmp_path):
    ar_name = LANGUAGES["ar"].t(SITE_NAME)
    site = _site(tmp_path, {
        "ar/a/index.html": _html("ar", '<nav class="md-nav"><a href="x">Countries</a><a href="y">البلدان</a></nav>'
                                       "<h2>الاستشارة في Trier</h2><button>Suchen</button>", ar_name),
        "ar/b/index.html": _html("ar", '<h2>الاستشارة في <bdi lang="de">Trier</bdi></h2>'
                                       '<div class="rg-card"><p>برنامج REAG/GARP و IOM و StarthilfePlus</p>'
                                       '<p><bdi dir="ltr">+49 6232 100 1000</bdi> info@example.org https://example.org/x</p>'
                                       '<h3>/go/syria-ar/</h3><p><code>utm_source=poster</code></p></div>'
                                       '<p>Running text with Trier is content.</p>', ar_name),
        "de/index.html": _html("de", '<nav class="md-nav"><span class="md-ellipsis">Countries</span></nav><h1>Länder</h1>',
                               LANGUAGES["fa"].t(SITE_NAME)),
        "ru/a/index.html": _html("ru", '<nav class="md-nav"><a href="x">Countries</a></nav><h2>Консультация в Trier</h2>'
                                       '<h2>Консультация в <bdi lang="de">Trier</bdi></h2><p class="rg-card">REAG/GARP, IOM</p>',
                                 LANGUAGES["ru"].t(SITE_NAME)),
        "tr/a/index.html": _html("tr", '<button>Suchen</button><h2>Danışmanlık</h2><p class="rg-card">Telefon · E-Mail · '
                                       '<bdi lang="de">Ausländerbehörde</bdi></p><p>Running text with Hotline is content.</p>',
                                 LANGUAGES["tr"].t(SITE_NAME)),
    })
    found = {(where, rule, text) for where, rule, _, text in interface_findings(site)}
    assert found == {
        ("ar/a/index.html", "Latin only", "Countries"),
        ("ar/a/index.html", "Latin without lang", "الاستشارة في Trier"),
        ("ar/a/index.html", "Latin only", "Suchen"),
        ("de/index.html", "English folder name on a German page", "Countries"),
        ("de/index.html", "og:site_name not in the page's language", LANGUAGES["fa"].t(SITE_NAME)),
        ("ru/a/index.html", "Latin only", "Countries"),
        ("ru/a/index.html", "Latin without lang", "Консультация в Trier"),
        ("tr/a/index.html", "German or English word", "Suchen"),
        ("tr/a/index.html", "German or English word", "Telefon · E-Mail ·"),
    }, found


@pytest.fixture(scope="module")
def findings(built_site):
    return interface_findings(built_site)


def test_crawl_reads_every_page(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 300
    read_langs = {read(p).lang for p in pages}
    assert read_langs >= set(LANGUAGES)
    # the site's name is checked on pages, short links and redirects alike
    named = {p.relative_to(built_site).parts[0] for p in pages if read(p).site_name is not None}
    assert {"go", "ar", "fa", "en", "tr", "ru", "countries"} <= named


def test_interface_is_in_the_readers_language_and_script(findings):
    found = [f for f in findings if f[1].startswith("Latin") or f[1] == "German or English word"]
    assert not found, "\n".join(" | ".join(f) for f in found[:60])


def test_german_pages_show_no_english_folder_name(findings):
    assert not [f for f in findings if f[1] == "English folder name on a German page"]


def test_every_page_names_the_site_in_its_own_language(findings):
    assert not [f for f in findings if f[1] == "og:site_name not in the page's language"]
