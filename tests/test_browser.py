"""The built site in Debian's Chromium at a phone's size, served on loopback."""

from __future__ import annotations

import json
import re

import pytest

from conftest import PHONE, ROOT, serve
from returnguide.model.languages import LANGUAGES as REGISTRY

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-results" / "screenshots"
LANGUAGES = [("de", "", "ltr"), ("en", "en/", "ltr"), ("ar", "ar/", "rtl"), ("fa", "fa/", "rtl"), ("tr", "tr/", "ltr"), ("ru", "ru/", "ltr")]


@pytest.mark.parametrize("lang,prefix,direction", LANGUAGES, ids=[l[0] for l in LANGUAGES])
def test_home_page_on_a_phone(phone, server, lang, prefix, direction):
    response = phone.goto(f"{server}/{prefix}", wait_until="networkidle")
    assert response.status == 200
    assert phone.evaluate("document.documentElement.lang") == lang
    assert phone.evaluate("document.body.dir") == direction
    assert phone.evaluate("getComputedStyle(document.querySelector('article')).direction") == direction

    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"

    call = phone.locator('a.rg-action[href="tel:+4962321001000"]')
    assert call.is_visible()
    assert phone.locator('a.rg-action[href="mailto:iomdeberatung-rlp@iom.int"]').is_visible()
    # the number reads left to right and whole, inside right-to-left text too
    assert call.locator("bdi").evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert call.locator("bdi").evaluate("e => e.getClientRects().length") == 1

    offsite = [url for url in phone.requests if not url.startswith(server + "/")]
    assert offsite == [], f"requests left the local server: {offsite}"
    assert phone.context.cookies() == []
    assert phone.errors == []
    assert phone.failed == []
    assert not [url for url in phone.requests if url.endswith("sitemap.xml")], "Material's language helper is off"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / f"home-{lang}.png"), full_page=True)


def test_language_switcher_leads_to_the_same_page(phone, server):
    phone.goto(f"{server}/programmes/reag-garp/", wait_until="networkidle")
    phone.locator(".md-header__option .md-select button").click()
    phone.get_by_role("link", name="فارسی").click()
    phone.wait_for_url(f"{server}/fa/programmes/reag-garp/")
    assert phone.evaluate("document.documentElement.lang") == "fa"
    assert phone.evaluate("document.body.dir") == "rtl"


def test_untranslated_page_shows_notice_and_german_text_left_to_right(phone, server, tmp_path, fixture_cache):
    # All real pages are translated; the fixture tree has untranslated Persian pages.
    from conftest import TODAY, make_tree, run_cli

    docs, site = make_tree(tmp_path), tmp_path / "site"
    assert run_cli("build", "--docs", str(docs), "--site-dir", str(site), "--today", TODAY, "--cache-dir", str(fixture_cache)).returncode == 0
    base, stop = serve(site)
    try:
        phone.goto(f"{base}/fa/programmes/reag/", wait_until="networkidle")
        notice = phone.locator(".rg-notice--fallback")
        assert notice.is_visible()
        assert "ترجمه نشده" in notice.inner_text()
        german = phone.locator('article div[lang="de"]')
        assert german.evaluate("e => getComputedStyle(e).direction") == "ltr"
        assert "Ein Programm" in german.inner_text()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SCREENSHOTS / "fallback-fa.png"), full_page=True)
    finally:
        stop()


def test_finder_works_without_javascript(browser, server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/fa/locations/")
        # the district itself (its German name in the summary), not a neighbour listing Kusel's reception centre
        place = page.locator("details.rg-region", has=page.locator("summary bdi[lang=de]", has_text="Kusel"))
        place.locator("summary").click()
        call = place.locator('a[href="tel:+4962321001000"]').first
        assert call.is_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "directory-fa.png"), full_page=False)
    finally:
        context.close()


@pytest.mark.parametrize("lang,prefix,direction", LANGUAGES, ids=[l[0] for l in LANGUAGES])
def test_fact_sheet_warns_first_and_fits_a_phone(phone, server, lang, prefix, direction):
    # Syria: assisted return is "limited", so the warning comes before anything else.
    assert phone.goto(f"{server}/{prefix}countries/sy/").status == 200
    article = phone.locator("article")
    first = article.locator(":scope > *:not(a):not([hidden])").first
    assert "rg-notice--important" in first.get_attribute("class")
    assert first.evaluate("e => getComputedStyle(e).direction") == direction
    ids = article.locator("h2[id]").evaluate_all("hs => hs.map(h => h.id)")
    sections = [i for i in ids if not i.startswith("rg-")]
    assert sections[:9] == ["consequences", "checklist", "health", "labour", "housing", "social-welfare",
                            "education", "reintegration", "contacts"]
    if "rg-programme-title" in ids:  # the programme block comes before the text
        assert ids.index("rg-programme-title") < ids.index("checklist")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / f"country-sy-{lang}.png"), full_page=True)


def test_arabic_directory_on_a_phone(phone, server):
    assert phone.goto(f"{server}/ar/locations/").status == 200
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    place = phone.locator("details.rg-region", has_text="Trier").first
    place.locator("summary").click()
    assert place.locator('a[href^="tel:"]').first.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "directory-ar.png"), full_page=False)


def test_leaflet_catalogue_filters_by_language_and_target_group(phone, server, built_site):
    import json

    # drafts are not offered for printing
    manifest = [e for e in json.loads((built_site / "materials" / "manifest.json").read_text(encoding="utf-8"))["leaflets"]
                if not e["draft"]]
    assert phone.goto(f"{server}/fa/materials/").status == 200
    items = phone.locator("li.rg-leaflet")
    assert items.count() == len(manifest)
    form = phone.locator("form.rg-catalogue-filter")
    assert form.is_visible()
    form.locator("select[name=lang]").select_option("fa")
    visible = phone.locator("li.rg-leaflet:visible")
    assert visible.count() == sum(e["languages"] == ["fa"] for e in manifest)
    group = next(e["target_group"] for e in manifest if e["languages"] == ["fa"])
    form.locator("select[name=group]").select_option(group)
    assert visible.count() == sum(e["languages"] == ["fa"] and e["target_group"] == group for e in manifest)
    href = visible.first.locator("a").get_attribute("href")
    assert phone.request.get(f"{server}/fa/materials/{href}").headers["content-type"] == "application/pdf"
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "catalogue-fa.png"), full_page=False)


@pytest.mark.parametrize("lang,prefix,direction", LANGUAGES, ids=[l[0] for l in LANGUAGES])
def test_share_panel_copies_the_address_and_shows_the_qr_code(phone, server, lang, prefix, direction):
    from returnguide.model.languages import LANGUAGES as REGISTRY

    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    assert phone.goto(f"{server}/{prefix}countries/sy/", wait_until="networkidle").status == 200
    panel = phone.locator("section.rg-share")
    address = panel.locator("input#rg-share-url").input_value()
    assert address == f"https://rueckkehrberatung.example/{prefix}countries/sy/"
    copy = panel.locator("button.rg-share__copy")
    assert copy.is_visible()  # share.js shows it; without script the address can be selected by hand
    copy.click()
    from playwright.sync_api import expect

    expect(panel.locator(".rg-share__status")).to_have_text(REGISTRY[lang].t("Link kopiert"))
    assert phone.evaluate("navigator.clipboard.readText()") == address
    for link in panel.locator(".rg-share__links a").all():
        assert link.get_attribute("href").startswith(("https://wa.me/", "https://t.me/", "https://www.facebook.com/"))
        assert link.bounding_box()["height"] >= 44  # a tap target
    panel.locator("details summary").click()
    qr = panel.locator("details img")
    qr.scroll_into_view_if_needed()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    offsite = [url for url in phone.requests if not url.startswith(server + "/")]
    assert offsite == [], f"requests left the local server: {offsite}"
    assert phone.errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    panel.screenshot(path=str(SCREENSHOTS / f"share-{lang}.png"))


def test_campaign_kit_on_a_phone(phone, server):
    assert phone.goto(f"{server}/materials/campaigns/", wait_until="networkidle").status == 200
    items = phone.locator("li.rg-kit__item")
    assert items.count() >= 6
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    png = items.first.locator('a[download$=".png"]').first.get_attribute("href")
    assert phone.request.get(f"{server}/materials/campaigns/{png}").headers["content-type"] == "image/png"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "campaign-kit-de.png"), full_page=True)


# (language, what the reader types, the page that must come first). Arabic-script queries
# are written the way readers type them: Arabic letter forms on a Persian page, no hamza,
# heh for teh marbuta, diacritics and tatweel, Persian or Arabic-Indic digits, no ZWNJ.
SEARCHES = [
    ("de", "", "ruckkehr nach syrien", "countries/sy/"),
    ("de", "", "Rückkehr nach Syrien", "countries/sy/"),
    ("en", "en/", "passport", "en/questions/"),
    ("ar", "ar/", "العوده الي سوريا", "ar/countries/sy/"),
    ("ar", "ar/", "العَـوْدَة إلى سوريا", "ar/countries/sy/"),
    ("ar", "ar/", "٦٢٣٢", "ar/locations/iom-rlp/"),
    ("fa", "fa/", "REAG", "fa/programmes/reag-garp/"),
    ("fa", "fa/", "\u0643\u0644\u0645\u0628\u064a\u0627", "fa/countries/co/"),  # کلمبیا typed with Arabic kaf and yeh
    ("fa", "fa/", "۶۲۳۲", "fa/locations/iom-rlp/"),
]


def _search(phone, server, prefix, query):
    phone.goto(f"{server}/{prefix}", wait_until="networkidle")
    phone.locator('[data-rg-toggle="__search"]').click()
    box = phone.locator('form[name="rg-search"] input[name="q"]')
    box.fill(query)
    results = phone.locator(".md-search-result__list a")
    results.first.wait_for()
    return [phone.evaluate("a => new URL(a.href).pathname", a.element_handle()) for a in results.all()]


@pytest.mark.parametrize("lang,prefix,query,first", SEARCHES, ids=[f"{s[0]}-{i}" for i, s in enumerate(SEARCHES)])
def test_search_finds_the_page_in_the_readers_language(phone, server, lang, prefix, query, first):
    found = _search(phone, server, prefix, query)
    assert found[0] == f"/{first}", found
    others = [f"/{p}/" for code, p, *_ in LANGUAGES if p and code != lang]
    assert all(path.startswith(f"/{prefix}") and not path.startswith(tuple(others)) for path in found), found
    assert phone.locator(".md-search-result__list mark").count() > 0
    requested = [url for url in phone.requests if "/search/" in url]
    assert requested == [f"{server}/search/{lang}.json"], "only the reader's language's index is loaded"
    assert phone.errors == []


def test_persian_search_ignores_zero_width_non_joiner(phone, server):
    assert _search(phone, server, "fa/", "میشود") == _search(phone, server, "fa/", "می\u200cشود")


def test_search_result_leads_to_the_section(phone, server):
    _search(phone, server, "fa/", "REAG")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.wait_for_timeout(600)  # the overlay fades in
    phone.screenshot(path=str(SCREENSHOTS / "search-fa.png"))
    phone.locator(".md-search-result__list a").first.click()
    phone.wait_for_load_state()
    assert phone.evaluate("location.pathname") == "/fa/programmes/reag-garp/"


def _cached(phone) -> list[str]:
    return phone.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        }
        return urls;
    }""")


def test_pages_of_the_readers_language_open_again_offline(phone, server, built_site):
    import re

    from returnguide.model.languages import LANGUAGES as REGISTRY

    assert phone.goto(f"{server}/fa/countries/sy/", wait_until="networkidle").status == 200
    phone.evaluate("navigator.serviceWorker.ready")
    core = ["/fa/", "/fa/return-counselling/", "/fa/programmes/reag-garp/", "/fa/locations/"]
    version = re.search(r'const VERSION = "([^"]+)"', (built_site / "sw.js").read_text(encoding="utf-8")).group(1)
    phone.wait_for_function("([core, name]) => caches.open(name).then(c => c.keys()).then(keys => "
                            "core.every(p => keys.some(k => new URL(k.url).pathname === p)))", arg=[core, f"{version}-pages"])
    leaflet = "/materials/country-sy-fa-a4.pdf"
    assert phone.evaluate("url => fetch(url).then(r => r.status)", leaflet) == 200  # a leaflet the reader opened
    cached = _cached(phone)
    pages = [u for u in cached if u.endswith("/")]
    assert set(pages) == set(core) | {"/fa/countries/sy/"}, "only the reader's language is kept"
    assert "/search/places.json" in cached, "the finder's index is kept with the directory"
    assert not [u for u in cached if u.startswith("/search/") and u not in ("/search/fa.json", "/search/places.json")]
    assert phone.locator("[data-rg-offline]").is_hidden()

    phone.context.set_offline(True)
    phone.reload()
    notice = phone.locator("[data-rg-offline]")
    assert notice.is_visible()
    assert notice.inner_text().startswith(REGISTRY["fa"].t("Die Verbindung fehlt oder ist zu langsam. Diese Seite ist auf Ihrem Gerät gespeichert und zeigt den Stand vom {date}.", date="\x00").split("\x00")[0])
    assert "۱۴۰۵" in notice.inner_text() or "۲۰۲۶" in notice.inner_text()  # the date, in Persian digits
    assert phone.locator("h1").inner_text() == "بازگشت به سوریه"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "offline-fa.png"))

    phone.goto(f"{server}/fa/locations/")  # a core page the reader never opened
    assert phone.locator("[data-rg-offline]").is_visible()
    assert phone.evaluate("url => fetch(url).then(r => r.headers.get('content-type'))", leaflet) == "application/pdf"
    phone.context.set_offline(False)


def _sw_version(built_site) -> str:
    import re

    return re.search(r'const VERSION = "([^"]+)"', (built_site / "sw.js").read_text(encoding="utf-8")).group(1)


def test_saved_pages_expire_are_capped_and_can_be_forgotten(phone, server, built_site):
    """A shared phone: copies older than 30 days go, at most 40 pages stay, and the button on the
    privacy page (and in the offline notice) clears everything the site kept on the device."""
    pages = f"{_sw_version(built_site)}-pages"
    assert phone.goto(f"{server}/fa/countries/sy/", wait_until="networkidle").status == 200
    phone.evaluate("navigator.serviceWorker.ready")
    phone.wait_for_function("name => caches.open(name).then(c => c.keys()).then(k => k.length >= 5)", arg=pages)
    # An old copy and 45 recent ones, put there as the worker would have, then a new visit prunes.
    phone.evaluate("""async (name) => {
        const cache = await caches.open(name);
        const old = Date.now() - 31 * 24 * 3600 * 1000;
        await cache.put(location.origin + '/fa/very-old/', new Response('x', {headers: {'x-rg-saved': String(old)}}));
        for (let i = 0; i < 45; i++)
            await cache.put(location.origin + `/fa/filler-${i}/`, new Response('x', {headers: {'x-rg-saved': String(Date.now() - 1000 - i)}}));
        localStorage.setItem('rg-test', 'x');
    }""", pages)
    phone.goto(f"{server}/fa/legal/privacy/", wait_until="networkidle")
    phone.wait_for_function("""name => caches.open(name).then(c => c.keys()).then(keys =>
        keys.length <= 40 && !keys.some(k => k.url.endsWith('/fa/very-old/')))""", arg=pages)
    kept = phone.evaluate("name => caches.open(name).then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))", pages)
    assert "/fa/legal/privacy/" in kept, "the page just opened is the newest and stays"

    button = phone.get_by_role("button", name=REGISTRY_T("fa", "Auf diesem Gerät gespeicherte Seiten löschen"))
    assert button.is_visible()
    button.click()
    from playwright.sync_api import expect

    expect(button.locator("xpath=..").locator("[data-rg-forget-done]")).to_have_text(
        REGISTRY_T("fa", "Gelöscht: Diese Website hat auf diesem Gerät nichts mehr gespeichert."))
    assert phone.evaluate("caches.keys()") == []
    assert phone.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    assert phone.evaluate("localStorage.length") == 0


def REGISTRY_T(code: str, message: str) -> str:
    from returnguide.model.languages import LANGUAGES as REGISTRY

    return REGISTRY[code].t(message)


@pytest.mark.parametrize("lang,prefix", [("de", ""), ("en", "en/")])
def test_events_page_lists_the_trier_conference_in_the_archive(phone, server, lang, prefix):
    # The build's date (tests: 2026-12-03) is after the conference of July 2024.
    phone.goto(f"{server}/{prefix}events/", wait_until="networkidle")
    assert phone.locator("#rg-events-upcoming + ul").count() == 0, "no upcoming events on the real site"
    archive = phone.locator("#rg-events-archive + ul li")
    assert archive.count() == 1 and "2024" in archive.first.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")
    phone.locator("#rg-events-archive + ul a").first.click()
    phone.wait_for_load_state("networkidle")
    # it has taken place: the page says so and offers no calendar entry; its file stays at its address
    assert phone.locator(".rg-event .rg-notice").last.inner_text() == REGISTRY[lang].t("Diese Veranstaltung hat schon stattgefunden.")
    assert phone.locator(".rg-event a[download]").count() == 0
    entry = phone.request.get(f"{server}/{prefix}events/2024-07-fachtagung-trier.ics")
    assert entry.ok and "BEGIN:VEVENT" in entry.text()
    data = [json.loads(s) for s in phone.locator('script[type="application/ld+json"]').all_text_contents()]
    assert any(d.get("@type") == "Event" and d["startDate"] == "2024-07-04" for d in data)


def test_arabic_and_persian_navigation_has_no_pages_for_staff(phone, server, built_site):
    for code in ("ar", "fa"):
        html = (built_site / code / "index.html").read_text(encoding="utf-8")
        assert "professionals/" not in html and "events/" not in html, code
        assert not (built_site / code / "professionals").exists() and not (built_site / code / "events").exists()
        response = phone.goto(f"{server}/{code}/professionals/")
        assert response.status == 404 and phone.evaluate("document.documentElement.lang") == REGISTRY[code].tag
    # On a staff page, the Arabic and Persian entries of the language switcher lead to their home pages.
    phone.goto(f"{server}/professionals/", wait_until="networkidle")
    assert phone.locator('a.md-select__link[hreflang="ar"]').get_attribute("href").rstrip("/").endswith("/ar")


@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_turkish_and_russian_offline_notice_and_forget_button_speak_the_readers_language(phone, server, lang):
    """Issue 23: the offline notice (with its date in the reader's language) and the privacy
    page's button that deletes everything the site kept, in Turkish and Russian."""
    from playwright.sync_api import expect

    from returnguide.model.languages import LANGUAGES as REGISTRY

    assert phone.goto(f"{server}/{lang}/legal/privacy/", wait_until="networkidle").status == 200
    phone.evaluate("navigator.serviceWorker.ready")
    notice = phone.locator("[data-rg-offline] p[role=status]")
    start = REGISTRY[lang].t("Die Verbindung fehlt oder ist zu langsam. Diese Seite ist auf Ihrem Gerät gespeichert und zeigt den Stand vom {date}.", date="\x00").split("\x00")[0]
    phone.context.set_offline(True)
    phone.evaluate("window.dispatchEvent(new Event('offline'))")
    expect(notice).to_be_visible()
    assert notice.inner_text().startswith(start), notice.inner_text()
    assert re.search({"tr": r"\d+ Aralık 2026", "ru": r"\d+ декабря 2026\sг\."}[lang], notice.inner_text()), notice.inner_text()
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    button = phone.get_by_role("button", name=REGISTRY_T(lang, "Auf diesem Gerät gespeicherte Seiten löschen"))
    assert button.is_visible()
    button.click()
    expect(button.locator("xpath=..").locator("[data-rg-forget-done]")).to_have_text(
        REGISTRY_T(lang, "Gelöscht: Diese Website hat auf diesem Gerät nichts mehr gespeichert."))
    assert phone.evaluate("caches.keys()") == []
    assert phone.errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / f"privacy-{lang}.png"), full_page=False)


# Where each word of an element is drawn, in the order of the text (JavaScript, an element → [[word, top, right]]).
WORDS_DRAWN = """p => { const out = [];
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) for (const w of n.textContent.matchAll(/\\S+/g)) {
    const r = document.createRange(); r.setStart(n, w.index); r.setEnd(n, w.index + w[0].length);
    const b = r.getBoundingClientRect(); out.push([w[0], Math.round(b.top), Math.round(b.right)]); }
  return out; }"""


@pytest.mark.parametrize("prefix", ["ar/", "fa/"])
def test_a_leaflets_languages_and_format_read_right_to_left_in_order(phone, server, prefix):
    """"English + Deutsch · A4 (…)" in an Arabic or Persian catalogue: each Latin name is set apart, so
    the line reads from the right in the order of the text (a Latin name beside "A4" ran into it
    and the reader met "A4" first, its note beside the language)."""
    phone.goto(f"{server}/{prefix}materials/", wait_until="networkidle")
    facts = phone.locator(".rg-leaflet__facts").filter(has_text="English").first
    words = facts.evaluate(WORDS_DRAWN)
    first_line = [w for w in words if w[1] == words[0][1]]
    assert sorted(w[0] for w in first_line[:3]) == ["+", "Deutsch", "English"], words
    rights = [w[2] for w in first_line]
    assert rights == sorted(rights, reverse=True), f"not drawn from right to left in the text's order: {first_line}"


# Every German place name that stands in brackets beside its name in the reader's script: the
# lines on which "(", the name and ")" are drawn (tops of their boxes, a line apart or not).
GERMAN_NAME_LINES = """() => { document.querySelectorAll('details').forEach(d => { d.open = true; });
  const out = [];
  for (const name of document.querySelectorAll('article bdi[lang="de"]')) {
    const before = name.previousSibling, after = name.nextSibling;
    if (!before || !after || !before.textContent.endsWith('(') || !after.textContent.startsWith(')')) continue;
    const r = document.createRange(); r.setStart(before, before.textContent.length - 1); r.setEnd(after, 1);
    const tops = [...r.getClientRects()].filter(b => b.width > 0).map(b => b.top);
    const height = parseFloat(getComputedStyle(name).lineHeight) || 20;
    out.push([name.textContent, (Math.max(...tops) - Math.min(...tops)) / height]); }
  return out; }"""


@pytest.mark.parametrize("path", ["ar/locations/", "fa/locations/", "ru/locations/", "ar/locations/postcodes/54/"])
def test_a_german_place_name_in_brackets_is_never_broken_on_a_phone(phone, server, path):
    """"آيفلكرايس بيتبورغ-بروم (Eifelkreis Bitburg-Prüm)": the German name and its brackets on one
    line at 360 px; broken at the hyphen, a reader met "(Eifelkreis Bitburg-" and "Prüm)" on two
    lines, or a lone "(" at a line's start."""
    phone.goto(f"{server}/{path}", wait_until="networkidle")
    names = phone.evaluate(GERMAN_NAME_LINES)
    assert len(names) >= 5, names
    broken = [name for name, lines in names if lines > 0.5]
    assert broken == [], f"German names broken over lines on {path}: {broken}"


SMALLEST_TEXT = """() => { const out = [];
  for (const e of document.querySelectorAll('.md-content *')) {
    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < 14) out.push(`${size}px ${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 40)}`); }
  return out; }"""


@pytest.mark.parametrize("prefix", ["ar/", "fa/"])
def test_arabic_script_is_never_set_below_14_px(phone, server, prefix):
    """A fact's source, the list of sources and the share box's small print: Material sets them at
    12.8 px, hard to read in Naskh (its letters sit lower, its dots are small); at least 14 px in
    Arabic and Persian."""
    for rel in ["countries/ir/", "programmes/reag-garp/", "locations/iom-rlp/", ""]:
        phone.goto(f"{server}/{prefix}{rel}", wait_until="load")
        phone.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        assert phone.evaluate(SMALLEST_TEXT) == [], f"/{prefix}{rel}"


@pytest.mark.parametrize("prefix", ["ar/", "fa/"])
def test_a_latin_run_in_arabic_script_is_drawn_in_one_latin_font(phone, server, prefix):
    """"Laissez‑passer", a German name, an e-mail address inside Arabic or Persian: Noto Naskh Arabic
    has a few Latin signs of its own (its non-breaking hyphen sat low, like an underscore, between
    two Noto Sans words); such a run is drawn in Noto Sans alone."""
    phone.goto(f"{server}/{prefix}programmes/reag-garp/", wait_until="load")
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    runs = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": 'article bdi[dir="ltr"], article span[dir="ltr"]'})["nodeIds"]
    assert len(runs) >= 10
    mixed = []
    for node in runs:
        fonts = {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
        if fonts - {"Noto Sans"}:
            mixed.append((cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"][:80], sorted(fonts)))
    assert mixed == [], mixed
