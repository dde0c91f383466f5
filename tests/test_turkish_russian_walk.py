"""Issue 23, done when: a reader of Turkish and a reader of Russian walk the site at 360 px in
Chromium against nginx — the home page, the sheet of their own country (reached from the German
sheet through the language switcher), the finder (54290, "Trier", "Трир") and the search (an
inflected or differently cased word) — and meet their own language all the way: the page's
language, the translation record's notice, the consequences first, German names of offices marked
lang="de", no request to another host. Screenshots of each step land in test-results/ to be looked at."""

from __future__ import annotations

import re

import pytest
from test_finder import typed
from test_search_languages import _search

from conftest import ROOT
from returnguide.model.languages import LANGUAGES

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-results" / "screenshots"
# (language, its prefix, the country whose sheet its readers return to, the switcher's name, a search case)
WALKS = [
    ("tr", "tr/", "tr", "Türkçe", ("İLETİŞİM", "iletişim")),  # Turkish case folding: İ/i, I/ı
    ("ru", "ru/", "ru", "Русский", ("возвращениями", "возвращение")),  # an inflected form finds the others
]


def shot(phone, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / f"walk-{name}.png"), full_page=True)


@pytest.mark.parametrize("lang,prefix,country,native,queries", WALKS, ids=[w[0] for w in WALKS])
def test_a_reader_walks_home_own_country_finder_and_search(phone, server, lang, prefix, country, native, queries):
    language = LANGUAGES[lang]

    # 1. the home page in the reader's language
    assert phone.goto(f"{server}/{prefix}", wait_until="networkidle").status == 200
    assert phone.evaluate("document.documentElement.lang") == lang and phone.evaluate("document.body.dir") == "ltr"
    assert phone.locator('meta[property="og:locale"]').get_attribute("content") == language.og_locale
    assert phone.locator('a.rg-action[href^="tel:"]').first.is_visible()  # one tap to call
    shot(phone, f"home-{lang}")

    # 2. the German sheet of their country, then their language through the switcher
    phone.goto(f"{server}/countries/{country}/", wait_until="networkidle")
    phone.locator(".md-header__option .md-select button").click()
    phone.get_by_role("link", name=native).click()
    phone.wait_for_url(f"{server}/{prefix}countries/{country}/")
    assert phone.evaluate("document.documentElement.lang") == lang
    article = phone.locator("article")
    notice = language.t("Diese Übersetzung wurde maschinengestützt erstellt und noch nicht von einer Muttersprachlerin "
                        "oder einem Muttersprachler geprüft. Im Zweifel gilt die deutsche Fassung.")
    assert notice != "Diese Übersetzung wurde maschinengestützt erstellt" and notice in article.inner_text()
    ids = article.locator("h2[id]").evaluate_all("hs => hs.map(h => h.id)")
    assert [i for i in ids if not i.startswith("rg-")][:2] == ["consequences", "checklist"], ids
    # the consequences, quoted from the programme page in this language, come first and stand apart
    consequences = phone.locator("#consequences ~ *").first
    assert consequences.inner_text().strip(), "the consequences section is empty"
    # German names the reader meets on letters stay German, marked so a screen reader switches voice
    german = article.locator("[lang=de]").all_inner_texts()
    assert "Ausländerbehörde" in german or "Grenzübertrittsbescheinigung" in german, german
    assert phone.locator(f'link[rel=alternate][hreflang="{lang}"]').get_attribute("href").endswith(f"/{prefix}countries/{country}/")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the sheet scrolls sideways by {overflow}px"
    shot(phone, f"country-{country}-{lang}")

    # 3. the finder: the postcode and the town's name, in the reader's script where it has one
    phone.goto(f"{server}/{prefix}locations/", wait_until="networkidle")
    city = f"({language.t('Stadt')})"
    trier = f"Трир (Trier) {city}" if lang == "ru" else f"Trier {city}"
    cases = ["54290", "Trier"] + (["Трир"] if lang == "ru" else [])
    for query in cases:
        answer = typed(phone, query)
        assert trier in answer["regions"], (query, answer)
        assert answer["tel"] >= 1 and answer["mail"] >= 1, (query, answer)
    shot(phone, f"finder-{lang}")

    # 4. the search: two spellings of one word find the same pages of this language
    first, second = (set(_search(phone, server, prefix, q)) for q in queries)
    assert first and first == second, (queries, first, second)
    assert all(re.search(f"/{lang}/", u) for u in first), first
    shot(phone, f"search-{lang}")

    offsite = [url for url in phone.requests if not url.startswith(server + "/")]
    assert offsite == [], f"requests left the local server: {offsite}"
    assert phone.errors == [] and phone.failed == []
