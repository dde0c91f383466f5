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
from returnguide.languages import LANGUAGES

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-results" / "screenshots"


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


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
    # On a slow connection the page is painted before Material's script has arrived (as
    # Lighthouse's throttled phone sees it): hold that script back for a second.
    phone.add_init_script(LAYOUT_SHIFT)
    phone.route("**/assets/javascripts/bundle.*.min.js", lambda route: (time.sleep(1), route.continue_()))
    phone.goto(f"{server}/{path}", wait_until="networkidle")
    phone.wait_for_timeout(500)
    assert phone.evaluate("window.rgShift") < 0.01
    assert overflow(phone) <= 0


def test_base_template_is_materials_with_the_direction_on_html():
    """overrides/base.html is a copy of Material's (its <html> is in no block): the same but for
    the direction on <html>. When Material is upgraded, refresh the copy."""
    import material

    ours = (ROOT / "overrides" / "base.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    body = ours[ours.index("-#}\n") + 4:]
    theirs = theirs[theirs.index("-#}\n") + 4:]
    html = """<html lang="{{ lang.t('language') }}" class="no-js">"""
    assert theirs.count(html) == 1
    assert body == theirs.replace(html, """<html lang="{{ lang.t('language') }}" dir="{{ config.theme.direction or lang.t('direction') }}" class="no-js">"""), \
        "Material's base.html changed: copy it again into overrides/base.html with dir on <html>"

