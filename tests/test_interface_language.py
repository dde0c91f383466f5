"""Every word of the interface in the reader's language: the navigation's section names, counts
in the language's plural forms and digits (CLDR, through Babel and the catalogues), the search's
count in the browser."""

import functools
import re
import unicodedata
from pathlib import Path

import pytest
from babel import Locale
from fontTools.ttLib import TTFont
from mkdocs.utils import dirname_to_title

from conftest import make_tree
from returnguide.model.content import load_model
from returnguide.model.labels import SECTIONS
from returnguide.model.languages import LANGUAGES
from returnguide.model.text import sort_key
from returnguide.site import previews
from returnguide.site.finder import postcode_area_view
from returnguide.site.i18n import I18N, SITE_NAME, nav_translations
from returnguide.site.outreach import preview_of
from returnguide.site.page_views import catalogue_view, site_view
from returnguide.views.facts import country_lists_view

ROOT = Path(__file__).resolve().parent.parent
LATIN = re.compile(r"[A-Za-z]")
# The locale whose CLDR numbering system gives each language's digits: Arabic as written in
# Syria and Iraq, where most Arabic-speaking readers come from (plain `ar` would give Latin).
DIGITS_LOCALE = {"de": "de_DE", "en": "en_GB", "ar": "ar_SY", "fa": "fa_IR", "tr": "tr_TR", "ru": "ru_RU"}
# CLDR's numbering systems (common/supplemental/numberingSystems.xml) that these locales use
NUMBERING_SYSTEMS = {"latn": "0123456789", "arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}


@pytest.mark.parametrize("code", LANGUAGES)
def test_navigation_sections_are_named_in_each_language(code):
    lang = LANGUAGES[code]
    names = nav_translations(lang)
    assert set(names) == {dirname_to_title(folder) for folder in SECTIONS}
    config = next(entry for entry in I18N if entry["locale"] == code)
    assert config["nav_translations"] == names, "static-i18n gets the labels from the catalogues"
    for folder, label in names.items():
        if code != "en":  # English may share a word with the folder's ("Events")
            assert label != folder, f"{code}: section {folder!r} would show its folder name"
        if lang.rtl:
            assert not LATIN.search(label), f"{code}: {label!r} is in Latin letters"


@pytest.mark.parametrize("code", LANGUAGES)
def test_registry_digits_are_those_cldr_writes_for_the_readers(code):
    digits = LANGUAGES[code].digits
    assert [unicodedata.digit(d) for d in digits] == list(range(10))
    system = Locale.parse(DIGITS_LOCALE[code]).default_numbering_system
    assert NUMBERING_SYSTEMS[system] == digits, f"CLDR writes {DIGITS_LOCALE[code]} with {system}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_search_count_has_a_form_for_every_plural_category(code):
    lang = LANGUAGES[code]
    search = site_view(code)["search"]
    rules = Locale.parse(lang.babel_locale).plural_form
    assert set(search["count"]) == set(rules.tags) | {"other"}
    assert search["digits"] == lang.digits
    for form in search["count"].values():
        assert not re.search(r"[0-9]", form.replace("{count}", "")), form
        if lang.rtl:
            assert not LATIN.search(form.replace("{count}", "")), form


def test_arabic_search_count_agrees_with_the_number():
    forms = site_view("ar")["search"]["count"]
    rules = Locale.parse("ar").plural_form
    # 3-10: plural noun; 11-99: singular accusative; 100-102: singular genitive (CLDR few, many, other)
    assert rules(31) == "many" and forms["many"] == "{count} صفحةً مطابقة"
    assert rules(5) == "few" and forms["few"] == "{count} صفحات مطابقة"
    assert rules(100) == "other" and forms["other"] == "{count} صفحة مطابقة"
    assert forms["two"] == "صفحتان مطابقتان" and forms["one"] == "صفحة واحدة مطابقة"


@pytest.mark.parametrize("code,prefix,query", [("ar", "ar/", "العودة"), ("fa", "fa/", "بازگشت"), ("de", "", "Rückkehr"),
                                               ("ru", "ru/", "консультация"), ("tr", "tr/", "danışmanlık")])
def test_search_counts_in_the_readers_digits_and_plural(phone, server, code, prefix, query):
    lang = LANGUAGES[code]
    phone.goto(f"{server}/{prefix}", wait_until="networkidle")
    phone.locator('[data-rg-toggle="__search"]').click()
    phone.locator('form[name="rg-search"] input[name="q"]').fill(query)
    phone.locator(".md-search-result__list a").first.wait_for()
    text = phone.locator(".md-search-result__meta").inner_text()
    number = int(re.search(f"[{lang.digits}]+", text).group(0).translate(str.maketrans(lang.digits, "0123456789")))
    category = Locale.parse(lang.babel_locale).plural_form(number)
    assert text == site_view(code)["search"]["count"][category].replace("{count}", lang.localise_digits(str(number)))
    assert not re.search(r"[0-9]", text) or lang.digits == "0123456789", text
    assert phone.errors == []


# ---------------------------------------------------------------- share previews


@functools.lru_cache(maxsize=None)
def _cmap(font_file: str) -> frozenset[int]:
    return frozenset(TTFont(font_file, lazy=True)["cmap"].getBestCmap())


def _uncovered(preview) -> list[tuple[str, str]]:
    """(character, font file) for every character drawn with a font whose cmap lacks it."""
    return [(ch, Path(piece.font_file).name) for piece in previews.layout(preview) for ch in piece.text
            if ord(ch) not in _cmap(piece.font_file)]


@pytest.fixture(scope="module")
def model(real_model):
    return real_model  # only read here


@pytest.mark.slow  # lays out every preview image of the site with its fonts (5 s): the full suite runs it
def test_every_preview_draws_each_character_with_a_font_that_has_it(model):
    """The fonts chosen for each run of every preview image of the site cover its characters
    (no empty boxes): every page in every language, as the build draws them."""
    names = {code: lang.t(SITE_NAME) for code, lang in LANGUAGES.items()}
    drawn = 0
    for source in model.sources():
        for code in source.languages:
            preview = preview_of(model, source.rel_path, code, "https://rueckkehrberatung.example/", names)
            assert preview.site_name == names[code]
            assert not _uncovered(preview), (code, source.rel_path, _uncovered(preview))
            drawn += 1
    assert drawn >= 140


@pytest.mark.parametrize("reader", ["de", "en"])
def test_arabic_script_on_a_latin_preview_gets_the_arabic_script_font(reader):
    """The old fault: a German image drew the Persian site name with the Latin font (empty boxes)."""
    persian = LANGUAGES["fa"].t(SITE_NAME)
    preview = previews.Preview(LANGUAGES[reader], persian, "Rückkehr nach Syrien – العودة إلى سوريا",
                               "Beschreibung mit ۱۴۰۵ und ٢٠٢٦.", "example.org/")
    assert not _uncovered(preview)
    drawn = [(ch, Path(piece.font_file).name) for piece in previews.layout(preview) for ch in piece.text]
    assert {ch for ch, _ in drawn} >= set(persian.replace(" ", ""))
    for ch, font in drawn:
        if "ARABIC" in unicodedata.name(ch, ""):
            assert "Arabic" in font, (ch, font)
        elif ch.isalpha():
            assert "Arabic" not in font, (ch, font)


def test_untranslated_page_previews_the_site_name_in_the_readers_language(tmp_path):
    """A page not yet translated: the site's name in the reader's language (Persian, right to
    left), the German title and description set left to right, each with a font that has it."""
    fixture = load_model(make_tree(tmp_path))  # no page of the fixture tree is in Persian
    names = {code: lang.t(SITE_NAME) for code, lang in LANGUAGES.items()}
    preview = preview_of(fixture, "programmes/reag.md", "fa", "", names)
    assert preview.site_name == names["fa"] and preview.lang.code == "fa" and preview.page_lang.code == "de"
    assert not _uncovered(preview)
    title = [p for p in previews.layout(preview) if p.size == 64]
    assert title and all(p.direction == "ltr" and p.x == previews.MARGIN for p in title)  # German from the left


def test_leaflet_catalogue_names_languages_in_the_readers_language_and_marks_foreign_titles(model):
    def entry(languages, page):
        return {"draft": False, "target_group": "staff", "item": None, "content_pages": [page], "title": "x",
                "languages": languages, "format": "a4", "pages": 12, "bytes": 20480, "file": "x.pdf", "thumbnail": "x.png"}
    catalogue = [entry(["de", "en"], "professionals/referral.md"), entry(["fa"], "programmes/reag-garp.md")]
    view = catalogue_view(model, LANGUAGES["ar"], catalogue)
    assert [l["name"] for l in view["languages"]] == ["الفارسية", "الألمانية + الإنجليزية"]
    staff, persian = (e for g in view["groups"] for e in g["entries"])
    # the staff leaflet's page is not published in Arabic: its German title, marked German
    assert staff["title"] == model.page("de", "professionals/referral.md").meta.title and staff["title_lang"].code == "de"
    assert persian["title_lang"].code == "ar"  # the Arabic page's title: nothing to mark
    assert staff["pages"] == "١٢" and staff["size"] == "٢٠ KB"


# The order of each language's dictionaries and phone books, written out by hand (not by the code
# under test): where a reader looks for a name.
ALPHABETICAL = {
    "de": ["Afghanistan", "Ägypten", "Albanien", "Äthiopien", "Usbekistan", "Vietnam"],
    "tr": ["Arnavutluk", "Çin", "Irak", "İran", "Kırgızistan", "Kongo - Kinşasa", "Lübnan", "Mısır", "Moğolistan",
           "Moldova", "Özbekistan", "Pakistan", "Sırbistan", "Sri Lanka", "Togo", "Ürdün", "Vietnam"],
    "fa": ["افغانستان", "آلبانی", "ایران", "پاکستان", "توگو", "چین", "کامرون", "کنیا", "گامبیا", "گینه", "گینهٔ بیسائو",
           "لبنان", "نیجر", "ویتنام"],
    "ru": ["Египет", "Ёрдан", "Иран"],
}


@pytest.mark.parametrize("code", sorted(ALPHABETICAL))
def test_names_are_sorted_as_the_language_orders_its_letters(code):
    expected = ALPHABETICAL[code]
    assert sorted(reversed(expected), key=lambda n: sort_key(n, LANGUAGES[code])) == expected


@pytest.mark.parametrize("code", ["de", "tr", "fa"])
def test_a_programme_page_lists_its_countries_in_the_readers_alphabetical_order(real_model, code):
    """The reintegration page's country lists (code-point order put Ägypten, Çin, Özbekistan, چین
    and گینه at the end of a list): every two names of the hand-written order above that a list
    holds stand in that order."""
    page = real_model.page(code, "programmes/reintegration.md")
    assert page is not None
    rank = {name: i for i, name in enumerate(ALPHABETICAL[code])}
    compared = 0
    for entry in country_lists_view(page, LANGUAGES[code]):
        known = [n for n in entry["countries"] if n in rank]
        assert known == sorted(known, key=rank.get), (entry["name"], known)
        compared += len(known)
    assert compared >= 6, "the lists no longer hold the names this test knows: update ALPHABETICAL"


def test_a_postcode_page_lists_german_place_names_as_a_german_reader_looks_for_them(real_model):
    """Place names are German on every language's postcode page: Ü as U (DIN 5007-1), not after Z."""
    for code in ("de", "fa"):
        view = postcode_area_view(real_model, LANGUAGES[code], "54")
        places = next(r["places"] for p in view["postcodes"] if p["code"] == "54552" for r in p["regions"])
        assert places.index("Strotzbüsch") < places.index("Üdersdorf") < places.index("Udler") < places.index("Utzerath"), places


def test_a_source_in_another_language_says_which_before_the_reader_follows_it(built_site):
    """Sources are cited by their own titles (BAMF's pages are German): beside a title in another
    language than the page's stands which, in the reader's language ("in German")."""
    cite = re.compile(r'<bdi lang="([a-z-]+)" dir="(?:ltr|rtl)">[^<]*</bdi></a>( \(([^)]+)\))?')
    for code, prefix in (("de", ""), ("en", "en/"), ("ar", "ar/"), ("fa", "fa/"), ("tr", "tr/"), ("ru", "ru/")):
        html = (built_site / prefix / "programmes/reintegration/index.html").read_text(encoding="utf-8")
        found = cite.findall(html)
        assert found, code
        names = Locale.parse(LANGUAGES[code].babel_locale).languages
        for title_lang, _, name in found:
            said = LANGUAGES[code].t("auf {language}", language=names[title_lang.split("-")[0]])
            assert name == ("" if title_lang.split("-")[0] == code else said), (code, title_lang, name)
        german = LANGUAGES[code].t("auf {language}", language=names["de"])
        assert any(name == german for _, _, name in found) == (code != "de"), code  # BAMF's pages
    # the phrase, not the bare name: "(in German)", "(باللغة الألمانية)", "(auf Englisch)"
    assert "(in German)" in (built_site / "en/programmes/reintegration/index.html").read_text(encoding="utf-8")
    assert "(باللغة الألمانية)" in (built_site / "ar/programmes/reintegration/index.html").read_text(encoding="utf-8")
    assert "(auf Englisch)" in (built_site / "programmes/reintegration/index.html").read_text(encoding="utf-8")


# The country sheets in the menu, by the names the titles show, in each language's order of its
# letters (written out by hand): "Rückkehr in den Irak" under I, "بازگشت به فدراسیون روسیه" under ف.
MENU_COUNTRIES = {
    "de": "af al am az ge iq ir co md ng mk ru rs sy tr",
    "tr": "af al az am ge iq ir co mk md ng ru rs sy tr",
    "fa": "am af al ir tr az sy rs iq ru co ge mk md ng",
}


@pytest.mark.parametrize("code", sorted(MENU_COUNTRIES))
def test_the_menu_lists_the_countries_in_the_readers_alphabetical_order(built_site, code):
    prefix = "" if code == "de" else f"{code}/"
    html = (built_site / prefix / "index.html").read_text(encoding="utf-8")
    menu = html[html.index('class="md-nav md-nav--primary"'):]  # the menu comes before the text
    found = list(dict.fromkeys(re.findall(r'href="countries/([a-z]{2})/"', menu)))
    assert found == MENU_COUNTRIES[code].split()
    # one sheet to the next follows the menu: Syria's previous and next
    sheet = (built_site / prefix / "countries/sy/index.html").read_text(encoding="utf-8")
    order = MENU_COUNTRIES[code].split()
    before, after = order[order.index("sy") - 1], order[order.index("sy") + 1]
    footer = re.findall(r'<a href="\.\./([a-z]{2})/" class="md-footer__link md-footer__link--(prev|next)"', sheet)
    assert footer == [(before, "prev"), (after, "next")], footer
