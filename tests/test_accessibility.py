"""Accessibility in every language: axe-core (WCAG 2.1 A and AA) on every page at a phone's
width, and the keyboard (skip link, visible focus, menu, language switcher, search), in Chromium
against the site as nginx serves it."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from returnguide.model.content import load_model
from returnguide.model.languages import LANGUAGES
from returnguide.site import editor

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Exclusions, each with its reason. None are needed today; add a rule id here only with a comment.
DISABLED_RULES: dict[str, str] = {}


def pages_of(site, code: str) -> list[str]:
    """Every page of one language (addresses), redirect stubs left out, plus its 404 page."""
    prefix = "" if code == "de" else f"{code}/"
    others = tuple(f"{c}/" for c in LANGUAGES if c != "de")
    found = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix() + "/"
        rel = "" if rel == "./" else rel
        if 'http-equiv="refresh"' in index.read_text(encoding="utf-8") or rel.startswith(f"{editor.FOLDER}/"):
            continue  # redirect stubs; the web editor, a tool with its own policy (tests/test_editor.py)
        if (code == "de" and not rel.startswith(others)) or (code != "de" and rel.startswith(prefix)):
            found.append(rel)
    return found + [f"{prefix}no-such-page/"]


@pytest.mark.long
@pytest.mark.parametrize("code", list(LANGUAGES))
def test_axe_finds_no_violation_on_any_page(browser, server, built_site, code):
    assert AXE.is_file(), "axe-core is missing: run `make setup` (npm ci)"
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    # injected through the browser's debugging protocol, so the page keeps its own CSP
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"],
               "rules": {rule: {"enabled": False} for rule in DISABLED_RULES}}
    pages = pages_of(built_site, code)
    assert len(pages) >= 30
    violations = []
    for rel in pages:
        page.goto(f"{server}/{rel}", wait_until="load")
        assert page.evaluate("document.documentElement.lang") == LANGUAGES[code].tag, rel
        found = page.evaluate("options => axe.run(document, options).then(r => r.violations.map(v => "
                              "`${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0].target.join(' ')}`))", options)
        violations += [f"/{rel}: {v}" for v in found]
    context.close()
    assert violations == [], "\n".join(violations)


def until_still(page, timeout: float = 5.0) -> None:
    """Wait until no CSS transition or animation is running in the page."""
    deadline = time.monotonic() + timeout
    while page.evaluate("document.getAnimations().some(a => a.playState === 'running' || a.pending)"):
        assert time.monotonic() < deadline, f"still moving after {timeout} s"
        page.wait_for_timeout(50)


def focused(page) -> dict:
    """What the keyboard focus is on, where it is, and whether it shows a ring."""
    return page.evaluate("""() => {
      const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
      return {tag: e.tagName, cls: String(e.className), href: e.getAttribute('href'), for: e.htmlFor || e.dataset.rgToggle || null,
              name: e.getAttribute('aria-label') || e.innerText.trim(),
              onscreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
              ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || s.boxShadow !== 'none'};
    }""")


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_keyboard_reaches_skip_link_menu_languages_and_search_with_visible_focus(phone, server, code):
    prefix = "" if code == "de" else f"{code}/"
    phone.goto(f"{server}/{prefix}programmes/reag-garp/", wait_until="networkidle")

    # Every tab stop from the top through the header into the text is on screen and shows a ring.
    stops = []
    for _ in range(12):
        phone.keyboard.press("Tab")
        stops.append(focused(phone))
    hidden = [s for s in stops if not (s["onscreen"] and s["ring"])]
    assert hidden == [], f"focus invisible or off screen: {hidden}"

    assert "md-skip" in stops[0]["cls"], "the first tab stop is the skip link"
    menu = next(s for s in stops if s["for"] == "__drawer")
    search = next(s for s in stops if s["for"] == "__search")
    assert menu["tag"] == search["tag"] == "BUTTON" and menu["name"] and search["name"]
    languages = [s["name"] for s in stops if "md-select__link" in s["cls"]]
    assert languages == [lang.name for lang in LANGUAGES.values()]
    # The call button of the contact card follows the text, whose links come first: go on
    # tabbing (each stop still visible) until it is reached.
    for _ in range(60):
        if any("rg-action" in s["cls"] and (s["href"] or "").startswith("tel:") for s in stops):
            break
        phone.keyboard.press("Tab")
        stops.append(focused(phone))
        assert stops[-1]["onscreen"] and stops[-1]["ring"], f"focus invisible or off screen: {stops[-1]}"
    assert any("rg-action" in s["cls"] and (s["href"] or "").startswith("tel:") for s in stops), "the call button is reached"

    # The skip link moves the reader to the text.
    phone.goto(f"{server}/{prefix}programmes/reag-garp/", wait_until="networkidle")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    heading = phone.locator("article h1")
    assert phone.evaluate("location.hash") == f"#{heading.get_attribute('id')}"
    assert heading.evaluate("h => h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().top < innerHeight")

    # Menu: Enter opens it, its links take the focus and are visible, Escape closes it.
    phone.goto(f"{server}/{prefix}programmes/reag-garp/", wait_until="networkidle")
    phone.locator('[data-rg-toggle="__drawer"]').focus()
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.getElementById('__drawer').checked")
    # The menu slides in (Material's 0.25 s transition); what a reader sees is where it stops, so
    # the focus is looked at once the sliding is over (on a busy machine the first frame may come late).
    until_still(phone)
    seen = []
    for _ in range(10):
        phone.keyboard.press("Tab")
        seen.append(focused(phone))
        if "md-nav__link" in seen[-1]["cls"]:
            break
    stop = seen[-1]
    assert "md-nav__link" in stop["cls"] and stop["onscreen"] and stop["ring"], seen
    phone.keyboard.press("Escape")
    assert not phone.evaluate("document.getElementById('__drawer').checked")
    assert focused(phone)["for"] == "__drawer"

    # Search: Enter opens it with the focus in the field; typing finds pages of this language.
    phone.goto(f"{server}/{prefix}programmes/reag-garp/", wait_until="networkidle")
    phone.locator('[data-rg-toggle="__search"]').focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(".md-search__input")).to_be_focused()  # waits without eval (the CSP forbids it)
    phone.keyboard.type("REAG")
    results = phone.locator(".md-search-result__list a")
    results.first.wait_for()
    # (a language that has no translation of the page yet finds its own pages that name it)
    translated = load_model(ROOT / "docs").page(code, "programmes/reag-garp.md") is not None
    assert results.first.get_attribute("href").startswith(f"{server}/{prefix}" + ("programmes/reag-garp/" if translated else ""))

    # A language is chosen with the keyboard alone.
    phone.goto(f"{server}/{prefix}programmes/reag-garp/", wait_until="networkidle")
    target = "fa" if code != "fa" else "de"
    for _ in range(12):
        phone.keyboard.press("Tab")
        if focused(phone)["name"] == LANGUAGES[target].name:
            break
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"{server}/{'' if target == 'de' else target + '/'}programmes/reag-garp/")
    assert phone.errors == []


def test_axe_and_the_keyboard_cover_the_pages_for_staff(built_site):
    """The axe run above walks every built page: the staff section and the events are among
    them in German and English, and in no other language."""
    for code in ("de", "en"):
        prefix = "" if code == "de" else f"{code}/"
        found = set(pages_of(built_site, code))
        assert {f"{prefix}professionals/", f"{prefix}professionals/referral/", f"{prefix}events/",
                f"{prefix}events/2024-07-fachtagung-trier/"} <= found, code
    for code in ("ar", "fa"):
        assert not any("/professionals/" in p or "/events/" in p for p in pages_of(built_site, code)), code


@pytest.mark.parametrize("code", ["de", "en"])
def test_keyboard_reaches_the_calendar_links_of_events_with_visible_focus(phone, server, code):
    prefix = "" if code == "de" else f"{code}/"
    for path, target in ((f"{prefix}events/2024-07-fachtagung-trier/", "2024-07-fachtagung-trier.ics"),
                         (f"{prefix}events/", "events.ics")):
        phone.goto(f"{server}/{path}", wait_until="networkidle")
        for _ in range(60):
            phone.keyboard.press("Tab")
            stop = focused(phone)
            if (stop["href"] or "").endswith(target):
                break
        else:
            pytest.fail(f"/{path}: the keyboard never reaches the link to {target}")
        phone.wait_for_timeout(300)  # the page scrolls the focused link into view
        stop = focused(phone)
        assert stop["onscreen"] and stop["ring"], (path, stop)
