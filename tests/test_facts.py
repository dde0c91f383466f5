"""Sources a reader can follow and a programme block that agrees with the programme pages:
`returnguide check` on fixture trees, and what a page shows (page views of the model)."""

import re

import pytest

from conftest import TODAY, make_tree, run_cli
from returnguide.model.content import load_model
from returnguide.site.page_views import page_view

IQ = "de/countries/iq.md"
REAG = "de/programmes/reag.md"


def check(docs):
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    return result.returncode, [line for line in result.stdout.splitlines() if ": error: " in line]


def edit(docs, rel, old, new):
    path = docs / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_tree_with_sources_and_programme_block_passes(tmp_path):
    code, errors = check(make_tree(tmp_path))
    assert code == 0, errors


SOURCE = """  - id: test
    title: Eine Testquelle
    publisher: test-iom
    url: https://example.org/source
    date: 2026-01-01"""


@pytest.mark.parametrize("new, words", [
    ('  - "../shared/FACTS.md, Abschnitt REAG/GARP"', ["sources:", "is not a source", "FACTS.md"]),
    ("  - Projektflyer der IOM", ["sources:", "is not a source"]),
    (SOURCE.replace("https://example.org/source", "../shared/FACTS.md"), ["url:", "not a web address"]),
    (SOURCE.replace("https://example.org/source", "http://example.org/source"), ["url:", "https://"]),
    (SOURCE.replace("https://example.org/source", "https://localhost/source"), ["url:", "not a public web address"]),
    (SOURCE.replace("    date: 2026-01-01", ""), ["date the source states", "checked:"]),
    (SOURCE.replace("title: Eine Testquelle", "title: FACTS.md Abschnitt 3"), ["internal note"]),
    (SOURCE.replace("publisher: test-iom", "publisher: nobody"), ["publisher 'nobody'", "organisations.yml"]),
    (SOURCE.replace("https://example.org/source", "https://example.net/source"), ["not on a web domain of 'test-iom'", "example.org"]),
])
def test_a_source_that_is_no_public_document_of_its_publisher_is_rejected(tmp_path, new, words):
    docs = make_tree(tmp_path)
    edit(docs, REAG, SOURCE, new)
    code, errors = check(docs)
    assert code == 1
    hit = [e for e in errors if "de/programmes/reag.md:" in e and all(w in e for w in words)]
    assert hit, errors


def test_a_fact_page_citing_nothing_primary_fails_published_and_warns_as_draft(tmp_path):
    docs = make_tree(tmp_path)
    edit(docs, REAG, SOURCE, SOURCE.replace("test-iom", "test-news").replace("example.org", "example.net"))
    code, errors = check(docs)
    assert code == 1
    assert any(re.search(r"de/programmes/reag\.md:\d+: error: sources: none is a primary source", e) for e in errors), errors
    docs = make_tree(tmp_path / "draft")
    edit(docs, REAG, SOURCE, SOURCE.replace("test-iom", "test-news").replace("example.org", "example.net"))
    edit(docs, REAG, "updated: 2026-11-01", "updated: 2026-11-01\nstatus: draft")
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert "warning: sources: none is a primary source" in result.stdout


@pytest.mark.parametrize("old, new, words", [
    # IQ is on the start-up payment list: the sheet may not say no
    ('start_up_payment: {status: "yes"', 'start_up_payment: {status: "no"', ["start_up_payment: 'no' contradicts", "de/programmes/reag.md", "'start-up-payment'"]),
    # IQ is not on the reduced travel allowance list
    ("travel_allowance: {status: full", "travel_allowance: {status: reduced", ["travel_allowance: 'reduced' but", "does not list IQ", "'reduced-travel-allowance'"]),
    ("eurp: {status: \"no\", source: test}", "eurp: {status: \"no\", source: nowhere}", ["source 'nowhere' is not the id of a source"]),
    ("starthilfe_plus: {status: regular", "starthilfe_plus: {status: maybe", ["programme:", "'maybe' is not allowed"]),
    ("{kind: whatsapp, value: \"+964 750 000 0000\"}", "{kind: whatsapp, value: \"call us\"}", ["programme:", "not a valid phone number"]),
])
def test_the_programme_block_is_validated_and_cross_checked_with_the_country_lists(tmp_path, old, new, words):
    docs = make_tree(tmp_path)
    edit(docs, IQ, old, new)
    code, errors = check(docs)
    assert code == 1
    assert any("de/countries/iq.md:" in e and all(w in e for w in words) for e in errors), errors


def test_a_published_sheet_needs_its_programme_block(tmp_path):
    docs = make_tree(tmp_path)
    text = (docs / IQ).read_text(encoding="utf-8")
    text = re.sub(r"programme:\n(?:  .*\n)+", "", text).replace("status: draft\n", "")
    (docs / IQ).write_text(text, encoding="utf-8")
    code, errors = check(docs)
    assert any("de/countries/iq.md:1: error: programme: a published country sheet needs its programme block" in e for e in errors), errors


def test_a_page_shows_its_facts_with_source_and_date_and_never_the_editors_notes(tmp_path):
    docs = make_tree(tmp_path)
    model = load_model(docs)
    de = page_view(model, "de", "countries/iq.md")
    rows = {r["name"]: r for r in de["programme"]["rows"]}
    assert rows["start_up_payment"]["value"] == "ja"
    assert rows["assisted_return"]["source"]["url"] == "https://example.org/source"
    assert rows["assisted_return"]["source"]["date"]["text"] == "1. Januar 2026"
    assert de["programme"]["rules"][0]["text"] == "Eine besondere Regel."
    assert de["programme"]["virtual_counselling"]["channels"][0]["href"] == "https://wa.me/9647500000000"
    assert de["sources"][0]["publisher"].text == "Internationale Organisation für Migration (IOM)"
    assert "GEHEIME-REDAKTIONSNOTIZ" not in repr(de)
    # Arabic: the rule has no Arabic text, so the German one is shown marked as German;
    # the publisher's Arabic name is official, so no German name beside it
    ar = page_view(model, "ar", "countries/iq.md")
    assert ar["programme"]["rules"][0]["text_lang"].code == "de"
    assert ar["programme"]["rows"][2]["value"] == "نعم"
    assert ar["sources"][0]["publisher"].german is None
    # the programme page lists the countries in the reader's language
    lists = {entry["name"]: entry for entry in page_view(model, "ar", "programmes/reag.md")["country_lists"]}
    assert "العراق" in lists["start-up-payment"]["countries"]


def test_one_notice_above_a_draft_country_sheet(tmp_path):
    docs = make_tree(tmp_path)
    edit(docs, IQ, "assisted_return: {status: available", "assisted_return: {status: limited")
    view = page_view(load_model(docs), "de", "countries/iq.md")
    assert len(view["notice"]) == 3  # limited, draft, what the sheet is: one box, three lines
    assert "eingeschränkt" in view["notice"][0]


@pytest.mark.parametrize("where, old, new", [
    (IQ, "notes: GEHEIME-REDAKTIONSNOTIZ, nie zeigen", "notes: siehe ../shared/FACTS.md, Abschnitt REAG"),
    (REAG, "# Ein Programm\n", "# Ein Programm\n\nMehr in FACTS.md.\n"),
])
def test_a_page_never_names_the_teams_notes_not_even_in_editors_notes(tmp_path, where, old, new):
    docs = make_tree(tmp_path)
    edit(docs, where, old, new)
    code, errors = check(docs)
    assert code == 1
    assert any(where + ":" in e and "names ../shared or FACTS.md" in e for e in errors), errors
