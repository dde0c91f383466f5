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


@pytest.mark.parametrize("code", ["de", "ar"])
def test_a_hovered_or_focused_link_and_the_words_a_search_found_keep_their_contrast(phone, server, code):
    """axe sees a page at rest. A link in the text hovered or focused, a line of the language
    switcher focused and the words a search found are in Material's accent colour: 4.5:1 too."""
    prefix = "" if code == "de" else f"{code}/"
    phone.context.add_init_script(path=str(AXE))
    phone.goto(f"{server}/{prefix}programmes/reag-garp/", wait_until="networkidle")
    link = phone.locator("article p a[href]").first
    rest = link.evaluate("e => getComputedStyle(e).color")
    for state in ("hover", "focus"):
        link.hover() if state == "hover" else (phone.mouse.move(0, 0), link.focus())
        until_still(phone)
        assert link.evaluate("e => getComputedStyle(e).color") != rest, f"a {state}ed link looks as at rest"
        link.evaluate("e => e.setAttribute('data-rg-probe', '')")
        assert axe_violations(phone, "[data-rg-probe]") == [], f"a {state}ed link in the text"
        link.evaluate("e => e.removeAttribute('data-rg-probe')")
    other = phone.locator(f".md-select__link:not([hreflang='{LANGUAGES[code].tag}'])").first
    other.focus()
    other.evaluate("e => e.setAttribute('data-rg-probe', '')")
    assert axe_violations(phone, "[data-rg-probe]") == [], "a focused line of the language switcher"
    phone.goto(f"{server}/{prefix}?q=REAG", wait_until="networkidle")
    phone.locator(".md-search-result__list mark").first.wait_for()
    assert axe_violations(phone, ".md-search-result") == [], "the words a search found"
    assert phone.errors == []


def axe_violations(page, selector: str) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations inside one part of the page, as a reader sees it once
    nothing moves (a colour still in its transition gave a pass that a slower machine did not)."""
    until_still(page)
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    return page.evaluate("([selector, options]) => axe.run(document.querySelector(selector), options)"
                         ".then(r => r.violations.map(v => `${v.id}: ${v.nodes[0].target.join(' ')}`))", [selector, options])


def seen_stop(page) -> dict:
    """focused(), and whether the focused control is what a finger at its middle would touch (not
    hidden under the menu's shade or under another level of the menu), and where it is."""
    return page.evaluate(f"""() => {{ {FOCUSED}
      // a link may wrap: the middle of one of its lines
      stop.ontop = [...e.getClientRects()].some(r => e.contains(document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2)));
      Object.assign(stop, {{inmenu: Boolean(e.closest('.md-sidebar--primary')), insearch: Boolean(e.closest('.md-search')),
                           expanded: e.getAttribute('aria-expanded'), text: e.innerText.trim()}});
      return stop;
    }}""")


def seen(stop: dict) -> bool:
    """The focused control is on screen, not covered and ringed."""
    return stop["onscreen"] and stop["ontop"] and stop["ring"]


def enter(page) -> dict:
    """Press Enter, wait until nothing moves, and say where the focus is."""
    page.keyboard.press("Enter")
    until_still(page)
    return seen_stop(page)


def tab_round_inside(page, part: str) -> list[dict]:
    """tab_round(), each stop seen and inside `part` ("inmenu" or "insearch")."""
    stops = tab_round(page)
    wrong = [s for s in stops if not (s[part] and seen(s))]
    assert wrong == [], f"tab stops outside ({part}), hidden, covered or without a ring: {wrong}"
    return stops


def tab_round(page, limit: int = 60) -> list[dict]:
    """Tab from the focused control until the focus comes back to it (the browser's own bar, where
    the focus goes after the last control, left out)."""
    first = seen_stop(page)
    stops = [first]
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = seen_stop(page)
        if stop["tag"] == "BODY":
            continue
        if (stop["tag"], stop["href"], stop["for"], stop["text"]) == (first["tag"], first["href"], first["for"], first["text"]):
            return stops
        stops.append(stop)
    raise AssertionError(f"the focus did not come back to {first['text']!r} in {limit} tab stops: "
                         f"{[s['text'] or s['name'] for s in stops]}")


@pytest.mark.parametrize("code", ["de", "fa"])
def test_every_tab_stop_of_a_page_is_seen_with_a_ring(phone, server, code):
    """From the top of the page to its end, each control the keyboard reaches is on screen, not
    covered by anything, and ringed: on the home page, a fact sheet, the directory and the leaflet
    catalogue (the pages with the most controls: finder, filters, sharing, downloads). One language
    of each direction (~10 s each): the templates are the same in every language, the direction
    changes the layout; the keyboard test above walks the header of every language."""
    prefix = "" if code == "de" else f"{code}/"
    for rel in ("", "countries/sy/", "locations/", "materials/"):
        phone.goto(f"{server}/{prefix}{rel}", wait_until="networkidle")
        stops, wrong, first = 0, [], None
        for _ in range(300):
            phone.keyboard.press("Tab")
            stop = seen_stop(phone)
            key = (stop["tag"], stop["href"], stop["for"], stop["text"])
            if stop["tag"] == "BODY" or key == first:  # past the last control, or round to the first
                break
            first = first or key
            stops += 1
            if not seen(stop):
                wrong.append(stop)
        else:
            raise AssertionError(f"/{prefix}{rel}: more than 300 tab stops")
        assert stops >= 10, f"/{prefix}{rel}: only {stops} tab stops"
        assert wrong == [], f"/{prefix}{rel}: tab stops hidden, covered or without a ring: {wrong}"
    assert phone.errors == []


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_menu_on_a_phone_is_used_by_keyboard_one_level_at_a_time(phone, server, code):
    """The menu covers the page on a phone: with it open, the keyboard stays in it, every tab stop is
    the visible control a finger would touch (none under the shade, none on a level behind or beside
    the one shown), sections open and close with Enter, and Escape gives the focus back."""
    prefix = "" if code == "de" else f"{code}/"
    phone.context.add_init_script(path=str(AXE))
    phone.goto(f"{server}/{prefix}programmes/reag-garp/", wait_until="networkidle")
    phone.locator('[data-rg-toggle="__drawer"]').focus()
    section = enter(phone)
    assert phone.evaluate("document.getElementById('__drawer').checked")
    assert axe_violations(phone, ".md-sidebar--primary") == [], "the open menu, the page's section shown"

    # The page's section is open: the focus starts on its first line, the way back to the whole menu.
    assert section["tag"] == "BUTTON" and "md-nav__title" in section["cls"] and section["expanded"] == "true", section
    stops = tab_round_inside(phone, "inmenu")
    items = ".md-nav--primary > .md-nav__list > li > .md-nav__toggle:checked ~ nav > .md-nav__list > li"
    assert len(stops) == 2 + phone.locator(items).count(), "the way back, one stop for each line of the section, close"
    # The menu's close button (a screen reader on a phone has no Escape key, and the page behind is
    # inert): one Shift+Tab before the first line, named in the page's language.
    closer = stops[-1]
    assert closer["tag"] == "BUTTON" and closer["name"] == LANGUAGES[code].t("Menü schließen"), closer

    # The page itself is a line of its section: Enter opens its contents, a list of its headings.
    page_line = next(s for s in stops if s["for"] == "__toc")
    assert page_line["tag"] == "BUTTON" and page_line["expanded"] == "false", page_line
    phone.locator('button.md-nav__link[data-rg-toggle="__toc"]').focus()
    contents = enter(phone)
    assert "md-nav__title" in contents["cls"] and contents["expanded"] == "true" and contents["ontop"], contents
    stops = tab_round_inside(phone, "inmenu")
    assert len([s for s in stops if (s["href"] or "").startswith("#")]) >= 3, stops
    assert enter(phone)["for"] == "__toc"  # back to the section, on the page's line
    phone.locator(".md-nav--primary > .md-nav__list > li > nav > .md-nav__title[aria-expanded=true]").focus()

    # Enter goes back: the whole menu, the focus on the section's button there.
    back = enter(phone)
    assert back["tag"] == "BUTTON" and back["text"] == section["text"] and back["expanded"] == "false", back
    stops = tab_round_inside(phone, "inmenu")
    sections = [s for s in stops if s["tag"] == "BUTTON" and s["name"] != closer["name"]]
    assert len(sections) >= 4 and all(s["expanded"] == "false" for s in sections), sections
    assert axe_violations(phone, ".md-sidebar--primary") == [], "the open menu, its first level shown"

    # Another section (the countries) opens with Enter; its links lead there.
    countries = phone.locator('.md-nav--primary > .md-nav__list > li > button.md-nav__link:has(+ nav a[href$="countries/sy/"])')
    countries.focus()
    opened = enter(phone)
    assert "md-nav__title" in opened["cls"] and opened["expanded"] == "true" and opened["ontop"], opened
    stops = tab_round_inside(phone, "inmenu")
    assert sum(1 for s in stops if "countries/" in (s["href"] or "")) >= 10

    # Escape closes the menu and gives the focus back to its button; the page takes the focus again.
    phone.keyboard.press("Escape")
    assert not phone.evaluate("document.getElementById('__drawer').checked")
    assert focused(phone)["for"] == "__drawer"
    phone.keyboard.press("Tab")
    assert not seen_stop(phone)["inmenu"]

    # The close button does the same, by keyboard and by a tap.
    phone.locator('[data-rg-toggle="__drawer"]').focus()
    enter(phone)
    phone.keyboard.press("Shift+Tab")
    assert seen_stop(phone)["name"] == closer["name"]
    enter(phone)
    assert not phone.evaluate("document.getElementById('__drawer').checked")
    assert focused(phone)["for"] == "__drawer"
    phone.locator('[data-rg-toggle="__drawer"]').tap()
    until_still(phone)
    phone.get_by_role("button", name=closer["name"]).tap()
    assert not phone.evaluate("document.getElementById('__drawer').checked")
    assert phone.errors == []


def until_still(page, timeout: float = 5.0) -> None:
    """Wait until no CSS transition or animation is running in the page."""
    deadline = time.monotonic() + timeout
    while page.evaluate("document.getAnimations().some(a => a.playState === 'running' || a.pending)"):
        assert time.monotonic() < deadline, f"still moving after {timeout} s"
        page.wait_for_timeout(50)


# What the keyboard focus is on, where it is, and whether it shows a ring (JavaScript: sets `stop`).
# A ring counts when it is seen against what lies around it: 3:1 (WCAG 1.4.11, non-text contrast)
# between the outline's colour, or a two-colour ring's shadow, and the first background behind it
# (the control's own where the ring is drawn inside it); a background with transparency over white.
FOCUSED = """
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  const rgba = text => { const m = /rgba?\\(([^)]+)\\)/.exec(text || ''); if (!m) return null;
    const [red, green, blue, alpha = 1] = m[1].split(/[ ,\\/]+/).map(Number); return [red, green, blue, alpha]; };
  const luminance = c => { const [a, b, d] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * a + 0.7152 * b + 0.0722 * d; };
  const contrast = (x, y) => { const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p); return (l1 + 0.05) / (l2 + 0.05); };
  let behind = [255, 255, 255];
  for (let n = parseFloat(s.outlineOffset) < 0 ? e : e.parentElement; n && n.nodeType === 1; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c && c[3] > 0) { behind = c.slice(0, 3).map(v => v * c[3] + 255 * (1 - c[3])); break; }
  }
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 ? rgba(s.outlineColor) : null;
  const shadow = s.boxShadow !== 'none' ? rgba(s.boxShadow) : null;
  const ringContrast = Math.max(...[outline, shadow].filter(c => c && c[3] > 0).map(c => contrast(c, behind)), 0);
  const stop = {tag: e.tagName, cls: String(e.className), href: e.getAttribute('href'), for: e.htmlFor || e.dataset.rgToggle || null,
                name: e.getAttribute('aria-label') || e.innerText.trim(),
                onscreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
                ring: ringContrast >= 3, ringContrast: Math.round(ringContrast * 100) / 100};
"""


def focused(page) -> dict:
    """What the keyboard focus is on, where it is, and whether it shows a ring."""
    return page.evaluate(f"() => {{ {FOCUSED} return stop; }}")


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
    # On a phone the search covers the page: Tab goes round the field, its button and the results,
    # never to the page under it.
    stops = tab_round_inside(phone, "insearch")
    assert len([s for s in stops if "md-search-result__link" in s["cls"]]) == results.count() >= 2
    # Its arrow closes it (a screen reader on a phone has no Escape key): a button named in the
    # page's language, one Shift+Tab before the field; the focus goes back to the search button.
    phone.locator(".md-search__input").focus()
    phone.keyboard.press("Shift+Tab")
    arrow = seen_stop(phone)
    assert arrow["tag"] == "BUTTON" and arrow["name"] == LANGUAGES[code].t("Suche schließen") and seen(arrow), arrow
    phone.keyboard.press("Enter")
    assert not phone.evaluate("document.getElementById('__search').checked")
    assert focused(phone)["for"] == "__search"
    phone.keyboard.press("Enter")
    phone.get_by_role("button", name=arrow["name"]).tap()  # and by a tap
    assert not phone.evaluate("document.getElementById('__search').checked")

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
    # (an event's own page offers its calendar file only while it is ahead: test_events.py)
    for path, target in ((f"{prefix}events/", "events.ics"),):
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
