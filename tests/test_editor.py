"""The web editor at /admin/: its configuration is generated from the schema and cannot drift from
it, it is valid by Sveltia CMS's own JSON schema, it is served with its own policy and loads
nothing from elsewhere; in Chromium, in local-folder mode on a copy of the project, a counsellor
creates a location in German with its Arabic translation, edits a country sheet's programme fact
and a source, and what the editor saved passes `make check` and builds."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, TODAY, run_cli, warm_cache
from returnguide.model import schema, values
from returnguide.model.languages import LANGUAGES
from returnguide.model.validators import Invalid, form_of, rules
from returnguide.site import editor, policy

BACKEND = editor.git_backend({})


@pytest.fixture(scope="module")
def config(real_model):
    return editor.config(real_model, BACKEND)


def _collections(config, type_name):
    return [c for c in config["collections"] if c["filter"]["value"] == (type_name if type_name != "page" else [None, "page"])]


def _check(path: str, spec, field: dict) -> None:
    """One configuration field against the schema's field: same name, same rules, same choices;
    a pattern lets through what the validator accepts and stops what it refuses."""
    assert field["required"] == spec.required, path
    form = form_of(spec.validate)
    while "like" in form:
        form = form_of(form["like"])
    if field["widget"] == "string" and "options" in form:  # a choice per language, typed
        assert [o for o in form["options"] if re.fullmatch(field["pattern"][0], o)] == list(form["options"]), path
        assert not re.fullmatch(field["pattern"][0], "machine-assisted-not"), path
    if field["widget"] == "select" and "options" in form:
        assert field["options"] == list(form["options"]), path
        if form.get("multiple"):
            spec.validate(field["options"])  # all the choices together are accepted
        else:
            for option in field["options"]:
                spec.validate(option)  # every choice is accepted
    if field["widget"] == "list" and "item" in form:
        item = form_of(form["item"])
        if "record" in item:
            _check_record(path, rules(item["record"]), field["fields"])
        elif "fields" in item:
            _check_record(path, item["fields"], field["fields"])
        assert field.get("min", 0) == form.get("min", 0), path
    if field["widget"] == "object":
        _check_record(path, rules(form["record"]) if "record" in form else form["fields"], field["fields"])


def _check_record(path: str, fields: dict, configured: list[dict]) -> None:
    assert [f["name"] for f in configured] == list(fields), path  # no field missing, none unknown to the schema
    for field in configured:
        _check(f"{path}.{field['name']}", fields[field["name"]], field)


def test_the_configuration_has_every_field_of_the_schema_with_its_rules_and_no_other(config):
    for type_name, fields in schema.SCHEMAS.items():
        collections = _collections(config, type_name)
        assert collections, type_name
        for collection in collections:
            configured = collection["fields"]
            assert configured[0] == {"name": "type", "widget": "hidden", "default": type_name, "i18n": "duplicate"}
            assert configured[-1]["name"] == "body" and configured[-1]["modes"] == ["raw"]  # never rewritten as rich text
            named = {f["name"]: f for f in configured[1:-1]}
            assert list(named) == [n for n in fields if n != "type"], collection["name"]
            for name, field in named.items():
                spec = fields[name]
                # a language-neutral fact is asked for once, in German; the translations inherit it
                assert field["i18n"] is (name == "translation" or not spec.neutral), (collection["name"], name)
                _check(name, spec, field)


def test_a_pattern_lets_through_what_the_content_already_says_and_stops_what_the_schema_refuses(config, real_model):
    """Each pattern of a form (a regular expression the browser tests) against the validator of
    its field: every value the real content holds passes both; values the validator refuses are
    stopped by the pattern too."""
    location = {f["name"]: f for f in _collections(config, "location")[0]["fields"]}
    phone = re.compile(location["phone"]["pattern"][0])
    for page in real_model.sources():
        if page.meta.phone:
            assert phone.search(page.meta.phone.display), page.display_path
    for wrong in ("ruf an", "", "+49", "+49 1", "+999 1234 5678"):
        with pytest.raises(Invalid):
            schema.SCHEMAS["location"]["phone"].validate(wrong)
        # the pattern asks for the form; whether the number exists is the check's to say (+999 is no country)
        assert not phone.search(wrong) or wrong == "+999 1234 5678", wrong
    for national in ("06131 12345", "0049 6131 12345"):  # the form asks for the international form, as the README does
        assert not phone.search(national)
    email = re.compile(location["email"]["pattern"][0])
    assert all(email.search(p.meta.email) for p in real_model.sources() if p.meta.email)
    assert not email.search("beratung at iom.int")
    source_fields = {f["name"]: f for f in location["sources"]["fields"]}
    url = re.compile(source_fields["url"]["pattern"][0])
    assert all(url.search(s.url) for p in real_model.sources() for s in p.meta.sources)
    assert not url.search("http://example.org/") and not url.search("javascript:alert(1)")
    reviewed = re.compile(location["translation"]["fields"][1]["pattern"][0])
    assert reviewed.search("false") and reviewed.search("2026-12-04") and not reviewed.search("yes")
    assert values.reviewed_on("false") is False  # what the form writes is what the loader reads


def test_registries_become_choices(config, real_model):
    location = {f["name"]: f for f in _collections(config, "location")[0]["fields"]}
    assert location["operator"]["options"] == sorted(real_model.organisations)
    assert location["contacts"]["widget"] == "relation" and location["contacts"]["collection"] == "locations"
    regions = location["serves"]["options"]
    assert regions[0] == "statewide" and "Landkreis Kusel" in regions and "Stadt Trier" in regions
    assert values.serves(["statewide"]) == "statewide"  # a multiple choice writes it as a list
    assert config["i18n"]["locales"] == list(LANGUAGES) and config["i18n"]["structure"] == "multiple_folders"
    iraq = _collections(config, "country")[0]
    assert iraq["preview_path"] == "/{{locale}}/countries/{{slug}}/" and config["i18n"]["omit_default_locale_from_preview_path"]
    assert {c["folder"] for c in config["collections"]} >= {"docs/{{locale}}/countries", "docs/{{locale}}/locations"}


def test_a_git_host_is_checked_before_it_is_configured():
    with pytest.raises(editor.EditorError, match="RG_EDITOR_BASE_URL"):
        editor.git_backend({"RG_EDITOR_BASE_URL": "http://git.example.org"})
    with pytest.raises(editor.EditorError, match="RG_EDITOR_BACKEND"):
        editor.git_backend({"RG_EDITOR_BACKEND": "svn"})
    gitlab = editor.git_backend({"RG_EDITOR_BACKEND": "gitlab", "RG_EDITOR_BASE_URL": "https://gitlab.example.org"})
    assert gitlab["auth_type"] == "pkce" and gitlab["api_root"] == "https://gitlab.example.org/api/v4"


@pytest.mark.slow  # runs Node
def test_the_configuration_is_valid_by_sveltias_own_json_schema(config):
    check = ROOT / "tests" / "js" / "editor-config.mjs"
    ok = subprocess.run(["node", str(check)], input=json.dumps(config), capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and ok.stdout.strip() == "valid", ok.stdout + ok.stderr
    broken = dict(config, i18n=dict(config["i18n"], structure="one_folder_per_page"))
    refused = subprocess.run(["node", str(check)], input=json.dumps(broken), capture_output=True, text=True, cwd=ROOT)
    assert refused.returncode == 1  # the checker can fail


def test_every_font_the_editor_declares_comes_from_our_origin():
    """Sveltia CMS declares its fonts with a CDN address; fonts.css declares each face again, with
    the same descriptors, from the files the build copies out of the pinned packages."""
    program = (ROOT / editor.PROGRAM).read_text(encoding="utf-8")
    theirs = ["".join(f.split()) for f in re.findall(r"@font-face \{[^}]*\}", program)]
    ours = ["".join(f.split()) for f in re.findall(r"@font-face \{[^}]*\}", (ROOT / "overrides/admin/fonts.css").read_text(encoding="utf-8"))]
    assert len(theirs) == len(ours) >= 3
    for their, our in zip(theirs, ours, strict=True):
        assert re.sub(r"url\([^)]*\)", "url()", their) == re.sub(r"url\([^)]*\)", "url()", our)
        assert "https://" not in our
    for font in editor.FONTS:
        assert (ROOT / font).is_file() and f"fonts/{font.name}" in " ".join(ours)


# ---------------------------------------------------------------- the built site


def test_the_editor_is_built_with_its_page_configuration_and_program(built_site):
    admin = built_site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert re.search(r'data-stylesheet="\.\./assets/stylesheets/site\.[0-9a-f]{8}\.css"', page)
    assert (admin / "sveltia-cms.js").read_bytes() == (ROOT / editor.PROGRAM).read_bytes()
    assert yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))["backend"]["name"] == "gitea"
    assert "/admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for html in built_site.rglob("*.html"):  # no public page loads or links the editor
        if "admin" not in html.relative_to(built_site).parts:
            assert "admin/" not in html.read_text(encoding="utf-8"), html


def test_the_editor_has_its_own_policy_and_public_pages_keep_theirs(server):
    def headers(path):
        with urllib.request.urlopen(server + path) as response:
            return response.headers
    admin, public = headers("/admin/"), headers("/")
    policy = dict(d.strip().split(" ", 1) for d in admin["Content-Security-Policy"].split(";"))
    import_map = "'sha256-" + base64.b64encode(hashlib.sha256(editor.import_map().encode()).digest()).decode() + "'"
    assert policy["connect-src"] == f"'self' {BACKEND['base_url']}" and policy["script-src"] == f"'self' {import_map}"
    assert policy["frame-ancestors"] == "'none'" and admin["X-Robots-Tag"] == "noindex, nofollow"
    assert admin["Cache-Control"] == "no-cache"
    assert "unsafe-inline" not in public["Content-Security-Policy"] and BACKEND["base_url"] not in public["Content-Security-Policy"]
    assert headers("/admin/config.yml")["Content-Type"].startswith("application/yaml")


def test_the_previews_library_comes_from_our_copy(tmp_path):
    """The program imports its previews' data library from unpkg.com; the page's import map points
    that address at the pinned package, and the editor's policy allows exactly that import map."""
    program = (ROOT / editor.PROGRAM).read_text(encoding="utf-8")
    version = re.search(r"immutable:`\^([0-9.]+)`", program).group(1)
    assert editor.IMMUTABLE_URL == f"https://unpkg.com/immutable@{version}/dist/immutable.es.js"
    assert json.loads((ROOT / "node_modules/immutable/package.json").read_text(encoding="utf-8"))["version"] == version
    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    (site / "admin" / "index.html").write_text(f'<script type="importmap">{editor.import_map()}</script>', encoding="utf-8")
    policy.check_policy(site, ROOT / "deploy" / "nginx.conf")
    (site / "admin" / "index.html").write_text('<script type="importmap">{"imports": {}}</script>', encoding="utf-8")
    with pytest.raises(policy.DeployError, match="importmap|script"):
        policy.check_policy(site, ROOT / "deploy" / "nginx.conf")


def test_the_ci_examples_run_the_check_and_the_build():
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    forgejo = yaml.safe_load((ROOT / ".forgejo/workflows/check.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in forgejo["jobs"]["check"]["steps"]]
    gitlab = yaml.safe_load((ROOT / "deploy/ci/gitlab-ci.yml").read_text(encoding="utf-8"))["check"]["script"]
    for commands in (steps, gitlab):
        assert "make check" in commands and "make build" in commands
    assert {"check", "build", "edit"} <= targets


def test_the_service_worker_never_caches_the_editor():
    sw = (ROOT / "overrides" / "sw.js").read_text(encoding="utf-8")
    assert 'const EDITOR = new URL("admin/", self.registration.scope).pathname;' in sw
    assert "url.pathname.startsWith(EDITOR)) return;" in sw


# ---------------------------------------------------------------- in the browser

# A copy of the project's content, put into the browser's private file system (OPFS); the test
# hands the editor that folder where a person would pick the checkout in the browser's dialog.
_SETUP = """async (files) => {
  const root = await navigator.storage.getDirectory();
  for await (const name of root.keys()) await root.removeEntry(name, {recursive: true});
  await root.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
  window.showDirectoryPicker = async () => root;
}"""
_READ = """async () => {
  const out = {};
  const walk = async (dir, prefix) => {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') { if (name !== '.git') await walk(handle, prefix + name + '/'); }
      else if (!name.endsWith('.crswap')) {  // a file being written (the browser's swap file) is read next time
        try { out[prefix + name] = await (await handle.getFile()).text(); } catch (error) { if (error.name !== 'NotFoundError') throw error; }
      }
    }
  };
  await walk(await navigator.storage.getDirectory(), '');
  return out;
}"""


def _content() -> dict[str, str]:
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
            for folder in ("docs", "materials") for p in sorted((ROOT / folder).rglob("*"))
            if p.is_file() and p.suffix in (".md", ".yml", ".csv", ".txt")}


def _field(scope, key):
    return scope.locator(f'section[data-key-path="{key}"]').first


def _open(page, collection, entry=None):
    """A collection's entry (None: a new one) in the editor; its first (German) pane."""
    page.get_by_text(collection, exact=True).first.click()
    if entry is None:
        page.get_by_role("button", name="New").click()
    else:
        page.get_by_text(entry, exact=True).first.click()
    return page.locator("#first-pane-body")


def _saved(page, path, text):
    """Wait until the editor has written `text` into the file at `path` of the picked folder."""
    for _ in range(100):
        if text in (page.evaluate(_READ).get(path) or ""):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the editor did not save {path}: " + " / ".join(page.locator("[role=alert]").all_inner_texts()))


def _reach(page, scope, key):
    """A field further down the form: the editor draws fields as they scroll into view."""
    field = _field(scope, key)
    scope.hover()
    for _ in range(40):
        if field.count():
            break
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    return field


def _choose(page, scope, key, option):
    """A choice: radio buttons for up to five options, a list box for more (Sveltia's default)."""
    field = _field(scope, key)
    field.locator("[role=radio], [role=combobox]").first.wait_for()
    radio = field.locator(f'[role=radio][data-value="{option}"]')
    if radio.count():
        radio.click()
        expect(radio).to_have_attribute("aria-checked", "true")
    else:
        field.locator("[role=combobox]").click()
        page.get_by_role("option", name=option, exact=True).click()


def test_the_preview_shows_an_arabic_page_as_the_site_sets_it(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    page = context.new_page()
    page.goto(server + "/admin/")
    page.evaluate(_SETUP, _content())
    page.get_by_role("button", name="Work with Local Repository").click()
    _open(page, "Beratungsstellen", "IOM-Rückkehrberatung und Hotline Rheinland-Pfalz")
    page.locator("#first-pane-header [role=combobox]").first.click()
    page.get_by_role("option", name="Arabic").click()
    preview = page.frame_locator("#second-pane-body iframe")
    article = preview.locator("article.md-typeset")
    expect(article).to_have_attribute("dir", "rtl")
    expect(preview.locator("html")).to_have_attribute("dir", "rtl")
    expect(preview.locator("html")).to_have_attribute("lang", "ar")
    expect(preview.locator('link[rel="stylesheet"][href*="/assets/stylesheets/site."]')).to_have_count(1)
    expect(article.locator("h1")).to_contain_text("الخط الساخن")  # the Arabic text, not the German
    expect(article.locator('.rg-card a[href^="tel:+49"]')).to_have_count(1)  # the contact card, one tap to call
    context.close()


@pytest.mark.long
def test_a_counsellor_edits_in_the_browser_and_the_saved_files_pass_the_check_and_build(browser, server, built_site, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    page = context.new_page()
    # What would reach the network for another host (the editor's own CDN fonts and its update
    # check are stopped by the policy of /admin/ before that): recorded, and never sent.
    outside = []

    def elsewhere(route):
        outside.append(route.request.url)
        route.abort()
    context.route(re.compile(r"^(?!" + re.escape(server) + r"/)(https?|wss?)://"), elsewhere)
    page.goto(server + "/admin/")
    files = _content()
    page.evaluate(_SETUP, files)
    page.get_by_role("button", name="Work with Local Repository").click()

    # A new location, in German ...
    first, second = _open(page, "Beratungsstellen"), page.locator("#second-pane-body")
    # The new entry's form settles after it is drawn (a value typed at once can be lost): wait for it.
    expect(_field(first, "state").locator("[role=radio]").first).to_be_visible()
    page.wait_for_timeout(500)
    _field(first, "title").locator("input").fill("Testberatung Mainz")
    _field(first, "description").locator("input").fill("Eine Beratungsstelle, die nur dieser Test anlegt.")
    _field(first, "updated").locator("input").fill("2026-12-03")
    _choose(page, first, "operator", "iom")
    _choose(page, first, "kind", "office")
    _choose(page, first, "state", "DE-RP")
    _field(first, "phone").locator("input").fill("+49 6131 12345")
    page.mouse.wheel(0, 4000)
    _field(first, "sources").get_by_role("button", name="Add").first.click()
    _field(first, "sources.0.title").locator("input").fill("Rückkehrberatung in Rheinland-Pfalz")
    _choose(page, first, "sources.0.publisher", "iom")
    _field(first, "sources.0.url").locator("input").fill("https://germany.iom.int/")
    _field(first, "sources.0.date").locator("input").fill("2026-11-01")
    page.mouse.wheel(0, 4000)
    _field(first, "body").locator("textarea").fill("# Testberatung Mainz\n\nNur für den Test.\n")
    # ... and its Arabic translation beside it, right to left
    page.locator("#second-pane-header [role=combobox]").first.click()
    page.get_by_role("option", name="Arabic").click()
    second.get_by_role("button", name=re.compile(r"Enable\W*Arabic")).click()
    title_ar = _field(second, "title").locator("input")
    assert title_ar.get_attribute("dir") == "rtl" and title_ar.get_attribute("lang") == "ar"
    title_ar.fill("مركز استشارة تجريبي في ماينتس")
    _field(second, "description").locator("input").fill("مركز استشارة أنشأه هذا الاختبار فقط.")
    _field(second, "updated").locator("input").fill("2026-12-03")
    _field(second, "translation").get_by_role("checkbox").click()
    _field(second, "translation.reviewed").locator("input").fill("false")
    _field(second, "translation.by").locator("input").fill("machine-assisted")

    page.mouse.wheel(0, 4000)
    body_ar = _field(second, "body").locator("textarea")
    assert body_ar.get_attribute("dir") == "rtl"
    body_ar.fill("# مركز استشارة تجريبي في ماينتس\n\nللاختبار فقط.\n")
    page.screenshot(path=str(tmp_path / "editor-arabic.png"))
    expect(_field(first, "title").locator("input")).to_have_value("Testberatung Mainz")
    page.get_by_role("button", name="Save").click()
    _saved(page, "docs/ar/locations/testberatung-mainz.md", "مركز استشارة")

    # A country sheet: a programme fact's date and a source's check date.
    first = _open(page, "Länderinformationen", "Rückkehr in den Irak")
    _reach(page, first, "programme.eurp.since").locator("input").fill("2026-01-01")
    _reach(page, first, "sources.0.checked").locator("input").fill("2026-12-03")
    page.get_by_role("button", name="Save").click()
    _saved(page, "docs/de/countries/iq.md", "since: 2026-01-01")

    # A phone number not in international form is refused in the form, and nothing is saved.
    first = _open(page, "Beratungsstellen", "Testberatung Mainz")
    _reach(page, first, "phone").locator("input").fill("06131 12345")
    page.get_by_role("button", name="Save").click()
    expect(_field(first, "phone")).to_contain_text("in international form with + and country code")

    saved = page.evaluate(_READ)
    context.close()
    assert outside == []  # nothing left the origin while the editor loaded and saved

    new_de = yaml.safe_load(saved["docs/de/locations/testberatung-mainz.md"].split("---")[1])
    new_ar = yaml.safe_load(saved["docs/ar/locations/testberatung-mainz.md"].split("---")[1])
    assert new_de["phone"] == "+49 6131 12345" and new_de["operator"] == "iom" and "translation" not in new_de
    assert "phone" not in new_ar and "operator" not in new_ar  # neutral facts: written once, in German
    assert new_ar["translation"] == {"by": "machine-assisted", "reviewed": False} or new_ar["translation"]["reviewed"] == "false"
    iraq = yaml.safe_load(saved["docs/de/countries/iq.md"].split("---")[1])
    assert str(iraq["programme"]["eurp"]["since"]) == "2026-01-01"
    assert not [p for p in ("docs/en/locations/testberatung-mainz.md", "docs/fa/locations/testberatung-mainz.md") if p in saved]

    # What the editor saved passes the check and builds.
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".cache", "test-results",
                                                                 "__pycache__", "build"))
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    for path, text in saved.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    checked = run_cli("check", "--today", TODAY, cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run_cli("build", "--site-dir", str(tmp_path / "site"), "--today", TODAY,
                    "--cache-dir", str(warm_cache(tmp_path / "cache")), cwd=project)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert (tmp_path / "site" / "ar" / "locations" / "testberatung-mainz" / "index.html").is_file()
    assert Path(tmp_path / "site" / "locations" / "testberatung-mainz" / "index.html").read_text(encoding="utf-8").count("+49 6131 12345")
