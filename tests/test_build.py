"""`returnguide build`: all four languages, fallback pages, and a failed build that
leaves the previous site untouched."""

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TODAY, run_cli


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(docs: Path, site: Path):
    """A build of the tree docs/ lies in, with its cache (cache/ beside docs/) where it has one."""
    cache = docs.parent / "cache"
    return run_cli("build", "--docs", str(docs), "--site-dir", str(site), "--today", TODAY,
                   *(("--cache-dir", str(cache)) if cache.is_dir() else ()))


@pytest.fixture
def built_fixture(fixture_tree):
    """The fixture tree, built once per test run, for the tests that only read it."""
    return fixture_tree / "docs", fixture_tree / "site"


@pytest.fixture
def fixture_site(fixture_tree, tmp_path):
    """A copy of the built fixture tree and its cache, for a test that changes it (and builds it again)."""
    for name in ("docs", "materials", "site", "cache"):
        shutil.copytree(fixture_tree / name, tmp_path / name, symlinks=True)
    return tmp_path / "docs", tmp_path / "site"


def html_of(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def test_every_language_is_built_with_its_direction(built_fixture):
    _, site = built_fixture
    from returnguide.model.languages import LANGUAGES

    for lang, language in LANGUAGES.items():
        prefix, direction = ("" if lang == "de" else lang), language.direction
        page = html_of(site, prefix)
        assert f'<html lang="{lang}"' in page
        assert re.search(rf'<body dir="{direction}"', page)


def test_missing_translation_is_served_with_a_notice_in_the_readers_language(built_fixture):
    _, site = built_fixture
    page = html_of(site, "fa/programmes/reag")
    assert "این صفحه هنوز ترجمه نشده است" in page
    assert '<div lang="de" dir="ltr">' in page
    assert "Ein Programm" in page
    # a translated page has no such notice
    assert "rg-notice--fallback" not in html_of(site, "ar")


def test_alternates_and_language_switcher_lead_to_the_same_page(built_fixture):
    _, site = built_fixture
    page = html_of(site, "ar/programmes/reag")
    declared = re.findall(r'<link rel="alternate" (?:href="([^"]+)" hreflang="([\w-]+)"|hreflang="([\w-]+)" href="([^"]+)")>', page)
    declared = {(m[1] or m[2]): (m[0] or m[3]) for m in declared}
    from returnguide.model.languages import LANGUAGES

    assert set(declared) == {*LANGUAGES, "x-default"}
    for lang, href in declared.items():  # absolute, as search engines want them
        prefix = "" if lang in ("de", "x-default") else f"{lang}/"
        assert href == f"https://rueckkehrberatung.example/{prefix}programmes/reag/", lang
    switcher = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link" lang="\2">\s*([^<]+?)\s*</a>', page)
    assert {(lang, name) for _, lang, name in switcher} == {("de", "Deutsch"), ("en", "English"), ("ar", "العربية"), ("fa", "فارسی"),
                                                            ("tr", "Türkçe"), ("ru", "Русский")}
    for href, lang, _ in switcher:
        target = (site / "ar/programmes/reag" / href).resolve()
        assert target == (site / ("" if lang == "de" else lang) / "programmes/reag").resolve(), (lang, href)


def test_as_of_date_is_localised(built_fixture):
    _, site = built_fixture
    assert "Stand: 1. Juni 2026" in html_of(site, "programmes/reag")
    assert "As of 1 June 2026" in html_of(site, "en/programmes/reag")
    assert "۱ ژوئن ۲۰۲۶" in html_of(site, "fa/programmes/reag")


def test_fact_sheet_says_first_what_is_unconfirmed_and_cites_its_sources(built_fixture):
    _, site = built_fixture
    page = html_of(site, "countries/iq")
    article = page[page.index('<article'):]
    # one notice, above the title: draft and what the sheet is
    assert len(re.findall(r'class="rg-notice(?! rg-notice--offline)', article)) == 1
    notice = article.index("Entwurf: Diese Angaben sind noch nicht bestätigt.")
    assert notice < article.index("<h1") < article.index("Programme und Unterstützung") < article.index('id="checklist"')
    # the programme block, each fact with its source and date
    block = article[article.index('class="rg-programme"'):article.index("</section>")]
    assert "Einmalige Starthilfe" in block and "<strong>ja</strong>" in block
    assert '<a href="https://example.org/source" rel="noreferrer" hreflang="de"><bdi lang="de" dir="ltr">Eine Testquelle</bdi></a>, <time datetime="2026-01-01">1. Januar 2026</time>' in block
    assert 'href="https://wa.me/9647500000000"' in block
    # the sources, linked by title, with publisher and date; editors' notes nowhere
    meta = page[page.index('class="rg-page-meta"'):]
    assert '<bdi lang="de" dir="ltr">Sonderregelungen</bdi></a>' in meta and 'datetime="2026-11-01"' in meta
    assert "Internationale Organisation für Migration (IOM)" in meta
    assert "GEHEIME-REDAKTIONSNOTIZ" not in page and "FACTS.md" not in page


def test_contact_card_has_one_tap_phone_and_email(built_fixture):
    _, site = built_fixture
    page = html_of(site, "ar")
    assert re.search(r'<a class="rg-action" href="tel:\+4962321001000">.*?<bdi class="rg-ltr" dir="ltr">\+49 6232 100 1000</bdi>', page, re.S)
    assert 'href="mailto:iomdeberatung-rlp@iom.int"' in page


def test_no_third_party_resource_in_pages_or_stylesheets(built_fixture):
    """Nothing a page loads (script, stylesheet, image, font) comes from another host."""
    _, site = built_fixture
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for src in re.findall(r'<(?:script|link|img|source|iframe)[^>]+(?:src|href)="(https?:)?//([^"]+)"', text):
            assert src[1].startswith("rueckkehrberatung.example/"), (html, src)  # canonical/alternate links only
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), css
        assert not re.search(r"url\(['\"]?(https?:)?//", text), css


@pytest.mark.parametrize("case", ["yaml-syntax", "raw-script", "contradiction", "invalid-phone"])
def test_failed_build_leaves_the_previous_site_untouched(fixture_site, case):
    docs, site = fixture_site
    before = snapshot(site)
    shutil.copytree(FIXTURES / "bad" / case, docs, dirs_exist_ok=True)
    result = build(docs, site)
    assert result.returncode == 1
    assert ": error: " in result.stdout
    assert "nothing was written" in result.stderr
    assert snapshot(site) == before
    assert not list(site.parent.glob(".site-build-*")), "staging folder left behind"


def test_mkdocs_warning_fails_the_build_and_keeps_the_site(fixture_site):
    docs, site = fixture_site
    before = snapshot(site)
    page = docs / "de" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[kaputt](gibt-es-nicht.md)\n", encoding="utf-8")
    result = build(docs, site)
    assert result.returncode == 1
    assert "gibt-es-nicht.md" in result.stderr
    assert snapshot(site) == before
    assert not list(site.parent.glob(".site-build-*"))


def test_real_content_builds_in_all_languages(built_site):
    for prefix in ("", "en/", "ar/", "fa/"):
        for page in ("", "return-counselling/", "programmes/reag-garp/", "locations/iom-rlp/", "countries/iq/"):
            assert (built_site / prefix / page / "index.html").is_file(), prefix + page
    home = (built_site / "fa" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+4962321001000"' in home
    assert "rg-notice--fallback" not in home  # the Persian home page is translated


@pytest.mark.long
def test_two_builds_of_the_same_commit_are_byte_identical(built_site, tmp_path):
    # Another process (another hash seed), another output folder, an empty cache (every leaflet,
    # preview image and compressed file made anew) and another time zone: the same bytes,
    # leaflets included. Dates in the output come from the content, never from the clock.
    site = tmp_path / "again"
    result = run_cli("build", "--site-dir", str(site), "--cache-dir", str(tmp_path / "empty-cache"), "--today", TODAY,
                     env={"TZ": "Asia/Tehran", "PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = snapshot(built_site), snapshot(site)
    assert sorted(first) == sorted(second)
    assert any(name.endswith(".pdf") for name in first) and any(name.endswith(".br") for name in first)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == [], f"{len(differ)} file(s) differ between two builds, e.g. {differ[:10]}"


def test_a_translation_says_how_it_was_made_until_a_native_speaker_reviewed_it(fixture_site):
    _, site = fixture_site
    english = html_of(site, "en/programmes/reag")
    article = english[english.index("<article"):]
    assert "This translation was made with machine assistance and has not yet been checked by a native speaker" in article
    assert article.index("machine assistance") < article.index("<h1")
    # the German source says nothing of the kind; a German fallback page neither
    assert "maschinengestützt" not in html_of(site, "programmes/reag")
    assert "maschinengestützt" not in html_of(site, "fa/programmes/reag")


def test_a_country_sheet_quotes_what_leaving_means_under_its_own_heading(fixture_site):
    _, site = fixture_site
    page = html_of(site, "countries/iq")
    article = page[page.index("<article"):]
    # the programme page's text, once, under the sheet's own first section; the heading not repeated
    assert article.count('id="consequences"') == 1
    assert article.index('id="consequences"') < article.index("Eine einmalige, dauerhafte Ausreise.") < article.index('id="checklist"')
    assert "quote-text" not in article
