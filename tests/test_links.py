"""Links never break: campaign short links, old addresses of moved pages, published addresses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, make_tree, run_cli


def resolve(site: Path, address: str) -> Path | None:
    """The file a static host serves for a site path, following our meta-refresh redirects."""
    path = site / address.lstrip("/")
    for _ in range(3):
        target = path / "index.html" if address.endswith("/") else path
        if not target.is_file():
            return None
        html = target.read_text(encoding="utf-8", errors="replace") if target.suffix == ".html" else ""
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        if not refresh:
            return target
        address = refresh.group(1).replace("&amp;", "&").split("?")[0]
        path = (target.parent / address).resolve()
    return None


@pytest.mark.slow  # renders leaflets or builds a site
def test_moving_a_page_keeps_its_old_address_working(tmp_path, fixture_cache):
    docs = make_tree(tmp_path)
    assert run_cli("urls", "--record", "--docs", str(docs)).returncode == 0
    published = (tmp_path / "materials" / "published-urls.txt").read_text()
    assert "/fa/programmes/reag/\n" in published and "/go/programme-de-a4/\n" in published

    # move programmes/reag.md to programmes/return-support.md in every language
    for lang in ("de", "en"):
        old = docs / lang / "programmes" / "reag.md"
        old.rename(old.with_name("return-support.md"))
    for leaflet in (tmp_path / "materials" / "leaflets").glob("*.yml"):
        leaflet.write_text(leaflet.read_text().replace("programmes/reag.md", "programmes/return-support.md"))
    # pages that quote it follow it (make check names a quote of a page that is gone)
    sheet = docs / "de" / "countries" / "iq.md"
    sheet.write_text(sheet.read_text().replace("programmes/reag.md#", "programmes/return-support.md#"))
    broken = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert broken.returncode == 1
    assert re.search(r"materials/published-urls.txt:\d+: error: '/programmes/reag/' was published and no longer resolves; add the old path to `aliases:`", broken.stdout), broken.stdout

    # the page declares its old path: every language's old address redirects to it
    moved = docs / "de" / "programmes" / "return-support.md"
    moved.write_text(moved.read_text().replace("updated: 2026-11-01", "updated: 2026-11-01\naliases:\n  - programmes/reag.md", 1))
    fixed = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert fixed.returncode == 0, fixed.stdout
    site = tmp_path / "site"
    built = run_cli("build", "--docs", str(docs), "--site-dir", str(site), "--today", TODAY, "--cache-dir", str(fixture_cache))
    assert built.returncode == 0, built.stdout + built.stderr
    for address in [l for l in published.splitlines() if l.startswith("/")]:
        assert resolve(site, address) is not None, address
    page = resolve(site, "/fa/programmes/reag/")
    assert page == (site / "fa" / "programmes" / "return-support" / "index.html").resolve()


def test_alias_that_is_still_a_page_and_campaign_to_a_missing_page_are_errors(tmp_path):
    docs = make_tree(tmp_path)
    index = docs / "de" / "index.md"
    index.write_text(index.read_text().replace("updated:", "aliases: [programmes/reag.md]\nupdated:", 1))
    (tmp_path / "materials" / "campaigns.yml").write_text(
        "- slug: ok\n  page: index.md\n  lang: fa\n- slug: gone\n  page: programmes/nothing.md\n  lang: ar\n")
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert result.returncode == 1
    assert re.search(r"docs/de/index.md:\d+: error: aliases: 'programmes/reag.md' is a page of the site", result.stdout), result.stdout
    assert "materials/campaigns.yml:4: error: page 'programmes/nothing.md' does not exist" in result.stdout


def test_every_campaign_link_and_recorded_address_resolves_in_the_built_site(built_site):
    published = (ROOT / "materials" / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    addresses = [l.split("#")[0].strip() for l in published if l.strip().startswith("/")]
    assert len(addresses) > 250
    for address in addresses:
        assert resolve(built_site, address) is not None, address
    campaigns = re.findall(r"slug: (\S+)", (ROOT / "materials" / "campaigns.yml").read_text())
    for slug in campaigns:
        html = (built_site / "go" / slug / "index.html").read_text(encoding="utf-8")
        assert "utm_campaign=" in html, slug
        assert resolve(built_site, f"/go/{slug}/").name == "index.html"
