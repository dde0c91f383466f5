"""A loopback web server for the built site that serves it the way production does
(deploy/nginx.conf): the precompressed .br or .gz file when the browser accepts it, long
caching for fingerprinted assets and revalidation for pages. Used by `make preview`, the
browser tests and `make bench`.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def cache_control(path: str) -> str:
    if FINGERPRINTED.search(path):
        return "public, max-age=31536000, immutable"
    if path.endswith((".html", "/", ".xml", ".txt", "sw.js")) or "/search/" in path:
        return "no-cache"  # always revalidated: a page is current the moment it is deployed
    return "public, max-age=3600"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".json": "application/json", ".vcf": "text/vcard",
                      ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        bare = self.path.split("?")[0].split("#")[0]
        if path.is_dir() and bare.endswith("/"):
            path = path / "index.html"
        self._served, self._encoding = str(path), None
        if not path.exists():
            return self._not_found()
        accepted = self.headers.get("Accept-Encoding", "")
        for name, suffix in ENCODINGS:
            packed = path.with_name(path.name + suffix)
            if path.is_file() and name in accepted and packed.is_file():
                return self._send_file(packed, self.guess_type(str(path)), name)
        return super().send_head()

    def _send_file(self, file: Path, content_type: str, encoding: str | None, status: int = 200):
        modified = self.date_time_string(int(file.stat().st_mtime))
        if status == 200 and self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.end_headers()
            return None
        self._encoding = encoding
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(file.stat().st_size))
        self.send_header("Last-Modified", modified)
        self.end_headers()
        return open(file, "rb")

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            self.send_error(404)
            return None
        self._served = "404.html"
        return self._send_file(page, "text/html; charset=utf-8", None, status=404)

    def end_headers(self):
        if getattr(self, "_encoding", None):
            self.send_header("Content-Encoding", self._encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", cache_control(getattr(self, "_served", self.path)))
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


def start(site_dir: Path, port: int = 0):
    """Serve site_dir on 127.0.0.1:port (0: a free one) in a thread; returns (base URL, stop)."""
    handler = functools.partial(Handler, directory=str(Path(site_dir).resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_address[1]}", stop
