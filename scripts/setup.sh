#!/usr/bin/env bash
# Sets up everything the project needs on a fresh Debian machine, and does nothing
# that is already done: system packages (fonts, Chromium, poppler), then a Python
# virtual environment with the hash-locked packages of requirements.lock.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: fonts-noto-core for Arabic-script and Latin fonts (PDFs, screenshots),
# chromium for the browser tests, Pango and fontconfig for WeasyPrint, poppler-utils
# (pdftotext, pdftoppm) for testing PDFs, FriBiDi for Pillow's right-to-left text layout
# (share-preview images), nginx with its brotli_static module (the production rules of
# deploy/nginx.conf serve `make preview` and the browser tests), Node.js and npm for the tools of
# package.json (axe-core, html-validate, Lighthouse), libgs-common for Ghostscript's CMYK output
# profile (the print shop's PDF/X output intent, /usr/share/color/icc/ghostscript/default_cmyk.icc).
SYSTEM_PACKAGES=(chromium fonts-noto-core fontconfig libpango-1.0-0 libpangoft2-1.0-0 poppler-utils libfribidi0
                 nginx libnginx-mod-http-brotli-static libgs-common)
command -v npm >/dev/null || SYSTEM_PACKAGES+=(nodejs npm)  # a newer Node.js (e.g. NodeSource) also does

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "setup: please install as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup: Python 3.11 or newer is needed ($python is $("$python" --version 2>&1))" >&2; exit 1; }

if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv"
  "$python" -m venv .venv
fi

# Reinstall only when the lock file changed.
lock_sum=$(sha256sum requirements.lock | cut -d' ' -f1)
if [[ ! -f .venv/.lock-sha256 || $(cat .venv/.lock-sha256) != "$lock_sum" ]]; then
  echo "setup: installing Python packages from requirements.lock (hash-checked)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
  echo "$lock_sum" > .venv/.lock-sha256
fi

# The package is used in place (an editable install), which also registers its MkDocs plugin.
pyproject_sum=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [[ ! -f .venv/.pyproject-sha256 || $(cat .venv/.pyproject-sha256) != "$pyproject_sum" ]]; then
  site_packages=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  rm -f "$site_packages/returnguide.pth"  # the earlier way of using the package in place
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$pyproject_sum" > .venv/.pyproject-sha256
fi

# npm tools (package-lock.json): reinstall only when the lock changed. The tests need axe-core
# and html-validate, so a failed install stops the set-up.
npm_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f node_modules/.lock-sha256 || $(cat node_modules/.lock-sha256) != "$npm_sum" ]]; then
  echo "setup: installing npm tools from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null || {
    echo "setup: npm ci failed (see above); the tests need axe-core and html-validate" >&2; exit 1; }
  echo "$npm_sum" > node_modules/.lock-sha256
fi
