"""What a hostile or clumsy edit would do to the built site, and what a killed or doubled build
would do to site/: front-matter text arrives as text; a killed build leaves nothing behind and
no worker running; two builds at once both finish; site/ never disappears while it is replaced;
a damaged cache entry is rendered again."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import PHONE, ROOT, TODAY, make_tree, run_cli, serve

pytestmark = pytest.mark.slow  # builds sites


def build(docs: Path, site: Path, cache: Path) -> subprocess.CompletedProcess:
    return run_cli("build", "--docs", str(docs), "--site-dir", str(site), "--today", TODAY, "--cache-dir", str(cache))


def set_field(path: Path, field: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_front_matter_text_reaches_the_page_as_text(tmp_path, fixture_cache):
    docs = make_tree(tmp_path)
    set_field(docs / "de" / "index.md", "title", "'Start <script src=/legal/x.js></script>'")
    set_field(docs / "de" / "index.md", "description", "'\"><img src=x onerror=alert(1)>'")
    set_field(docs / "fa" / "index.md" if (docs / "fa" / "index.md").exists() else docs / "en" / "index.md", "title",
              "'Home <meta http-equiv=refresh content=\"0;url=https://example.org/\">'")
    site = tmp_path / "site"
    result = build(docs, site, fixture_cache)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [p for p in site.rglob("*.html") if "/go/" not in p.as_posix()]
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script src=/legal/x.js>" not in html and "<img src=x onerror" not in html, page
        assert 'http-equiv=refresh content="0;url=https://example.org/"' not in html, page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Start &lt;script src=/legal/x.js&gt;&lt;/script&gt;" in home  # shown, as text


def test_a_killed_build_leaves_nothing_and_no_worker(tmp_path):
    docs = make_tree(tmp_path)
    site, cache = tmp_path / "site", tmp_path / "cache"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, "-m", "returnguide", "build", "--docs", str(docs), "--site-dir", str(site),
                                "--today", TODAY, "--cache-dir", str(cache)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in process.stdout:  # kill it while its workers render the leaflets
        if line.startswith("  [1/"):
            break
    workers = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(int(p.name)) == process.pid]
    process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(2)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"] == [], "workers outlived their build"
    assert list(tmp_path.glob(".site-build-*")), "the killed build left its work folder (as expected)"
    again = build(docs, site, cache)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not list(tmp_path.glob(".site-build-*")) and not list(tmp_path.glob(".site-old-*"))
    assert (site / "index.html").is_file()


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def test_two_builds_at_once_both_finish_and_site_never_disappears(tmp_path, fixture_tree, fixture_cache):
    docs = make_tree(tmp_path)
    site, cache = tmp_path / "site", fixture_cache
    shutil.copytree(fixture_tree / "site", site)  # the site a build of this tree wrote before
    missing, stop = [], threading.Event()

    def watch():
        while not stop.is_set():
            if not (site / "index.html").is_file():
                missing.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        results = []
        threads = [threading.Thread(target=lambda: results.append(build(docs, site, cache))) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        stop.set()
        watcher.join()
    assert [r.returncode for r in results] == [0, 0], "\n".join(r.stdout + r.stderr for r in results)
    assert missing == [], f"site/index.html was missing {len(missing)} time(s) while the site was replaced"


def test_a_damaged_cache_entry_is_rendered_again(tmp_path, fixture_cache):
    docs = make_tree(tmp_path)
    site, cache = tmp_path / "site", fixture_cache  # the renderings of a build of this tree
    info = sorted((cache / "leaflets").glob("*.info"))[0]
    info.write_text('{"pages": ', encoding="utf-8")  # cut off, as by a kill in the middle of writing
    again = build(docs, site, cache)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "leaflets: 1 rendered, 2 unchanged" in again.stdout


@pytest.mark.browser
def test_a_title_cannot_imitate_or_hide_the_offline_notice(tmp_path, browser, fixture_cache):
    """sw.js once switched the notice on by replacing the first "data-rg-offline hidden" of the
    saved page: a title or description holding that text kept the notice hidden. Now the worker
    returns the copy unchanged and tells the page by a message. The server goes away while the phone
    still thinks it is online, so only the worker can say that the page is the copy."""
    marker = "data-rg-offline hidden"
    docs = make_tree(tmp_path)
    set_field(docs / "de" / "index.md", "title", f"'Startseite {marker}'")
    set_field(docs / "de" / "index.md", "description", f"'{marker} {marker}'")
    site = tmp_path / "site"
    result = build(docs, site, fixture_cache)
    assert result.returncode == 0, result.stdout + result.stderr
    base, stop = serve(site)
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{base}/", wait_until="networkidle")
        page.evaluate("navigator.serviceWorker.ready")
        # the page and the script that shows the notice are kept (offline.js hands both to the worker)
        page.wait_for_function("() => caches.keys().then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys()))))"
                               ".then(lists => lists.flat().map(k => new URL(k.url).pathname))"
                               ".then(paths => paths.includes('/') && paths.some(p => p.includes('offline')))")
        notice = page.locator("[data-rg-offline]")
        assert notice.is_hidden() and marker in page.title()
        stop()  # the site is gone; the phone is still "online"
        page.reload()
        assert page.evaluate("navigator.onLine") is True
        notice.wait_for(state="visible", timeout=10_000)
        assert marker in page.title()  # the saved page itself, unchanged
        assert page.locator("[data-rg-offline]").count() == 1
    finally:
        context.close()
        stop()
