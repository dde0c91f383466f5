"""The service worker keeps the privacy page's promise for everything it stores, and a weak
signal does not keep a reader waiting for a page the phone has saved (issue 26.8).

The rules are the privacy page's: whatever is kept is deleted after 30 days, at most 40 pages are
kept, and the files that tell which page was read (a page's QR code, a location's vCard, an event's
calendar file) go with their page. Tested in Debian's Chromium against the built site.
"""

from __future__ import annotations

import http.server
import re
import threading
import time
from functools import partial

import pytest

from conftest import PHONE

pytestmark = pytest.mark.browser

DAY = 24 * 3600 * 1000


def _version(built_site) -> str:
    return re.search(r'const VERSION = "([^"]+)"', (built_site / "sw.js").read_text(encoding="utf-8")).group(1)


def _paths(page, cache: str) -> list[str]:
    return page.evaluate("name => caches.open(name).then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))", cache)


def test_files_of_a_page_go_with_it_and_nothing_outlives_thirty_days(phone, server, built_site):
    version = _version(built_site)
    pages, assets = f"{version}-pages", f"{version}-assets"
    assert phone.goto(f"{server}/fa/countries/sy/", wait_until="networkidle").status == 200
    phone.evaluate("navigator.serviceWorker.ready")
    # the page's own QR code (shown when the share panel opens) is kept, marked as the file of that page
    phone.wait_for_function("!!navigator.serviceWorker.controller")
    assert phone.evaluate("fetch('qr.svg').then(r => r.status)") == 200
    phone.wait_for_function("async name => !!(await (await caches.open(name)).match(location.origin + '/fa/countries/sy/qr.svg'))", arg=assets)
    owner = phone.evaluate("name => caches.open(name).then(c => c.match(location.origin + '/fa/countries/sy/qr.svg')).then(r => r.headers.get('x-rg-page'))", assets)
    assert owner.endswith("/fa/countries/sy/")

    # What a reader's phone could hold after weeks: a location page saved 31 days ago with its vCard
    # saved yesterday, a QR code saved 31 days ago, an old shared file, more shared files than the cap.
    phone.evaluate("""async ([pages, assets, day]) => {
        await (await caches.open(pages)).put(location.origin + '/fa/locations/iom-afa-bitburg/',
            new Response('x', {headers: {'x-rg-saved': String(Date.now() - 31 * day)}}));
        const cache = await caches.open(assets);
        const put = (path, saved, owner) => cache.put(location.origin + path, new Response('x', {headers:
            owner ? {'x-rg-saved': String(saved), 'x-rg-page': location.origin + owner} : {'x-rg-saved': String(saved)}}));
        await put('/locations/iom-afa-bitburg.vcf', Date.now() - day, '/fa/locations/iom-afa-bitburg/');
        await put('/fa/return-counselling/qr.svg', Date.now() - 31 * day, '/fa/return-counselling/');
        await put('/assets/old.css', Date.now() - 31 * day);
        for (let i = 0; i < 70; i++) await put(`/assets/filler-${i}.js`, Date.now() - 60000 - i);
    }""", [pages, assets, DAY])
    phone.goto(f"{server}/fa/legal/privacy/", wait_until="networkidle")  # a visit prunes
    phone.wait_for_function("""name => caches.open(name).then(c => c.keys()).then(keys =>
        !keys.some(k => /iom-afa-bitburg|old\\.css|return-counselling\\/qr/.test(k.url))
        && keys.filter(k => new URL(k.url).pathname.startsWith('/assets/')).length <= 60)""", arg=assets)
    kept = _paths(phone, assets)
    assert "/fa/countries/sy/qr.svg" in kept, "the file of a kept page stays"
    assert [p for p in kept if p.startswith("/assets/javascripts/offline.")], "the newest shared files stay"

    # 45 newer pages push the Syria sheet out of the 40; its QR code goes with it.
    phone.evaluate("""async (pages) => {
        const cache = await caches.open(pages);
        for (let i = 0; i < 45; i++)
            await cache.put(location.origin + `/fa/filler-${i}/`, new Response('x', {headers: {'x-rg-saved': String(Date.now() + 1000 + i)}}));
    }""", pages)
    phone.goto(f"{server}/fa/", wait_until="networkidle")
    phone.wait_for_function("""([pages, assets]) => Promise.all([caches.open(pages), caches.open(assets)]).then(([p, a]) =>
        Promise.all([p.match(location.origin + '/fa/countries/sy/'), a.match(location.origin + '/fa/countries/sy/qr.svg')]))
        .then(([page, file]) => !page && !file)""", arg=[pages, assets])
    assert len([p for p in _paths(phone, pages)]) <= 40


class _Slow:
    """A switch that holds the server's answers to pages."""

    def __init__(self):
        self.seconds = 0.0


def _slow_server(directory, slow: _Slow):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            if slow.seconds and (self.path.endswith("/") or self.path.endswith(".html")):
                time.sleep(slow.seconds)
            super().do_GET()

        def end_headers(self):  # as deploy/nginx.conf: a page is revalidated on every visit
            self.send_header("Cache-Control", "no-cache")
            super().end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(directory)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


def test_a_saved_page_answers_when_the_network_is_too_slow(browser, built_site):
    """A weak signal: the server takes 20 s for a page. The reader of a saved page sees the copy
    after the worker's short timeout (3 s), with the offline notice; a page never saved still
    waits for the network."""
    slow = _Slow()
    base, httpd = _slow_server(built_site, slow)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        assert phone.goto(f"{base}/tr/countries/tr/", wait_until="networkidle").status == 200
        phone.evaluate("navigator.serviceWorker.ready")
        phone.wait_for_function("() => caches.keys().then(names => Promise.all(names.map(n => caches.open(n).then(c => "
                                "c.match(location.origin + '/tr/countries/tr/'))))).then(found => found.some(Boolean))")
        # the worker controls the page from its second load on
        phone.reload(wait_until="networkidle")
        assert phone.evaluate("!!navigator.serviceWorker.controller")
        notice = phone.locator("[data-rg-offline]")
        assert notice.is_hidden()

        slow.seconds = 20
        start = time.monotonic()
        phone.goto(f"{base}/tr/countries/tr/", wait_until="domcontentloaded", timeout=15000)
        elapsed = time.monotonic() - start
        assert elapsed < 10, f"the saved copy took {elapsed:.1f} s"
        assert phone.locator("h1").inner_text()
        phone.wait_for_selector("[data-rg-offline]:not([hidden])", timeout=5000)

        # a page never opened and not a core page: nothing to show but the network's answer
        start = time.monotonic()
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        with pytest.raises(PlaywrightTimeout):
            phone.goto(f"{base}/tr/countries/ge/", wait_until="domcontentloaded", timeout=6000)
        assert time.monotonic() - start >= 5.5
    finally:
        slow.seconds = 0
        context.close()
        httpd.shutdown()
