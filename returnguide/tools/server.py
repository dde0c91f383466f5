"""Serve the built site through nginx with the production rules of deploy/nginx.conf, on
loopback: what the browser tests and `make bench` measure, and what `make preview` shows, is
what gets deployed (headers, caching, precompressed files, 404 pages, short links).

nginx runs in the foreground from a throw-away folder (its own pid file, logs, temp folders),
so it needs no root and leaves nothing behind; only the Debian module is shared.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

# The one dynamic module the rules need (Debian: libnginx-mod-http-brotli-static).
BROTLI_STATIC = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")

# The part of a production configuration that is not the site's: in production this is
# /etc/nginx/nginx.conf plus a server block with listen, server_name, TLS and root.
WRAPPER = """\
daemon off;
worker_processes 1;
{user}
pid {work}/nginx.pid;
error_log {work}/error.log warn;
load_module {brotli};
events {{ worker_connections 512; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {site};
        include {rules};
    }}
}}
"""


class ServerError(Exception):
    """nginx is missing or would not start; the message says why."""


def nginx_binary() -> str:
    found = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))
    if not found:
        raise ServerError("nginx is not installed: run `make setup` (Debian packages nginx, "
                          "libnginx-mod-http-brotli-static)")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(site_dir: Path, rules: Path, port: int = 0):
    """Serve site_dir on 127.0.0.1:port (0: a free one) with nginx and the rules file
    (deploy/nginx.conf); returns (base URL, stop)."""
    binary = nginx_binary()
    if not BROTLI_STATIC.is_file():
        raise ServerError(f"{BROTLI_STATIC} is missing: run `make setup` (libnginx-mod-http-brotli-static)")
    port = port or free_port()
    work = Path(tempfile.mkdtemp(prefix="rg-nginx-"))
    config = work / "nginx.conf"
    config.write_text(WRAPPER.format(
        # As root, nginx's workers would switch to "nobody", who cannot read a private temp folder.
        user="user root;" if os.geteuid() == 0 else "",
        work=work, brotli=BROTLI_STATIC, mime_types=MIME_TYPES, port=port,
        site=Path(site_dir).resolve(), rules=rules.resolve()), encoding="utf-8")
    process = subprocess.Popen([binary, "-p", str(work), "-c", str(config), "-e", str(work / "error.log")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def stop():
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            message = process.stderr.read().strip()
            log = work / "error.log"
            message += ("\n" + log.read_text(errors="replace").strip()) if log.exists() else ""
            stop()
            raise ServerError(f"nginx did not start with {rules}:\n{message}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return f"http://127.0.0.1:{port}", stop
        except OSError:
            time.sleep(0.05)
    stop()
    raise ServerError(f"nginx did not answer on 127.0.0.1:{port} within 15 s")

