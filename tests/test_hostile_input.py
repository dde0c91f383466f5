"""Hostile and broken input, round two: text that changes once it leaves the site (calendar and
vCard injection, direction controls), links that look official and are not, every registry of
materials/, and never a traceback. `check` names each case with its file and line; the writers
of .ics, .vcf, JSON-LD and leaflets refuse whatever reaches them all the same."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TODAY, make_tree, run_cli
from returnguide import cli
from returnguide.model.characters import UnsafeText, first_unsafe
from returnguide.model.content import load_model
from returnguide.model.places import Place
from returnguide.print import render
from returnguide.site import calendar, directory, finder, page_views

SITE = "https://rueckkehrberatung.example/"
PAGE = "de/index.md"
CSV = "postcodes/plz-ort-kreis-rp-sh.csv"


def check(docs, capsys) -> tuple[int, list[str]]:
    """`returnguide check` in this process: exit code and its error lines."""
    code = cli.main(["check", "--docs", str(docs), "--today", TODAY])
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return code, [line for line in out.splitlines() if ": error: " in line]


def named(errors: list[str], path: Path, line: int, words: str) -> list[str]:
    return [e for e in errors if e.startswith(f"{path}:{line}: error: ") and words in e]


# ---------------------------------------------------------------- the fixture trees of tests/fixtures/bad

# overlay -> [(file below docs/, line, words)]; each built or crashed before.
CASES = {
    # a bare carriage return (and CRLF, and U+2028) in every text field of an event
    "event-control-characters": [
        ("de/events/treffen.md", 3, "title: contains a carriage return (U+000D)"),
        ("de/events/treffen.md", 4, "description: contains a carriage return (U+000D)"),
        ("de/events/treffen.md", 9, "place.name: contains a carriage return (U+000D)"),
        ("de/events/treffen.md", 14, "event_note: contains a line separator (U+2028)"),
    ],
    "url-tricks": [
        # a traceback before (urllib: Invalid IPv6 URL; netloc changes under NFKC)
        ("de/locations/tricks.md", 10, "url: 'https://[::1' is not an address a browser can open"),
        ("de/locations/tricks.md", 11, "a browser reads it as 'https://example.org/source'"),
        # urllib saw the publisher's host example.org here; a browser visits example.net
        ("de/quellen-backslash.md", 5, "contains a backslash"),
        ("de/quellen-fremder-host.md", 5, "is not on a web domain of 'test-iom'"),
        ("de/events/tricks.md", 8, "place: url: 'https://example.net\\\\@example.org/' contains a backslash"),
        ("de/events/tricks.md", 13, "registration: url: 'https://user@example.org/anmeldung' carries a user name or password"),
    ],
}


@pytest.mark.parametrize("overlay", sorted(CASES))
def test_each_case_is_refused_at_its_line(tmp_path, capsys, overlay):
    docs = make_tree(tmp_path, overlay=overlay)
    code, errors = check(docs, capsys)
    assert code == 1
    for path, line, words in CASES[overlay]:
        assert named(errors, docs / path, line, words), (path, line, words, errors)


# ---------------------------------------------------------------- one rule for every character


def set_front_matter(docs: Path, page: str, key: str, value: str) -> None:
    """Set key: value (a YAML double-quoted text, so any character can be written) in a page."""
    path = docs / page
    text = path.read_text(encoding="utf-8")
    line = f"{key}: {json.dumps(value)}"
    text = re.sub(rf"^{key}:.*$", lambda _: line, text, count=1, flags=re.M) if re.search(rf"^{key}:", text, re.M) \
        else text.replace("---\n", f"---\n{line}\n", 1)
    path.write_text(text, encoding="utf-8")


REFUSED = {"\r": "a carriage return (U+000D)", "\x0b": "a vertical tab (U+000B)", "\x1b": "an escape (U+001B)",
           "\x7f": "a delete (U+007F)", "\x85": "a next-line control (U+0085)", "\x9b": "a control character (U+009B)",
           "\u2028": "a line separator (U+2028)", "\u2029": "a paragraph separator (U+2029)",
           "\u202e": "an invisible direction control (U+202E)", "\u2067": "an invisible direction control (U+2067)",
           "\u200f": "an invisible direction control (U+200F)", "\u061c": "an invisible direction control (U+061C)",
           "\t": "a tab (U+0009)", "\n": "a line break (U+000A)"}


@pytest.mark.parametrize("char", sorted(REFUSED))
def test_a_refused_character_in_a_title_is_named_with_its_line(tmp_path, capsys, char):
    docs = make_tree(tmp_path)
    set_front_matter(docs, PAGE, "title", f"Start{char}URL:https://example.net/")
    code, errors = check(docs, capsys)
    assert code == 1 and named(errors, docs / PAGE, 2, f"title: contains {REFUSED[char]}"), errors


def test_a_description_may_have_several_lines_a_title_not(tmp_path, capsys):
    docs = make_tree(tmp_path)
    set_front_matter(docs, PAGE, "description", "Erste Zeile.\nZweite Zeile.")
    _, errors = check(docs, capsys)
    assert not [e for e in errors if PAGE in e and "description" in e], errors
    set_front_matter(docs, PAGE, "description", "Erste Zeile.\r\nZweite Zeile.")
    code, errors = check(docs, capsys)
    assert code == 1 and named(errors, docs / PAGE, 3, "description: contains a carriage return"), errors


def test_a_folded_title_is_one_line(tmp_path, capsys):
    docs = make_tree(tmp_path)
    path = docs / PAGE
    path.write_text(path.read_text(encoding="utf-8").replace("title: Startseite", "title: >\n  Start\n  seite"), encoding="utf-8")
    _, errors = check(docs, capsys)
    assert not [e for e in errors if PAGE in e], errors


def test_control_characters_in_a_page_body_are_named_with_their_line(tmp_path, capsys):
    docs = make_tree(tmp_path)
    path = docs / PAGE
    path.write_text(path.read_text(encoding="utf-8") + "\nText mit\x0cSeitenvorschub.\n\n\tEingerückter Code ist erlaubt.\n", encoding="utf-8")
    code, errors = check(docs, capsys)
    assert code == 1 and named(errors, path, 13, "text: contains a form feed (U+000C)"), errors
    assert not [e for e in errors if "(U+0009)" in e], errors


# ---------------------------------------------------------------- every registry of materials/


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# file below materials/, (old, new), line, words
REGISTRIES = {
    "organisation-name-rlo": ("organisations.yml", ("ar: المنظمة الدولية للهجرة (IOM)", 'ar: "المنظمة\u202e الدولية للهجرة (IOM)"'),
                              None, "test-iom.name.ar: contains an invisible direction control (U+202E)"),
    "organisation-name-markup": ("organisations.yml", ("de: Eine Zeitung", "de: <img src=x onerror=alert(1)>"), None,
                                 "test-news.name.de: '<img src=x onerror=alert(1)>' looks like HTML markup"),
    "organisation-url-backslash": ("organisations.yml", ("url: https://example.net/", 'url: "https://example.org\\\\@example.net/"'),
                                   12, "url: 'https://example.org\\\\@example.net/' contains a backslash"),
    "organisation-url-ipv6": ("organisations.yml", ("url: https://example.net/", 'url: "https://[example.net/"'),
                              12, "is not an address a browser can open"),
    "organisation-domain": ("organisations.yml", ("domains: [example.net]", "domains: [EXAMPLE.net/x]"), 12,
                            "'EXAMPLE.net/x' is not a domain"),
    "place-name-carriage-return": ("place-names.yml", ("Kusel: {en: Kusel,", 'Kusel: {en: "Kusel\\rX",'),
                                   None, "Kusel.en: contains a carriage return (U+000D)"),
    "glossary-direction": ("glossary.yml", ("IOM:\n  de: [IOM]", 'IOM:\n  de: [IOM, "IOM\u2067"]'),
                           None, "IOM.de.1: contains an invisible direction control (U+2067)"),
    "region-line-separator": ("regions.yml", ("    - Kusel\n", '    - "Kusel\\u2028"\n'), None, "DE-RP.districts.12: contains a line separator"),
    "district-key-escape": ("postcodes/regions.yml", ('"07211": Stadt Trier', '"07211": "Stadt Trier\\e"'), None,
                            "07211: contains an escape (U+001B)"),
    "leaflet-markup": ("leaflets/programme.yml", ("  - section: costs", "  - section: <script>costs"), None,
                       "blocks.1.section: '<script>costs' looks like HTML markup"),
}


@pytest.mark.parametrize("case", sorted(REGISTRIES))
def test_every_registry_is_held_to_the_same_rules_as_pages(tmp_path, capsys, case):
    name, (old, new), line, words = REGISTRIES[case]
    docs = make_tree(tmp_path)
    path = tmp_path / "materials" / name
    edit(path, old, new)
    if line is None:  # the line of the edited text (its last line)
        text = path.read_text(encoding="utf-8")
        line = text[: text.index(new)].count("\n") + 1 + new.rstrip("\n").count("\n")
    code, errors = check(docs, capsys)
    assert code == 1 and named(errors, path, line, words), (line, errors)


def test_a_campaign_with_a_control_character_is_named(tmp_path, capsys):
    docs = make_tree(tmp_path)
    path = tmp_path / "materials" / "campaigns.yml"
    path.write_text('- slug: finder\n  page: index.md\n  lang: de\n  params: {utm_source: "a\\rb"}\n', encoding="utf-8")
    code, errors = check(docs, capsys)
    assert code == 1 and named(errors, path, 4, "params.utm_source: contains a carriage return"), errors


# ---------------------------------------------------------------- the postcode table


def table_row(tmp_path: Path, row: bytes) -> tuple[Path, int]:
    """The real postcode table with one row appended; (its path, the row's line)."""
    path = tmp_path / "materials" / CSV
    data = path.read_bytes()
    path.write_bytes(data + row + b"\r\n")
    return path, data.count(b"\n") + 1


@pytest.mark.parametrize("row, words", [
    ('54290,"Trier, Mitte",7211000,,Rheinland-Pfalz,1'.encode(), "holds one of : ; = ,"),
    ("54290,Trier=Nord,7211000,,Rheinland-Pfalz,1".encode(), "holds one of : ; = ,"),
    ('54290,"Trier\rBEGIN:VALARM",7211000,,Rheinland-Pfalz,1'.encode(), "ort: a line break inside a cell"),
    ('54290,"Trier\x0bX",7211000,,Rheinland-Pfalz,1'.encode(), "ort: contains a vertical tab (U+000B)"),
    ("54290,Trier\u202e,7211000,,Rheinland-Pfalz,1".encode(), "ort: contains an invisible direction control"),
    (b"54290,Trier\xff,7211000,,Rheinland-Pfalz,1", "is not UTF-8"),
    (b'54290,"Trier,7211000,,Rheinland-Pfalz,1', "a line break inside a cell"),  # a quote left open
])
def test_a_place_the_finder_cannot_store_is_named_by_check_not_by_a_failed_build(tmp_path, capsys, row, words):
    docs = make_tree(tmp_path)
    path, line = table_row(tmp_path, row)
    code, errors = check(docs, capsys)
    assert code == 1 and named(errors, path, line, words), (line, errors[-3:])


def test_the_finders_index_refuses_with_the_line_not_a_traceback(tmp_path):
    """What slips past the check all the same stops the index with its path:line (a ContentError)."""
    model = load_model(make_tree(tmp_path))
    model.places.rows.append(Place("54290", "Trier, Mitte", "07211000", "Stadt Trier", 4242))
    with pytest.raises(finder.PlacesError) as refused:
        finder.index(model)
    assert str(refused.value.problem).startswith(f"{model.places.path}:4242: error: 'Trier, Mitte' holds one of")


def test_the_cli_turns_a_refusal_into_its_message(tmp_path, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        model = load_model(make_tree(tmp_path))
        model.places.rows.append(Place("54290", "Trier; Mitte", "07211000", "Stadt Trier", 7))
        finder.index(model)

    monkeypatch.setattr(cli.build_mod, "build", refuse)
    assert cli.main(["build", "--docs", str(tmp_path / "docs"), "--site-dir", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert re.search(r"plz-ort-kreis-rp-sh\.csv:7: error: 'Trier; Mitte' holds one of", err) and "Traceback" not in err


@pytest.mark.slow  # it runs `returnguide build` (stops at the check, but the tier is by what it runs)
def test_a_build_fed_with_control_characters_stops_at_the_check_and_writes_nothing(tmp_path):
    docs = make_tree(tmp_path, overlay="event-control-characters")
    site = tmp_path / "site"
    result = run_cli("build", "--docs", str(docs), "--site-dir", str(site), "--today", TODAY, "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{docs}/de/events/treffen.md:3: error: title: contains a carriage return (U+000D)" in result.stdout
    assert not site.exists()


# ---------------------------------------------------------------- the writers refuse what slips through


@pytest.fixture
def model(tmp_path):
    """The fixture tree with the events, loaded; tests put hostile text into it behind the check's back."""
    docs = make_tree(tmp_path)
    shutil.copytree(FIXTURES / "events", docs, dirs_exist_ok=True)
    return load_model(docs)


def crlf_only(data: str) -> bool:
    """Every line of an .ics or .vcf ends with CRLF and carries no character of the rule."""
    return all(first_unsafe(line) is None for line in data.split("\r\n"))


INJECTIONS = ["\rATTACH:https://example.net/x.exe", "\r\nURL:https://example.net/", "\nBEGIN:VALARM", "\x0bX", "\x85X",
              "\u2028X", "\u202eX", "\x00X"]


@pytest.mark.parametrize("field", ["title", "description", "event_note", "place"])
@pytest.mark.parametrize("injection", INJECTIONS)
def test_the_calendar_refuses_what_the_check_would_refuse(model, field, injection):
    event = model.page("de", "events/upcoming-conference.md")
    if field == "place":
        event.meta = dataclasses.replace(event.meta, place=dataclasses.replace(event.meta.place, name="Rathaus" + injection))
    else:
        event.meta = dataclasses.replace(event.meta, **{field: "Text" + injection})
    if field in ("description", "event_note") and injection == "\nBEGIN:VALARM":
        data = calendar.calendar(model, [event], "de", SITE, "x").decode("utf-8")  # a line feed is allowed there: escaped
        assert crlf_only(data) and "\\nBEGIN:VALARM" in data.replace("\r\n ", "")
        return
    with pytest.raises(UnsafeText) as refused:
        calendar.calendar(model, [event], "de", SITE, "x")
    assert refused.value.problem.path == event.display_path and refused.value.problem.line == event.line_of(field)


def test_what_a_calendar_entry_takes_from_elsewhere_is_refused_too(model):
    """The organiser's name comes from the registry, not the event page: the entry as written is checked."""
    org = model.organisations["test-iom"]
    model.organisations["test-iom"] = dataclasses.replace(org, names={**org.names, "de": "IOM\u202e"})
    event = model.page("de", "events/upcoming-conference.md")
    with pytest.raises(UnsafeText, match="its calendar entry, line"):
        calendar.calendar(model, [event], "de", SITE, "x")


def test_vcards_and_structured_data_refuse_an_organisations_unclosed_override(model):
    org = model.organisations["test-iom"]
    model.organisations["test-iom"] = dataclasses.replace(org, names={**org.names, "de": "IOM\u202e (Test"})
    hotline = model.locations()["hotline"]
    with pytest.raises(UnsafeText, match="its vCard"):
        directory.vcard(model, hotline, SITE)
    with pytest.raises(UnsafeText, match=r"structured data \(JSON-LD\)\.0\.provider\.name: refused to write an invisible direction"):
        page_views.page_view(model, "de", hotline.rel_path, SITE, "Rückkehrberatung")


def test_a_leaflet_refuses_a_control_character(model, tmp_path):
    reag = model.page("de", "programmes/reag.md")
    reag.meta = dataclasses.replace(reag.meta, title="Programm\x1b[2J")
    variant = next(v for v in model.leaflets if v.languages == ("de",))
    setup = render.Setup(ROOT, SITE, tmp_path / "cache" / "leaflets", ROOT / "materials" / "print")
    with pytest.raises(UnsafeText, match=r"leaflet programme-de-a4.*refused to write an escape \(U\+001B\)"):
        render.html_of(model, variant, setup)


def test_calendar_and_vcard_files_carry_no_control_character(model, tmp_path):
    """The writers as the build calls them: a multi-line description arrives escaped, every line ends
    with CRLF; fed a control character they write nothing rather than pass it on."""
    site = tmp_path / "out"
    event = model.page("de", "events/upcoming-conference.md")
    event.meta = dataclasses.replace(event.meta, description="Erste Zeile.\nZweite Zeile; mit Komma, und \\ Backslash.")
    calendar.write(site, model, SITE, {"de": "Rückkehrberatung", "en": "Return counselling", "ar": "x", "fa": "x"})
    files = list(site.rglob("*.ics"))
    assert files
    for location in model.locations().values():
        (site / f"{location.slug}.vcf").parent.mkdir(parents=True, exist_ok=True)
        (site / f"{location.slug}.vcf").write_text(directory.vcard(model, location, SITE), encoding="utf-8", newline="")
        files.append(site / f"{location.slug}.vcf")
    for path in files:
        assert crlf_only(path.read_bytes().decode("utf-8")), path

    shutil.rmtree(site)
    event.meta = dataclasses.replace(event.meta, title="Treffen\rATTACH:https://example.net/x.exe")
    with pytest.raises(UnsafeText):
        calendar.write(site, model, SITE, {"de": "Rückkehrberatung", "en": "Return counselling", "ar": "x", "fa": "x"})
    assert not [p for p in site.rglob("*.ics") if b"\rATTACH" in p.read_bytes()]


@pytest.mark.slow  # builds a site
def test_the_calendars_and_vcards_of_a_build_carry_no_control_character(tmp_path, fixture_cache):
    """A build fed with what the rule allows (line breaks in descriptions and notes, tabs in a page's
    text, the separators of iCalendar and vCard): every .ics and .vcf line ends with CRLF and holds
    no other control character; line breaks arrive escaped."""
    docs = make_tree(tmp_path)
    shutil.copytree(FIXTURES / "events", docs, dirs_exist_ok=True)
    set_front_matter(docs, "de/events/cancelled-meeting.md", "description", "Erste Zeile;\nzweite Zeile, mit \\ und ,.")
    set_front_matter(docs, "de/events/cancelled-meeting.md", "event_note", "Fällt aus.\nNeuer Termin folgt.")
    set_front_matter(docs, "de/locations/hotline.md", "description", "Eine Hotline;\nmit zwei Zeilen.")
    path = docs / "de" / "events" / "cancelled-meeting.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\tmit Tab eingerückt\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("build", "--docs", str(docs), "--site-dir", str(site), "--today", TODAY, "--cache-dir", str(fixture_cache))
    assert result.returncode == 0, result.stdout + result.stderr
    files = list(site.rglob("*.ics")) + list(site.rglob("*.vcf"))
    assert len([f for f in files if f.suffix == ".ics"]) >= 4 and [f for f in files if f.suffix == ".vcf"]
    for file in files:
        assert crlf_only(file.read_bytes().decode("utf-8")), file
    entry = (site / "events" / "cancelled-meeting.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "Fällt aus.\\nNeuer Termin folgt." in entry and "Erste Zeile\\;\\nzweite Zeile\\, mit \\\\ und \\,." in entry


@pytest.mark.parametrize("char", ["\r", "\x85", "\u2028", "\u2029"])
def test_a_raw_line_break_only_yaml_sees_is_named_at_its_own_line(tmp_path, capsys, char):
    """Written into the file itself (not as an escape), YAML would end the line there: a new key,
    and every later line number off by one. It is named at the line of the file instead."""
    docs = make_tree(tmp_path)
    edit(docs / PAGE, "title: Startseite", f"title: Startseite{char}ATTACH: https://example.net/x.exe")
    organisations = tmp_path / "materials" / "organisations.yml"
    edit(organisations, "de: Eine Zeitung", f"de: Eine Zeitung{char}  url: https://example.net/")
    line = organisations.read_bytes().decode("utf-8").split("\n").index(f"    de: Eine Zeitung{char}  url: https://example.net/") + 1
    code, errors = check(docs, capsys)
    assert code == 1
    assert named(errors, docs / PAGE, 2, "inside a line, which a YAML reader takes for the end of the line")
    assert named(errors, organisations, line, "inside a line, which a YAML reader takes for the end of the line")
    assert not [e for e in errors if "ATTACH" in e or "appears twice" in e], errors
