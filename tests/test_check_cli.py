"""`returnguide check` on bad fixture trees: one line per problem as path:line: message,
naming the file and the field, and a non-zero exit."""

import re

import pytest

from conftest import TODAY, make_tree, run_cli

# case -> (file the message names, line, words the message must contain)
BAD_CASES = {
    "yaml-syntax": ("de/index.md", 3, ["not valid YAML"]),
    "missing-field": ("de/programmes/reag.md", 1, ["missing required field 'last_reviewed'"]),
    "unknown-key": ("de/index.md", 5, ["unknown key 'autor'", "allowed keys"]),
    "invalid-phone": ("de/locations/hotline.md", 9, ["phone:", "not a valid phone number"]),
    "invalid-email": ("de/locations/hotline.md", 9, ["email:", "not a valid e-mail address"]),
    "invalid-date": ("de/programmes/reag.md", 6, ["last_reviewed:", "not an ISO date", "YYYY-MM-DD"]),
    "invalid-country": ("de/countries/iq.md", 6, ["country:", "ISO 3166-1"]),
    "contradiction": ("en/locations/hotline.md", 9, ["phone:", "contradicts the German source", "de/locations/hotline.md"]),
    "raw-script": ("en/index.md", 14, ["<script>"]),
    "raw-iframe": ("ar/index.md", 14, ["<iframe>"]),
    "event-handler": ("de/index.md", 11, ["onerror=", "not allowed in content"]),
    "javascript-url": ("de/index.md", 11, ["javascript: address is not allowed"]),
    "stale": ("de/programmes/reag.md", 6, ["last_reviewed", "more than 24 months ago"]),
    "unknown-contact": ("de/index.md", 5, ["contacts:", "unknown location 'hotlien'"]),
    "dropped-phone": ("ar/index.md", 9, ["phone numbers", "missing +4962321001000"]),
    "no-source": ("fa/only-here.md", 1, ["no German source page"]),
    "country-sections": ("de/countries/iq.md", 16, ["sections of a country page", "housing"]),
    "heading-parity": ("en/programmes/reag.md", 13, ["heading ids", "differ from the German source"]),
    "arabic-letters-in-persian": ("fa/index.md", 2, ["letters of another orthography", "ي → ی"]),
    "latin-names-in-a-list": ("ar/index.md", 16, ["\"REAG/GARP، StarthilfePlus\"", "sees StarthilfePlus before REAG/GARP"]),
    "date-at-a-line-start": ("de/programmes/reag.md", 36, ["starts with \"27. \"", "drops the number (a date loses its day)", "the line before"]),
    "glossary-term": ("en/index.md", 11, ["'Ausländerbehörde'", "foreigners' authority", "glossary.yml"]),
    "german-name-unmarked": ("ar/index.md", 15, ["German name \"Duldung\" is not marked as German", "<span lang=\"de\" dir=\"ltr\">Duldung</span>"]),
    "glossary-required-passport": ("en/index.md", 11, ["the German source uses 'Pass'", "'passport'"]),
    "glossary-avoided-form": ("fa/index.md", 14, ["'گذرنامه'", "'Pass'", "write 'پاسپورت'", "glossary.yml"]),
    "glossary-avoided-across-lines": ("ar/index.md", 14, ["'تصريح Duldung'", "'Duldung'"]),
    "glossary-avoided-in-title": ("en/index.md", 2, ["'start-up support'", "write 'start-up payment'"]),
    "unknown-region": ("de/locations/hotline.md", 11, ["serves:", "'Landkreis Atlantis'", "regions.yml"]),
    "heading-without-id": ("de/programmes/reag.md", 17, ["has no id", "{#some-id}"]),
    "event-end-before-start": ("de/events/e.md", 7, ["end:", "is before the start"]),
    "event-time-without-zone": ("de/events/e.md", 6, ["start:", "a time without a time zone", "Europe/Berlin"]),
    "event-unknown-audience": ("de/events/e.md", 13, ["audience:", "'journalists'", "authorities"]),
    "event-unknown-organiser": ("de/events/e.md", 15, ["organiser:", "'nobody'", "organisations.yml"]),
    "event-deadline-after-start": ("de/events/e.md", 16, ["registration:", "deadline 2025-03-20 is after the start"]),
    "event-cancelled-without-note": ("de/events/e.md", 16, ["event_note:", "cancelled event needs a note"]),
    "staff-page-in-persian": ("fa/professionals/index.md", 1, ["published only in de, en", "published_in"]),
    "section-without-label": ("de/hilfe/weiteres.md", 1, ["folder 'hilfe' has no navigation label", "SECTIONS"]),
    "translation-record-missing": ("en/index.md", 1, ["missing field 'translation'", "by: machine-assisted, reviewed: false"]),
    "translation-record-in-german": ("de/index.md", 5, ["translation:", "German is the source language"]),
    "consequences-not-quoted": ("de/countries/iq.md", 39, ["{#consequences} must quote", "quote-text: programmes/reag.md#consequences"]),
    "departure-without-consequences": ("de/programmes/reag.md", 13, ["funds a departure", "missing: consequences, after-approval"]),
    "quote-unknown-section": ("de/professionals/index.md", 13, ["quote:", "no section {#nowhere}", "who-can-apply"]),
}


def test_good_tree_passes_with_warnings_and_coverage(tmp_path):
    docs = make_tree(tmp_path)
    result = run_cli("check", "--docs", str(docs), "--today", TODAY, process=True)  # as `make check` runs it
    assert result.returncode == 0, result.stdout
    assert re.search(r"de/countries/iq\.md:\d+: warning: last_reviewed .* more than 12 months", result.stdout)
    assert re.search(r"en/programmes/reag\.md:\d+: warning: translation .* older than its German source", result.stdout)
    assert re.search(r"fa\s+Persian\s+0/4\s+0\.0%\s+missing: 4", result.stdout)
    assert "8 pages checked: 0 error(s), 2 warning(s)" in result.stdout


def test_coverage_counts_pages_a_native_speaker_reviewed(tmp_path):
    docs = make_tree(tmp_path)
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert re.search(r"en\s+English\s+3/4 .* reviewed: 0/3 \(not reviewed: 3 machine-assisted\)", result.stdout), result.stdout
    page = docs / "en" / "index.md"
    page.write_text(page.read_text().replace("reviewed: false", "reviewed: 2026-11-30"))
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert result.returncode == 0, result.stdout
    assert re.search(r"en\s+English\s+3/4 .* reviewed: 1/3 \(not reviewed: 2 machine-assisted\)", result.stdout), result.stdout
    page.write_text(page.read_text().replace("reviewed: 2026-11-30", "reviewed: true"))
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert result.returncode == 1 and "write the day a native speaker signed the page off" in result.stdout


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_gets_a_clear_error(tmp_path, case):
    path, line, words = BAD_CASES[case]
    docs = make_tree(tmp_path, overlay=case)
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert result.returncode == 1, result.stdout
    errors = [l for l in result.stdout.splitlines() if ": error: " in l]
    assert errors, result.stdout
    matching = [l for l in errors if l.startswith(f"{docs}/{path}:{line}: error: ")]
    assert matching, f"no error at {path}:{line} in:\n" + "\n".join(errors)
    for word in words:
        assert any(word in l for l in matching), f"{word!r} not in {matching}"


def test_all_problems_of_all_languages_in_one_run(tmp_path):
    docs = make_tree(tmp_path, overlay="raw-script")
    # lay a second and third bad case over the same tree
    import shutil

    from conftest import FIXTURES
    for case in ("raw-iframe", "invalid-phone"):
        shutil.copytree(FIXTURES / "bad" / case, docs, dirs_exist_ok=True)
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert result.returncode == 1
    files = {l.split(":", 1)[0].removeprefix(f"{docs}/") for l in result.stdout.splitlines() if ": error: " in l}
    assert {"en/index.md", "ar/index.md", "de/locations/hotline.md"} <= files


@pytest.mark.slow  # runs `returnguide leaflets` (it stops before rendering, but the tier is by command)
@pytest.mark.parametrize("case", ["unknown-contact", "event-end-before-start", "quote-unknown-section"])
def test_leaflets_stop_on_a_broken_reference(tmp_path, case):
    """References between pages are checked in checks/references.py, not while loading: the
    leaflets command (and `mkdocs serve`) still refuse a broken one with its path:line."""
    path, line, _ = BAD_CASES[case]
    docs = make_tree(tmp_path, overlay=case)
    result = run_cli("leaflets", "--docs", str(docs), "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{docs}/{path}:{line}: error: " in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()
