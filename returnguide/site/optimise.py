"""Last touches to the built site, for readers on a prepaid data plan:

- source maps are not served (they are for debugging Material, and weigh megabytes);
- Material's JavaScript (its bundle, the search worker) is not served: no page loads it
  (overrides/main.html); the little it did for the site is in our own scripts;
- every text file gets precompressed siblings, `.gz` (gzip -9) and `.br` (brotli), that
  nginx (`gzip_static`, `brotli_static`) or a CDN serves as they are. Compressing is cached
  by content (.cache/compressed/), so a rebuild compresses only what changed.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from pathlib import Path

from ..platform.system import worker_pool, write_atomic
from .policy import in_editor

TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".vcf", ".webmanifest"}
MIN_BYTES = 256  # below this, compression saves less than the headers cost
# Brotli's quality (measured 2026-12-04, one core), which a cold build pays for every file:
# - 11 for the assets: few files, loaded once and kept;
# - 10 for the pages: on our hundreds of pages 1 % larger than 11 (2753 KB against 2726 KB) in a
#   quarter of the time (5.8 s against 21.1 s);
# - 9 for a file of the web editor over 1 MB (its program, 2 MB, for the editors' office
#   connections): 8 % larger than 11 (548 KB against 504 KB) in 0.1 s instead of 2.9 s.
PAGE_QUALITY, ASSET_QUALITY, LARGE_QUALITY, LARGE_BYTES = 10, 11, 9, 1 << 20

class OptimiseError(Exception):
    pass


def _quality(path: Path, site_dir: Path) -> int:
    if in_editor(site_dir, path) and path.stat().st_size > LARGE_BYTES:
        return LARGE_QUALITY
    return PAGE_QUALITY if path.suffix == ".html" else ASSET_QUALITY


def _compress(job: tuple[str, str, int]) -> None:
    import brotli

    source, target, quality = job
    data = Path(source).read_bytes()
    write_atomic(Path(target + ".gz"), gzip.compress(data, compresslevel=9, mtime=0))
    write_atomic(Path(target + ".br"), brotli.compress(data, quality=quality))


def prune(site_dir: Path) -> None:
    """What no page loads leaves the site: source maps, Material's JavaScript. Before fingerprint.py,
    whose version of the service worker names the assets that are served."""
    for source_map in site_dir.rglob("*.map"):
        source_map.unlink()
    scripts = site_dir / "assets" / "javascripts"
    for bundle in scripts.glob("bundle.*.min.js"):
        bundle.unlink()
    shutil.rmtree(scripts / "workers", ignore_errors=True)
    shutil.rmtree(scripts / "lunr", ignore_errors=True)


def _place(kept: Path, target: Path) -> None:
    """A compressed file from the cache into the site: a hard link where both are on one file system
    (a cached file is never changed, only replaced or removed), else a copy."""
    target.unlink(missing_ok=True)  # never write through an old link into the cache
    try:
        os.link(kept, target)
    except OSError:
        shutil.copyfile(kept, target)


def write(site_dir: Path, cache_dir: Path, log=print) -> None:
    """Precompressed copies beside every text file."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site_dir.rglob("*") if p.suffix in TEXT and p.is_file() and p.stat().st_size >= MIN_BYTES)
    quality = {p: _quality(p, site_dir) for p in files}
    # the cache key: the content and the quality it is compressed at
    keys = {p: f"{hashlib.sha256(p.read_bytes()).hexdigest()}-q{quality[p]}" for p in files}
    # one job per new content (identical files share it): cache target -> a file with that content
    jobs = {str(cache_dir / k): p for p, k in keys.items() if not (cache_dir / f"{k}.br").is_file()}
    if jobs:
        with worker_pool(max(1, min(os.cpu_count() or 1, len(jobs)))) as pool:
            work = sorted((str(source), target, quality[source]) for target, source in jobs.items())
            list(pool.map(_compress, work, chunksize=8))
    for path, key in keys.items():
        for suffix in (".gz", ".br"):
            _place(cache_dir / f"{key}{suffix}", path.with_name(path.name + suffix))
    used = {f"{k}{s}" for k in keys.values() for s in (".gz", ".br")}
    for stale in cache_dir.iterdir():
        if stale.name not in used and not stale.name.startswith("."):
            stale.unlink()
    log(f"compressed: {len(jobs)} new, {len(files)} text files")
