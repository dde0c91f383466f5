"""Integrity of the built site: internal links and anchors in every language, valid HTML,
and the on-demand check of links to other sites."""

from __future__ import annotations

import http.server
import subprocess
import threading

import pytest

from conftest import ROOT, run_cli
from returnguide.build import site_config
from returnguide.tools import integrity

HTML_VALIDATE = ROOT / "node_modules" / ".bin" / "html-validate"
SITE_URL = "https://rueckkehrberatung.example/"


def test_every_internal_link_and_anchor_resolves_in_every_language(built_site):
    site_url = site_config(ROOT, ROOT / "docs", built_site).site_url
    broken, external, checked = integrity.scan(built_site, site_url)
    assert broken == [], "\n".join(map(str, broken))
    assert checked > 10_000  # every page's links were read: navigation, switcher, contacts, anchors
    assert any("bamf.de" in url for url in external)


def test_the_link_check_finds_a_missing_page_a_missing_anchor_and_a_foreign_address(tmp_path):
    (tmp_path / "en" / "a").mkdir(parents=True)
    (tmp_path / "en" / "a" / "index.html").write_text('<h2 id="here">Here</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="en/a/#here">ok</a> <a href="en/a/#gone">anchor</a> <a href="en/b/">page</a>'
        f'<link rel="canonical" href="{SITE_URL}en/a/"><link rel="alternate" href="{SITE_URL}fa/a/">'
        '<a href="tel:+4962321001000">call</a> <a href="https://www.bamf.de/x">source</a>', encoding="utf-8")
    broken, external, _ = integrity.scan(tmp_path, SITE_URL)
    assert sorted(b.link for b in broken) == ["en/a/#gone", "en/b/", f"{SITE_URL}fa/a/"]
    assert 'no id "gone" in en/a/index.html' in str(next(b for b in broken if b.link == "en/a/#gone"))
    assert external == {"https://www.bamf.de/x": ["index.html"]}


@pytest.mark.long
def test_built_html_is_valid(built_site):
    assert HTML_VALIDATE.is_file(), "html-validate is missing: run `make setup` (npm ci)"
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    assert len(pages) > 200
    result = subprocess.run([str(HTML_VALIDATE), "--config", str(ROOT / "tests" / "htmlvalidate.config.cjs"),
                             "--formatter", "text", *pages], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[-5000:]


def test_external_links_command_reports_what_does_not_answer(tmp_path):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    remote = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=remote.serve_forever, daemon=True).start()
    other = f"http://127.0.0.1:{remote.server_address[1]}"
    try:
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text(f'<a href="{other}/ok">a</a> <a href="{other}/gone">b</a>', encoding="utf-8")
        result = run_cli("external-links", "--site-dir", str(site), "--timeout", "5")
    finally:
        remote.shutdown()
        remote.server_close()
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{other}/gone: HTTP 404 (on 1 page(s), e.g. index.html)" in result.stdout
    assert f"{other}/ok" not in result.stdout
    assert "2 external address(es) checked, 1 without a good answer" in result.stdout
