"""Our own stylesheet and scripts get their content's hash in their names, as Material's have:

- `assets/stylesheets/site.css` and every `assets/javascripts/*.js` that is not already
  fingerprinted (Material's `*.1a2b3c4d.min.js`) is renamed to `name.<8 hex of sha256>.ext`,
  and every `src=`/`href=` in every page that points at it is rewritten, as is every
  `import … from "./name.js"` in our scripts (a module is named after its content once the names
  of the modules it imports are in it, so a changed text.js renames search.js too). A new deploy therefore
  never runs new pages with an old copy of search.js or site.css from a browser's or a CDN's
  cache, and deploy/nginx.conf can let browsers keep these files for a year;
- the service worker (`sw.js`, whose address must stay the same) gets the build's version:
  a hash of the names of all fingerprinted assets (so of their content) and of sw.js itself.
  Its caches are named after that version, and on activation it deletes the caches of every
  other version, so a reader's phone does not keep old builds' files.

Same input, same names, same bytes: nothing here depends on the clock or on file order.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

OWN_ASSETS = ("assets/stylesheets/site.css", "assets/javascripts/*.js")
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}(\.min)?\.(css|js)$")
SERVICE_WORKER = "sw.js"
# the line of overrides/sw.js that receives the version
VERSION_LINE = re.compile(r'^const VERSION = "[^"\n]*";', re.M)
_REFERENCE = re.compile(r"""\b(src|href)=(["'])(.*?)\2""", re.S)
_PATH = re.compile(r"([^?#]*)(.*)", re.S)
# a static import of a module beside it: `from "./text.js"`
_IMPORT = re.compile(r"""(\bfrom\s*)(["'])\./([\w.-]+\.js)\2""")


class FingerprintError(Exception):
    pass


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def write(site_dir: Path) -> dict[str, str]:
    """Fingerprint our assets in the built site; returns {old path: new path}, relative to site_dir."""
    renamed: dict[str, str] = {}
    waiting = [path for pattern in OWN_ASSETS for path in sorted(site_dir.glob(pattern))
               if path.is_file() and not FINGERPRINTED.search(path.name)]
    own = {path.name for path in waiting}
    while waiting:
        # a module is named once every module it imports has its new name
        ready = [path for path in waiting if path.suffix != ".js" or all(
            name not in own or f"{path.parent.relative_to(site_dir).as_posix()}/{name}" in renamed
            for name in _imports(path))]
        if not ready:
            raise FingerprintError("these scripts import each other in a circle: "
                                   + ", ".join(p.relative_to(site_dir).as_posix() for p in waiting))
        for path in ready:
            waiting.remove(path)
            if path.suffix == ".js":
                source = path.read_text(encoding="utf-8")
                folder = path.parent.relative_to(site_dir).as_posix()

                def specifier(match: re.Match, folder=folder) -> str:
                    before, quote, name = match.groups()
                    new_path = renamed.get(f"{folder}/{name}")
                    return f"{before}{quote}./{new_path.rsplit('/', 1)[-1]}{quote}" if new_path else match.group(0)

                changed = _IMPORT.sub(specifier, source)
                if changed != source:
                    path.write_text(changed, encoding="utf-8", newline="")
            new = path.with_name(f"{path.stem}.{_digest(path.read_bytes())}{path.suffix}")
            path.rename(new)
            renamed[path.relative_to(site_dir).as_posix()] = new.relative_to(site_dir).as_posix()

    # Pages refer to assets relatively (../../assets/…) or from the root (/assets/… on 404 pages):
    # a reference is rewritten when its path ends in an old name at a folder boundary.
    def rewrite(match: re.Match) -> str:
        attribute, quote, value = match.groups()
        path, tail = _PATH.match(value).groups()  # tail: ?query#fragment
        for old, new in renamed.items():
            if path == old or path.endswith("/" + old):
                path = path[: len(path) - len(old)] + new
                break
        return f"{attribute}={quote}{path}{tail}{quote}"

    if renamed:
        for page in sorted(site_dir.rglob("*.html")):
            text = page.read_text(encoding="utf-8")
            changed = _REFERENCE.sub(rewrite, text)
            if changed != text:
                page.write_text(changed, encoding="utf-8", newline="")

    worker = site_dir / SERVICE_WORKER
    if worker.is_file():
        source = worker.read_text(encoding="utf-8")
        if len(VERSION_LINE.findall(source)) != 1:
            raise FingerprintError(f"{SERVICE_WORKER}: no single line `const VERSION = \"…\";` for the build's version")
        worker.write_text(VERSION_LINE.sub(f'const VERSION = "{version(site_dir, source)}";', source),
                          encoding="utf-8", newline="")
    return renamed


def _imports(path: Path) -> list[str]:
    """The names of the modules beside it that a script imports statically."""
    return [m.group(3) for m in _IMPORT.finditer(path.read_text(encoding="utf-8"))]


def version(site_dir: Path, worker_source: str) -> str:
    """The build's version: the fingerprinted assets' names (ours and Material's) and sw.js."""
    names = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / "assets").rglob("*")
                   if p.is_file() and FINGERPRINTED.search(p.name))
    return "rg-" + _digest("\n".join([*names, worker_source]).encode("utf-8"))
