"""The search by postcode or place, in Chromium at 360 px against nginx with deploy/nginx.conf:
the issue's cases typed in German and Persian, the combobox's keyboard and ARIA, bad input,
and the form without JavaScript."""

from __future__ import annotations

import pytest

from conftest import PHONE

pytestmark = pytest.mark.browser

SCREENSHOTS = "/tmp/rg-screenshots"
TREFFER = {"de": "Treffer", "fa": "نتیجه"}
CITY = {"de": "(Stadt)", "fa": "(شهر)"}
DISTRICT = {"de": "(Landkreis)", "fa": "(شهرستان)"}
# district and city names in the reader's script with the German name beside them (materials/place-names.yml)
LOCAL = {"de": {}, "fa": {"Trier": "تریر", "Eifelkreis Bitburg-Prüm": "آیفل‌کرایس بیت‌بورگ-پروم", "Bad Dürkheim": "باد دورکهایم",
                          "Landau in der Pfalz": "لانداو این در فالتس", "Kaiserslautern": "کایزرسلاوترن", "Kiel": "کیل",
                          "Flensburg": "فلنسبورگ"}}


def named(lang: str, german: str, kind: str) -> str:
    """A region's heading as the finder shows it: "تریر (Trier) (شهر)", "Trier (Stadt)"."""
    local = LOCAL[lang].get(german)
    return f"{local} ({german}) {kind}" if local else f"{german} {kind}"
MESSAGES = {  # what the reader is told, in their language
    "de": {"digits": "fünf Ziffern", "outside": "nicht in Rheinland-Pfalz oder Schleswig-Holstein", "empty": "Geben Sie eine Postleitzahl",
           "long": "zu lang", "choose": "Wählen Sie Ihren Ort aus der Liste", "several": "mehreren Landkreisen oder Städten"},
    "fa": {"digits": "پنج رقم", "outside": "در راینلاند-فالتس یا شلسویگ-هولشتاین نیست", "empty": "یک کد پستی یا نام محل",
           "long": "خیلی طولانی", "choose": "از فهرست انتخاب کنید", "several": "بیش از یک شهرستان یا شهر"},
}


_WATCH_STATUS = """() => {
  const form = document.querySelector('[data-rg-finder]'), status = document.querySelector('#rg-finder-status');
  form.removeAttribute('data-test-answered');
  if (form.rgWatched) return;
  form.rgWatched = true;
  new MutationObserver(() => form.setAttribute('data-test-answered', ''))
    .observe(status, {childList: true, characterData: true, subtree: true});
}"""


def typed(page, query: str) -> dict:
    """Type into the finder like a person; what the status line, the list and the answers then say."""
    field = page.locator("#rg-finder-q")
    field.fill("")
    # the test marks the form when the finder writes its status line (it does at every answer)
    page.evaluate(_WATCH_STATUS)
    if len(query) > 20:
        field.fill(query)
    else:
        field.press_sequentially(query)
    # A locator waits without eval (wait_for_function with an expression evals, which the CSP forbids).
    page.locator("[data-rg-finder]").first.and_(page.locator("[data-test-answered]")).wait_for(state="attached")
    page.wait_for_timeout(50)
    return {
        "status": page.inner_text("#rg-finder-status"),
        "options": page.locator("#rg-finder-list [role=option]").all_inner_texts(),
        "regions": page.locator("#rg-finder-answer h3").all_inner_texts(),
        "answer": page.inner_text("#rg-finder-answer"),
        "tel": page.locator("#rg-finder-answer a[href^='tel:']").count(),
        "mail": page.locator("#rg-finder-answer a[href^='mailto:']").count(),
    }


@pytest.mark.parametrize("lang,prefix", [("de", ""), ("fa", "fa/")])
def test_the_issues_cases_answer_in_the_readers_language(phone, server, lang, prefix):
    phone.goto(f"{server}/{prefix}locations/")
    assert not any("places.json" in r for r in phone.requests), "the index is fetched before anyone types"
    words = MESSAGES[lang]

    trier = typed(phone, "54290")
    assert trier["regions"] == [named(lang, "Trier", CITY[lang])] and trier["tel"] >= 1 and trier["mail"] >= 1
    assert any("places.json" in r for r in phone.requests)
    assert TREFFER[lang] in trier["status"]
    if lang == "fa":
        assert "۱" in trier["status"], "the count in Persian digits"
        assert phone.locator("#rg-finder-answer h3 bdi[lang=de][dir=ltr]").first.inner_text() == "Trier"
        assert phone.locator("#rg-finder-answer").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert typed(phone, "۵۴۲۹۰" if lang == "fa" else "542")["regions"][0].startswith(LOCAL[lang].get("Trier", "Trier"))

    assert typed(phone, "Bitburg")["regions"] == [named(lang, "Eifelkreis Bitburg-Prüm", DISTRICT[lang])]
    assert typed(phone, "bad durkheim")["regions"] == [named(lang, "Bad Dürkheim", DISTRICT[lang])]
    assert typed(phone, "Landau")["regions"] == [named(lang, "Landau in der Pfalz", CITY[lang])]

    kl = typed(phone, "Kaiserslautern")
    assert sorted(kl["regions"]) == sorted([named(lang, "Kaiserslautern", CITY[lang]), named(lang, "Kaiserslautern", DISTRICT[lang])])
    assert words["several"] in kl["status"]

    neustadt = typed(phone, "Neustadt")
    assert neustadt["regions"] == [] and words["choose"] in neustadt["status"]
    assert len(neustadt["options"]) >= 4 and any("Weinstraße" in o for o in neustadt["options"])

    # a postcode covering two districts lists both
    shared = phone.evaluate("""() => fetch(document.querySelector('[data-rg-finder]').dataset.index).then(r => r.json()).then(ix => {
        let code = 0; for (const line of ix.places.split('\\n')) { const [d, rest] = line.split(':'); code += Number(d);
          if (rest.includes(';')) return String(code).padStart(5, '0'); } })""")
    assert len(typed(phone, shared)["regions"]) >= 2

    outside = typed(phone, "10115")
    assert words["outside"] in outside["answer"] and "returningfromgermany.de" in outside["answer"]
    assert phone.locator("#rg-finder-answer a[href='https://www.returningfromgermany.de/']").count() == 1

    for query, message in [("54a90", "digits"), ("542901", "digits"), ("😀", "empty"), ("x" * 200, "long")]:
        result = typed(phone, query)
        assert words[message] in result["status"], (query, result)
        assert result["regions"] == []
    assert phone.errors == []
    assert not any("returningfromgermany" in r for r in phone.requests)
    if lang == "fa":
        typed(phone, "Kaiserslautern")
        phone.locator("#place-search").scroll_into_view_if_needed()
        phone.screenshot(path=f"{SCREENSHOTS}/finder-{lang}.png")


def test_the_combobox_follows_the_aria_pattern_with_the_keyboard(phone, server):
    phone.goto(f"{server}/locations/")
    field = phone.locator("#rg-finder-q")
    assert field.get_attribute("role") == "combobox" and field.get_attribute("aria-expanded") == "false"
    assert field.get_attribute("aria-controls") == "rg-finder-list"
    assert phone.locator("#rg-finder-status").get_attribute("role") == "status"
    typed(phone, "Neustadt")
    assert field.get_attribute("aria-expanded") == "true"
    field.press("ArrowDown")
    field.press("ArrowDown")
    active = field.get_attribute("aria-activedescendant")
    assert active == "rg-finder-option-1" and phone.locator(f"#{active}").get_attribute("aria-selected") == "true"
    chosen = phone.locator(f"#{active}").inner_text()
    field.press("Enter")
    assert field.get_attribute("aria-expanded") == "false" and field.get_attribute("aria-activedescendant") is None
    assert len(phone.locator("#rg-finder-answer h3").all_inner_texts()) == 1
    assert phone.locator("#rg-finder-answer h3 bdi[lang=de]").inner_text() in chosen
    assert phone.url.endswith("/locations/"), "Enter chose; it did not leave the page"
    typed(phone, "Neustadt")
    field.press("Escape")
    assert field.get_attribute("aria-expanded") == "false" and field.input_value() == "Neustadt"
    field.press("Escape")
    assert field.input_value() == ""
    assert phone.errors == []


def test_the_home_page_has_the_field_and_the_licence(phone, server):
    phone.goto(f"{server}/ar/")
    finder = phone.locator("#place-search")
    assert finder.count() == 1
    licence = phone.locator(".rg-finder__licence a")
    assert licence.first.inner_text() == "© OpenStreetMap contributors (ODbL)"
    assert licence.first.get_attribute("href") == "https://www.openstreetmap.org/copyright"
    result = typed(phone, "54290")
    assert result["tel"] >= 1
    # the service worker keeps the index with the directory (offline.js hands it the core files)
    core = phone.locator("script[data-core]").get_attribute("data-core").split()
    assert "search/places.json" in core and "ar/locations/" in core
    phone.locator("#place-search").scroll_into_view_if_needed()
    phone.screenshot(path=f"{SCREENSHOTS}/finder-ar.png")
    assert phone.errors == []


def test_without_javascript_54290_leads_to_triers_counselling(browser, server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        for prefix in ("", "fa/"):
            page.goto(f"{server}/{prefix}locations/")
            page.fill("#rg-finder-q", "54290")
            page.locator(".rg-finder__submit").click()
            page.wait_for_load_state()
            assert page.url.endswith(f"/{prefix}locations/postcodes/54/#p54290"), page.url
            line = page.locator("#p54290 + dd")
            assert "Trier" in line.inner_text()
            line.locator("a").first.click()  # one tap: to Trier's counselling on the same page
            section = page.locator("#stadt-trier")
            assert section.is_visible()
            call = page.locator("#stadt-trier + ul a[href^='tel:']").first
            assert call.is_visible()  # the second tap calls
            assert page.locator(".rg-finder__licence a[href='https://www.openstreetmap.org/copyright']").count() == 1
        # a place name without JavaScript: the landing page lists the postcode areas
        page.goto(f"{server}/locations/")
        page.fill("#rg-finder-q", "Bitburg")
        page.locator(".rg-finder__submit").click()
        page.wait_for_load_state()
        assert "/locations/postcodes/?q=Bitburg" in page.url
        links = page.eval_on_selector_all("main a", "links => links.map(a => a.href)")  # as the browser resolves them
        assert sum(link.endswith("/locations/postcodes/54/") for link in links) == 1, links
    finally:
        context.close()


UNCONFIRMED = {"de": "keine unabhängige Rückkehrberatung bestätigt", "ar": "لا توجد استشارات عودة مستقلة مؤكَّدة",
               "fa": "هیچ مشاورهٔ بازگشت مستقلی تأیید نشده"}


@pytest.mark.parametrize("lang,prefix", [("de", ""), ("ar", "ar/"), ("fa", "fa/")])
def test_schleswig_holstein_leads_to_independent_counselling_never_to_the_authority(phone, server, lang, prefix):
    phone.goto(f"{server}/{prefix}locations/")
    kiel = typed(phone, "24103")
    assert len(kiel["regions"]) == 1 and "Kiel" in kiel["regions"][0]
    assert phone.locator("#rg-finder-answer [data-card='diakonie-sh-rueckkehrberatung']").count() == 1
    assert phone.locator("#rg-finder-answer [data-card='lazuf-sh']").count() == 0
    assert UNCONFIRMED[lang] not in kiel["answer"]
    if lang != "de":  # the name in the reader's script, the German one beside it
        assert phone.locator("#rg-finder-answer h3 bdi[lang=de][dir=ltr]").inner_text() == "Kiel"
        assert phone.locator("#rg-finder-answer h3 > bdi:not([lang])").inner_text() != "Kiel"
    phone.locator("#place-search").scroll_into_view_if_needed()
    phone.screenshot(path=f"{SCREENSHOTS}/finder-kiel-{lang}.png")

    flensburg = typed(phone, "24937")
    assert UNCONFIRMED[lang] in flensburg["answer"], flensburg  # says plainly that none is confirmed here
    near = phone.locator("#rg-finder-answer .rg-finder__near bdi[lang=de]").all_inner_texts()
    assert near == ["Nordfriesland", "Rendsburg-Eckernförde"], near  # and where the nearest confirmed counselling is
    cards = phone.locator("#rg-finder-answer [data-card]").evaluate_all("cs => cs.map(c => c.dataset.card)")
    assert set(cards) == {"diakonie-husum-nordfriesland", "diakonie-sh-rueckkehrberatung"}
    phone.locator("#place-search").scroll_into_view_if_needed()
    phone.screenshot(path=f"{SCREENSHOTS}/finder-flensburg-{lang}.png")

    typed(phone, "54290")  # Rhineland-Palatinate: hotline, mobile counselling, the reception centre here
    cards = phone.locator("#rg-finder-answer [data-card]").evaluate_all("cs => cs.map(c => c.dataset.card)")
    assert cards == ["iom-rlp", "iom-rlp-mobile", "iom-afa-trier"], cards
    phone.locator("#place-search").scroll_into_view_if_needed()
    phone.screenshot(path=f"{SCREENSHOTS}/finder-trier-{lang}.png")
    assert phone.errors == []


@pytest.mark.parametrize("lang,prefix", [("tr", "tr/"), ("ru", "ru/")])
def test_turkish_and_russian_readers_find_trier_by_postcode_and_name(phone, server, lang, prefix):
    """Issue 23: Russian shows districts and cities in Cyrillic with the German name beside them
    (and finds them so: "Трир"); Turkish shows the German names as they are. Counts take the
    language's plural forms (Russian: 1 результат, 2 результата, 5 результатов)."""
    from returnguide.model.languages import LANGUAGES

    language = LANGUAGES[lang]
    city = f"({language.t('Stadt')})"
    trier = f"Трир (Trier) {city}" if lang == "ru" else f"Trier {city}"
    phone.goto(f"{server}/{prefix}locations/")
    by_code = typed(phone, "54290")
    assert by_code["regions"] == [trier] and by_code["tel"] >= 1 and by_code["mail"] >= 1
    assert by_code["status"].startswith(language.n("{count} Treffer", "{count} Treffer", 1))
    assert phone.locator("#rg-finder-answer h3 bdi[lang=de][dir=ltr]").first.inner_text() == "Trier"
    assert typed(phone, "Trier")["regions"] == [trier]
    if lang == "ru":
        by_name = typed(phone, "Трир")  # the city, and Trier-Saarburg beginning so: two to choose from
        assert by_name["regions"] == [trier], by_name
        assert by_name["status"].startswith("2 результата"), by_name["status"]
        assert any(o.startswith("Трир-Саарбург (Trier-Saarburg)") for o in by_name["options"]), by_name["options"]
        assert typed(phone, "майнц")["regions"] == [f"Майнц (Mainz) {city}"]
        assert "латинскими буквами" in typed(phone, "Москва")["status"]  # no district or city: as on the letters
    assert phone.errors == []
    typed(phone, "Трир" if lang == "ru" else "Trier")
    phone.locator("#place-search").scroll_into_view_if_needed()
    phone.screenshot(path=f"{SCREENSHOTS}/finder-{lang}.png")
