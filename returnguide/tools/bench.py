"""`make bench`: what a reader on a phone pays, measured in a real browser against a real
web server on loopback, and Lighthouse's mobile scores. Reports; it asserts nothing.

Page weight: bytes on the wire (compressed, headers included, as Chromium's network log
counts them) for the first view of a page with an empty cache, and for a second page
after another page of the site was opened. The service worker is blocked here, so the
figures are what the HTTP cache alone gives; the offline copy it keeps is counted apart.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..model.languages import LANGUAGES
from ..model.urls import CORE_PAGES, PLACES_INDEX, page_url
from ..site import optimise
from . import benchdoc, buildbench, server
from .benchdoc import machine, write_section
from .chromium import CHROMIUM, FLAGS

PAGES = (("home", "index.md"), ("fact sheet", "countries/sy.md"), ("directory", "locations/index.md"))
FIRST_BUDGET, SECOND_BUDGET = 45 * 1024, 15 * 1024
PLAIN_RATIO = 0.25  # a first view at most a quarter of plain Material's on the same content
START, END = benchdoc.PAGES_START, "<!-- bench:pages:end -->"
FINDER_START, FINDER_END = "<!-- bench:finder:start -->", "<!-- bench:finder:end -->"
INDEX_BUDGET = 25 * 1024
CPU_SLOWDOWN = 4
# Until the finder answers: at every answer finder.js writes its status line (the count of
# matches, or why there is none), which replaces that element's text.
_ANSWER_TIME = """(query) => new Promise((resolve) => {
  const status = document.querySelector('#rg-finder-status'), field = document.querySelector('#rg-finder-q');
  let start = 0;
  new MutationObserver((changes, observer) => { observer.disconnect(); resolve(performance.now() - start); })
    .observe(status, {childList: true, characterData: true, subtree: true});
  field.focus();
  start = performance.now();
  field.value = query;
  field.dispatchEvent(new InputEvent('input', {bubbles: true, data: query.slice(-1), inputType: 'insertText'}));
})"""


def _transferred(context, url: str) -> int:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.close()
    return sum(sizes.values())


def weights(base: str, plain: str | None = None) -> list[dict]:
    """First view and second page of each measured page; with `plain` (the address of plain
    Material's build of the same content), its first view too, measured in the same run."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        options = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "service_workers": "block"}
        for code in LANGUAGES:
            for name, rel in PAGES:
                url = f"{base}/{page_url(rel, code)}"
                context = browser.new_context(**options)
                first = _transferred(context, url)
                context.close()
                plain_first = None
                if plain:
                    context = browser.new_context(**options)
                    plain_first = _transferred(context, f"{plain}/{page_url(rel, code)}")
                    context.close()
                context = browser.new_context(**options)
                other = "countries/sy.md" if rel == "index.md" else "index.md"
                _transferred(context, f"{base}/{page_url(other, code)}")
                second = _transferred(context, url)
                context.close()
                rows.append({"lang": code, "page": name, "path": "/" + page_url(rel, code), "first": first, "second": second,
                             "plain": plain_first})
        browser.close()
    return rows


def offline_copy(site_dir: Path, code: str) -> int:
    """Bytes the service worker fetches in the background to keep a language's core pages."""
    total = 0
    for rel in CORE_PAGES:
        page = site_dir / page_url(rel, code) / "index.html"
        packed = page.with_name("index.html.br")
        total += (packed if packed.is_file() else page).stat().st_size
    return total


def lighthouse(project: Path, url: str) -> dict[str, int]:
    tool = project / "node_modules" / ".bin" / "lighthouse"
    if not tool.is_file():
        raise FileNotFoundError("node_modules/.bin/lighthouse is missing; run `make setup` (npm ci)")
    # A file, not stdout: a large report written to a pipe can end before it is complete.
    # Lighthouse sometimes loses its trace of the page load (NO_NAVSTART): up to three tries.
    for _attempt in range(3):
        with tempfile.TemporaryDirectory(prefix="rg-lighthouse-") as tmp:
            out = Path(tmp) / "report.json"
            result = subprocess.run(
                [str(tool), url, "--output=json", f"--output-path={out}", "--quiet", "--form-factor=mobile",
                 "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={' '.join(FLAGS)}"],
                capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
            if result.returncode == 0 and out.is_file():
                report = json.loads(out.read_text(encoding="utf-8"))
                break
    else:
        raise RuntimeError(f"lighthouse {url} failed three times (exit {result.returncode}):\n{result.stderr[-2000:]}")
    scores = {key: round((cat["score"] or 0) * 100) for key, cat in report["categories"].items()}
    failing = sorted({a["id"] for key, cat in report["categories"].items() if key != "performance"
                      for ref in cat["auditRefs"] if ref["weight"] > 0
                      for a in [report["audits"][ref["id"]]] if a["score"] is not None and a["score"] < 1})
    return {**scores, "failing": failing}


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def plain_site(project: Path, work: Path, log=print) -> Path:
    """Plain Material with mkdocs-static-i18n on the same content (mkdocs.yml without our plugin and
    overrides, as the build benchmark makes it), its text files precompressed as ours are, so the
    same nginx serves both alike."""
    config = buildbench.plain_config(project, work / buildbench.PLAIN_CONFIG)
    site = work / "plain-site"
    log("bench: plain Material build of the same content …")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "--quiet", "-f", str(config), "-d", str(site)],
                            cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"plain mkdocs build failed:\n{result.stderr[-2000:]}")
    optimise.write(site, work / "compressed", log=log)
    return site


def plain_rules(project: Path, work: Path) -> Path:
    """deploy/nginx.conf without its Content-Security-Policy, which would block plain Material's
    inline scripts (and so part of what it loads): everything else (compression, caching) the same."""
    rules = work / "nginx-plain.conf"
    text = (project / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    rules.write_text(re.sub(r"^add_header Content-Security-Policy .*$", "", text, flags=re.M), encoding="utf-8")
    return rules


def within(r: dict) -> bool:
    return r["first"] <= FIRST_BUDGET and r["second"] <= SECOND_BUDGET and (r.get("plain") is None or r["first"] <= PLAIN_RATIO * r["plain"])


def table(rows: list[dict], site_dir: Path, scores: dict | None) -> str:
    lines = ["| language | page | first view KB | plain Material first view KB | ratio | second page KB | within budget | performance | accessibility | best practices | SEO |",
             "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
    for r in rows:
        ok = "yes" if within(r) else "**no**"
        s = (scores or {}).get(r["path"], {})
        cells = [str(s.get(k, "–")) for k in ("performance", "accessibility", "best-practices", "seo")]
        plain = kb(r["plain"]) if r.get("plain") else "–"
        ratio = f"{r['first'] / r['plain']:.2f}" if r.get("plain") else "–"
        lines.append(f"| {r['lang']} | {r['page']} (`{r['path']}`) | {kb(r['first'])} | {plain} | {ratio} | {kb(r['second'])} | {ok} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Kept for offline reading in the background after the first view (core pages of that language, compressed): "
                 + ", ".join(f"{code} {kb(offline_copy(site_dir, code))} KB" for code in LANGUAGES) + ".")
    failing = sorted({a for s in (scores or {}).values() for a in s.get("failing", [])})
    if failing:
        lines.append("")
        lines.append("Lighthouse audits not passed (accessibility, best practices, SEO): " + ", ".join(f"`{a}`" for a in failing) + ".")
    return "\n".join(lines)


def run(project: Path, site_dir: Path, out: Path, with_lighthouse: bool = True, log=print) -> str:
    work = Path(tempfile.mkdtemp(prefix="rg-bench-plain-"))
    plain = plain_site(project, work, log)
    base, stop = server.start(site_dir, project / "deploy" / "nginx.conf")
    plain_base, stop_plain = server.start(plain, plain_rules(project, work))
    try:
        log("bench: page weight in Chromium, ours and plain Material's …")
        rows = weights(base, plain_base)
        scores = {}
        if with_lighthouse:
            for r in rows:
                log(f"bench: lighthouse {r['path']} …")
                scores[r["path"]] = lighthouse(project, base + r["path"])
    finally:
        stop()
        stop_plain()
        shutil.rmtree(work, ignore_errors=True)
    section = "\n".join([
        START,
        "## Page weight and Lighthouse (`make bench`)",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}; Chromium {_chromium_version()}, "
        f"served on loopback by nginx with the production rules of deploy/nginx.conf (precompressed, cache and security headers; HTTP/1.1, so each response's headers, about 1 KB with the Content-Security-Policy, count in full: HTTP/2 in production compresses repeated headers).",
        f"Budget: first view ≤ {FIRST_BUDGET // 1024} KB and at most {PLAIN_RATIO:.2f} of plain Material's, second page ≤ {SECOND_BUDGET // 1024} KB "
        "(compressed bytes on the wire until the network is idle, headers and fonts included; gzip, as Chromium asks for over plain HTTP). "
        "Plain Material: the same content built with mkdocs.yml minus our plugin and overrides (Material and static-i18n as configured), "
        "precompressed like ours and served by the same nginx rules without the Content-Security-Policy, measured in the same run. "
        "Lighthouse 12, mobile (simulated slow 4G, 4× CPU slowdown).",
        "",
        table(rows, site_dir, scores if with_lighthouse else None),
        END,
    ])
    write_section(out, section, START, END)
    return section + "\n\n" + run_finder(project, site_dir, out, log)


def finder_times(base: str, runs: int = 5) -> list[dict]:
    """Milliseconds from a keystroke to the finder's answer on the directory page, with Chromium's
    CPU slowed 4× (as Lighthouse's mobile profile): the first keystroke (fetching and reading the
    index) and a later one (the index in memory). Median of `runs` fresh pages, cache empty."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for code in LANGUAGES:
            first, later = [], []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, service_workers="block")
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                page.goto(f"{base}/{page_url('locations/index.md', code)}", wait_until="load")
                first.append(page.evaluate(_ANSWER_TIME, "5"))
                page.evaluate(_ANSWER_TIME, "54")
                later.append(page.evaluate(_ANSWER_TIME, "542"))
                context.close()
            rows.append({"lang": code, "first": sorted(first)[runs // 2], "later": sorted(later)[runs // 2]})
        browser.close()
    return rows


def finder_section(site_dir: Path, rows: list[dict]) -> str:
    index = site_dir / PLACES_INDEX
    size = {ext: (index.with_name(index.name + ext)).stat().st_size for ext in (".br", ".gz")}
    within = "within" if max(size.values()) <= INDEX_BUDGET else "**over**"
    lines = [
        FINDER_START,
        "## Finder by postcode or place (`make bench`)",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}; Chromium {_chromium_version()}, nginx on loopback.",
        "",
        f"Lookup index (`{PLACES_INDEX}`, one for the whole site, fetched at the first keystroke): "
        f"{kb(index.stat().st_size)} KB, {kb(size['.br'])} KB brotli, {kb(size['.gz'])} KB gzip as the build writes them "
        f"({within} the budget of {INDEX_BUDGET // 1024} KB compressed).",
        "",
        f"Time from a keystroke to the first answer on the directory page, CPU slowed {CPU_SLOWDOWN}× "
        "(`Emulation.setCPUThrottlingRate`), network not throttled (loopback), median of 5 fresh pages with an empty cache:",
        "",
        "| language | first keystroke ms (fetch, read and match) | later keystroke ms (match) |",
        "| --- | ---: | ---: |",
        *(f"| {r['lang']} | {r['first']:.0f} | {r['later']:.0f} |" for r in rows),
        FINDER_END,
    ]
    return "\n".join(lines)


def run_finder(project: Path, site_dir: Path, out: Path, log=print) -> str:
    base, stop = server.start(site_dir, project / "deploy" / "nginx.conf")
    try:
        log("bench: finder, keystroke to answer at 4× CPU slowdown …")
        section = finder_section(site_dir, finder_times(base))
    finally:
        stop()
    write_section(out, section, FINDER_START, FINDER_END)
    return section


def _chromium_version() -> str:
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.split()[1]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"
