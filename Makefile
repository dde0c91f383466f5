# Every target is thin: it sets up (fast when nothing changed) and calls the package CLI.
PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1
# Python keeps compiled modules and pytest its rewritten test modules between runs (__pycache__/,
# ignored by git): about 4 s of every test run. Some environments switch that off.
unexport PYTHONDONTWRITEBYTECODE
PORT ?= 8000

.PHONY: preview edit serve setup build check test test-fast lock urls bench external-links strings

## preview: set up, build site and leaflets, serve on http://127.0.0.1:$(PORT)
preview: build
	$(PY) -m returnguide serve --port $(PORT)

## edit: build and serve the site with the web editor (/admin/), which edits this checkout in Chromium or Edge
edit: build
	$(PY) -m returnguide serve --port $(PORT) --editor

## serve: live preview for writers: MkDocs rebuilds and reloads the page on every change of docs/ or materials/
serve: setup
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:$(PORT)

## setup: system packages, .venv and the locked Python packages
setup:
	@bash scripts/setup.sh

## build: check the content, then build into site/ (replaced only on success)
build: setup
	$(PY) -m returnguide build

## check: validate all content and report translation coverage
check: setup
	$(PY) -m returnguide check

## strings: extract the interface strings into returnguide/locales/messages.pot and update every catalogue
strings: setup
	$(PY) -m returnguide strings

## urls: record the addresses of the current content in materials/published-urls.txt (commit it)
urls: setup
	$(PY) -m returnguide urls --record

## test: the whole test suite, on every core (pytest-xdist; the real site is built once and shared)
test: setup
	$(PY) -m pytest -n auto --dist worksteal

## test-fast: model, checks, CLI and catalogues only (under 30 s; no site build, no browser)
test-fast: setup
	$(PY) -m pytest -m "not slow" -q -n auto

## external-links: check the links to other sites in the built site (needs the internet; not in make test)
external-links: setup
	$(PY) -m returnguide external-links

## bench: page weight and Lighthouse scores of the built site, into BENCHMARKS.md
bench: build
	$(PY) -m returnguide bench

## lock: re-resolve pyproject.toml into the hash-locked requirements.lock
lock: setup
	$(PY) -m pip install --quiet pip-tools
	$(PY) -m piptools compile --quiet --generate-hashes --extra test --extra setup --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
