"""Share previews, structured data, sitemap, campaign kit and QR codes, in the built site."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from PIL import Image
from test_links import resolve

from returnguide.model.languages import LANGUAGES
from returnguide.model.urls import page_url
from returnguide.site import finder, previews

SITE_URL = "https://rueckkehrberatung.example/"


class Head(HTMLParser):
    """The meta and link tags, JSON-LD blocks, and every resource a page loads."""

    LOADS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
             ("audio", "src"), ("embed", "src"), ("object", "data"), ("input", "src")}

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.anchors: list[dict] = []
        self.jsonld: list = []
        self.loads: list[str] = []
        self.handlers: list[str] = []
        self.h2: list[str] = []
        self._in_jsonld = self._in_h2 = False
        self._h2_text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.handlers += [name for name in a if name.startswith("on")]
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        if tag == "a":
            self.anchors.append(a)
        if tag == "link":
            self.links.append(a)
            if set((a.get("rel") or "").split()) & {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}:
                self.loads.append(a["href"])
        self.loads += [a[attr] for t, attr in self.LOADS if t == tag and a.get(attr)]
        self._in_jsonld = tag == "script" and a.get("type") == "application/ld+json"
        if tag == "h2" and a.get("id") != "rg-share-heading" and "rg-card__title" not in a.get("class", ""):
            self._in_h2, self._h2_text = True, ""

    def handle_endtag(self, tag):
        if tag == "h2" and self._in_h2:
            self._in_h2 = False
            self.h2.append(self._h2_text.strip())

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(json.loads(data))
            self._in_jsonld = False
        if self._in_h2:
            self._h2_text += data


@pytest.fixture(scope="module")
def model(real_model):
    return real_model  # only read here


def built_pages(model):
    """Every page in every language it is published in (pages for staff: German and English)."""
    for source in model.sources():
        for code in source.languages:
            yield source, code


def served_pages(model):
    """Every page the site serves, in every language: (where, its paths by language, title,
    description) for the content pages and the finder's postcode pages, which the plugin makes."""
    for source, code in built_pages(model):
        page, _ = model.resolve(code, source.rel_path)
        paths = {c: page_url(source.rel_path, c) for c in source.languages}
        yield f"{code}/{source.rel_path}", code, paths, page.meta.title, page.meta.description
    for code in LANGUAGES:
        for page in finder.pages(model, code):
            yield f"{code}/{page.paths[code]}", code, page.paths, page.title, page.description


def test_every_page_has_complete_localised_preview_tags(built_site, model):
    checked = postcode_pages = 0
    for where, code, paths, title, description in served_pages(model):
        path = paths[code]
        head = Head((built_site / path / "index.html").read_text(encoding="utf-8"))
        url = SITE_URL + path
        assert head.meta["og:title"] == [title] == head.meta["twitter:title"], where
        assert head.meta["og:description"] == [description] == head.meta["twitter:description"], where
        assert head.meta["og:url"] == [url], where
        assert [l["href"] for l in head.links if l.get("rel") == "canonical"] == [url], where
        assert head.meta["og:locale"] == [LANGUAGES[code].og_locale], where
        assert sorted(head.meta["og:locale:alternate"]) == sorted(LANGUAGES[c].og_locale for c in paths if c != code), where
        assert head.meta["twitter:card"] == ["summary_large_image"], where
        assert head.meta["og:image:alt"][0].endswith(title), where
        alternates = {l["hreflang"]: l["href"] for l in head.links if l.get("rel") == "alternate" and "hreflang" in l}
        assert alternates == {**{LANGUAGES[c].tag: SITE_URL + p for c, p in paths.items()}, "x-default": SITE_URL + paths["de"]}, where
        # the language switcher leads to this page in each language it has, else to that language's home
        switcher = {l["hreflang"]: urljoin(url, l["href"]).removeprefix(SITE_URL) for l in head.anchors if "md-select__link" in l.get("class", "")}
        assert switcher == {LANGUAGES[c].tag: paths.get(c, page_url("index.md", c)) for c in LANGUAGES}, where
        image = head.meta["og:image"][0]
        assert image.startswith(url) and head.meta["twitter:image"] == [image], where
        with Image.open(built_site / image.removeprefix(SITE_URL)) as picture:
            assert picture.size == (1200, 630), where
        checked += 1
        postcode_pages += "/postcodes/" in where
    assert checked - postcode_pages == sum(len(s.languages) for s in model.sources()) >= 35 * 4
    assert postcode_pages == len(LANGUAGES) * (1 + len(model.places.areas())) > 4 * 10


def test_no_page_loads_anything_from_another_host(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 140
    for html_file in pages:
        head = Head(html_file.read_text(encoding="utf-8"))
        foreign = [u for u in head.loads if urlparse(u).netloc or u.startswith("//")]
        assert not foreign, f"{html_file.relative_to(built_site)} loads {foreign}"
        assert not head.handlers, f"{html_file.relative_to(built_site)} has inline event handlers {head.handlers}"
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "url(http" not in text and "url(//" not in text and "@import" not in text, css


def test_share_links_are_plain_anchors_to_the_page(built_site):
    head = Head((built_site / "ar" / "countries" / "sy" / "index.html").read_text(encoding="utf-8"))
    html = (built_site / "ar" / "countries" / "sy" / "index.html").read_text(encoding="utf-8")
    encoded = "https%3A%2F%2Frueckkehrberatung.example%2Far%2Fcountries%2Fsy%2F"
    for start in ("https://wa.me/?text=", "https://t.me/share/url?url=", "https://www.facebook.com/sharer/sharer.php?u="):
        assert f'href="{start}' in html and encoded in html
    assert not [u for u in head.loads if "wa.me" in u or "t.me" in u or "facebook" in u]
    qr = built_site / "ar" / "countries" / "sy" / "qr.svg"
    assert qr.read_text().startswith("<svg") and 'src="qr.svg"' in html


def test_sitemap_lists_every_page_with_its_alternates_and_robots_points_to_it(built_site, model):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for source, code in built_pages(model):
        url = SITE_URL + page_url(source.rel_path, code)
        assert f"<loc>{url}</loc>" in sitemap
    blocks = sitemap.split("<url>")[1:]
    assert len(blocks) == len(list(built_pages(model)))
    assert all(b.count("<xhtml:link") in (len(LANGUAGES) + 1, 3) and 'hreflang="x-default"' in b for b in blocks)
    # pages for staff: German and English only, no Arabic or Persian address
    assert "/ar/professionals/" not in sitemap and "/fa/events/" not in sitemap and f"{SITE_URL}en/events/" in sitemap
    # MkDocs' own sitemap.xml.gz is gone; what is there is the precompressed copy of ours
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()).decode() == sitemap
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (built_site / "robots.txt").read_text()


def test_questions_page_carries_faq_structured_data_in_each_language(built_site):
    for code, lang in LANGUAGES.items():
        head = Head((built_site / page_url("questions.md", code) / "index.html").read_text(encoding="utf-8"))
        faq = [d for d in head.jsonld if d.get("@type") == "FAQPage"]
        assert len(faq) == 1, code
        questions = faq[0]["mainEntity"]
        assert [q["name"] for q in questions] == head.h2 and len(questions) >= 8, code
        assert all(len(q["acceptedAnswer"]["text"]) > 20 and "<" not in q["acceptedAnswer"]["text"] for q in questions), code
        assert faq[0]["inLanguage"] == lang.tag


def test_home_and_locations_carry_organisation_and_service_data(built_site):
    head = Head((built_site / "fa" / "index.html").read_text(encoding="utf-8"))
    graph = head.jsonld[0]["@graph"]
    orgs = {o["name"]: o for o in graph if o["@type"] == "Organization"}
    assert "سازمان بین‌المللی مهاجرت (IOM)" in orgs  # the organisation's name in the page's language
    phones = {c.get("telephone") for o in orgs.values() for c in o.get("contactPoint", [])}
    assert "+4962321001000" in phones  # the IOM RLP hotline (returningfromgermany.de, 23 July 2020)
    location = Head((built_site / "ar" / "locations" / "iom-rlp" / "index.html").read_text(encoding="utf-8"))
    assert any(d.get("@type") in ("Service", "GovernmentService") for d in location.jsonld)


def test_short_links_preview_the_target_page_in_its_language(built_site, model):
    for c in model.campaigns:
        page, _ = model.resolve(c.lang, c.page)
        head = Head((built_site / "go" / c.slug / "index.html").read_text(encoding="utf-8"))
        assert head.meta["og:title"] == [page.meta.title], c.slug
        assert head.meta["og:locale"] == [LANGUAGES[c.lang].og_locale], c.slug
        assert head.meta["og:image"] == [SITE_URL + page_url(c.page, c.lang) + "preview.png"], c.slug
        assert resolve(built_site, f"/go/{c.slug}/") == built_site / page_url(c.page, c.lang) / "index.html"


def test_campaign_kit_lists_every_short_link_with_qr_codes_and_preview(built_site, model):
    for code in LANGUAGES:
        kit = built_site / page_url("materials/campaigns.md", code)
        html = (kit / "index.html").read_text(encoding="utf-8")
        head = Head(html)
        linked = {(kit / ref).resolve() for ref in head.loads + re.findall(r'href="([^"#?:]+)"', html)}
        for c in model.campaigns:
            assert f"rueckkehrberatung.example/go/{c.slug}/" in html, (code, c.slug)
            for name in ("qr.svg", "qr.png"):
                assert (built_site / "go" / c.slug / name).resolve() in linked, (code, c.slug, name)
            assert (built_site / page_url(c.page, c.lang) / "preview.png").resolve() in linked, (code, c.slug)
        missing = [str(p) for p in linked if not p.exists()]
        assert not missing, (code, missing)
    with Image.open(built_site / "go" / "syria-ar" / "qr.png") as png:
        assert png.size[0] == png.size[1] >= 500  # large enough for print and posters


def test_arabic_script_runs_keep_latin_words_whole():
    assert previews.runs("برنامج REAG/GARP", "rtl") == [("rtl", "برنامج "), ("ltr", "REAG/GARP")]
    assert previews.runs("هم\u200cرسانی در WhatsApp.", "rtl") == [("rtl", "هم\u200cرسانی در "), ("ltr", "WhatsApp"), ("rtl", ".")]
    assert previews.runs("Return – home", "ltr") == [("ltr", "Return – home")]


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_right_to_left_preview_is_set_from_the_right(code, model):
    page, _ = model.resolve(code, "programmes/reag-garp.md")
    image = previews.draw(previews.Preview(LANGUAGES[code], "x", page.meta.title, page.meta.description, "example.org/"))
    # the title's ink (dark pixels in the title band) ends at the right margin and leaves the left side empty
    band = image.crop((0, previews.BAND + 20, previews.WIDTH, previews.BAND + 140)).convert("L")
    dark = [x for x in range(band.width) if min(band.getpixel((x, y)) for y in range(0, band.height, 2)) < 100]
    assert previews.WIDTH - previews.MARGIN - 8 <= max(dark) <= previews.WIDTH - previews.MARGIN + 2
    assert min(dark) > previews.WIDTH / 3
