"""Events and the pages for staff: the model (upcoming and archive by the build's date,
published_in), the iCalendar files read back by two independent readers (icalendar and
vobject), quotes of other pages' sections, event posters only while their event is ahead."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import icalendar
import pytest
import vobject

from conftest import FIXTURES, ROOT, TODAY, make_tree, run_cli
from returnguide.checks.coverage import coverage, format_coverage
from returnguide.model import labels
from returnguide.model.addresses import addresses
from returnguide.model.content import load_model
from returnguide.model.languages import LANGUAGES
from returnguide.model.pages import expand_quotes
from returnguide.model.urls import alternates
from returnguide.site import calendar
from returnguide.views.events import event_lists

SITE = "https://rueckkehrberatung.example/"


@pytest.fixture
def model(tmp_path):
    docs = make_tree(tmp_path)
    shutil.copytree(FIXTURES / "events", docs, dirs_exist_ok=True)
    shutil.copy(ROOT / "materials" / "leaflets" / "event-poster.yml", docs.parent / "materials" / "leaflets")
    model = load_model(docs)
    assert model.errors == []
    return model


def test_fixture_events_pass_the_check_and_staff_pages_are_german_and_english_only(tmp_path):
    docs = make_tree(tmp_path)
    shutil.copytree(FIXTURES / "events", docs, dirs_exist_ok=True)
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert result.returncode == 0, result.stdout
    # Arabic and Persian: the five German/English-only pages are not counted and not missing
    assert re.search(r"fa\s+Persian\s+0/4\s+0\.0%\s+missing: 4\s+outdated: 0\s+not published here by design \(published_in\): 5", result.stdout), result.stdout
    assert "missing  fa/events/" not in result.stdout and "missing  ar/professionals/" not in result.stdout
    assert "missing  en/events/past-training.md" in result.stdout  # English is expected


def test_a_past_event_is_in_the_archive_not_upcoming(model):
    lists = event_lists(model, LANGUAGES["de"], dt.date.fromisoformat(TODAY))
    assert [e["title"] for e in lists["archive"]] == ["Fortbildung für Beratende (Test)"]
    assert [e["url"] for e in lists["upcoming"]] == ["events/upcoming-conference/", "events/cancelled-meeting/"]
    # the day after its last day an event moves to the archive; on the day it is still ahead
    assert len(event_lists(model, LANGUAGES["de"], dt.date(2027, 2, 11))["upcoming"]) == 2
    assert len(event_lists(model, LANGUAGES["de"], dt.date(2027, 2, 12))["upcoming"]) == 1
    english = event_lists(model, LANGUAGES["en"], dt.date.fromisoformat(TODAY))
    assert english["upcoming"][0]["title"].startswith("Conference with a very long title")
    assert english["upcoming"][0]["when"] == "10 February 2027, 09:30 – 11 February 2027, 15:00"
    assert english["upcoming"][1]["status_label"] == "Cancelled"


def test_staff_pages_have_no_address_in_arabic_and_persian(model):
    assert model.resolve("fa", "professionals/index.md") == (None, False)
    assert model.resolve("en", "professionals/index.md")[1] is True  # English: German text with a notice
    assert [a["hreflang"] for a in alternates("events/index.md", model.page("de", "events/index.md").languages)] == ["de", "en", "x-default"]
    found = addresses(model)
    assert "/en/events/upcoming-conference/" in found and "/ar/events/upcoming-conference/" not in found
    assert not any(a.startswith(("/ar/professionals", "/fa/professionals", "/fa/events")) for a in found)


def _feed(model, lang="de") -> bytes:
    return calendar.calendar(model, model.events(lang), lang, SITE, "Test")


def test_calendar_feed_parses_with_two_independent_readers(model):
    data = _feed(model)
    # RFC 5545: CRLF line ends, lines folded at 75 octets
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert b"\r\n " in data  # the long title was folded

    cal = icalendar.Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 3
    by_summary = {str(e["SUMMARY"]): e for e in events}
    conference = next(e for s, e in by_summary.items() if s.startswith("Fachtagung"))
    assert conference["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert conference.decoded("DTSTART") == dt.datetime(2027, 2, 10, 9, 30, tzinfo=conference.decoded("DTSTART").tzinfo)
    assert conference.decoded("DTSTART").utcoffset() == dt.timedelta(hours=1)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(by_summary["Netzwerktreffen (Test)"]["STATUS"]) == "CANCELLED"
    assert by_summary["Netzwerktreffen (Test)"].decoded("DTEND") == dt.date(2027, 5, 6)  # all day: the day after
    assert "ein neuer Termin folgt" in str(by_summary["Netzwerktreffen (Test)"]["DESCRIPTION"])
    assert by_summary["Fortbildung für Beratende (Test)"].decoded("DTSTAMP") == dt.datetime(2025, 2, 1, tzinfo=dt.timezone.utc)
    assert str(by_summary["Fortbildung für Beratende (Test)"]["ORGANIZER"]) == "mailto:iomdeberatung-rlp@iom.int"

    parsed = vobject.readOne(data.decode("utf-8"))
    vevents = parsed.contents["vevent"]
    assert len(vevents) == 3
    second = {v.summary.value: v for v in vevents}
    assert second[str(conference["SUMMARY"])].dtstart.value.utcoffset() == dt.timedelta(hours=1)
    assert second[str(conference["SUMMARY"])].dtstart.value.hour == 9
    assert second["Netzwerktreffen (Test)"].status.value == "CANCELLED"
    assert {v.uid.value for v in vevents} == {str(e["UID"]) for e in events}


def test_calendar_is_reproducible_and_uids_are_stable_across_languages(model):
    assert _feed(model) == _feed(model)
    german = icalendar.Calendar.from_ical(_feed(model, "de")).walk("VEVENT")
    english = icalendar.Calendar.from_ical(_feed(model, "en")).walk("VEVENT")
    assert {str(e["UID"]) for e in german} == {str(e["UID"]) for e in english}
    single = calendar.calendar(model, [model.page("de", "events/past-training.md")], "de", SITE, "x")
    assert len(icalendar.Calendar.from_ical(single).walk("VEVENT")) == 1


def test_quotes_bring_the_section_in_the_readers_language(model):
    page = model.page("de", "professionals/index.md")
    expanded = expand_quotes(model, "de", page.rel_path, page.body)
    assert "<!-- quote:" not in expanded
    assert model.page("de", "programmes/reag.md").section("who-can-apply").strip() in expanded
    english = expand_quotes(model, "en", page.rel_path, page.body)
    assert model.page("en", "programmes/reag.md").section("who-can-apply").strip() in english


def test_a_poster_is_made_for_each_event_but_rendered_only_while_it_is_ahead(model):
    posters = [v for v in model.leaflets if v.definition == "event-poster"]
    assert sorted({v.item for v in posters}) == ["cancelled-meeting", "past-training", "upcoming-conference"]
    today = dt.date.fromisoformat(TODAY)
    assert sorted({v.item for v in posters if v.current(today)}) == ["cancelled-meeting", "upcoming-conference"]
    # the short link of a past event's poster keeps leading to its page; its PDF is not recorded
    found = addresses(model)
    assert "/go/event-poster-past-training-de-a4/" in found
    assert "/materials/event-poster-past-training-de-a4.pdf" not in found


def test_coverage_lists_pages_not_published_by_design():
    report = {c.lang: c for c in coverage(load_model(ROOT / "docs"))}
    assert report["ar"].missing == [] and "professionals/referral.md" in report["ar"].not_published
    assert "events/2024-07-fachtagung-trier.md" in report["fa"].not_published
    assert "not published here by design" in format_coverage(list(report.values()))


@pytest.mark.slow
def test_a_poster_for_an_upcoming_event_says_when_where_and_how_to_register(tmp_path):
    docs = make_tree(tmp_path)
    shutil.copytree(FIXTURES / "events", docs, dirs_exist_ok=True)
    shutil.copy(ROOT / "materials" / "leaflets" / "event-poster.yml", docs.parent / "materials" / "leaflets")
    out = tmp_path / "out"
    result = run_cli("leaflets", "--docs", str(docs), "--only", "event-poster", "--today", TODAY, "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    # the past training gets no poster; the upcoming conference one per language, the cancelled meeting one
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "event-poster-cancelled-meeting-de-a4.pdf", "event-poster-upcoming-conference-de-a4.pdf",
        "event-poster-upcoming-conference-en-a4.pdf"]
    text = " ".join(subprocess.run(["pdftotext", str(out / "event-poster-upcoming-conference-en-a4.pdf"), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())
    for words in ("10 February 2027, 09:30 – 11 February 2027, 15:00", "Mainz", "https://example.org/anmeldung",
                  "until 31 January 2027", "go/event-poster-upcoming-conference-en-a4/"):
        assert words in text, words
    # each audience on a line of its own, all in one column after "For whom"
    assert re.search(r"For whom Staff of authorities Migration services and counselling offices The public", text), text
    assert "authorities," not in text
    cancelled = " ".join(subprocess.run(["pdftotext", str(out / "event-poster-cancelled-meeting-de-a4.pdf"), "-"],
                                        capture_output=True, text=True, check=True).stdout.split())
    assert "Abgesagt" in cancelled and "ein neuer Termin folgt" in cancelled


def test_an_event_page_gives_each_audience_a_value_of_its_own(built_site):
    """The audience labels stand alone (each capitalised in English): a list of values under "For
    whom", not one sentence joined with commas."""
    meta = load_model(ROOT / "docs").page("de", "events/2024-07-fachtagung-trier.md").meta
    assert len(meta.audience) >= 2
    for code in ("de", "en"):
        prefix = "" if code == "de" else f"{code}/"
        html = (built_site / f"{prefix}events/2024-07-fachtagung-trier" / "index.html").read_text(encoding="utf-8")
        facts = re.search(r'<dl class="rg-event__facts">(.*?)</dl>', html, re.S).group(1)
        terms = re.split(r"<dt>", facts)
        whom = next(t for t in terms if t.startswith(LANGUAGES[code].t("Für wen")))
        values = [re.sub(r"<[^>]+>", "", v).strip() for v in re.findall(r"<dd>(.*?)</dd>", whom, re.S)]
        assert values == [labels.say(LANGUAGES[code], labels.AUDIENCES, a) for a in meta.audience], code


@pytest.mark.slow  # builds a site
def test_a_past_event_offers_no_registration_and_no_calendar_entry(tmp_path, fixture_cache):
    """Once an event has taken place its page says so, and offers neither its registration nor "add
    to calendar"; the calendar file stays at its address (links to it keep working)."""
    docs = make_tree(tmp_path)
    shutil.copytree(FIXTURES / "events", docs, dirs_exist_ok=True)
    site = tmp_path / "site"
    result = run_cli("build", "--docs", str(docs), "--site-dir", str(site), "--today", TODAY, "--cache-dir", str(fixture_cache))
    assert result.returncode == 0, result.stdout + result.stderr
    calendar_link = re.compile(r'<a class="rg-action" href="([^"]+\.ics)" download>')
    ahead = (site / "events/upcoming-conference/index.html").read_text(encoding="utf-8")
    assert calendar_link.search(ahead) and "Zur Anmeldung" in ahead
    assert "Diese Veranstaltung hat schon stattgefunden." not in ahead
    past = (site / "events/past-training/index.html").read_text(encoding="utf-8")
    assert "Diese Veranstaltung hat schon stattgefunden." in past
    assert not calendar_link.search(past) and "In den Kalender" not in past
    assert "anmeldung@example.org" not in past  # its registration (by e-mail, until a day long gone)
    assert (site / "events/past-training.ics").is_file()
