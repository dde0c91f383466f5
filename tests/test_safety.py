"""Content is untrusted input: whatever a translator or a hostile edit puts into Markdown, front
matter or materials/*.yml, `check` answers with `path:line: error:` and exit 1, never a
traceback, never by running out of memory; and nothing of it reaches a reader as code."""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_urls import URLS

from conftest import ROOT, TODAY, make_tree
from returnguide import cli

PAGE = "de/index.md"
# The fixture's German home page (its phone line keeps the translations' parity check quiet).
HEADER = (ROOT / "tests" / "fixtures" / "good" / "docs" / PAGE).read_text(encoding="utf-8")


def check(docs, capsys) -> tuple[int, list[str]]:
    """`returnguide check` in this process: exit code and its error lines."""
    code = cli.main(["check", "--docs", str(docs), "--today", TODAY])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if ": error: " in line]


def body(docs, text: str) -> None:
    """The fixture home page with text added below its phone line (from line 13 on)."""
    (docs / PAGE).write_text((docs / PAGE).read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


# Each of these built before: the check now names it with its line (line 13 is the first added line).
BODIES = {
    "svg-onload": ("<svg/onload=alert(1)>", 13, "<svg>"),
    "onerror-next-line": ("<img src=x\nonerror=alert(1)>", 14, "onerror="),
    "attr-list-onclick": ("[Hilfe](/x/){onclick=alert(1)}", 13, "onclick="),
    "entity-javascript": ('<a href="jav&#97;script:alert(1)">a</a>', 13, "javascript:"),
    "tab-javascript": ('<a href="java&#x09;script:alert(1)">a</a>', 13, "javascript:"),
    "colon-entity": ('<a href="javascript&colon;alert(1)">a</a>', 13, "javascript:"),
    "markdown-javascript": ("[a](javascript:alert(1))", 13, "javascript:"),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://example.org/">', 13, "<meta>"),
    "base-href": ('<base href="https://example.org/">', 13, "<base>"),
    "form": ('<form action="https://example.org/"><button>x</button></form>', 13, "<form>"),
    "external-image": ("![Karte](https://example.org/karte.png)", 13, "images must come from this site"),
    "ping": ('<a href="/x/" ping="https://example.org/">x</a>', 13, "ping="),
    "style": ("<style>body{display:none}</style>", 13, "<style>"),
    "attachment": ('<a rel="attachment" href="data:text/plain,x">Anhang</a>', 13, "rel="),
}


@pytest.mark.parametrize("case", sorted(BODIES))
def test_active_content_in_a_body_is_an_error_with_its_line(tmp_path, capsys, case):
    text, line, words = BODIES[case]
    docs = make_tree(tmp_path)
    body(docs, text)
    code, errors = check(docs, capsys)
    assert code == 1
    assert [e for e in errors if e.startswith(f"{docs}/{PAGE}:{line}: error: ") and words in e], errors


def test_a_script_tag_shown_as_code_is_not_flagged(tmp_path, capsys):
    docs = make_tree(tmp_path)
    body(docs, "So sieht es aus: `<script>` und als Block:\n\n    <iframe src=x>")
    assert check(docs, capsys) == (0, [])


def test_front_matter_ends_where_mkdocs_ends_it(tmp_path, capsys):
    import mkdocs.utils.meta

    from returnguide.model.pages import FRONT_MATTER

    assert FRONT_MATTER.pattern == mkdocs.utils.meta.YAML_RE.pattern and FRONT_MATTER.flags == mkdocs.utils.meta.YAML_RE.flags
    docs = make_tree(tmp_path)
    (docs / PAGE).write_text(HEADER.replace("contacts:\n  - hotline\n---", "contacts:\n  - hotline\n...")
                             + "<script>alert(1)</script>\n---\n", encoding="utf-8")
    code, errors = check(docs, capsys)
    assert code == 1 and [e for e in errors if "<script>" in e and f"{PAGE}:12:" in e], errors


def test_only_pages_and_pictures_in_docs(tmp_path, capsys):
    docs = make_tree(tmp_path)
    (docs / "de" / "x.js").write_text("alert(1)", encoding="utf-8")
    code, errors = check(docs, capsys)
    assert code == 1 and [e for e in errors if e.startswith(f"{docs}/de/x.js:1: error: docs/ may hold only")], errors


def test_invisible_direction_controls_in_front_matter(tmp_path, capsys):
    docs = make_tree(tmp_path)
    (docs / PAGE).write_text(HEADER.replace("title: Startseite", "title: Start\u202eseite"), encoding="utf-8")
    code, errors = check(docs, capsys)
    assert code == 1 and [e for e in errors if f"{PAGE}:2: error: title: contains an invisible direction control (U+202E)" in e], errors


# ---------------------------------------------------------------- front matter and YAML files


FRONT_MATTER_CASES = {
    "bad-date": ("updated: 2026-11-01", "updated: 2026-13-45", 4, "not an ISO date"),
    "bad-hour": ("updated: 2026-11-01", "updated: 2026-11-01T25:00:00", 4, "not an ISO date"),
    "type-list": ("updated: 2026-11-01", "updated: 2026-11-01\ntype: [page]", 5, "is not a content type"),
    "duplicate-key": ("updated: 2026-11-01", "updated: 2026-11-01\nupdated: 2026-11-02", 5, "appears twice"),
    "alias-bomb": ("updated: 2026-11-01", "updated: &a 2026-11-01\nlayout: *a", 4, "anchors (&name) are not allowed"),
    "tag": ("updated: 2026-11-01", "updated: !!python/object/apply:os.system [ls]", 4, "tags"),
}


@pytest.mark.parametrize("case", sorted(FRONT_MATTER_CASES))
def test_bad_front_matter_is_named_not_a_traceback(tmp_path, capsys, case):
    old, new, line, words = FRONT_MATTER_CASES[case]
    docs = make_tree(tmp_path)
    (docs / PAGE).write_text((docs / PAGE).read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, errors = check(docs, capsys)
    assert code == 1 and [e for e in errors if e.startswith(f"{docs}/{PAGE}:{line}: error: ") and words in e], errors


@pytest.mark.parametrize("data, words", [
    (b"---\ntitle: a\x00b\n---\n", "NUL byte"),
    ("\ufeff".encode() + HEADER.encode(), "byte-order mark"),
    (b"---\ntitle: \xff\xfe\n---\n", "not UTF-8"),
])
def test_unreadable_files_are_named(tmp_path, capsys, data, words):
    docs = make_tree(tmp_path)
    (docs / PAGE).write_bytes(data)
    code, errors = check(docs, capsys)
    assert code == 1 and [e for e in errors if e.startswith(f"{docs}/{PAGE}:") and words in e], errors


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9))


@pytest.mark.parametrize("name", ["regions.yml", "glossary.yml", "campaigns.yml", "leaflets/programme.yml"])
def test_a_yaml_bomb_in_materials_is_refused_quickly(tmp_path, name):
    """Nine levels of aliases: before, `check` grew to 3 GB; now it names the line, within 1 GB."""
    docs = make_tree(tmp_path)
    path = tmp_path / "materials" / name
    path.write_text(BOMB, encoding="utf-8")

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = subprocess.run([sys.executable, "-m", "returnguide", "check", "--docs", str(docs), "--today", TODAY],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, preexec_fn=limit)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{path}:1: error: not valid YAML here: anchors (&name) are not allowed" in result.stdout


@pytest.mark.parametrize("name, text, line, words", [
    ("campaigns.yml", "- slug: x\n  page: index.md\n  lang: de\n  params: {utm_source: '<b>x</b>'}\n", 1, "params:"),
    ("campaigns.yml", "- slug: x\n  page: index.md\n  lang: de\n  params: {a: 1, a: 2}\n", 4, "appears twice"),
    ("glossary.yml", "REAG:\n  de: [2026-13-45]\n  en: [x]\n  ar: [x]\n  fa: [x]\n  tr: [x]\n  ru: [x]\n", None, None),
    ("leaflets/programme.yml", (ROOT / "tests/fixtures/good/materials/leaflets/programme.yml").read_text(encoding="utf-8")
     .replace("formats: [a4]", "formats: {a4: 1}"), 7, "formats"),
    ("published-urls.txt", "/\n/nicht-utf8-\xff\n", 2, None),
])
def test_bad_materials_are_named_not_a_traceback(tmp_path, capsys, name, text, line, words):
    docs = make_tree(tmp_path)
    path = tmp_path / "materials" / name
    if name == "published-urls.txt":
        path.write_bytes(text.encode("latin-1"))
        words = "not UTF-8"
    else:
        path.write_text(text, encoding="utf-8")
    code, errors = check(docs, capsys)
    if line is None:  # a date as a glossary form is just text
        assert code == 0, errors
        return
    assert code == 1 and [e for e in errors if e.startswith(f"{path}:{line}: error: ") and words in e], errors


# ---------------------------------------------------------------- protected addresses


@pytest.mark.parametrize("aliases, words", [
    ("[go/finder.md]", "lies in /go/"),
    ("[programmes/reag.md]", "is a page of the site"),
    ("[en.md]", "lies in /en/"),
    ("[materials/programme-de-a4.md]", None),  # an old address nobody else has: fine
])
def test_an_alias_never_takes_an_address_that_is_someone_elses(tmp_path, capsys, aliases, words):
    docs = make_tree(tmp_path)
    (docs / PAGE).write_text(HEADER.replace("updated: 2026-11-01", f"updated: 2026-11-01\naliases: {aliases}"), encoding="utf-8")
    code, errors = check(docs, capsys)
    if words is None:
        assert code == 0, errors
    else:
        assert code == 1 and [e for e in errors if e.startswith(f"{docs}/{PAGE}:5: error: aliases:") and words in e], errors


def test_two_aliases_for_one_address_name_both_pages(tmp_path, capsys):
    docs = make_tree(tmp_path)
    (docs / PAGE).write_text(HEADER.replace("updated: 2026-11-01", "updated: 2026-11-01\naliases: [alt.md]"), encoding="utf-8")
    reag = docs / "de" / "programmes" / "reag.md"
    reag.write_text(reag.read_text(encoding="utf-8").replace("type: programme", "type: programme\naliases: [alt.md]"), encoding="utf-8")
    code, errors = check(docs, capsys)
    assert code == 1
    assert [e for e in errors if "aliases: 'alt.md' would take /alt/, which is already an alias of" in e and "de/index.md" in e
            and "de/programmes/reag.md" in e], errors


def test_a_campaign_cannot_take_a_printed_short_link(tmp_path, capsys):
    docs = make_tree(tmp_path)
    path = tmp_path / "materials" / "campaigns.yml"
    path.write_text("- slug: programme-de-a4\n  page: index.md\n  lang: de\n", encoding="utf-8")
    code, errors = check(docs, capsys)
    assert code == 1 and [e for e in errors if e.startswith(f"{path}:1: error: ") and "short link of a leaflet" in e], errors


def test_the_sitemap_encodes_addresses(tmp_path):
    from returnguide.model.content import load_model
    from returnguide.site.outreach import sitemap

    docs = make_tree(tmp_path)
    page = docs / "de" / "Über uns.md"
    page.write_text(HEADER.replace("title: Startseite", "title: Über uns"), encoding="utf-8")
    xml = sitemap(load_model(docs), "https://example.org/", [str(ROOT / "overrides")])
    assert "<loc>https://example.org/%C3%9Cber%20uns/</loc>" in xml


# ---------------------------------------------------------------- anything at all


def assert_named_problems_only(docs, capsys) -> None:
    """check ends with 0 or 1 (no traceback escapes) and says every problem as path:line."""
    code = cli.main(["check", "--docs", str(docs), "--today", TODAY])
    out = capsys.readouterr().out
    assert code in (0, 1)
    for line in out.splitlines():
        if ": error: " in line or ": warning: " in line:
            assert re.match(r"^\S.*:\d+: (error|warning): ", line), line


@pytest.mark.parametrize("name,old,new", [
    ("regions.yml", "  name: Rheinland-Pfalz", "  name: true"),  # found by the property below
    ("regions.yml", "    - Ahrweiler", "    - [Ahrweiler]"),
    ("organisations.yml", None, None),
])
def test_a_garbled_registry_name_is_reported_not_a_crash(tmp_path, capsys, name, old, new):
    """The German-name check reads names from registries the loader has already reported as wrong."""
    docs = make_tree(tmp_path)
    path = tmp_path / "materials" / name
    if not path.is_file():
        path.write_text((ROOT / "materials" / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    if old is None:  # every German name of the organisations a number
        text, count = re.subn(r"(?m)^(\s+de:) .*$", r"\1 7", text)
        assert count
    else:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    assert_named_problems_only(docs, capsys)


FIELDS = st.sampled_from(["title", "description", "updated", "type", "contacts", "status", "aliases", "layout", "sources",
                          "last_reviewed", "x"])
VALUES = st.recursive(
    st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.just("2026-02-30"), st.just("&a x"),
              st.just("*a"), st.just("!!python/name:os.system"), st.just("<script>alert(1)</script>")),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


@pytest.mark.slow  # the whole check 40-60 times on random input: the full suite's, not make test-fast's
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(fields=st.dictionaries(FIELDS, VALUES, max_size=6), noise=st.text(max_size=40), cut=st.integers(0, 400))
def test_any_front_matter_gives_exit_0_or_1_and_named_lines(tmp_path_factory, capsys, fields, noise, cut):
    import yaml

    tmp = tmp_path_factory.mktemp("prop")
    docs = make_tree(tmp)
    text = "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n# T\n"
    text = text[:cut] + noise + text[cut:]  # also cuts and garbles the YAML itself
    (docs / PAGE).write_text(text, encoding="utf-8")
    assert_named_problems_only(docs, capsys)


@pytest.mark.slow  # the whole check 40-60 times on random input: the full suite's, not make test-fast's
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=st.sampled_from(["regions.yml", "glossary.yml", "campaigns.yml", "leaflets/programme.yml"]),
       data=VALUES, noise=st.text(max_size=30), cut=st.integers(0, 300))
def test_any_materials_file_gives_exit_0_or_1_and_named_lines(tmp_path_factory, capsys, name, data, noise, cut):
    import yaml

    tmp = tmp_path_factory.mktemp("prop")
    docs = make_tree(tmp)
    path = tmp / "materials" / name
    text = path.read_text(encoding="utf-8") if path.is_file() and cut % 2 else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text[:cut] + noise + text[cut:], encoding="utf-8")
    assert_named_problems_only(docs, capsys)


# ---------------------------------------------------------------- every registry and every URL field


REGISTRY_FILES = ["regions.yml", "glossary.yml", "campaigns.yml", "leaflets/programme.yml", "organisations.yml",
                  "place-names.yml", "postcodes/regions.yml"]
# Characters that change a text once it leaves the site, and markup, mixed into random text.
HOSTILE = st.text(alphabet=st.sampled_from("ab:;=,<>/\\\"'\r\n\t\x00\x0b\x1b\x7f\x85\x9b\u2028\u2029\u202e\u2066\u200f\u061c{}[]&*!%@#"),
                  max_size=20)
GARBLED = st.one_of(VALUES, HOSTILE, st.lists(HOSTILE, max_size=3), st.dictionaries(HOSTILE, HOSTILE, max_size=3))


@pytest.mark.slow  # the whole check 40-60 times on random input: the full suite's, not make test-fast's
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=st.sampled_from(REGISTRY_FILES), key_path=st.lists(st.integers(0, 50), min_size=1, max_size=3),
       value=GARBLED, noise=HOSTILE, cut=st.integers(0, 2000))
def test_any_registry_value_gives_exit_0_or_1_and_named_lines(tmp_path_factory, capsys, name, key_path, value, noise, cut):
    """A random or garbled value put somewhere into a real registry (or raw noise into its text)."""
    import yaml

    tmp = tmp_path_factory.mktemp("prop")
    docs = make_tree(tmp)
    path = tmp / "materials" / name
    if not path.is_file():
        path.write_text((ROOT / "materials" / name).read_text(encoding="utf-8"), encoding="utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    target = data
    for step in key_path[:-1]:  # walk some way into the data, then replace what is there
        keys = list(target) if isinstance(target, dict) else list(range(len(target))) if isinstance(target, list) else []
        if not keys or not isinstance(target[keys[step % len(keys)]], (dict, list)):
            break
        target = target[keys[step % len(keys)]]
    keys = list(target) if isinstance(target, dict) else list(range(len(target))) if isinstance(target, list) else []
    if keys:
        target[keys[key_path[-1] % len(keys)]] = value
        text = yaml.safe_dump(data, allow_unicode=True)
    else:
        text = path.read_text(encoding="utf-8")
    if cut % 3 == 0:
        text = text[:cut] + noise + text[cut:]
    path.write_text(text, encoding="utf-8")
    assert_named_problems_only(docs, capsys)


@pytest.mark.slow  # the whole check 40-60 times on random input: the full suite's, not make test-fast's
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=st.sampled_from(["postcodes/plz-ort-kreis-rp-sh.csv", "published-urls.txt"]), noise=st.binary(max_size=40),
       text=HOSTILE, cut=st.integers(0, 400), column=st.integers(0, 5))
def test_any_postcode_table_or_address_list_gives_exit_0_or_1_and_named_lines(tmp_path_factory, capsys, name, noise, text, cut, column):
    tmp = tmp_path_factory.mktemp("prop")
    docs = make_tree(tmp)
    path = tmp / "materials" / name
    data = path.read_bytes() if path.is_file() else (ROOT / "materials" / name).read_bytes()
    lines = data.split(b"\r\n" if b"\r\n" in data else b"\n")[:40]  # the header and some rows: enough, and quick
    row = lines[-1].split(b",")
    if len(row) > column:
        row[column] = text.encode("utf-8")  # a hostile cell
    lines.append(b",".join(row))
    joined = b"\r\n".join(lines)
    path.write_bytes(joined[:cut] + noise + joined[cut:])
    assert_named_problems_only(docs, capsys)


# Every URL field: (file, the text to replace, the field with {} for the value).
URL_FIELDS = [
    ("materials/organisations.yml", "url: https://example.net/", "url: {}"),
    ("materials/organisations.yml", "domains: [example.net]", "domains: [{}]"),
    ("docs/de/locations/hotline.md", "kind: hotline", "kind: hotline\nurl: {}"),
    ("docs/de/programmes/reag.md", "    url: https://example.org/source", "    url: {}"),
    ("docs/de/events/upcoming-conference.md", "  url: https://example.org/stream", "  url: {}"),
    ("docs/de/events/upcoming-conference.md", "  url: https://example.org/anmeldung", "  url: {}"),
    ("docs/de/countries/iq.md", '      - {kind: whatsapp, value: "+964 750 000 0000"}', "      - {{kind: web, value: {}}}"),
    ("docs/de/index.md", "Rufen Sie an:", "[Quelle]({}) Rufen Sie an:"),  # a link in a page's text
]


@pytest.mark.slow  # the whole check 40-60 times on random input: the full suite's, not make test-fast's
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(field=st.sampled_from(URL_FIELDS), address=URLS, quoted=st.booleans())
def test_any_address_in_any_url_field_gives_exit_0_or_1_and_named_lines(tmp_path_factory, capsys, field, address, quoted):
    import json

    tmp = tmp_path_factory.mktemp("prop")
    docs = make_tree(tmp)
    shutil.copytree(ROOT / "tests" / "fixtures" / "events", docs, dirs_exist_ok=True)
    name, old, new = field
    path = tmp / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    value = json.dumps(address) if quoted or name.endswith(".yml") or "url:" in new or "value:" in new else address
    if new.startswith("[Quelle]"):
        value = address.replace("\n", " ")
    path.write_text(text.replace(old, new.format(value), 1), encoding="utf-8")
    assert_named_problems_only(docs, capsys)
