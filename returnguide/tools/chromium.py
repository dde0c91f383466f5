"""Debian's Chromium, as the benchmarks and the browser tests start it (never a downloaded build)."""

CHROMIUM = "/usr/bin/chromium"
# No background requests: this machine has no internet, and a reader's browser would not make them.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
