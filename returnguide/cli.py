"""returnguide: check, build and preview the return-counselling site.

Each subcommand's docstring is its --help text. Run from the project folder
(the one with mkdocs.yml), e.g. `python -m returnguide check`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
import threading
from pathlib import Path

from . import build as build_mod
from . import checks
from .checks import published as address_checks
from .checks.coverage import coverage, format_coverage
from .model import addresses
from .model.content import load_model
from .model.languages import DEFAULT_LANGUAGE, LANGUAGES
from .model.problems import ContentError
from .tools import bench, buildbench, extract_strings, integrity, server


def cmd_check(args) -> int:
    """Validate all content in every language; print one `path:line: message` per problem
    and the translation coverage. Exits 1 if there is any error (warnings do not fail)."""
    model = load_model(args.docs)
    problems = checks.run_all(model, args.today)
    for problem in problems:
        print(problem)
    print(format_coverage(coverage(model)))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{len(model.pages)} pages checked: {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def cmd_build(args) -> int:
    """Check the content, then build the site for all languages. The build happens in a
    temporary folder that replaces the site folder only on success."""
    try:
        build_mod.build(Path(args.project), Path(args.site_dir), docs_dir=Path(args.docs), today=args.today,
                        cache_dir=Path(args.cache_dir))
    except build_mod.BuildFailed as err:
        print(f"build failed: {err}", file=sys.stderr)
        return 1
    print(f"site built into {args.site_dir}/")
    return 0


def cmd_leaflets(args) -> int:
    """Render leaflets on their own, for quick iteration: all, or those matching --only ID
    (a leaflet or a definition) and --lang. Unchanged leaflets come from the cache. The
    PDFs land in --out (default build/leaflets); `make build` puts them into the site."""
    out = Path(args.out)
    try:
        catalogue = build_mod.leaflets_only(Path(args.project), out, docs_dir=Path(args.docs), cache_dir=Path(args.cache_dir),
                                            only=args.only, lang=args.lang, jobs=args.jobs, today=args.today)
    except build_mod.BuildFailed as err:
        print(err, file=sys.stderr)
        return 1
    for entry in catalogue:
        print(f"{out / entry['file']}  {entry['pages']} page(s), {entry['bytes'] // 1024} KB")
    return 0


def cmd_urls(args) -> int:
    """List every address the site serves (pages in every language, short links, old
    addresses, leaflets); with --record, add the new ones to materials/published-urls.txt,
    the list `check` holds the site to forever."""
    model = load_model(args.docs)
    if args.record:
        added = address_checks.record(model, model.materials_dir)
        print(f"{added} new address(es) recorded in {model.materials_dir / addresses.PUBLISHED}")
    else:
        print("\n".join(sorted(addresses.addresses(model))))
    return 0


def cmd_strings(args) -> int:
    """Extract the interface strings (German message ids) from the code and templates into
    returnguide/locales/messages.pot and update every language's catalogue (.po) from it:
    new strings come empty, changed ones fuzzy. Translate them with any gettext tool."""
    missing = extract_strings.update(Path(args.project).resolve())
    print(f"{sum(missing.values())} string(s) to translate" if any(missing.values()) else "every string is translated")
    return 0


def cmd_external_links(args) -> int:
    """Check the links to other sites in the built site (sources, partners, authorities). Needs
    the internet, so it is not part of `make test`; each address is asked once. Prints one line
    per link that does not answer, with the pages that carry it; exits 1 if there is any."""
    site = Path(args.site_dir)
    if not (site / "index.html").is_file():
        print(f"{site}/ has no built site; run `make build` first", file=sys.stderr)
        return 1
    config = build_mod.site_config(Path(args.project), Path(args.project) / "docs", site)
    _, external, _ = integrity.scan(site, config.site_url or "")
    # Share buttons (WhatsApp, Telegram, Facebook) differ only in their query: one ask per address.
    by_address: dict[str, list[str]] = {}
    for url in external:
        by_address.setdefault(url.split("?")[0].split("#")[0], []).append(url)
    answers = integrity.check_external(sorted(by_address), timeout=args.timeout)
    failed = {address: problem for address, problem in answers.items() if problem}
    for address, problem in sorted(failed.items()):
        pages = sorted({page for url in by_address[address] for page in external[url]})
        print(f"{address}: {problem} (on {len(pages)} page(s), e.g. {pages[0]})")
    print(f"{len(answers)} external address(es) checked, {len(failed)} without a good answer")
    return 1 if failed else 0


def cmd_serve(args) -> int:
    """Serve the built site on http://127.0.0.1:PORT (loopback only) until Ctrl-C, through nginx
    with the production rules of deploy/nginx.conf (headers, caching, 404 pages, short links)."""
    site = Path(args.site_dir)
    if not (site / "index.html").is_file():
        print(f"{site}/ has no built site; run `make build` first", file=sys.stderr)
        return 1
    try:
        base, stop = server.start(site, Path(args.project) / "deploy" / "nginx.conf", args.port)
    except server.ServerError as err:
        print(err, file=sys.stderr)
        return 1
    others = ", ".join(f"/{code}/" for code in LANGUAGES if code != DEFAULT_LANGUAGE)
    print(f"Serving {site}/ through nginx (deploy/nginx.conf) on {base}/ ({DEFAULT_LANGUAGE}), {others} - Ctrl-C stops", flush=True)
    if args.editor:
        print(f"The web editor: {base}/admin/ in Chromium or Edge. Choose 'Work with Local Repository' and pick this\n"
              f"checkout ({Path(args.project).resolve()}); what you save is written into its docs/. Then `make check`,\n"
              "look at the change with `git diff`, and commit it. `make edit` again shows the site with your change.", flush=True)
    # Stopped by Ctrl-C or by `kill`: nginx stops with us, so the port is free again.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop()
    return 0


def cmd_bench(args) -> int:
    """Measure what reading and building the site cost; write the tables into BENCHMARKS.md.
    Pages: weight (first view, second page) of the built site in Chromium against the
    loopback server, and Lighthouse's mobile scores; the finder's index size and the time from
    a keystroke to its answer with the CPU slowed 4×. Build: cold and unchanged build time,
    peak memory, leaflets per second and the ratio to a plain `mkdocs build` of the same
    Markdown, for the real content and for synthetic content with each of --build-sizes
    fact sheets per language (built in temporary folders; takes minutes)."""
    if args.no_pages and args.no_build_bench:
        print("nothing to measure: drop --no-pages or --no-build-bench", file=sys.stderr)
        return 2
    if not args.no_pages:
        site = Path(args.site_dir)
        if not (site / "index.html").is_file():
            print(f"{site}/ has no built site; run `make build` first (or pass --no-pages)", file=sys.stderr)
            return 1
        if args.only_finder:
            print(bench.run_finder(Path(args.project), site, Path(args.out)))
            return 0
        print(bench.run(Path(args.project), site, Path(args.out), with_lighthouse=not args.no_lighthouse))
    if not args.no_build_bench:
        try:
            print(buildbench.run(Path(args.project), Path(args.out), sizes=args.build_sizes))
        except buildbench.BenchError as err:
            print(f"build benchmark failed: {err}", file=sys.stderr)
            return 1
    return 0


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _sizes(value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in value.split(","))
    except ValueError:
        sizes = ()
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give numbers of fact sheets separated by commas, e.g. 10,50,150")
    return sizes


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="returnguide", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    def add(name, func, *options):
        sp = sub.add_parser(name, help=func.__doc__.splitlines()[0], description=func.__doc__)
        sp.set_defaults(func=func)
        for option in options:
            option(sp)
        return sp

    def docs(sp):
        sp.add_argument("--docs", default="docs", help="content folder with one sub-folder per language (default: docs)")

    def today(sp):
        sp.add_argument("--today", type=_date, default=dt.date.today(), help="date to judge freshness against (YYYY-MM-DD; default: today)")

    def site(sp):
        sp.add_argument("--site-dir", default="site", help="output folder (default: site)")

    def cache(sp):
        sp.add_argument("--cache-dir", default=".cache", help="rendered leaflets and preview images kept between builds (default: .cache)")

    add("check", cmd_check, docs, today)
    add("build", cmd_build, docs, today, site, cache, lambda sp: sp.add_argument("--project", default=".", help="folder with mkdocs.yml"))
    add("leaflets", cmd_leaflets, docs, cache, today,
        lambda sp: sp.add_argument("--only", help="a leaflet id (families-fa-a5) or definition id (families)"),
        lambda sp: sp.add_argument("--lang", help=f"only leaflets in this language ({', '.join(LANGUAGES)})"),
        lambda sp: sp.add_argument("--jobs", type=int, help="parallel renderers (default: all cores)"),
        lambda sp: sp.add_argument("--out", default="build/leaflets", help="output folder (default: build/leaflets)"),
        lambda sp: sp.add_argument("--project", default=".", help="folder with mkdocs.yml"))
    add("strings", cmd_strings, lambda sp: sp.add_argument("--project", default=".", help="the project folder"))
    add("urls", cmd_urls, docs, lambda sp: sp.add_argument("--record", action="store_true", help="add new addresses to materials/published-urls.txt"))
    add("external-links", cmd_external_links, site,
        lambda sp: sp.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each site (default: 15)"),
        lambda sp: sp.add_argument("--project", default=".", help="folder with mkdocs.yml"))
    add("serve", cmd_serve, site, lambda sp: sp.add_argument("--port", type=int, default=8000),
        lambda sp: sp.add_argument("--project", default=".", help="folder with deploy/nginx.conf"),
        lambda sp: sp.add_argument("--editor", action="store_true", help="say how to open the web editor on this checkout (`make edit`)"))
    add("bench", cmd_bench, site,
        lambda sp: sp.add_argument("--out", default="BENCHMARKS.md", help="where the table goes (default: BENCHMARKS.md)"),
        lambda sp: sp.add_argument("--no-lighthouse", action="store_true", help="page weight only"),
        lambda sp: sp.add_argument("--only-finder", action="store_true",
                                   help="only the finder: its index size and keystroke-to-answer time at 4× CPU slowdown"),
        lambda sp: sp.add_argument("--no-pages", action="store_true", help="no page weight and Lighthouse (no built site needed)"),
        lambda sp: sp.add_argument("--build-sizes", type=_sizes, default=(10, 50, 150),
                                   help="synthetic fact sheets per language to build, comma-separated (default: 10,50,150; at most one per ISO 3166-1 code on no programme list)"),
        lambda sp: sp.add_argument("--no-build-bench", action="store_true", help="no build benchmark"),
        lambda sp: sp.add_argument("--project", default=".", help="the project folder (mkdocs.yml, node_modules/)"))
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentError as err:
        # Content a writer cannot pass on (make check names it first): its file and line, no traceback.
        print(err.problem, file=sys.stderr)
        return 1
