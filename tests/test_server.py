"""The site as production serves it: nginx with deploy/nginx.conf on loopback (the same server
the browser tests use). Headers, caching, precompressed files, 404 pages per language, short links."""

from __future__ import annotations

import gzip
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import brotli
import pytest

from conftest import ROOT, serve
from returnguide.model.languages import LANGUAGES
from returnguide.site import policy as deploy
from returnguide.tools.server import free_port

RULES = ROOT / "deploy" / "nginx.conf"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                    "Permissions-Policy", "Strict-Transport-Security")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, encoding: str = "br, gzip"):
    """(status, headers, body decoded from its Content-Encoding), without following redirects."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        response = urllib.request.build_opener(_NoRedirect).open(request)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        body = response.read()
    packed = response.headers.get("Content-Encoding")
    body = brotli.decompress(body) if packed == "br" else gzip.decompress(body) if packed == "gzip" else body
    return response.status, response.headers, body


def test_policy_allows_exactly_the_inline_code_of_the_pages(built_site):
    policy = deploy.content_security_policy(RULES)
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["default-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    deploy.check_policy(built_site, RULES)
    for editor, allowed in ((False, policy), (True, deploy.editor_policy(RULES))):  # the web editor has its own
        used = {source for page in built_site.rglob("*.html") if deploy.in_editor(built_site, page) == editor
                for _, source in deploy.inline_code(page.read_text(encoding="utf-8"))}
        listed = {s for s in allowed["script-src"] + allowed["style-src"] if s.startswith("'sha256-")}
        assert used == listed, f"hashes in deploy/nginx.conf that no page needs: {listed - used}"


def test_policy_check_names_the_page_and_the_hash_to_add(tmp_path):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "index.html").write_text(
        '<script type="application/ld+json">{"@type": "WebSite"}</script><script>alert(1)</script>', encoding="utf-8")
    with pytest.raises(deploy.DeployError) as error:
        deploy.check_policy(tmp_path, RULES)
    message = str(error.value)
    assert "de/index.html" in message and "script-src" in message
    assert [source for kind, source in deploy.inline_code("<script>alert(1)</script>")][0] in message
    assert message.count("'sha256-") == 1, "JSON-LD is data, not a script the policy must allow"


def test_the_rules_name_the_folder_of_every_language_and_the_build_says_where_one_is_missing(tmp_path):
    folders = [code for code in LANGUAGES if code != "de"]
    deploy.check_language_folders(RULES, folders)  # the 404 page per language, the finder without JavaScript
    text = RULES.read_text(encoding="utf-8")
    with pytest.raises(deploy.DeployError) as error:
        deploy.check_language_folders(RULES, [*folders, "ur"])
    message = str(error.value)
    assert "lacks ur" in message and message.count("  line ") == 2
    old = tmp_path / "nginx.conf"
    old.write_text(text.replace("|".join(folders), "en|ar|fa"), encoding="utf-8")
    with pytest.raises(deploy.DeployError, match="lacks ru, tr"):
        deploy.check_language_folders(old, folders)


def test_pages_carry_the_security_headers_and_revalidate(server, built_site):
    status, headers, body = fetch(f"{server}/fa/")
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert body == (built_site / "fa" / "index.html").read_bytes()
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-cache"
    for name in SECURITY_HEADERS:
        assert headers[name], name
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=" in headers["Strict-Transport-Security"]
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    assert "Set-Cookie" not in headers


def test_assets_are_cached_by_fingerprint_and_compressed(server, built_site):
    css = next((built_site / "assets" / "stylesheets").glob("site.*.css")).name  # the one stylesheet (stylesheet.py)
    status, headers, body = fetch(f"{server}/assets/stylesheets/{css}", encoding="gzip")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert body == (built_site / "assets" / "stylesheets" / css).read_bytes()
    assert "Accept-Encoding" in headers["Vary"]
    # ours are fingerprinted too (returnguide/site/fingerprint.py): a year, immutable
    for own in ("stylesheets/site.*.css", "javascripts/search.*.js"):
        name = next((built_site / "assets").glob(own)).relative_to(built_site).as_posix()
        status, headers, body = fetch(f"{server}/{name}")
        assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable", name
    # a file under a stable name is cached for an hour; the service worker is always revalidated
    assert fetch(f"{server}/qr.svg")[1]["Cache-Control"] == "public, max-age=3600"
    assert fetch(f"{server}/sw.js")[1]["Cache-Control"] == "no-cache"
    assert fetch(f"{server}/search/ar.json")[1]["Cache-Control"] == "no-cache"
    # a browser that accepts no compression gets the plain file
    status, headers, body = fetch(f"{server}/en/", encoding="identity")
    assert "Content-Encoding" not in headers and body == (built_site / "en" / "index.html").read_bytes()
    # a vCard opens the phone's address book
    vcard = next((built_site / "locations").glob("*.vcf")).name
    assert fetch(f"{server}/locations/{vcard}")[1]["Content-Type"].startswith("text/vcard")
    # an event's calendar file and the feed open the phone's calendar, and are revalidated
    for path in ("events/events.ics", "en/events/2024-07-fachtagung-trier.ics"):
        headers = fetch(f"{server}/{path}")[1]
        assert headers["Content-Type"] == "text/calendar; charset=utf-8" and headers["Cache-Control"] == "no-cache", path


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_a_missing_address_gets_the_404_page_of_its_language(server, built_site, code):
    prefix = "" if code == "de" else f"{code}/"
    # a page that never was, and a folder of pages without a page of its own (a shortened address)
    assert (built_site / prefix / "countries").is_dir() and not (built_site / prefix / "countries" / "index.html").exists()
    for address in (f"{prefix}countries/atlantis/old-page/", f"{prefix}countries/"):
        status, headers, body = fetch(f"{server}/{address}")
        html = body.decode("utf-8")
        assert status == 404, address
        assert f'<html lang="{LANGUAGES[code].tag}"' in html, address
        assert f"<h1>{LANGUAGES[code].t('Seite nicht gefunden')}</h1>" in html, address
        assert f'href="/{prefix}locations/"' in html, "the way on leads to the directory in the same language"
        for name in SECURITY_HEADERS:
            assert headers[name], f"{name} missing on the 404 answer to /{address}"


def test_short_links_work_with_and_without_the_final_slash(server, built_site):
    status, headers, _ = fetch(f"{server}/go/rueckkehrberatung")
    assert status == 301 and headers["Location"] == "/go/rueckkehrberatung/"
    status, headers, body = fetch(f"{server}/go/rueckkehrberatung/")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    assert 'http-equiv="refresh"' in body.decode("utf-8")
    assert "/return-counselling/?utm_source=poster" in body.decode("utf-8")


@pytest.mark.parametrize("query, lands", [
    ("54290", "54/#p54290"),
    ("+54290+", "54/#p54290"),
    ("%DB%B5%DB%B4%DB%B2%DB%B9%DB%B0", "54/#p54290"),  # ۵۴۲۹۰, Persian digits, as a browser sends them
    ("%D9%A5%D9%A4%D9%A2%D9%A9%D9%A0", "54/#p54290"),  # ٥٤٢٩٠, Arabic-Indic digits
    ("%db%b5%D9%A4290", "54/#p54290"),  # mixed, any case of the hex digits
    ("%DB%B5%DB%B4%DB%B2%DB%B9", None),  # four digits
    ("%DB%B5%DB%B4%DB%B2%DB%B9%DB%B0%DB%B0", None),  # six
    ("%DB%BA4290", None),  # ۺ is no digit
    ("99999", None),  # no page for its area
    ("Trier", None),
])
def test_the_postcode_form_without_javascript_folds_digits_as_the_script_does(tmp_path, query, lands):
    """deploy/nginx.conf's rule for the finder's form, on a small site that has the area pages."""
    for prefix in ("", "fa/"):
        (tmp_path / prefix / "locations/postcodes/54").mkdir(parents=True)
        (tmp_path / prefix / "locations/postcodes/54/index.html").write_text("<p>54</p>", encoding="utf-8")
        (tmp_path / prefix / "locations/postcodes/index.html").write_text("<p>landing</p>", encoding="utf-8")
    base, stop = serve(tmp_path)
    try:
        for prefix in ("", "fa/"):
            status, headers, body = fetch(f"{base}/{prefix}locations/postcodes/?q={query}")
            if lands:
                assert (status, headers["Location"]) == (302, f"/{prefix}locations/postcodes/{lands}"), query
            else:
                assert (status, body) == (200, b"<p>landing</p>"), query
    finally:
        stop()


def test_the_serve_command_names_every_language_and_serves_each(built_site):
    """`make preview` ends in `returnguide serve`: its one line names the address of every
    language, each answers through nginx, and a stop (SIGTERM) frees the port."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "returnguide", "serve", "--site-dir", str(built_site), "--port", str(port),
                                "--project", str(ROOT)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        base = f"http://127.0.0.1:{port}"
        assert line.startswith(f"Serving {built_site}/ through nginx") and f"on {base}/ (de)," in line, line + process.stderr.read()
        named = re.findall(r" (/[a-z]{2}/)", line)
        assert named == [f"/{code}/" for code in LANGUAGES if code != "de"], line
        for prefix in ["/", *named]:
            status, _, body = fetch(base + prefix)
            assert status == 200 and f'lang="{LANGUAGES["de" if prefix == "/" else prefix.strip("/")].tag}"' in body.decode(), prefix
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
    with socket.socket() as probe:  # nobody listens on the port any more: nginx went with it
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # (its closed connections may linger)
        probe.bind(("127.0.0.1", port))
        probe.listen()
