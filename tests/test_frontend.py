"""The front end's defects, each pinned down: the search when its index cannot be fetched and when
opened from a ?q= link, the highlighted terms' contrast, right-to-left pages without JavaScript
and while loading, submit buttons on every form, fingerprinted assets and the service worker's
version. Chromium at a phone's width against nginx with deploy/nginx.conf, as in test_browser.py."""

from __future__ import annotations

import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import PHONE, ROOT, serve
from returnguide.model.languages import DEFAULT_LANGUAGE, LANGUAGES
from returnguide.site import editor, fingerprint

SEARCH_FAILED = 'Die Suche konnte nicht geladen werden. Bitte versuchen Sie es gleich noch einmal.'

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-results" / "screenshots"


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


# --- 1. A failed index fetch is not kept ---------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("failure", ["abort", "500"])
def test_search_tries_again_after_the_index_could_not_be_fetched(browser, server, failure):
    from playwright.sync_api import expect

    # Without the service worker, whose own requests the browser does not let a test intercept
    # (it passes the failure on to the page as it is).
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    phone = context.new_page()
    errors = []
    phone.on("pageerror", lambda e: errors.append(str(e)))

    index = f"{server}/search/ar.json"
    fetched, failing = [], [True]

    def answer(route):  # no signal (or an error answer) until the reader tries again
        fetched.append("failed" if failing[0] else "served")
        if not failing[0]:
            route.continue_()
        elif failure == "abort":
            route.abort("internetdisconnected")
        else:
            route.fulfill(status=500, body="")

    phone.route(index, answer)
    phone.goto(f"{server}/ar/", wait_until="networkidle")
    phone.locator('[data-rg-toggle="__search"]').click()  # opening the search fetches the index
    box = phone.locator('form[name="rg-search"] input[name="q"]')
    box.fill("العودة")
    meta = phone.locator(".md-search-result__meta")
    expect(meta).to_have_text(LANGUAGES["ar"].t(SEARCH_FAILED))  # said in the page's language
    assert phone.locator(".md-search-result__list a").count() == 0
    assert fetched and set(fetched) == {"failed"}

    failing[0] = False  # the connection is back; the reader types on
    box.fill("العودة إلى")
    phone.locator(".md-search-result__list a").first.wait_for(timeout=5000)
    assert fetched[-1] == "served"
    assert meta.inner_text() != LANGUAGES["ar"].t(SEARCH_FAILED)
    assert errors == [], "a failed fetch is handled, not thrown"
    context.close()


# --- 2. A ?q= link opens the search as the header's button does -----------------------------------

QUERIES = [("de", "", "beratung"), ("ar", "ar/", "العودة"), ("fa", "fa/", "بازگشت")]


@pytest.mark.browser
@pytest.mark.parametrize("lang,prefix,query", QUERIES, ids=[q[0] for q in QUERIES])
def test_a_search_link_opens_the_search_within_a_phones_width(phone, server, lang, prefix, query):
    phone.goto(f"{server}/{prefix}?q={query}", wait_until="networkidle")
    phone.locator(".md-search-result__list a").first.wait_for()
    phone.wait_for_timeout(600)  # the overlay has faded in and the page behind it is locked
    assert phone.evaluate("document.activeElement.matches('form[name=\"rg-search\"] input[name=q]')")
    assert phone.locator('form[name="rg-search"] input[name="q"]').input_value() == query
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate("document.getElementById('__search').checked")
    assert phone.locator('[data-rg-toggle="__search"]').get_attribute("aria-expanded") == "true"
    assert phone.errors == []


# --- 3. Highlighted search terms: contrast ---------------------------------------------------------

CONTRAST = """mark => {
  const rgba = (c) => { const [r, g, b, a = 1] = c.match(/[\\d.]+/g).map(Number); return [r, g, b, a]; };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
  // the background the mark is seen on: every background behind it, composed over white
  const layers = [];
  for (let e = mark; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
  let bg = [255, 255, 255];
  for (const layer of layers.reverse()) bg = over(layer, bg);
  const fg = over(rgba(getComputedStyle(mark).color), bg);
  const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang,prefix,query", QUERIES, ids=[q[0] for q in QUERIES])
def test_highlighted_search_terms_are_readable(phone, server, lang, prefix, query):
    phone.add_init_script(path=str(AXE))
    phone.goto(f"{server}/{prefix}?q={query}", wait_until="networkidle")
    marks = phone.locator(".md-search-result__list mark")
    marks.first.wait_for()
    phone.wait_for_timeout(600)
    assert phone.evaluate("document.documentElement.dataset.mdColorScheme || document.body.dataset.mdColorScheme") == "default"
    ratios = [round(m.evaluate(CONTRAST), 2) for m in marks.all()[:5]]
    assert min(ratios) >= 4.5, f"contrast of highlighted terms: {ratios}"
    found = phone.evaluate("axe.run({include: [['.md-search-result']]}, {runOnly: ['color-contrast']})"
                           ".then(r => r.violations.flatMap(v => v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)))")
    assert found == []


# --- 4. Right-to-left pages: direction on <html>, no overflow, no shift -----------------------------

RTL_PAGES = ["ar/", "ar/countries/sy/", "fa/", "fa/countries/sy/"]


@pytest.mark.browser
@pytest.mark.parametrize("path", RTL_PAGES)
def test_right_to_left_pages_fit_a_phone_without_javascript(browser, server, path):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True,
                                  java_script_enabled=False)
    page = context.new_page()
    try:
        assert page.goto(f"{server}/{path}").status == 200
        assert page.evaluate("[document.documentElement.getAttribute('dir'), document.body.getAttribute('dir')]") == ["rtl", "rtl"]
        assert page.evaluate("document.documentElement.lang") == path[:2]
        assert overflow(page) <= 0, "the page scrolls sideways"
        assert page.evaluate("innerWidth") == PHONE["width"], "the phone lays the page out wider than its screen"
        # the first line of text starts (on the right) inside the screen
        line = page.evaluate("""() => { const p = [...document.querySelectorAll('article p')].find(p => p.offsetParent);
                                        const r = p.getClientRects()[0]; return [r.left, r.right]; }""")
        assert 0 <= line[0] and line[1] <= PHONE["width"], line
        if path == "fa/countries/sy/":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "no-javascript-fa.png"))
    finally:
        context.close()


# Every layout shift counts: nobody touches the page here, and Chrome marks the shift that a
# phone's change of layout width causes as "after input" (hadRecentInput), which would hide it.
LAYOUT_SHIFT = """window.rgShift = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.rgShift += e.value; })
  .observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", *RTL_PAGES])
def test_pages_do_not_shift_while_loading(phone, server, path):
    # On a slow connection the page is painted before the scripts have arrived (as Lighthouse's
    # throttled phone sees it): hold the one that changes the header (keyboard.js) back for a second.
    phone.add_init_script(LAYOUT_SHIFT)
    phone.route("**/assets/javascripts/keyboard.*.js", lambda route: (time.sleep(1), route.continue_()))
    phone.goto(f"{server}/{path}", wait_until="networkidle")
    phone.wait_for_timeout(500)
    assert phone.evaluate("window.rgShift") < 0.01
    assert overflow(phone) <= 0


def test_base_template_is_materials_with_the_direction_on_html():
    """overrides/base.html is a copy of Material's (its <html> is in no block): the same but for
    the direction on <html> and a fonts block that names no font service (Material's asks Google
    Fonts unless `font: false`). When Material is upgraded, refresh the copy."""
    import material

    ours = (ROOT / "overrides" / "base.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    body = ours[ours.index("-#}\n") + 4:]
    theirs = theirs[theirs.index("-#}\n") + 4:]
    html = """<html lang="{{ lang.t('language') }}" class="no-js">"""
    assert theirs.count(html) == 1
    start, end = "    {% block fonts %}", "    {% endblock %}"
    fonts = theirs[theirs.index(start):theirs.index(end, theirs.index(start)) + len(end)]
    assert "<link" in fonts and "//" in fonts  # the block we replace: Material's request to a font service
    ours_fonts = body[body.index(start):body.index(end, body.index(start)) + len(end)]
    # ours asks no host at all (no address, no <link>, no @import)
    assert "//" not in ours_fonts and "<link" not in ours_fonts and "@import" not in ours_fonts
    theirs = theirs.replace(fonts, ours_fonts)
    assert body == theirs.replace(html, """<html lang="{{ lang.t('language') }}" dir="{{ config.theme.direction or lang.t('direction') }}" class="no-js">"""), \
        "Material's base.html changed: copy it again into overrides/base.html with dir on <html>"


# --- 5. Every form has a submit button with a name in the page's language -------------------------

BY_TAG = {lang.tag: lang for lang in LANGUAGES.values()}


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang, self.forms, self._form, self._button = None, [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "form":
            self._form = {"attrs": a, "submits": []}
            self.forms.append(self._form)
        elif self._form is not None and tag == "button" and a.get("type", "submit") == "submit":
            self._button = {"name": a.get("aria-label") or "", "text": ""}
            self._form["submits"].append(self._button)
        elif self._form is not None and tag == "input" and a.get("type") in ("submit", "image"):
            self._form["submits"].append({"name": a.get("aria-label") or a.get("value") or a.get("alt") or "", "text": ""})

    def handle_data(self, data):
        if self._button is not None:
            self._button["text"] += data

    def handle_endtag(self, tag):
        if tag == "button":
            self._button = None
        elif tag == "form":
            self._form = None


def test_every_form_has_a_submit_button_with_a_name(built_site):
    seen, missing = {"rg-search": 0, "rg-catalogue-filter": 0}, []
    for page in sorted(built_site.rglob("*.html")):
        parser = _Forms()
        parser.feed(page.read_text(encoding="utf-8"))
        for form in parser.forms:
            names = [(b["name"] or b["text"]).strip() for b in form["submits"]]
            where = f"{page.relative_to(built_site)}: <form {form['attrs']}>"
            if not any(names):
                missing.append(where)
                continue
            lang = BY_TAG[parser.lang]
            if form["attrs"].get("name") == "rg-search":
                seen["rg-search"] += 1
                assert lang.t("Suchen") in names, where
            if "rg-catalogue-filter" in (form["attrs"].get("class") or ""):
                seen["rg-catalogue-filter"] += 1
                assert lang.t("Filter anwenden") in names, where
    assert missing == [], "forms without a submit button (HTML_CodeSniffer H32.2):\n" + "\n".join(missing)
    assert seen["rg-search"] >= len(LANGUAGES) * 30 and seen["rg-catalogue-filter"] == len(LANGUAGES), seen


@pytest.mark.browser
def test_the_search_button_searches(phone, server):
    phone.goto(f"{server}/fa/", wait_until="networkidle")
    phone.locator('[data-rg-toggle="__search"]').click()
    box = phone.locator('form[name="rg-search"] input[name="q"]')
    box.evaluate("(input, q) => { input.value = q; }", "REAG")  # typed, but no input event: only the button searches
    phone.keyboard.press("Tab")
    button = phone.locator("button.rg-search__submit")
    assert phone.evaluate("document.activeElement.classList.contains('rg-search__submit')"), "reached by the keyboard"
    assert button.get_attribute("aria-label") == LANGUAGES["fa"].t("Suchen")
    assert button.bounding_box()["width"] >= 40
    phone.keyboard.press("Enter")
    phone.locator(".md-search-result__list a").first.wait_for()
    assert phone.evaluate("location.pathname") == "/fa/", "searched in the page, not sent away"
    assert phone.errors == []


@pytest.mark.browser
def test_the_catalogue_filter_button_applies_the_filter_and_the_address_keeps_it(phone, server, built_site):
    import json

    # the catalogue offers the leaflets that are not drafts
    manifest = [e for e in json.loads((built_site / "materials" / "manifest.json").read_text(encoding="utf-8"))["leaflets"]
                if not e["draft"]]
    german = sum(e["languages"] == ["de"] for e in manifest)
    partners = sum(e["languages"] == ["de"] and e["target_group"] == "partners" for e in manifest)
    assert 0 < partners < german < len(manifest)

    phone.goto(f"{server}/fa/materials/", wait_until="networkidle")
    form = phone.locator("form.rg-catalogue-filter")
    form.locator("select[name=lang]").evaluate("s => { s.value = 'de'; }")  # chosen, no change event
    button = form.get_by_role("button", name=LANGUAGES["fa"].t("Filter anwenden"))
    button.click()
    visible = phone.locator("li.rg-leaflet:visible")
    assert visible.count() == german
    assert phone.evaluate("location.search") == "?lang=de"
    assert phone.evaluate("location.pathname") == "/fa/materials/"

    # the address the form would send without JavaScript shows the same choice
    phone.goto(f"{server}/fa/materials/?group=partners&lang=de", wait_until="networkidle")
    assert form.locator("select[name=group]").input_value() == "partners"
    assert visible.count() == partners
    assert overflow(phone) <= 0
    assert phone.errors == []


# --- 6. Fingerprinted assets and the service worker's version -------------------------------------

def _fake_site(root: Path, search_js: str) -> Path:
    site = root / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "fa" / "countries").mkdir(parents=True)
    (site / "assets" / "javascripts" / "search.js").write_text(search_js, encoding="utf-8")
    (site / "assets" / "javascripts" / "offline.js").write_text("// offline\n", encoding="utf-8")
    (site / "assets" / "javascripts" / "bundle.a5f9d56c.min.js").write_text("// Material\n", encoding="utf-8")
    (site / "assets" / "stylesheets" / "site.css").write_text("p{}\n", encoding="utf-8")
    (site / "sw.js").write_text((ROOT / "overrides" / "sw.js").read_text(encoding="utf-8"), encoding="utf-8")
    (site / "fa" / "countries" / "index.html").write_text(
        '<link rel="stylesheet" href="../../assets/stylesheets/site.css">'
        '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
        '<script src="../../assets/javascripts/search.js" defer></script>'
        '<script src="../../assets/javascripts/offline.js?v=1" data-core="fa/" defer></script>'
        '<p>search.js is a word here</p>', encoding="utf-8")
    (site / "404.html").write_text('<script src="/assets/javascripts/search.js"></script>', encoding="utf-8")
    return site


def _sw_version(site: Path) -> str:
    return re.search(r'^const VERSION = "([^"]+)";', (site / "sw.js").read_text(encoding="utf-8"), re.M).group(1)


def test_own_assets_get_their_content_in_their_names_and_the_worker_a_version(tmp_path):
    one = _fake_site(tmp_path / "one", "// search\n")
    renamed = fingerprint.write(one)
    assert set(renamed) == {"assets/javascripts/search.js", "assets/javascripts/offline.js", "assets/stylesheets/site.css"}
    for old, new in renamed.items():
        assert re.fullmatch(re.escape(old.rsplit(".", 1)[0]) + r"\.[0-9a-f]{8}\." + old.rsplit(".", 1)[1], new), new
        assert (one / new).is_file() and not (one / old).exists()
    page = (one / "fa" / "countries" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../{renamed["assets/stylesheets/site.css"]}"' in page
    assert f'src="../../{renamed["assets/javascripts/search.js"]}" defer' in page
    assert f'src="../../{renamed["assets/javascripts/offline.js"]}?v=1"' in page
    assert 'src="../../assets/javascripts/bundle.a5f9d56c.min.js"' in page, "Material's names stay"
    assert "<p>search.js is a word here</p>" in page, "only addresses change"
    assert f'src="/{renamed["assets/javascripts/search.js"]}"' in (one / "404.html").read_text(encoding="utf-8")
    assert re.fullmatch(r"rg-[0-9a-f]{8}", _sw_version(one))

    same = _fake_site(tmp_path / "same", "// search\n")
    assert fingerprint.write(same) == renamed
    assert {p.relative_to(same): p.read_bytes() for p in same.rglob("*") if p.is_file()} == \
           {p.relative_to(one): p.read_bytes() for p in one.rglob("*") if p.is_file()}, "same input, same bytes"

    other = _fake_site(tmp_path / "other", "// search, corrected\n")
    assert fingerprint.write(other)["assets/javascripts/search.js"] != renamed["assets/javascripts/search.js"]
    assert _sw_version(other) != _sw_version(one), "another build's assets, another service-worker version"


def test_a_module_imports_its_neighbour_by_fingerprint_and_changes_name_with_it(tmp_path):
    """search.js imports text.js: the import names text.js's new name, and a change in text.js
    alone gives search.js a new name too (else a browser would keep an old search.js importing
    a text.js no longer served)."""
    def site(folder: Path, text: str) -> Path:
        scripts = folder / "assets" / "javascripts"
        scripts.mkdir(parents=True)
        (scripts / "text.js").write_text(text, encoding="utf-8")
        (scripts / "search.js").write_text('import { fold } from "./text.js";\nimport x from "./missing.js";\n', encoding="utf-8")
        (folder / "index.html").write_text('<script type="module" src="assets/javascripts/search.js"></script>', encoding="utf-8")
        return folder

    one = fingerprint.write(site(tmp_path / "one", "export const fold = 1;\n"))
    search = (tmp_path / "one" / one["assets/javascripts/search.js"]).read_text(encoding="utf-8")
    assert f'from "./{one["assets/javascripts/text.js"].rsplit("/", 1)[1]}"' in search
    assert 'from "./missing.js"' in search, "what is not ours stays as written"
    two = fingerprint.write(site(tmp_path / "two", "export const fold = 2;\n"))
    assert two["assets/javascripts/search.js"] != one["assets/javascripts/search.js"]

    circle = site(tmp_path / "circle", 'import "./search.js";\nexport const fold = 1;\n')
    (circle / "assets/javascripts/text.js").write_text('import { a } from "./search.js";\n', encoding="utf-8")
    with pytest.raises(fingerprint.FingerprintError, match="circle"):
        fingerprint.write(circle)


def test_the_built_site_refers_to_its_assets_by_fingerprint(built_site):
    own = [p for p in [*built_site.glob("assets/javascripts/*.js"), *built_site.glob("assets/stylesheets/*.css")]]
    assert own and all(fingerprint.FINGERPRINTED.search(p.name) for p in own), [p.name for p in own]
    assert list(built_site.glob("assets/javascripts/search.*.js")) and list(built_site.glob("assets/stylesheets/site.*.css"))
    pages = sorted(p for p in built_site.rglob("*.html") if p.parent.name != editor.FOLDER)  # the editor's files: no-cache
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for ref in re.findall(r'<(?:script[^>]*\bsrc|link rel="stylesheet"[^>]*\bhref)="([^"?#]+)', html):
            target = built_site / ref.lstrip("/") if ref.startswith("/") else (page.parent / ref)
            assert target.resolve().is_file(), f"{page.relative_to(built_site)}: {ref}"
            assert fingerprint.FINGERPRINTED.search(ref), f"{page.relative_to(built_site)}: {ref} is not fingerprinted"
    assert re.fullmatch(r"rg-[0-9a-f]{8}", _sw_version(built_site))
    assert _sw_version(built_site) == fingerprint.version(built_site, (ROOT / "overrides" / "sw.js").read_text(encoding="utf-8"))


@pytest.mark.browser
def test_a_new_build_s_service_worker_deletes_the_caches_of_older_builds(browser, tmp_path, built_site):
    # A copy of the site on its own address (its own caches), so the copy's sw.js can change.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    worker = site / "sw.js"
    current = _sw_version(site)
    assert re.fullmatch(r"rg-[0-9a-f]{8}", current), f"the build writes its version into sw.js, not {current}"

    def deploy(source: str) -> None:  # nginx serves sw.js.br/.gz first: replace all three
        for sibling in site.glob("sw.js.*"):
            sibling.unlink()
        worker.write_text(source, encoding="utf-8")

    source = worker.read_text(encoding="utf-8")
    deploy(source.replace(f'"{current}"', '"rg-old"'))  # what an older build served
    base, stop = serve(site)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    kept = "name => caches.open(name).then(c => c.keys()).then(keys => keys.some(k => new URL(k.url).pathname === '/fa/'))"
    try:
        page.goto(f"{base}/fa/", wait_until="networkidle")
        page.wait_for_function(kept, arg="rg-old-pages")
        page.evaluate("caches.open('rg-old-assets').then(c => c.put('/old.css', new Response('p{}')))")

        deploy(source)  # the new build
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.wait_for_function("() => caches.keys().then(names => !names.some(n => n.startsWith('rg-old')))", timeout=10000)
        # "load", not "networkidle": the new worker then saves the language's core pages in the
        # background, which on a busy machine kept the network busy past the 30 s timeout (once,
        # in a full run); the page being kept is what is waited for.
        page.reload(wait_until="load")
        page.wait_for_function(kept, arg=f"{current}-pages")
        names = page.evaluate("caches.keys()")
        assert sorted(names) == sorted([f"{current}-pages", f"{current}-assets"]), names
        assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == f"{base}/sw.js"
    finally:
        context.close()
        stop()


# --- Every kind of page fits a phone in every language ------------------------------------------

def page_kinds(site: Path, lang: str) -> list[str]:
    """One address per kind of page of a language (its section and depth: a country sheet, the
    directory, a location, a postcode page, a legal page …), from the built site's files."""
    root = site if lang == DEFAULT_LANGUAGE else site / lang
    others = set(LANGUAGES) - {lang} if lang == DEFAULT_LANGUAGE else set()
    kinds: dict[tuple, str] = {}
    for page in sorted(root.rglob("index.html")):
        parts = page.relative_to(root).parent.parts
        if parts[:1] and (parts[0] in others or parts[0] in {"go", "search", "assets", editor.FOLDER}):  # the web editor: tests/test_editor.py
            continue
        kind = (parts[:1], parts[1] if parts[1:2] == ("postcodes",) else None, len(parts))
        kinds.setdefault(kind, "/".join(parts))
    return sorted(kinds.values())


@pytest.mark.browser
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_kind_of_page_fits_a_phone(phone, server, built_site, lang):
    """No page scrolls sideways at 360 px: a long option in a filter, a long word in a heading or a
    German name beside a Cyrillic one pushes the whole page wider than the phone. The footer names
    the next page in full (cut with an ellipsis, a right-to-left title lost its wrong end)."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    kinds = page_kinds(built_site, lang)
    assert len(kinds) > 10
    wide, cut = {}, {}
    for path in kinds:
        phone.goto(f"{server}/{prefix}{path}/" if path else f"{server}/{prefix}")
        if (excess := overflow(phone)) > 0:
            wide[path or "/"] = excess
        if titles := phone.evaluate("() => [...document.querySelectorAll('.md-footer__link .md-ellipsis')]"
                                    ".filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)"
                                    ".map(e => e.innerText)"):
            cut[path or "/"] = titles
    assert not wide, f"pages wider than the phone (px too wide): {wide}"
    assert not cut, f"the footer's titles cut short: {cut}"
