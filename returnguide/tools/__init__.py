"""Tools around the build: nginx on loopback, benchmarks, link integrity, Chromium's settings."""
