"""The content model on the small good fixture tree."""

import datetime as dt

import pytest

from conftest import make_tree
from returnguide.checks import editorial as checks
from returnguide.checks.coverage import coverage
from returnguide.model import schema, values
from returnguide.model.content import load_model
from returnguide.model.languages import LANGUAGES
from returnguide.site import directory, page_views, structured_data


@pytest.fixture
def model(tmp_path):
    return load_model(make_tree(tmp_path))


def test_good_tree_has_no_errors(model):
    assert model.errors == []
    assert len(model.pages) == 8


def test_translation_inherits_language_neutral_facts(model):
    en = model.page("en", "locations/hotline.md")
    assert en.own.get("email") is None  # not written in the English file ...
    assert en.meta.email == "iomdeberatung-rlp@iom.int"  # ... but known from the German source
    assert en.meta.phone.e164 == "+4962321001000"
    assert en.meta.operator == "test-iom"


def test_phone_is_normalised_and_keeps_its_grouping_for_display(model):
    phone = model.page("de", "locations/hotline.md").meta.phone
    assert phone.e164 == "+4962321001000"
    assert phone.tel == "tel:+4962321001000"
    assert phone.display == "+49 6232 100 1000"


def test_missing_translation_falls_back_to_german(model):
    page, fallback = model.resolve("fa", "programmes/reag.md")
    assert fallback and page.lang == "de"
    page, fallback = model.resolve("en", "programmes/reag.md")
    assert not fallback and page.lang == "en"


def test_coverage_reports_missing_and_outdated_pages(model):
    report = {c.lang: c for c in coverage(model)}
    assert report["de"].percent == 100
    assert report["fa"].translated == 0 and len(report["fa"].missing) == 4
    assert report["en"].missing == ["countries/iq.md"]
    assert report["en"].outdated == ["programmes/reag.md"]
    assert report["ar"].translated == 1


def test_freshness_warns_after_a_year_and_fails_after_two(model):
    problems = checks.freshness(model, dt.date(2026, 11, 21))
    assert [(p.path.endswith("countries/iq.md"), p.severity) for p in problems] == [(True, "warning")]
    problems = checks.freshness(model, dt.date(2027, 6, 2))
    assert {(p.path.rsplit("/", 1)[-1], p.severity) for p in problems} == {("iq.md", "error"), ("reag.md", "warning")}


def test_page_view_for_a_fallback_page(model):
    view = page_views.page_view(model, "fa", "programmes/reag.md")
    assert view["fallback"] and view["fallback_lang"].code == "de"
    assert view["lang"].direction == "rtl"
    assert view["as_of"]["iso"] == "2026-06-01"
    assert "۲۰۲۶" in view["as_of"]["text"]  # Babel writes the Persian date with Persian digits
    hreflangs = {a["hreflang"]: a["path"] for a in view["alternates"]}
    assert hreflangs == {"de": "programmes/reag/", "en": "en/programmes/reag/", "ar": "ar/programmes/reag/",
                         "fa": "fa/programmes/reag/", "tr": "tr/programmes/reag/", "ru": "ru/programmes/reag/",
                         "x-default": "programmes/reag/"}


def test_page_view_contact_card_comes_from_the_location_record(model):
    view = page_views.page_view(model, "ar", "index.md")
    [card] = view["contacts"]
    assert card["phone"].tel == "tel:+4962321001000"
    assert card["email"] == "iomdeberatung-rlp@iom.int"
    assert card["appointment_only"] is True


def test_outdated_translation_is_flagged_in_its_view(model):
    assert page_views.page_view(model, "en", "programmes/reag.md")["outdated"] is True
    assert page_views.page_view(model, "en", "index.md")["outdated"] is False


def test_phone_numbers_are_found_in_any_digits_and_formats():
    # Persian digits and a German number without +49 are the same numbers as in the source.
    assert checks.contact_points("تماس: ۰۶۵۱ ۹۹ ۱۹ ۵۶ ۸۷") == ["+4965199195687"]
    assert checks.contact_points("[+49 6232 100 1000](tel:+4962321001000) oder 06232 1001000") == ["+4962321001000"] * 3


def test_one_folding_table_for_checks_and_search():
    from returnguide.model.text import fold, table

    assert fold("كيف  ۶۲۳۲ ٦٢٣٢ أُسرة Ärzte\u200c") == "کیف 6232 6232 اسره arzte"
    assert table()["letters"]["\u064a"] == "\u06cc" and "\u0640" in table()["dropped"]


def test_headings_come_from_a_markdown_parser_not_a_line_pattern():
    """Underlined (setext) headings count; a fence of one kind does not close a fence of another;
    an indented code block holds no heading; a section's text starts after a setext underline."""
    from returnguide.model.pages import parse_headings

    body = ("# Title {#top}\n\nLead.\n\nWhat it costs {#costs}\n----------------------\n\nText of costs.\n\n"
            "~~~~\n```\n## inside a fence\n~~~~\n\n    ## indented code\n\n## After {#after}\nmore\n")
    found = [(h.level, h.text, h.id, h.line, h.end) for h in parse_headings(body, 5)]
    assert found == [(1, "Title", "top", 5, 6), (2, "What it costs", "costs", 9, 11), (2, "After", "after", 21, 22)]


def test_the_german_name_beside_a_translation_does_not_repeat_its_abbreviation():
    from returnguide.model.organisations import Organisation

    iom = Organisation("iom", {"de": "Internationale Organisation für Migration (IOM)",
                               "ru": "Международная организация по миграции (IOM)", "en": "Migrationsberatung"},
                       official=(), kind="counselling", primary=True, domains=(), url="")
    assert iom.name("ru").german == "Internationale Organisation für Migration"
    assert iom.name("en").german == "Internationale Organisation für Migration (IOM)", "no abbreviation in the translation: kept"
    assert iom.name("de").german is None


def test_front_matter_becomes_typed_records_that_every_output_reads(tmp_path):
    """A location's address, coordinates and opening hours arrive as records (attributes, not
    dictionary keys), and the outputs that show them (the directory, the vCard, the structured
    data) read them; the English translation carries the same records, inherited."""
    docs = make_tree(tmp_path)
    page = docs / "de" / "locations" / "hotline.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "opening_hours:\n  appointment_only: true\n",
        "address:\n  street: Teststraße 1\n  postal_code: 67346\n  city: Speyer\n"
        "geo:\n  lat: 49.3\n  lon: 8.43\n"
        "opening_hours:\n  appointment_only: true\n  mon: 09:00-12:00\n"), encoding="utf-8")
    model = load_model(docs)
    assert model.errors == []
    de, en = model.page("de", "locations/hotline.md"), model.page("en", "locations/hotline.md")
    assert isinstance(de.meta, schema.Front) and isinstance(de.meta.address, values.Address)
    assert (de.meta.address.postal_code, de.meta.geo.lat, de.meta.opening_hours.day("mon")) == ("67346", 49.3, ["09:00-12:00"])
    assert en.meta.address == de.meta.address and en.meta.geo == de.meta.geo
    view = directory.location_view(model, en, LANGUAGES["en"])
    assert view["geo"]["uri"] == "geo:49.3,8.43?q=49.3,8.43"
    assert view["hours"] == [{"day": "Monday", "times": ["09:00-12:00"]}] and view["appointment_only"]
    vcard = directory.vcard(model, de, "https://example.org/")
    assert "GEO:49.3;8.43" in vcard and "Teststraße 1;Speyer;;67346;Deutschland" in vcard
    data = structured_data.location_jsonld(de, view, None, "https://example.org/")
    place = data["availableChannel"]["serviceLocation"]
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 49.3, "longitude": 8.43}
    assert place["address"]["postalCode"] == "67346"


def test_a_record_field_stated_wrongly_names_its_key_and_line(tmp_path):
    docs = make_tree(tmp_path)
    page = docs / "de" / "locations" / "hotline.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "opening_hours:\n  appointment_only: true\n", "geo:\n  lat: 91\n  lon: 8.43\n"), encoding="utf-8")
    model = load_model(docs)
    assert [(p.line, p.message) for p in model.errors] == [(11, "geo: lat: 91 must be a number from -90 to 90")]
    assert model.page("de", "locations/hotline.md").meta.geo is None  # reported, and left out
