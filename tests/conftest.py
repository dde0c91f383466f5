"""Shared helpers: fixture content trees, running the CLI, a loopback web server."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from returnguide.model.content import load_model
from returnguide.tools import server as nginx
from returnguide.tools.chromium import CHROMIUM, FLAGS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The team's notes of what is known (../shared/FACTS.md, read-only for the project): a copy in the
# project, so the tests that trace facts to it run on a fresh clone too; test_directory fails when
# the copy and ../shared (where it lies beside the clone) differ.
FACTS = FIXTURES / "shared" / "FACTS.md"
SHARED_FACTS = ROOT.parent / "shared" / "FACTS.md"
PHONE = {"width": 360, "height": 740}
TODAY = "2026-12-03"  # freshness is judged against a fixed date, so results do not change with the clock
# Builds in tests keep their renderings here, never in the project's .cache (a full build prunes
# its cache, so a test build there would throw away the developer's leaflets and previews).
# One per checkout: a full build prunes what it does not use, so two checkouts must not share one.
TEST_CACHE = Path(tempfile.gettempdir()) / f"rg-test-cache-{os.getuid()}-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]}"
# Under pytest-xdist (`make test` runs on every core) each worker builds its fixture trees with its
# own cache: a build locks its cache, so two workers sharing one would wait for each other.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
WORKER_CACHE = TEST_CACHE.with_name(f"{TEST_CACHE.name}-{WORKER}") if WORKER else TEST_CACHE
# What needs a built site or a browser is the slow tier; `make test-fast` leaves it out.
SLOW_FIXTURES = {"built_site", "server", "browser", "phone", "fixture_site", "built_fixture", "fixture_tree", "fixture_cache"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    # The order the workers take the tests in (`make test` runs pytest-xdist's worksteal: each
    # worker starts on its half, one that runs out takes half of what the other has left): the long
    # tests first, so no worker is left alone with one at the end; then the slow tier; the quick
    # tests last, to fill the gaps. Within each group, the order of the files.
    def rank(item) -> int:
        if item.get_closest_marker("long"):
            return 0
        return 1 if item.get_closest_marker("slow") else 2
    items.sort(key=rank)  # a stable sort: the files' order stays within each group


# The fast tier by what a test does, not only by its fixtures' names: a test outside the slow tier
# that builds a site or renders leaflets through the CLI fails and says how to mark it.
_RUNNING_SLOW = [True]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _RUNNING_SLOW[0] = item.get_closest_marker("slow") is not None


def make_tree(dest: Path, overlay: str | None = None) -> Path:
    """A copy of the good fixture tree under dest/docs, with a bad case's files laid over it."""
    docs = dest / "docs"
    shutil.copytree(FIXTURES / "good" / "docs", docs)
    # the real regions, glossary and postcode table: the fixture pages are checked against them
    (dest / "materials").mkdir()
    for name in ("regions.yml", "place-names.yml", "glossary.yml"):
        shutil.copy(ROOT / "materials" / name, dest / "materials" / name)
    shutil.copytree(ROOT / "materials" / "postcodes", dest / "materials" / "postcodes")
    shutil.copytree(FIXTURES / "good" / "materials" / "leaflets", dest / "materials" / "leaflets")
    shutil.copy(FIXTURES / "good" / "materials" / "organisations.yml", dest / "materials" / "organisations.yml")
    if overlay:
        shutil.copytree(FIXTURES / "bad" / overlay, docs, dirs_exist_ok=True)
    return docs


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, process: bool = False) -> subprocess.CompletedProcess:
    """`returnguide <args>` as a person runs it; `check` (hundreds of calls) through the CLI's main()
    in this process, with its output captured, unless `process` (a fresh interpreter, as make runs it)."""
    if args and args[0] == "check" and not process and cwd == ROOT and not env:
        return _check_in_process(list(args))
    # PYTHONPATH: the CLI of this checkout, also when cwd is another tree (the shared venv's
    # editable install may point at another checkout).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **(env or {})}
    builds = bool(args) and args[0] in ("build", "leaflets")
    if builds and not _RUNNING_SLOW[0]:
        pytest.fail(f"this test runs `returnguide {args[0]}`, which builds: mark it @pytest.mark.slow "
                    "(`make test-fast` leaves the slow tier out)")
    if builds and "--cache-dir" not in args:
        args = (*args, "--cache-dir", str(WORKER_CACHE))
    return subprocess.run([sys.executable, "-m", "returnguide", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)  # a cold build on a busy machine


def _check_in_process(args: list[str]) -> subprocess.CompletedProcess:
    import contextlib
    import io

    from returnguide import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(args)
        except SystemExit as exit:  # argparse's usage errors
            code = exit.code if isinstance(exit.code, int) else 2
    return subprocess.CompletedProcess(["returnguide", *args], code, out.getvalue(), err.getvalue())


def serve(directory: Path):
    """Serve a folder on 127.0.0.1 (a free port) as production does (precompressed files,
    cache headers); returns (base URL, stop function)."""
    return nginx.start(directory, ROOT / "deploy" / "nginx.conf")


@contextlib.contextmanager
def _locked(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared(tmp_path_factory, name: str, make) -> Path:
    """A folder made once per test run by make(folder), also when pytest-xdist runs the tests in
    several worker processes (each its own session): the first worker makes it under a lock, the
    others wait and use it. It must not be changed by the tests that read it."""
    if not WORKER:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    root = tmp_path_factory.getbasetemp().parent  # shared by the workers of this run
    folder, done = root / name, root / f"{name}.done"
    with _locked(root / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def real_model():
    """The project's own content, loaded once per test process, for tests that only read it (a
    test that changes a model loads its own)."""
    return load_model(ROOT / "docs", ROOT / "materials")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content, built once per test run through the CLI into a temporary site folder
    (with the project's test cache, so unchanged leaflets come from it).
    RG_TEST_SITE=<folder> reads a site built before instead (a developer's loop over one test;
    `make test` never sets it)."""
    if os.environ.get("RG_TEST_SITE"):
        return Path(os.environ["RG_TEST_SITE"]).resolve()

    def make(folder: Path) -> None:
        result = run_cli("build", "--site-dir", str(folder / "site"), "--today", TODAY, "--cache-dir", str(TEST_CACHE))
        assert result.returncode == 0, result.stdout + result.stderr

    return shared(tmp_path_factory, "real", make) / "site"


def warm_cache(dest: Path) -> Path:
    """A copy of the cache of the shared build of the real content (`built_site` makes it; ask for
    that fixture first), for a test that builds the real content again with a change: what did
    not change (leaflets, preview images, compressed files) comes from the copy, as on a
    developer's machine, instead of being rendered anew. A copy, so no test changes another's."""
    if TEST_CACHE.is_dir():
        shutil.copytree(TEST_CACHE, dest)
    return dest


@pytest.fixture(scope="session")
def fixture_tree(tmp_path_factory) -> Path:
    """The good fixture tree (docs/, materials/), built once per test run into site/ with its
    cache in cache/. Tests only read it; one that changes it copies it first."""
    def make(folder: Path) -> None:
        docs = make_tree(folder)
        result = run_cli("build", "--docs", str(docs), "--site-dir", str(folder / "site"), "--today", TODAY,
                         "--cache-dir", str(folder / "cache"))
        assert result.returncode == 0, result.stdout + result.stderr

    return shared(tmp_path_factory, "fixture-tree", make)


@pytest.fixture
def fixture_cache(fixture_tree, tmp_path) -> Path:
    """A copy of that build's cache, for a test that builds a changed fixture tree: only what its
    change touches is rendered again."""
    return Path(shutil.copytree(fixture_tree / "cache", tmp_path / "warm-cache"))


@pytest.fixture(scope="session")
def server(built_site):
    """The real site, served by nginx with deploy/nginx.conf."""
    base, stop = serve(built_site)
    yield base
    stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make setup`"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, server):
    """A fresh phone-sized context; records every request and console error, and fails the
    test on any Content-Security-Policy violation (the policy is deploy/nginx.conf's)."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    violations = []
    context.expose_function("rgPolicyViolation", lambda report: violations.append(report))
    context.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                            "rgPolicyViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))")
    page = context.new_page()
    page.requests, page.errors, page.failed = [], [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("response", lambda r: r.status >= 400 and page.failed.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()
    assert violations == [], f"Content-Security-Policy violations: {violations}"


def _snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")} if folder.is_dir() else {}


@pytest.fixture(scope="session", autouse=True)
def project_cache_untouched():
    """No test writes to or prunes the project's own .cache (the developer's renderings)."""
    before = _snapshot(ROOT / ".cache")
    yield
    assert _snapshot(ROOT / ".cache") == before, "a test changed the project's .cache; pass --cache-dir (run_cli does)"
