"""`make bench`, the build part: what building the site costs, on the real content and on
synthetic content of growing size. Reports; it asserts nothing.

Nine fact sheets say little about two hundred, so `synthesize()` copies the project into a
temporary folder and replaces its country fact sheets by N copies of the real ones (in every
language, each with another ISO 3166-1 code and a title that marks it as a benchmark
copy); the real build then checks it, renders its leaflets and builds it like the real site.
Synthetic pages exist only in that temporary folder and are deleted after the measurement.

Each figure comes from one fresh child process, so that its peak memory is its own:
  - the whole build with an empty cache (cold), and again with nothing changed;
  - `returnguide leaflets` alone with an empty cache (for leaflets per second);
  - a plain `mkdocs build` of the same Markdown: the same mkdocs.yml without our plugin and
    template overrides (Material, mkdocs-static-i18n and Material's search, as configured).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

from ..model import addresses, validators
from ..model.content import load_model
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..model.pages import FRONT_MATTER
from . import benchdoc

START, END = "<!-- bench:build:start -->", "<!-- bench:build:end -->"
SHEETS = "countries"  # the folder of the fact sheets below docs/<lang>/
COPIED = ("overrides", "materials", "deploy")  # copied as they are; docs/ and mkdocs.yml are adapted
PLAIN_CONFIG = "mkdocs-plain.yml"
# Codes the check accepts (CLDR territories) that ISO 3166-1 does not assign: reserved ones
# (AC, CP, CQ, DG, EA, IC, TA) and CLDR's private-use XA, XB, XK. Copies use assigned codes only.
NOT_ASSIGNED = frozenset({"AC", "CP", "CQ", "DG", "EA", "IC", "TA", "XA", "XB", "XK"})

# The goals of the issue, for the 2-core machine.
COLD_GOAL_S, UNCHANGED_GOAL_S, RATIO_GOAL = 60.0, 10.0, 1.5
# Linear growth: an added page costs at most this much more at the largest size than at the
# smallest (20 % leaves room for noise on a machine that does other work at the same time).
LINEAR_TOLERANCE = 1.2

_LEAFLETS_DONE = re.compile(r"^leaflets: (\d+) rendered, (\d+) unchanged$")
_LEAFLET_WRITTEN = re.compile(r"\.pdf  \d+ page\(s\), \d+ KB$")
_OUR_PLUGIN = re.compile(r"^[ \t]+-[ \t]*returnguide\b.*\n", re.M)
_CUSTOM_DIR = re.compile(r"^[ \t]+custom_dir:.*\n", re.M)
_DOCS_DIR = re.compile(r"^docs_dir:.*$", re.M)


class BenchError(Exception):
    """A step of the benchmark failed; the message names it (and a child's last output lines)."""

    def __init__(self, message: str, output: str = ""):
        super().__init__(message)
        self.output = output


# ---------------------------------------------------------------- synthetic content


def synthesize(dest: Path, countries: int, *, project: Path) -> Path:
    """A complete project in dest whose `countries` fact sheets per language are copies of the
    real ones (cycled), each with its own country code and title; returns dest."""
    project, dest = project.resolve(), Path(dest)
    real_model = load_model(project / "docs")
    real = sorted(Path(p.rel_path).stem for p in real_model.sources() if p.type == "country")
    if not real:
        raise BenchError(f"{project}/docs/{DEFAULT_LANGUAGE}/{SHEETS}/ has no fact sheet to copy")
    # Codes of real sheets are left out, so no copy sits at a real sheet's address; so are
    # earlier addresses (aliases) of kept pages, which may not be pages again.
    aliases = {a for p in real_model.sources() for a in p.meta.aliases or []}
    # Countries on a programme's country list are left out too: a copy's facts take the values of
    # an unlisted country (below), which a listed code would contradict.
    listed = {str(c).upper() for p in real_model.sources() for entry in (p.meta.country_lists or {}).values()
              if entry for c in entry.countries}
    codes = [c for c in sorted(validators.COUNTRY_CODES - NOT_ASSIGNED - listed - {s.upper() for s in real})
             if f"{SHEETS}/{c.lower()}.md" not in aliases]
    if not 1 <= countries <= len(codes):
        raise BenchError(f"synthetic fact sheets: asked for {countries}; give 1 to {len(codes)} (one unused ISO 3166-1 code each)")

    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copytree(project / name, dest / name)
    shutil.copyfile(project / "mkdocs.yml", dest / "mkdocs.yml")
    # the build's tools (PurgeCSS, lightningcss) are the project's, not copied: 100 MB
    (dest / "node_modules").symlink_to((project / "node_modules").resolve(), target_is_directory=True)
    real_files = {f"{stem}.md" for stem in real}
    shutil.copytree(project / "docs", dest / "docs",
                    ignore=lambda folder, names: [n for n in names if n in real_files and Path(folder).name == SHEETS])
    for n, code in enumerate(codes[:countries]):
        stem = real[n % len(real)]
        for lang in LANGUAGES:
            source = project / "docs" / lang / SHEETS / f"{stem}.md"
            if source.is_file():  # a sheet missing in a language stays missing in its copies
                target = dest / "docs" / lang / SHEETS / f"{code.lower()}.md"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(_copy_sheet(source.read_text(encoding="utf-8"), n + 1, code, source), encoding="utf-8")

    # Links and campaigns that lead to a real sheet lead to the first copy instead, so they
    # still resolve and the site keeps as many links and short links as the real one.
    to_real = re.compile(rf"\b{SHEETS}/({'|'.join(map(re.escape, real))})\.md\b")
    first = f"{SHEETS}/{codes[0].lower()}.md"
    for path in [*(dest / "docs").rglob("*.md"), *(dest / "materials").rglob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        if to_real.search(text):
            path.write_text(to_real.sub(first, text), encoding="utf-8")

    # published-urls.txt holds the real site to every address it ever published. Here the real
    # sheets are replaced, not kept beside the copies (so that N is the number of fact sheets,
    # also below nine), and the addresses of them and their leaflets are dropped from the list.
    # Every other address is kept, so the check does the same work as on the real site.
    published = dest / "materials" / addresses.PUBLISHED
    if published.is_file():
        serves = addresses.addresses(load_model(dest / "docs"))
        kept = [line for line in published.read_text(encoding="utf-8").splitlines()
                if not line.split("#")[0].strip() or line.split("#")[0].strip() in serves]
        published.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return dest


# The value of each country-list fact for a country on no list (see checks/sources.py, LIST_RULES).
_UNLISTED = {"assisted_return": "available", "travel_allowance": "full", "start_up_payment": "no",
             "starthilfe_plus": "none", "eurp": "no"}


def _copy_sheet(text: str, n: int, code: str, source: Path) -> str:
    """A real fact sheet as the n-th benchmark copy: another country code (the German source
    states it, translations inherit it) and a title that says what it is, also as the page's
    heading. Earlier addresses belong to the real sheet, so a copy has none."""
    match = FRONT_MATTER.match(text)
    meta = yaml.safe_load(match.group(1) or "") if match else None
    if not isinstance(meta, dict) or "title" not in meta:
        raise BenchError(f"{source}: no front matter with a title to copy")
    title = f"{meta['title']} [benchmark copy {n}, {code}]"
    meta["title"] = title
    meta.pop("aliases", None)
    if "country" in meta:
        meta["country"] = code
    # The copy's new code is on no programme's country list (synthesize leaves listed codes out):
    # its facts take the values of an unlisted country (sources and rules stay).
    for fact, unlisted in _UNLISTED.items():
        entry = (meta.get("programme") or {}).get(fact)
        if isinstance(entry, dict):
            entry["status"] = unlisted
    body = re.sub(r"^# .*$", lambda _: f"# {title}", text[match.end():], count=1, flags=re.M)
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000) + "---\n" + body


def _config_text(project: Path) -> str:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    if not _OUR_PLUGIN.search(text):
        raise BenchError(f"{project / 'mkdocs.yml'}: no `- returnguide` in `plugins:`; the build benchmark leaves "
                         "it out for the plain MkDocs build")
    return text


def plain_config(project: Path, target: Path) -> Path:
    """The project's mkdocs.yml without our plugin and template overrides (plain Material and
    mkdocs-static-i18n, as configured), reading the project's docs/; written to target."""
    text = _CUSTOM_DIR.sub("", _OUR_PLUGIN.sub("", _config_text(project)), count=1)
    docs = _DOCS_DIR.search(text)
    docs_dir = (project / (docs.group(0).split(":", 1)[1].strip() if docs else "docs")).resolve()
    line = f"docs_dir: {docs_dir}"
    text = _DOCS_DIR.sub(lambda _: line, text, count=1) if docs else f"{line}\n{text}"
    target.write_text(text, encoding="utf-8")
    return target


def pages_built(project: Path) -> int:
    """Pages the site serves: every German source page in every language (a page missing in
    a language is built there from German)."""
    return sum(1 for _ in (project / "docs" / DEFAULT_LANGUAGE).rglob("*.md")) * len(LANGUAGES)


# ---------------------------------------------------------------- measuring


@dataclass
class Run:
    seconds: float
    peak_mb: float
    lines: list[tuple[float, str]]  # (seconds since the start, line) of stdout and stderr


def child(args: list[str], cwd: Path, what: str) -> Run:
    """Run one command in a fresh process; wall time, peak memory and timestamped output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}  # unbuffered: timestamps when written
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = [(time.perf_counter() - started, line.rstrip("\n")) for line in proc.stdout]
    except BaseException:  # e.g. Ctrl-C: do not leave a build running behind
        proc.kill()
        proc.wait()
        raise
    # wait4 gives this child's own usage, its reaped workers included (ru_maxrss is their
    # largest); getrusage(RUSAGE_CHILDREN) would give the largest of every child run so far.
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    if proc.returncode != 0:
        tail = "\n".join(line for _, line in lines[-40:])
        raise BenchError(f"{what} failed (exit {proc.returncode}) in {cwd}: {' '.join(args)}\n{tail}", tail)
    return Run(seconds, usage.ru_maxrss / 1024, lines)


@dataclass
class Measurement:
    content: str  # "real content" or "N synthetic fact sheets"
    countries: int | None  # synthetic fact sheets per language; None for the real content
    pages: int  # pages built, all languages
    leaflets: int  # PDFs of the cold build
    cold_s: float
    site_part_s: float  # of the unchanged build: from the end of its leaflet step to its end
    unchanged_s: float
    peak_mb: float  # cold build: the largest single process (the build or one of its workers)
    plain_s: float
    plain_peak_mb: float
    leaflet_run_s: float  # `returnguide leaflets` alone, empty cache
    leaflet_run_count: int
    plain_strict: bool = True

    @property
    def ratio(self) -> float:
        return self.unchanged_s / self.plain_s

    @property
    def site_ratio(self) -> float:
        return self.site_part_s / self.plain_s

    @property
    def leaflets_per_s(self) -> float:
        return self.leaflet_run_count / self.leaflet_run_s

    @property
    def s_per_page(self) -> float:
        return self.cold_s / self.pages


def measure(project: Path, work: Path, label: str, countries: int | None = None, log=print) -> Measurement:
    """Cold build, unchanged build, leaflets alone and plain MkDocs of one project; the outputs
    and caches go to work/ (the project's own site/ and .cache/ are not touched)."""
    python = sys.executable
    work.mkdir(parents=True, exist_ok=True)
    site, cache = work / "site", work / "cache"
    cache.mkdir()  # empty: nothing rendered, drawn or compressed yet
    build = [python, "-m", "returnguide", "build", "--site-dir", str(site), "--cache-dir", str(cache)]

    log(f"bench: build, {label}: cold build …")
    cold = child(build, project, f"cold build of {label}")
    done = [(t, m) for t, line in cold.lines if (m := _LEAFLETS_DONE.match(line.strip()))]
    if not done:
        raise BenchError(f"cold build of {label}: no 'leaflets: N rendered, M unchanged' line in its log; "
                         "buildbench reads it to split the build")
    counts = done[-1][1]
    log(f"bench: build, {label}: unchanged build …")
    unchanged = child(build, project, f"unchanged build of {label}")
    after_leaflets = next((t for t, line in unchanged.lines if _LEAFLETS_DONE.match(line.strip())), None)
    if after_leaflets is None:
        raise BenchError(f"unchanged build of {label}: no 'leaflets: N rendered, M unchanged' line in its log")
    log(f"bench: build, {label}: leaflets alone …")
    leaflet_run = child([python, "-m", "returnguide", "leaflets", "--cache-dir", str(work / "leaflet-cache"),
                         "--out", str(work / "leaflets")], project, f"leaflets of {label}")
    log(f"bench: build, {label}: plain mkdocs build …")
    config = plain_config(project, work / PLAIN_CONFIG)
    plain_args = [python, "-m", "mkdocs", "build", "-f", str(config), "-d", str(work / "plain-site")]
    strict = True
    try:
        plain = child(plain_args + ["--strict"], project, f"plain mkdocs build of {label}")
    except BenchError as err:
        if "strict mode" not in err.output:
            raise
        # Material without our templates may warn where ours do not; time it all the same.
        strict = False
        plain = child(plain_args + ["--no-strict"], project, f"plain mkdocs build of {label} (not strict)")
    return Measurement(
        content=label, countries=countries, pages=pages_built(project),
        leaflets=int(counts.group(1)) + int(counts.group(2)),
        cold_s=cold.seconds, site_part_s=unchanged.seconds - after_leaflets, unchanged_s=unchanged.seconds,
        peak_mb=cold.peak_mb, plain_s=plain.seconds, plain_peak_mb=plain.peak_mb,
        leaflet_run_s=leaflet_run.seconds,
        leaflet_run_count=sum(1 for _, line in leaflet_run.lines if _LEAFLET_WRITTEN.search(line)),
        plain_strict=strict,
    )


# ---------------------------------------------------------------- report


def table(records: list[Measurement]) -> str:
    lines = ["| content | pages (all languages) | leaflets | cold build s | unchanged build s | of which site part s | "
             "peak MB | plain mkdocs s | plain peak MB | unchanged / plain | site part / plain | leaflets/s |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in records:
        plain = f"{r.plain_s:.1f}" + ("" if r.plain_strict else "*")
        lines.append(f"| {r.content} | {r.pages} | {r.leaflets} | {r.cold_s:.1f} | {r.unchanged_s:.1f} | {r.site_part_s:.1f} | "
                     f"{r.peak_mb:.0f} | {plain} | {r.plain_peak_mb:.0f} | {r.ratio:.2f}× | {r.site_ratio:.2f}× | {r.leaflets_per_s:.1f} |")
    if not all(r.plain_strict for r in records):
        lines += ["", "\\* plain MkDocs warned in strict mode and was timed without `--strict`."]
    return "\n".join(lines)


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def goals(records: list[Measurement]) -> list[str]:
    """One line per goal of the issue, with the figure it is judged on."""
    out = []
    real = next((r for r in records if r.countries is None), None)
    if real:
        out.append(f"- Real content, cold build under {COLD_GOAL_S:.0f} s: {real.cold_s:.1f} s — {_verdict(real.cold_s < COLD_GOAL_S)}.")
        out.append(f"- Real content, nothing changed, under {UNCHANGED_GOAL_S:.0f} s: {real.unchanged_s:.1f} s — "
                   f"{_verdict(real.unchanged_s < UNCHANGED_GOAL_S)}.")
    synthetic = sorted((r for r in records if r.countries is not None), key=lambda r: r.pages)
    if len(synthetic) < 2:
        out.append("- Linear growth with pages: not judged (needs at least two synthetic sizes).")
    else:
        small, large = synthetic[0], synthetic[-1]
        figure = (f"{small.s_per_page:.3f} s per page at {small.pages} pages, {large.s_per_page:.3f} s at {large.pages} "
                  f"(ratio {large.s_per_page / small.s_per_page:.2f})")
        steps = [(a, b, (b.cold_s - a.cold_s) / (b.pages - a.pages)) for a, b in zip(synthetic, synthetic[1:], strict=False)]
        if len(steps) >= 2 and steps[0][2] > 0:
            growth = steps[-1][2] / steps[0][2]
            marginal = "; ".join(f"{c:.3f} s per added page from {a.pages} to {b.pages} pages" for a, b, c in steps)
            out.append(f"- Linear growth with pages: {figure}; {marginal} (last step / first step {growth:.2f}, "
                       f"linear if ≤ {LINEAR_TOLERANCE}) — {_verdict(growth <= LINEAR_TOLERANCE)}.")
        elif len(steps) >= 2:
            out.append(f"- Linear growth with pages: {figure}; not judged (the build got no slower from "
                       f"{steps[0][0].pages} to {steps[0][1].pages} pages: noise).")
        else:
            growth = large.s_per_page / small.s_per_page
            out.append(f"- Linear growth with pages: {figure} (linear if the ratio is ≤ {LINEAR_TOLERANCE}) — "
                       f"{_verdict(growth <= LINEAR_TOLERANCE)}.")
    if records:
        whole = [r.ratio for r in records]
        site = [r.site_ratio for r in records]
        out.append(f"- Overhead over plain MkDocs at most {RATIO_GOAL}× (every row), judged on the site part of the "
                   f"unchanged build: {_span(site)} — {_verdict(max(site) <= RATIO_GOAL)}. The whole unchanged build "
                   f"(start-up, loading and checking the content, looking up the leaflets) is {_span(whole)} — "
                   f"{_verdict(max(whole) <= RATIO_GOAL)}. A cold build also renders every leaflet and preview image, "
                   "which plain MkDocs does not do at all; its time is in the table.")
    return out


def _span(ratios: list[float]) -> str:
    low, high = min(ratios), max(ratios)
    return f"{low:.2f}×" if f"{low:.2f}" == f"{high:.2f}" else f"{low:.2f}–{high:.2f}×"


def _versions() -> str:
    names = (("MkDocs", "mkdocs"), ("Material", "mkdocs-material"), ("static-i18n", "mkdocs-static-i18n"), ("WeasyPrint", "weasyprint"))
    return ", ".join([f"Python {platform.python_version()}"] + [f"{shown} {metadata.version(dist)}" for shown, dist in names])


def section(records: list[Measurement], load: float) -> str:
    return "\n".join([
        START,
        "## Build time and memory (`make bench`)",
        "",
        f"Measured {dt.date.today().isoformat()} on {benchdoc.machine()}; {_versions()}. Load average when it started: "
        f"{load:.2f} (anything else running on the machine is in the figures).",
        "",
        table(records),
        "",
        "Goals:",
        "",
        *goals(records),
        "",
        "How it is measured: every figure is one run of a fresh child process; seconds are wall-clock time from its "
        "start to its exit; peak MB is the largest resident set of a single process of that run (the build or one of "
        "its worker processes), not the sum of the processes running at once.",
        "",
        "- **cold build**: `python -m returnguide build` with an empty cache (no rendered leaflets, preview images or "
        f"compressed files): checks, leaflets, MkDocs for {len(LANGUAGES)} languages, short links, preview images, QR codes, "
        "sitemap, search indexes, `.gz`/`.br` files, the policy check. **unchanged build**: the same build again "
        "with its cache, nothing changed.",
        "- **site part**: the part of the unchanged build after its leaflet step (timed by the build's own "
        f"`leaflets: … rendered` log line): MkDocs with our plugin and templates for {len(LANGUAGES)} languages, and our steps "
        "after it, their caches warm. This is what our build adds to MkDocs each time content changes.",
        "- **plain mkdocs**: `python -m mkdocs build --strict` of the same docs with the same `mkdocs.yml` minus "
        "our plugin (`- returnguide`) and `custom_dir: overrides` (Material, mkdocs-static-i18n and Material's search, as configured; "
        "single process). Its time includes start-up and loading the config. **unchanged / plain** = unchanged "
        "build s / plain mkdocs s; **site part / plain** = site part s / plain mkdocs s.",
        "- **leaflets/s**: PDFs divided by the seconds of `python -m returnguide leaflets` with an empty cache, run "
        "on its own (start-up, content loading and the HTML of every leaflet included; WeasyPrint and a thumbnail "
        "per PDF, on all cores).",
        f"- **pages**: German source pages × {len(LANGUAGES)} languages (a page missing in a language is built there from German).",
        "- **N synthetic fact sheets**: the project copied into a temporary folder, its fact sheets replaced by N "
        f"copies of the real ones in all {len(LANGUAGES)} languages, each with another country code and a title marked as a "
        "benchmark copy (so one country leaflet per copy and language); published addresses of the removed sheets "
        "are left out of `published-urls.txt`, links to them lead to the first copy. Deleted after measuring.",
        END,
    ])


def run(project: Path, out: Path, sizes=(10, 50, 200), log=print) -> str:
    """Measure the real content and synthetic content of each size; write the section into out."""
    project = project.resolve()
    load = os.getloadavg()[0]
    records = []
    with tempfile.TemporaryDirectory(prefix="rg-bench-real-") as tmp:
        records.append(measure(project, Path(tmp), "real content", log=log))
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"rg-bench-{n}-") as tmp:
            log(f"bench: build, {n} synthetic fact sheets: writing the content …")
            tree = synthesize(Path(tmp) / "project", n, project=project)
            records.append(measure(tree, Path(tmp) / "work", f"{n} synthetic fact sheets", countries=n, log=log))
    text = section(records, load)
    benchdoc.write_section(out, text, START, END, before=benchdoc.PAGES_START)
    return text
