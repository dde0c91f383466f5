"""Link integrity of the built site: every internal link and anchor, in every language, must
lead somewhere (checked by `make test` on every build); links to other sites are listed and
checked on demand (`returnguide external-links`), since the gate must not depend on the internet.

A link counts as internal when it is relative, site-absolute, or starts with the public site
address (canonical, hreflang and share addresses): it must name a file of site/ (a folder: its
index.html), and its #fragment an id (or a name) in that file.
"""

from __future__ import annotations

import concurrent.futures
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES = {"href", "src", "action", "data-index"}
REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(.+)$", re.IGNORECASE)
NOT_CHECKED = ("mailto:", "tel:", "data:", "sms:")


@dataclass(frozen=True)
class Broken:
    page: str  # site-relative file
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} - {self.reason}"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in LINK_ATTRIBUTES & attrs.keys():
            if attrs[key] is not None:
                self.links.append(attrs[key])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            match = REFRESH.match(attrs.get("content") or "")
            if match:
                self.links.append(match.group(1).strip())
        if tag == "meta" and attrs.get("property") in ("og:url", "og:image"):
            self.links.append(attrs.get("content") or "")


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site_dir: Path, site_path: str) -> Path | None:
    """The file a static host serves for a site path, or None."""
    candidate = site_dir / unquote(site_path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def scan(site_dir: Path, site_url: str) -> tuple[list[Broken], dict[str, list[str]], int]:
    """(broken internal links, external URL -> pages that link to it, internal links checked)."""
    site_dir = site_dir.resolve()
    public = urlsplit(site_url)
    pages = {p: _parse(p) for p in sorted(site_dir.rglob("*.html"))}
    broken: list[Broken] = []
    external: dict[str, list[str]] = {}
    checked = 0
    for path, page in pages.items():
        rel = path.relative_to(site_dir).as_posix()
        here = "/" + rel
        for link in page.links:
            if not link or link.startswith(NOT_CHECKED):
                continue
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") and parts.netloc != public.netloc:
                external.setdefault(link, []).append(rel)
                continue
            if parts.scheme and parts.scheme not in ("http", "https"):
                broken.append(Broken(rel, link, f"unexpected scheme {parts.scheme}:"))
                continue
            checked += 1
            if parts.netloc:  # the public address: its path below the site's own path
                base = public.path.rstrip("/") + "/"
                if not parts.path.startswith(base):
                    broken.append(Broken(rel, link, f"outside the site address {site_url}"))
                    continue
                site_path = "/" + parts.path[len(base):]
            else:
                site_path = PurePosixPath(urlsplit(urljoin(here, link)).path).as_posix() if parts.path else here
                if parts.path.endswith("/") and not site_path.endswith("/"):
                    site_path += "/"
            target = _target(site_dir, site_path)
            if target is None:
                broken.append(Broken(rel, link, "no such file in the site"))
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(Broken(rel, link, f"no id \"{unquote(parts.fragment)}\" in {target.relative_to(site_dir)}"))
    return broken, external, checked


def check_external(urls: list[str], timeout: float = 15.0, workers: int = 8) -> dict[str, str]:
    """URL -> problem ("" when it answers 2xx/3xx), asked with HEAD, then GET if HEAD is refused."""

    def ask(url: str) -> str:
        for method in ("HEAD", "GET"):
            request = urllib.request.Request(url, method=method, headers={"User-Agent": "returnguide link check"})
            try:
                with urllib.request.urlopen(request, timeout=timeout):
                    return ""
            except urllib.error.HTTPError as error:
                if method == "HEAD" and error.code in (403, 405, 501):
                    continue
                return f"HTTP {error.code}"
            except (urllib.error.URLError, OSError) as error:
                return f"no answer ({getattr(error, 'reason', error)})"
        return "no answer"

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(urls, pool.map(ask, urls), strict=True))
