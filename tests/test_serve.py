"""`mkdocs serve` (what `make serve` runs for writers) shows the site `make build` writes: the
plugin writes search indexes, sitemap and short links in both, and a change to a Markdown
or YAML file is rebuilt and served without a restart."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, warm_cache
from returnguide.tools.server import free_port

pytestmark = pytest.mark.slow  # starts mkdocs serve, which builds the site


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):  # TimeoutError: no answer while serve rebuilds
        return None


def wait_for(url: str, condition, seconds: float = 240) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and condition(body):
            return body
        time.sleep(1)
    pytest.fail(f"{url} did not answer as expected within {seconds} s")


@pytest.fixture(scope="module")
def served(tmp_path_factory, built_site):
    """mkdocs serve on a copy of the project (its .cache and build/ stay the copy's); its cache
    starts as a copy of the shared build's, as a writer's has the renderings of the last build."""
    project = tmp_path_factory.mktemp("serve") / "project"
    for name in ("docs", "materials", "overrides", "deploy"):
        shutil.copytree(ROOT / name, project / name)
    warm_cache(project / ".cache")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)},  # this checkout's package
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/sitemap.xml", lambda body: b"<urlset" in body)
        yield base, project
    finally:
        process.terminate()
        process.wait(timeout=30)


SERVED = ["search/de.json", "search/fa.json", "sitemap.xml", "robots.txt", "go/rueckkehrberatung/index.html", "locations/iom-rlp.vcf"]


@pytest.mark.long
def test_serve_shows_what_the_build_writes_and_rebuilds_when_a_page_or_a_campaign_changes(served, built_site):
    # One test, so the server (a build of the real content) is started once per run, on one
    # worker, and the change comes after the comparison.
    base, project = served
    for path in SERVED:
        # serve puts its own address where the public one stands (canonical links, sitemap, QR codes)
        shown = fetch(f"{base}/{path}").replace(f"{base}/".encode(), b"https://rueckkehrberatung.example/")
        shown = shown.replace(f"{base.split('://')[1]}/".encode(), b"rueckkehrberatung.example/")
        shown = re.sub(rb"<script>\nvar livereload = .*?</script>", b"", shown, flags=re.S)  # serve's own reload script
        assert shown == (built_site / path).read_bytes(), path

    # A change to a page and to the campaigns is rebuilt and served without a restart.
    page = project / "docs" / "fa" / "return-counselling.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nجملهٔ آزمایشی برای پیش‌نمایش زنده.\n", encoding="utf-8")
    wait_for(f"{base}/fa/return-counselling/", lambda body: "جملهٔ آزمایشی برای پیش‌نمایش زنده".encode() in body, 300)
    campaigns = project / "materials" / "campaigns.yml"
    campaigns.write_text(campaigns.read_text(encoding="utf-8")
                         + "- slug: live-preview-test\n  page: return-counselling.md\n  lang: fa\n", encoding="utf-8")
    wait_for(f"{base}/go/live-preview-test/", lambda body: b"fa/return-counselling/" in body, 300)
